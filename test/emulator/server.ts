// A local Ticket API (Workorder 2021-06-10) on 127.0.0.1 that behaves like the real endpoint: it checks signatures
// exactly (verifier.ts), answers every action from a table (actions/) over its data (store.ts) with the state rules of
// stateRules.ts, injects faults on demand (faults.ts, faultAnswers.ts), serves signed attachment URLs (uploads.ts) and
// takes orders on /__emulator/ (control.ts); one API request's path is apiRequest.ts. This file is the facade tests
// use: start/stop, the in-process control methods, and routing a request to the API, the control API or an upload.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { ACTIONS, ActionName } from './actions';
import { answerApiRequest, ApiServer } from './apiRequest';
import { CONTROL_PREFIX, handleControl } from './control';
import { defaultKeys, KnownKey } from './credentials';
import { Fault, QueuedFault, validateFault } from './faults';
import { RandomFaults, type RandomFaultOptions } from './randomFaults';
import { MAX_BODY_BYTES, readBody, RecordedRequest, sendJson } from './http';
import { Language, NoteInput, StatusValue, StoredAttachment, StoredNote, StoredTicket, TicketInput } from './model';
import { buildSeed, SeedName } from './seed';
import { EmulatorStore, Evaluation } from './store';
import {
  answerUploadFault,
  handleUpload,
  UPLOAD_FAULT_ACTION,
  UPLOAD_PATH,
  UploadRecord,
  UploadSigner,
} from './uploads';
import { STATE_RULES, WriteActionName } from './stateRules';
import { SignatureVerifier } from './verifier';
import { GatewayError, gatewayBody, newRequestId } from './wire';

export {
  DEMO_CREDENTIALS,
  STS_CREDENTIALS,
  EXPIRED_STS_CREDENTIALS,
  DISABLED_CREDENTIALS,
  OTHER_ACCOUNT_CREDENTIALS,
} from './credentials';
export type { EmulatorCredentials } from './credentials';
export type { Fault, FaultSpec, FaultKind } from './faults';
export { FAULT_KINDS } from './faults';
export type { RandomFaultOptions } from './randomFaults';
export type { SeedName } from './seed';
export { DEMO_TICKET_COUNT, hostileTicketId } from './seed';
export type { StoredTicket, StoredNote, TicketInput, NoteInput, StatusValue, SeverityValue, Language } from './model';
export { STATUS_LABELS, SEVERITY_LABELS, STATUS_NAMES } from './model';
export type { RecordedRequest, ParamSource } from './http';
export type { UploadRecord } from './uploads';
export { UPLOAD_FAULT_ACTION } from './uploads';
export { STATE_RULES } from './stateRules';
export type { WriteActionName, StateRule } from './stateRules';
export type { ActionName } from './actions';

export { API_VERSION } from './apiRequest';
/** Every action the emulator answers (the table in actions/index.ts). */
export const SUPPORTED_ACTIONS = Object.keys(ACTIONS) as ActionName[];
/** The actions that change something (those with a state rule): each fault kind can be injected into each of them. */
export const WRITE_ACTIONS = Object.keys(STATE_RULES) as WriteActionName[];
const DEFAULT_CLOCK_SKEW_TOLERANCE_MS = 15 * 60_000;

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

export class TicketEmulator {
  /** 'http://127.0.0.1:PORT' */
  readonly url: string;
  readonly port: number;

  private readonly server: http.Server;
  private readonly options: Required<Omit<EmulatorOptions, 'port' | 'host' | 'latencyMs'>>;
  private readonly keys: Map<string, KnownKey> = defaultKeys();
  private readonly store: EmulatorStore;
  /** The tickets of accounts other than the demo one (their keys' `account`), empty until they create some. */
  private readonly otherStores = new Map<string, EmulatorStore>();
  private readonly verifier: SignatureVerifier;
  private readonly signer: UploadSigner;
  /** What answerApiRequest needs of this emulator. */
  private readonly apiServer: ApiServer;
  private faults: QueuedFault[] = [];
  private randomFaults: RandomFaults | undefined;
  private recorded: RecordedRequest[] = [];
  private uploadsLog: UploadRecord[] = [];
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
    const now = () => this.options.now();
    this.store = new EmulatorStore(now);
    this.verifier = new SignatureVerifier(
      this.keys,
      now,
      () => this.options.clockSkewToleranceMs,
      () => this.clockOffsetMs,
    );
    this.signer = new UploadSigner(this.url, now);
    this.store.load(this.options.seed);
    this.apiServer = {
      store: this.store,
      storeFor: (accessKeyId) => {
        const account = accessKeyId ? this.keys.get(accessKeyId)?.account : undefined;
        if (!account) return this.store;
        let store = this.otherStores.get(account);
        if (!store) {
          store = new EmulatorStore(now);
          store.load('empty');
          this.otherStores.set(account, store);
        }
        return store;
      },
      verifier: this.verifier,
      signer: this.signer,
      nextSeq: () => ++this.requestSeq,
      connectionIdOf: (socket) => this.sockets.get(socket) ?? 0,
      record: (request) => this.recorded.push(request),
      now,
      latencyMs: () => this.latencyMs,
      later: (ms, fn) => this.later(ms, fn),
      takeFault: (action) => this.takeFault(action),
      defaultLanguage: () => this.options.language,
    };
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
  /** API requests received (control and upload requests are not recorded here), oldest first. */
  get requests(): readonly RecordedRequest[] {
    return this.recorded;
  }
  /** Requests to the signed attachment URLs, oldest first. */
  get uploadRequests(): readonly UploadRecord[] {
    return this.uploadsLog;
  }
  /** Faults still queued. */
  get pendingFaults(): readonly Fault[] {
    return this.faults.map((q) => ({ ...q.fault, times: q.remaining }));
  }
  get seed(): SeedName {
    return this.options.seed;
  }
  get language(): Language {
    return this.options.language;
  }

  inject(fault: Fault): void {
    const problem = validateFault(fault);
    if (problem) throw new Error(`Invalid fault: ${problem}`);
    this.faults.push({ fault: { ...fault }, remaining: fault.times ?? 1 });
  }

  /** From now on each API request meets a fault at random (seeded; randomFaults.ts), until clearFaults or reset. */
  injectAtRandom(options: RandomFaultOptions): void {
    this.randomFaults = new RandomFaults(options);
  }

  /** Faults the random source gave so far, by kind. */
  get randomFaultsGiven(): Record<string, number> {
    return { ...this.randomFaults?.given };
  }

  clearFaults(): void {
    this.faults = [];
    this.randomFaults = undefined;
  }

  clearRequests(): void {
    this.recorded = [];
    this.uploadsLog = [];
  }

  /**
   * Back to the seed: faults, recorded requests, used nonces, added tickets, ratings, uploads, disabled keys and the
   * clock offset all cleared; latency back to the start option; the in-flight peak restarts from what is in flight
   * now. `seed` / `language` switch the data set / labels from now on. connectionCount keeps counting.
   */
  reset(seed?: SeedName, language?: Language): void {
    // Check both before changing anything.
    if (seed !== undefined) buildSeed(seed, 0); // throws on an unknown name
    if (language !== undefined && language !== 'zh' && language !== 'en')
      throw new Error(`Unknown language "${String(language)}": use zh or en`);
    if (seed !== undefined) this.options.seed = seed;
    if (language !== undefined) this.options.language = language;
    this.clockOffsetMs = 0;
    this.latencyMs = this.startLatencyMs;
    this.peakInFlight = this.inFlight;
    this.faults = [];
    this.randomFaults = undefined;
    this.clearRequests();
    this.verifier.clear();
    const fresh = defaultKeys();
    this.keys.clear();
    for (const [id, key] of fresh) this.keys.set(id, key);
    this.store.load(this.options.seed);
    this.otherStores.clear();
  }

  /** Adds (or replaces) a ticket and its conversation; returns the stored ticket (id generated when omitted). */
  addTicket(input: TicketInput, notes: NoteInput[] = []): StoredTicket {
    return this.store.addTicket(input, notes);
  }

  getTicket(ticketId: string): StoredTicket | undefined {
    const t = this.store.tickets.get(ticketId);
    return t && { ...t };
  }

  /** Every stored ticket, newest first (the order ListTickets uses). */
  allTickets(): StoredTicket[] {
    return this.store.sortedTickets().map((t) => ({ ...t }));
  }

  /** A ticket's conversation as stored, oldest first. */
  notesOf(ticketId: string): StoredNote[] {
    return (this.store.notes.get(ticketId) ?? []).map((n) => ({ ...n }));
  }

  /** Moves a ticket to `status`, as support would (for watcher tests). Throws for an unknown ticket. */
  setTicketStatus(ticketId: string, status: StatusValue): StoredTicket {
    return this.store.setStatus(ticketId, status);
  }

  /** Adds a note from support, unread (Status 1) unless `readStatus` says otherwise. Throws for an unknown ticket. */
  addSupportNote(
    ticketId: string,
    content: string,
    options: { attachments?: StoredAttachment[]; readStatus?: 1 | 2; userName?: string } = {},
  ): StoredNote {
    if (!this.store.tickets.has(ticketId)) throw new Error(`No ticket ${ticketId} in the emulator`);
    return { ...this.store.addNote(ticketId, { content, role: 2, ...options }) };
  }

  /** Ratings given through EvaluateTicket (tests read them; the API has no action that returns them). */
  getEvaluation(ticketId: string): Evaluation | undefined {
    return this.store.evaluations.get(ticketId);
  }

  /** The bytes uploaded under an ObjectKey (undefined until the signed PUT arrived). */
  uploadedBytes(objectKey: string): Buffer | undefined {
    return this.store.uploads.get(objectKey)?.bytes;
  }

  /** A signed URL for an ObjectKey as GetAttachmentUploadUrl would give it (tests tamper with it). */
  signedUploadUrl(method: 'PUT' | 'GET', objectKey: string): string {
    return this.signer.sign(method, objectKey);
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

  hasKey(accessKeyId: string): boolean {
    return this.keys.has(accessKeyId);
  }

  /** Marks a key disabled: its requests get 403 Forbidden.AccessKeyDisabled. */
  disableKey(accessKeyId: string): void {
    const key = this.keys.get(accessKeyId);
    if (!key) throw new Error('No such key in the emulator');
    key.disabled = true;
  }

  /** The STS token of this key expires (a laptop slept past it): InvalidSecurityToken.Expired from now on. */
  expireToken(accessKeyId: string): void {
    const key = this.keys.get(accessKeyId);
    if (!key?.securityToken) throw new Error('No such STS key in the emulator');
    key.tokenExpired = true;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const socket of this.sockets.keys()) socket.destroy();
    await closed;
  }

  // ------------------------------------------------------------------ one request

  private onConnection(socket: Socket): void {
    const id = ++this.connections;
    this.sockets.set(socket, id);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    const isApi = !path.startsWith(CONTROL_PREFIX) && !path.startsWith(UPLOAD_PATH);
    if (isApi) {
      // In flight from the request's arrival until its answer is sent or its connection is gone.
      this.inFlight += 1;
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
      res.once('close', () => (this.inFlight -= 1));
    }
    readBody(req, path.startsWith(UPLOAD_PATH) ? Infinity : MAX_BODY_BYTES, (body, tooLarge) => {
      if (path.startsWith(CONTROL_PREFIX)) {
        const [status, answer] = handleControl(this, (req.method ?? 'GET').toUpperCase(), path, body);
        return sendJson(res, status, answer);
      }
      if (path.startsWith(UPLOAD_PATH)) {
        const seq = this.uploadsLog.length + 1;
        const fault = this.takeFault(UPLOAD_FAULT_ACTION, true);
        if (fault) return this.uploadsLog.push(answerUploadFault(fault, req, res, seq));
        this.uploadsLog.push(handleUpload(req, res, body, this.store, this.signer, seq));
        return;
      }
      if (tooLarge)
        return sendJson(
          res,
          413,
          gatewayBody(new GatewayError(413, 'RequestEntityTooLarge', 'The request body is too large.'), newRequestId()),
        );
      try {
        answerApiRequest(this.apiServer, req, res, body);
      } catch (err) {
        // A bug here must show up as an answer a test can see, not as a crash of the whole test process.
        sendJson(
          res,
          500,
          gatewayBody(
            new GatewayError(500, 'InternalError', `Emulator error: ${(err as Error).message}`),
            newRequestId(),
          ),
        );
      }
    });
  }

  /** The next queued fault for `action` (or for any action, unless `exact`). */
  private takeFault(action: string, exact = false): Fault | undefined {
    const index = this.faults.findIndex((q) => (!exact && !q.fault.action) || q.fault.action === action);
    if (index < 0) return exact ? undefined : this.randomFaults?.take(action);
    const queued = this.faults[index];
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.faults.splice(index, 1);
    return queued.fault;
  }
}
