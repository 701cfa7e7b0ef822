import type { AccessDeniedDetail } from './types';
import { redactSecrets } from './redact';
import { UNTRUSTED_CERTIFICATE } from './network/codes';
import { formatMessage, mapTextArgs, messageText, renderText, type MessageText, type Translate } from './messageText';

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
  /** The English message; made from `text` when only that is given (one of the two is needed). */
  message?: string;
  /** The message as a template and arguments, when we wrote it: describeError shows it in the caller's language. */
  text?: MessageText;
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
  /** Our own sentence as template + arguments (absent for the server's text, which is shown as it comes). */
  readonly text?: MessageText;

  constructor(init: TicketApiErrorInit) {
    super(init.message ?? (init.text ? renderText(init.text) : init.code));
    this.code = init.code;
    if (init.text) this.text = init.text;
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

/**
 * The code of a 'config' error for credentials that could not be read (a keychain, file or variable gone); the UI
 * offers Sign In for it (common/errors.ts).
 */
export const CREDENTIALS_UNAVAILABLE = 'CredentialsUnavailable';

/** No credentials to sign with: the one way a 'signedOut' error is made, wherever it is noticed. */
export function signedOutError(): TicketApiError {
  return new TicketApiError({ code: 'SignedOut', kind: 'signedOut', text: signedOutText() });
}

function signedOutText(): MessageText {
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
    accessDeniedDetail: response.accessDeniedDetail,
    retryAfterMs: response.retryAfterMs,
    action: response.action,
  });
}

function waitTime(ms: number, translate: Translate): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return s === 1 ? translate('1 second') : translate('{0} seconds', s);
  const m = Math.ceil(s / 60);
  return m === 1 ? translate('1 minute') : translate('{0} minutes', m);
}

/** The sentence that follows a failure support may need to look into; '' without a RequestId. */
function quoteRequestId(err: TicketApiError, translate: Translate): string {
  // The leading space joins it to the sentence before in English; a translation joins it as its language does.
  return err.requestId
    ? translate(' If it keeps happening, quote RequestId {0} to Alibaba Cloud support.', err.requestId)
    : '';
}

/**
 * The error's own message in words: our sentence (`text`) translated, or else the message as it is (server text, or
 * a message made without a template). Redacted either way, arguments included.
 */
function ownMessage(err: TicketApiError, translate: Translate): string {
  return err.text ? renderText(err.text, translate, (value) => redactSecrets(value)) : redactSecrets(err.message);
}

function describePermission(err: TicketApiError, translate: Translate): string {
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
      ? translate('no policy allows it (ImplicitDeny)')
      : denyType === 'ExplicitDeny'
        ? translate('a policy explicitly denies it (ExplicitDeny)')
        : denyType
          ? translate('deny type {0}', denyType)
          : undefined;
  const who = principal ? (principalType ? `${principalType} ${principal}` : principal) : undefined;
  const denied = action
    ? who
      ? translate('the RAM action {0} was denied for {1}', action, who)
      : translate('the RAM action {0} was denied', action)
    : who
      ? translate('this request was denied for {0}', who)
      : translate('this request was denied');
  const hint = action
    ? translate(
        'Ask your Alibaba Cloud account administrator to grant the AliyunSupportFullAccess policy or a policy allowing {0}.',
        action,
      )
    : translate('Ask your Alibaba Cloud account administrator to grant the AliyunSupportFullAccess policy.');
  return denyReason
    ? translate('You do not have permission to use the Ticket API: {0}; {1}. {2}', denied, denyReason, hint)
    : translate('You do not have permission to use the Ticket API: {0}. {1}', denied, hint);
}

/** What was sent, in words, per write action. */
function writeNoun(action: string | undefined, translate: Translate): string {
  switch (action) {
    case 'ReplyTicket':
      return translate('Your reply');
    case 'CloseTicket':
      return translate('The request to close the ticket');
    case 'ReopenTicket':
      return translate('The request to reopen the ticket');
    case 'EvaluateTicket':
      return translate('Your rating');
    case 'CreateTicket':
      return translate('The new ticket');
    default:
      return translate('The request');
  }
}

function describeUnknownOutcome(err: TicketApiError, translate: Translate): string {
  const why =
    err.code === 'Timeout'
      ? translate('no answer came in time')
      : err.httpStatus >= 500
        ? translate('the server answered with an error (HTTP {0})', err.httpStatus)
        : err.code === 'MalformedResponse'
          ? translate('the answer could not be read')
          : translate('the connection was lost before the answer');
  const check =
    err.action === 'CreateTicket'
      ? translate('Reload your ticket list and check before sending it again.')
      : translate('Reload the ticket and check before sending it again.');
  return translate(
    '{0} was sent, but {1}. The server may or may not have received it, so it was not sent again. {2}{3}',
    writeNoun(err.action, translate),
    why,
    check,
    quoteRequestId(err, translate),
  );
}

/**
 * One sentence (or two) a person understands, per kind of failure. Never contains a secret: only codes, request ids,
 * the AccessDeniedDetail fields (which name the RAM action and principal, not keys) and redacted text.
 *
 * `translate` turns each English template into the display language (the extension passes its t(), see
 * common/errorText.ts); without it the sentence is English, as the log wants it. Every template is a string literal
 * first argument of `translate` here, or of messageText where the error was made (test/unit/common/l10n.test.ts
 * checks each has a translation). What the server wrote is an argument, shown as it comes.
 */
export function describeError(err: unknown, translate: Translate = formatMessage): string {
  if (!(err instanceof TicketApiError)) {
    const text = err instanceof Error ? err.message : String(err);
    return translate('Unexpected error: {0}', redactSecrets(text).slice(0, 300));
  }
  switch (err.kind) {
    case 'notFound':
      return err.code === 'InvalidTicketId'
        ? translate('That does not look like a ticket id (ticket ids are letters and digits, such as 0005PYGCW).')
        : translate(
            'That ticket was not found: check the ticket id, and that it belongs to the Alibaba Cloud account you are signed in with.',
          );
    case 'badRequest':
      if (err.code === 'InvalidArgument' || err.code === 'AttachmentTooLarge')
        return ownMessage(err, translate).slice(0, 300);
      return translate('The request was not accepted ({0}): {1}', err.code, ownMessage(err, translate).slice(0, 300));
    case 'auth':
      if (err.code === 'InvalidAccessKeyId.NotFound')
        return translate(
          'The AccessKey ID was not found: check it, or create a new AccessKey in the RAM console, then sign in again.',
        );
      if (err.code === 'InvalidAccessKeyId.Inactive' || err.code === 'Forbidden.AccessKeyDisabled')
        return translate('This AccessKey is disabled: enable it in the RAM console or sign in with another one.');
      if (err.code === 'InvalidSecurityToken.Expired')
        return translate('The STS security token has expired: get new temporary credentials and sign in again.');
      if (err.code.startsWith('InvalidSecurityToken') || err.code === 'MissingSecurityToken')
        return translate(
          'The STS security token is missing or does not match the AccessKey ID: sign in again with the complete temporary credentials.',
        );
      return translate(
        'Alibaba Cloud did not accept these credentials (not authorised): sign in again with a valid AccessKey.',
      );
    case 'signature':
      return translate(
        'The request signature did not match: the AccessKey Secret is probably wrong. Sign in again and paste the secret exactly.',
      );
    case 'clockSkew':
      return translate(
        "Alibaba Cloud rejected the request's timestamp: this computer's clock is off by more than 15 minutes. Check the date, time and time zone settings.",
      );
    case 'permission':
      return describePermission(err, translate);
    case 'throttled':
      return err.retryAfterMs !== undefined
        ? translate(
            'The Ticket API is limiting how often you can call it: wait {0} and try again.',
            waitTime(err.retryAfterMs, translate),
          )
        : translate('The Ticket API is limiting how often you can call it: wait a minute and try again.');
    case 'server': {
      const what = [err.httpStatus ? `HTTP ${err.httpStatus}` : '', /^HTTP\d+$/.test(err.code) ? '' : err.code]
        .filter(Boolean)
        .join(', ');
      return translate(
        'The Ticket API had a server error ({0}); try again later.{1}',
        what,
        quoteRequestId(err, translate),
      );
    }
    case 'network':
      // Says what to do (trust the inspecting proxy's CA …): too long for the cut below, and holds no secret.
      if (err.code === UNTRUSTED_CERTIFICATE) return ownMessage(err, translate).slice(0, 800);
      return /^Could not reach/.test(err.message)
        ? translate(
            '{0} Check your network connection, proxy and the aliyunTickets.endpoint setting.',
            ownMessage(err, translate).slice(0, 200),
          )
        : translate(
            'Could not reach the Ticket API. Check your network connection, proxy and the aliyunTickets.endpoint setting.',
          );
    case 'timeout':
      return translate('The Ticket API did not answer in time. Check your network connection and try again.');
    case 'aborted':
      return translate('The request was cancelled.');
    case 'malformed':
      if (err.code === 'InsecureUploadUrl') return ownMessage(err, translate).slice(0, 300);
      return translate(
        'The Ticket API sent an answer that could not be read ({0}); a proxy or firewall may be in the way.{1}',
        err.code,
        quoteRequestId(err, translate),
      );
    case 'config':
      return ownMessage(err, translate).slice(0, 300);
    case 'signedOut':
      return renderText(signedOutText(), translate);
    case 'unknownOutcome':
      return describeUnknownOutcome(err, translate);
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
    text: err.text && mapTextArgs(err.text, clean),
    httpStatus: err.httpStatus,
    requestId: err.requestId === undefined ? undefined : clean(err.requestId).slice(0, 100),
    accessDeniedDetail: detail,
    retryAfterMs: err.retryAfterMs,
    action: err.action === undefined ? undefined : clean(err.action),
    attempts: err.attempts,
    notSent: err.notSent,
  });
}
