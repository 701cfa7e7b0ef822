// Finding ticket ids in a line of text. No vscode import: the table test runs it in plain Node.
//
// The id shape, the default pattern, the context words and the console hosts come from src/tickets/ticketId.ts.
// By default an id counts only near the word "ticket" / 工单 / "work order", or inside a console URL: a hover sends
// the id to the server, so guessing wrong leaks text and annoys. A found id is upper-cased (0005pygcw is 0005PYGCW,
// as Open Ticket reads it) and must have the shape of an id whatever the pattern: it goes into a command URI and an
// API parameter.
import { t } from '../../common/l10n';
import {
  CONSOLE_HOST,
  DEFAULT_ID_PATTERN,
  isTicketIdShape,
  normalizeTicketId,
  TICKET_WORD,
} from '../../tickets/ticketId';

export { DEFAULT_ID_PATTERN };

/** Longer lines (minified code, data dumps) are skipped entirely. */
export const MAX_LINE_LENGTH = 1000;

/** How far before an id (same line) the context word may be; after it, a shorter reach. */
const CONTEXT_BEFORE = 40;
const CONTEXT_AFTER = 16;
/** Text between two ids of one list: "0005PYGCW, 001571BTXC and 0002..." */
const LIST_SEPARATOR = /^[\s,;/&|+]*(?:and|or|和|及|、|，)?[\s,;/&|+、，]*$/i;
const URL_IN_TEXT = /https?:\/\/[^\s'"<>()[\]{}`]+/gi;

export interface IdMatch {
  ticketId: string;
  /** Offsets in the line (end exclusive). */
  start: number;
  end: number;
}

export interface IdDetectionOptions {
  pattern: RegExp;
  requireContext: boolean;
}

export interface CompiledPattern {
  pattern: RegExp;
  /** Set when the configured pattern was refused and the default is used instead. */
  error?: string;
}

/**
 * Compiles the aliyunTickets.idPattern setting. A pattern that does not compile, is too long, or matches the empty
 * string is refused (error says why) and the default is used. A named group `id` picks the id out of a larger match.
 */
export function compileIdPattern(source: string | undefined): CompiledPattern {
  const fallback = () => new RegExp(DEFAULT_ID_PATTERN, 'g');
  const text = (source ?? '').trim();
  if (!text || text === DEFAULT_ID_PATTERN) {
    return { pattern: fallback() };
  }
  if (text.length > 500) {
    return { pattern: fallback(), error: t('The ticket id pattern is longer than 500 characters.') };
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(text, 'g');
  } catch (err) {
    return {
      pattern: fallback(),
      error: t('The ticket id pattern is not a valid regular expression: {0}', (err as Error).message),
    };
  }
  if (new RegExp(text).test('')) {
    return { pattern: fallback(), error: t('The ticket id pattern matches empty text, so it would match everywhere.') };
  }
  return { pattern };
}

/** Every ticket id in the line that the options accept, left to right. Lines over MAX_LINE_LENGTH give none. */
export function findTicketIds(line: string, options: IdDetectionOptions): IdMatch[] {
  if (line.length > MAX_LINE_LENGTH) {
    return [];
  }
  const candidates: IdMatch[] = [];
  // 'd' gives the `id` group's own offsets (the same text may also appear earlier in the match).
  const flags = [...new Set(`${options.pattern.flags}gd`)].join('');
  for (const match of line.matchAll(new RegExp(options.pattern.source, flags))) {
    if (match[0].length === 0) {
      continue;
    }
    const text = match.groups?.id ?? match[0];
    const id = normalizeTicketId(text);
    if (!isTicketIdShape(id) || text.trim() !== text) {
      continue;
    }
    const start = match.indices?.groups?.id?.[0] ?? match.index ?? 0;
    candidates.push({ ticketId: id, start, end: start + text.length });
    if (candidates.length >= 100) {
      break;
    }
  }
  if (!options.requireContext || candidates.length === 0) {
    return candidates;
  }
  const urlSpans = consoleUrlSpans(line);
  const accepted: IdMatch[] = [];
  let previous: IdMatch | undefined;
  for (const candidate of candidates) {
    const inUrl = urlSpans.some(([s, e]) => candidate.start >= s && candidate.end <= e);
    const before = line.slice(Math.max(0, candidate.start - CONTEXT_BEFORE), candidate.start);
    const after = line.slice(candidate.end, candidate.end + CONTEXT_AFTER);
    const continuesList = previous !== undefined && LIST_SEPARATOR.test(line.slice(previous.end, candidate.start));
    if (inUrl || TICKET_WORD.test(before) || TICKET_WORD.test(after) || continuesList) {
      accepted.push(candidate);
      previous = candidate;
    } else {
      previous = undefined;
    }
  }
  return accepted;
}

/** The id under a character offset, if any. */
export function ticketIdAt(line: string, character: number, options: IdDetectionOptions): IdMatch | undefined {
  return findTicketIds(line, options).find((m) => character >= m.start && character <= m.end);
}

function consoleUrlSpans(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of line.matchAll(URL_IN_TEXT)) {
    let host = '';
    try {
      host = new URL(match[0]).hostname;
    } catch {
      continue;
    }
    if (CONSOLE_HOST.test(host)) {
      spans.push([match.index ?? 0, (match.index ?? 0) + match[0].length]);
    }
  }
  return spans;
}
