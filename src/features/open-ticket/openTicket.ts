// "Open Ticket": a quick pick that checks the id as you type (pasted ids with spaces, lower case and console links
// are fine), offers recent tickets first, and, when signed out, offers Sign In and then carries on with the same id.
// Other features call the command with an id (string, { ticketId }, or [id] from a command link).
import * as vscode from 'vscode';
import { parseTicketIdInput, ticketIdFromArgument } from './ticketId';
import { plainQuickPickText, type RecentTickets } from './recentTickets';

export interface OpenTicketDeps {
  recent: RecentTickets;
  isSignedIn: () => Promise<boolean>;
  signIn: () => Promise<boolean>;
  openPanel: (ticketId: string) => void;
}

type PickItem = vscode.QuickPickItem & { ticketId?: string };

export async function openTicket(deps: OpenTicketDeps, arg?: unknown): Promise<void> {
  const fromArg = ticketIdFromArgument(arg);
  if (fromArg && 'error' in fromArg) {
    void vscode.window.showErrorMessage(`Cannot open that ticket: ${fromArg.error}`);
    return;
  }
  const ticketId = fromArg?.ticketId ?? (await pickTicketId(deps.recent));
  if (!ticketId) return;
  if (!(await deps.isSignedIn())) {
    const choice = await vscode.window.showInformationMessage(`Sign in to Alibaba Cloud to open ticket ${ticketId}.`, 'Sign In');
    if (choice !== 'Sign In' || !(await deps.signIn())) return;
  }
  deps.openPanel(ticketId);
}

function pickTicketId(recent: RecentTickets): Promise<string | undefined> {
  const recentItems: PickItem[] = recent.list().map((r) => ({
    label: r.ticketId,
    description: plainQuickPickText(r.title),
    ticketId: r.ticketId,
  }));
  const recentSection: PickItem[] = recentItems.length ? [{ label: 'Recent tickets', kind: vscode.QuickPickItemKind.Separator }, ...recentItems] : [];

  const pick = vscode.window.createQuickPick<PickItem>();
  pick.title = 'Open Ticket';
  pick.placeholder = 'Ticket ID, like 0005PYGCW, or a console link';
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  pick.items = recentSection;

  const update = () => {
    const value = pick.value;
    if (!value.trim()) {
      pick.items = recentSection;
      return;
    }
    const parsed = parseTicketIdInput(value);
    const known = parsed.ok ? recentItems.find((r) => r.ticketId === parsed.ticketId) : undefined;
    const first: PickItem = parsed.ok
      ? { label: parsed.ticketId, description: known?.description ?? 'Open this ticket', ticketId: parsed.ticketId, alwaysShow: true }
      : { label: `$(error) ${parsed.message}`, alwaysShow: true };
    pick.items = [first, ...recentSection.filter((item) => item.ticketId !== first.ticketId)];
  };

  return new Promise<string | undefined>((resolve) => {
    let result: string | undefined;
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      const selected = pick.selectedItems[0] ?? pick.activeItems[0];
      const parsed = parseTicketIdInput(pick.value);
      result = selected?.ticketId ?? (parsed.ok ? parsed.ticketId : undefined);
      // An invalid entry keeps the picker open: the first line already says what is wrong.
      if (result) pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}
