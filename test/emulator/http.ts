// HTTP plumbing of the emulator: the request log's record shape, reading headers and parameters, redacting secrets
// from what is recorded, and writing JSON answers.
import * as http from 'http';
import type { ParamPairs } from './signature';

/** Larger API bodies are refused with 413 (the real gateway has a limit too). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

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
  /** True when the action ran and changed (or read) the data: false for refusals before it, and faults that answer instead. */
  processed?: boolean;
  requestId?: string;
  receivedAt: number;
}

const REDACTED = '<redacted>';
const SECRET_PARAMS = new Set(['Signature', 'SecurityToken', 'AccessKeyId']);
const SECRET_HEADERS = new Set(['x-acs-security-token', 'x-acs-accesskey-id']);

export function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

export function redactParams(pairs: ParamPairs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) out[k] = SECRET_PARAMS.has(k) ? REDACTED : v;
  return out;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'authorization') continue;
    out[k] = SECRET_HEADERS.has(k) ? REDACTED : v;
  }
  return out;
}

export function sourcesOf(query: ParamPairs, body: ParamPairs): Record<string, ParamSource> {
  const out: Record<string, ParamSource> = {};
  for (const [k] of query) out[k] = 'query';
  for (const [k] of body) out[k] = 'body';
  return out;
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
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

/** Reads the whole body; `tooLarge` when it passed `limit` (the rest is discarded). */
export function readBody(
  req: http.IncomingMessage,
  limit: number,
  done: (body: Buffer, tooLarge: boolean) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(Buffer.concat(chunks), tooLarge));
  req.on('error', () => req.socket.destroy());
}
