// The local search index: titles, descriptions and conversation text of every ticket read for the account shown
// (from the last-known copies, tickets/lastKnown.ts), searched in memory. Text is folded once when a ticket is
// (re)indexed: lower case and full-width Latin to ASCII, one UTF-16 unit for one, so a match's offsets in the folded
// text are its offsets in the original. A query matches a document that holds every one of its words; Chinese text
// needs no word breaks (words are substrings). No vscode import.
import type { TicketNote } from '../../api/types';
import type { KnownTicket } from '../../tickets/lastKnown';

export type SearchField = 'title' | 'description' | 'note';

export interface SearchDocument {
  ticketId: string;
  title: string;
  field: SearchField;
  /** The note's DialogId (field 'note'). */
  dialogId?: string;
  author?: string;
  text: string;
  /** When it was written (epoch ms; the ticket's creation for its title and description). */
  time: number;
}

export interface SearchHit {
  doc: SearchDocument;
  /** The line that matched, one line of plain text around the first match. */
  line: string;
  /** Ranges [start, end) of the query's words in `line`. */
  highlights: Array<[number, number]>;
  score: number;
}

interface Indexed {
  doc: SearchDocument;
  folded: string;
}

/** A title match outranks a description match, which outranks a note. */
const FIELD_WEIGHT: Record<SearchField, number> = { title: 3, description: 2, note: 1 };
/** How much of the line around the match is shown. */
const CONTEXT_BEFORE = 30;
const LINE_LENGTH = 140;

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;

/** Lower case and full-width ASCII folded, keeping one unit per unit (offsets stay valid). */
export function fold(text: string): string {
  let lower = text.toLowerCase();
  // Lower-casing never shortens; the same length means every unit stayed one unit. Otherwise (İ and a few others
  // grow) fold unit by unit, keeping a unit that would grow as it is.
  if (lower.length !== text.length) {
    lower = '';
    for (const c of text) {
      const l = c.toLowerCase();
      lower += l.length === c.length ? l : c;
    }
  }
  return lower.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** The query's words, folded; empty when there is nothing to search for. */
export function queryTerms(query: string): string[] {
  return [...new Set(fold(query).split(/\s+/).filter(Boolean))];
}

/** The documents of one known ticket (notes sent as confidential are already left out of the copy). */
export function documentsOf(known: KnownTicket): SearchDocument[] {
  const title = known.ticket?.title ?? '';
  const created = known.ticket?.createTime ?? 0;
  const docs: SearchDocument[] = [];
  if (title) docs.push({ ticketId: known.ticketId, title, field: 'title', text: title, time: created });
  if (known.ticket?.description)
    docs.push({ ticketId: known.ticketId, title, field: 'description', text: known.ticket.description, time: created });
  for (const note of known.notes ?? []) docs.push(noteDocument(known.ticketId, title, note));
  return docs;
}

function noteDocument(ticketId: string, title: string, note: TicketNote): SearchDocument {
  return {
    ticketId,
    title,
    field: 'note',
    dialogId: note.dialogId,
    author: note.userName,
    text: note.content,
    time: note.createTime,
  };
}

export class SearchIndex {
  private readonly byTicket = new Map<string, Indexed[]>();

  /** Replaces what is indexed of this ticket. */
  setTicket(ticketId: string, docs: readonly SearchDocument[]): void {
    if (docs.length === 0) this.byTicket.delete(ticketId);
    else
      this.byTicket.set(
        ticketId,
        docs.map((doc) => ({ doc, folded: fold(doc.text) })),
      );
  }

  clear(): void {
    this.byTicket.clear();
  }

  get size(): number {
    let n = 0;
    for (const docs of this.byTicket.values()) n += docs.length;
    return n;
  }

  /** Documents holding every word of the query, best first: field, the whole phrase, then the newest. */
  search(query: string, limit = 100): SearchHit[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    const phrase = fold(query.trim());
    const found: Array<{ doc: SearchDocument; at: number; score: number }> = [];
    for (const docs of this.byTicket.values()) {
      for (const { doc, folded } of docs) {
        const at = firstOfAll(folded, terms);
        if (at < 0) continue;
        const exact = terms.length > 1 && folded.includes(phrase);
        found.push({ doc, at, score: FIELD_WEIGHT[doc.field] * 10 + (exact ? 5 : 0) });
      }
    }
    found.sort((a, b) => b.score - a.score || b.doc.time - a.doc.time || a.doc.ticketId.localeCompare(b.doc.ticketId));
    // Only the hits shown get their line cut out.
    return found.slice(0, limit).map(({ doc, at, score }) => ({ doc, score, ...matchLine(doc.text, at, terms) }));
  }
}

/** Where the earliest of the words is, when every one of them is in the text; -1 otherwise. */
function firstOfAll(folded: string, terms: readonly string[]): number {
  let first = -1;
  for (const term of terms) {
    const at = folded.indexOf(term);
    if (at < 0) return -1;
    if (first < 0 || at < first) first = at;
  }
  return first;
}

/** The line around offset `at`, one line of plain text, with the query's words marked. */
export function matchLine(text: string, at: number, terms: readonly string[]): Pick<SearchHit, 'line' | 'highlights'> {
  const lineStart = Math.max(text.lastIndexOf('\n', at - 1) + 1, 0);
  const lineEndRaw = text.indexOf('\n', at);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const start = Math.max(lineStart, at - CONTEXT_BEFORE);
  const end = Math.min(lineEnd, start + LINE_LENGTH);
  // Controls and bidi characters become spaces one for one (offsets stay), then the cut is marked.
  const body = text
    .slice(start, end)
    .replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g, ' ');
  const prefix = start > lineStart ? '…' : '';
  const line = `${prefix}${body}${end < lineEnd ? '…' : ''}`;
  const folded = fold(line);
  const highlights: Array<[number, number]> = [];
  for (const term of terms) {
    for (let i = folded.indexOf(term); i >= 0; i = folded.indexOf(term, i + term.length)) {
      highlights.push([i, i + term.length]);
    }
  }
  highlights.sort((a, b) => a[0] - b[0]);
  return { line, highlights: mergeRanges(highlights) };
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
