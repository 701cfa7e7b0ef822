// A tiny signer and HTTP caller for testing the emulator itself. It builds signatures from the emulator's own
// canonicalisation functions, which the official worked examples pin down (signature.test.ts); the client's signer
// (src/api/sign.ts) is checked against the emulator separately, over HTTP.
import * as http from 'http';
import { randomUUID } from 'crypto';
import { DEMO_CREDENTIALS, EmulatorCredentials } from '../../emulator/credentials';
import { EmulatorOptions, TicketEmulator } from '../../emulator/server';
import {
  ParamPairs,
  rfc3986Encode,
  sha256Hex,
  v1Signature,
  v1StringToSign,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
} from '../../emulator/signature';

export interface CallOptions {
  action: string;
  query?: ParamPairs;
  body?: ParamPairs;
  credentials: EmulatorCredentials;
  signatureVersion?: 'v3' | 'v1';
  version?: string;
  /** Date to sign with. Default now. */
  date?: Date;
  nonce?: string;
  agent?: http.Agent;
  /** Last chance to alter headers after signing (to tamper). */
  afterSign?: (headers: Record<string, string>) => void;
  /** Replaces the query string after signing (to tamper). */
  queryOverride?: ParamPairs;
  /** Replaces the body bytes after signing (to tamper). */
  bodyOverride?: string;
  /** Leave these header names out of SignedHeaders (V3). */
  unsignedHeaders?: string[];
  /** V3: sign with this secret instead (to produce a wrong signature). */
  signWithSecret?: string;
}

export interface CallResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields of the answer it expects
  json: any;
}

export function acsDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function encodePairs(pairs: ParamPairs): string {
  return pairs.map(([k, v]) => `${rfc3986Encode(k)}=${rfc3986Encode(v)}`).join('&');
}

export function call(baseUrl: string, o: CallOptions): Promise<CallResult> {
  const url = new URL(baseUrl);
  const host = url.host;
  const version = o.version ?? '2021-06-10';
  const nonce = o.nonce ?? randomUUID();
  const date = acsDate(o.date ?? new Date());
  let query = [...(o.query ?? [])];
  const body = [...(o.body ?? [])];
  const headers: Record<string, string> = {};
  let bodyText = encodePairs(body);

  if ((o.signatureVersion ?? 'v3') === 'v3') {
    headers['host'] = host;
    headers['x-acs-action'] = o.action;
    headers['x-acs-version'] = version;
    headers['x-acs-date'] = date;
    headers['x-acs-signature-nonce'] = nonce;
    headers['x-acs-content-sha256'] = sha256Hex(bodyText);
    if (bodyText !== '') headers['content-type'] = 'application/x-www-form-urlencoded';
    if (o.credentials.securityToken) {
      headers['x-acs-security-token'] = o.credentials.securityToken;
      headers['x-acs-accesskey-id'] = o.credentials.accessKeyId;
    }
    const signed = Object.keys(headers)
      .filter((n) => !(o.unsignedHeaders ?? []).includes(n))
      .sort();
    const canonical = v3CanonicalRequest({
      method: 'POST',
      path: '/',
      query,
      headers,
      signedHeaders: signed,
      contentSha256: headers['x-acs-content-sha256'],
    });
    const signature = v3Signature(v3StringToSign(canonical), o.signWithSecret ?? o.credentials.accessKeySecret);
    headers['authorization'] =
      `ACS3-HMAC-SHA256 Credential=${o.credentials.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
  } else {
    const common: ParamPairs = [
      ['Format', 'JSON'],
      ['Version', version],
      ['Action', o.action],
      ['AccessKeyId', o.credentials.accessKeyId],
      ['SignatureMethod', 'HMAC-SHA1'],
      ['SignatureVersion', '1.0'],
      ['SignatureNonce', nonce],
      ['Timestamp', date],
    ];
    if (o.credentials.securityToken) common.push(['SecurityToken', o.credentials.securityToken]);
    query = [...common, ...query];
    const signature = v1Signature(
      v1StringToSign('POST', [...query, ...body]),
      o.signWithSecret ?? o.credentials.accessKeySecret,
    );
    query.push(['Signature', signature]);
    headers['host'] = host;
    if (bodyText !== '') headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  o.afterSign?.(headers);
  if (o.bodyOverride !== undefined) bodyText = o.bodyOverride;
  if (o.queryOverride) query = o.queryOverride;
  const path = query.length > 0 ? `/?${encodePairs(query)}` : '/';
  return rawRequest(url, 'POST', path, headers, bodyText, o.agent);
}

export function rawRequest(
  url: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
  agent?: http.Agent,
): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Waits for a condition (polling), so tests act on an event instead of guessing how long something takes on a busy
 * machine. Fails with `what` after `timeoutMs`.
 */
export async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** JSON call to the control API. */
export async function control(baseUrl: string, method: string, path: string, payload?: unknown): Promise<CallResult> {
  return rawRequest(
    new URL(baseUrl),
    method,
    path,
    { 'content-type': 'application/json', host: new URL(baseUrl).host },
    payload === undefined ? '' : JSON.stringify(payload),
  );
}

/**
 * One emulator for the enclosing describe block: started before it, stopped after it, reset before each test
 * (unless `reset` is false). Call the returned function inside tests to reach it.
 */
export function useEmulator(options: EmulatorOptions = { seed: 'demo' }, reset = true): () => TicketEmulator {
  let emulator: TicketEmulator | undefined;
  before(async () => {
    emulator = await TicketEmulator.start(options);
  });
  after(async () => {
    await emulator?.stop();
  });
  if (reset) beforeEach(() => emulator!.reset());
  return () => {
    if (!emulator) throw new Error('useEmulator: the emulator is not started yet (call it inside a test)');
    return emulator;
  };
}

/** A correctly signed GetTicket of the documented ticket, with any option overridden. */
export function getTicketCall(extra: Partial<CallOptions> = {}): CallOptions {
  return { action: 'GetTicket', body: [['TicketId', '0005PYGCW']], credentials: DEMO_CREDENTIALS, ...extra };
}
