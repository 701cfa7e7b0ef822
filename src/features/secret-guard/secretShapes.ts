// Key shapes: finding credentials in text (the rules, what a finding is, how it is masked). Pure and free of imports,
// so the details page bundles it too: the page keeps text that looks like a key out of its saved webview state
// (details/page/acting.ts), the extension keeps it out of globalState (details/draftStore.ts), and the guard asks
// before such text leaves in clear (guard.ts). Each rule is a key shape with a fixed prefix, or a value in its context
// (a keyword before it), so that ticket ids, RequestIds, UUIDs, hashes and base64 blobs never match on their own.

export type SecretKind =
  | 'alibabaAccessKeyId'
  | 'alibabaAccessKeySecret'
  | 'stsToken'
  | 'privateKey'
  | 'urlPassword'
  | 'password'
  | 'jwt'
  | 'awsAccessKeyId'
  | 'awsSecretKey'
  | 'githubToken'
  | 'gitlabToken'
  | 'slackToken'
  | 'googleApiKey'
  | 'stripeKey'
  | 'aiApiKey'
  | 'npmToken'
  | 'azureKey'
  | 'bearerToken'
  | 'secretAssignment';

export interface SecretFinding {
  kind: SecretKind;
  /** Offsets of the secret itself in the text (end exclusive): what Redact replaces. */
  start: number;
  end: number;
  /** 1-based line of the start. */
  line: number;
  /** The value with most of it hidden, for the question the user is asked (never the whole secret). */
  masked: string;
}

/** Which part of a match is the secret: the whole match, or its first capture group. */
interface Rule {
  kind: SecretKind;
  pattern: RegExp;
  /** Characters of a recognisable prefix shown unmasked (a key id's shape, not its secret part). */
  keepPrefix?: number;
  /** Extra check on the secret part; false drops the match. */
  accept?: (value: string) => boolean;
}

// A key shape must stand alone: not inside a longer run of key characters (base64 images, hashes, other ids).
// (A `/` or `=` may come before: a token in a URL, an env file.)
const B = '(?<![A-Za-z0-9_+-])';
const E = '(?![A-Za-z0-9_+/=-])';
// A keyword, then an optional closing quote, then `=`, `:` or `=>` (JSON, YAML, env files, code, CLI flags).
const ASSIGN = `["']?\\s*(?:[:=(]|=>|\\s)\\s*["']?`;

// password, PGPASSWORD, db_passwd, pwd, pass (not "bypass", "compass").
const PASSWORD_KEY = `(?:[A-Za-z_]*(?:password|passwd)|\\b(?:pwd|pass))["']?`;

const RULES: Rule[] = [
  {
    kind: 'privateKey',
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    keepPrefix: 0,
  },
  {
    kind: 'alibabaAccessKeyId',
    pattern: new RegExp(`${B}LTAI[A-Za-z0-9]{12,30}${E}`, 'g'),
    keepPrefix: 4,
    accept: mixed,
  },
  {
    kind: 'alibabaAccessKeyId',
    pattern: new RegExp(`${B}STS\\.[A-Za-z0-9]{16,40}${E}`, 'g'),
    keepPrefix: 4,
    accept: mixed,
  },
  { kind: 'stsToken', pattern: new RegExp(`${B}CAIS[A-Za-z0-9+/=]{60,}${E}`, 'g'), keepPrefix: 4 },
  {
    kind: 'stsToken',
    pattern: new RegExp(
      `(?:security[_-]?token|sts[_-]?token|x-acs-security-token)${ASSIGN}([A-Za-z0-9+/=]{60,})`,
      'gi',
    ),
  },
  {
    kind: 'alibabaAccessKeySecret',
    pattern: new RegExp(
      `(?:access[_ -]?key[_ -]?secret|secret[_ -]?access[_ -]?key|ak[_ -]?secret|secret[_ -]?key|alicloud[_ -]?secret|aliyun[_ -]?secret|\\bsecret)${ASSIGN}([A-Za-z0-9]{30})${E}`,
      'gi',
    ),
    accept: mixed,
  },
  {
    kind: 'jwt',
    pattern: new RegExp(`${B}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}${E}`, 'g'),
    keepPrefix: 3,
  },
  { kind: 'awsAccessKeyId', pattern: new RegExp(`${B}(?:AKIA|ASIA)[0-9A-Z]{16}${E}`, 'g'), keepPrefix: 4 },
  {
    kind: 'awsSecretKey',
    pattern: new RegExp(`aws[_ -]?secret[_ -]?(?:access[_ -]?)?key${ASSIGN}([A-Za-z0-9/+=]{40})${E}`, 'gi'),
  },
  { kind: 'githubToken', pattern: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{36,255}${E}`, 'g'), keepPrefix: 4 },
  { kind: 'githubToken', pattern: new RegExp(`${B}github_pat_[A-Za-z0-9_]{50,255}${E}`, 'g'), keepPrefix: 11 },
  { kind: 'gitlabToken', pattern: new RegExp(`${B}glpat-[A-Za-z0-9_-]{20,}${E}`, 'g'), keepPrefix: 6 },
  { kind: 'slackToken', pattern: new RegExp(`${B}xox[abposre]-[A-Za-z0-9-]{10,}${E}`, 'g'), keepPrefix: 5 },
  {
    kind: 'slackToken',
    pattern: /https:\/\/hooks\.slack\.com\/services\/(T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,})/g,
  },
  { kind: 'googleApiKey', pattern: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`, 'g'), keepPrefix: 4 },
  { kind: 'stripeKey', pattern: new RegExp(`${B}(?:sk|rk)_live_[0-9A-Za-z]{20,}${E}`, 'g'), keepPrefix: 8 },
  {
    kind: 'aiApiKey',
    pattern: new RegExp(`${B}sk-(?:proj-|svcacct-|admin-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{32,}${E}`, 'g'),
    keepPrefix: 3,
    accept: mixed,
  },
  { kind: 'npmToken', pattern: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`, 'g'), keepPrefix: 4 },
  { kind: 'azureKey', pattern: /(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{40,}={0,2})/g },
  {
    kind: 'urlPassword',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/?#@"'<>]{1,100}:([^\s/?#@"'<>]{1,200})@[^\s/?#@"'<>]/gi,
    accept: (value) => !isPlaceholder(value),
  },
  {
    kind: 'password',
    pattern: new RegExp(`${PASSWORD_KEY}\\s*(?:[:=]|=>)\\s*(?:"([^"\\r\\n]{4,200})"|'([^'\\r\\n]{4,200})')`, 'gi'),
    accept: (value) => !isPlaceholder(value),
  },
  {
    // Unquoted, a password must not be a plain word ("password: field is empty" is prose).
    kind: 'password',
    pattern: new RegExp(`${PASSWORD_KEY}\\s*(?:[:=]|=>)\\s*([^\\s;,&"'<>)\\]}]{4,200})`, 'gi'),
    accept: (value) => /[^A-Za-z]/.test(value) && !isPlaceholder(value),
  },
  {
    kind: 'bearerToken',
    pattern: /\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|token)\s+([A-Za-z0-9._~+/=-]{16,})/gi,
    accept: mixed,
  },
  {
    kind: 'secretAssignment',
    pattern: new RegExp(
      `(?:api[_-]?key|apikey|client[_-]?secret|app[_-]?secret|access[_-]?token|auth[_-]?token|private[_-]?key|secret[_-]?token)${ASSIGN}([A-Za-z0-9_./+=~-]{16,200})${E}`,
      'gi',
    ),
    accept: (value) => mixed(value) && !isPlaceholder(value),
  },
];

/** Both letters and digits: real keys have them, words and plain numbers do not. */
function mixed(value: string): boolean {
  return /[A-Za-z]/.test(value) && /[0-9]/.test(value);
}

/** Values people write in place of a secret: `********`, `<password>`, `${DB_PASS}`, `xxx`, `your_password`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (/^[*xX•.#-]+$/.test(v)) return true;
  if (/^[<[{(%$]|^\$\{|^\{\{|^process\.env|^os\.environ|^getenv|^env\(/i.test(v)) return true;
  if (/\*{3,}/.test(v)) return true;
  if (
    /^(?:your|my|the|some|example|sample|dummy|changeme|redacted|hidden|secret|password|passwd|none|null|nil|undefined|true|false|test|todo)(?:[_-].*)?$/i.test(
      v,
    )
  )
    return true;
  if (/^(?:password|passwd|pwd|pass)\d*$/i.test(v)) return true;
  return false;
}

/** Base64 images and other data: URIs are blanked (same length) before scanning: a long base64 run is never a key. */
function blankDataUris(text: string): string {
  return text.replace(/data:[\w.+-]+\/[\w.+-]+(?:;[\w=.-]+)*;base64,[A-Za-z0-9+/=\s]+/g, (m) => ' '.repeat(m.length));
}

/** Every credential found, in text order, overlaps removed (the longer finding kept). */
export function findSecrets(text: string): SecretFinding[] {
  const scanned = blankDataUris(text);
  const found: SecretFinding[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (const match of scanned.matchAll(rule.pattern)) {
      const groupIndex = match.slice(1).findIndex((g) => g !== undefined);
      const value = groupIndex >= 0 ? match[groupIndex + 1] : match[0];
      if (rule.accept && !rule.accept(value)) continue;
      const start = (match.index ?? 0) + (groupIndex >= 0 ? match[0].indexOf(value) : 0);
      const end = start + value.length;
      found.push({ kind: rule.kind, start, end, line: lineOf(text, start), masked: mask(value, rule.keepPrefix ?? 0) });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: SecretFinding[] = [];
  for (const finding of found) {
    const last = kept[kept.length - 1];
    if (last && finding.start < last.end) continue;
    kept.push(finding);
  }
  return kept;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The prefix that names the key's shape, then dots, then the last two characters; short values are all dots. */
export function mask(value: string, keepPrefix = 0): string {
  const pemHeader = /^-----BEGIN [A-Z0-9 ]+-----/.exec(value);
  if (pemHeader) return pemHeader[0];
  const tail = value.length >= 16 ? value.slice(-2) : '';
  return `${value.slice(0, keepPrefix)}${'•'.repeat(6)}${tail}`;
}

/** The text with each finding replaced by what `replacement` makes of it. */
export function replaceFindings(
  text: string,
  findings: readonly SecretFinding[],
  replacement: (finding: SecretFinding) => string,
): string {
  let out = '';
  let at = 0;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, finding.start) + replacement(finding);
    at = finding.end;
  }
  return out + text.slice(at);
}

/** Each credential in the text replaced by its mask (prefix, dots, last two characters): what may be kept in clear. */
export function maskSecrets(text: string): string {
  return replaceFindings(text, findSecrets(text), (finding) => finding.masked);
}
