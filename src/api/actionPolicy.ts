// Which actions change something on the server, and which failures may be retried: the one place that decides
// whether an attempt is sent again. Writes are not idempotent (a second ReplyTicket posts a second reply), so a write
// is retried only when the server certainly did nothing: a Throttling answer, or a connection that could not even be
// opened. Anything that may have reached the server (5xx, timeout, a connection lost after the request was written,
// an unreadable answer) ends the call with kind 'unknownOutcome', for the UI to reload and check before resending.
import { TicketApiError, errorInit } from './errors';
import { isCertificateFailure } from './network/tlsErrors';

/** Actions that change a ticket or create one. GetAttachmentUploadUrl only hands out a fresh signed URL: a read. */
export const WRITE_ACTIONS: ReadonlySet<string> = new Set([
  'ReplyTicket',
  'CloseTicket',
  'ReopenTicket',
  'EvaluateTicket',
  'CreateTicket',
]);

export function isWriteAction(action: string | undefined): boolean {
  return action !== undefined && WRITE_ACTIONS.has(action);
}

/** Answers that will be the same next time: a proxy that wants other credentials or forbids the host. */
function isPermanent(err: TicketApiError): boolean {
  return err.code === 'ProxyAuthenticationRequired' || err.code === 'ProxyForbidden' || isCertificateFailure(err);
}

/**
 * Whether another attempt may follow `err`. Reads: network errors, 5xx and Throttling* (a timeout is not retried: the
 * user has already waited timeoutMs for a server that hangs). Writes: Throttling*, and network errors that happened
 * before any byte was written.
 */
export function isRetryable(action: string, err: TicketApiError): boolean {
  if (isPermanent(err)) return false;
  if (isWriteAction(action)) return err.kind === 'throttled' || (err.kind === 'network' && err.notSent === true);
  return err.kind === 'network' || err.kind === 'server' || err.kind === 'throttled';
}

/** Kinds of failure after which a write may or may not have been carried out by the server. */
function mayHaveReachedServer(err: TicketApiError): boolean {
  if (err.kind === 'network') return err.notSent !== true;
  return err.kind === 'server' || err.kind === 'timeout' || err.kind === 'malformed';
}

/** The error a call ends with: for a write that may have reached the server, kind 'unknownOutcome' (code kept). */
export function finalError(action: string, err: TicketApiError): TicketApiError {
  if (!isWriteAction(action) || !mayHaveReachedServer(err)) return err;
  return new TicketApiError({
    ...errorInit(err),
    kind: 'unknownOutcome',
    // l10n-exempt: for the log; describeError words an unknown outcome from its action and code
    message: `${action}: the outcome is unknown (${err.message.replace(/\.$/, '')}); it was not sent again.`,
    text: undefined,
    retryAfterMs: undefined,
    action,
  });
}
