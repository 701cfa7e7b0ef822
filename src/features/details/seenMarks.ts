// Which answers from support the user has seen, per account, shared by every window of the profile: a small JSON file
// in the account's folder (tickets/accountFiles.ts), so an answer opened in one window leaves the Inbox of the others
// as soon as the file changes (a watch on the folder), and a window opened later reads it before it weighs any answer.
// globalState is not used: its changes reach other windows late or not at all. Marks only ever grow (each ticket's
// list and the number of tickets are capped by unread.ts), so a write merges what is on disk with what this window
// adds: two windows marking at once lose neither's marks. Marks an older version kept in the account's memento are
// read too, and moved into the file with the next write. No vscode import.
import { readFileSync, watch, type FSWatcher } from 'fs';
import * as path from 'path';
import type { AccountData } from '../../tickets/accountFiles';
import type { KeyValueStore } from '../../tickets/categoryNames';
import { MAX_PER_TICKET, MAX_TICKETS, SEEN_NOTES_KEY } from './unread';

/** ticketId -> dialog ids seen. */
export type SeenByTicket = Record<string, string[]>;

/** The file's name in the account's folder. */
export const SEEN_MARKS_FILE = 'seen-notes';

export interface SeenMarksOptions {
  data: AccountData;
  /** The account's folder (watched for the file's changes); undefined: not watched. */
  folder?: (accountId: string) => string;
  /** The signed-in account's memento, where an older version kept the marks (under unread.ts's SEEN_NOTES_KEY). */
  legacy?: () => KeyValueStore | undefined;
}

/** A KeyValueStore of one key (whatever its name): the seen marks of the account shown. */
export class SeenMarks implements KeyValueStore {
  private account: string | undefined;
  private marks: SeenByTicket = {};
  private watcher: FSWatcher | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  /**
   * Marks this window added that the file has not been seen to hold: two windows writing at once each read the file
   * before the other wrote, and the later write lacks the earlier one's marks. The next read of the file (its watch
   * fires on every write) writes what is missing again, until the file holds them.
   */
  private unsaved: SeenByTicket = {};
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: SeenMarksOptions) {}

  /** The marks of the account shown (its file read at the switch; another window's later marks: onDidChange). */
  get<T>(_key: string): T | undefined {
    this.sync();
    return union(this.marks, this.legacy()) as T;
  }

  /** Stores these marks with the ones on disk (another window's included); undefined is ignored. */
  async update(_key: string, value: unknown): Promise<void> {
    const account = this.sync();
    if (!account || !value || typeof value !== 'object') return;
    const added = without(parse(value), this.marks);
    this.marks = union(this.marks, added);
    this.unsaved = union(this.unsaved, added);
    await this.save(account);
    // The file holds them now: the memento's copy goes.
    const legacy = account === this.account ? this.options.legacy?.() : undefined;
    if (legacy?.get(SEEN_NOTES_KEY) !== undefined) await legacy.update(SEEN_NOTES_KEY, undefined);
  }

  /**
   * Reads the file again (another window may have written it); listeners hear of marks that came. Also called when
   * the accounts changed: a folder made after this window first showed the account is watched from then on.
   */
  refresh(): Promise<void> {
    const account = this.sync();
    if (!account) return Promise.resolve();
    this.watcher ??= this.watch(account);
    // A change while a read is under way is read again after it (that read may have found the file before it).
    this.readAgain = this.reading !== undefined;
    this.reading ??= (async () => {
      do {
        this.readAgain = false;
        await this.read(account);
      } while (this.readAgain && account === this.account);
    })().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** Marks changed from outside this window (another window, or the file read after a switch). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = undefined;
    this.listeners.clear();
  }

  private legacy(): SeenByTicket {
    return parse(this.options.legacy?.()?.get(SEEN_NOTES_KEY));
  }

  /** Follows the account shown: its file is read and watched; nothing of the previous one is kept. */
  private sync(): string | undefined {
    const account = this.options.data.activeId();
    if (account === this.account) return account;
    this.account = account;
    this.marks = {};
    this.unsaved = {};
    this.watcher?.close();
    this.watcher = undefined;
    if (account) {
      this.watcher = this.watch(account);
      // Read at once, not in the background: the first answers a window weighs (the Inbox filled from the last-known
      // copies, a panel restored by a reload) must not count as new what another window has already seen. The file is
      // small (unread.ts caps it).
      const stored = this.readNow(account);
      if (stored) this.marks = stored;
      else void this.refresh();
    }
    return account;
  }

  /** The account's file as it is now ({} when there is none); undefined when it cannot be read here and now. */
  private readNow(account: string): SeenByTicket | undefined {
    const folder = this.options.folder?.(account);
    if (!folder) return undefined;
    try {
      return parse(JSON.parse(readFileSync(path.join(folder, `${SEEN_MARKS_FILE}.json`), 'utf8')));
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? {} : undefined;
    }
  }

  private watch(account: string): FSWatcher | undefined {
    const folder = this.options.folder?.(account);
    if (!folder) return undefined;
    try {
      // The folder may not exist yet (the first write creates it) and may go with the account: then it is not watched.
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (!name || String(name) === `${SEEN_MARKS_FILE}.json`) void this.refresh();
      });
      watcher.on('error', () => watcher.close());
      return watcher;
    } catch {
      return undefined;
    }
  }

  private async read(account: string): Promise<void> {
    const raw = await this.options.data
      .documents(account)
      .read(SEEN_MARKS_FILE)
      .catch(() => undefined);
    const stored = parse(raw);
    if (account !== this.account) return;
    const before = JSON.stringify(this.marks);
    this.marks = union(this.marks, stored);
    // No file: the account's folder went with it (signed out, removed), or it is being written; nothing to repair.
    if (raw !== undefined && Object.keys(this.unsaved).length > 0)
      await this.save(account, stored).catch(() => undefined);
    if (JSON.stringify(this.marks) === before) return;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }

  /** Writes the file with the marks of this window it lacks (nothing when it holds them all). */
  private async save(account: string, read?: SeenByTicket): Promise<void> {
    const documents = this.options.data.documents(account);
    const stored = read ?? parse(await documents.read(SEEN_MARKS_FILE));
    const missing = without(this.unsaved, stored);
    if (Object.keys(missing).length === 0) {
      if (account === this.account) this.unsaved = {};
      return;
    }
    await documents.write(SEEN_MARKS_FILE, capped(union(stored, missing)));
  }
}

/** The newest tickets' marks, each ticket's newest ids, within unread.ts's limits. */
function capped(marks: SeenByTicket): SeenByTicket {
  const result: SeenByTicket = {};
  for (const ticketId of Object.keys(marks).slice(-MAX_TICKETS))
    result[ticketId] = marks[ticketId].slice(-MAX_PER_TICKET);
  return result;
}

/** Stored marks, checked field by field (a damaged or foreign file counts as none). */
function parse(raw: unknown): SeenByTicket {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const result: SeenByTicket = {};
  for (const [ticketId, ids] of Object.entries(raw as Record<string, unknown>))
    if (Array.isArray(ids)) result[ticketId] = ids.filter((id): id is string => typeof id === 'string');
  return result;
}

/** The marks of `a` that `b` does not hold. */
function without(a: SeenByTicket, b: SeenByTicket): SeenByTicket {
  const result: SeenByTicket = {};
  for (const [ticketId, ids] of Object.entries(a)) {
    const held = new Set(b[ticketId] ?? []);
    const rest = ids.filter((id) => !held.has(id));
    if (rest.length > 0) result[ticketId] = rest;
  }
  return result;
}

/** Both sets of marks; a ticket's ids in the order first seen, the tickets of `b` last (the newest). */
function union(a: SeenByTicket, b: SeenByTicket): SeenByTicket {
  if (Object.keys(b).length === 0) return a;
  const result: SeenByTicket = { ...a };
  for (const [ticketId, ids] of Object.entries(b)) {
    const merged = [...new Set([...(result[ticketId] ?? []), ...ids])];
    delete result[ticketId];
    result[ticketId] = merged;
  }
  return result;
}
