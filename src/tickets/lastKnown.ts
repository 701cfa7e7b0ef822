// The last-known ticket: what the server last said about a ticket (its details and conversation) and when, per
// account. One source for everything that shows a ticket without asking first: the panel painting at once, a ticket
// opened while the network or server fails ("Offline: as of 14:02"), the search index and the inbox after a reload,
// and the Tickets view's last list (a window opened offline shows it; explorer/savedLists.ts says what it holds).
// Fed by what the ticket service already read (no request of its own). Notes sent as confidential are never kept, and
// with the local copy turned off nothing is written to disk (memory only). A change is written at once (changes made
// while a write is under way go in the next one): a window reloaded or closed right after reading a ticket must find
// it, and the extension host is stopped a moment after the window goes. No vscode import.
import type { Ticket, TicketNote } from '../api/types';
import { Emitter } from '../common/emitter';
import type { AccountData, AccountDocuments } from './accountFiles';

export interface KnownTicket {
  ticketId: string;
  /** The title from a list, when the ticket itself was not read (the watcher reads only lists and notes). */
  title?: string;
  ticket?: Ticket;
  notes?: TicketNote[];
  /** When the server last answered for this ticket (epoch ms). */
  savedAt: number;
}

export interface LastKnownOptions {
  data: AccountData;
  /** The setting: keep a copy on disk. Off: memory only, and the files already written are removed. */
  keepLocalCopy: () => boolean;
  now?: () => number;
}

const PREFIX = 'ticket-';
const CONFIDENTIAL = 'confidential';
/**
 * The Tickets view's last list (ids, titles and statuses; no conversation). Named under PREFIX so that turning the local
 * copy off removes it with the tickets; readAll skips it.
 */
const LIST = PREFIX + 'list';
/** Dialog ids of confidential replies remembered (only ids: enough to leave those notes out). */
const MAX_CONFIDENTIAL = 2000;

export class LastKnownTickets {
  private account: string | undefined;
  private tickets = new Map<string, KnownTicket>();
  private confidential = new Set<string>();
  /** Titles seen in lists (memory only): a ticket known by its notes alone gets its title from here. */
  private titles = new Map<string, string>();
  /** The Tickets view's last list, as saved (memory: this window's; else read from disk once). */
  private list: { value: unknown } | undefined;
  private loading: Promise<void> | undefined;
  /** The read of the account's files while it is under way. */
  private readUnderWay: Promise<void> | undefined;
  private readonly pending = new Map<string, { account: string; ticketId: string }>();
  /** The writes under way: they go on until nothing is pending. */
  private writing: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly changes = new Emitter<string | undefined>();
  /** A ticket's known content changed (undefined: all of it, e.g. another account). */
  readonly onDidChange = this.changes.event;

  constructor(private readonly options: LastKnownOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The known tickets of the account shown, loaded from its files once. */
  load(): Promise<void> {
    const account = this.sync();
    if (!account) return Promise.resolve();
    // Local copy off: nothing is read from disk, and what an earlier session wrote goes.
    if (!this.options.keepLocalCopy()) return this.removeLocalCopy();
    if (!this.loading) {
      const loading = (this.loading = this.readAll(account));
      this.readUnderWay = loading;
      const done = () => {
        if (this.readUnderWay === loading) this.readUnderWay = undefined;
      };
      loading.then(done, done);
    }
    return this.loading;
  }

  get(ticketId: string): KnownTicket | undefined {
    this.sync();
    return this.tickets.get(ticketId);
  }

  /** Resolves when the account's files are read; undefined when no read is under way. */
  reading(): Promise<void> | undefined {
    this.sync();
    return this.readUnderWay;
  }

  /** Creation times of the tickets known (the Tickets view's ages): in memory now, and a read under way. */
  createTimes() {
    return {
      peek: (ticketId: string) => this.get(ticketId)?.ticket?.createTime,
      reading: () => this.reading(),
    };
  }

  all(): KnownTicket[] {
    this.sync();
    return [...this.tickets.values()];
  }

  /** A list page: titles for the tickets known by their notes alone. */
  rememberTitles(summaries: ReadonlyArray<{ ticketId: string; title: string }>): void {
    if (!this.sync()) return;
    for (const { ticketId, title } of summaries) {
      this.titles.set(ticketId, title);
      const known = this.tickets.get(ticketId);
      if (known && !known.ticket && known.title !== title)
        this.update(ticketId, (k) => ({ ...k, title }), known.savedAt);
    }
  }

  rememberTicket(ticketId: string, ticket: Ticket): void {
    this.update(ticketId, (known) => ({ ...known, ticket }));
  }

  rememberNotes(ticketId: string, notes: readonly TicketNote[]): void {
    this.update(ticketId, (known) => ({ ...known, notes: notes.filter((n) => !this.confidential.has(n.dialogId)) }));
  }

  /** The user sent this note as confidential: it is dropped from the copy and never kept. */
  async markConfidential(ticketId: string, dialogId: string): Promise<void> {
    const account = this.sync();
    if (!account || !dialogId) return;
    this.confidential.add(dialogId);
    const known = this.tickets.get(ticketId);
    if (known?.notes?.some((n) => n.dialogId === dialogId)) {
      this.tickets.set(ticketId, { ...known, notes: known.notes.filter((n) => n.dialogId !== dialogId) });
      this.schedule(account, ticketId);
    }
    // Only the ids go to disk (never the text), so the next window leaves these notes out too.
    await this.documents(account)
      ?.write(CONFIDENTIAL, [...this.confidential].slice(-MAX_CONFIDENTIAL))
      .catch(() => undefined);
  }

  /** The Tickets view's last list of the account shown, as saved (checked by its reader), or undefined. */
  async readList(): Promise<unknown> {
    const account = this.sync();
    if (!account) return undefined;
    if (!this.list && this.options.keepLocalCopy()) {
      const value = await this.documents(account)
        ?.read(LIST)
        .catch(() => undefined);
      if (account === this.account) this.list ??= { value };
    }
    return this.list?.value;
  }

  /** The Tickets view loaded this list: kept for a window that opens offline (written only with the local copy on). */
  async saveList(value: unknown): Promise<void> {
    const account = this.sync();
    if (!account) return;
    this.list = { value };
    if (this.options.keepLocalCopy())
      await this.documents(account)
        ?.write(LIST, value)
        .catch(() => undefined);
  }

  /** The user sent this note as confidential (from this computer: the server's notes do not say). */
  isConfidential(dialogId: string): boolean {
    return this.sync() !== undefined && this.confidential.has(dialogId);
  }

  /** Resolves once every change made so far is on disk (tests, deactivation). */
  flush(): Promise<void> {
    if (this.pending.size) this.writing ??= this.writePending();
    return this.writing ?? Promise.resolve();
  }

  /** The local copy was turned off: the files of the account shown go; memory keeps serving this window. */
  async removeLocalCopy(): Promise<void> {
    const account = this.sync();
    this.pending.clear();
    if (!account) return;
    const documents = this.options.data.documents(account);
    for (const name of await documents.names()) if (name.startsWith(PREFIX)) await documents.remove(name);
  }

  dispose(): void {
    void this.flush();
    this.changes.dispose();
  }

  /** savedAt: when the server said this (default now). */
  private update(ticketId: string, change: (known: KnownTicket) => KnownTicket, savedAt = this.now()): void {
    const account = this.sync();
    if (!account) return;
    const title = this.titles.get(ticketId);
    const known = this.tickets.get(ticketId) ?? { ticketId, savedAt: 0, ...(title ? { title } : {}) };
    this.tickets.set(ticketId, { ...change(known), ticketId, savedAt });
    this.schedule(account, ticketId);
    this.changes.fire(ticketId);
  }

  private schedule(account: string, ticketId: string): void {
    if (!this.options.keepLocalCopy()) return;
    this.pending.set(`${account}\n${ticketId}`, { account, ticketId });
    void this.flush();
  }

  /** Writes the pending tickets one by one, the latest content of each, until none is left. */
  private async writePending(): Promise<void> {
    // What the same task remembers (a ticket and its notes, a list page's titles) goes in this round.
    await Promise.resolve();
    try {
      for (let next = this.pending.entries().next(); !next.done; next = this.pending.entries().next()) {
        const [key, { account, ticketId }] = next.value;
        // The account's files are read (and merged into memory) before the first write replaces one of them: a ticket
        // fetched again right after a reload must not overwrite the conversation its file kept.
        if (account === this.account) await this.load();
        this.pending.delete(key);
        const documents = this.documents(account);
        const known = account === this.account ? this.tickets.get(ticketId) : undefined;
        if (documents && known) await documents.write(PREFIX + ticketId, known).catch(() => undefined);
      }
    } finally {
      this.writing = undefined;
    }
  }

  /** Follows the account shown: another account's tickets are never served. */
  private sync(): string | undefined {
    const account = this.options.data.activeId();
    if (account !== this.account) {
      this.account = account;
      this.tickets = new Map();
      this.confidential = new Set();
      this.titles = new Map();
      this.list = undefined;
      this.loading = undefined;
      this.readUnderWay = undefined;
      this.changes.fire(undefined);
    }
    return account;
  }

  private documents(account: string): AccountDocuments | undefined {
    try {
      return this.options.data.documents(account);
    } catch {
      return undefined;
    }
  }

  private async readAll(account: string): Promise<void> {
    const documents = this.documents(account);
    if (!documents) return;
    const ids = await documents.read(CONFIDENTIAL);
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') this.confidential.add(id);
    for (const name of await documents.names()) {
      if (!name.startsWith(PREFIX) || name === LIST) continue;
      const known = parseKnown(await documents.read(name), name.slice(PREFIX.length));
      if (!known || account !== this.account) continue;
      if (known.notes) known.notes = known.notes.filter((n) => !this.confidential.has(n.dialogId));
      // What this window read meanwhile is fresher and wins, part by part: a ticket fetched again keeps the
      // conversation the file holds until the conversation is fetched too.
      const fresher = this.tickets.get(known.ticketId);
      this.tickets.set(known.ticketId, fresher ? mergeKnown(fresher, known) : known);
    }
    this.changes.fire(undefined);
  }
}

/** The fresher copy, with the parts it lacks (the ticket, the conversation, the title) taken from the older one. */
function mergeKnown(fresher: KnownTicket, older: KnownTicket): KnownTicket {
  const title = fresher.title ?? older.title;
  const ticket = fresher.ticket ?? older.ticket;
  const notes = fresher.notes ?? older.notes;
  return {
    ticketId: fresher.ticketId,
    savedAt: fresher.savedAt,
    ...(title !== undefined ? { title } : {}),
    ...(ticket ? { ticket } : {}),
    ...(notes ? { notes } : {}),
  };
}

/** A stored document, checked field by field (a file from another version or a damaged one is skipped). */
export function parseKnown(value: unknown, ticketId: string): KnownTicket | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.ticketId !== ticketId || typeof v.savedAt !== 'number') return undefined;
  const ticket = isTicket(v.ticket, ticketId) ? v.ticket : undefined;
  const notes = Array.isArray(v.notes) ? v.notes.filter(isNote) : undefined;
  const title = typeof v.title === 'string' ? v.title : undefined;
  return {
    ticketId,
    savedAt: v.savedAt,
    ...(title !== undefined ? { title } : {}),
    ...(ticket ? { ticket } : {}),
    ...(notes ? { notes } : {}),
  };
}

function isTicket(value: unknown, ticketId: string): value is Ticket {
  if (!value || typeof value !== 'object') return false;
  const t = value as Record<string, unknown>;
  return t.ticketId === ticketId && typeof t.title === 'string' && !!t.status && typeof t.status === 'object';
}

function isNote(value: unknown): value is TicketNote {
  if (!value || typeof value !== 'object') return false;
  const n = value as Record<string, unknown>;
  return (
    typeof n.dialogId === 'string' &&
    typeof n.content === 'string' &&
    typeof n.createTime === 'number' &&
    typeof n.userName === 'string' &&
    typeof n.userRole === 'number' &&
    Array.isArray(n.attachments)
  );
}
