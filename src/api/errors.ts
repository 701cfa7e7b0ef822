import type { AccessDeniedDetail } from './types';

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
  | 'signedOut';

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
  }
}

export function isTicketApiError(value: unknown): value is TicketApiError {
  return value instanceof TicketApiError;
}
