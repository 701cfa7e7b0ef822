import type { AccessDeniedDetail } from './types';
import { redactSecrets } from './redact';
import { UNTRUSTED_CERTIFICATE } from './network/codes';

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

export interface TicketApiErrorInit {
  code: string;
  message: string;
  kind: TicketErrorKind;
  httpStatus?: number;
  requestId?: string;
  accessDeniedDetail?: AccessDeniedDetail;
  retryAfterMs?: number;
  action?: string;
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
  readonly accessDeniedDetail?: AccessDeniedDetail;
  readonly retryAfterMs?: number;
  readonly action?: string;
  readonly attempts?: number;
  readonly notSent?: boolean;

  constructor(init: TicketApiErrorInit) {
    super(init.message);
    this.code = init.code;
    this.kind = init.kind;
    this.httpStatus = init.httpStatus ?? 0;
    this.requestId = init.requestId;
    this.accessDeniedDetail = init.accessDeniedDetail;
    this.retryAfterMs = init.retryAfterMs;
    this.action = init.action;
    this.attempts = init.attempts;
    if (init.notSent) this.notSent = true;
  }
}

export function isTicketApiError(value: unknown): value is TicketApiError {
  return value instanceof TicketApiError;
}

const SIGNED_OUT_MESSAGE =
  'You are not signed in to Alibaba Cloud: run "Alibaba Cloud Tickets: Sign In" with an AccessKey.';

/** No credentials to sign with: the one way a 'signedOut' error is made, wherever it is noticed. */
export function signedOutError(): TicketApiError {
  return new TicketApiError({ code: 'SignedOut', kind: 'signedOut', message: SIGNED_OUT_MESSAGE });
}

/** The caller's signal fired: wherever the call was (credentials, request, retry wait), it ends with this. */
export function abortedError(action?: string, attempts?: number): TicketApiError {
  return new TicketApiError({
    code: 'Aborted',
    kind: 'aborted',
    message: 'The request was cancelled.',
    action,
    attempts,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Mapping server answers to kinds, and kinds to sentences a person understands.

/** What fromResponse needs from a failed answer (already parsed from the envelope and headers). */
export interface FailedResponse {
  httpStatus: number;
  /** The envelope's Code (string or number on the wire); '' when there was none. */
  code: string;
  /** The server's Message, unredacted: fromResponse redacts it. */
  serverMessage?: string;
  requestId?: string;
  accessDeniedDetail?: AccessDeniedDetail;
  retryAfterMs?: number;
  action?: string;
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
  const what = response.action ? `${response.action} failed` : 'The request failed';
  const message = `${what}: ${code} (HTTP ${response.httpStatus})${serverMessage ? `: ${serverMessage}` : ''}`;
  return new TicketApiError({
    code: redactSecrets(code, knownSecrets).slice(0, 100),
    kind,
    message,
    httpStatus: response.httpStatus,
    requestId: response.requestId ? redactSecrets(response.requestId, knownSecrets).slice(0, 100) : undefined,
    accessDeniedDetail: response.accessDeniedDetail,
    retryAfterMs: response.retryAfterMs,
    action: response.action,
  });
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

function quoteRequestId(err: TicketApiError): string {
  return err.requestId ? ` If it keeps happening, quote RequestId ${err.requestId} to Alibaba Cloud support.` : '';
}

function describePermission(err: TicketApiError): string {
  const detail = err.accessDeniedDetail;
  const action = typeof detail?.AuthAction === 'string' && detail.AuthAction ? detail.AuthAction : undefined;
  const principal =
    typeof detail?.AuthPrincipalDisplayName === 'string' && detail.AuthPrincipalDisplayName
      ? detail.AuthPrincipalDisplayName
      : undefined;
  const principalType =
    typeof detail?.AuthPrincipalType === 'string' && detail.AuthPrincipalType ? detail.AuthPrincipalType : undefined;
  const denyType =
    typeof detail?.NoPermissionType === 'string' && detail.NoPermissionType ? detail.NoPermissionType : undefined;
  const denyReason =
    denyType === 'ImplicitDeny'
      ? 'no policy allows it (ImplicitDeny)'
      : denyType === 'ExplicitDeny'
        ? 'a policy explicitly denies it (ExplicitDeny)'
        : denyType
          ? `deny type ${denyType}`
          : undefined;
  const who = principal ? ` for ${principalType ? `${principalType} ` : ''}${principal}` : '';
  const denied = action ? `the RAM action ${action} was denied${who}` : `this request was denied${who}`;
  const hint = `Ask your Alibaba Cloud account administrator to grant the AliyunSupportFullAccess policy${action ? ` or a policy allowing ${action}` : ''}.`;
  return `You do not have permission to use the Ticket API: ${denied}${denyReason ? `; ${denyReason}` : ''}. ${hint}`;
}

/** What was sent, in words, per write action. */
const WRITE_NOUNS: Record<string, string> = {
  ReplyTicket: 'Your reply',
  CloseTicket: 'The request to close the ticket',
  ReopenTicket: 'The request to reopen the ticket',
  EvaluateTicket: 'Your rating',
  CreateTicket: 'The new ticket',
};

function describeUnknownOutcome(err: TicketApiError): string {
  const what = (err.action && WRITE_NOUNS[err.action]) || 'The request';
  const why =
    err.code === 'Timeout'
      ? 'no answer came in time'
      : err.httpStatus >= 500
        ? `the server answered with an error (HTTP ${err.httpStatus})`
        : err.code === 'MalformedResponse'
          ? 'the answer could not be read'
          : 'the connection was lost before the answer';
  const check = err.action === 'CreateTicket' ? 'Reload your ticket list and check' : 'Reload the ticket and check';
  return `${what} was sent, but ${why}. The server may or may not have received it, so it was not sent again. ${check} before sending it again.${quoteRequestId(err)}`;
}

/**
 * One sentence (or two) a person understands, per kind of failure. Never contains a secret: only codes, request ids,
 * the AccessDeniedDetail fields (which name the RAM action and principal, not keys) and redacted server text.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof TicketApiError)) {
    const text = err instanceof Error ? err.message : String(err);
    return `Unexpected error: ${redactSecrets(text).slice(0, 300)}`;
  }
  switch (err.kind) {
    case 'notFound':
      return err.code === 'InvalidTicketId'
        ? `That does not look like a ticket id (ticket ids are letters and digits, such as 0005PYGCW).`
        : 'That ticket was not found: check the ticket id, and that it belongs to the Alibaba Cloud account you are signed in with.';
    case 'badRequest':
      if (err.code === 'InvalidArgument' || err.code === 'AttachmentTooLarge')
        return redactSecrets(err.message).slice(0, 300);
      return `The request was not accepted (${err.code}): ${redactSecrets(err.message).slice(0, 300)}`;
    case 'auth':
      if (err.code === 'InvalidAccessKeyId.NotFound')
        return 'The AccessKey ID was not found: check it, or create a new AccessKey in the RAM console, then sign in again.';
      if (err.code === 'InvalidAccessKeyId.Inactive' || err.code === 'Forbidden.AccessKeyDisabled')
        return 'This AccessKey is disabled: enable it in the RAM console or sign in with another one.';
      if (err.code === 'InvalidSecurityToken.Expired')
        return 'The STS security token has expired: get new temporary credentials and sign in again.';
      if (err.code.startsWith('InvalidSecurityToken') || err.code === 'MissingSecurityToken')
        return 'The STS security token is missing or does not match the AccessKey ID: sign in again with the complete temporary credentials.';
      return 'Alibaba Cloud did not accept these credentials (not authorised): sign in again with a valid AccessKey.';
    case 'signature':
      return 'The request signature did not match: the AccessKey Secret is probably wrong. Sign in again and paste the secret exactly.';
    case 'clockSkew':
      return "Alibaba Cloud rejected the request's timestamp: this computer's clock is off by more than 15 minutes. Check the date, time and time zone settings.";
    case 'permission':
      return describePermission(err);
    case 'throttled':
      return err.retryAfterMs !== undefined
        ? `The Ticket API is limiting how often you can call it: wait ${seconds(err.retryAfterMs)} and try again.`
        : 'The Ticket API is limiting how often you can call it: wait a minute and try again.';
    case 'server':
      return `The Ticket API had a server error (${[err.httpStatus ? `HTTP ${err.httpStatus}` : '', /^HTTP\d+$/.test(err.code) ? '' : err.code].filter(Boolean).join(', ')}); try again later.${quoteRequestId(err)}`;
    case 'network':
      // Says what to do (trust the inspecting proxy's CA …): too long for the cut below, and holds no secret.
      if (err.code === UNTRUSTED_CERTIFICATE) return redactSecrets(err.message).slice(0, 800);
      return `${/^Could not reach/.test(err.message) ? redactSecrets(err.message).slice(0, 200) : 'Could not reach the Ticket API.'} Check your network connection, proxy and the aliyunTickets.endpoint setting.`;
    case 'timeout':
      return 'The Ticket API did not answer in time. Check your network connection and try again.';
    case 'aborted':
      return 'The request was cancelled.';
    case 'malformed':
      if (err.code === 'InsecureUploadUrl') return redactSecrets(err.message).slice(0, 300);
      return `The Ticket API sent an answer that could not be read (${err.code}); a proxy or firewall may be in the way.${quoteRequestId(err)}`;
    case 'config':
      return redactSecrets(err.message).slice(0, 300);
    case 'signedOut':
      return SIGNED_OUT_MESSAGE;
    case 'unknownOutcome':
      return describeUnknownOutcome(err);
  }
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
    httpStatus: err.httpStatus,
    requestId: err.requestId === undefined ? undefined : clean(err.requestId).slice(0, 100),
    accessDeniedDetail: detail,
    retryAfterMs: err.retryAfterMs,
    action: err.action === undefined ? undefined : clean(err.action),
    attempts: err.attempts,
    notSent: err.notSent,
  });
}
