// The emulator's own signature verifier. Written independently of src/api/sign.ts on purpose: the client signs,
// this checks, and the two only agree if both follow the documented algorithm (ticket-api.md, V3 and V1 sections).
import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** Ordered name/value pairs, as received (repeats kept). */
export type ParamPairs = Array<[string, string]>;

/** RFC 3986 percent-encoding: unreserved A-Z a-z 0-9 - _ . ~ kept, everything else (UTF-8 bytes) encoded. */
export function rfc3986Encode(value: string): string {
  // encodeURIComponent leaves ! ' ( ) * alone; RFC 3986 reserves them, and Alibaba Cloud encodes them.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Sorts by key then value, by UTF-8 byte order (what "sorted by byte order" means for non-ASCII keys). */
function sortPairs(pairs: ParamPairs): ParamPairs {
  return [...pairs].sort((x, y) => compareBytes(x[0], y[0]) || compareBytes(x[1], y[1]));
}

/**
 * Decodes a raw `a=1&b=2` string into pairs. `plusIsSpace` is true for form bodies (application/x-www-form-urlencoded
 * turns '+' into a space) and false for the query string, where the API's canonical form only knows %20.
 * Returns undefined if some percent-escape is not valid UTF-8: such a request cannot be canonicalised.
 */
export function parsePairs(raw: string, plusIsSpace: boolean): ParamPairs | undefined {
  const pairs: ParamPairs = [];
  if (raw === '') return pairs;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const key = decodeComponent(rawKey, plusIsSpace);
    const value = decodeComponent(rawValue, plusIsSpace);
    if (key === undefined || value === undefined) return undefined;
    pairs.push([key, value]);
  }
  return pairs;
}

function decodeComponent(raw: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- V3: ACS3-HMAC-SHA256

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..`; undefined when it is not that shape. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const trimmed = header.trim();
  if (!trimmed.startsWith(V3_ALGORITHM + ' ')) return undefined;
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(V3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature || fields.size !== 3) return undefined;
  if (!/^[0-9a-f]{64}$/.test(signature)) return undefined;
  const names = signedHeaders.split(';');
  if (names.some((n) => n === '' || n !== n.toLowerCase())) return undefined;
  return { accessKeyId, signedHeaders: names, signature };
}

export interface V3Input {
  method: string;
  /** Path only, without the query string ("/"). */
  path: string;
  query: ParamPairs;
  /** Lower-cased header names; repeated headers joined with "," as Node does. */
  headers: Record<string, string | undefined>;
  signedHeaders: string[];
  /** The x-acs-content-sha256 value the client declared (it is what the canonical request carries). */
  contentSha256: string;
}

export function v3CanonicalQuery(query: ParamPairs): string {
  return sortPairs(query)
    .map(([k, v]) => `${rfc3986Encode(k)}=${rfc3986Encode(v)}`)
    .join('&');
}

export function v3CanonicalRequest(input: V3Input): string {
  const names = [...input.signedHeaders].sort(compareBytes);
  const canonicalHeaders = names.map((n) => `${n}:${(input.headers[n] ?? '').trim()}\n`).join('');
  return [
    input.method.toUpperCase(),
    input.path || '/',
    v3CanonicalQuery(input.query),
    canonicalHeaders,
    names.join(';'),
    input.contentSha256,
  ].join('\n');
}

export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function v3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

// ---------------------------------------------------------------- V1: RPC HMAC-SHA1

/** StringToSign for V1 over all query and body parameters except Signature itself. */
export function v1StringToSign(method: string, params: ParamPairs): string {
  const canonical = sortPairs(params.filter(([k]) => k !== 'Signature'))
    .map(([k, v]) => `${rfc3986Encode(k)}=${rfc3986Encode(v)}`)
    .join('&');
  return `${method.toUpperCase()}&${rfc3986Encode('/')}&${rfc3986Encode(canonical)}`;
}

export function v1Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', accessKeySecret + '&')
    .update(stringToSign, 'utf8')
    .digest('base64');
}

/** Constant-time comparison so the emulator does not model a timing oracle. */
export function sameSignature(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `YYYY-MM-DDTHH:mm:ssZ` → epoch ms; undefined for any other shape. */
export function parseAcsDate(value: string | undefined): number | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
