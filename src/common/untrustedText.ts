// Text other people wrote (ticket titles, descriptions, support notes, user names, server messages, error text that
// quotes the server) made safe for one surface of VS Code. Every place that shows such text takes it through the
// function named after its surface; SURFACES lists them all, and the unit tests run the hostile corpus through each.
// No vscode import.
//
// What each surface renders (VS Code 1.139, read in its workbench source):
// - notification messages (show*Message, notification progress): `[label](https:…|command:…|file:…)` becomes a link,
//   opened with commands allowed; line breaks become spaces; codicons are not drawn.
// - status-bar text, quick-pick label / description / detail, tree labels (label as MarkdownString), window progress:
//   `$(name)` draws a codicon (`$(sync~spin)` spins).
// - MarkdownString (hovers, tree and status-bar tooltips given as markdown, the agent's confirmation): markdown, with
//   links; ours are trusted by allow-list only (`isTrusted: { enabledCommands }`), `supportHtml` stays off.
// - string tooltips, modal dialogs, tab titles: plain text (tooltips and dialogs keep line breaks).
// - webviews: HTML (escapeHtml, under a strict CSP); agent tool results: text a model reads and may act on; the log:
//   one line per entry.

// Characters that reorder or hide text (Trojan Source style), invisible formatting (zero-width space / non-joiner,
// word joiner and invisible operators, soft hyphen, byte-order mark), and C0/C1 controls. The zero-width joiner is
// kept only between two non-ASCII characters, where it joins emoji (👩‍💻) and some scripts.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const INVISIBLE = /[\u00AD\u180E\u200B\u200C\u2060-\u2064\uFEFF]/g;
const STRAY_JOINER = /(?<![^\x00-\x7F])\u200D|\u200D(?![^\x00-\x7F])/g;
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /[\r\n\t\u2028\u2029\u0085]+/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function withoutHidden(text: string): string {
  return text
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '')
    .replace(LONE_SURROGATE, '\uFFFD');
}

/** Cuts to maxLength characters with an ellipsis, never inside a surrogate pair. */
function cutWithEllipsis(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let cut = maxLength - 1;
  if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--;
  return text.slice(0, cut).trimEnd() + '…';
}

/**
 * One line of plain text: no line breaks, no control, bidi or invisible characters, no lone surrogates, runs of
 * spaces made one, at most maxLength characters (an ellipsis marks the cut).
 */
export function plainLine(text: string, maxLength = 200): string {
  return oneLine(text, maxLength, (line) => line);
}

/** plainLine with a surface's own change made before the cut, so the result stays within maxLength. */
function oneLine(text: string, maxLength: number, forSurface: (line: string) => string): string {
  const line = withoutHidden(String(text ?? '').replace(LINE_BREAKS, ' '))
    .replace(/\s{2,}/g, ' ')
    .trim();
  return cutWithEllipsis(forSurface(line), maxLength);
}

/**
 * Plain text that keeps its lines: hidden characters removed as in plainLine, trailing spaces trimmed, runs of
 * spaces longer than 16 cut to 16 (text pushed out of sight), more than one blank line in a row made one (text pushed
 * below the visible part), at most maxLength characters.
 */
export function plainLines(text: string, maxLength = 2000): string {
  const lines = collapseBlankRuns(
    withoutHidden(String(text ?? '').replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n'))
      .replace(/\t/g, '    ')
      .replace(/[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]{17,}/g, (run) => run.slice(0, 16))
      .replace(/[ \u00A0]+$/gm, ''),
  ).trim();
  return cutWithEllipsis(lines, maxLength);
}

/** More than one blank line in a row becomes one; lines holding only spaces count as blank. */
export function collapseBlankRuns(text: string): string {
  return text.replace(/\n(?:[ \t\u00A0]*\n){2,}/g, '\n\n');
}

/**
 * `$(` followed by a name draws a codicon on icon surfaces; a zero-width joiner after the `$` shows the same characters
 * and draws nothing (a backslash would show on surfaces without icons, such as tree labels today).
 */
function withoutIcons(text: string): string {
  return text.replace(/\$\(/g, '$\u200D(');
}

/**
 * A notification turns `[label](target)` into a link when `](` is written together: a space between them keeps every
 * character and makes no link, whatever the target.
 */
function withoutLinks(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}

/**
 * Markdown-escapes text so it renders as exactly that text: every ASCII punctuation character is backslash-escaped
 * (CommonMark allows that for all of them), which defeats links, autolinks (`https\:`, `www\.`), emphasis, HTML and
 * entities. `$` becomes the entity `&#36;` because VS Code looks for `$(icon)` in the rendered HTML, where a
 * backslash-escaped `$` would already be a bare `$` again.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (ch) => (ch === '$' ? '&#36;' : `\\${ch}`));
}

/** Escapes text for HTML element content and double- or single-quoted attribute values (the webviews). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch]);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * A reply an agent drafted, as it will be stored and shown in the confirmation: hidden and control characters removed
 * (the user must see every character they would send), line breaks normalized, trailing spaces trimmed, blank-line runs
 * and long runs of spaces collapsed (nothing hides below or beside the visible part). Links stay: the user reads it
 * before sending it as their own message.
 */
export function agentDraftText(text: string): string {
  return plainLines(text, Number.MAX_SAFE_INTEGER);
}

// ---- One function per surface -------------------------------------------------------------------------------------

/** A piece of a notification message (show*Message, and a progress shown as a notification): one line, no link. */
export function notificationText(text: string, maxLength = 300): string {
  return oneLine(text, maxLength, withoutLinks);
}

/** A piece of a progress title: shown in a notification (links) or the status bar (codicons), so neither. */
export function progressTitleText(text: string, maxLength = 120): string {
  return oneLine(text, maxLength, (line) => withoutIcons(withoutLinks(line)));
}

/** A modal dialog's message or detail: plain text, its lines kept, no padding that hides what follows. */
export function dialogText(text: string, maxLength = 2000): string {
  return plainLines(text, maxLength);
}

/** One line of a modal dialog's message or detail (a name, a title, a host). */
export function dialogLine(text: string, maxLength = 200): string {
  return plainLine(text, maxLength);
}

/** Status-bar item text: one short line, no codicon. */
export function statusBarText(text: string, maxLength = 60): string {
  return oneLine(text, maxLength, withoutIcons);
}

/** A line of a status-bar tooltip given as a string (plain text; the tooltip's lines are ours). */
export function statusBarTooltipText(text: string, maxLength = 200): string {
  return plainLine(text, maxLength);
}

/** A quick-pick item's label, description or detail, or a quick input's title: one line, no codicon. */
export function quickPickText(text: string, maxLength = 120): string {
  return oneLine(text, maxLength, withoutIcons);
}

/** A tree item's label or description: one line, no codicon (labels given as markdown draw them). */
export function treeText(text: string, maxLength = 200): string {
  return oneLine(text, maxLength, withoutIcons);
}

/**
 * Text inside a MarkdownString (hovers, tree tooltips, the agent's confirmation): one line, every markdown character
 * escaped, so no link, image, emphasis, HTML or codicon.
 */
export function markdownText(text: string, maxLength = 300): string {
  return escapeMarkdown(plainLine(text, maxLength));
}

/** A webview panel's (editor tab's) title: plain text, one short line. */
export function panelTitleText(text: string, maxLength = 40): string {
  return plainLine(text, maxLength);
}

/** Text put into a webview's HTML (under the panel's strict CSP): every markup character escaped. */
export function webviewText(text: string): string {
  return escapeHtml(text);
}

/** Outside text in a log line: one line (a line break cannot forge the next entry), no control characters. */
export function logText(text: string, maxLength = 2000): string {
  const line = withoutHidden(
    String(text ?? '')
      .replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ⏎ ')
      .replace(/\t/g, ' '),
  );
  return cutWithEllipsis(line, maxLength);
}

// ---- Agent tools: text a language model reads ----------------------------------------------------------------------
// Ticket text reaches a model that can act for the user (open links, run commands, edit files). The model must see
// it as data: each piece is fenced or in a code span it cannot break out of, links and command URIs lose the colon
// that makes them work, and markdown / HTML inside stays characters (code blocks and code spans are never rendered as
// markup).

/**
 * Schemes that make text followable: anything written `scheme://`, plus the schemes that work without `//` (VS Code
 * command links, script and data URLs, mail) and web schemes however many slashes follow (browsers read `http:/host`
 * and `http:host` as links too). `script:` catches javascript:, vbscript: and the entity-split `jav&#x09;ascript:`.
 */
const URL_SCHEME = /\b([a-z][a-z0-9+.-]*)\s*:(?=\s*\/\/)/gi;
const BARE_SCHEMES =
  /\b(https?|ftps?|wss?|command|vscode(?:-[a-z]+)?|data|file|mailto|about|blob|chrome|edge|[a-z]*script)\s*:/gi;
const WWW = /\bwww\./gi;
/** A markdown link or image needs `](`; a space between the two keeps both characters and kills the link. */
const MARKDOWN_LINK = /\]\s*\(/g;
/** A reference-style link definition `[1]: target`. */
const LINK_DEFINITION = /^(\s{0,3}\[[^\]\n]*\])\s*:/gm;
/** A run of three or more backticks or tildes could close the fence around the text: swapped for look-alikes. */
const FENCE_RUN = /`{3,}|~{3,}/g;

/** Marks left where a link's colon was, so the model can still tell the user a link was there. */
export const DEFANGED_COLON = '[:]';

/** Text without hidden characters, with links and command URIs defanged and markdown links broken. Multi-line kept. */
export function neutralize(text: string): string {
  return withoutHidden(String(text ?? '').replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n'))
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
  // l10n-exempt: read by the model (the agent tools answer in English).
  return `${text.slice(0, end)}\n[… ${text.length - end} more characters not shown; the ticket panel shows everything]`;
}

/**
 * An agent tool's block of outside text: a fenced block holding the text as data. Fence-length runs inside are
 * swapped for look-alike characters (ˋ U+02CB, ˜ U+02DC), so nothing in the text can close the fence; the text is
 * neutralized first and blank-line runs are collapsed.
 */
export function modelBlock(text: string, max: number): string {
  const body = cut(collapseBlankRuns(neutralize(text)), max).replace(FENCE_RUN, (run) =>
    (run[0] === '`' ? 'ˋ' : '˜').repeat(run.length),
  );
  const trimmed = body.replace(/^\n+|\s+$/g, '');
  // l10n-exempt: read by the model; `text` is the fence's info string.
  return '```text\n' + (trimmed || '(empty)') + '\n```';
}

/** Outside text inside one of an agent tool's own sentences (a server message in an error): defanged, one line. */
export function modelLine(text: string, max: number): string {
  return plainLine(neutralize(text), max);
}

/**
 * An agent tool's one line of outside text, as a code span: no line breaks, every backtick swapped for ˋ (so the span
 * cannot end early), neutralized, at most `max` characters. Empty text becomes `fallback` (plain, not quoted).
 */
export function modelSpan(text: string, max: number, fallback = '(none)'): string {
  const line = neutralize(text)
    .replace(/[\n\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  if (!line) return fallback;
  const value = cutWithEllipsis(line.replace(/`/g, 'ˋ'), max);
  // A span that starts or ends with a space keeps it only when padded; padding both sides is always safe.
  return `\` ${value} \``;
}

/** Every surface and its rule with default limits: the tests run the hostile corpus through each one. */
export const SURFACES = {
  notification: (text: string) => notificationText(text),
  progressTitle: (text: string) => progressTitleText(text),
  modalDialog: (text: string) => dialogText(text),
  statusBarText: (text: string) => statusBarText(text),
  statusBarTooltip: (text: string) => statusBarTooltipText(text),
  quickPick: (text: string) => quickPickText(text),
  treeItem: (text: string) => treeText(text),
  markdown: (text: string) => markdownText(text),
  panelTitle: (text: string) => panelTitleText(text),
  webview: (text: string) => webviewText(text),
  agentToolSpan: (text: string) => modelSpan(text, 200),
  agentToolBlock: (text: string) => modelBlock(text, 20_000),
  log: (text: string) => logText(text),
} as const satisfies Record<string, (text: string) => string>;

export type Surface = keyof typeof SURFACES;
