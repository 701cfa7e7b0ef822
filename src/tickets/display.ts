// Presentation helpers shared by the explorer and the hovers. No vscode import: icons and colours are ids that the
// vscode-facing code turns into ThemeIcon / ThemeColor, so all of this is unit-testable in plain Node.
import { displayLanguage, t } from '../common/l10n';
import { renderText } from '../api/messageText';
import {
  SEVERITY_TEXT,
  STATUS_NAMES,
  STATUS_TEXT,
  type SeverityValue,
  type StatusName,
  type StatusValue,
  type TicketSeverity,
  type TicketStatus,
} from '../api/types';
import {
  COMPLETED,
  needsYou,
  SEVERITY_URGENT,
  SEVERITY_COMMON,
  toStatusValue,
  TO_BE_CONFIRMED,
  WAITING_FOR_YOU,
} from './status';

export interface StatusLook {
  value: StatusValue;
  name: StatusName;
  /** Our label, in the display language (never the server's, which speaks the account's language). */
  label: string;
  /** Codicon id. */
  icon: string;
  /** Theme colour id. */
  color: string;
  /** The user is the one who has to act. */
  needsYou: boolean;
}

// "Waiting for your feedback" is the one status where support waits on the user: it gets a bell and the warning
// colour (its place first and its meaning are in status.ts). "To be confirmed" also asks the user, not blocking.
const LOOKS: Record<StatusValue, { icon: string; color: string }> = {
  1: { icon: 'circle-large-outline', color: 'charts.blue' },
  2: { icon: 'sync', color: 'charts.blue' },
  [WAITING_FOR_YOU]: { icon: 'bell-dot', color: 'list.warningForeground' },
  4: { icon: 'comment', color: 'charts.purple' },
  [TO_BE_CONFIRMED]: { icon: 'question', color: 'charts.yellow' },
  [COMPLETED]: { icon: 'pass', color: 'charts.green' },
};

/**
 * An answer from support not seen yet: the Inbox's rows, and a ticket's row in the Tickets view in place of its status
 * icon, so one mark means one thing and an icon is never cut off.
 */
export const UNSEEN_ANSWER_ICON = { id: 'comment-unresolved', color: 'charts.orange' } as const;

export function statusLook(value: number): StatusLook {
  const v = toStatusValue(value);
  return { value: v, name: STATUS_NAMES[v], label: statusLabel(v), ...LOOKS[v], needsYou: needsYou(v) };
}

/**
 * Our name of a status value in the display language. The server's label is not used: it comes in the account's
 * language (Chinese for a China-site account), so it would mix languages on one screen.
 */
export function statusLabel(value: StatusValue): string {
  return renderText(STATUS_TEXT[value], t);
}

/** Our name of a severity value in the display language (not the server's label, as for statuses). */
export function severityLabel(value: SeverityValue): string {
  return renderText(SEVERITY_TEXT[value], t);
}

/** The status's name in the display language (statusLabel), "Unknown status" when there is none. */
export function statusText(status: TicketStatus | undefined): string {
  return status ? statusLabel(toStatusValue(status.value)) : t('Unknown status');
}

/** The severity's name in the display language (severityLabel); anything but urgent reads as common. */
export function severityText(severity: TicketSeverity | undefined): string {
  return severityLabel(severity?.value === SEVERITY_URGENT ? SEVERITY_URGENT : SEVERITY_COMMON);
}

/** How long a title may be wherever it shows (tree label, tooltip, hover). */
export const TITLE_MAX_LENGTH = 200;

/**
 * A ticket title made safe for one surface (a function of common/untrustedText.ts), cut to TITLE_MAX_LENGTH;
 * "(no title)" when empty.
 */
export function titleText(title: string | undefined, forSurface: (text: string, maxLength: number) => string): string {
  return forSurface(title ?? '', TITLE_MAX_LENGTH) || forSurface(t('(no title)'), TITLE_MAX_LENGTH);
}

/**
 * What leads a tree row that stands for a ticket ("0005PYGCW · 3d · "), before its title or an answer's first line.
 * A sidebar cuts a row from its end (the label first, then the description after it), and a long title took the
 * whole usual width, so the id and age, the two things that tell tickets apart and say how old they are, were the
 * ones cut. Short and of nearly fixed width, they go first, as issue trackers put the key before the summary; the
 * long text loses its end instead. The age is left out while unknown.
 */
export function rowLead(ticketId: string, age: string): string {
  return age ? `${ticketId} · ${age} · ` : `${ticketId} · `;
}

/** Compact age for tree rows: "now", "5m", "3h", "2d", "6w", "4mo", "2y" (刚刚, 5分钟, 3小时… in Chinese). */
export function formatAge(timeMs: number, nowMs: number): string {
  if (!Number.isFinite(timeMs) || timeMs <= 0) {
    return '';
  }
  const minutes = Math.max(0, Math.floor((nowMs - timeMs) / 60_000));
  if (minutes < 1) return t('now');
  if (minutes < 60) return t('{0}m', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('{0}h', hours);
  const days = Math.floor(hours / 24);
  if (days < 14) return t('{0}d', days);
  if (days < 60) return t('{0}w', Math.floor(days / 7));
  if (days < 365) return t('{0}mo', Math.floor(days / 30));
  return t('{0}y', Math.floor(days / 365));
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

// Intl formatters are slow to build (tens of µs) and hovers are hot: build each once per language, on first use
// (creating the first one loads ICU data, which cost activation more than everything else together when it ran at
// module load).
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(): Intl.RelativeTimeFormat {
  const language = displayLanguage();
  let format = relativeFormats.get(language);
  if (!format) {
    try {
      format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    } catch {
      // A tag Intl does not accept: English rather than no age at all.
      format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    }
    relativeFormats.set(language, format);
  }
  return format;
}
const localFormats = new Map<string, Intl.DateTimeFormat>();

/** "3 days ago", "yesterday", "just now" ("3天前", "昨天", "刚刚"), in the display language; empty for a missing time. */
export function formatRelativeTime(timeMs: number, nowMs: number): string {
  if (!Number.isFinite(timeMs) || timeMs <= 0) {
    return '';
  }
  const delta = timeMs - nowMs;
  if (Math.abs(delta) < 60_000) {
    return t('just now');
  }
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(delta) >= size) {
      return relativeFormat().format(Math.trunc(delta / size), unit);
    }
  }
  return t('just now');
}

/** "2026-11-27 19:31" in the given time zone (undefined: this machine's); empty for a missing time. */
export function formatLocalTime(timeMs: number, timeZone?: string): string {
  if (!Number.isFinite(timeMs) || timeMs <= 0) {
    return '';
  }
  let format = localFormats.get(timeZone ?? '');
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    localFormats.set(timeZone ?? '', format);
  }
  const parts = format.formatToParts(new Date(timeMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * Builds the formatters a ticket page's times need, ahead of the first page: the first date format with a time zone
 * loads ICU's zone data (20–30 ms of the extension host's CPU here), which the first panel of a window would otherwise
 * pay while the window is making its webview on the same cores.
 */
export function prepareTimeFormats(nowMs = Date.now()): void {
  formatLocalTime(nowMs);
  formatRelativeTime(nowMs - 3_600_000, nowMs);
}

/** A command URI with JSON arguments, as markdown links and document links need it. */
export function commandUri(command: string, args: unknown[] = []): string {
  // l10n-exempt: a URI, not words.
  return args.length ? `command:${command}?${encodeURIComponent(JSON.stringify(args))}` : `command:${command}`;
}
