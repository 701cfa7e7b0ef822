// Makes text other people wrote safe to hand to a language model: quoted, not followable, not renderable.
// No vscode import: the unit tests run every hostile string through it in plain Node.
//
// Ticket text reaches a model that can act for the user (open links, run commands, edit files). The model must see
// it as data: each piece is fenced or in a code span it cannot break out of, links and command URIs lose the
// colon that makes them work, and markdown / HTML inside stays characters (code blocks and code spans are never
// rendered as markup).

// Characters that reorder or hide text (Trojan Source style), zero-width characters that split words the model
// should read whole, and C0/C1 controls except tab and line feed.
const HIDDEN = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Schemes that make text followable: anything written `scheme://`, plus the schemes that work without `//`
 * (VS Code command links, script and data URLs, mail) and web schemes however many slashes follow (browsers
 * read `http:/host` and `http:host` as links too). `script:` catches javascript:, vbscript: and the
 * entity-split `jav&#x09;ascript:` alike.
 */
const URL_SCHEME = /\b([a-z][a-z0-9+.-]*)\s*:(?=\s*\/\/)/gi;
const BARE_SCHEMES =
  /\b(https?|ftps?|wss?|command|vscode(?:-[a-z]+)?|data|file|mailto|about|blob|chrome|edge|[a-z]*script)\s*:/gi;
const WWW = /\bwww\./gi;
/** A markdown link or image needs `](`; a space between the two keeps both characters and kills the link. */
const MARKDOWN_LINK = /\]\s*\(/g;
/** A reference-style link definition `[1]: target`. */
const LINK_DEFINITION = /^(\s{0,3}\[[^\]\n]*\])\s*:/gm;

/** A run of three or more backticks or tildes could close the fence around the text: the characters are swapped for look-alikes. */
const FENCE_RUN = /`{3,}|~{3,}/g;

/** Marks left where a link's colon was, so the model can still tell the user a link was there. */
export const DEFANGED_COLON = '[:]';

/** Text without hidden characters, with links and command URIs defanged and markdown links broken. Multi-line kept. */
export function neutralize(text: string): string {
  return String(text ?? '')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(CONTROLS, '')
    .replace(HIDDEN, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(URL_SCHEME, (_match, scheme: string) => `${scheme}${DEFANGED_COLON}`)
    .replace(BARE_SCHEMES, (_match, scheme: string) => `${scheme}${DEFANGED_COLON}`)
    .replace(WWW, (match) => `${match.slice(0, 3)}[.]`)
    .replace(MARKDOWN_LINK, '] (')
    .replace(LINK_DEFINITION, (_match, label: string) => `${label} ${DEFANGED_COLON}`);
}

/** Cuts text to `max` characters (never inside a surrogate pair) and says how much was left out. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  if (/[\uDC00-\uDFFF]/.test(text[end] ?? '')) end--;
  return `${text.slice(0, end)}\n[… ${text.length - end} more characters not shown; the ticket panel shows everything]`;
}

/**
 * A fenced block holding the text as data. Fence-length runs inside are swapped for look-alike characters
 * (ˋ U+02CB, ˜ U+02DC), so nothing in the text can close the fence; the text is neutralized first.
 */
export function fenced(text: string, max: number): string {
  const body = cut(neutralize(text), max).replace(FENCE_RUN, (run) => (run[0] === '`' ? 'ˋ' : '˜').repeat(run.length));
  const trimmed = body.replace(/^\n+|\s+$/g, '');
  return '```text\n' + (trimmed || '(empty)') + '\n```';
}

/**
 * One line of text as a code span: no line breaks, every backtick swapped for ˋ (so the span cannot end early),
 * neutralized, at most `max` characters. Empty text becomes `fallback` (plain, not quoted).
 */
export function span(text: string, max: number, fallback = '(none)'): string {
  const line = neutralize(text)
    .replace(/[\n\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  if (!line) return fallback;
  let value = line.replace(/`/g, 'ˋ');
  if (value.length > max) {
    let end = max - 1;
    if (/[\uDC00-\uDFFF]/.test(value[end] ?? '')) end--;
    value = `${value.slice(0, end).trimEnd()}…`;
  }
  // A span that starts or ends with a space keeps it only when padded; padding both sides is always safe.
  return `\` ${value} \``;
}

/**
 * A drafted reply as it will be stored and shown: hidden and control characters removed (the user must see
 * every character they would send), line breaks normalized, trailing space trimmed. Links stay: it is the
 * user's own message, and they read it before sending.
 */
export function cleanDraft(text: string): string {
  return String(text ?? '')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(CONTROLS, '')
    .replace(HIDDEN, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[ \t]+$/gm, '')
    .trim();
}
