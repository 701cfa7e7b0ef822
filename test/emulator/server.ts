// A local Ticket API (Workorder 2021-06-10) on 127.0.0.1 that behaves like the real endpoint for the actions the
// extension uses: it checks signatures exactly (V3 and V1), pages and filters, answers with the real envelope and
// error codes, and injects faults on demand. Real sockets, real keep-alive: the client is tested over HTTP.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { randomUUID } from 'crypto';
import { defaultKeys, KnownKey } from './credentials';
import { Fault, QueuedFault, retryAfterMsOf, validateFault } from './faults';
import {
  Language,
  NoteInput,
  SEVERITY_LABELS,
  STATUS_LABELS,
  STATUS_NAMES,
  StatusValue,
  StoredNote,
  StoredTicket,
  TicketInput,
} from './model';
import { buildSeed, generateTicketId, SeedName } from './seed';
import {
  ParamPairs,
  parseAcsDate,
  parsePairs,
  parseV3Authorization,
  sameSignature,
  sha256Hex,
  v1Signature,
  v1StringToSign,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
} from './signature';

export { DEMO_CREDENTIALS, STS_CREDENTIALS, EXPIRED_STS_CREDENTIALS, DISABLED_CREDENTIALS } from './credentials';
export type { EmulatorCredentials } from './credentials';
export type { Fault, FaultSpec } from './faults';
export type { SeedName } from './seed';
export { DEMO_TICKET_COUNT, hostileTicketId } from './seed';
export type { StoredTicket, StoredNote, TicketInput, NoteInput, StatusValue, SeverityValue, Language } from './model';
export { STATUS_LABELS, SEVERITY_LABELS, STATUS_NAMES } from './model';

export const API_VERSION = '2021-06-10';
/** Read actions the extension uses today, then the write actions (reply / close / reopen / rate / create) for later features. */
export const SUPPORTED_ACTIONS = [
  'GetTicket',
  'ListTickets',
  'ListTicketNotes',
  'ReplyTicket',
  'CloseTicket',
  'ReopenTicket',
  'EvaluateTicket',
  'CreateTicket',
  'ListProducts',
  'ListCategories',
] as const;
const DEFAULT_CLOCK_SKEW_TOLERANCE_MS = 15 * 60_000;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface EmulatorOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 'demo'. */
  seed?: SeedName;
  /** How far x-acs-date / Timestamp may be from the emulator's clock. Default 15 minutes, as the real gateway. */
  clockSkewToleranceMs?: number;
  /** Language of Status/Severity labels. Default 'zh' (the China site answers in Chinese). */
  language?: Language;
  /** Idle keep-alive timeout the server announces and enforces. Default 5000 ms (Node's default). */
  keepAliveTimeoutMs?: number;
  /** Delay added to every API answer. Default 0. */
  latencyMs?: number;
  /** The emulator's clock (for seeding and the timestamp check). Default Date.now. */
  now?: () => number;
}

export type ParamSource = 'query' | 'body';

export interface RecordedRequest {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  /** Which TCP connection carried it (1, 2, …): equal ids mean a kept-alive connection was reused. */
  connectionId: number;
  method: string;
  path: string;
  /** From x-acs-action (V3) or the Action parameter (V1). */
  action: string | undefined;
  version: string | undefined;
  signatureVersion: 'v3' | 'v1' | undefined;
  /** Query parameters (secrets removed: Signature, SecurityToken, AccessKeyId show as "<redacted>"). */
  query: Record<string, string>;
  /** Form body parameters (same redaction). */
  body: Record<string, string>;
  /** Where each parameter came from. */
  paramSources: Record<string, ParamSource>;
  /** Lower-cased request headers without authorization; the STS token and key id show as "<redacted>". */
  headers: Record<string, string>;
  /** SignedHeaders from the V3 Authorization header (names only). */
  signedHeaders?: string[];
  /** HTTP status answered; 0 when the connection was dropped or the request is still pending. */
  status: number;
  /** Error code answered, if any (gateway or API code). */
  code?: string;
  /** Fault kind that answered this request, if any. */
  fault?: string;
  requestId?: string;
  receivedAt: number;
}

type Outcome = { status: number; body: unknown; headers?: Record<string, string> };

const REDACTED = '<redacted>';
const SECRET_PARAMS = new Set(['Signature', 'SecurityToken', 'AccessKeyId']);
const SECRET_HEADERS = new Set(['x-acs-security-token', 'x-acs-accesskey-id']);

/** Error answered by the gateway layer (signature, credentials, throttling): {RequestId, HostId, Code, Message, Recommend}. */
class GatewayError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

export class TicketEmulator {
  /** 'http://127.0.0.1:PORT' */
  readonly url: string;
  readonly port: number;

  private readonly server: http.Server;
  private readonly options: Required<Omit<EmulatorOptions, 'port' | 'host' | 'latencyMs'>>;
  private readonly keys: Map<string, KnownKey> = defaultKeys();
  private tickets = new Map<string, StoredTicket>();
  private notes = new Map<string, StoredNote[]>();
  private faults: QueuedFault[] = [];
  private recorded: RecordedRequest[] = [];
  private usedNonces = new Map<string, number>();
  private evaluations = new Map<string, { solved: boolean; score: number; content: string }>();
  private readonly sockets = new Map<Socket, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private connections = 0;
  /** Added to the emulator's clock for the timestamp check (simulates a client whose clock is off). */
  private clockOffsetMs = 0;
  /** Added before every JSON answer (a demo then shows its loading states). */
  private latencyMs = 0;
  private readonly startLatencyMs: number;
  private requestSeq = 0;
  private inFlight = 0;
  private peakInFlight = 0;
  private dialogSeq = 100_000;

  private constructor(server: http.Server, options: EmulatorOptions) {
    this.server = server;
    this.options = {
      seed: options.seed ?? 'demo',
      clockSkewToleranceMs: options.clockSkewToleranceMs ?? DEFAULT_CLOCK_SKEW_TOLERANCE_MS,
      language: options.language ?? 'zh',
      keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 5000,
      now: options.now ?? Date.now,
    };
    const address = server.address() as AddressInfo;
    this.startLatencyMs = Math.max(0, options.latencyMs ?? 0);
    this.latencyMs = this.startLatencyMs;
    this.port = address.port;
    this.url = `http://127.0.0.1:${address.port}`;
    this.loadSeed();
  }

  static async start(options: EmulatorOptions = {}): Promise<TicketEmulator> {
    const server = http.createServer();
    server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const emulator = new TicketEmulator(server, options);
    server.on('connection', (socket: Socket) => emulator.onConnection(socket));
    server.on('request', (req, res) => emulator.onRequest(req, res));
    server.on('clientError', (_err, socket) => socket.destroy());
    return emulator;
  }

  /** TCP connections accepted since start. */
  get connectionCount(): number {
    return this.connections;
  }

  /** API requests being answered right now. */
  get inFlightCount(): number {
    return this.inFlight;
  }

  /** The most API requests that were in flight at once since start or the last reset (checks a client's concurrency cap). */
  get peakInFlightCount(): number {
    return this.peakInFlight;
  }

  /** TCP connections open right now. */
  get openConnectionCount(): number {
    return this.sockets.size;
  }

  /** API requests received (control requests are not recorded), oldest first. */
  get requests(): readonly RecordedRequest[] {
    return this.recorded;
  }

  /** Faults still queued. */
  get pendingFaults(): readonly Fault[] {
    return this.faults.map((q) => ({ ...q.fault, times: q.remaining }));
  }

  inject(fault: Fault): void {
    const problem = validateFault(fault);
    if (problem) throw new Error(`Invalid fault: ${problem}`);
    this.faults.push({ fault: { ...fault }, remaining: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  clearRequests(): void {
    this.recorded = [];
  }

  /**
   * Back to the seed: faults, recorded requests, used nonces, added tickets, ratings, disabled keys and the clock
   * offset all cleared; latency back to the start option; the in-flight peak restarts from what is in flight now. `seed` / `language` switch the data set / labels from now on. connectionCount keeps counting (open connections stay open).
   */
  reset(seed?: SeedName, language?: Language): void {
    // Check both before changing anything.
    if (seed !== undefined) buildSeed(seed, 0); // throws on an unknown name
    if (language !== undefined && language !== 'zh' && language !== 'en') throw new Error(`Unknown language "${String(language)}": use zh or en`);
    if (seed !== undefined) this.options.seed = seed;
    if (language !== undefined) this.options.language = language;
    this.clockOffsetMs = 0;
    this.latencyMs = this.startLatencyMs;
    this.peakInFlight = this.inFlight;
    this.faults = [];
    this.recorded = [];
    this.usedNonces.clear();
    this.evaluations.clear();
    const fresh = defaultKeys();
    this.keys.clear();
    for (const [id, key] of fresh) this.keys.set(id, key);
    this.loadSeed();
  }

  /** Adds (or replaces) a ticket and its conversation; returns the stored ticket (id generated when omitted). */
  addTicket(input: TicketInput, notes: NoteInput[] = []): StoredTicket {
    const now = this.options.now();
    const ticket: StoredTicket = {
      ticketId: input.ticketId ?? generateTicketId(Math.random, (id) => this.tickets.has(id)),
      title: input.title,
      description: input.description ?? '',
      createTime: input.createTime ?? now,
      creatorId: input.creatorId ?? '1604499804113750',
      categoryId: input.categoryId ?? '7161',
      status: input.status ?? 1,
      severity: input.severity ?? 1,
      ...(input.statusLabel !== undefined ? { statusLabel: input.statusLabel } : {}),
      ...(input.severityLabel !== undefined ? { severityLabel: input.severityLabel } : {}),
    };
    this.tickets.set(ticket.ticketId, ticket);
    this.notes.set(
      ticket.ticketId,
      notes.map((n, i) => ({
        dialogId: n.dialogId ?? ++this.dialogSeq,
        createTime: n.createTime ?? ticket.createTime + (i + 1) * 60_000,
        type: n.type ?? 2,
        readStatus: n.readStatus ?? 2,
        content: n.content,
        schema: n.schema ?? '',
        userName: n.userName ?? (roleOf(n.role) === 2 ? 'Alibaba Cloud Support' : 'demo-user'),
        role: roleOf(n.role),
        attachments: n.attachments ?? [],
      })),
    );
    return { ...ticket };
  }

  getTicket(ticketId: string): StoredTicket | undefined {
    const t = this.tickets.get(ticketId);
    return t && { ...t };
  }

  /** Every stored ticket, newest first (the order ListTickets uses). */
  allTickets(): StoredTicket[] {
    return this.sortedTickets().map((t) => ({ ...t }));
  }

  /**
   * Moves the emulator's clock by `offsetMs` for the timestamp check only: +20 min makes every correctly dated
   * request look 20 minutes late (InvalidTimeStamp.Expired), as if the user's clock were behind. Reset clears it.
   */
  setClockOffset(offsetMs: number): void {
    this.clockOffsetMs = offsetMs;
  }

  /** Delays every API answer by `ms` from now on (0 turns it off). Unlike the 'slow' fault it does not run out. */
  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  /** Registers another AccessKey (e.g. to test a key rotation). */
  addKey(accessKeyId: string, key: KnownKey): void {
    this.keys.set(accessKeyId, { ...key });
  }

  /** Marks a key disabled: its requests get 403 Forbidden.AccessKeyDisabled. */
  disableKey(accessKeyId: string): void {
    const key = this.keys.get(accessKeyId);
    if (!key) throw new Error('No such key in the emulator');
    key.disabled = true;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const socket of this.sockets.keys()) socket.destroy();
    await closed;
  }

  // ------------------------------------------------------------------ plumbing

  private loadSeed(): void {
    const data = buildSeed(this.options.seed, this.options.now());
    this.tickets = new Map(data.tickets.map((t) => [t.ticketId, t]));
    this.notes = data.notes;
  }

  private onConnection(socket: Socket): void {
    const id = ++this.connections;
    this.sockets.set(socket, id);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!(req.url ?? '/').startsWith('/__emulator/')) {
      // In flight from the request's arrival until its answer is sent or its connection is gone.
      this.inFlight += 1;
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
      res.once('close', () => (this.inFlight -= 1));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const rawUrl = req.url ?? '/';
      const path = rawUrl.split('?')[0];
      if (path.startsWith('/__emulator/')) {
        this.handleControl(req, res, path, body);
        return;
      }
      if (tooLarge) {
        sendJson(res, 413, gatewayBody(new GatewayError(413, 'RequestEntityTooLarge', 'The request body is too large.'), newRequestId()));
        return;
      }
      try {
        this.handleApi(req, res, body);
      } catch (err) {
        // A bug here must show up as an answer a test can see, not as a crash of the whole test process.
        sendJson(res, 500, gatewayBody(new GatewayError(500, 'InternalError', `Emulator error: ${(err as Error).message}`), newRequestId()));
      }
    });
    req.on('error', () => req.socket.destroy());
  }

  // ------------------------------------------------------------------ control API

  private handleControl(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: Buffer): void {
    const method = req.method ?? 'GET';
    const parseJson = (): unknown => {
      const text = body.toString('utf8').trim();
      return text === '' ? undefined : JSON.parse(text);
    };
    try {
      if (path === '/__emulator/faults' && method === 'POST') {
        const parsed = parseJson();
        const list = Array.isArray(parsed) ? parsed : [parsed];
        for (const f of list) {
          const problem = validateFault(f);
          if (problem) return sendJson(res, 400, { error: problem });
        }
        for (const f of list) this.inject(f as Fault);
        return sendJson(res, 200, { ok: true, pending: this.pendingFaults });
      }
      if (path === '/__emulator/faults' && method === 'GET') return sendJson(res, 200, { pending: this.pendingFaults });
      if (path === '/__emulator/faults' && method === 'DELETE') {
        this.clearFaults();
        return sendJson(res, 200, { ok: true });
      }
      if (path === '/__emulator/reset' && method === 'POST') {
        const parsed = parseJson() as { seed?: SeedName; language?: Language } | undefined;
        this.reset(parsed?.seed, parsed?.language);
        return sendJson(res, 200, { ok: true, seed: this.options.seed, language: this.options.language, tickets: this.tickets.size });
      }
      if (path === '/__emulator/latency' && method === 'POST') {
        const parsed = parseJson() as { ms?: unknown } | undefined;
        if (typeof parsed?.ms !== 'number' || !(parsed.ms >= 0)) return sendJson(res, 400, { error: 'ms (number ≥ 0) is required' });
        this.setLatency(parsed.ms);
        return sendJson(res, 200, { ok: true, ms: parsed.ms });
      }
      if (path === '/__emulator/clock' && method === 'POST') {
        const parsed = parseJson() as { offsetMs?: unknown } | undefined;
        if (typeof parsed?.offsetMs !== 'number' || !Number.isFinite(parsed.offsetMs)) return sendJson(res, 400, { error: 'offsetMs (number) is required' });
        this.setClockOffset(parsed.offsetMs);
        return sendJson(res, 200, { ok: true, offsetMs: parsed.offsetMs });
      }
      if (path === '/__emulator/keys/disable' && method === 'POST') {
        const parsed = parseJson() as { accessKeyId?: string } | undefined;
        if (!parsed?.accessKeyId || !this.keys.has(parsed.accessKeyId)) return sendJson(res, 400, { error: 'accessKeyId of a known key is required' });
        this.disableKey(parsed.accessKeyId);
        return sendJson(res, 200, { ok: true });
      }
      if (path === '/__emulator/requests' && method === 'GET') {
        return sendJson(res, 200, { connectionCount: this.connectionCount, peakInFlight: this.peakInFlight, requests: this.recorded });
      }
      if (path === '/__emulator/requests' && method === 'DELETE') {
        this.clearRequests();
        return sendJson(res, 200, { ok: true });
      }
      if (path === '/__emulator/tickets' && method === 'POST') {
        const parsed = parseJson() as { ticket?: TicketInput; notes?: NoteInput[] } | TicketInput | undefined;
        const input = parsed && 'ticket' in parsed ? parsed.ticket : (parsed as TicketInput | undefined);
        const notes = parsed && 'ticket' in parsed ? parsed.notes : undefined;
        if (!input || typeof input.title !== 'string') return sendJson(res, 400, { error: 'ticket.title (string) is required' });
        return sendJson(res, 200, { ok: true, ticket: this.addTicket(input, notes ?? []) });
      }
      if (path === '/__emulator/tickets' && method === 'GET') return sendJson(res, 200, { tickets: this.allTickets() });
      return sendJson(res, 404, { error: `no control endpoint ${method} ${path}` });
    } catch (err) {
      return sendJson(res, 400, { error: `bad control request: ${(err as Error).message}` });
    }
  }

  // ------------------------------------------------------------------ API

  private handleApi(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = flattenHeaders(req.headers);
    const contentType = headers['content-type'] ?? '';
    const isForm = /application\/x-www-form-urlencoded/i.test(contentType);

    const queryPairs = parsePairs(rawQuery, false);
    const bodyPairs = isForm ? parsePairs(body.toString('utf8'), true) : [];
    const requestId = newRequestId();

    const record: RecordedRequest = {
      seq: ++this.requestSeq,
      connectionId: this.sockets.get(req.socket) ?? 0,
      method,
      path,
      action: undefined,
      version: undefined,
      signatureVersion: undefined,
      query: redactParams(queryPairs ?? []),
      body: redactParams(bodyPairs ?? []),
      paramSources: sourcesOf(queryPairs ?? [], bodyPairs ?? []),
      headers: redactHeaders(headers),
      status: 0,
      requestId,
      receivedAt: this.options.now(),
    };
    this.recorded.push(record);

    const finish = (outcome: Outcome): void => {
      record.status = outcome.status;
      const b = outcome.body as { Code?: unknown } | undefined;
      if (outcome.status >= 400 && b && typeof b.Code === 'string') record.code = b.Code;
      if (this.latencyMs <= 0) return sendJson(res, outcome.status, outcome.body, outcome.headers);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        sendJson(res, outcome.status, outcome.body, outcome.headers);
      }, this.latencyMs);
      this.timers.add(timer);
    };

    if (!queryPairs || !bodyPairs) {
      return finish(gatewayOutcome(new GatewayError(400, 'InvalidParameter', 'The request contains a malformed percent-encoding.'), requestId));
    }
    const params = new Map<string, string>();
    for (const [k, v] of queryPairs) params.set(k, v);
    for (const [k, v] of bodyPairs) params.set(k, v);

    // Authentication.
    let action: string | undefined;
    let version: string | undefined;
    try {
      if (headers['authorization'] !== undefined) {
        record.signatureVersion = 'v3';
        action = headers['x-acs-action'];
        version = headers['x-acs-version'];
        record.action = action;
        record.version = version;
        this.verifyV3(method, path, queryPairs, headers, body, record);
      } else if (params.has('Signature') || params.has('SignatureMethod') || params.has('AccessKeyId')) {
        record.signatureVersion = 'v1';
        action = params.get('Action');
        version = params.get('Version');
        record.action = action;
        record.version = version;
        this.verifyV1(method, [...queryPairs, ...bodyPairs], params);
      } else {
        throw new GatewayError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: the Authorization header is missing.');
      }
    } catch (err) {
      if (err instanceof GatewayError) return finish(gatewayOutcome(err, requestId));
      throw err;
    }

    if (!action) {
      return finish(gatewayOutcome(new GatewayError(400, 'MissingParameter', 'The input parameter "Action" that is mandatory for processing this request is not supplied.'), requestId));
    }
    if (!(SUPPORTED_ACTIONS as readonly string[]).includes(action)) {
      return finish(gatewayOutcome(new GatewayError(404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method. Action: ${action}`), requestId));
    }
    if (version !== API_VERSION) {
      return finish(gatewayOutcome(new GatewayError(400, 'InvalidVersion', 'Specified parameter Version is not valid.'), requestId));
    }

    const fault = this.takeFault(action);
    if (fault) {
      record.fault = fault.kind;
      switch (fault.kind) {
        case 'throttle': {
          const ms = retryAfterMsOf(fault);
          const out = gatewayOutcome(new GatewayError(fault.status ?? 400, fault.code ?? 'Throttling.User', 'Request was denied due to user flow control.'), requestId);
          if (ms !== undefined) out.headers = { ...out.headers, 'x-acs-retry-after': String(ms) };
          return finish(out);
        }
        case 'status': {
          const code = fault.code ?? (fault.status === 503 ? 'ServiceUnavailable' : fault.status >= 500 ? 'System.error' : 'illegal.param');
          const message =
            fault.message ??
            (fault.status === 503
              ? 'The request has failed due to a temporary failure of the server.'
              : 'An error occurred while processing your request. Please try again.');
          const gatewayStyle = code === 'ServiceUnavailable' || code === 'InternalError';
          return finish(
            gatewayStyle
              ? gatewayOutcome(new GatewayError(fault.status, code, message), requestId)
              : { status: fault.status, body: apiError(requestId, code, message) },
          );
        }
        case 'forbidden': {
          const detail = JSON.stringify({
            AuthAction: `ram:${action}`,
            AuthPrincipalDisplayName: '2146216584788xxxxx',
            AuthPrincipalOwnerId: '1135850448xxxxx',
            AuthPrincipalType: 'SubUser',
            NoPermissionType: 'ImplicitDeny',
            PolicyType: 'AccountLevelIdentityBasedPolicy',
          });
          const code = fault.code ?? 'No permissions';
          return finish({ status: 403, body: { ...apiError(requestId, code, 'No permissions to access.'), AccessDeniedDetail: detail } });
        }
        case 'drop':
          record.status = 0;
          req.socket.destroy();
          return;
        case 'malformed': {
          const full = JSON.stringify(this.answer(action, params, requestId).body);
          record.status = 200;
          res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': requestId });
          res.end(full.slice(0, Math.max(1, Math.floor(full.length / 2))));
          return;
        }
        case 'html': {
          const status = fault.status ?? 502;
          const reason = http.STATUS_CODES[status] ?? 'Error';
          record.status = status;
          res.writeHead(status, { 'content-type': 'text/html' });
          res.end(
            `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`,
          );
          return;
        }
        case 'slow': {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            if (res.destroyed || req.socket.destroyed) return;
            finish(this.answer(action!, params, requestId));
          }, fault.delayMs);
          this.timers.add(timer);
          return;
        }
      }
    }
    finish(this.answer(action, params, requestId));
  }

  private takeFault(action: string): Fault | undefined {
    const index = this.faults.findIndex((q) => !q.fault.action || q.fault.action === action);
    if (index < 0) return undefined;
    const queued = this.faults[index];
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.faults.splice(index, 1);
    return queued.fault;
  }

  // ------------------------------------------------------------------ signatures

  private lookupKey(accessKeyId: string): KnownKey {
    const key = this.keys.get(accessKeyId);
    if (!key) throw new GatewayError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (key.disabled) throw new GatewayError(403, 'Forbidden.AccessKeyDisabled', 'The Access Key is disabled.');
    return key;
  }

  private checkSecurityToken(key: KnownKey, accessKeyId: string, token: string | undefined): void {
    if (!accessKeyId.startsWith('STS.') && key.securityToken === undefined) return;
    if (!token) throw new GatewayError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.');
    if (token !== key.securityToken) {
      throw new GatewayError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.');
    }
    if (key.tokenExpired) throw new GatewayError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
  }

  private checkTimestamp(value: string | undefined): void {
    const time = parseAcsDate(value);
    if (time === undefined) {
      throw new GatewayError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    }
    if (Math.abs(this.options.now() + this.clockOffsetMs - time) > this.options.clockSkewToleranceMs) {
      throw new GatewayError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
  }

  private useNonce(accessKeyId: string, nonce: string): void {
    const now = this.options.now();
    if (this.usedNonces.size > 10_000) {
      for (const [k, expires] of this.usedNonces) if (expires < now) this.usedNonces.delete(k);
    }
    const key = `${accessKeyId}\n${nonce}`;
    if (this.usedNonces.has(key)) throw new GatewayError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    // A nonce only needs remembering while its timestamp could still pass the clock check.
    this.usedNonces.set(key, now + 2 * this.options.clockSkewToleranceMs);
  }

  private verifyV3(
    method: string,
    path: string,
    query: ParamPairs,
    headers: Record<string, string>,
    body: Buffer,
    record: RecordedRequest,
  ): void {
    const auth = parseV3Authorization(headers['authorization']);
    if (!auth) {
      throw new GatewayError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: malformed Authorization header.');
    }
    record.signedHeaders = auth.signedHeaders;
    const mustSign = Object.keys(headers).filter((n) => n === 'host' || n === 'content-type' || n.startsWith('x-acs-'));
    const unsigned = mustSign.filter((n) => !auth.signedHeaders.includes(n));
    if (!auth.signedHeaders.includes('host')) unsigned.push('host');
    if (unsigned.length > 0) {
      throw new GatewayError(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards: header(s) ${[...new Set(unsigned)].join(', ')} must be signed.`);
    }
    const key = this.lookupKey(auth.accessKeyId);
    this.checkSecurityToken(key, auth.accessKeyId, headers['x-acs-security-token']);
    if (headers['x-acs-accesskey-id'] !== undefined && headers['x-acs-accesskey-id'] !== auth.accessKeyId) {
      throw new GatewayError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: x-acs-accesskey-id differs from the Credential.');
    }
    this.checkTimestamp(headers['x-acs-date']);
    const nonce = headers['x-acs-signature-nonce'];
    if (!nonce) throw new GatewayError(400, 'MissingParameter', 'The input parameter "x-acs-signature-nonce" that is mandatory for processing this request is not supplied.');

    const bodyHash = sha256Hex(body);
    const declared = headers['x-acs-content-sha256'];
    if (declared === undefined) {
      throw new GatewayError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: the x-acs-content-sha256 header is missing.');
    }
    const canonical = v3CanonicalRequest({
      method,
      path,
      query,
      headers,
      signedHeaders: auth.signedHeaders,
      // The canonical request ends with the hash of the bytes that arrived, not of what the client claims.
      contentSha256: bodyHash,
    });
    const stringToSign = v3StringToSign(canonical);
    if (declared !== bodyHash) {
      throw new GatewayError(
        400,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation: x-acs-content-sha256 is not the SHA-256 of the request body. server string to sign is:${stringToSign}`,
      );
    }
    if (!sameSignature(v3Signature(stringToSign, key.accessKeySecret), auth.signature)) {
      throw new GatewayError(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`);
    }
    this.useNonce(auth.accessKeyId, nonce);
  }

  private verifyV1(method: string, all: ParamPairs, params: Map<string, string>): void {
    const signature = params.get('Signature');
    const accessKeyId = params.get('AccessKeyId');
    if (!signature || !accessKeyId) {
      throw new GatewayError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: Signature and AccessKeyId are required.');
    }
    if (params.get('SignatureMethod') !== 'HMAC-SHA1' || params.get('SignatureVersion') !== '1.0') {
      throw new GatewayError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.');
    }
    const key = this.lookupKey(accessKeyId);
    this.checkSecurityToken(key, accessKeyId, params.get('SecurityToken'));
    this.checkTimestamp(params.get('Timestamp'));
    const nonce = params.get('SignatureNonce');
    if (!nonce) throw new GatewayError(400, 'MissingParameter', 'The input parameter "SignatureNonce" that is mandatory for processing this request is not supplied.');
    const stringToSign = v1StringToSign(method, all);
    if (!sameSignature(v1Signature(stringToSign, key.accessKeySecret), signature)) {
      throw new GatewayError(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`);
    }
    this.useNonce(accessKeyId, nonce);
  }

  // ------------------------------------------------------------------ actions

  private answer(action: string, params: Map<string, string>, requestId: string): Outcome {
    const language = this.languageOf(params);
    switch (action) {
      case 'GetTicket':
        return this.getTicketAction(params, requestId, language);
      case 'ListTickets':
        return this.listTicketsAction(params, requestId, language);
      case 'ListTicketNotes':
        return this.listTicketNotesAction(params, requestId);
      case 'ReplyTicket':
        return this.replyTicketAction(params, requestId);
      case 'CloseTicket':
        return this.closeTicketAction(params, requestId);
      case 'ReopenTicket':
        return this.reopenTicketAction(params, requestId);
      case 'EvaluateTicket':
        return this.evaluateTicketAction(params, requestId);
      case 'CreateTicket':
        return this.createTicketAction(params, requestId);
      case 'ListProducts':
        return this.listProductsAction(params, requestId, language);
      case 'ListCategories':
        return this.listCategoriesAction(params, requestId, language);
      default:
        return gatewayOutcome(new GatewayError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.'), requestId);
    }
  }

  private languageOf(params: Map<string, string>): Language {
    const requested = params.get('Language');
    return requested === 'en' || requested === 'zh' ? requested : this.options.language;
  }

  private getTicketAction(params: Map<string, string>, requestId: string, language: Language): Outcome {
    const ticket = this.existingTicket(params, requestId);
    if (!isTicket(ticket)) return ticket;
    return {
      status: 200,
      body: { ...success(requestId), Data: ticketWire(ticket, language) },
    };
  }

  private listTicketsAction(params: Map<string, string>, requestId: string, language: Language): Outcome {
    const pageNumber = strictInt(params.get('PageNumber'));
    const pageSize = strictInt(params.get('PageSize'));
    if (pageNumber === undefined || pageNumber < 1) return illegalParam(requestId, 'Illegal param: PageNumber must be an integer ≥ 1.');
    if (pageSize === undefined || pageSize < 10 || pageSize > 100) return illegalParam(requestId, 'Illegal param: PageSize must be an integer from 10 to 100.');

    let list = this.sortedTickets();

    const statuses = repeatList(params, 'StatusList');
    if (statuses.length > 0) {
      const wanted = new Set<number>();
      for (const s of statuses) {
        const value = statusFromParam(s);
        if (value === undefined) return illegalParam(requestId, `Illegal param: StatusList value ${s} is not a ticket status.`);
        wanted.add(value);
      }
      list = list.filter((t) => wanted.has(t.status));
    }
    // The reference documents Keyword as fuzzy on Description; the console also finds titles, and so does this emulator.
    const keyword = params.get('Keyword');
    if (keyword) {
      const k = keyword.toLowerCase();
      list = list.filter((t) => t.description.toLowerCase().includes(k) || t.title.toLowerCase().includes(k));
    }
    const startRaw = params.get('StartDate');
    const endRaw = params.get('EndDate');
    if (startRaw !== undefined || endRaw !== undefined) {
      const start = strictInt(startRaw);
      const end = strictInt(endRaw);
      // The API wants both; a lone bound or a non-number is refused rather than silently ignored.
      if (start === undefined || end === undefined) return illegalParam(requestId, 'Illegal param: StartDate and EndDate must both be epoch milliseconds.');
      list = list.filter((t) => t.createTime >= start && t.createTime <= end);
    }
    const ticketId = params.get('TicketId');
    if (ticketId) list = list.filter((t) => t.ticketId === ticketId);
    const idList = params.get('TicketIdList');
    if (idList) {
      const ids = new Set(idList.split(',').map((s) => s.trim()).filter(Boolean));
      list = list.filter((t) => ids.has(t.ticketId));
    }

    const offset = (pageNumber - 1) * pageSize;
    const page = list.slice(offset, offset + pageSize);
    return {
      status: 200,
      body: {
        ...success(requestId),
        PageNumber: pageNumber,
        PageSize: pageSize,
        TotalCount: list.length,
        Data: page.map((t) => ({ TicketId: t.ticketId, Title: t.title, Status: statusWire(t, language) })),
      },
    };
  }

  private listTicketNotesAction(params: Map<string, string>, requestId: string): Outcome {
    const ticket = this.existingTicket(params, requestId);
    if (!isTicket(ticket)) return ticket;
    const notes = [...(this.notes.get(ticket.ticketId) ?? [])].sort((a, b) => a.createTime - b.createTime || a.dialogId - b.dialogId);
    return {
      status: 200,
      body: {
        ...success(requestId),
        Data: notes.map((n) => ({
          DialogId: n.dialogId,
          CreateTime: n.createTime,
          Type: n.type,
          Status: n.readStatus,
          Tip: '',
          Dialog: { Content: n.content, Schema: n.schema },
          User: { Name: n.userName, Role: n.role },
          Attachments: n.attachments.map((a) => ({ Name: a.name, Url: a.url })),
        })),
      },
    };
  }

  /** The ticket named by TicketId, or the illegal.param answer when it is missing or unknown. */
  private existingTicket(params: Map<string, string>, requestId: string): StoredTicket | Outcome {
    const ticketId = params.get('TicketId');
    if (!ticketId) return illegalParam(requestId, 'Illegal param: TicketId is required.');
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return illegalParam(requestId, `Illegal param: ticket ${ticketId} does not exist.`);
    return ticket;
  }

  private addNote(ticket: StoredTicket, content: string, attachments: StoredNote['attachments'] = []): StoredNote {
    const note: StoredNote = {
      dialogId: ++this.dialogSeq,
      createTime: this.options.now(),
      type: 2,
      readStatus: 2,
      content,
      schema: '',
      userName: 'demo-user',
      role: 3,
      attachments,
    };
    const list = this.notes.get(ticket.ticketId) ?? [];
    list.push(note);
    this.notes.set(ticket.ticketId, list);
    return note;
  }

  // Write actions. The reference documents their parameters but not their state rules; the emulator follows what
  // the console shows: a reply from you moves a ticket to "feedback received", a completed ticket only takes
  // reopen and rating, and a rating needs a completed ticket.

  private replyTicketAction(params: Map<string, string>, requestId: string): Outcome {
    const ticket = this.existingTicket(params, requestId);
    if (!isTicket(ticket)) return ticket;
    const content = params.get('Content');
    if (!content) return illegalParam(requestId, 'Illegal param: Content is required.');
    const encrypt = params.get('Encrypt');
    if (encrypt !== 'true' && encrypt !== 'false') return illegalParam(requestId, 'Illegal param: Encrypt must be true or false.');
    if (ticket.status === 6) return illegalParam(requestId, `Illegal param: ticket ${ticket.ticketId} is completed; reopen it first.`);
    const files = (params.get('FileNameList') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
    const note = this.addNote(
      ticket,
      content,
      files.map((name) => ({ name, url: `https://workorder-attachments.oss-cn-hangzhou.aliyuncs.com/uploads/${encodeURIComponent(name)}` })),
    );
    ticket.status = 4;
    return { status: 200, body: { ...success(requestId), Data: String(note.dialogId) } };
  }

  private closeTicketAction(params: Map<string, string>, requestId: string): Outcome {
    const ticket = this.existingTicket(params, requestId);
    if (!isTicket(ticket)) return ticket;
    ticket.status = 6;
    return { status: 200, body: { ...success(requestId) } };
  }

  private reopenTicketAction(params: Map<string, string>, requestId: string): Outcome {
    const ticket = this.existingTicket(params, requestId);
    if (!isTicket(ticket)) return ticket;
    const content = params.get('Content');
    if (!content) return illegalParam(requestId, 'Illegal param: Content is required.');
    if (ticket.status !== 6) return illegalParam(requestId, `Illegal param: ticket ${ticket.ticketId} is not completed.`);
    this.addNote(ticket, content);
    ticket.status = 1;
    return { status: 200, body: { ...success(requestId), Data: ticket.ticketId } };
  }

  private evaluateTicketAction(params: Map<string, string>, requestId: string): Outcome {
    const ticket = this.existingTicket(params, requestId);
    if (!isTicket(ticket)) return ticket;
    const solved = params.get('Solved');
    const score = params.get('Score');
    if (solved !== 'true' && solved !== 'false') return illegalParam(requestId, 'Illegal param: Solved must be true or false.');
    if (!score || !/^[1-5]$/.test(score)) return illegalParam(requestId, 'Illegal param: Score must be 1 to 5.');
    if (ticket.status !== 6) return illegalParam(requestId, `Illegal param: ticket ${ticket.ticketId} is not completed.`);
    this.evaluations.set(ticket.ticketId, { solved: solved === 'true', score: Number(score), content: params.get('Content') ?? '' });
    return { status: 200, body: { ...success(requestId) } };
  }

  private createTicketAction(params: Map<string, string>, requestId: string): Outcome {
    const categoryId = params.get('CategoryId');
    const description = params.get('Description');
    const severity = params.get('Severity');
    if (!categoryId) return illegalParam(requestId, 'Illegal param: CategoryId is required.');
    if (!description) return illegalParam(requestId, 'Illegal param: Description is required.');
    if (severity !== '1' && severity !== '2') return illegalParam(requestId, 'Illegal param: Severity must be 1 or 2.');
    const ticket = this.addTicket({
      title: params.get('Title') || description.split('\n')[0].slice(0, 60),
      description,
      categoryId,
      severity: Number(severity) as 1 | 2,
      status: 1,
      ...(params.get('CreatorId') ? { creatorId: params.get('CreatorId') } : {}),
    });
    return { status: 200, body: { ...success(requestId), Data: ticket.ticketId } };
  }

  private listProductsAction(params: Map<string, string>, requestId: string, language: Language): Outcome {
    const name = (params.get('Name') ?? '').toLowerCase();
    const data = PRODUCT_DIRECTORIES.map((d) => ({
      DirectoryId: d.id,
      DirectoryName: d.name[language],
      ProductList: d.products
        // fuzzy over both languages, so "oss" finds 对象存储 OSS / Object Storage Service
        .filter((p) => !name || Object.values(p.name).some((n) => n.toLowerCase().includes(name)))
        .map((p) => ({ ProductId: p.id, ProductName: p.name[language] })),
    })).filter((d) => d.ProductList.length > 0);
    return { status: 200, body: { ...success(requestId), Data: data } };
  }

  private listCategoriesAction(params: Map<string, string>, requestId: string, language: Language): Outcome {
    const productId = params.get('ProductId');
    if (!productId) return illegalParam(requestId, 'Illegal param: ProductId is required.');
    const product = PRODUCT_DIRECTORIES.flatMap((d) => d.products).find((p) => String(p.id) === productId);
    if (!product) return illegalParam(requestId, `Illegal param: product ${productId} does not exist.`);
    const name = (params.get('Name') ?? '').toLowerCase();
    const data = product.categories
      .filter((c) => !name || c.name[language].toLowerCase().includes(name))
      .map((c) => ({ CategoryId: c.id, CategoryName: c.name[language] }));
    return { status: 200, body: { ...success(requestId), Data: data } };
  }

  /** Ratings given through EvaluateTicket (tests read them; the API has no action that returns them). */
  getEvaluation(ticketId: string): { solved: boolean; score: number; content: string } | undefined {
    return this.evaluations.get(ticketId);
  }

  private sortedTickets(): StoredTicket[] {
    return [...this.tickets.values()].sort((a, b) => b.createTime - a.createTime || (a.ticketId < b.ticketId ? -1 : 1));
  }
}

// ------------------------------------------------------------------ helpers

function isTicket(value: StoredTicket | Outcome): value is StoredTicket {
  return 'ticketId' in value;
}

type Localized = Record<Language, string>;
const PRODUCT_DIRECTORIES: Array<{
  id: number;
  name: Localized;
  products: Array<{ id: number; name: Localized; categories: Array<{ id: number; name: Localized }> }>;
}> = [
  {
    id: 1,
    name: { zh: '弹性计算', en: 'Elastic Computing' },
    products: [
      {
        id: 4,
        name: { zh: '云服务器 ECS', en: 'Elastic Compute Service' },
        categories: [
          { id: 7161, name: { zh: '续费与计费', en: 'Renewal and billing' } },
          { id: 7162, name: { zh: '实例无法启动', en: 'Instance fails to start' } },
        ],
      },
      { id: 9, name: { zh: '负载均衡 SLB', en: 'Server Load Balancer' }, categories: [{ id: 7410, name: { zh: '健康检查', en: 'Health check' } }] },
    ],
  },
  {
    id: 2,
    name: { zh: '存储与数据库', en: 'Storage and Databases' },
    products: [
      { id: 21, name: { zh: '对象存储 OSS', en: 'Object Storage Service' }, categories: [{ id: 7302, name: { zh: '访问权限', en: 'Access and permissions' } }] },
      { id: 26, name: { zh: '云数据库 RDS', en: 'ApsaraDB RDS' }, categories: [{ id: 7201, name: { zh: '性能问题', en: 'Performance' } }] },
    ],
  },
];

function roleOf(role: NoteInput['role']): 2 | 3 {
  return role === 'agent' || role === 2 ? 2 : 3;
}

function newRequestId(): string {
  return randomUUID().toUpperCase();
}

function success(requestId: string): Record<string, unknown> {
  return { RequestId: requestId, Success: true, Code: 0, Message: 'success', AccessDeniedDetail: '' };
}

function apiError(requestId: string, code: string, message: string): Record<string, unknown> {
  return { RequestId: requestId, Success: false, Code: code, Message: message, AccessDeniedDetail: '' };
}

function illegalParam(requestId: string, message: string): Outcome {
  return { status: 400, body: apiError(requestId, 'illegal.param', message) };
}

function gatewayBody(err: GatewayError, requestId: string): Record<string, unknown> {
  return {
    RequestId: requestId,
    HostId: 'workorder.aliyuncs.com',
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=Workorder&requestId=${requestId}`,
  };
}

function gatewayOutcome(err: GatewayError, requestId: string): Outcome {
  return { status: err.status, body: gatewayBody(err, requestId) };
}

function statusWire(t: StoredTicket, language: Language): { Label: string; Value: string } {
  return { Label: t.statusLabel ?? STATUS_LABELS[language][t.status], Value: String(t.status) };
}

function ticketWire(t: StoredTicket, language: Language): Record<string, unknown> {
  return {
    TicketId: t.ticketId,
    Title: t.title,
    Description: t.description,
    CreateTime: t.createTime,
    CreatorId: t.creatorId,
    CategoryId: t.categoryId,
    Status: statusWire(t, language),
    Severity: { Label: t.severityLabel ?? SEVERITY_LABELS[language][t.severity], Value: String(t.severity) },
  };
}

function strictInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/** `Name.1`, `Name.2`, … in index order. */
function repeatList(params: Map<string, string>, name: string): string[] {
  const items: Array<[number, string]> = [];
  for (const [k, v] of params) {
    const m = /^(.+)\.(\d+)$/.exec(k);
    if (m && m[1] === name) items.push([Number(m[2]), v]);
  }
  return items.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

function statusFromParam(value: string): StatusValue | undefined {
  if (/^[1-6]$/.test(value)) return Number(value) as StatusValue;
  for (const [num, name] of Object.entries(STATUS_NAMES)) if (name === value) return Number(num) as StatusValue;
  return undefined;
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function redactParams(pairs: ParamPairs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) out[k] = SECRET_PARAMS.has(k) ? REDACTED : v;
  return out;
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'authorization') continue;
    out[k] = SECRET_HEADERS.has(k) ? REDACTED : v;
  }
  return out;
}

function sourcesOf(query: ParamPairs, body: ParamPairs): Record<string, ParamSource> {
  const out: Record<string, ParamSource> = {};
  for (const [k] of query) out[k] = 'query';
  for (const [k] of body) out[k] = 'body';
  return out;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  const requestId = (body as { RequestId?: unknown } | undefined)?.RequestId;
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...(typeof requestId === 'string' ? { 'x-acs-request-id': requestId } : {}),
    ...headers,
  });
  res.end(text);
}
