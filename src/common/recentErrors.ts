// The failures this window showed the user, by RequestId, so "Create Ticket about This Request" (from the
// notification, a hover or a terminal link on that RequestId) can fill in everything the error knew: code, message,
// HostId, Recommend, AccessDeniedDetail, action, endpoint. In memory only, a few dozen at most, forgotten when the
// account changes (they are that account's requests). Pure: no vscode import.
import { isTicketApiError, type TicketApiError } from '../api/errors';

/** Enough for the failures of a working session; the oldest is forgotten first. */
export const MAX_RECENT_ERRORS = 50;

const errors = new Map<string, TicketApiError>();

/** Keeps the error when it names a RequestId (the one support looks requests up by). */
export function rememberError(error: unknown): void {
  if (!isTicketApiError(error) || !error.requestId) return;
  errors.delete(error.requestId);
  errors.set(error.requestId, error);
  while (errors.size > MAX_RECENT_ERRORS) errors.delete(errors.keys().next().value as string);
}

/** The failure this window saw with this RequestId, if any. */
export function recentError(requestId: string): TicketApiError | undefined {
  return errors.get(requestId);
}

/** Forgets every failure (another account signed in, or signed out). */
export function forgetErrors(): void {
  errors.clear();
}
