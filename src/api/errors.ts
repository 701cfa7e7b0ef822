import type { AccessDeniedDetail } from './types';
import { redactSecrets } from './redact';
import { mapTextArgs, messageText, renderText, type MessageText } from './messageText';

/**
 * What kind of failure this is, for the user-facing message and for the retry decision.
 * - notFound: illegal.param on a ticket id (bad id or a ticket you cannot see)
 * - badRequest: other parameter errors
 * - auth: 401 illegal.auth, unknown / disabled AccessKey, STS token problems
 * - signature: SignatureDoesNotMatch / IncompleteSignature (usually a wrong secret)
 * - clockSkew: InvalidTimeStamp.Expired
 * - permission: 403 (RAM); accessDeniedDetail says which action for which principal
 * - throttled: Throttling*; retryAfterMs when the server said how long to wait
 * - server: 5xx
 * - network: connection refused / reset / dropped, DNS
 * - timeout: an attempt took longer than timeoutMs
 * - aborted: the caller's signal fired
 * - malformed: the body was not the JSON envelope (HTML error page, truncated JSON)
 * - config: refused before sending (bad endpoint, malformed credentials)
 * - signedOut: no credentials stored yet (the UI offers Sign In)
 * - unknownOutcome: a write (reply, close, reopen, rate, create) may or may not have reached the server (5xx, timeout,
 *   connection lost after the request was written, unreadable answer); it is never retried, the UI reloads and checks
 */
export type TicketErrorKind =
  | 'notFound'
  | 'badRequest'
  | 'auth'
  | 'signature'
  | 'clockSkew'
  | 'permission'
  | 'throttled'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'malformed'
  | 'config'
  | 'signedOut'
  | 'unknownOutcome';

/** What the gateway told of a failed request, besides its code and message: kept on the error, shown to support. */
export interface GatewayFacts {
  requestId?: string;
  /** The gateway's HostId: the endpoint host that answered (support asks for it with the RequestId). */
  hostId?: string;
  /** The gateway's Recommend: a link to its diagnosis of this RequestId. */
  recommend?: string;
  accessDeniedDetail?: AccessDeniedDetail;
  retryAfterMs?: number;
  action?: string;
}

export interface TicketApiErrorInit extends GatewayFacts {
  code: string;
  /** The English message; made from `text` when only that is given (one of the two is needed). */
  message?: string;
  /** The message as a template and arguments, when we wrote it: describeError shows it in the caller's language. */
  text?: MessageText;
  kind: TicketErrorKind;
  httpStatus?: number;
  /** The endpoint (origin) the request went to. */
  endpoint?: string;
  /** Attempts made before giving up. */
  attempts?: number;
  /** True when the request certainly never left (the connection could not be opened): safe to send again. */
  notSent?: boolean;
}

/** Every failure of the API layer is one of these; its message never holds a secret. */
export class TicketApiError extends Error {
  override readonly name = 'TicketApiError';
  readonly code: string;
  readonly kind: TicketErrorKind;
  /** 0 when no HTTP response arrived. */
  readonly httpStatus: number;
  readonly requestId?: string;
  readonly hostId?: string;
  readonly recommend?: string;
  readonly accessDeniedDetail?: AccessDeniedDetail;
  readonly retryAfterMs?: number;
  readonly action?: string;
  readonly endpoint?: string;
  readonly attempts?: number;
  readonly notSent?: boolean;
  /** Our own sentence as template + arguments (absent for the server's text, which is shown as it comes). */
  readonly text?: MessageText;

  constructor(init: TicketApiErrorInit) {
    super(init.message ?? (init.text ? renderText(init.text) : init.code));
    this.code = init.code;
    if (init.text) this.text = init.text;
    this.kind = init.kind;
    this.httpStatus = init.httpStatus ?? 0;
    this.requestId = init.requestId;
    if (init.hostId) this.hostId = init.hostId;
    if (init.recommend) this.recommend = init.recommend;
    this.accessDeniedDetail = init.accessDeniedDetail;
    this.retryAfterMs = init.retryAfterMs;
    this.action = init.action;
    if (init.endpoint) this.endpoint = init.endpoint;
    this.attempts = init.attempts;
    if (init.notSent) this.notSent = true;
  }
}

export function isTicketApiError(value: unknown): value is TicketApiError {
  return value instanceof TicketApiError;
}

/**
 * The code of a 'config' error for credentials that could not be read (a keychain, file or variable gone); the UI
 * offers Sign In for it (common/errors.ts).
 */
export const CREDENTIALS_UNAVAILABLE = 'CredentialsUnavailable';

/** No credentials to sign with: the one way a 'signedOut' error is made, wherever it is noticed. */
export function signedOutError(): TicketApiError {
  return new TicketApiError({ code: 'SignedOut', kind: 'signedOut', text: signedOutText() });
}

/** The sentence for 'signedOut' (also describeError's). */
export function signedOutText(): MessageText {
  return messageText('You are not signed in to Alibaba Cloud: run "Alibaba Cloud Tickets: Sign In" with an AccessKey.');
}

/** The caller's signal fired: wherever the call was (credentials, request, retry wait), it ends with this. */
export function abortedError(action?: string, attempts?: number): TicketApiError {
  return new TicketApiError({
    code: 'Aborted',
    kind: 'aborted',
    text: messageText('The request was cancelled.'),
    action,
    attempts,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Mapping server answers to kinds, and kinds to sentences a person understands.

/** What fromResponse needs from a failed answer (already parsed from the envelope and headers). */
export interface FailedResponse extends GatewayFacts {
  httpStatus: number;
  /** The envelope's Code (string or number on the wire); '' when there was none. */
  code: string;
  /** The server's Message, unredacted: fromResponse redacts it. */
  serverMessage?: string;
}

/** Actions whose illegal.param almost always means "no such ticket (or not yours)". */
const TICKET_ID_ACTIONS = new Set(['GetTicket', 'ListTicketNotes']);

/** The kind of a failed answer, from its code first and its HTTP status second. */
export function kindForResponse(code: string, httpStatus: number, action?: string): TicketErrorKind {
  const c = code.trim();
  const lower = c.toLowerCase();
  if (lower.startsWith('throttling')) return 'throttled';
  if (c === 'SignatureDoesNotMatch' || c === 'IncompleteSignature' || c === 'InvalidSignatureMethod')
    return 'signature';
  if (c === 'InvalidTimeStamp.Expired' || c === 'RequestTimeTooSkewed') return 'clockSkew';
  if (
    lower === 'illegal.auth' ||
    c.startsWith('InvalidAccessKeyId') ||
    c.startsWith('InvalidSecurityToken') ||
    c === 'MissingSecurityToken' ||
    c === 'Forbidden.AccessKeyDisabled' ||
    c === 'InvalidAccessKeySecret'
  ) {
    return 'auth';
  }
  if (lower === 'no permissions' || c.startsWith('Forbidden') || c === 'NoPermission' || c.startsWith('NoPermission'))
    return 'permission';
  if (
    lower === 'illegal.param' ||
    lower === 'param.illegal' ||
    c.startsWith('InvalidParameter') ||
    c.startsWith('MissingParameter')
  ) {
    return action && TICKET_ID_ACTIONS.has(action) ? 'notFound' : 'badRequest';
  }
  if (c.startsWith('InvalidAction') || c.startsWith('InvalidVersion')) return 'badRequest'; // our request, not the ticket
  if (/notfound|not\.exist|notexist/i.test(c)) return 'notFound';
  if (lower === 'system.error' || c === 'InternalError' || c === 'ServiceUnavailable' || httpStatus >= 500)
    return 'server';
  if (httpStatus === 401) return 'auth';
  if (httpStatus === 403) return 'permission';
  if (httpStatus === 404) return 'notFound';
  if (httpStatus === 429) return 'throttled';
  return 'badRequest';
}

/**
 * Builds the error for a failed answer. The server's message is redacted (it may echo the StringToSign with the
 * AccessKey id) and `knownSecrets` (the credentials in use) are removed wherever they appear.
 */
export function fromResponse(
  response: FailedResponse,
  knownSecrets: ReadonlyArray<string | undefined> = [],
): TicketApiError {
  const code = response.code || `HTTP${response.httpStatus}`;
  const kind = kindForResponse(response.code, response.httpStatus, response.action);
  const serverMessage = response.serverMessage ? redactSecrets(response.serverMessage, knownSecrets).slice(0, 500) : '';
  // The server's message is shown as it comes (it speaks the account's language); only our frame is translated.
  const text = response.action
    ? serverMessage
      ? messageText('{0} failed: {1} (HTTP {2}): {3}', response.action, code, response.httpStatus, serverMessage)
      : messageText('{0} failed: {1} (HTTP {2})', response.action, code, response.httpStatus)
    : serverMessage
      ? messageText('The request failed: {0} (HTTP {1}): {2}', code, response.httpStatus, serverMessage)
      : messageText('The request failed: {0} (HTTP {1})', code, response.httpStatus);
  return new TicketApiError({
    code: redactSecrets(code, knownSecrets).slice(0, 100),
    kind,
    text,
    httpStatus: response.httpStatus,
    requestId: response.requestId ? redactSecrets(response.requestId, knownSecrets).slice(0, 100) : undefined,
    hostId: response.hostId ? redactSecrets(response.hostId, knownSecrets).slice(0, 200) : undefined,
    recommend: response.recommend ? redactSecrets(response.recommend, knownSecrets).slice(0, 1000) : undefined,
    accessDeniedDetail: response.accessDeniedDetail,
    retryAfterMs: response.retryAfterMs,
    action: response.action,
  });
}

/**
 * A copy of `err` with every text field passed through redactSecrets (with the credentials in use as known values):
 * the last line of defence, applied to every error the client lets out, whatever produced it.
 */
export function sanitizeError(
  err: TicketApiError,
  knownSecrets: ReadonlyArray<string | undefined> = [],
): TicketApiError {
  const clean = (value: string) => redactSecrets(value, knownSecrets);
  let detail: AccessDeniedDetail | undefined;
  if (err.accessDeniedDetail) {
    detail = {};
    for (const [key, value] of Object.entries(err.accessDeniedDetail)) {
      detail[clean(key)] =
        typeof value === 'string'
          ? clean(value)
          : typeof value === 'number' || typeof value === 'boolean'
            ? value
            : undefined;
    }
  }
  return new TicketApiError({
    code: clean(err.code).slice(0, 100),
    kind: err.kind,
    message: clean(err.message),
    text: err.text && mapTextArgs(err.text, clean),
    httpStatus: err.httpStatus,
    requestId: err.requestId === undefined ? undefined : clean(err.requestId).slice(0, 100),
    hostId: err.hostId === undefined ? undefined : clean(err.hostId),
    recommend: err.recommend === undefined ? undefined : clean(err.recommend),
    accessDeniedDetail: detail,
    retryAfterMs: err.retryAfterMs,
    action: err.action === undefined ? undefined : clean(err.action),
    endpoint: err.endpoint,
    attempts: err.attempts,
    notSent: err.notSent,
  });
}

/** A copy of `err` that says which endpoint the request went to (the client adds it to every error it lets out). */
export function withEndpoint(err: TicketApiError, endpoint: string): TicketApiError {
  return err.endpoint ? err : new TicketApiError({ ...errorInit(err), endpoint });
}

/** Everything `err` was made with: a copy that changes one field spreads this, so no fact of the error is lost. */
export function errorInit(err: TicketApiError): TicketApiErrorInit {
  return {
    code: err.code,
    kind: err.kind,
    message: err.message,
    text: err.text,
    httpStatus: err.httpStatus,
    requestId: err.requestId,
    hostId: err.hostId,
    recommend: err.recommend,
    accessDeniedDetail: err.accessDeniedDetail,
    retryAfterMs: err.retryAfterMs,
    action: err.action,
    endpoint: err.endpoint,
    attempts: err.attempts,
    notSent: err.notSent,
  };
}
