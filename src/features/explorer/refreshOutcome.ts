// What a finished load or refresh leaves on screen, decided from the lists it loaded and the ones shown before. Pure:
// model.ts applies the outcome.
import type { TicketApiError } from '../../api/errors';
import type { TicketList } from './nodes';

/** A refresh that failed while the tree kept what it had loaded before. */
export interface RefreshFailure {
  error: TicketApiError;
  /** Epoch ms of the failure. */
  at: number;
  /** When the tickets shown were loaded (epoch ms), if known. */
  asOf?: number;
}

/** What the last finished load found ('idle' before the first one). A refresh under way keeps the old state. */
export type ExplorerState = 'idle' | 'ready' | 'empty' | 'error' | 'signedOut';

export interface RefreshOutcome {
  /** The lists to show: a list whose refresh failed is replaced by what it showed before. */
  lists: TicketList[];
  refreshFailure?: RefreshFailure;
  lastError?: TicketApiError;
  /** The new state; undefined keeps the old one (a failed refresh over a tree that stays). */
  state?: ExplorerState;
}

/**
 * A refresh that fails keeps what each list showed before (unless the failure is "signed out"); the view says above
 * the tree that the refresh failed. A load where every list failed is an error (or signed out).
 */
export function settleRefresh(
  lists: TicketList[],
  previous: ReadonlyMap<string, TicketList>,
  hadTree: boolean,
  now: number,
): RefreshOutcome {
  const kept = lists.map((list) => {
    const before = previous.get(list.key);
    return list.error && list.error.kind !== 'signedOut' && hadTree && before && before.pagesLoaded > 0 && !before.error
      ? before
      : list;
  });
  const failed = lists.filter((l) => l.error);
  const firstError = failed[0]?.error;
  if (kept.some((list, i) => list !== lists[i])) {
    return { lists: kept, refreshFailure: { error: firstError!, at: now }, lastError: firstError };
  }
  if (failed.length === lists.length && firstError) {
    const state = failed.some((l) => l.error?.kind === 'signedOut') ? 'signedOut' : 'error';
    return { lists: kept, lastError: firstError, state };
  }
  const anyTickets = lists.some((l) => l.totalCount > 0);
  return { lists: kept, lastError: firstError, state: !anyTickets && failed.length === 0 ? 'empty' : 'ready' };
}
