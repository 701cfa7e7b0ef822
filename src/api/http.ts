// The HTTP transport: one keep-alive undici Pool per endpoint origin, a timeout per attempt, and caller aborts that
// reject at once. undici is required lazily (inside loadUndici) so that activating the extension never parses it;
// the build maps 'undici' to dist/undici.js.
import type { Pool } from 'undici';
import { TicketApiError, abortedError } from './errors';

export interface HttpRequest {
  /** scheme://host[:port], already validated. */
  origin: string;
  method: 'POST' | 'GET';
  /** Path and query string, e.g. "/?PageNumber=1". */
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Used in error messages only. */
  action?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

type UndiciModule = typeof import('undici');
let undici: UndiciModule | undefined;

/** Loads undici on the first request only. */
export function loadUndici(): UndiciModule {
  undici ??= require('undici') as UndiciModule;
  return undici;
}

/** Whether this process has loaded the network stack yet (activation must not). */
export function isUndiciLoaded(): boolean {
  return undici !== undefined;
}

// Cap per origin: the TicketService limits concurrency further; this only bounds sockets if it is bypassed.
const CONNECTIONS_PER_ORIGIN = 8;
const KEEP_ALIVE_MS = 30_000;
// A broken or hostile endpoint must not fill memory within one timeout; real answers are kilobytes.
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

function timeoutError(timeoutMs: number, action?: string): TicketApiError {
  return new TicketApiError({
    code: 'Timeout',
    kind: 'timeout',
    message: `The Ticket API did not answer within ${Math.round(timeoutMs / 100) / 10} s.`,
    action,
  });
}

/** Maps undici / socket failures to a network error naming the cause (codes like ECONNREFUSED hold no secret). */
function networkError(err: unknown, origin: string, action?: string): TicketApiError {
  const e = err as { code?: string; cause?: { code?: string }; message?: string } | undefined;
  const cause = e?.cause?.code || e?.code || 'unknown error';
  const host = origin.replace(/^https?:\/\//, '');
  const reason =
    cause === 'ECONNREFUSED'
      ? 'the connection was refused'
      : cause === 'ENOTFOUND' || cause === 'EAI_AGAIN'
        ? 'the host name could not be resolved'
        : cause === 'UND_ERR_SOCKET' || cause === 'ECONNRESET' || cause === 'EPIPE'
          ? 'the connection was closed before a complete answer arrived'
          : `a network error occurred (${cause})`;
  return new TicketApiError({ code: 'NetworkError', kind: 'network', message: `Could not reach ${host}: ${reason}.`, action });
}

export class HttpTransport {
  private readonly pools = new Map<string, Pool>();
  private closed = false;

  /** The keep-alive pool of an origin, created (and undici loaded) on first use. */
  private poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      const { Pool: PoolClass } = loadUndici();
      pool = new PoolClass(origin, {
        connections: CONNECTIONS_PER_ORIGIN,
        keepAliveTimeout: KEEP_ALIVE_MS,
        keepAliveMaxTimeout: KEEP_ALIVE_MS,
        maxResponseSize: MAX_RESPONSE_BYTES,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /** Sends one attempt. Rejects with TicketApiError kind 'network', 'timeout' or 'aborted'; any HTTP status resolves. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    if (request.signal?.aborted) throw abortedError(request.action);
    if (this.closed) {
      throw new TicketApiError({ code: 'ClientClosed', kind: 'config', message: 'The Ticket API client was closed.', action: request.action });
    }
    const pool = this.poolFor(request.origin);
    const controller = new AbortController();
    let why: 'timeout' | 'aborted' | undefined;
    let rejectNow: (err: TicketApiError) => void = () => undefined;
    // Settles as soon as the caller aborts or the attempt times out, whatever undici is doing.
    const interrupted = new Promise<never>((_, reject) => (rejectNow = reject));
    const onAbort = () => {
      why ??= 'aborted';
      controller.abort();
      rejectNow(abortedError(request.action));
    };
    const timer = setTimeout(() => {
      why ??= 'timeout';
      controller.abort();
      rejectNow(timeoutError(request.timeoutMs, request.action));
    }, request.timeoutMs);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const exchange = (async (): Promise<HttpResponse> => {
      try {
        const response = await pool.request({
          method: request.method,
          path: request.path,
          headers: request.headers,
          body: request.body,
          signal: controller.signal,
        });
        const body = await response.body.text();
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined) continue;
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
        }
        // undici frees the connection for the next request on a later turn of the event loop; without this yield a
        // request issued right after this one finds it still busy and opens a second socket (keep-alive lost).
        await new Promise<void>((resolve) => setImmediate(resolve));
        return { status: response.statusCode, headers, body };
      } catch (err) {
        if (why === 'timeout') throw timeoutError(request.timeoutMs, request.action);
        if (why === 'aborted') throw abortedError(request.action);
        if (err instanceof TicketApiError) throw err;
        if ((err as { code?: string } | undefined)?.code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
          throw new TicketApiError({
            code: 'ResponseTooLarge',
            kind: 'malformed',
            message: `The Ticket API answer was larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB and was not read.`,
            action: request.action,
          });
        }
        throw networkError(err, request.origin, request.action);
      }
    })();
    exchange.catch(() => undefined); // the race below may settle first; never leave an unhandled rejection
    try {
      return await Promise.race([exchange, interrupted]);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Closes every pool (idle sockets at once; in-flight requests are allowed to finish). */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => undefined)));
  }
}
