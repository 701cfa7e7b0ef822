// One result list for Search Tickets…: the local index's hits (titles, descriptions, conversations of tickets read
// for this account) and the server's Keyword search (descriptions of tickets not read yet), as quick-pick rows. Each
// row names the ticket and where it matched; picking it opens the panel scrolled there. No vscode import.
import type { TicketSummary } from '../../api/types';
import { t } from '../../common/l10n';
import { formatAge, inlineNoIcons, titleText } from '../../tickets/display';
import type { SearchHit } from './searchIndex';

export interface SearchResult {
  label: string;
  description: string;
  detail?: string;
  ticketId: string;
  /** Where the panel scrolls: a note's DialogId, '' for the description, undefined for the top. */
  focus?: string;
  /** Ranges in `label` of the query's words (the quick pick marks the typed text itself as well). */
  highlights: Array<[number, number]>;
}

const ICONS = { title: '$(issues)', description: '$(note)', note: '$(comment)', server: '$(cloud)' } as const;

/** The local hits first (best first), then the server's matches for tickets the index has no hit for. */
export function searchResults(
  hits: readonly SearchHit[],
  server: readonly TicketSummary[],
  nowMs: number,
  limit = 100,
): SearchResult[] {
  const rows = hits.slice(0, limit).map((hit) => hitRow(hit, nowMs));
  const shown = new Set(hits.map((h) => h.doc.ticketId));
  for (const summary of server) {
    if (rows.length >= limit || shown.has(summary.ticketId)) continue;
    shown.add(summary.ticketId);
    const prefix = `${ICONS.server} `;
    rows.push({
      label: prefix + inlineNoIcons(titleText(summary.title), 120),
      description: summary.ticketId,
      detail: t('Its description matches (server search)'),
      ticketId: summary.ticketId,
      focus: '',
      highlights: [],
    });
  }
  return rows;
}

function hitRow(hit: SearchHit, nowMs: number): SearchResult {
  const { doc } = hit;
  const prefix = `${ICONS[doc.field]} `;
  // The line is already one line of plain text with offsets kept; only `$(` is broken (which keeps its length + 1).
  const line = inlineLine(hit.line);
  const ticket = `${doc.ticketId} ${inlineNoIcons(titleText(doc.title), 80)}`;
  const where =
    doc.field === 'note'
      ? [inlineNoIcons(doc.author ?? '', 60) || t('Support'), formatAge(doc.time, nowMs)].filter(Boolean).join(' · ')
      : doc.field === 'description'
        ? t('Description')
        : t('Title');
  return {
    label: prefix + line.text,
    description: where,
    detail: doc.field === 'title' ? doc.ticketId : ticket,
    ticketId: doc.ticketId,
    ...(doc.field === 'note' ? { focus: doc.dialogId ?? '' } : doc.field === 'description' ? { focus: '' } : {}),
    highlights: hit.highlights.map(([s, e]) => [prefix.length + line.shift(s), prefix.length + line.shift(e)]),
  };
}

/** `$(` broken by a zero-width joiner, with the offsets moved along. */
function inlineLine(line: string): { text: string; shift: (offset: number) => number } {
  const breaks: number[] = [];
  const text = line.replace(/\$\(/g, (_m, at: number) => (breaks.push(at), '$\u200D('));
  return { text, shift: (offset) => offset + breaks.filter((at) => at < offset).length };
}
