// Unread answers from support. The API marks a note unread (Status 1); the extension remembers which of those the user
// has seen (the panel showing it was on screen, the inbox opened it, Mark All as Seen), so a note stops counting then.
// An answer written before the account was first signed in on this machine is not new, whatever its Status (the
// user read it by mail or in the console, which need not mark it read): without that, a first sign-in's Inbox and
// badge climbed for twenty minutes as the search index's fill read old conversations (62 answers of a median age of
// 84 days in the demo's 124 unfinished tickets), and seen marks deleted at Sign Out came back as new on the next.
// Seen marks are kept per account (the store handed in is the account's: seenMarks.ts, a file every window shares);
// marks that reach the store from another window take those answers out here too. The inbox lists unreadNotes(); the
// Tickets view and the badge listen to onDidChange. Fed by every conversation the ticket service read (watcher, panels) and
// by the last-known copies after a reload: no request of its own. No vscode import.
import type { TicketNote } from '../../api/types';
import type { KeyValueStore } from '../../tickets/categoryNames';
import { SUPPORT_ROLE } from '../../tickets/status';
import { normalizeTicketId } from '../../tickets/ticketId';

/** The key in the account's scope (common/accountScope.ts). */
export const SEEN_NOTES_KEY = 'seenNotes';
/** Tickets remembered; the oldest are forgotten first. */
export const MAX_TICKETS = 300;
/** Seen dialog ids remembered per ticket. */
export const MAX_PER_TICKET = 200;
/**
 * An answer written up to this long before the first sign-in still counts as new: the server's clock and the
 * machine's can differ, and an answer that arrived while the user was signing in is news.
 */
export const BEFORE_SIGN_IN_MARGIN_MS = 15 * 60_000;

/** The seen marks' store; one that hears of other windows' marks says so by onDidChange. */
export type SeenStore = KeyValueStore & { onDidChange?(listener: () => void): { dispose(): void } };

/** A note from support that the API marks unread. */
export function isUnreadFromSupport(note: TicketNote): boolean {
  return note.userRole === SUPPORT_ROLE && note.unread === true;
}

export class UnreadNotes {
  /** ticketId -> notes unread and not yet seen, as last loaded. */
  private readonly unread = new Map<string, TicketNote[]>();
  private readonly listeners = new Set<(ticketId: string | undefined) => void>();

  /** `since`: when the account shown was first signed in here (epoch ms); undefined counts every unread answer. */
  constructor(
    private readonly store: SeenStore,
    private readonly since: () => number | undefined = () => undefined,
  ) {
    store.onDidChange?.(() => this.dropSeen());
  }

  /**
   * The conversation was loaded: returns the dialog ids to mark as new. Each answer counts once, under the ticket's
   * id in one spelling (normalizeTicketId), whatever the data repeats.
   */
  update(id: string, notes: ReadonlyArray<TicketNote>): Set<string> {
    const ticketId = normalizeTicketId(id);
    // Seen before, or already taken from this list.
    const skip = new Set(this.seen()[ticketId] ?? []);
    const since = this.since();
    const oldest = typeof since === 'number' && since > 0 ? since - BEFORE_SIGN_IN_MARGIN_MS : -Infinity;
    const fresh: TicketNote[] = [];
    for (const n of notes) {
      if (!isUnreadFromSupport(n) || !n.dialogId || skip.has(n.dialogId)) continue;
      if (n.createTime > 0 && n.createTime < oldest) continue; // answered before this machine's first sign-in
      skip.add(n.dialogId);
      fresh.push(n);
    }
    const before = this.unread.get(ticketId) ?? [];
    if (fresh.length > 0) this.unread.set(ticketId, fresh);
    else this.unread.delete(ticketId);
    if (ids(before) !== ids(fresh)) this.emit(ticketId);
    return new Set(fresh.map((n) => n.dialogId));
  }

  /** Unread answers in the ticket, as far as this window has loaded its conversation. */
  count(ticketId: string): number {
    return this.unread.get(normalizeTicketId(ticketId))?.length ?? 0;
  }

  /** Every unread answer not yet seen, by ticket. */
  unreadNotes(): ReadonlyMap<string, readonly TicketNote[]> {
    return this.unread;
  }

  /** Unread answers across tickets. */
  total(): number {
    let sum = 0;
    for (const notes of this.unread.values()) sum += notes.length;
    return sum;
  }

  /** These answers were seen (default: every unread one in the ticket). */
  async markSeen(id: string, dialogIds?: readonly string[]): Promise<void> {
    const ticketId = normalizeTicketId(id);
    const notes = this.unread.get(ticketId) ?? [];
    const chosen = dialogIds ? notes.filter((n) => dialogIds.includes(n.dialogId)) : notes;
    if (chosen.length === 0) return;
    const rest = notes.filter((n) => !chosen.includes(n));
    if (rest.length > 0) this.unread.set(ticketId, rest);
    else this.unread.delete(ticketId);
    this.emit(ticketId);
    await this.remember([[ticketId, chosen.map((n) => n.dialogId)]]);
  }

  /** Mark All as Seen: every unread answer this window knows of. */
  async markAllSeen(): Promise<void> {
    const all = [...this.unread].map(([ticketId, notes]): [string, string[]] => [
      ticketId,
      notes.map((n) => n.dialogId),
    ]);
    if (all.length === 0) return;
    this.unread.clear();
    this.emit(undefined);
    await this.remember(all);
  }

  /** Another account is shown: nothing of the previous one's answers stays. */
  reset(): void {
    if (this.unread.size === 0) return;
    this.unread.clear();
    this.emit(undefined);
  }

  /** Marks came from elsewhere (another window): the answers they name are no longer unread here. */
  private dropSeen(): void {
    const seen = this.seen();
    let changed = false;
    for (const [ticketId, notes] of [...this.unread]) {
      const ids = new Set(seen[ticketId] ?? []);
      const rest = notes.filter((n) => !ids.has(n.dialogId));
      if (rest.length === notes.length) continue;
      changed = true;
      if (rest.length > 0) this.unread.set(ticketId, rest);
      else this.unread.delete(ticketId);
    }
    if (changed) this.emit(undefined);
  }

  /** ticketId undefined: several tickets changed. */
  onDidChange(listener: (ticketId: string | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private async remember(entries: Array<[string, string[]]>): Promise<void> {
    const all = this.seen();
    for (const [ticketId, dialogIds] of entries) {
      const merged = [...new Set([...(all[ticketId] ?? []), ...dialogIds])].slice(-MAX_PER_TICKET);
      // Re-inserted last: the oldest tickets are the first forgotten.
      delete all[ticketId];
      all[ticketId] = merged;
    }
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_TICKETS))) delete all[old];
    await this.store.update(SEEN_NOTES_KEY, all);
  }

  private seen(): Record<string, string[]> {
    const raw = this.store.get<unknown>(SEEN_NOTES_KEY);
    if (!raw || typeof raw !== 'object') return {};
    const result: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (Array.isArray(value)) result[key] = value.filter((v): v is string => typeof v === 'string');
    }
    return result;
  }

  private emit(ticketId: string | undefined): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(ticketId);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }
}

function ids(notes: readonly TicketNote[]): string {
  return notes.map((n) => n.dialogId).join('\n');
}
