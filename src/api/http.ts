// The HTTP transport: one keep-alive undici dispatcher per (endpoint origin, proxy) — a Pool, or a ProxyAgent that
// tunnels through an HTTP proxy with CONNECT — a timeout per attempt, and caller aborts that reject at once. undici is required lazily (inside loadUndici) so that activating the extension never parses it;
// the build maps 'undici' to dist/undici.js.
import type { Socket } from 'net';
import type { Dispatcher, Pool, buildConnector } from 'undici';
import { TicketApiError, abortedError } from './errors';
import type { ProxyConfig } from './proxy';

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
  /** Send through this HTTP proxy (see proxy.ts); direct when absent. */
  proxy?: ProxyConfig;
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

/**
 * Failures of opening the connection: no byte of the request was written, so even a write may be sent again. Anything
 * else (reset, closed socket) may come after the request left, and a write then has an unknown outcome.
 */
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The status a proxy answered the CONNECT with, from undici's "Proxy response (407) !== 200 when HTTP Tunneling". */
function proxyRefusal(err: unknown): number | undefined {
  const message = (err as { message?: unknown } | undefined)?.message;
  const match = typeof message === 'string' ? /^Proxy response \((\d{3})\)/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

/** A failure on the way through the proxy; names the proxy's host:port, never its credentials. */
function proxyError(err: unknown, host: string, proxy: ProxyConfig, action?: string): TicketApiError {
  const status = proxyRefusal(err);
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  const cause = e?.cause?.code || e?.code || 'unknown error';
  const via = `Could not reach ${host} through the proxy ${proxy.display}`;
  if (status === 407) {
    const message = proxy.authorization
      ? `${via}: the proxy did not accept the user name and password in the proxy URL (HTTP 407).`
      : `${via}: the proxy requires a user name and password (HTTP 407); give them in the proxy URL, as http://user:password@host:port.`;
    return new TicketApiError({ code: 'ProxyAuthenticationRequired', kind: 'network', message, action, notSent: true });
  }
  const reason =
    status !== undefined
      ? `the proxy refused to connect to it (HTTP ${status}).`
      : cause === 'ECONNREFUSED'
        ? 'the proxy refused the connection (is the proxy running, and is the port right?).'
        : cause === 'ENOTFOUND' || cause === 'EAI_AGAIN'
          ? "the proxy's host name could not be resolved."
          : cause === 'UND_ERR_SOCKET' || cause === 'ECONNRESET' || cause === 'EPIPE'
            ? 'the connection was closed before a complete answer arrived.'
            : `a network error occurred (${cause}).`;
  // A refused CONNECT (any status) or a proxy that cannot be reached: the tunnel never carried the request.
  const notSent = status !== undefined || CONNECT_FAILURES.has(cause);
  return new TicketApiError({ code: status === 403 ? 'ProxyForbidden' : 'ProxyError', kind: 'network', message: `${via}: ${reason}`, action, notSent });
}

/** Maps undici / socket failures to a network error naming the cause (codes like ECONNREFUSED hold no secret). */
function networkError(err: unknown, origin: string, action?: string, proxy?: ProxyConfig): TicketApiError {
  const e = err as { code?: string; cause?: { code?: string }; message?: string } | undefined;
  const cause = e?.cause?.code || e?.code || 'unknown error';
  const host = origin.replace(/^https?:\/\//, '');
  if (proxy) return proxyError(err, host, proxy, action);
  const reason =
    cause === 'ECONNREFUSED'
      ? 'the connection was refused'
      : cause === 'ENOTFOUND' || cause === 'EAI_AGAIN'
        ? 'the host name could not be resolved'
        : cause === 'UND_ERR_SOCKET' || cause === 'ECONNRESET' || cause === 'EPIPE'
          ? 'the connection was closed before a complete answer arrived'
          : `a network error occurred (${cause})`;
  return new TicketApiError({ code: 'NetworkError', kind: 'network', message: `Could not reach ${host}: ${reason}.`, action, notSent: CONNECT_FAILURES.has(cause) });
}

/**
 * Connections opened ahead of the first request (HttpTransport.warm) so that it pays one round trip, not TCP + TLS +
 * one. The pool takes a warm connection when it needs a new one, else it connects as usual; a warm connection nobody
 * took is closed after KEEP_ALIVE_MS, like an idle pooled one.
 */
class WarmConnector {
  private readonly connectNow: buildConnector.connector;
  private readonly spares: Array<{ socket: Promise<Socket | undefined>; timer?: ReturnType<typeof setTimeout> }> = [];

  constructor(private readonly origin: string) {
    this.connectNow = loadUndici().buildConnector({});
  }

  get spareCount(): number {
    return this.spares.length;
  }

  /** The pool's `connect` option. */
  readonly connect: buildConnector.connector = (options, callback) => {
    const spare = this.spares.shift();
    if (!spare) return this.connectNow(options, callback);
    clearTimeout(spare.timer);
    void spare.socket.then((socket) => {
      if (socket && !socket.destroyed) {
        socket.removeAllListeners('error');
        callback(null, socket);
      } else this.connectNow(options, callback);
    });
  };

  /** Opens connections until `count` are spare (TCP and TLS done, nothing sent). */
  warm(count: number): void {
    const url = new URL(this.origin);
    while (this.spares.length < count) {
      const spare: (typeof this.spares)[number] = { socket: Promise.resolve(undefined) };
      spare.socket = new Promise((resolve) => {
        this.connectNow({ hostname: url.hostname, host: url.host, protocol: url.protocol, port: url.port }, (err, socket) => {
          if (err || !socket) return resolve(undefined);
          // Until the pool takes it: a failure just closes it (the pool then connects on its own).
          socket.on('error', () => socket.destroy());
          if (this.spares.includes(spare)) {
            spare.timer = setTimeout(() => {
              const index = this.spares.indexOf(spare);
              if (index >= 0) this.spares.splice(index, 1);
              socket.destroy();
            }, KEEP_ALIVE_MS);
            spare.timer.unref?.();
          }
          resolve(socket);
        });
      });
      this.spares.push(spare);
    }
  }

  close(): void {
    for (const spare of this.spares.splice(0)) {
      clearTimeout(spare.timer);
      void spare.socket.then((socket) => socket?.destroy());
    }
  }
}

export class HttpTransport {
  private readonly pools = new Map<string, Dispatcher>();
  private readonly warmConnectors = new Map<string, WarmConnector>();
  private closed = false;

  /**
   * Opens up to `connections` connections to `origin` before they are needed (a ticket id or the Tickets view is on
   * screen), counting the pool's open ones. Direct connections only: through a proxy the first request connects.
   */
  warm(origin: string, proxy: ProxyConfig | undefined, connections = 2): void {
    if (this.closed || proxy) return;
    const pool = this.dispatcherFor(origin, undefined) as Pool;
    const connector = this.warmConnectors.get(origin);
    if (!connector) return;
    const open = pool.stats?.connected ?? 0;
    connector.warm(Math.max(0, connections - open));
  }

  /**
   * The keep-alive dispatcher of an origin (and proxy), created (and undici loaded) on first use. Through a proxy, the
   * tunnels are pooled too: one CONNECT per connection, not per request.
   */
  dispatcherFor(origin: string, proxy: ProxyConfig | undefined): Dispatcher {
    // In memory only; the authorization is part of the key so that changed proxy credentials get fresh connections.
    const key = proxy ? `${origin} via ${proxy.uri} ${proxy.authorization ?? ''}` : origin;
    let pool = this.pools.get(key);
    if (!pool) {
      const options = {
        connections: CONNECTIONS_PER_ORIGIN,
        keepAliveTimeout: KEEP_ALIVE_MS,
        keepAliveMaxTimeout: KEEP_ALIVE_MS,
        maxResponseSize: MAX_RESPONSE_BYTES,
      };
      const { Pool: PoolClass, ProxyAgent } = loadUndici();
      if (proxy) {
        // The URI holds no credentials (they go in `token`), so nothing undici reports can repeat them.
        pool = new ProxyAgent({ ...options, uri: proxy.uri, token: proxy.authorization });
      } else {
        const connector = new WarmConnector(origin);
        this.warmConnectors.set(origin, connector);
        pool = new PoolClass(origin, { ...options, connect: connector.connect });
      }
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Sends one attempt. Rejects with TicketApiError kind 'network', 'timeout' or 'aborted'; any HTTP status resolves. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    if (request.signal?.aborted) throw abortedError(request.action);
    if (this.closed) {
      throw new TicketApiError({ code: 'ClientClosed', kind: 'config', message: 'The Ticket API client was closed.', action: request.action });
    }
    const pool = this.dispatcherFor(request.origin, request.proxy);
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
          origin: request.origin,
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
        throw networkError(err, request.origin, request.action, request.proxy);
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

  /** Closes every pool and proxy agent (idle sockets at once; in-flight requests are allowed to finish). */
  async close(): Promise<void> {
    this.closed = true;
    for (const connector of this.warmConnectors.values()) connector.close();
    this.warmConnectors.clear();
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => undefined)));
  }
}
