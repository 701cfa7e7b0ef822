// TicketClient: the signed Ticket API client (product Workorder, version 2021-06-10). Parameters go where the official
// API puts them (params.ts, writeParams.ts), every attempt is signed afresh (new nonce and date), and what is retried
// is decided in one place (actionPolicy.ts): reads retry network errors, 5xx and Throttling*; writes retry only what
// the server certainly did not carry out, and end with 'unknownOutcome' when it may have.
import { callWithRetries, type RetrySchedule } from './attempts';
import { dataId, toCategories, toProductDirectories, toUploadTarget } from './actionResults';
import { CREDENTIALS_UNAVAILABLE, TicketApiError } from './errors';
import { DEFAULT_ENDPOINT, validateEndpoint } from './endpoint';
import { HttpTransport } from './http';
import { MAX_THROTTLE_WAIT_MS } from './throttlePolicy';
import {
  attachmentUploadUrlParams,
  getTicketParams,
  listCategoriesParams,
  listProductsParams,
  listTicketNotesParams,
  listTicketsParams,
  type ActionParams,
} from './params';
import { proxyForEndpoint, type ProxyConfig } from './proxy';
import { tlsConnectOptions } from './network/options';
import type { NetworkOptions } from './network/options';
import type { ParsedResult } from './response';
import { messageText } from './messageText';
import { checkCredentials } from './signedRequest';
import { checkAttachment, checkUploadUrl, putToSignedUrl } from './upload';
import {
  closeTicketParams,
  createTicketParams,
  evaluateTicketParams,
  reopenTicketParams,
  replyTicketParams,
} from './writeParams';
import type {
  CatalogQuery,
  CreateTicketInput,
  Credentials,
  CredentialsSource,
  EvaluateTicketInput,
  ListTicketsQuery,
  ProductDirectory,
  ReplyTicketOptions,
  RequestLogEvent,
  RequestOptions,
  SignatureVersion,
  Ticket,
  TicketCategory,
  TicketClientOptions,
  TicketNote,
  TicketPage,
  UploadOptions,
} from './types';

export { API_VERSION } from './signedRequest';
export { getTicketParams, listTicketsParams, listTicketNotesParams } from './params';
export type { ActionParams } from './params';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_RETRY_BASE_MS = 300;
const DEFAULT_MAX_RETRY_DELAY_MS = MAX_THROTTLE_WAIT_MS;
/** setTimeout fires at once (after a warning) for anything longer, which would turn a long wait into none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class TicketClient {
  private readonly endpoint: string | TicketApiError;
  /** Resolved once, like the endpoint: undefined means direct. */
  private readonly proxy: ProxyConfig | undefined | TicketApiError;
  private readonly proxyOption: string | undefined;
  private readonly credentials: CredentialsSource;
  private readonly timeoutMs: number;
  private readonly schedule: RetrySchedule;
  private readonly signatureVersion: SignatureVersion;
  private readonly onRequest?: (event: RequestLogEvent) => void;
  private readonly now: () => number;
  private readonly transport: HttpTransport;
  /** VS Code's network settings (noProxy, proxyAuthorization, strictSSL, system CAs). */
  private readonly network: NetworkOptions | undefined;
  /** The read of an async credentials source under way, shared by the requests that start meanwhile. */
  private credentialsRead: Promise<Credentials> | undefined;

  constructor(options: TicketClientOptions) {
    // A bad endpoint does not throw here (the extension builds the client from a setting); every request rejects
    // with the 'config' error instead, before anything is signed or sent.
    let endpoint: string | TicketApiError;
    try {
      endpoint = validateEndpoint(options.endpoint ?? DEFAULT_ENDPOINT);
    } catch (err) {
      endpoint =
        err instanceof TicketApiError
          ? err
          : new TicketApiError({
              code: 'InvalidEndpoint',
              kind: 'config',
              text: messageText('The endpoint is not valid.'),
            });
    }
    this.endpoint = endpoint;
    // Same for a proxy URL that cannot be used (option or environment): a 'config' error per request, nothing sent.
    let proxy: ProxyConfig | undefined | TicketApiError;
    try {
      proxy =
        typeof endpoint === 'string'
          ? proxyForEndpoint(endpoint, options.proxy, process.env, options.network)
          : undefined;
    } catch (err) {
      proxy =
        err instanceof TicketApiError
          ? err
          : new TicketApiError({
              code: 'InvalidProxy',
              kind: 'config',
              text: messageText('The proxy URL is not valid.'),
            });
    }
    this.proxy = proxy;
    this.network = options.network;
    this.transport = new HttpTransport(tlsConnectOptions(options.network));
    this.proxyOption = options.proxy;
    this.credentials = options.credentials;
    this.timeoutMs = Math.min(MAX_TIMER_MS, positive(options.timeoutMs, DEFAULT_TIMEOUT_MS));
    // 0 or less still makes the one attempt a call needs; it must not fall back to the default and retry.
    const attempts = options.maxAttempts;
    this.schedule = {
      maxAttempts:
        typeof attempts === 'number' && Number.isFinite(attempts)
          ? Math.max(1, Math.floor(attempts))
          : DEFAULT_MAX_ATTEMPTS,
      baseDelayMs: nonNegative(options.retryBaseDelayMs, DEFAULT_RETRY_BASE_MS),
      maxDelayMs: Math.min(MAX_TIMER_MS, nonNegative(options.maxRetryDelayMs, DEFAULT_MAX_RETRY_DELAY_MS)),
    };
    this.signatureVersion = options.signatureVersion === 'v1' ? 'v1' : 'v3';
    this.onRequest = options.onRequest;
    this.now = options.now ?? Date.now;
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

  /** Posts a reply; returns its DialogId. Never sent twice: see actionPolicy.ts. */
  async replyTicket(ticketId: string, content: string, options: ReplyTicketOptions = {}): Promise<string> {
    const params = replyTicketParams(ticketId, content, options);
    return dataId(await this.call('ReplyTicket', params, options));
  }

  async closeTicket(ticketId: string, options?: RequestOptions): Promise<void> {
    await this.call('CloseTicket', closeTicketParams(ticketId), options);
  }

  /** Reopens with `content` as the reason; returns the ticket id. */
  async reopenTicket(ticketId: string, content: string, options?: RequestOptions): Promise<string> {
    const params = reopenTicketParams(ticketId, content);
    return dataId(await this.call('ReopenTicket', params, options)) || params.body.TicketId;
  }

  async evaluateTicket(ticketId: string, rating: EvaluateTicketInput, options?: RequestOptions): Promise<void> {
    await this.call('EvaluateTicket', evaluateTicketParams(ticketId, rating), options);
  }

  /** Opens a new ticket; returns its id. */
  async createTicket(input: CreateTicketInput, options?: RequestOptions): Promise<string> {
    const id = dataId(await this.call('CreateTicket', createTicketParams(input), options));
    if (!id)
      throw new TicketApiError({
        code: 'MalformedResponse',
        kind: 'unknownOutcome',
        // l10n-exempt: for the log; describeError has its own sentence for this kind
        message: 'CreateTicket: the answer had no ticket id.',
        action: 'CreateTicket',
        httpStatus: 200,
      });
    return id;
  }

  async listProducts(query: CatalogQuery = {}, options?: RequestOptions): Promise<ProductDirectory[]> {
    return toProductDirectories(await this.call('ListProducts', listProductsParams(query), options));
  }

  async listCategories(
    productId: string | number,
    query: CatalogQuery = {},
    options?: RequestOptions,
  ): Promise<TicketCategory[]> {
    return toCategories(await this.call('ListCategories', listCategoriesParams(productId, query), options));
  }

  /**
   * Uploads one attachment: GetAttachmentUploadUrl, then one PUT of the bytes to the signed URL (checked: https, or
   * http to the loopback emulator). Returns the ObjectKey to pass in `attachments`. The size limit
   * (MAX_ATTACHMENT_BYTES) is checked before any request; the PUT is never retried.
   */
  async uploadAttachment(fileName: string, bytes: Uint8Array, options: UploadOptions = {}): Promise<string> {
    const params = attachmentUploadUrlParams(fileName);
    const data = checkAttachment(params.body.FileName, bytes);
    if (typeof this.endpoint !== 'string') throw this.endpoint;
    const target = toUploadTarget(await this.call('GetAttachmentUploadUrl', params, options));
    const url = checkUploadUrl(target.putSignedUrl, this.endpoint);
    let proxy: ProxyConfig | undefined;
    try {
      proxy = proxyForEndpoint(url.origin, this.proxyOption, process.env, this.network);
    } catch (err) {
      throw err instanceof TicketApiError
        ? err
        : new TicketApiError({
            code: 'InvalidProxy',
            kind: 'config',
            text: messageText('The proxy URL is not valid.'),
          });
    }
    const started = Date.now();
    try {
      await putToSignedUrl(this.transport.dispatcherFor(url.origin, proxy), url, data, {
        signal: options.signal,
        onProgress: options.onProgress,
      });
      this.log(() => ({ action: 'UploadAttachment', attempt: 1, httpStatus: 200, durationMs: Date.now() - started }));
    } catch (err) {
      const e = err as TicketApiError;
      this.log(() => ({
        action: 'UploadAttachment',
        attempt: 1,
        httpStatus: e.httpStatus ?? 0,
        durationMs: Date.now() - started,
        code: e.code,
      }));
      throw err;
    }
    return target.objectKey;
  }

  /** Calls any action of the Workorder API; known actions are mapped to our types (see response.ts). */
  async call<A extends string>(
    action: A,
    params: ActionParams,
    options: RequestOptions = {},
  ): Promise<ParsedResult<A>> {
    if (typeof this.endpoint !== 'string') throw this.endpoint;
    if (this.proxy instanceof TicketApiError) throw this.proxy;
    return callWithRetries(
      {
        origin: this.endpoint,
        proxy: this.proxy,
        signatureVersion: this.signatureVersion,
        timeoutMs: this.timeoutMs,
        now: this.now,
        transport: this.transport,
        credentials: () => this.credentialsNow(),
        schedule: this.schedule,
        log: (event) => this.log(event),
      },
      action,
      params,
      options,
    );
  }

  /**
   * Opens connections to the endpoint before the first request needs them (two: a ticket and its conversation are
   * asked for together), so that request waits one round trip instead of TCP + TLS + one. Sends nothing; unused
   * connections close after the keep-alive time. Does nothing for an unusable endpoint or through a proxy.
   */
  warm(): void {
    if (typeof this.endpoint !== 'string' || this.proxy instanceof TicketApiError) return;
    this.transport.warm(this.endpoint, this.proxy);
  }

  /** Closes the keep-alive connection pool; later requests fail with a 'config' error. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  /**
   * The credentials for an attempt: fixed ones checked at once; an async source read once per burst (requests started
   * while a read is under way share it, so a refresh of the Tickets view reads the store once, not once per request).
   */
  private credentialsNow(): Credentials | Promise<Credentials> {
    const source = this.credentials;
    if (typeof source !== 'function') return checkCredentials(source);
    this.credentialsRead ??= this.readCredentials(source).finally(() => (this.credentialsRead = undefined));
    return this.credentialsRead;
  }

  private async readCredentials(source: () => Promise<Credentials>): Promise<Credentials> {
    let value: unknown;
    try {
      value = await source();
    } catch (err) {
      if (err instanceof TicketApiError) throw err;
      throw new TicketApiError({
        code: CREDENTIALS_UNAVAILABLE,
        kind: 'config',
        text: messageText('The stored Alibaba Cloud credentials could not be read.'),
      });
    }
    return checkCredentials(value);
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

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
