// The Tickets view's TreeDataProvider: adapts TicketExplorerModel (what the tree holds) and TicketAges (which rows
// get an age, within the request budget) to vscode.TreeItem. Commands, context keys and the timer are wired in
// explorerView.ts.
import { FoldedGroups } from './foldedGroups';
import * as vscode from 'vscode';
import { isTicketApiError } from '../../api/errors';
import { errorText } from '../../common/errorText';
import type { TicketService } from '../../tickets/types';
import { TicketAges, type KnownCreateTimes } from './ages';
import { rowTooltip } from '../../common/treeViews';
import { nodeLook, ticketTooltip, ticketTooltipError } from './labels';
import type { ExplorerNode, GroupNode, TicketExplorerModel, TicketNode } from './model';

const isTicket = (node: ExplorerNode): node is TicketNode => node.kind === 'ticket';

/** Where the rows learn about unread answers (details/unread.ts UnreadNotes fits). */
export interface UnreadAnswers {
  count(ticketId: string): number;
  /** Unread answers across tickets (the badge counts them). */
  total(): number;
  /** ticketId undefined: several tickets changed. */
  onDidChange(listener: (ticketId: string | undefined) => void): { dispose(): void };
}

export class TicketTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly ages: TicketAges;
  /** The groups the user folded or unfolded: they come back so after the flat list or a reload of the tree. */
  readonly folded = new FoldedGroups();

  constructor(
    private readonly model: TicketExplorerModel,
    private readonly service: TicketService,
    /** Unread answers from support per ticket (the details panels know them); none when absent. */
    private readonly unread?: UnreadAnswers,
    /** Creation times from tickets read before (the last-known copies): rows get their age without a request. */
    knownCreateTimes?: KnownCreateTimes,
  ) {
    this.ages = new TicketAges(
      service,
      (ticketId) => {
        const node = this.model.findTicket(ticketId);
        if (node) this.changed.fire(node);
      },
      knownCreateTimes,
    );
  }

  private marked: () => ReadonlySet<string> = () => new Set();

  /** Tickets to mark as having news (see labels.ts); the tree redraws when the set changes. */
  showMarks(marked: () => ReadonlySet<string>, onDidChange: vscode.Event<void>): vscode.Disposable {
    this.marked = marked;
    return onDidChange(() => this.changed.fire(undefined));
  }

  fire(node?: ExplorerNode): void {
    this.changed.fire(node);
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** VS Code asks for a group's children only when the group is expanded: those rows are the ones on screen. */
  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) await this.model.ensureLoaded();
    const children = this.model.children(node);
    this.ages.rowsShown(children.filter(isTicket).map((n) => n.ticket.ticketId));
    return children;
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.model.parent(node);
  }

  /** The user expanded a group: its rows' ages, up to one page, whatever the load's budget left. */
  groupExpanded(node: ExplorerNode): void {
    if (node.kind !== 'group') return;
    this.ages.rowsRequested(
      this.model
        .children(node as GroupNode)
        .filter(isTicket)
        .map((n) => n.ticket.ticketId),
    );
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const details = node.kind === 'ticket' ? this.service.peekTicket(node.ticket.ticketId) : undefined;
    if (details) this.ages.remember(details.ticketId, details.createTime);
    const createTime = node.kind === 'ticket' ? this.ages.createTime(node.ticket.ticketId) : undefined;
    const unread = node.kind === 'ticket' ? (this.unread?.count(node.ticket.ticketId) ?? 0) : 0;
    const marked = node.kind === 'ticket' && this.marked().has(node.ticket.ticketId);
    const look = nodeLook(node, details, Date.now(), this.model.pageSize, createTime, unread, marked);
    if (node.kind === 'group') look.collapsible = this.folded.apply(node.status, look.collapsible);
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
    if (look.icon)
      item.iconPath = new vscode.ThemeIcon(
        look.icon.id,
        look.icon.color ? new vscode.ThemeColor(look.icon.color) : undefined,
      );
    if (look.command) item.command = look.command;
    // Every row's tooltip waits for the pointer (resolveTreeItem): the first Markdown tooltip a window sends costs the
    // extension host 17 ms (its Markdown lexer's first use, in a profile of bench:ui), which drawing the sidebar paid.
    return item;
  }

  /**
   * Fills a row's tooltip on hover. A ticket's: from the details when the cache has them, else they come through it
   * (one request per ticket), which also gives the row its age when it had none. A group's or a message's: its look's.
   */
  async resolveTreeItem(
    item: vscode.TreeItem,
    node: ExplorerNode,
    token: vscode.CancellationToken,
  ): Promise<vscode.TreeItem> {
    if (item.tooltip) return item;
    if (node.kind !== 'ticket') {
      const { tooltip } = nodeLook(node, undefined, Date.now(), this.model.pageSize);
      if (tooltip) item.tooltip = rowTooltip(tooltip);
      return item;
    }
    const ticketId = node.ticket.ticketId;
    const known = this.service.peekTicket(ticketId);
    if (known) {
      item.tooltip = rowTooltip(ticketTooltip(node.ticket, known, Date.now()));
      return item;
    }
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const details = await this.service.getTicket(ticketId, { signal: controller.signal });
      const hadAge = this.ages.createTime(ticketId) !== undefined;
      this.ages.remember(details.ticketId, details.createTime);
      item.tooltip = rowTooltip(ticketTooltip(node.ticket, details, Date.now()));
      if (!hadAge && this.ages.createTime(ticketId) !== undefined) this.changed.fire(node);
    } catch (error) {
      if (!(isTicketApiError(error) && error.kind === 'aborted')) {
        const noAge = this.ages.createTime(ticketId) === undefined;
        item.tooltip = rowTooltip(ticketTooltipError(node.ticket, errorText(error), noAge));
      }
    } finally {
      subscription.dispose();
    }
    return item;
  }
}
