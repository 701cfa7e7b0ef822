// The tickets this workspace's code waits on: the ticket ids written in its files ("until ticket 0005PYGCW is
// fixed"), found with the hovers' own detection (aliyunTickets.idPattern, hover.requireContext), grouped by ticket,
// and the status of each asked for with one ListTickets per REFERENCE_BATCH ids. No vscode import.
import { findTicketIds, type IdDetectionOptions } from '../hover/idDetection';
import { normalizeTicketId, isTicketIdShape } from '../../tickets/ticketId';
import type { TicketSummary } from '../../api/types';

/** ListTickets answers at most 100 tickets a page: the most ids one request can ask about. */
export const REFERENCE_BATCH = 100;
/** Files read per scan, and the largest file read: a workspace of generated files costs a bounded scan. */
export const MAX_SCANNED_FILES = 5000;
export const MAX_FILE_BYTES = 1_000_000;
/** References kept per file (a generated list of ids is not a workaround to revisit). */
const MAX_REFERENCES_PER_FILE = 200;

export interface TicketReference {
  ticketId: string;
  /** 0-based line and character offsets of the id. */
  line: number;
  start: number;
  end: number;
}

/** Every ticket id written in `text`, line by line (each line with the hovers' length guard). */
export function referencesInText(text: string, options: IdDetectionOptions): TicketReference[] {
  const out: TicketReference[] = [];
  const lines = text.split(/\r?\n/);
  for (let line = 0; line < lines.length && out.length < MAX_REFERENCES_PER_FILE; line++) {
    for (const match of findTicketIds(lines[line], options)) {
      const ticketId = normalizeTicketId(match.ticketId);
      if (isTicketIdShape(ticketId)) out.push({ ticketId, line, start: match.start, end: match.end });
    }
  }
  return out;
}

/** Text that is not worth reading for ids: a NUL byte in its first 8 KB means a binary file. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/** The ids in groups of at most `size`, each group one ListTickets. */
export function batches(ids: readonly string[], size = REFERENCE_BATCH): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** Where one ticket is referenced: each file (workspace-relative path) and its references there. */
export interface ReferencedTicket {
  ticketId: string;
  /** Undefined until the server answered; null when it did not list the ticket (not this account's, or no such id). */
  summary: TicketSummary | null | undefined;
  /** Each file (its key, the URI, and its workspace-relative path) and the references in it. */
  places: Array<{ key: string; file: string; references: TicketReference[] }>;
}

/** The references of every file, by file key (its URI), and the status of every ticket referenced. */
export class ReferenceIndex {
  private readonly files = new Map<string, { label: string; references: TicketReference[] }>();
  private readonly summaries = new Map<string, TicketSummary | null>();

  /** Replaces what is known of one file (no references: the file is forgotten). */
  setFile(key: string, label: string, references: TicketReference[]): void {
    if (references.length) this.files.set(key, { label, references });
    else this.files.delete(key);
  }

  clearFiles(): void {
    this.files.clear();
  }

  /** Forgets the statuses (another account: its tickets are not this one's). */
  clearStatuses(): void {
    this.summaries.clear();
  }

  /** The ids referenced anywhere, sorted. */
  ticketIds(): string[] {
    const ids = new Set<string>();
    for (const file of this.files.values()) for (const r of file.references) ids.add(r.ticketId);
    return [...ids].sort();
  }

  /** Ids whose status is not known yet. */
  unknownIds(): string[] {
    return this.ticketIds().filter((id) => !this.summaries.has(id));
  }

  /** What one ListTickets answered for `asked`: the listed ones with their status, the others as not listed. */
  setSummaries(asked: readonly string[], listed: readonly TicketSummary[]): void {
    const byId = new Map(listed.map((s) => [normalizeTicketId(s.ticketId), s]));
    for (const id of asked) this.summaries.set(id, byId.get(id) ?? null);
  }

  summary(ticketId: string): TicketSummary | null | undefined {
    return this.summaries.get(ticketId);
  }

  /** Each referenced ticket with its places, in id order; files in path order. */
  tickets(): ReferencedTicket[] {
    const byId = new Map<string, ReferencedTicket>();
    const files = [...this.files.entries()].sort((a, b) => a[1].label.localeCompare(b[1].label));
    for (const [key, file] of files) {
      for (const r of file.references) {
        let entry = byId.get(r.ticketId);
        if (!entry) {
          entry = { ticketId: r.ticketId, summary: this.summaries.get(r.ticketId), places: [] };
          byId.set(r.ticketId, entry);
        }
        const place = entry.places.find((p) => p.key === key);
        if (place) place.references.push(r);
        else entry.places.push({ key, file: file.label, references: [r] });
      }
    }
    return [...byId.values()].sort((a, b) => a.ticketId.localeCompare(b.ticketId));
  }

  /** The references in one file, each with its ticket's status when known. */
  referencesIn(key: string): Array<TicketReference & { summary: TicketSummary | null | undefined }> {
    return (this.files.get(key)?.references ?? []).map((r) => ({ ...r, summary: this.summaries.get(r.ticketId) }));
  }

  fileKeys(): string[] {
    return [...this.files.keys()];
  }
}
