// One result list for Search Tickets…: the local index's hits (titles, descriptions, conversations of tickets read
// for this account) and the server's Keyword search (descriptions of tickets not read yet), as quick-pick rows. Each
// row names the ticket and where it matched; picking it opens the panel scrolled there. No vscode import.
import type { TicketSummary } from '../../api/types';
import { t } from '../../common/l10n';
import { quickPickText } from '../../common/untrustedText';
import { formatAge, titleText } from '../../tickets/display';
import { fold, type SearchHit } from './searchIndex';

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
      label: prefix + titleText(summary.title, (text) => quickPickText(text, 120)),
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
  // The line as the quick pick's rules want it (icons broken, invisible characters gone): the words are marked
  // again in that text.
  const line = quickPickText(hit.line, 160);
  const words = hit.highlights.map(([s, e]) => fold(hit.line.slice(s, e)));
  const ticket = `${doc.ticketId} ${titleText(doc.title, (text) => quickPickText(text, 80))}`;
  const where =
    doc.field === 'note'
      ? [quickPickText(doc.author ?? '', 60) || t('Support'), formatAge(doc.time, nowMs)].filter(Boolean).join(' · ')
      : doc.field === 'description'
        ? t('Description')
        : t('Title');
  return {
    label: prefix + line,
    description: where,
    detail: doc.field === 'title' ? doc.ticketId : ticket,
    ticketId: doc.ticketId,
    ...(doc.field === 'note' ? { focus: doc.dialogId ?? '' } : doc.field === 'description' ? { focus: '' } : {}),
    highlights: findAll(fold(line), words).map(([s, e]) => [prefix.length + s, prefix.length + e]),
  };
}

/** Where each word occurs in the text, in order, overlapping ranges merged. */
function findAll(text: string, words: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const word of new Set(words)) {
    if (!word) continue;
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) ranges.push([i, i + word.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}
