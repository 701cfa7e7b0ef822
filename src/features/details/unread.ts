// Unread answers from support. The API marks a note unread (Status 1); the extension remembers, in the signed-in
// account's scope, which of those the user has seen in a ticket panel, so a note stops counting once the panel showing
// it was on screen. Other features (the Tickets view) listen to onDidChange to show that a ticket has unread answers.
// No vscode import.
import type { TicketNote } from '../../api/types';
import type { KeyValueStore } from '../../tickets/categoryNames';
import { SUPPORT_ROLE } from '../../tickets/status';

/** The key in the account's scope. */
export const SEEN_NOTES_KEY = 'seenNotes';
/** Tickets remembered; the oldest are forgotten first. */
const MAX_TICKETS = 300;

/** A note from support that the API marks unread. */
export function isUnreadFromSupport(note: TicketNote): boolean {
  return note.userRole === SUPPORT_ROLE && note.unread === true;
}

export class UnreadNotes {
  /** ticketId -> dialog ids unread and not yet seen, as last loaded. */
  private readonly unread = new Map<string, string[]>();
  private readonly listeners = new Set<(ticketId: string) => void>();

  constructor(
    /** The signed-in account's store; undefined while signed out. */
    private readonly store: () => KeyValueStore | undefined,
  ) {}

  /** Another account (or none): what was loaded of the previous one is forgotten, and listeners hear of each ticket. */
  reset(): void {
    const tickets = [...this.unread.keys()];
    this.unread.clear();
    for (const ticketId of tickets) this.emit(ticketId);
  }

  /** The conversation was loaded: returns the dialog ids to mark as new. */
  update(ticketId: string, notes: ReadonlyArray<TicketNote>): Set<string> {
    const seen = new Set(this.seen()[ticketId] ?? []);
    const fresh = notes
      .filter((n) => isUnreadFromSupport(n) && n.dialogId && !seen.has(n.dialogId))
      .map((n) => n.dialogId);
    const before = this.unread.get(ticketId) ?? [];
    this.unread.set(ticketId, fresh);
    if (before.join('\n') !== fresh.join('\n')) this.emit(ticketId);
    return new Set(fresh);
  }

  /** Unread answers in the ticket, as far as this window has loaded its conversation. */
  count(ticketId: string): number {
    return this.unread.get(ticketId)?.length ?? 0;
  }

  /** The panel showing these notes was on screen: they are read now. */
  async markSeen(ticketId: string): Promise<void> {
    const ids = this.unread.get(ticketId) ?? [];
    const store = this.store();
    if (ids.length === 0 || !store) return;
    const all = this.seen(store);
    const merged = [...new Set([...(all[ticketId] ?? []), ...ids])].slice(-200);
    delete all[ticketId];
    all[ticketId] = merged;
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_TICKETS))) delete all[old];
    this.unread.set(ticketId, []);
    this.emit(ticketId);
    await store.update(SEEN_NOTES_KEY, all);
  }

  onDidChange(listener: (ticketId: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private seen(store = this.store()): Record<string, string[]> {
    const raw = store?.get<unknown>(SEEN_NOTES_KEY);
    if (!raw || typeof raw !== 'object') return {};
    const result: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (Array.isArray(value)) result[key] = value.filter((v): v is string => typeof v === 'string');
    }
    return result;
  }

  private emit(ticketId: string): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(ticketId);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }
}
