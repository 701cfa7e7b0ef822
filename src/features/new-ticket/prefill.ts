// What a new ticket starts with when it is opened from code: the selection in a fenced block with its workspace-relative
// path and line range, or a RequestId with the line it was found on. No vscode import: unit-tested in plain Node.
// Nothing here is sent anywhere: it lands in the form, where the user sees and edits it before Submit. Its words are
// in the display language, like the rest of what the user writes to support.
import type { SeverityValue } from '../../api/types';
import { t } from '../../common/l10n';

export interface SelectionSource {
  /** The selected text, exactly. */
  text: string;
  /** Workspace-relative path with forward slashes (or the file name when it is outside the workspace). */
  relativePath: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** VS Code language id, for the fence's info string. */
  languageId?: string;
}

export interface Prefill {
  title?: string;
  description: string;
  /**
   * The product to choose, by id or name (a team template's, the service an error's facts name), and the category
   * within it: matched against the catalogue before the form opens (templates/catalogChoice.ts), which sets `choice`.
   */
  product?: string;
  category?: string;
  severity?: SeverityValue;
  /** What the catalogue matched: the draft takes it when it has no product yet. */
  choice?: CatalogChoice;
}

export interface CatalogChoice {
  productId: string;
  productName: string;
  categoryId?: string;
  categoryName?: string;
}

/** Longest selection copied into a draft; the rest is cut with a note (support rarely needs more, and the form stays usable). */
export const MAX_SELECTION_CHARS = 20_000;

/** A fence longer than any run of backticks inside the text, so the block cannot end early. */
export function fenced(text: string, info = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${safeInfo(info)}\n${body}${fence}`;
}

function safeInfo(info: string): string {
  return /^[\w+#.-]{1,40}$/.test(info) ? info : '';
}

function lineRange(start: number, end: number): string {
  return start === end ? t('line {0}', start) : t('lines {0}-{1}', start, end);
}

export function selectionPrefill(source: SelectionSource): Prefill {
  let text = source.text.replace(/\r\n/g, '\n');
  let cut = '';
  if (text.length > MAX_SELECTION_CHARS) {
    text = text.slice(0, MAX_SELECTION_CHARS);
    cut = `\n${t('(The selection was cut after {0} characters.)', MAX_SELECTION_CHARS.toLocaleString('en'))}`;
  }
  const where = t('From {0}, {1}:', source.relativePath, lineRange(source.startLine, source.endLine));
  const title = suggestTitle(text);
  return {
    ...(title ? { title } : {}),
    description: `${where}\n\n${fenced(text, source.languageId)}${cut}\n`,
  };
}

/** A title longer than this is cut at a word (the console shows about this much of it). */
export const MAX_SUGGESTED_TITLE = 80;

/** Words that make a line the error message worth naming the ticket after. */
const ERROR_LINE =
  /\b\w*(error|exception)\b|\b(failed|failure|fatal|panic|denied|refused|timed? ?out|traceback|throttl\w*|invalid|cannot|can't|unable)\b|错误|异常|失败|超时|拒绝/i;

/**
 * A title for a ticket about `text` (a selection, a description): the first line that reads like an error message,
 * else the first meaningful line — comment markers, fences, a "From file, lines:" lead-in, lone brackets and blank
 * lines skipped. Undefined when nothing in it reads as words (the user then writes one).
 */
export function suggestTitle(text: string): string | undefined {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .trim()
        .replace(/^(\/\/+|#+|--+|;+|\/\*+|\*+\/?|<!--|%+|rem\b)\s*/i, '')
        .replace(/\s*(\*\/|-->)$/, '')
        .trim(),
    )
    .filter((line) => !/^(`{3,}|~{3,})/.test(line) && !/:$/.test(line) && (line.match(/\p{L}/gu) ?? []).length >= 3);
  // ERROR_LINE's words, or an errno code (ECONNRESET, ETIMEDOUT).
  const line = lines.find((l) => ERROR_LINE.test(l) || /\bE[A-Z]{4,}\b/.test(l)) ?? lines[0];
  if (!line) return undefined;
  const oneLine = line.replace(/\s+/g, ' ');
  if (oneLine.length <= MAX_SUGGESTED_TITLE) return oneLine;
  const cut = oneLine.slice(0, MAX_SUGGESTED_TITLE - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${atWord > MAX_SUGGESTED_TITLE / 2 ? cut.slice(0, atWord) : cut}…`;
}

/** A ticket about one failed request: the RequestId support asks for first, and the line around it when known. */
export function requestIdPrefill(
  requestId: string,
  context?: { line: string; relativePath?: string; lineNumber?: number },
): Prefill {
  const lines = [t('Alibaba Cloud RequestId: {0}', requestId)];
  const line = context?.line.trim();
  if (line && line !== requestId) {
    const where = !context?.relativePath
      ? t('Where it appeared:')
      : context.lineNumber
        ? t('Where it appeared ({0}, line {1}):', context.relativePath, context.lineNumber)
        : t('Where it appeared ({0}):', context.relativePath);
    lines.push('', where, '', fenced(line.length > 2000 ? `${line.slice(0, 2000)}…` : line));
  }
  return { title: t('Request {0} failed', requestId), description: `${lines.join('\n')}\n` };
}

/**
 * A prefill added to a draft that may already hold text: appended after a blank line, never replacing what the user
 * typed. An empty title takes the prefill's title; a draft without a product takes the prefill's matched product and
 * category, and an empty one its severity.
 */
export function mergePrefill(
  draft: { title: string; description: string; productId?: string },
  prefill: Prefill,
): { title: string; description: string; severity?: SeverityValue } & Partial<Required<CatalogChoice>> {
  const description =
    draft.description.trim() === ''
      ? prefill.description
      : `${draft.description.replace(/\s*$/, '')}\n\n${prefill.description}`;
  const choice = prefill.choice && !draft.productId ? { categoryId: '', categoryName: '', ...prefill.choice } : {};
  const severity = prefill.severity && draft.description.trim() === '' ? { severity: prefill.severity } : {};
  return {
    title: draft.title.trim() === '' && prefill.title ? prefill.title : draft.title,
    description,
    ...choice,
    ...severity,
  };
}
