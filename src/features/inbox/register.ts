// The Inbox view in the Alibaba Cloud container: the answers from support not seen yet, newest first. A row opens the
// ticket's panel scrolled to that answer and marks it seen; Mark All as Seen empties the inbox. It sends no request:
// it is fed by every conversation the ticket service read (the watcher's checks, the panels) and, after a reload, by
// the last-known copies. Its count is part of the Tickets view's activity-bar badge (explorerView.ts).
import * as vscode from 'vscode';
import { createTreeView, rowTooltip } from '../../common/treeViews';
import { activeInterval } from '../../common/activeInterval';
import { Commands, Views } from '../../common/commands';
import type { TicketLoadEvent } from '../../tickets/types';
import type { LastKnownTickets } from '../../tickets/lastKnown';
import type { UnreadNotes } from '../details/unread';
import { inboxDescription, inboxItemLook, inboxItems, inboxRowId, type InboxItem } from './inboxModel';

export const INBOX_VIEW_ID = Views.inbox;
/** The ages on the rows are redrawn this often while there are rows. */
const AGE_TICK_MS = 60_000;

export interface InboxDeps {
  onDidLoad: (listener: (event: TicketLoadEvent) => void) => vscode.Disposable;
  unread: UnreadNotes;
  lastKnown: LastKnownTickets;
  /** A title known without a request (the cache), when the last-known copy has none. */
  peekTitle: (ticketId: string) => string | undefined;
  openPanel: (ticketId: string, dialogId: string) => void;
}

export interface InboxHandle extends vscode.Disposable {
  items(): InboxItem[];
  view: vscode.TreeView<InboxItem>;
  /** The rows as VS Code gets them (tests). */
  treeDataProvider: vscode.TreeDataProvider<InboxItem>;
}

export function registerInbox(deps: InboxDeps): InboxHandle {
  // What the view registers: the composition root disposes them through the handle.
  const disposables: vscode.Disposable[] = [];
  const { unread, lastKnown } = deps;
  const changed = new vscode.EventEmitter<void>();
  const titleOf = (ticketId: string) => {
    const known = lastKnown.get(ticketId);
    return known?.ticket?.title ?? known?.title ?? deps.peekTitle(ticketId);
  };
  const items = () => inboxItems(unread.unreadNotes(), titleOf);
  const provider: vscode.TreeDataProvider<InboxItem> = {
    onDidChangeTreeData: changed.event,
    getChildren: (element) => (element ? [] : items()),
    getTreeItem: (item) => {
      const look = inboxItemLook(item, Date.now());
      const row = new vscode.TreeItem(look.label, vscode.TreeItemCollapsibleState.None);
      row.id = inboxRowId(item.ticketId, item.dialogId);
      row.description = look.description;
      row.iconPath = new vscode.ThemeIcon(look.icon.id, new vscode.ThemeColor(look.icon.color));
      row.command = look.command;
      row.contextValue = 'inboxAnswer';
      row.accessibilityInformation = { label: look.accessibilityLabel };
      return row;
    },
    // The answer's tooltip when the pointer rests on its row (rowTooltip), not with every redraw of the Inbox.
    resolveTreeItem: (row, item) => {
      row.tooltip ??= rowTooltip(inboxItemLook(item, Date.now()).tooltip);
      return row;
    },
  };
  const view = createTreeView(INBOX_VIEW_ID, { treeDataProvider: provider });
  const redraw = () => {
    view.description = inboxDescription(unread.total());
    changed.fire();
  };
  /** Every conversation the last-known copy holds counts (after a reload, before anything is fetched again). */
  const seedFromLastKnown = () => {
    for (const known of lastKnown.all()) if (known.notes) unread.update(known.ticketId, known.notes);
  };
  // The ages on the rows move on only while the Inbox is on screen: a hidden one fires no timer.
  const ageTimer = activeInterval(
    AGE_TICK_MS,
    () => unread.total() > 0 && changed.fire(),
    () => view.visible,
    (listener) => view.onDidChangeVisibility(listener),
  );

  disposables.push(
    view,
    changed,
    ageTimer,
    deps.onDidLoad((event) => {
      if (event.kind === 'notes') unread.update(event.ticketId, event.notes);
      else if (unread.total() > 0) changed.fire(); // titles arrived
    }),
    unread.onDidChange(redraw),
    lastKnown.onDidChange((ticketId) => {
      if (ticketId === undefined) {
        // Another account, or the copies were read from disk: start over from them.
        unread.reset();
        seedFromLastKnown();
        redraw();
      }
    }),
    vscode.commands.registerCommand(Commands.inboxOpen, (arg?: { ticketId?: unknown; dialogId?: unknown }) => {
      if (typeof arg?.ticketId !== 'string' || typeof arg.dialogId !== 'string') return;
      deps.openPanel(arg.ticketId, arg.dialogId);
      return unread.markSeen(arg.ticketId, [arg.dialogId]);
    }),
    vscode.commands.registerCommand(Commands.inboxMarkAllSeen, () => unread.markAllSeen()),
  );
  redraw();
  return {
    dispose: () => {
      for (const disposable of disposables.splice(0)) disposable.dispose();
    },
    items,
    view,
    treeDataProvider: provider,
  };
}
