// Time shown in the details panel: absolute in the user's local time and relative ("3 hours ago").

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday", "just now"; empty for a missing or invalid time. */
export function formatRelative(timeMs: number, nowMs: number, locale = 'en'): string {
  if (!Number.isFinite(timeMs) || timeMs <= 0) return '';
  const delta = timeMs - nowMs;
  const abs = Math.abs(delta);
  if (abs < 45_000) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'minute') return format.format(Math.round(delta / size), unit);
  }
  return '';
}

/** "2026-11-27 19:31" style local time (timeZone undefined = the machine's zone); empty for a missing time. */
export function formatLocal(timeMs: number, timeZone?: string, locale = 'en-CA'): string {
  if (!Number.isFinite(timeMs) || timeMs <= 0) return '';
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(timeMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
