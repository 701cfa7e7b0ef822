// The ticket explorer in the sidebar: adapts TicketExplorerModel to a TreeDataProvider and registers its commands,
// context keys, auto-refresh and reveal.
import * as vscode from 'vscode';
import { describeError, isTicketApiError } from '../../api/errors';
import { showTicketError } from '../../common/errorNotification';
import type { TicketService } from '../../tickets/types';
import { describeFilter, isFilterActive, toFilter } from './filter';
import { promptForFilter } from './filterPrompt';
import { nodeLook, ticketTooltip, ticketTooltipError } from './labels';
import { ticketIdOf, TicketExplorerModel, type ExplorerNode, type TicketNode } from './model';
import { RefreshTimer } from './refreshTimer';
import { BuiltinCommands, Commands, ContextKeys } from '../../common/commands';

export const EXPLORER_VIEW_ID = 'aliyunTickets.explorer';
const CONFIG = 'aliyunTickets.explorer';
/** Remembered creation times: they never change, so the age in the description needs one fetch per ticket. */
const MAX_REMEMBERED = 5000;
/**
 * GetTicket prefetches (for the age in the description) per load or refresh. Creation times are remembered, so later
 * refreshes only fetch new tickets; the budget keeps a first load of a big account from a burst of hundreds of calls.
 */
const PREFETCH_BUDGET = 60;

export interface TicketExplorer {
  /**
   * Shows the ticket in the tree (loading pages if needed); false when it is not there (filtered out, unknown).
   * follow: what the details panels use (extension.ts) to track the active ticket: nothing happens while the view is
   * hidden (TreeView.reveal would pull the sidebar open), and only a ticket already loaded is selected — opening a
   * panel must not page through the list with requests the user did not ask for.
   */
  reveal(ticketId: string, options?: { follow?: boolean }): Promise<boolean>;
  refresh(): Promise<void>;
  /** The tree's data provider (getChildren / getTreeItem as VS Code calls them). */
  readonly treeDataProvider: vscode.TreeDataProvider<unknown>;
  /** The view itself: its description (after the title) and message (above the list). */
  readonly view: vscode.TreeView<unknown>;
}

class TicketTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly createTimes = new Map<string, number>();
  private readonly prefetching = new Set<string>();
  private prefetchBudget = PREFETCH_BUDGET;

  constructor(
    private readonly model: TicketExplorerModel,
    private readonly service: TicketService,
  ) {}

  fire(node?: ExplorerNode): void {
    this.changed.fire(node);
  }

  dispose(): void {
    this.changed.dispose();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) await this.model.ensureLoaded();
    return this.model.children(node);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.model.parent(node);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const details = node.kind === 'ticket' ? this.service.peekTicket(node.ticket.ticketId) : undefined;
    if (details) this.remember(details.ticketId, details.createTime);
    const createTime = node.kind === 'ticket' ? this.createTimes.get(node.ticket.ticketId) : undefined;
    const look = nodeLook(node, details, Date.now(), this.model.pageSize, createTime);
    const item = new vscode.TreeItem(
      look.highlight ? { label: look.label, highlights: [look.highlight] } : look.label,
      look.collapsible === 'none'
        ? vscode.TreeItemCollapsibleState.None
        : look.collapsible === 'expanded'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = node.id;
    item.description = look.description;
    item.contextValue = look.contextValue;
    item.accessibilityInformation = { label: look.accessibilityLabel };
    if (look.icon) item.iconPath = new vscode.ThemeIcon(look.icon.id, look.icon.color ? new vscode.ThemeColor(look.icon.color) : undefined);
    if (look.command) item.command = look.command;
    // Ticket text: no trust, no icons; escaping already made it plain text.
    if (look.tooltip) item.tooltip = new vscode.MarkdownString(look.tooltip);
    if (node.kind === 'ticket' && createTime === undefined) this.prefetch(node);
    return item;
  }

  /** Fills the tooltip on hover: the details come through the shared cache (one request per ticket, capped). */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'ticket' || item.tooltip) return item;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const details = await this.service.getTicket(node.ticket.ticketId, { signal: controller.signal });
      this.remember(details.ticketId, details.createTime);
      item.tooltip = new vscode.MarkdownString(ticketTooltip(node.ticket, details, Date.now()));
    } catch (error) {
      if (!(isTicketApiError(error) && error.kind === 'aborted')) {
        item.tooltip = new vscode.MarkdownString(ticketTooltipError(node.ticket, describeError(error)));
      }
    } finally {
      subscription.dispose();
    }
    return item;
  }

  /** Fetches the ticket in the background (behind hovers and panels) so its age can show; once per ticket. */
  private prefetch(node: TicketNode): void {
    const ticketId = node.ticket.ticketId;
    if (this.prefetching.has(ticketId) || this.prefetchBudget <= 0) return;
    this.prefetchBudget--;
    this.prefetching.add(ticketId);
    this.service.getTicket(ticketId, { background: true }).then(
      (details) => {
        this.prefetching.delete(ticketId);
        this.remember(ticketId, details.createTime);
        this.changed.fire(node);
      },
      () => {
        // Leave it in `prefetching`: a failing ticket is not asked again on every repaint. A refresh clears the set.
      },
    );
  }

  /** A new load or refresh: failed prefetches may be tried again, with a fresh budget. */
  forgetFailedPrefetches(): void {
    this.prefetching.clear();
    this.prefetchBudget = PREFETCH_BUDGET;
  }

  private remember(ticketId: string, createTime: number): void {
    if (!Number.isFinite(createTime) || createTime <= 0) return;
    if (this.createTimes.size >= MAX_REMEMBERED && !this.createTimes.has(ticketId)) {
      this.createTimes.delete(this.createTimes.keys().next().value as string);
    }
    this.createTimes.set(ticketId, createTime);
  }
}

/** Registers the explorer view and its commands. Returns reveal/refresh for other features (the details panels reveal the ticket they show). */
export function registerExplorer(context: vscode.ExtensionContext, service: TicketService): TicketExplorer {
  const settings = () => {
    const config = vscode.workspace.getConfiguration(CONFIG);
    return { groupByStatus: config.get<boolean>('groupByStatus', true), pageSize: config.get<number>('pageSize', 50) };
  };
  const model = new TicketExplorerModel({ service, settings });
  const provider = new TicketTreeProvider(model, service);
  const view = vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const timer = new RefreshTimer(() => refresh());

  /** Shows the view's progress bar while a load runs. */
  const track = (promise: Promise<unknown> | undefined): Promise<void> => {
    if (!promise) return Promise.resolve();
    const done = promise.then(() => undefined, () => undefined);
    void vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, () => done);
    return done;
  };

  const updateContext = () => {
    void vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.explorerState, model.state);
    void vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.explorerErrorKind, model.state === 'error' ? (model.lastError?.kind ?? 'unknown') : '');
    void vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.explorerFiltered, isFilterActive(model.filter));
    // The activity-bar badge counts what needs the user: tickets support is waiting on.
    const waiting = model.waitingForYou;
    view.badge = waiting ? { value: waiting, tooltip: `${waiting} ticket${waiting === 1 ? '' : 's'} waiting for your feedback` } : undefined;
    const filterText = describeFilter(model.filter);
    view.description = filterText ? `Filter: ${filterText}` : undefined;
    // The description sits after the long container title and the title-bar buttons, so in a sidebar of usual width
    // it is cut off entirely: say it at the top of the list too. Not when the list is empty: a message hides the
    // welcome view ("No tickets match the filter" with Clear Filter).
    view.message = filterText && model.state === 'ready' ? `Filtered: ${filterText}. Clear Filter (title bar) shows all tickets.` : undefined;
  };

  context.subscriptions.push(
    view,
    provider,
    { dispose: () => timer.dispose() },
    model.onDidChange((node) => {
      provider.fire(node);
      if (!node) {
        updateContext();
        // A finished load counts as a refresh: the next automatic one is a full interval away.
        if (!model.loading) timer.markRefreshed();
      }
    }),
    service.onDidChange((event) => {
      if (event.ticketId === undefined) {
        // Signed in or out, or the endpoint changed: start over (the tree loads again when it asks for children).
        provider.forgetFailedPrefetches();
        model.reset();
        return;
      }
      const node = model.findTicket(event.ticketId);
      if (node) provider.fire(node);
    }),
    view.onDidChangeVisibility((event) => timer.setVisible(event.visible)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${CONFIG}.groupByStatus`) || event.affectsConfiguration(`${CONFIG}.pageSize`)) {
        void track(model.updateSettings());
      }
      if (event.affectsConfiguration(`${CONFIG}.autoRefreshSeconds`)) {
        timer.setIntervalSeconds(vscode.workspace.getConfiguration(CONFIG).get<number>('autoRefreshSeconds', 300));
      }
    }),
  );
  timer.setIntervalSeconds(vscode.workspace.getConfiguration(CONFIG).get<number>('autoRefreshSeconds', 300));
  timer.setVisible(view.visible);
  updateContext();

  const refresh = async () => {
    provider.forgetFailedPrefetches();
    timer.markRefreshed();
    await track(model.refresh());
  };

  /** The title-bar toggle. A workspace value overrides the user's, so it is changed where it is set. */
  const setGrouped = (grouped: boolean) => {
    const config = vscode.workspace.getConfiguration(CONFIG);
    const inWorkspace = config.inspect<boolean>('groupByStatus')?.workspaceValue !== undefined;
    return config.update('groupByStatus', grouped, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  };

  const reveal = async (ticketId: string, options: { follow?: boolean } = {}): Promise<boolean> => {
    if (options.follow && !view.visible) return false;
    const node = options.follow ? model.findTicket(ticketId) : await model.locate(ticketId);
    if (!node) return false;
    try {
      await view.reveal(node, { select: true, focus: false, expand: true });
      return true;
    } catch {
      // The tree reloaded between finding the node and showing it (auto-refresh, sign-out): it is not there now.
      return false;
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.explorerRefresh, refresh),
    vscode.commands.registerCommand(Commands.explorerFilter, async (arg?: unknown) => {
      // Other features and tests may pass a filter; from the title bar it asks.
      const filter = arg !== undefined ? toFilter(arg) : await promptForFilter(model.filter);
      if (filter) await track(model.setFilter(filter));
    }),
    vscode.commands.registerCommand(Commands.explorerClearFilter, () => track(model.setFilter({}))),
    vscode.commands.registerCommand(Commands.explorerGroupByStatus, () => setGrouped(true)),
    vscode.commands.registerCommand(Commands.explorerShowFlat, () => setGrouped(false)),
    vscode.commands.registerCommand(Commands.explorerLoadMore, (listKey: unknown) => {
      if (typeof listKey === 'string') return track(model.loadMore(listKey));
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
      void vscode.window.setStatusBarMessage(`Copied ticket ID ${ticketId}`, 3000);
    }),
    vscode.commands.registerCommand(Commands.revealInExplorer, async (arg: unknown): Promise<boolean> => {
      const ticketId = ticketIdOf(arg);
      if (!ticketId) return false;
      const found = await reveal(ticketId);
      if (!found) {
        void vscode.window.showInformationMessage(`Ticket ${ticketId} is not in the Tickets view (check the filter).`);
      }
      return found;
    }),
    vscode.commands.registerCommand(Commands.explorerShowError, () => {
      const error = model.lastError;
      if (!error) return;
      return showTicketError(error, { retry: refresh }, 'Loading tickets failed.');
    }),
  );

  return {
    reveal,
    refresh,
    treeDataProvider: provider as vscode.TreeDataProvider<unknown>,
    view: view as vscode.TreeView<unknown>,
  };
}
