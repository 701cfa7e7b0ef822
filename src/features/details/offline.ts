// A ticket read before opens with its last-known content when the network or the server fails: which failures count
// (the server could not be reached or could not answer; never a sign-in, permission or "not found" answer, which the
// server gave on purpose), and how often an offline panel tries again by itself. No vscode import.
import { isTicketApiError } from '../../api/errors';
import type { TicketErrorKind } from '../../api/errors';
import type { Ticket, TicketNote } from '../../api/types';
import type { DetailsView } from './render';

/** Failures after which the last-known copy is shown instead of an error. */
const OFFLINE_KINDS: ReadonlySet<TicketErrorKind> = new Set<TicketErrorKind>([
  'network',
  'timeout',
  'server',
  'throttled',
  'malformed',
]);

/**
 * What a panel shows of a ticket's last-known copy while the server cannot be reached: the ticket and conversation as
 * of then, and its category by the name last known (the id alone only when no catalogue ever named it).
 */
export function offlineCopy(
  ticket: Ticket,
  savedAt: number,
  notes: TicketNote[],
  categoryName: string | undefined,
): DetailsView {
  return { kind: 'ticket', ticket, notes, categoryName, offlineSince: savedAt };
}

/** An offline panel asks the server again this often while it is on screen (and on Retry). */
export const OFFLINE_RETRY_MS = 20_000;

export function isOfflineFailure(error: unknown): boolean {
  return isTicketApiError(error) && OFFLINE_KINDS.has(error.kind);
}

/**
 * While a panel shows the last-known copy it asks the server again by itself: after OFFLINE_RETRY_MS when it is on
 * screen, else one period later (a hidden panel does not keep asking).
 */
export class OfflineRetry {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly visible: () => boolean,
    private readonly reload: () => void,
  ) {}

  start(): void {
    this.stop();
    this.timer = setTimeout(() => {
      if (this.visible()) this.reload();
      else this.timer = setTimeout(() => this.reload(), OFFLINE_RETRY_MS);
    }, OFFLINE_RETRY_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
