// The ticket service every feature reads through: tickets, notes and list pages cached (LRU + TTL), one request per
// key at a time (sharedRequests.ts), a concurrency cap, and change events when what the UI shows went stale.
import type { TicketApiError } from '../api/errors';
import type { ListTicketsQuery, StatusValue, Ticket, TicketNote, TicketPage, TicketSummary } from '../api/types';
import { Emitter } from '../common/emitter';
import { ConcurrencyLimiter } from './limiter';
import { LruCache } from './lruCache';
import { SharedRequests } from './sharedRequests';
import type {
  FetchOptions,
  TicketChangeEvent,
  TicketClientLike,
  TicketLoadEvent,
  TicketService,
  TicketServiceOptions,
  TicketServiceStats,
} from './types';

export const DEFAULT_TTL_MS = 120_000;
export const DEFAULT_LIST_TTL_MS = 20_000;
export const DEFAULT_NOT_FOUND_TTL_MS = 60_000;
export const DEFAULT_MAX_ENTRIES = 500;
export const DEFAULT_MAX_CONCURRENT = 4;
/** Tickets whose last seen status is remembered (a status is one small number). */
const MAX_SEEN_STATUSES = 5000;
/** warm() asks the client at most this often. */
const WARM_INTERVAL_MS = 10_000;

type CachedResult<T> = { ok: true; value: T } | { ok: false; error: TicketApiError };

export { toTicketApiError } from './sharedRequests';

export function createTicketService(options: TicketServiceOptions): TicketServiceImpl {
  return new TicketServiceImpl(options);
}

/** Cache (LRU + TTL per kind, a remembered "not found"), change events, and shared requests under a concurrency cap. */
export class TicketServiceImpl implements TicketService {
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly listTtlMs: number;
  private readonly notFoundTtlMs: number;
  private readonly maxEntries: number;
  private readonly tickets: LruCache<string, CachedResult<Ticket>>;
  private readonly notes: LruCache<string, CachedResult<TicketNote[]>>;
  private readonly pages: LruCache<string, TicketPage>;
  private readonly requests: SharedRequests;
  private readonly limiter: ConcurrencyLimiter;
  private readonly changes = new Emitter<TicketChangeEvent>();
  /** The last status seen for each ticket (from any answer): a different one later means the ticket moved. */
  private readonly seenStatus = new Map<string, StatusValue>();
  private readonly loads = new Emitter<TicketLoadEvent>();
  /** Every ticket and conversation the server answered with (the last-known copy, the inbox and the index read it). */
  readonly onDidLoad = this.loads.event;
  private cacheHits = 0;
  private lastWarm = -Infinity;

  constructor(private readonly options: TicketServiceOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.listTtlMs = options.listTtlMs ?? DEFAULT_LIST_TTL_MS;
    this.notFoundTtlMs = options.notFoundTtlMs ?? DEFAULT_NOT_FOUND_TTL_MS;
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.maxEntries = maxEntries;
    this.tickets = new LruCache(maxEntries, this.now);
    this.notes = new LruCache(maxEntries, this.now);
    this.pages = new LruCache(maxEntries, this.now);
    this.limiter = new ConcurrencyLimiter(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
    this.requests = new SharedRequests(this.limiter, options.getClient);
  }

  getTicket(ticketId: string, options: FetchOptions = {}): Promise<Ticket> {
    const fetch = (client: TicketClientLike, signal: AbortSignal) => client.getTicket(ticketId, { signal });
    return this.cachedOrShared(this.tickets, `ticket:${ticketId}`, ticketId, options, fetch, (ticket) =>
      this.storeTicket(ticketId, ticket),
    );
  }

  getNotes(ticketId: string, options: FetchOptions = {}): Promise<TicketNote[]> {
    const fetch = (client: TicketClientLike, signal: AbortSignal) => client.listTicketNotes(ticketId, { signal });
    return this.cachedOrShared(this.notes, `notes:${ticketId}`, ticketId, options, fetch, (notes) => {
      this.notes.set(ticketId, { ok: true, value: notes }, this.ttlMs);
      this.loads.fire({ kind: 'notes', ticketId, notes });
    });
  }

  listTickets(query: ListTicketsQuery, options: FetchOptions = {}): Promise<TicketPage> {
    const key = listKey(query);
    if (!options.force) {
      const cached = this.pages.get(key);
      if (cached) {
        this.cacheHits++;
        return Promise.resolve(cached);
      }
    }
    return this.requests.run(`list:${key}`, options, (client, signal) => client.listTickets(query, { signal }), {
      onValue: (page) => {
        this.pages.set(key, page, this.listTtlMs);
        this.loads.fire({ kind: 'page', tickets: page.tickets });
        // A list is newer than a cached ticket whose status or title differs: drop the stale ticket so tooltips
        // and hovers fetch it again.
        for (const summary of page.tickets) {
          const cached = this.tickets.peek(summary.ticketId);
          const stale = cached?.ok === true && shownDifferently(cached.value, summary);
          if (stale) {
            this.tickets.delete(summary.ticketId);
            this.notes.delete(summary.ticketId);
          }
          const moved = this.noteStatus(summary.ticketId, summary.status.value);
          if (moved) this.changes.fire(moved);
          else if (stale) this.changes.fire({ ticketId: summary.ticketId });
        }
      },
    });
  }

  warm(): void {
    // Called whenever ids are found on screen (every edit): at most once per WARM_INTERVAL_MS. The client itself does
    // nothing while enough connections are open.
    const now = this.now();
    if (now - this.lastWarm < WARM_INTERVAL_MS) return;
    this.lastWarm = now;
    void Promise.resolve()
      .then(() => this.options.getClient())
      .then((client) => client?.warm?.())
      .catch(() => undefined);
  }

  peekTicket(ticketId: string): Ticket | undefined {
    const cached = this.tickets.peek(ticketId);
    return cached?.ok ? cached.value : undefined;
  }

  invalidate(ticketId?: string): void {
    if (ticketId === undefined) {
      this.seenStatus.clear();
      this.tickets.clear();
      this.notes.clear();
      this.pages.clear();
      // Requests under way still answer their callers, but their results must not land in the fresh cache.
      this.requests.forget();
    } else {
      this.tickets.delete(ticketId);
      this.notes.delete(ticketId);
      this.requests.forget((key) => key === `ticket:${ticketId}` || key === `notes:${ticketId}`);
      // Pages carry the ticket's status and title.
      this.pages.clear();
      this.requests.forget((key) => key.startsWith('list:'));
    }
    this.changes.fire({ ticketId });
  }

  onDidChange(listener: (event: TicketChangeEvent) => void): { dispose(): void } {
    return this.changes.event(listener);
  }

  stats(): TicketServiceStats {
    return {
      requestsStarted: this.requests.counters.requestsStarted,
      cacheHits: this.cacheHits,
      joined: this.requests.counters.joined,
      inFlight: this.limiter.active,
      queued: this.limiter.waiting,
      maxInFlightSeen: this.limiter.maxSeen,
      cachedEntries: this.tickets.size + this.notes.size + this.pages.size,
      cacheCap: 3 * this.maxEntries,
    };
  }

  private storeTicket(ticketId: string, ticket: Ticket): void {
    const previous = this.tickets.peek(ticketId);
    this.tickets.set(ticketId, { ok: true, value: ticket }, this.ttlMs);
    this.loads.fire({ kind: 'ticket', ticketId, ticket });
    const moved = this.noteStatus(ticketId, ticket.status.value);
    if (moved) this.changes.fire(moved);
    else if (previous?.ok && shownDifferently(previous.value, ticket)) this.changes.fire({ ticketId });
  }

  /** Remembers the status an answer gave; returns the change event when it differs from the one seen before. */
  private noteStatus(ticketId: string, status: StatusValue): TicketChangeEvent | undefined {
    const previousStatus = this.seenStatus.get(ticketId);
    this.seenStatus.delete(ticketId);
    this.seenStatus.set(ticketId, status);
    if (this.seenStatus.size > MAX_SEEN_STATUSES) this.seenStatus.delete(this.seenStatus.keys().next().value as string);
    return previousStatus !== undefined && previousStatus !== status ? { ticketId, status, previousStatus } : undefined;
  }

  /** A ticket or its notes: from the cache (a remembered "not found" too), else through one shared request. */
  private cachedOrShared<T>(
    cache: LruCache<string, CachedResult<T>>,
    key: string,
    ticketId: string,
    options: FetchOptions,
    run: (client: TicketClientLike, signal: AbortSignal) => Promise<T>,
    store: (value: T) => void,
  ): Promise<T> {
    if (!options.force) {
      const cached = cache.get(ticketId);
      if (cached) {
        this.cacheHits++;
        return cached.ok ? Promise.resolve(cached.value) : Promise.reject(cached.error);
      }
    }
    return this.requests.run(key, options, run, {
      onValue: store,
      onError: (error) => {
        if (error.kind === 'notFound') {
          cache.set(ticketId, { ok: false, error }, this.notFoundTtlMs);
        }
      },
    });
  }
}

/** What the explorer and hovers show for a ticket changed: cached details of it are stale. */
function shownDifferently(cached: TicketSummary, fresh: TicketSummary): boolean {
  return cached.status.value !== fresh.status.value || cached.title !== fresh.title;
}

/** A stable cache key for a list query (statuses sorted, absent fields left out). */
export function listKey(query: ListTicketsQuery): string {
  return JSON.stringify([
    query.pageNumber,
    query.pageSize,
    query.keyword ?? '',
    [...(query.statuses ?? [])].sort(),
    query.startDate ?? null,
    query.endDate ?? null,
    // Only when given, so the keys of the other lists stay as they were.
    ...(query.ticketIds?.length ? [[...query.ticketIds].sort()] : []),
  ]);
}
