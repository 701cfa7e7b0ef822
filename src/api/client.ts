// TicketClient: the signed Ticket API client (product Workorder, version 2021-06-10). Parameters go where the official
// API puts them, every attempt is signed afresh (new nonce and date), and only failures that can pass on their own are
// retried: network errors, 5xx and Throttling*.
import { TicketApiError, abortedError, sanitizeError } from './errors';
import { DEFAULT_ENDPOINT, validateEndpoint } from './endpoint';
import { HttpTransport, type HttpRequest } from './http';
import { proxyForEndpoint, type ProxyConfig } from './proxy';
import { parseActionResponse, type RawResponse } from './response';
import { redactSecrets } from './redact';
import { formEncode, canonicalQueryString, formatAcsDate, newNonce, signV1, signV3, v1CommonParams } from './sign';
import type {
  Credentials,
  CredentialsSource,
  ListTicketsQuery,
  RequestLogEvent,
  RequestOptions,
  SignatureVersion,
  Ticket,
  TicketClientOptions,
  TicketNote,
  TicketPage,
} from './types';

export const API_VERSION = '2021-06-10';
const USER_AGENT = 'aliyun-tickets-vscode/0.1';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_RETRY_BASE_MS = 300;
const DEFAULT_MAX_RETRY_DELAY_MS = 10_000;
/** setTimeout fires at once (after a warning) for anything longer, which would turn a long wait into none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Where each parameter travels: the query string or the form body (as the official API metadata says). */
export interface ActionParams {
  query: Record<string, string>;
  body: Record<string, string>;
}

/** Ticket ids are letters and digits (documented ones: 0005PYGCW, 001571BTXC); we allow - and _ to be lenient. */
const TICKET_ID = /^[A-Za-z0-9_-]{1,64}$/;

function checkTicketId(ticketId: unknown, action: string): string {
  const id = typeof ticketId === 'string' ? ticketId.trim() : '';
  if (!TICKET_ID.test(id)) {
    throw new TicketApiError({
      code: 'InvalidTicketId',
      kind: 'notFound',
      message: `${action}: the ticket id must be letters and digits (such as 0005PYGCW).`,
      action,
    });
  }
  return id;
}

/** GetTicket: TicketId in the form body. */
export function getTicketParams(ticketId: string): ActionParams {
  return { query: {}, body: { TicketId: checkTicketId(ticketId, 'GetTicket') } };
}

/** ListTicketNotes: TicketId in the query string. */
export function listTicketNotesParams(ticketId: string): ActionParams {
  return { query: { TicketId: checkTicketId(ticketId, 'ListTicketNotes') }, body: {} };
}

/**
 * ListTickets: PageNumber/PageSize in the query string; StartDate, EndDate, Keyword and StatusList.N in the form body.
 * The API wants both dates or neither: a lone startDate ends "now", a lone endDate starts at 0.
 */
export function listTicketsParams(input: ListTicketsQuery, now: number = Date.now()): ActionParams {
  const q: Partial<ListTicketsQuery> = input ?? {};
  const bad = (message: string) => new TicketApiError({ code: 'InvalidParameter', kind: 'badRequest', message: `ListTickets: ${message}`, action: 'ListTickets' });
  const pageNumber = Math.floor(Number(q.pageNumber ?? 1));
  if (!Number.isFinite(pageNumber) || pageNumber < 1) throw bad('pageNumber must be 1 or more.');
  const rawSize = Math.floor(Number(q.pageSize ?? 20));
  if (!Number.isFinite(rawSize)) throw bad('pageSize must be a number.');
  const pageSize = Math.min(100, Math.max(10, rawSize)); // the API accepts 10..100
  const query: Record<string, string> = { PageNumber: String(pageNumber), PageSize: String(pageSize) };
  const body: Record<string, string> = {};
  if (q.startDate !== undefined || q.endDate !== undefined) {
    const start = Math.floor(Number(q.startDate ?? 0));
    const end = Math.floor(Number(q.endDate ?? now));
    if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end < start) throw bad('the date range is not valid.');
    body.StartDate = String(start);
    body.EndDate = String(end);
  }
  if (q.keyword !== undefined && q.keyword !== '') body.Keyword = String(q.keyword);
  (q.statuses ?? []).forEach((status, i) => {
    body[`StatusList.${i + 1}`] = String(status);
  });
  return { query, body };
}

const PRINTABLE = /^[\x21-\x7e]+$/;

function checkCredentials(value: unknown): Credentials {
  const c = value as Partial<Credentials> | undefined | null;
  if (!c || !c.accessKeyId || !c.accessKeySecret) {
    throw new TicketApiError({ code: 'SignedOut', kind: 'signedOut', message: 'No Alibaba Cloud credentials are available: sign in first.' });
  }
  const invalid = (what: string) =>
    new TicketApiError({ code: 'InvalidCredentials', kind: 'config', message: `The ${what} contains spaces or characters that are not allowed; paste it again.` });
  if (typeof c.accessKeyId !== 'string' || !PRINTABLE.test(c.accessKeyId)) throw invalid('AccessKey ID');
  if (typeof c.accessKeySecret !== 'string' || !PRINTABLE.test(c.accessKeySecret)) throw invalid('AccessKey Secret');
  if (c.securityToken !== undefined && c.securityToken !== '' && (typeof c.securityToken !== 'string' || !PRINTABLE.test(c.securityToken))) {
    throw invalid('STS security token');
  }
  return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken || undefined };
}

/**
 * Only failures that can pass on their own. A timeout is not among them: the user has already waited timeoutMs for a
 * server that hangs, and would wait that long again per retry (timeoutMs still bounds each attempt of the others).
 */
function isRetryable(err: TicketApiError): boolean {
  // A proxy that wants other credentials, or forbids the host, gives the same answer the next time.
  if (err.code === 'ProxyAuthenticationRequired' || err.code === 'ProxyForbidden') return false;
  return err.kind === 'network' || err.kind === 'server' || err.kind === 'throttled';
}

/** Settles with `work`, or rejects as soon as the signal fires (a slow credential store must not hold a cancel). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, action: string): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(action));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal | undefined, action: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(action));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(action));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class TicketClient {
  private readonly endpoint: string | TicketApiError;
  /** Resolved once, like the endpoint: undefined means direct. */
  private readonly proxy: ProxyConfig | undefined | TicketApiError;
  private readonly credentials: CredentialsSource;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly signatureVersion: SignatureVersion;
  private readonly onRequest?: (event: RequestLogEvent) => void;
  private readonly now: () => number;
  private readonly retryBaseDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly transport = new HttpTransport();

  constructor(options: TicketClientOptions) {
    // A bad endpoint does not throw here (the extension builds the client from a setting); every request rejects
    // with the 'config' error instead, before anything is signed or sent.
    let endpoint: string | TicketApiError;
    try {
      endpoint = validateEndpoint(options.endpoint ?? DEFAULT_ENDPOINT);
    } catch (err) {
      endpoint = err instanceof TicketApiError ? err : new TicketApiError({ code: 'InvalidEndpoint', kind: 'config', message: 'The endpoint is not valid.' });
    }
    this.endpoint = endpoint;
    // Same for a proxy URL that cannot be used (option or environment): a 'config' error per request, nothing sent.
    let proxy: ProxyConfig | undefined | TicketApiError;
    try {
      proxy = typeof endpoint === 'string' ? proxyForEndpoint(endpoint, options.proxy, process.env) : undefined;
    } catch (err) {
      proxy = err instanceof TicketApiError ? err : new TicketApiError({ code: 'InvalidProxy', kind: 'config', message: 'The proxy URL is not valid.' });
    }
    this.proxy = proxy;
    this.credentials = options.credentials;
    this.timeoutMs = Math.min(MAX_TIMER_MS, positive(options.timeoutMs, DEFAULT_TIMEOUT_MS));
    // 0 or less still makes the one attempt a call needs; it must not fall back to the default and retry.
    const attempts = options.maxAttempts;
    this.maxAttempts = typeof attempts === 'number' && Number.isFinite(attempts) ? Math.max(1, Math.floor(attempts)) : DEFAULT_MAX_ATTEMPTS;
    this.signatureVersion = options.signatureVersion === 'v1' ? 'v1' : 'v3';
    this.onRequest = options.onRequest;
    this.now = options.now ?? Date.now;
    this.retryBaseDelayMs = nonNegative(options.retryBaseDelayMs, DEFAULT_RETRY_BASE_MS);
    this.maxRetryDelayMs = Math.min(MAX_TIMER_MS, nonNegative(options.maxRetryDelayMs, DEFAULT_MAX_RETRY_DELAY_MS));
  }

  async getTicket(ticketId: string, options?: RequestOptions): Promise<Ticket> {
    const params = getTicketParams(ticketId);
    return this.call('GetTicket', params, options);
  }

  async listTickets(query: ListTicketsQuery, options?: RequestOptions): Promise<TicketPage> {
    const params = listTicketsParams(query, this.now());
    return this.call('ListTickets', params, options);
  }

  async listTicketNotes(ticketId: string, options?: RequestOptions): Promise<TicketNote[]> {
    const params = listTicketNotesParams(ticketId);
    return this.call('ListTicketNotes', params, options);
  }

  /** Calls any action of the Workorder API; known actions are mapped to our types (see response.ts). */
  async call<A extends string>(action: A, params: ActionParams, options: RequestOptions = {}) {
    if (typeof this.endpoint !== 'string') throw this.endpoint;
    if (this.proxy instanceof TicketApiError) throw this.proxy;
    const origin = this.endpoint;
    const proxy = this.proxy;
    const signal = options.signal;
    const ticketId = params.body.TicketId ?? params.query.TicketId;
    // Ends by returning a result or throwing: the last attempt never gets a retry delay.
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortedError(action, attempt - 1);
      // Called per attempt so rotated keys (SecretStorage, refreshed STS) are picked up.
      const credentials = await unlessAborted(this.resolveCredentials(), signal, action);
      const known = [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken, ...(proxy?.secrets ?? [])];
      const started = Date.now();
      let response: RawResponse | undefined;
      try {
        const answer = await this.transport.send({ ...this.buildRequest(action, params, credentials, origin, signal), proxy });
        response = answer;
        const result = parseActionResponse(action, answer, known);
        this.log(() => ({ action, ticketId, attempt, httpStatus: answer.status, durationMs: Date.now() - started, requestId: requestIdOf(answer, known) }));
        return result;
      } catch (caught) {
        const err = caught instanceof TicketApiError ? caught : new TicketApiError({ code: 'InternalError', kind: 'network', message: 'The request failed unexpectedly.', action });
        const delay = attempt < this.maxAttempts && isRetryable(err) ? this.retryDelay(err, attempt) : undefined;
        this.log(() => ({
          action,
          ticketId,
          attempt,
          httpStatus: err.httpStatus,
          durationMs: Date.now() - started,
          requestId: err.requestId ?? (response ? requestIdOf(response, known) : undefined),
          code: err.code,
          retryInMs: delay,
        }));
        if (delay === undefined) throw sanitizeError(withAttempts(err, attempt, this.maxAttempts), known);
        await sleep(delay, signal, action);
      }
    }
  }

  /** Closes the keep-alive connection pool; later requests fail with a 'config' error. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  private async resolveCredentials(): Promise<Credentials> {
    let value: unknown;
    try {
      value = typeof this.credentials === 'function' ? await this.credentials() : this.credentials;
    } catch (err) {
      if (err instanceof TicketApiError) throw err;
      throw new TicketApiError({ code: 'CredentialsUnavailable', kind: 'config', message: 'The stored Alibaba Cloud credentials could not be read.' });
    }
    return checkCredentials(value);
  }

  /**
   * Exponential backoff with jitter (half to all of base·2^(attempt-1), capped). A throttle's x-acs-retry-after is a
   * floor on top of that: we wait at least as long as the server asked, plus a little jitter so that several clients
   * throttled together do not come back in the same millisecond.
   */
  private retryDelay(err: TicketApiError, attempt: number): number | undefined {
    const exponential = Math.min(this.maxRetryDelayMs, this.retryBaseDelayMs * 2 ** (attempt - 1));
    const backoff = Math.floor(exponential / 2 + Math.random() * (exponential / 2));
    if (err.kind === 'throttled' && err.retryAfterMs !== undefined) {
      if (err.retryAfterMs > this.maxRetryDelayMs) return undefined; // too long to wait inside one call: let the user decide
      return Math.max(backoff, err.retryAfterMs + Math.floor(Math.random() * Math.min(100, this.retryBaseDelayMs)));
    }
    return backoff;
  }

  private buildRequest(action: string, params: ActionParams, credentials: Credentials, origin: string, signal?: AbortSignal): HttpRequest {
    const host = origin.replace(/^https?:\/\//, '');
    const body = formEncode(params.body);
    const hasBody = body !== '';
    const nowMs = this.now();
    const nonce = newNonce();
    if (this.signatureVersion === 'v1') {
      const common = v1CommonParams({ action, version: API_VERSION, credentials, nonce, epochMs: nowMs });
      const query = { ...params.query, ...common };
      const { signature } = signV1('POST', { ...query, ...params.body }, credentials.accessKeySecret);
      const headers: Record<string, string> = { host, 'user-agent': USER_AGENT, accept: 'application/json' };
      if (hasBody) headers['content-type'] = 'application/x-www-form-urlencoded';
      return { origin, method: 'POST', path: `/?${canonicalQueryString({ ...query, Signature: signature })}`, headers, body: hasBody ? body : undefined, timeoutMs: this.timeoutMs, signal, action };
    }
    const headers: Record<string, string> = {
      host,
      'x-acs-action': action,
      'x-acs-version': API_VERSION,
      'x-acs-date': formatAcsDate(nowMs),
      'x-acs-signature-nonce': nonce,
    };
    if (hasBody) headers['content-type'] = 'application/x-www-form-urlencoded';
    const signed = signV3({ method: 'POST', pathname: '/', query: params.query, headers, body }, credentials);
    const queryString = canonicalQueryString(params.query);
    return {
      origin,
      method: 'POST',
      path: queryString ? `/?${queryString}` : '/',
      headers: { ...signed.headers, 'user-agent': USER_AGENT, accept: 'application/json' },
      body: hasBody ? body : undefined,
      timeoutMs: this.timeoutMs,
      signal,
      action,
    };
  }

  /** Builds the event only when someone listens: finding and redacting the RequestId is not free. */
  private log(event: () => RequestLogEvent): void {
    if (!this.onRequest) return;
    try {
      this.onRequest(event());
    } catch {
      // A failing logger must not fail the request.
    }
  }
}

/** The RequestId for the log line, without parsing the body a second time. */
function requestIdOf(response: RawResponse, known: ReadonlyArray<string | undefined>): string | undefined {
  const match = /"RequestId"\s*:\s*"([^"\\]{1,100})"/.exec(response.body);
  return match ? redactSecrets(match[1], known) : undefined;
}

function withAttempts(err: TicketApiError, attempts: number, maxAttempts: number): TicketApiError {
  const gaveUp = attempts > 1 && attempts >= maxAttempts && isRetryable(err);
  return new TicketApiError({
    code: err.code,
    kind: err.kind,
    // Inside the sentence, not after its full stop: describeError shows this message to people.
    message: gaveUp ? `${err.message.replace(/\.$/, '')} (gave up after ${attempts} attempts)${err.message.endsWith('.') ? '.' : ''}` : err.message,
    httpStatus: err.httpStatus,
    requestId: err.requestId,
    accessDeniedDetail: err.accessDeniedDetail,
    retryAfterMs: err.retryAfterMs,
    action: err.action,
    attempts,
  });
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
