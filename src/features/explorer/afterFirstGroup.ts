// A refresh of the grouped Tickets view asks its first status group alone, then decides from that answer what to do
// with the others (model.ts). Pure: which failures would be the same for every group, so that the other groups are
// not asked at all. No vscode import.
import type { TicketApiError, TicketErrorKind } from '../../api/errors';
import { isThrottled, waitsTooLong } from '../../api/throttlePolicy';

/**
 * Failures that do not depend on the query: signed out, a refused key, a wrong clock, a bad endpoint, and the network
 * (the server could not be reached, or not in time: offline, every group would wait and fail the same way).
 */
const SAME_ANSWER_FOR_EVERY_GROUP: ReadonlySet<TicketErrorKind> = new Set<TicketErrorKind>([
  'signedOut',
  'auth',
  'signature',
  'clockSkew',
  'config',
  'network',
  'timeout',
]);

/** What the refresh does after its first group answered. */
export type AfterFirstGroup =
  /** Ask the other groups (the first one worked, or failed for its own reasons). */
  | { ask: 'others' }
  /** Throttled for a wait the service holds: ask every group, the first one again, once the wait is over. */
  | { ask: 'all' }
  /** Ask nothing more: every other group gets this answer. */
  | { ask: 'none'; error: TicketApiError };

export function afterFirstGroup(error: TicketApiError | undefined): AfterFirstGroup {
  if (!error) return { ask: 'others' };
  if (isThrottled(error)) return waitsTooLong(error) ? { ask: 'none', error } : { ask: 'all' };
  return SAME_ANSWER_FOR_EVERY_GROUP.has(error.kind) ? { ask: 'none', error } : { ask: 'others' };
}
