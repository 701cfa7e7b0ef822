// Scrubs secrets out of text that is about to be logged or shown: error messages, log lines, server messages.
// Two layers: patterns for things that look like credentials or signatures, and exact known values (the caller's own
// AccessKey id, secret and token, also in their percent-encoded forms as they appear inside an echoed StringToSign).
import { percentEncode } from './sign';

export const REDACTED = '[redacted]';

const PATTERNS: Array<[RegExp, string]> = [
  // The gateway echoes its StringToSign in SignatureDoesNotMatch messages; it carries the AccessKey id (and token).
  [/(string[ _-]?to[ _-]?sign(?:\s+is)?\s*[:=]?\s*)(?:[^"\r\n]*)(?:\r?\n[0-9a-f]{64})?/gi, `$1${REDACTED}`],
  // Authorization header values (V3: "ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...").
  [/(\bauthorization["']?\s*[:=]\s*["']?)[^"'\r\n]+/gi, `$1${REDACTED}`],
  [/(\bCredential=)[^,\s"'&]+/g, `$1${REDACTED}`],
  [/(\bSignature(?:=|%3D|%253D)|"Signature"\s*:\s*")[^&\s"',]+/g, `$1${REDACTED}`],
  // Security tokens and secrets by name, in headers, query strings, JSON and encoded StringToSigns.
  [/(x-acs-security-token["']?\s*[:=]\s*["']?|SecurityToken(?:=|%3D|%253D)|"?security_?token"?\s*:\s*")[^&\s"',]+/gi, `$1${REDACTED}`],
  [/("?(?:access_?key_?secret|sts_token)"?\s*[:=]\s*"?)[^&\s"',]+/gi, `$1${REDACTED}`],
  [/(x-acs-accesskey-id["']?\s*[:=]\s*["']?|AccessKeyId(?:=|%3D|%253D)|"?access_?key_?id"?\s*[:=]\s*")[^&\s"',]+/gi, `$1${REDACTED}`],
  // Things shaped like AccessKey ids and STS tokens wherever they appear.
  [/\bLTAI[A-Za-z0-9]{6,40}/g, `LTAI${REDACTED}`],
  [/\bSTS\.[A-Za-z0-9]{6,80}/g, `STS.${REDACTED}`],
  [/\bCAIS[A-Za-z0-9+/=_%-]{16,}/g, REDACTED],
];

/**
 * Returns `text` with AccessKey ids, STS ids and tokens, Authorization values, signatures and echoed StringToSigns
 * replaced by "[redacted]". `known` adds exact values to hide (e.g. the credentials in use) in raw, encoded and
 * double-encoded form. Values shorter than 4 characters are ignored (they would redact ordinary words).
 */
export function redactSecrets(text: string, known: ReadonlyArray<string | undefined> = []): string {
  let out = String(text);
  for (const value of known) {
    if (!value || value.length < 4) continue;
    const once = percentEncode(value);
    const twice = percentEncode(once);
    for (const form of new Set([value, once, twice, encodeURIComponentSafe(value)])) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function encodeURIComponentSafe(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}
