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
  // OSS presigned URLs (V4: x-oss-credential carries the AccessKey id; V1's Signature is the pattern above).
  [/(\bx-oss-(?:signature|credential|security-token)(?:=|%3D|%253D))[^&\s"',]+/gi, `$1${REDACTED}`],
  // Security tokens and secrets by name, in headers, query strings, JSON and encoded StringToSigns.
  [
    /(x-acs-security-token["']?\s*[:=]\s*["']?|SecurityToken(?:=|%3D|%253D)|["']?security[-_]?token["']?\s*:\s*["']?)[^&\s"',]+/gi,
    `$1${REDACTED}`,
  ],
  [/("?(?:access_?key_?secret|sts_token)"?\s*[:=]\s*"?)[^&\s"',]+/gi, `$1${REDACTED}`],
  [
    /(x-acs-accesskey-id["']?\s*[:=]\s*["']?|AccessKeyId(?:=|%3D|%253D)|"?access_?key_?id"?\s*[:=]\s*")[^&\s"',]+/gi,
    `$1${REDACTED}`,
  ],
  // Things shaped like AccessKey ids and STS tokens wherever they appear.
  [/\bLTAI[A-Za-z0-9]{6,40}/g, `LTAI${REDACTED}`],
  [/\bSTS\.[A-Za-z0-9]{6,80}/g, `STS.${REDACTED}`],
  [/\bCAIS[A-Za-z0-9+/=_%-]{16,}/g, REDACTED],
];

/**
 * Every pattern above needs one of these words; text without any (most log lines and messages) skips the ten
 * replacements. Case-insensitive, so it matches a superset of what the patterns match.
 */
const ANY_PATTERN_WORD =
  /string[ _-]?to[ _-]?sign|authorization|credential|signature|security[-_]?token|access_?key_?secret|sts_token|accesskey-id|access_?key_?id|LTAI|STS\.|CAIS/i;

/**
 * The forms a known value takes in text (raw, percent-encoded once and twice, URI-encoded, and with JSON's escaped
 * slashes `\/`, as some servers write a token that holds `/`), per value.
 */
const knownForms = new Map<string, string[]>();
const MAX_KNOWN_FORMS = 32;

function formsOf(value: string): string[] {
  let forms = knownForms.get(value);
  if (!forms) {
    const once = percentEncode(value);
    forms = [
      ...new Set([value, once, percentEncode(once), encodeURIComponentSafe(value), value.replace(/\//g, '\\/')]),
    ];
    // A handful of credentials are in use at a time; the cap only bounds memory if values keep changing.
    if (knownForms.size >= MAX_KNOWN_FORMS) knownForms.clear();
    knownForms.set(value, forms);
  }
  return forms;
}

/**
 * Returns `text` with AccessKey ids, STS ids and tokens, Authorization values, signatures and echoed StringToSigns
 * replaced by "[redacted]". `known` adds exact values to hide (e.g. the credentials in use) in raw, encoded and
 * double-encoded form. Values shorter than 4 characters are ignored (they would redact ordinary words).
 */
export function redactSecrets(text: string, known: ReadonlyArray<string | undefined> = []): string {
  let out = String(text);
  for (const value of known) {
    if (!value || value.length < 4) continue;
    for (const form of formsOf(value)) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  if (!ANY_PATTERN_WORD.test(out)) return out;
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
