// The HTTP transport: one keep-alive undici dispatcher per (endpoint origin, proxy) — a Pool, or a ProxyAgent that
// tunnels through an HTTP proxy with CONNECT — a timeout per attempt, and caller aborts that reject at once. undici is required lazily (inside loadUndici) so that activating the extension never parses it;
// the build maps 'undici' to dist/undici.js.
import type { Socket } from 'net';
import type { Dispatcher, Pool, buildConnector } from 'undici';
import { TicketApiError, abortedError } from './errors';
import { messageText } from './messageText';
import { networkError, timeoutError } from './network/failures';
import type { ProxyConfig } from './proxy';
import type { TlsConnectOptions } from './network/options';

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

/** What dist/undici.js holds (scripts/undici-entry.cjs); the tests, run unbundled, get the whole package. */
type UndiciModule = Pick<typeof import('undici'), 'Pool' | 'ProxyAgent' | 'buildConnector'>;
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

/**
 * Connections opened ahead of the first request (HttpTransport.warm) so that it pays one round trip, not TCP + TLS +
 * one. The pool takes a warm connection when it needs a new one, else it connects as usual; a warm connection nobody
 * took is closed after KEEP_ALIVE_MS, like an idle pooled one.
 */
class WarmConnector {
  private readonly connectNow: buildConnector.connector;
  private readonly spares: Array<{ socket: Promise<Socket | undefined>; timer?: ReturnType<typeof setTimeout> }> = [];

  constructor(
    private readonly origin: string,
    tls: TlsConnectOptions,
  ) {
    this.connectNow = loadUndici().buildConnector({ ...tls });
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
        this.connectNow(
          { hostname: url.hostname, host: url.host, protocol: url.protocol, port: url.port },
          (err, socket) => {
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
          },
        );
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

/**
 * One attempt's undici dispatch handler. It settles the attempt's promise once: with the answer, with the mapped
 * network error, or at once when the caller aborts or the attempt times out (the request is then aborted in undici,
 * whatever it is doing, and whatever undici reports afterwards is ignored).
 */
class AttemptHandler implements Dispatcher.DispatchHandler {
  private settled = false;
  private controller: Dispatcher.DispatchController | undefined;
  /** Why the attempt was interrupted before undici started it (aborted in onRequestStart). */
  private interruption: TicketApiError | undefined;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly request: HttpRequest,
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (err: TicketApiError) => void,
  ) {
    this.timer = setTimeout(() => this.interrupt(timeoutError(request.timeoutMs, request.action)), request.timeoutMs);
    if (request.signal) {
      this.onAbort = () => this.interrupt(abortedError(request.action));
      request.signal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.interruption) controller.abort(this.interruption);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.status = statusCode;
    const flat: Record<string, string> = {};
    for (const name in headers) {
      const value = headers[name];
      if (value === undefined) continue;
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    this.headers = flat;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  onResponseEnd(): void {
    if (!this.finish()) return;
    const response: HttpResponse = {
      status: this.status,
      headers: this.headers,
      body: decodeUtf8(this.chunks, this.length),
    };
    // undici frees the connection on the next turn of the event loop (it schedules that right after this call
    // returns); a request issued before then finds it busy and opens a second socket (keep-alive lost). So the answer
    // is handed over on that turn, after undici's own step: the tick runs once this call has returned.
    process.nextTick(resolveNextTurn, this.resolve, response);
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    if (!this.finish()) return;
    const request = this.request;
    if ((err as { code?: string }).code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
      this.reject(
        new TicketApiError({
          code: 'ResponseTooLarge',
          kind: 'malformed',
          // l10n-exempt: for the log; describeError has its own sentence for this kind
          message: `The Ticket API answer was larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB and was not read.`,
          action: request.action,
        }),
      );
    } else
      this.reject(
        err instanceof TicketApiError ? err : networkError(err, request.origin, request.action, request.proxy),
      );
  }

  /** Rejects now with `err` and stops the request in undici (now, or as soon as undici starts it). */
  private interrupt(err: TicketApiError): void {
    if (!this.finish()) return;
    this.interruption = err;
    this.controller?.abort(err);
    this.reject(err);
  }

  /** Marks the attempt settled and frees its timer and abort listener; false when it already was. */
  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    if (this.onAbort) this.request.signal?.removeEventListener('abort', this.onAbort);
    return true;
  }
}

function resolveNextTurn(resolve: (response: HttpResponse) => void, response: HttpResponse): void {
  setImmediate(resolve, response);
}

/** The body as text, like undici's body.text(): UTF-8, a leading byte order mark skipped. */
function decodeUtf8(chunks: Buffer[], length: number): string {
  if (length === 0) return '';
  const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
  const start = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return buffer.toString('utf8', start);
}

export class HttpTransport {
  private readonly pools = new Map<string, Dispatcher>();
  private readonly warmConnectors = new Map<string, WarmConnector>();
  private closed = false;

  /** `tls`: trusted CAs and certificate checking (VS Code's system certificates, http.proxyStrictSSL), for every origin. */
  constructor(private readonly tls: TlsConnectOptions = {}) {}

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
        pool = new ProxyAgent({
          ...options,
          uri: proxy.uri,
          token: proxy.authorization,
          requestTls: this.tls,
          proxyTls: this.tls,
        });
      } else {
        const connector = new WarmConnector(origin, this.tls);
        this.warmConnectors.set(origin, connector);
        pool = new PoolClass(origin, { ...options, connect: connector.connect });
      }
      this.pools.set(key, pool);
    }
    return pool;
  }

  /**
   * Sends one attempt. Rejects with TicketApiError kind 'network', 'timeout' or 'aborted'; any HTTP status resolves.
   * Goes through undici's dispatch API with a handler of our own (AttemptHandler): the body is collected as bytes and
   * decoded once, without a stream, a per-request AbortController or a Promise.race.
   */
  send(request: HttpRequest): Promise<HttpResponse> {
    if (request.signal?.aborted) return Promise.reject(abortedError(request.action));
    if (this.closed) {
      return Promise.reject(
        new TicketApiError({
          code: 'ClientClosed',
          kind: 'config',
          text: messageText('The Ticket API client was closed.'),
          action: request.action,
        }),
      );
    }
    const pool = this.dispatcherFor(request.origin, request.proxy);
    return new Promise<HttpResponse>((resolve, reject) => {
      const handler = new AttemptHandler(request, resolve, reject);
      pool.dispatch(
        {
          origin: request.origin,
          method: request.method,
          path: request.path,
          headers: request.headers,
          body: request.body,
        },
        handler,
      );
    });
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
