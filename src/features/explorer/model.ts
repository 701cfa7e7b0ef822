// The ticket explorer's state, without vscode: which lists exist (one per status group, or one flat list), how many
// pages each has loaded, what failed, and the tree of nodes built from that. explorerView.ts adapts it to a
// TreeDataProvider; unit tests drive it against the emulator.
//
// Grouping and paging: in grouped mode every status group is its own ListTickets query (StatusList = that status),
// so each group shows the server's TotalCount for that status and has its own "Load more". Counts are exact, a group
// never mixes in tickets of other statuses, and a long "Completed" history never pushes open tickets off page one.
//
// Refresh: the first group loads alone, then the rest (a throttled or offline account meets one request, not six; the
// choice is afterFirstGroup.ts's); a list whose refresh fails keeps what it showed (refreshFailure says so). Each load
// also counts again the tickets that wait for the user (tickets/attention.ts, the badge's and the status bar's one
// count). A ticket that moved (follow()) reloads the two groups it moved between (follow.ts). The lists and nodes are
// in nodes.ts, what a finished refresh leaves on screen in refreshOutcome.ts.
import type { TicketApiError } from '../../api/errors';
import { STATUS_NAMES, type ListTicketsQuery } from '../../api/types';
import { STATUS_GROUP_ORDER, statusValueOf } from '../../tickets/status';
import { toTicketApiError } from '../../tickets/ticketService';
import type { TicketService } from '../../tickets/types';
import { filterQueryFields, type TicketFilter } from './filter';
import { afterFirstGroup } from './afterFirstGroup';
import { listsToReload, type LearnedStatus } from './follow';
import { Emitter } from '../../common/emitter';
import { ExplorerNodes, TicketList, type ExplorerNode, type TicketNode } from './nodes';
import { settleRefresh, type ExplorerState, type RefreshFailure } from './refreshOutcome';
import { offlineLists, shapeOf, toSaved, type SavedListStore } from './savedLists';

export { ticketIdOf, TicketList } from './nodes';
export type { ExplorerNode, GroupNode, LoadMoreNode, MessageNode, TicketNode } from './nodes';
export type { ExplorerState, RefreshFailure } from './refreshOutcome';

export const MIN_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
/** How many pages reveal() loads while looking for a ticket that is not in the tree yet. */
export const REVEAL_MAX_PAGES = 10;
/** Refresh reloads the pages a list had, up to this many (beyond that, the list starts again at page one). */
export const REFRESH_MAX_PAGES = 5;

export interface ExplorerSettings {
  groupByStatus: boolean;
  pageSize: number;
}

export interface ExplorerModelOptions {
  service: TicketService;
  settings: () => ExplorerSettings;
  /** The count of tickets that wait for the user (tickets/attention.ts), counted again with every load. */
  attention?: { refresh(options: { force?: boolean; signal?: AbortSignal }): Promise<void> };
  /** The last list, kept for a window that opens while the network fails (savedLists.ts). */
  saved?: SavedListStore;
}

export function clampPageSize(value: unknown): number {
  const n = Math.round(Number(value));
  if (!Number.isFinite(n)) return 50;
  return Math.min(MAX_PAGE_SIZE, Math.max(MIN_PAGE_SIZE, n));
}

export class TicketExplorerModel {
  private lists: TicketList[] = [];
  private filterValue: TicketFilter = {};
  private stateValue: ExplorerState = 'idle';
  private lastErrorValue?: TicketApiError;
  private refreshFailureValue?: RefreshFailure;
  /** When the lists shown were loaded (epoch ms): what an offline view says it shows. */
  private loadedAt?: number;
  private loadPromise?: Promise<void>;
  private loadingCount = 0;
  private generation = 0;
  private controller?: AbortController;
  private readonly nodes = new ExplorerNodes(() => this.layout.groupByStatus);
  private readonly changes = new Emitter<ExplorerNode | undefined>();
  private layout: ExplorerSettings;

  constructor(private readonly options: ExplorerModelOptions) {
    this.layout = this.readSettings();
  }

  get state(): ExplorerState {
    return this.stateValue;
  }
  get lastError(): TicketApiError | undefined {
    return this.lastErrorValue;
  }
  get filter(): TicketFilter {
    return this.filterValue;
  }
  /** A load or refresh is under way. */
  get loading(): boolean {
    return this.loadingCount > 0;
  }
  get grouped(): boolean {
    return this.layout.groupByStatus;
  }
  get pageSize(): number {
    return this.layout.pageSize;
  }

  /** Set when the last refresh failed and the tree still shows what was loaded before it. */
  get refreshFailure(): RefreshFailure | undefined {
    return this.refreshFailureValue;
  }

  /** Listeners get the node whose subtree changed, or undefined for the whole tree. */
  onDidChange(listener: (node?: ExplorerNode) => void): { dispose(): void } {
    return this.changes.event(listener);
  }

  /** Loads the first time; later calls share the load under way or return at once. */
  ensureLoaded(): Promise<void> {
    if (this.stateValue === 'idle' && !this.loadPromise) {
      return this.reload(false);
    }
    return this.loadPromise ?? Promise.resolve();
  }

  /** Root nodes for the current state (call ensureLoaded first). Empty when signed out, empty or failed. */
  roots(): ExplorerNode[] {
    if (this.stateValue !== 'ready') {
      return [];
    }
    if (this.layout.groupByStatus) {
      return this.lists.map((list) => this.nodes.group(list));
    }
    return this.nodes.children(this.lists[0], undefined);
  }

  children(node?: ExplorerNode): ExplorerNode[] {
    if (!node) return this.roots();
    return node.kind === 'group' ? this.nodes.children(node.list, node) : [];
  }

  parent(node: ExplorerNode): ExplorerNode | undefined {
    return node.kind === 'group' ? undefined : node.parent;
  }

  /** Reloads every list (force: past the short list cache). Pages already shown are loaded again, up to REFRESH_MAX_PAGES. */
  refresh(): Promise<void> {
    return this.reload(true);
  }

  /** New settings (grouping or page size): lists start again at page one. */
  updateSettings(): Promise<void> | undefined {
    const next = this.readSettings();
    if (next.groupByStatus === this.layout.groupByStatus && next.pageSize === this.layout.pageSize) {
      return undefined;
    }
    this.layout = next;
    this.lists = [];
    this.nodes.clear();
    return this.reload(false);
  }

  setFilter(filter: TicketFilter): Promise<void> {
    this.filterValue = { ...filter, statuses: filter.statuses?.length ? [...filter.statuses] : undefined };
    this.lists = [];
    this.nodes.clear();
    return this.reload(false);
  }

  /** Drops everything (signed out, endpoint changed): the next ensureLoaded loads again. */
  reset(): void {
    this.generation++;
    this.controller?.abort();
    this.lists = [];
    this.nodes.clear();
    this.loadPromise = undefined;
    this.stateValue = 'idle';
    this.lastErrorValue = undefined;
    this.refreshFailureValue = undefined;
    this.loadedAt = undefined;
    this.emit(undefined);
  }

  /** Loads the next page of the list behind a Load more node (or group). */
  async loadMore(listKey: string): Promise<void> {
    const list = this.lists.find((l) => l.key === listKey);
    if (!list || list.loadingMore || !list.hasMore) return;
    const generation = this.generation;
    list.loadingMore = true;
    this.emit(this.nodes.ownerOf(list));
    try {
      const page = await this.options.service.listTickets(this.queryFor(list, list.pagesLoaded + 1), {
        signal: this.controller?.signal,
      });
      if (generation !== this.generation) return;
      list.append(page.tickets, page.totalCount, list.pagesLoaded + 1);
      list.error = undefined;
    } catch (error) {
      if (generation !== this.generation) return;
      list.error = toTicketApiError(error);
    } finally {
      list.loadingMore = false;
    }
    this.emit(this.nodes.ownerOf(list));
  }

  /** Loads the failed list again (Retry inside a group). */
  async retry(listKey: string): Promise<void> {
    const list = this.lists.find((l) => l.key === listKey);
    if (!list) return;
    if (list.pagesLoaded === 0) {
      await this.loadList(list, 1, this.generation, true);
      this.emit(this.nodes.ownerOf(list));
    } else {
      await this.loadMore(listKey);
    }
  }

  /** The ids loaded in a list, in order (empty for an unknown key). */
  ticketIdsOf(listKey: string): string[] {
    return this.lists.find((l) => l.key === listKey)?.tickets.map((t) => t.ticketId) ?? [];
  }

  /** The loaded node for a ticket, if any. */
  findTicket(ticketId: string): TicketNode | undefined {
    for (const list of this.lists) {
      if (list.tickets.some((t) => t.ticketId === ticketId)) {
        return this.nodes.ticket(
          list,
          list.tickets.find((t) => t.ticketId === ticketId)!,
        );
      }
    }
    return undefined;
  }

  /**
   * Finds a ticket for reveal: loads the tree, then pages through the list it belongs to (its status group, known
   * from the cached ticket or one GetTicket) until it shows up, at most REVEAL_MAX_PAGES pages.
   */
  async locate(ticketId: string, signal?: AbortSignal): Promise<TicketNode | undefined> {
    await this.ensureLoaded();
    let node = this.findTicket(ticketId);
    if (node || this.stateValue !== 'ready') return node;
    let list: TicketList | undefined = this.lists[0];
    if (this.layout.groupByStatus) {
      const ticket = await this.options.service.getTicket(ticketId, { signal }).catch(() => undefined);
      list = ticket && this.lists.find((l) => l.status === ticket.status.value);
    }
    if (!list) return undefined;
    while (!node && list.hasMore && list.pagesLoaded < REVEAL_MAX_PAGES && !signal?.aborted) {
      const before = list.pagesLoaded;
      await this.loadMore(list.key);
      if (list.pagesLoaded === before) break;
      node = this.findTicket(ticketId);
    }
    return node;
  }

  private readSettings(): ExplorerSettings {
    const raw = this.options.settings();
    return { groupByStatus: raw.groupByStatus !== false, pageSize: clampPageSize(raw.pageSize) };
  }

  private buildLists(): TicketList[] {
    if (!this.layout.groupByStatus) {
      return [new TicketList('all', undefined)];
    }
    const wanted = this.filterValue.statuses?.length
      ? new Set(this.filterValue.statuses.map(statusValueOf))
      : undefined;
    return STATUS_GROUP_ORDER.filter((value) => !wanted || wanted.has(value)).map(
      (value) => new TicketList(STATUS_NAMES[value], value),
    );
  }

  private queryFor(list: TicketList, pageNumber: number): ListTicketsQuery {
    const statuses = list.status !== undefined ? [STATUS_NAMES[list.status]] : this.filterValue.statuses;
    return {
      pageNumber,
      pageSize: this.layout.pageSize,
      ...(statuses?.length ? { statuses: [...statuses] } : {}),
      ...filterQueryFields(this.filterValue),
    };
  }

  private reload(force: boolean): Promise<void> {
    const generation = ++this.generation;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const previousLists = new Map(this.lists.map((l) => [l.key, l]));
    const hadTree = this.stateValue === 'ready' || this.stateValue === 'empty';
    const lists = this.buildLists();
    this.loadingCount++;
    this.emit(undefined);
    const promise = (async () => {
      const load = (list: TicketList) =>
        this.loadList(
          list,
          Math.min(REFRESH_MAX_PAGES, Math.max(1, previousLists.get(list.key)?.pagesLoaded ?? 1)),
          generation,
          force,
        );
      // The first group alone, then the others together (afterFirstGroup.ts): if the account is being throttled, one
      // request meets it and the service holds the rest until the wait the server asked for is over (the throttled group
      // is asked again with them), instead of six failing at once. An answer that would be the same for every group
      // (signed out, a refused key, the network down, a wait longer than the service holds) sends nothing more: every
      // group gets that answer, and the view says so.
      const [first, ...rest] = lists;
      if (first) await load(first);
      if (generation !== this.generation) return;
      const next = afterFirstGroup(first?.error);
      if (next.ask === 'none') for (const list of rest) list.error = next.error;
      else await Promise.all((next.ask === 'all' ? lists : rest).map(load));
      if (generation !== this.generation) return;
      const now = Date.now();
      const shape = shapeOf(this.layout.groupByStatus, this.layout.pageSize, this.filterValue);
      let outcome = settleRefresh(lists, previousLists, hadTree, now);
      // Every list failed with nothing on screen (a window opened offline): the last list saved, if the network failed.
      const offline =
        outcome.state === 'error' && offlineLists(await this.options.saved?.read(), shape, outcome.lastError);
      if (generation !== this.generation) return;
      if (offline) {
        this.loadedAt = offline.savedAt;
        outcome = {
          ...outcome,
          lists: offline.lists,
          state: 'ready',
          refreshFailure: { error: outcome.lastError!, at: now },
        };
      } else if (!outcome.refreshFailure && lists.every((l) => !l.error)) {
        this.loadedAt = now;
        void this.options.saved?.write(toSaved(shape, lists, now));
      }
      if (outcome.refreshFailure) outcome.refreshFailure.asOf = this.loadedAt;
      this.lists = outcome.lists;
      this.refreshFailureValue = outcome.refreshFailure;
      this.lastErrorValue = outcome.lastError;
      if (outcome.state) this.stateValue = outcome.state;
      // Counted again after a load that worked (a failed one, throttled say, is not met with one more request).
      if ((this.stateValue === 'ready' || this.stateValue === 'empty') && !this.refreshFailureValue)
        await this.options.attention?.refresh({ force, signal: controller.signal });
    })().finally(() => {
      this.loadingCount--;
      if (generation === this.generation) this.emit(undefined);
    });
    this.loadPromise = promise;
    return promise;
  }

  /**
   * Tickets whose status the extension learned (its own write, the watcher, a reload): the lists they moved between
   * load again (follow.ts), each as a refresh of that list alone; nothing while a whole load is under way (it shows
   * the new statuses anyway).
   */
  async follow(learned: readonly LearnedStatus[]): Promise<void> {
    if (this.loading || this.stateValue !== 'ready') return;
    const keys = listsToReload(this.lists, this.layout.groupByStatus, learned);
    const generation = this.generation;
    await Promise.all(
      this.lists
        .filter((list) => keys.includes(list.key))
        .map(async (list) => {
          await this.loadList(list, Math.min(REFRESH_MAX_PAGES, Math.max(1, list.pagesLoaded)), generation, true);
          if (generation === this.generation) this.emit(this.nodes.ownerOf(list));
        }),
    );
  }

  /** Loads pages 1..pages of a list in order (a refresh keeps what the user had paged to). */
  private async loadList(list: TicketList, pages: number, generation: number, force: boolean): Promise<void> {
    list.error = undefined;
    const signal = this.controller?.signal;
    try {
      const results = await Promise.all(
        Array.from({ length: pages }, (_, i) =>
          this.options.service.listTickets(this.queryFor(list, i + 1), { force, signal }),
        ),
      );
      if (generation !== this.generation) return;
      list.tickets = [];
      list.pagesLoaded = 0;
      results.forEach((page, i) => list.append(page.tickets, page.totalCount, i + 1));
    } catch (error) {
      list.error = toTicketApiError(error);
    }
  }

  private emit(node: ExplorerNode | undefined): void {
    this.changes.fire(node);
  }
}
