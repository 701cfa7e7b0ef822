// "Open Ticket": a quick pick that checks the id as you type (pasted ids with spaces, lower case and console links
// are fine), offers recent tickets first, and, when signed out, offers Sign In and then carries on with the same id:
// the ticket waits (PendingTicket) until a sign-in by any way (the notice's button, the Accounts menu, the Tickets
// view) completes, so a notice that timed out does not lose it. Other features call the command with an id
// (string, { ticketId }, or [id] from a command link).
import { t } from '../../common/l10n';
import * as vscode from 'vscode';
import { parseTicketIdInput, ticketIdFromArgument } from './ticketId';
import { type RecentTickets } from './recentTickets';
import { notificationText, quickPickText } from '../../common/untrustedText';
import type { TicketService } from '../../tickets/types';
import { lookUpTicket, TypedTicketLookups, typedRowDescription } from './typedTicket';

export interface OpenTicketDeps {
  recent: RecentTickets;
  isSignedIn: () => Promise<boolean>;
  signIn: () => Promise<boolean>;
  openPanel: (ticketId: string) => void;
  pending: PendingTicket;
  /** Loads what opening a panel needs while the person types the id, so that Enter does not wait for it. */
  prepare?: () => void;
  /** Where the id in the box is looked up while the person reads its row (typedTicket.ts). */
  service?: Pick<TicketService, 'getTicket' | 'getNotes' | 'onDidChange'>;
}

/** The ticket Open Ticket was asked for while signed out: opened when a sign-in completes, whichever way. */
export class PendingTicket {
  private ticketId: string | undefined;

  set(ticketId: string): void {
    this.ticketId = ticketId;
  }

  /** The waiting ticket, once: whoever takes it opens it. */
  take(): string | undefined {
    const ticketId = this.ticketId;
    this.ticketId = undefined;
    return ticketId;
  }

  /** Signed out again, or the user opened something else meanwhile: nothing waits any more. */
  clear(): void {
    this.ticketId = undefined;
  }
}

type PickItem = vscode.QuickPickItem & { ticketId?: string };

/** Resolves to the ticket whose panel was opened (undefined: none, e.g. cancelled or waiting for a sign-in). */
export async function openTicket(deps: OpenTicketDeps, arg?: unknown): Promise<string | undefined> {
  const fromArg = ticketIdFromArgument(arg);
  if (fromArg && 'error' in fromArg) {
    // An id the API cannot have: said before any request.
    void vscode.window.showErrorMessage(t('Cannot open that ticket: {0}', notificationText(fromArg.error)));
    return undefined;
  }
  const ticketId = fromArg?.ticketId ?? (await pickTicketId(deps));
  if (!ticketId) return undefined;
  if (!(await deps.isSignedIn())) {
    deps.pending.set(ticketId);
    const signIn = t('Sign In');
    const choice = await vscode.window.showInformationMessage(
      t(
        'Sign in to Alibaba Cloud to open ticket {0}. It opens as soon as you are signed in.',
        notificationText(ticketId, 64),
      ),
      signIn,
    );
    if (choice !== signIn) return undefined;
    await deps.signIn();
    // Signing in may already have opened it (the sign-in listener takes the pending ticket first).
    const waiting = deps.pending.take();
    if (waiting === undefined) return (await deps.isSignedIn()) ? ticketId : undefined;
    if (!(await deps.isSignedIn())) {
      deps.pending.set(waiting);
      return undefined;
    }
    deps.openPanel(waiting);
    return waiting;
  }
  deps.pending.clear();
  deps.openPanel(ticketId);
  return ticketId;
}

/** After a sign-in completed (any way): opens the ticket Open Ticket was waiting to open, if any. */
export function openPendingTicket(pending: PendingTicket, openPanel: (ticketId: string) => void): void {
  const ticketId = pending.take();
  if (ticketId) openPanel(ticketId);
}

function pickTicketId({ recent, prepare, service }: OpenTicketDeps): Promise<string | undefined> {
  const recentItems: PickItem[] = recent.list().map((r) => ({
    label: quickPickText(r.ticketId, 64),
    description: quickPickText(r.title),
    ticketId: r.ticketId,
  }));
  const recentSection: PickItem[] = recentItems.length
    ? [{ label: t('Recent tickets'), kind: vscode.QuickPickItemKind.Separator }, ...recentItems]
    : [];

  const pick = vscode.window.createQuickPick<PickItem>();
  pick.title = t('Open Ticket');
  pick.placeholder = t('Ticket ID, like 0005PYGCW, or a console link');
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  pick.items = recentSection;

  const update = () => {
    const value = pick.value;
    if (!value.trim()) {
      lookups?.typed(undefined);
      pick.items = recentSection;
      return;
    }
    const parsed = parseTicketIdInput(value);
    lookups?.typed(parsed.ok ? parsed.ticketId : undefined);
    const known = parsed.ok ? recentItems.find((r) => r.ticketId === parsed.ticketId) : undefined;
    const first: PickItem = parsed.ok
      ? {
          label: parsed.ticketId,
          description: typedRowDescription(
            lookups?.result(parsed.ticketId),
            known?.description ?? t('Open this ticket'),
          ),
          ticketId: parsed.ticketId,
          alwaysShow: true,
        }
      : { label: `$(error) ${quickPickText(parsed.message, 200)}`, alwaysShow: true };
    pick.items = [first, ...recentSection.filter((item) => item.ticketId !== first.ticketId)];
  };
  // The row of the id in the box is drawn again when the server's answer about it comes (if the box still holds it).
  const lookups =
    service &&
    new TypedTicketLookups(
      (ticketId, signal) => lookUpTicket(service, ticketId, signal),
      (ticketId) => {
        const parsed = parseTicketIdInput(pick.value);
        if (parsed.ok && parsed.ticketId === ticketId) update();
      },
    );

  return new Promise<string | undefined>((resolve) => {
    let result: string | undefined;
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      const selected = pick.selectedItems[0] ?? pick.activeItems[0];
      const parsed = parseTicketIdInput(pick.value);
      result = selected?.ticketId ?? (parsed.ok ? parsed.ticketId : undefined);
      // An invalid entry keeps the picker open: the first line already says what is wrong. A valid one opens at once,
      // not after the picker's hiding came back from the window (a round trip the panel would wait for).
      if (!result) return;
      lookups?.close(true);
      resolve(result);
      pick.hide();
    });
    // Another account (or none): a title the previous one's server gave must not stay on the row.
    const accountChange = service?.onDidChange((event) => {
      if (event.ticketId === undefined) lookups?.forgetAll();
    });
    pick.onDidHide(() => {
      accountChange?.dispose();
      lookups?.close(false);
      pick.dispose();
      resolve(result);
    });
    pick.show();
    // After the box is on screen. A failure to load is left for the panel to report, if one opens.
    setTimeout(() => {
      try {
        prepare?.();
      } catch {
        // reported by the panel when it opens
      }
    }, 0);
  });
}
