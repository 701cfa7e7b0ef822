// A ticket read before opens with its last-known content when the network or the server fails: which failures count
// (the server could not be reached or could not answer; never a sign-in, permission or "not found" answer, which the
// server gave on purpose), and how often an offline panel tries again by itself. No vscode import.
import { isTicketApiError } from '../../api/errors';
import type { TicketErrorKind } from '../../api/errors';

/** Failures after which the last-known copy is shown instead of an error. */
const OFFLINE_KINDS: ReadonlySet<TicketErrorKind> = new Set<TicketErrorKind>([
  'network',
  'timeout',
  'server',
  'throttled',
  'malformed',
]);

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
