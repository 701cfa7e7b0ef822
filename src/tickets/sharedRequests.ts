// One request per key at a time, shared by every caller that asks while it is under way (in-flight de-dup), run
// through the concurrency limiter with its own AbortController: a caller's signal only ends that caller's wait, and
// the request is aborted when every caller has gone. The ticket service's cache sits on top (ticketService.ts).
import { abortedError, signedOutError, TicketApiError } from '../api/errors';
import { holdQueuedFor } from '../api/throttlePolicy';
import type { ConcurrencyLimiter } from './limiter';
import type { FetchOptions, TicketClientLike, TicketServiceOptions } from './types';

/** One request shared by every caller that asked for the same key while it was under way. */
interface SharedRequest<T> {
  promise: Promise<T>;
  background: boolean;
  controller: AbortController;
  waiters: number;
}

export class SharedRequests {
  private readonly inFlight = new Map<string, SharedRequest<unknown>>();
  readonly counters = { requestsStarted: 0, joined: 0 };

  constructor(
    private readonly limiter: ConcurrencyLimiter,
    /** The signed-in client, or undefined when signed out (the request then fails with kind 'signedOut'). */
    private readonly getClient: TicketServiceOptions['getClient'],
  ) {}

  /** Detaches the requests under way for these keys (all when none given): their results no longer count. */
  forget(match?: (key: string) => boolean): void {
    for (const key of [...this.inFlight.keys()]) {
      if (!match || match(key)) this.inFlight.delete(key);
    }
  }

  /**
   * Joins the request under way for `key` or starts one (through the concurrency limiter). The caller's signal
   * only ends the caller's wait; the request itself is aborted when every caller has gone.
   */
  run<T>(
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
              const client = await this.getClient();
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
              // The account's rate limit is shared: requests still queued wait as long as throttlePolicy.ts says.
              const holdMs = holdQueuedFor(apiError);
              if (holdMs > 0) this.limiter.pauseFor(holdMs);
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

/** Any failure as a TicketApiError (the one error type features handle). */
export function toTicketApiError(error: unknown): TicketApiError {
  // Duck-typed too: dist/api.js is a separate bundle with its own copy of the class.
  if (
    error instanceof TicketApiError ||
    (error instanceof Error && error.name === 'TicketApiError' && 'kind' in error)
  ) {
    return error as TicketApiError;
  }
  // The client promises TicketApiError only; anything else is a bug we still report without a stack.
  const message = error instanceof Error ? error.message : String(error);
  // l10n-exempt: for the log; describeError shows this network failure as 'Could not reach the Ticket API. …'
  return new TicketApiError({ code: 'Unexpected', kind: 'network', message: `Unexpected failure: ${message}` });
}
