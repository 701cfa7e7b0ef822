// The explorer's filter: what the user chose, how it becomes a ListTickets query, and how it reads in the view's
// description. No vscode import.
import { STATUS_NAMES, type StatusName } from '../../api/types';
import { t } from '../../common/l10n';
import { statusLabel } from '../../tickets/display';
import { statusValueOf } from '../../tickets/status';

export interface TicketFilter {
  /** Only these statuses (empty or absent: all). */
  statuses?: StatusName[];
  /** Fuzzy match on the description (the API's Keyword). */
  keyword?: string;
  /** Creation time window, epoch ms, both set or neither. */
  startDate?: number;
  endDate?: number;
}

const DAY_MS = 24 * 3600_000;

export function isFilterActive(filter: TicketFilter): boolean {
  return Boolean(filter.statuses?.length || filter.keyword || filter.startDate !== undefined);
}

/** "Status: Waiting for your feedback, Processing · “timeout” · Created 2026-11-01 – 2026-11-27" (empty: no filter). */
export function describeFilter(filter: TicketFilter, timeZone?: string): string {
  const parts: string[] = [];
  if (filter.statuses?.length) {
    // The list separator is translated too: a comma in English, 、 in Chinese.
    parts.push(filter.statuses.map((name) => statusLabel(statusValueOf(name))).join(t(', ')));
  }
  if (filter.keyword) {
    parts.push(`“${filter.keyword}”`);
  }
  if (filter.startDate !== undefined && filter.endDate !== undefined) {
    parts.push(`${formatDay(filter.startDate, timeZone)} – ${formatDay(filter.endDate, timeZone)}`);
  }
  return parts.join(' · ');
}

/** The query fields a filter adds to every ListTickets of the explorer. */
export function filterQueryFields(filter: TicketFilter): { keyword?: string; startDate?: number; endDate?: number } {
  const fields: { keyword?: string; startDate?: number; endDate?: number } = {};
  if (filter.keyword) {
    fields.keyword = filter.keyword;
  }
  if (filter.startDate !== undefined && filter.endDate !== undefined) {
    fields.startDate = filter.startDate;
    fields.endDate = filter.endDate;
  }
  return fields;
}

/** A message when the keyword cannot be used (too long); undefined when it can. */
export function validateKeyword(text: string): string | undefined {
  if (text.trim().length > 100) {
    return t('Keep the keyword under 100 characters.');
  }
  return undefined;
}

export type DateRangeParse =
  { ok: true; range?: { startDate: number; endDate: number } } | { ok: false; message: string };

/** A day as typed: 2026-11-01, 2026/11/01 or 2026.11.01. */
const DAY = String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`;
/** Two days and what people put between them: to, .., ~, –, —, -, /, 至, a comma. */
const TWO_DAYS = new RegExp(String.raw`^(${DAY})\s*(?:\bto\b|\.\.|~|–|—|-|/|至|,)\s*(${DAY})$`, 'i');

/**
 * Parses a creation-date range as typed: "2026-11-01" (to today), "2026-11-01 to 2026-11-27" and the usual
 * variants ("..", "~", "–", " - ", "/", "至", ","); empty means no range. Days are whole local days (start 00:00,
 * end 23:59:59.999).
 */
export function parseDateRange(text: string, nowMs: number): DateRangeParse {
  const trimmed = text.trim();
  if (!trimmed) {
    return { ok: true };
  }
  const two = TWO_DAYS.exec(trimmed);
  const parts = two ? [two[1], two[2]] : trimmed.split(/\s*(?:\.\.|\bto\b|~|—|–|至)\s*/i).filter(Boolean);
  if (parts.length > 2) {
    return { ok: false, message: t('Type one date, or two dates like 2026-11-01 to 2026-11-27.') };
  }
  const start = parseDay(parts[0]);
  if (start === undefined) {
    return { ok: false, message: t('"{0}" is not a date like 2026-11-01.', parts[0].slice(0, 40)) };
  }
  let end: number;
  if (parts.length === 2) {
    const endDay = parseDay(parts[1]);
    if (endDay === undefined) {
      return { ok: false, message: t('"{0}" is not a date like 2026-11-27.', parts[1].slice(0, 40)) };
    }
    end = endOfDay(endDay);
  } else {
    end = nowMs;
  }
  if (start > nowMs) {
    return { ok: false, message: t('The range starts in the future.') };
  }
  if (end < start) {
    return { ok: false, message: t('The range ends before it starts.') };
  }
  return { ok: true, range: { startDate: start, endDate: end } };
}

export type DatePreset = 'any' | 'last7' | 'last30' | 'last90' | 'last365';

export const DATE_PRESETS: ReadonlyArray<{ preset: DatePreset; days?: number }> = [
  { preset: 'any' },
  { preset: 'last7', days: 7 },
  { preset: 'last30', days: 30 },
  { preset: 'last90', days: 90 },
  { preset: 'last365', days: 365 },
];

/** A preset's name in the display language. */
export function presetLabel(preset: DatePreset): string {
  switch (preset) {
    case 'any':
      return t('Any time');
    case 'last7':
      return t('Last 7 days');
    case 'last30':
      return t('Last 30 days');
    case 'last90':
      return t('Last 90 days');
    case 'last365':
      return t('Last 12 months');
  }
}

export function presetRange(preset: DatePreset, nowMs: number): { startDate: number; endDate: number } | undefined {
  const days = DATE_PRESETS.find((p) => p.preset === preset)?.days;
  return days ? { startDate: nowMs - days * DAY_MS, endDate: nowMs } : undefined;
}

/** Local midnight of a YYYY-MM-DD day, or undefined when it is not a real date. */
function parseDay(text: string): number | undefined {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day || year < 2000) {
    return undefined;
  }
  return date.getTime();
}

function endOfDay(dayStart: number): number {
  const date = new Date(dayStart);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() - 1;
}

function formatDay(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(ms),
  );
}

/** A filter from an untrusted command argument: known fields of the right types only; undefined when unusable. */
export function toFilter(value: unknown): TicketFilter | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const raw = value as Record<string, unknown>;
  const names = new Set<string>(Object.values(STATUS_NAMES));
  const filter: TicketFilter = {};
  if (Array.isArray(raw.statuses)) {
    const statuses = raw.statuses.filter((s): s is StatusName => typeof s === 'string' && names.has(s));
    if (statuses.length) filter.statuses = statuses;
  }
  if (typeof raw.keyword === 'string' && raw.keyword.trim() && !validateKeyword(raw.keyword))
    filter.keyword = raw.keyword.trim();
  if (typeof raw.startDate === 'number' && typeof raw.endDate === 'number' && raw.startDate <= raw.endDate) {
    filter.startDate = raw.startDate;
    filter.endDate = raw.endDate;
  }
  return filter;
}
