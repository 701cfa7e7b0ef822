// Request signing for the Alibaba Cloud RPC-style APIs: V3 (ACS3-HMAC-SHA256, the default) and V1 (HMAC-SHA1).
// Pure functions over strings: no network, no clock, no randomness unless asked (nonce/date helpers below).
import { nodeCrypto } from './nodeModules';
import type { Credentials } from './types';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

const HEX = '0123456789ABCDEF';

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

/**
 * RFC 3986 percent-encoding as Alibaba Cloud signs it: only A-Z a-z 0-9 - . _ ~ stay as they are; everything else
 * (space -> %20, ! ' ( ) * included) becomes %XX of its UTF-8 bytes, upper-case hex. Works on bytes so a lone
 * surrogate never throws (it is encoded as U+FFFD, exactly as the UTF-8 body bytes would carry it).
 */
export function percentEncode(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (const byte of bytes) {
    out += isUnreserved(byte) ? String.fromCharCode(byte) : '%' + HEX[byte >> 4] + HEX[byte & 15];
  }
  return out;
}

/** Plain code-unit order, the order the official SDK and gateway sort parameter names in. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `k=v&k=v` with keys sorted and both sides percent-encoded: the canonical query string and the form body. */
export function canonicalQueryString(params: Record<string, string>): string {
  return Object.keys(params)
    .sort(compareKeys)
    .map((key) => percentEncode(key) + '=' + percentEncode(params[key]))
    .join('&');
}

/** The form body we send (same encoding as the canonical query string, which keeps signing and sending in step). */
export function formEncode(params: Record<string, string>): string {
  return canonicalQueryString(params);
}

export function sha256Hex(data: string | Uint8Array): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex');
}

/** UTC `YYYY-MM-DDTHH:mm:ssZ`, the format both x-acs-date (V3) and Timestamp (V1) use. */
export function formatAcsDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A fresh nonce per attempt: the gateway rejects a reused one (SignatureNonceUsed). */
export function newNonce(): string {
  return nodeCrypto().randomBytes(16).toString('hex');
}

export interface V3Request {
  method: string;
  /** Default '/'. */
  pathname?: string;
  /** Query parameters, unencoded. */
  query: Record<string, string>;
  /**
   * Headers to send (any case). Must include host, x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce,
   * and content-type when there is a body. signV3 adds x-acs-content-sha256 and the STS headers.
   */
  headers: Record<string, string>;
  /** The exact body that will be sent ('' for none). */
  body: string | Uint8Array;
}

export interface V3Signature {
  /** Every header to send: the input headers, x-acs-content-sha256, STS headers, and authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

function isSignedHeader(lowerName: string): boolean {
  return lowerName === 'host' || lowerName === 'content-type' || lowerName.startsWith('x-acs-');
}

/** CanonicalHeaders and SignedHeaders of a header map (names lower-cased and sorted, values trimmed). */
export function canonicalHeaders(headers: Record<string, string>): { canonical: string; signedHeaders: string } {
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!isSignedHeader(lower)) continue;
    byName.set(lower, String(value).trim());
  }
  const names = [...byName.keys()].sort(compareKeys);
  return {
    canonical: names.map((name) => `${name}:${byName.get(name)}\n`).join(''),
    signedHeaders: names.join(';'),
  };
}

/** The V3 canonical request (exported so tests can check it against the documented example). */
export function canonicalRequestV3(
  request: V3Request,
  contentSha256: string,
): { canonicalRequest: string; signedHeaders: string } {
  const { canonical, signedHeaders } = canonicalHeaders(request.headers);
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.pathname || '/',
    canonicalQueryString(request.query),
    canonical,
    signedHeaders,
    contentSha256,
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

/**
 * Signs a request with ACS3-HMAC-SHA256. With STS credentials x-acs-security-token and x-acs-accesskey-id are added
 * before signing, so both are covered by the signature.
 */
export function signV3(request: V3Request, credentials: Credentials): V3Signature {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const contentSha256 = sha256Hex(request.body);
  headers['x-acs-content-sha256'] = contentSha256;
  if (credentials.securityToken) {
    headers['x-acs-security-token'] = credentials.securityToken;
    headers['x-acs-accesskey-id'] = credentials.accessKeyId;
  }
  const { canonicalRequest, signedHeaders } = canonicalRequestV3({ ...request, headers }, contentSha256);
  const stringToSign = `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = nodeCrypto()
    .createHmac('sha256', credentials.accessKeySecret)
    .update(stringToSign, 'utf8')
    .digest('hex');
  const authorization = `${V3_ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  headers['authorization'] = authorization;
  return { headers, canonicalRequest, stringToSign, signedHeaders, signature, authorization };
}

export interface V1Signature {
  stringToSign: string;
  /** Base64 HMAC-SHA1. */
  signature: string;
}

/** V1 StringToSign: METHOD&%2F&enc(sorted enc(k)=enc(v) joined by &). `params` are every signed parameter (query + body). */
export function stringToSignV1(method: string, params: Record<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQueryString(params))}`;
}

/** Signs RPC parameters with HMAC-SHA1 (key = secret + "&"). The caller adds `Signature` to the query. */
export function signV1(method: string, params: Record<string, string>, accessKeySecret: string): V1Signature {
  const stringToSign = stringToSignV1(method, params);
  const signature = nodeCrypto()
    .createHmac('sha1', accessKeySecret + '&')
    .update(stringToSign, 'utf8')
    .digest('base64');
  return { stringToSign, signature };
}

export interface V1CommonParamsInput {
  action: string;
  version: string;
  credentials: Credentials;
  nonce: string;
  epochMs: number;
}

/** The system parameters a V1 request carries besides the action's own (SecurityToken with STS). */
export function v1CommonParams(input: V1CommonParamsInput): Record<string, string> {
  const params: Record<string, string> = {
    Format: 'JSON',
    Version: input.version,
    Action: input.action,
    AccessKeyId: input.credentials.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: input.nonce,
    Timestamp: formatAcsDate(input.epochMs),
  };
  if (input.credentials.securityToken) params.SecurityToken = input.credentials.securityToken;
  return params;
}
