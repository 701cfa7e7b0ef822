// The Tickets view's wiring: creates the tree view over TicketTreeProvider (treeProvider.ts) and registers its
// commands, context keys, badge, the message above the list, auto-refresh and reveal.
import * as vscode from 'vscode';
import { createTreeView } from '../../common/treeViews';
import { BuiltinCommands, Commands, ContextKeys, Views } from '../../common/commands';
import { showTicketError } from '../../common/errorNotification';
import { t } from '../../common/l10n';
import type { TicketService } from '../../tickets/types';
import { describeFilter, isFilterActive, toFilter, type TicketFilter } from './filter';
import { statusBarTooltipText } from '../../common/untrustedText';
import { ANSWERS_PART, answersPart, type AttentionCount } from '../../tickets/attention';
import { needsYou } from '../../tickets/status';
import { StatusFollower, type LearnedStatus } from './follow';
import { isOfflineRefresh, refreshFailureText } from './labels';
import type { SavedListStore } from './savedLists';
import type { KnownCreateTimes } from './ages';
import { ticketIdOf, TicketExplorerModel } from './model';
import { MIN_AUTO_REFRESH_SECONDS, RefreshTimer } from './refreshTimer';
import { TicketTreeProvider, type UnreadAnswers } from './treeProvider';
import { getSetting, onDidChangeSettings, updateSetting } from '../../settings/configuration';
import { notificationText, treeText } from '../../common/untrustedText';

export const EXPLORER_VIEW_ID = Views.explorer;

export interface TicketExplorer extends vscode.Disposable {
  /**
   * Shows the ticket in the tree (loading pages if needed); false when it is not there (filtered out, unknown).
   * follow: what the details panels use (extension.ts) to track the active ticket: nothing happens while the view is
   * hidden (TreeView.reveal would pull the sidebar open), and only a ticket already loaded is selected — opening a
   * panel must not page through the list with requests the user did not ask for, nor unfold a group the user folded.
   */
  reveal(ticketId: string, options?: { follow?: boolean }): Promise<boolean>;
  refresh(): Promise<void>;
  /** The tree's data provider, for the integration tests (getChildren / getTreeItem as VS Code calls them). */
  readonly treeDataProvider: vscode.TreeDataProvider<unknown>;
  /** The view itself: its description (after the title), message (above the list) and badge. */
  readonly view: vscode.TreeView<unknown>;
  /** Names the account whose tickets the view shows (in its title); undefined: the view's own name only. */
  setAccount(name: string | undefined): void;
  /** Marks tickets with news from support (the watcher's announcements not yet opened); redraws when they change. */
  showMarks(marked: () => ReadonlySet<string>, onDidChange: vscode.Event<void>): void;
  /** Statuses learned elsewhere (another window's watcher poll): rows shown in another status move at once. */
  follow(learned: readonly LearnedStatus[]): void;
}

/** Registers the explorer view and its commands. Returns reveal/refresh for other features (the details panels reveal the ticket they show). */
export function registerExplorer(
  service: TicketService,
  unread: UnreadAnswers | undefined,
  /** The Filter button's input boxes (filterPrompt.ts); the composition root loads their code on the first click. */
  promptForFilter: (current: TicketFilter) => Promise<TicketFilter | undefined>,
  /** The one count of tickets that wait for the user: the badge shows it, every load counts again. */
  attention?: AttentionCount,
  /** The last list, kept per account: a window opened while the network fails shows it as offline (savedLists.ts). */
  saved?: SavedListStore,
  /** Creation times of tickets read before (the last-known copies), so their rows' ages cost no request (ages.ts). */
  knownCreateTimes?: KnownCreateTimes,
): TicketExplorer {
  // What the view registers: the composition root disposes them through the handle (TicketExplorer.dispose).
  const disposables: vscode.Disposable[] = [];
  const settings = () => {
    return { groupByStatus: getSetting('explorer.groupByStatus'), pageSize: getSetting('explorer.pageSize') };
  };
  const model = new TicketExplorerModel({ service, settings, attention, saved });
  // What the extension changed or learned shows at once: the groups a ticket moved between load again (follow.ts).
  const follower = new StatusFollower({
    follow: (learned) => track(model.follow(learned)),
    recount: () => attention?.refresh({ force: true }) ?? Promise.resolve(),
  });
  const provider = new TicketTreeProvider(model, service, unread, knownCreateTimes);
  if (unread) {
    // The answers from support not yet seen (the Inbox) are a part of the one count (attention.ts).
    const countAnswers = () => attention?.setPart(ANSWERS_PART, answersPart(unread.total()));
    countAnswers();
    // A ticket's unread answers changed (loaded or seen in its panel): redraw its row, count again.
    disposables.push(
      unread.onDidChange((ticketId) => {
        const node = ticketId === undefined ? undefined : model.findTicket(ticketId);
        if (node || ticketId === undefined) provider.fire(node);
        countAnswers();
        updateContext();
      }),
    );
  }
  const view = createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  view.onDidExpandElement((event) => {
    if (event.element.kind === 'group') provider.folded.set(event.element.status, 'expanded');
    provider.groupExpanded(event.element);
  });
  view.onDidCollapseElement((event) => {
    if (event.element.kind === 'group') provider.folded.set(event.element.status, 'collapsed');
  });
  const timer = new RefreshTimer(() => refresh());

  /** Shows the view's progress bar while a load runs. */
  const track = (promise: Promise<unknown> | undefined): Promise<void> => {
    if (!promise) return Promise.resolve();
    const done = promise.then(
      () => undefined,
      () => undefined,
    );
    void vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, () => done);
    return done;
  };

  let accountName: string | undefined;
  /** The account-naming title set last (undefined: the view's own name from the manifest). */
  let shownTitle: string | undefined;
  const updateContext = () => {
    void vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.explorerState, model.state);
    void vscode.commands.executeCommand(
      BuiltinCommands.setContext,
      ContextKeys.explorerErrorKind,
      model.state === 'error' ? (model.lastError?.kind ?? 'unknown') : '',
    );
    void vscode.commands.executeCommand(
      BuiltinCommands.setContext,
      ContextKeys.explorerFiltered,
      isFilterActive(model.filter),
    );
    // The activity-bar badge: the tickets that wait for the user, whatever the filter and layout (attention.ts, the
    // status bar's count too).
    const waiting = model.state === 'signedOut' ? undefined : attention?.total;
    view.badge = waiting ? { value: waiting, tooltip: attention!.tooltip(statusBarTooltipText) } : undefined;
    // Once several accounts are saved the title names the one shown: the title is what VS Code keeps on screen both
    // under the view's own header and in the sidebar's title when the view is alone there (no description then).
    const title = accountName ? t('Tickets · {0}', treeText(accountName, 80)) : undefined;
    if (title !== shownTitle) view.title = title ?? t('Tickets');
    shownTitle = title;
    const filterText = describeFilter(model.filter);
    view.description = filterText ? t('Filter: {0}', filterText) : undefined;
    // The description sits after the container title and the title-bar buttons and is cut off in a narrow sidebar:
    // the filter is said at the top of the list too, after a failed refresh. Not when the list is empty: a message
    // hides the welcome view ("No tickets match the filter" with Clear Filter).
    const lines: string[] = [];
    if (model.refreshFailure && model.state !== 'error') lines.push(refreshFailureText(model.refreshFailure));
    if (filterText && model.state === 'ready')
      lines.push(t('Filtered: {0}. Clear Filter (title bar) shows all tickets.', filterText));
    view.message = lines.length ? lines.join('\n') : undefined;
  };

  disposables.push(
    view,
    provider,
    { dispose: () => timer.dispose() },
    { dispose: () => follower.dispose() },
    model.onDidChange((node) => {
      provider.fire(node);
      if (!node) {
        updateContext();
        // A finished load counts as a refresh: the next automatic one is a full interval away. Offline, the shortest
        // interval (auto-refresh off too), as an offline ticket panel asks again: the list refreshes by itself once the
        // server answers.
        if (!model.loading) {
          timer.setRetry(isOfflineRefresh(model.refreshFailure) ? MIN_AUTO_REFRESH_SECONDS * 1000 : undefined);
          timer.markRefreshed();
        }
      }
    }),
    service.onDidChange((event) => {
      if (event.ticketId === undefined) {
        // Signed in or out, or the endpoint changed: start over (the tree loads again when it asks for children).
        provider.ages.clear();
        attention?.reset();
        model.reset();
        return;
      }
      const node = model.findTicket(event.ticketId);
      if (node) provider.fire(node);
      // A status the service learned (the panel reloaded after a reply, Close or Reopen; the watcher polled): the
      // ticket moves in the tree, and the count changes when it started or stopped waiting for the user.
      if (event.status !== undefined)
        follower.learned({ ticketId: event.ticketId, status: event.status, previous: event.previousStatus }, needsYou);
    }),
    view.onDidChangeVisibility((event) => timer.setVisible(event.visible)),
    vscode.window.onDidChangeWindowState((state) => state.focused && timer.catchUp()),
    // The other layout or page size shows other rows: they get their ages as a new load's (ages.ts).
    onDidChangeSettings(['explorer.groupByStatus', 'explorer.pageSize'], () => {
      provider.ages.startLoad();
      void track(model.updateSettings());
    }),
    onDidChangeSettings(['explorer.autoRefreshSeconds'], () =>
      timer.setIntervalSeconds(getSetting('explorer.autoRefreshSeconds')),
    ),
  );
  if (attention) disposables.push(attention.onDidChange(updateContext));
  timer.setIntervalSeconds(getSetting('explorer.autoRefreshSeconds'));
  timer.setVisible(view.visible);
  updateContext();

  const refresh = async () => {
    provider.ages.startLoad();
    timer.markRefreshed();
    await track(model.refresh());
  };

  /** Another filter shows other rows: they get their ages as a new load's (ages.ts). */
  const applyFilter = (filter: TicketFilter) => {
    provider.ages.startLoad();
    return track(model.setFilter(filter));
  };

  /** The title-bar toggle. A workspace value overrides the user's, so it is changed where it is set. */
  const setGrouped = (grouped: boolean) => updateSetting('explorer.groupByStatus', grouped);

  const reveal = async (ticketId: string, options: { follow?: boolean } = {}): Promise<boolean> => {
    if (options.follow && !view.visible) return false;
    const node = options.follow ? model.findTicket(ticketId) : await model.locate(ticketId);
    if (!node) return false;
    // Revealing a row unfolds its group: following the ticket shown must not undo the fold the user made (Collapse All
    // included). The reveal command (Commands.revealInExplorer) still does: it is asked for.
    const group = options.follow ? provider.getParent(node) : undefined;
    if (group?.kind === 'group' && provider.folded.foldedByUser(group.status)) return false;
    try {
      await view.reveal(node, { select: true, focus: false, expand: true });
      return true;
    } catch {
      // The tree reloaded between finding the node and showing it (auto-refresh, sign-out): it is not there now.
      return false;
    }
  };

  disposables.push(
    vscode.commands.registerCommand(Commands.explorerRefresh, refresh),
    // VS Code hands a title-bar command the selected row: the button ignores its argument and always asks.
    vscode.commands.registerCommand(Commands.explorerFilter, async () => {
      const filter = await promptForFilter(model.filter);
      if (filter) await applyFilter(filter);
    }),
    vscode.commands.registerCommand(Commands.explorerApplyFilter, async (arg: unknown) => {
      const filter = toFilter(arg);
      if (filter) await applyFilter(filter);
    }),
    vscode.commands.registerCommand(Commands.explorerClearFilter, () => applyFilter({})),
    vscode.commands.registerCommand(Commands.explorerGroupByStatus, () => setGrouped(true)),
    vscode.commands.registerCommand(Commands.explorerShowFlat, () => setGrouped(false)),
    vscode.commands.registerCommand(Commands.explorerLoadMore, async (listKey: unknown) => {
      if (typeof listKey !== 'string') return;
      const before = new Set(model.ticketIdsOf(listKey));
      await track(model.loadMore(listKey));
      // The page the user asked for gets its ages (up to one page), whatever the load's budget left.
      provider.ages.rowsRequested(model.ticketIdsOf(listKey).filter((id) => !before.has(id)));
    }),
    vscode.commands.registerCommand(Commands.explorerRetryList, (listKey: unknown) => {
      if (typeof listKey === 'string') return track(model.retry(listKey));
    }),
    vscode.commands.registerCommand(Commands.explorerOpen, (arg: unknown) => {
      const ticketId = ticketIdOf(arg);
      if (ticketId) return vscode.commands.executeCommand(Commands.openTicket, ticketId);
    }),
    vscode.commands.registerCommand(Commands.explorerRefreshTicket, async (arg: unknown) => {
      const ticketId = ticketIdOf(arg);
      if (!ticketId) return;
      service.invalidate(ticketId);
      await refresh();
    }),
    vscode.commands.registerCommand(Commands.copyTicketId, async (arg: unknown) => {
      const ticketId = ticketIdOf(arg);
      if (!ticketId) return;
      await vscode.env.clipboard.writeText(ticketId);
      void vscode.window.setStatusBarMessage(t('Copied ticket ID {0}', ticketId), 3000);
    }),
    vscode.commands.registerCommand(Commands.revealInExplorer, async (arg: unknown): Promise<boolean> => {
      const ticketId = ticketIdOf(arg);
      if (!ticketId) return false;
      const found = await reveal(ticketId);
      if (!found) {
        void vscode.window.showInformationMessage(
          t('Ticket {0} is not in the Tickets view (check the filter).', notificationText(ticketId, 64)),
        );
      }
      return found;
    }),
    vscode.commands.registerCommand(Commands.explorerShowError, () => {
      const error = model.lastError;
      if (!error) return;
      return showTicketError(error, { retry: refresh }, t('Loading tickets failed.'));
    }),
  );

  return {
    dispose: () => {
      for (const disposable of disposables.splice(0)) disposable.dispose();
    },
    reveal,
    refresh,
    treeDataProvider: provider as vscode.TreeDataProvider<unknown>,
    view: view as vscode.TreeView<unknown>,
    setAccount: (name) => {
      accountName = name;
      updateContext();
    },
    showMarks: (marked, onDidChange) => void disposables.push(provider.showMarks(marked, onDidChange)),
    // The watcher of another window learned these: the rows follow (the count is the watcher's to ask again).
    follow: (learned) => {
      for (const change of learned) follower.learned({ ...change, previous: change.status }, needsYou);
    },
  };
}
