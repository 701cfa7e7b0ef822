// Faults the emulator can be told to produce. Each queued fault answers `times` matching requests (default 1), then
// is gone. A fault with `action` only matches that action. Faults apply to requests whose signature checked out, so
// a client that retries must re-sign (new nonce) or it meets SignatureNonceUsed instead.

export type FaultSpec =
  | {
      kind: 'throttle';
      /**
       * How long the client is told to wait. The header `x-acs-retry-after` carries MILLISECONDS: the official SDK
       * (@alicloud/openapi-core getThrottlingTimeLeft → @darabonba/typescript getBackoffDelay → sleep(ms)) feeds the
       * header value straight into a millisecond sleep, capped at 120 000. `retryAfterSeconds` is converted (×1000).
       * Default 1000 ms. `retryAfterMs: null` sends no header at all.
       */
      retryAfterMs?: number | null;
      retryAfterSeconds?: number;
      /** Default 'Throttling.User'; 'Throttling' and 'Throttling.Api' are real too. */
      code?: string;
      /** Default 400, as the reference lists; 429 to check a client does not depend on it. */
      status?: number;
    }
  | { kind: 'status'; status: number; code?: string; message?: string }
  | { kind: 'slow'; delayMs: number }
  /** The socket is destroyed before the action runs: nothing happened on the server. */
  | { kind: 'drop' }
  /** The action runs (a write is carried out), then the socket is destroyed before the answer: the client cannot know. */
  | { kind: 'dropAfterProcessing' }
  | { kind: 'malformed' }
  | { kind: 'html'; status?: number }
  | {
      kind: 'forbidden';
      /** Default 'No permissions' (the Ticket API's own 403); gateway RAM denials use e.g. 'Forbidden.RAM' or 'NoPermission'. */
      code?: string;
    };

export type Fault = FaultSpec & {
  /** Only requests for this action (e.g. 'GetTicket') match. */
  action?: string;
  /** How many matching requests this fault answers. Default 1. */
  times?: number;
};

export const FAULT_KINDS = [
  'throttle',
  'status',
  'slow',
  'drop',
  'dropAfterProcessing',
  'malformed',
  'html',
  'forbidden',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/** Checks a fault that came from outside (control API); returns an error sentence or undefined. */
export function validateFault(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'a fault must be a JSON object';
  const f = value as Record<string, unknown>;
  if (!FAULT_KINDS.includes(f.kind as (typeof FAULT_KINDS)[number])) {
    return `unknown fault kind ${JSON.stringify(f.kind)}; use one of ${FAULT_KINDS.join(', ')}`;
  }
  if (f.times !== undefined && !(Number.isInteger(f.times) && (f.times as number) >= 1))
    return 'times must be an integer ≥ 1';
  if (f.action !== undefined && typeof f.action !== 'string') return 'action must be a string';
  if (
    f.kind === 'status' &&
    !(Number.isInteger(f.status) && (f.status as number) >= 400 && (f.status as number) <= 599)
  ) {
    return 'status fault needs status 400..599';
  }
  if (f.kind === 'slow' && !(typeof f.delayMs === 'number' && f.delayMs >= 0)) return 'slow fault needs delayMs ≥ 0';
  if (
    f.kind === 'html' &&
    f.status !== undefined &&
    !(Number.isInteger(f.status) && (f.status as number) >= 200 && (f.status as number) <= 599)
  ) {
    return 'html fault status must be 200..599';
  }
  if (f.kind === 'throttle') {
    if (
      f.retryAfterMs !== undefined &&
      f.retryAfterMs !== null &&
      !(typeof f.retryAfterMs === 'number' && f.retryAfterMs >= 0)
    ) {
      return 'retryAfterMs must be a number ≥ 0 or null';
    }
    if (
      f.status !== undefined &&
      !(Number.isInteger(f.status) && (f.status as number) >= 400 && (f.status as number) <= 599)
    ) {
      return 'throttle status must be 400..599';
    }
    if (f.retryAfterSeconds !== undefined && !(typeof f.retryAfterSeconds === 'number' && f.retryAfterSeconds >= 0)) {
      return 'retryAfterSeconds must be a number ≥ 0';
    }
  }
  return undefined;
}

/** Milliseconds to put in x-acs-retry-after, or undefined for no header. */
export function retryAfterMsOf(fault: Extract<FaultSpec, { kind: 'throttle' }>): number | undefined {
  if (fault.retryAfterMs === null) return undefined;
  if (typeof fault.retryAfterMs === 'number') return Math.round(fault.retryAfterMs);
  if (typeof fault.retryAfterSeconds === 'number') return Math.round(fault.retryAfterSeconds * 1000);
  return 1000;
}
