// A saved query from the team file as the Tickets view's filter: its statuses, keyword and creation dates, the dates
// read when it is applied ("last30" is the last 30 days from now). No vscode import: unit-tested in plain Node.
import { t } from '../../common/l10n';
import { DATE_PRESETS, parseDateRange, presetRange, type DatePreset, type TicketFilter } from '../explorer/filter';
import type { SavedQuery } from './teamFile';

export type QueryFilter = { ok: true; filter: TicketFilter } | { ok: false; message: string };

export function savedQueryFilter(query: SavedQuery, nowMs: number): QueryFilter {
  const filter: TicketFilter = {
    ...(query.statuses?.length ? { statuses: [...query.statuses] } : {}),
    ...(query.keyword ? { keyword: query.keyword } : {}),
  };
  const created = query.created?.trim();
  if (!created) return { ok: true, filter };
  const preset = DATE_PRESETS.find((p) => p.preset === created.toLowerCase())?.preset as DatePreset | undefined;
  if (preset) return { ok: true, filter: { ...filter, ...(presetRange(preset, nowMs) ?? {}) } };
  const parsed = parseDateRange(created, nowMs);
  if (!parsed.ok) return { ok: false, message: t('Saved query “{0}”: {1}', query.name, parsed.message) };
  return { ok: true, filter: { ...filter, ...(parsed.range ?? {}) } };
}
