// What a throttled answer (Throttling*, HTTP 429, with or without x-acs-retry-after) makes us do, decided in one
// place as actionPolicy.ts decides retries. The account's rate limit is shared by every request, so:
// - the client retries a throttled attempt no sooner than the server asked (throttledRetryDelay), and not at all when
//   that is longer than one call may wait;
// - the ticket service holds its queued requests for as long as the server asked (holdQueuedFor), up to the same
//   limit: a longer hold would show nothing for too long, so those requests get the server's own answer;
// - a view loading several lists stops asking once one answer asks for a wait longer than that (waitsTooLong);
// - a background poller backs off, never sooner than the server asked (backgroundBackoff).
import type { TicketApiError } from './errors';

/** The longest wait a throttled answer may impose inside one user-visible operation (a call, a refresh). */
export const MAX_THROTTLE_WAIT_MS = 10_000;
/** The hold when a throttled answer did not say how long to wait. */
export const DEFAULT_THROTTLE_WAIT_MS = 1_000;
/** A background poller's longest wait after failures: half an hour. */
export const MAX_BACKGROUND_BACKOFF_MS = 30 * 60_000;

type Failure = Pick<TicketApiError, 'kind' | 'retryAfterMs'> | undefined;

export function isThrottled(err: Failure): boolean {
  return err?.kind === 'throttled';
}

/** The server asked for a wait longer than one operation may hold: say when to try again instead of waiting. */
export function waitsTooLong(err: Failure, maxWaitMs = MAX_THROTTLE_WAIT_MS): boolean {
  return isThrottled(err) && (err?.retryAfterMs ?? 0) > maxWaitMs;
}

/** How long requests that have not started yet are held after this answer: 0 when not throttled or too long. */
export function holdQueuedFor(err: Failure): number {
  if (!isThrottled(err) || waitsTooLong(err)) return 0;
  return err?.retryAfterMs ?? DEFAULT_THROTTLE_WAIT_MS;
}

/**
 * The client's wait before another attempt after a throttled answer that said how long to wait: at least that long
 * plus a little jitter (so several clients throttled together do not come back in the same millisecond), and never
 * less than the usual backoff; undefined (give up, let the user decide) when it asks for more than maxWaitMs.
 */
export function throttledRetryDelay(
  retryAfterMs: number,
  backoffMs: number,
  maxWaitMs: number,
  jitterMs: number,
): number | undefined {
  if (retryAfterMs > maxWaitMs) return undefined;
  return Math.max(backoffMs, retryAfterMs + Math.floor(Math.random() * jitterMs));
}

/**
 * When a background poller asks again after `failures` failures in a row (1 = the first): the interval doubled per
 * failure, at least what the server asked for, at most MAX_BACKGROUND_BACKOFF_MS (but never less than the interval).
 */
export function backgroundBackoff(intervalMs: number, failures: number, retryAfterMs?: number): number {
  const doubled = intervalMs * 2 ** Math.min(Math.max(failures, 0), 16);
  return Math.max(intervalMs, Math.min(MAX_BACKGROUND_BACKOFF_MS, Math.max(doubled, retryAfterMs ?? 0)));
}
