import { abortedError, TicketApiError } from '../api/errors';
import type { ListTicketsQuery, Ticket, TicketNote, TicketPage, TicketSummary } from '../api/types';
import { ConcurrencyLimiter } from './limiter';
import { LruCache } from './lruCache';
import type {
  FetchOptions,
  TicketChangeEvent,
  TicketClientLike,
  TicketService,
  TicketServiceOptions,
  TicketServiceStats,
} from './types';

export const DEFAULT_TTL_MS = 120_000;
export const DEFAULT_LIST_TTL_MS = 20_000;
export const DEFAULT_NOT_FOUND_TTL_MS = 60_000;
export const DEFAULT_MAX_ENTRIES = 500;
export const DEFAULT_MAX_CONCURRENT = 4;
/** The longest wait a throttled answer may impose on the requests that have not started yet. */
export const MAX_THROTTLE_PAUSE_MS = 10_000;
/** The hold when the throttled answer did not say how long to wait. */
export const DEFAULT_THROTTLE_PAUSE_MS = 1_000;

type CachedResult<T> = { ok: true; value: T } | { ok: false; error: TicketApiError };

/** One request shared by every caller that asked for the same key while it was under way. */
interface SharedRequest<T> {
  promise: Promise<T>;
  background: boolean;
  controller: AbortController;
  waiters: number;
}

export function signedOutError(): TicketApiError {
  return new TicketApiError({
    code: 'SignedOut',
    kind: 'signedOut',
    message: 'You are not signed in to Alibaba Cloud. Run "Alibaba Cloud Tickets: Sign In".',
  });
}

export function createTicketService(options: TicketServiceOptions): TicketServiceImpl {
  return new TicketServiceImpl(options);
}

export class TicketServiceImpl implements TicketService {
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly listTtlMs: number;
  private readonly notFoundTtlMs: number;
  private readonly tickets: LruCache<string, CachedResult<Ticket>>;
  private readonly notes: LruCache<string, CachedResult<TicketNote[]>>;
  private readonly pages: LruCache<string, TicketPage>;
  private readonly inFlight = new Map<string, SharedRequest<unknown>>();
  private readonly limiter: ConcurrencyLimiter;
  private readonly listeners = new Set<(event: TicketChangeEvent) => void>();
  private counters = { requestsStarted: 0, cacheHits: 0, joined: 0 };

  constructor(private readonly options: TicketServiceOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.listTtlMs = options.listTtlMs ?? DEFAULT_LIST_TTL_MS;
    this.notFoundTtlMs = options.notFoundTtlMs ?? DEFAULT_NOT_FOUND_TTL_MS;
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.tickets = new LruCache(maxEntries, this.now);
    this.notes = new LruCache(maxEntries, this.now);
    this.pages = new LruCache(maxEntries, this.now);
    this.limiter = new ConcurrencyLimiter(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
  }

  getTicket(ticketId: string, options: FetchOptions = {}): Promise<Ticket> {
    const fetch = (client: TicketClientLike, signal: AbortSignal) => client.getTicket(ticketId, { signal });
    return this.cachedOrShared(this.tickets, `ticket:${ticketId}`, ticketId, options, fetch, (ticket) => this.storeTicket(ticketId, ticket));
  }

  getNotes(ticketId: string, options: FetchOptions = {}): Promise<TicketNote[]> {
    const fetch = (client: TicketClientLike, signal: AbortSignal) => client.listTicketNotes(ticketId, { signal });
    return this.cachedOrShared(this.notes, `notes:${ticketId}`, ticketId, options, fetch, (notes) =>
      this.notes.set(ticketId, { ok: true, value: notes }, this.ttlMs),
    );
  }

  listTickets(query: ListTicketsQuery, options: FetchOptions = {}): Promise<TicketPage> {
    const key = listKey(query);
    if (!options.force) {
      const cached = this.pages.get(key);
      if (cached) {
        this.counters.cacheHits++;
        return Promise.resolve(cached);
      }
    }
    return this.shared(`list:${key}`, options, (client, signal) => client.listTickets(query, { signal }), {
      onValue: (page) => {
        this.pages.set(key, page, this.listTtlMs);
        // A list is newer than a cached ticket whose status or title differs: drop the stale ticket so tooltips
        // and hovers fetch it again.
        for (const summary of page.tickets) {
          const cached = this.tickets.peek(summary.ticketId);
          if (cached?.ok && shownDifferently(cached.value, summary)) {
            this.tickets.delete(summary.ticketId);
            this.notes.delete(summary.ticketId);
            this.emit({ ticketId: summary.ticketId });
          }
        }
      },
    });
  }

  peekTicket(ticketId: string): Ticket | undefined {
    const cached = this.tickets.peek(ticketId);
    return cached?.ok ? cached.value : undefined;
  }

  invalidate(ticketId?: string): void {
    if (ticketId === undefined) {
      this.tickets.clear();
      this.notes.clear();
      this.pages.clear();
      // Requests under way still answer their callers, but their results must not land in the fresh cache.
      this.inFlight.clear();
    } else {
      this.tickets.delete(ticketId);
      this.notes.delete(ticketId);
      this.inFlight.delete(`ticket:${ticketId}`);
      this.inFlight.delete(`notes:${ticketId}`);
      // Pages carry the ticket's status and title.
      this.pages.clear();
      for (const key of [...this.inFlight.keys()]) {
        if (key.startsWith('list:')) {
          this.inFlight.delete(key);
        }
      }
    }
    this.emit({ ticketId });
  }

  onDidChange(listener: (event: TicketChangeEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  stats(): TicketServiceStats {
    return {
      ...this.counters,
      inFlight: this.limiter.active,
      queued: this.limiter.waiting,
      maxInFlightSeen: this.limiter.maxSeen,
    };
  }

  private storeTicket(ticketId: string, ticket: Ticket): void {
    const previous = this.tickets.peek(ticketId);
    this.tickets.set(ticketId, { ok: true, value: ticket }, this.ttlMs);
    if (previous?.ok && shownDifferently(previous.value, ticket)) {
      this.emit({ ticketId });
    }
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
        this.counters.cacheHits++;
        return cached.ok ? Promise.resolve(cached.value) : Promise.reject(cached.error);
      }
    }
    return this.shared(key, options, run, {
      onValue: store,
      onError: (error) => {
        if (error.kind === 'notFound') {
          cache.set(ticketId, { ok: false, error }, this.notFoundTtlMs);
        }
      },
    });
  }

  private emit(event: TicketChangeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener must not stop the others or the request that triggered it.
      }
    }
  }

  /**
   * Joins the request under way for `key` or starts one (through the concurrency limiter). The caller's signal
   * only ends the caller's wait; the request itself is aborted when every caller has gone.
   */
  private shared<T>(
    key: string,
    options: FetchOptions,
    run: (client: TicketClientLike, signal: AbortSignal) => Promise<T>,
    hooks: { onValue(value: T): void; onError?(error: TicketApiError): void },
  ): Promise<T> {
    const callerSignal = options.signal;
    if (callerSignal?.aborted) {
      return Promise.reject(abortedError());
    }
    let request = this.inFlight.get(key) as SharedRequest<T> | undefined;
    if (request) {
      this.counters.joined++;
      if (request.background && !options.background) {
        // Someone is waiting for a prefetch now: it stops waiting behind the other prefetches.
        request.background = false;
        this.limiter.promote(request.controller.signal);
      }
    } else {
      const controller = new AbortController();
      const created: SharedRequest<T> = {
        controller,
        background: options.background === true,
        waiters: 0,
        promise: this.limiter
          .run(
            async () => {
              const client = await this.options.getClient();
              if (!client) {
                throw signedOutError();
              }
              if (controller.signal.aborted) {
                throw abortedError();
              }
              this.counters.requestsStarted++;
              return run(client, controller.signal);
            },
            controller.signal,
            abortedError,
            options.background === true,
          )
          .then(
            (value) => {
              // Only the current request for this key may fill the cache (invalidate() detaches older ones).
              if (this.inFlight.get(key) === created) {
                this.inFlight.delete(key);
                hooks.onValue(value);
              }
              return value;
            },
            (error: unknown) => {
              const apiError = toTicketApiError(error);
              const pauseMs = apiError.kind === 'throttled' ? (apiError.retryAfterMs ?? DEFAULT_THROTTLE_PAUSE_MS) : 0;
              if (pauseMs > 0 && pauseMs <= MAX_THROTTLE_PAUSE_MS) {
                // The account's rate limit is shared: requests still queued wait as long as the server asked. A
                // longer wait is not held here (nothing would show for that long): those requests get the server's
                // own answer, which says how long to wait.
                this.limiter.pauseFor(pauseMs);
              }
              if (this.inFlight.get(key) === created) {
                this.inFlight.delete(key);
                hooks.onError?.(apiError);
              }
              throw apiError;
            },
          ),
      };
      // Waiters may all leave; nobody else observes this promise then.
      created.promise.catch(() => undefined);
      this.inFlight.set(key, created as SharedRequest<unknown>);
      request = created;
    }
    return this.wait(key, request, callerSignal);
  }

  private wait<T>(key: string, request: SharedRequest<T>, callerSignal: AbortSignal | undefined): Promise<T> {
    request.waiters++;
    if (!callerSignal) {
      return request.promise;
    }
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const onAbort = () => {
        if (done) {
          return;
        }
        done = true;
        reject(abortedError());
        request.waiters--;
        if (request.waiters === 0) {
          if (this.inFlight.get(key) === request) {
            this.inFlight.delete(key);
          }
          request.controller.abort();
        }
      };
      callerSignal.addEventListener('abort', onAbort, { once: true });
      request.promise.then(
        (value) => {
          if (!done) {
            done = true;
            callerSignal.removeEventListener('abort', onAbort);
            resolve(value);
          }
        },
        (error) => {
          if (!done) {
            done = true;
            callerSignal.removeEventListener('abort', onAbort);
            reject(error);
          }
        },
      );
    });
  }
}

/** What the explorer and hovers show for a ticket changed: cached details of it are stale. */
function shownDifferently(cached: TicketSummary, fresh: TicketSummary): boolean {
  return cached.status.value !== fresh.status.value || cached.title !== fresh.title;
}

/** Any failure as a TicketApiError (the one error type features handle). */
export function toTicketApiError(error: unknown): TicketApiError {
  // Duck-typed too: dist/api.js is a separate bundle with its own copy of the class.
  if (error instanceof TicketApiError || (error instanceof Error && error.name === 'TicketApiError' && 'kind' in error)) {
    return error as TicketApiError;
  }
  // The client promises TicketApiError only; anything else is a bug we still report without a stack.
  const message = error instanceof Error ? error.message : String(error);
  return new TicketApiError({ code: 'Unexpected', kind: 'network', message: `Unexpected failure: ${message}` });
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
  ]);
}
