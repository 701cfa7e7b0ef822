// The Tickets view's last list, kept per account (tickets/lastKnown.ts stores it) so that a window opened while the
// network or the server fails shows the tickets it showed last, "Offline: as of 14:02", instead of an error, as a ticket
// panel shows its last-known copy. What is kept: each list's tickets (id, title, status), total and pages, for the
// layout and filter they were loaded with (another layout or filter is not served a list it did not load). Written
// after each load where every list answered. No vscode import.
import { isOfflineFailure } from '../details/offline';
import type { StatusValue, TicketSummary } from '../../api/types';
import type { TicketApiError } from '../../api/errors';
import { TicketList } from './nodes';

/** Where the list is kept (the account's last-known store). */
export interface SavedListStore {
  read(): Promise<unknown>;
  write(value: SavedLists): Promise<void>;
}

export interface SavedList {
  key: string;
  status?: StatusValue;
  tickets: TicketSummary[];
  totalCount: number;
  pagesLoaded: number;
}

export interface SavedLists {
  /** The layout and filter the lists were loaded with (shapeOf). */
  shape: string;
  /** When the server answered with them (epoch ms). */
  savedAt: number;
  lists: SavedList[];
}

export function shapeOf(grouped: boolean, pageSize: number, filter: object): string {
  return JSON.stringify({ grouped, pageSize, filter });
}

export function toSaved(shape: string, lists: readonly TicketList[], savedAt: number): SavedLists {
  return {
    shape,
    savedAt,
    lists: lists.map((l) => ({
      key: l.key,
      ...(l.status !== undefined ? { status: l.status } : {}),
      tickets: l.tickets.map(({ ticketId, title, status }) => ({ ticketId, title, status })),
      totalCount: l.totalCount,
      pagesLoaded: l.pagesLoaded,
    })),
  };
}

/**
 * The lists to show after a load in which every list failed: the saved ones of this shape when the failure is the
 * network's or the server's (never a sign-in, permission or bad-request answer, which the server gave on purpose).
 */
export function offlineLists(
  saved: unknown,
  shape: string,
  error: TicketApiError | undefined,
): { lists: TicketList[]; savedAt: number } | undefined {
  if (!isOfflineFailure(error)) return undefined;
  const value = parseSavedLists(saved);
  if (!value || value.shape !== shape) return undefined;
  const lists = value.lists.map((s) => {
    const list = new TicketList(s.key, s.status);
    list.tickets = s.tickets;
    list.totalCount = s.totalCount;
    list.pagesLoaded = s.pagesLoaded;
    return list;
  });
  return { lists, savedAt: value.savedAt };
}

/** A stored value, checked field by field (a file of another version or a damaged one gives nothing). */
export function parseSavedLists(value: unknown): SavedLists | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.shape !== 'string' || typeof v.savedAt !== 'number' || !Array.isArray(v.lists)) return undefined;
  const lists: SavedList[] = [];
  for (const item of v.lists as unknown[]) {
    if (!item || typeof item !== 'object') return undefined;
    const l = item as Record<string, unknown>;
    if (typeof l.key !== 'string' || typeof l.totalCount !== 'number' || typeof l.pagesLoaded !== 'number')
      return undefined;
    if (l.status !== undefined && typeof l.status !== 'number') return undefined;
    if (!Array.isArray(l.tickets) || !l.tickets.every(isSummary)) return undefined;
    lists.push({
      key: l.key,
      ...(l.status !== undefined ? { status: l.status as StatusValue } : {}),
      tickets: l.tickets,
      totalCount: l.totalCount,
      pagesLoaded: l.pagesLoaded,
    });
  }
  return { shape: v.shape, savedAt: v.savedAt, lists };
}

function isSummary(value: unknown): value is TicketSummary {
  if (!value || typeof value !== 'object') return false;
  const t = value as Record<string, unknown>;
  const status = t.status as Record<string, unknown> | undefined;
  return (
    typeof t.ticketId === 'string' &&
    typeof t.title === 'string' &&
    !!status &&
    typeof status.value === 'number' &&
    typeof status.label === 'string'
  );
}
