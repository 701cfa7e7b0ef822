// The unfinished tickets the lists showed for the account on screen, and the status each had when its conversation was
// last read in this window: what the background fill (backfill.ts) may read, and when a read is due again. They are
// that account's tickets: once another account (or none) is on screen they are forgotten, or the fill would ask the
// new account's key for the previous account's tickets. New credentials of the same account keep them.
// No vscode import.
import type { StatusValue, TicketSummary } from '../../api/types';
import { isOtherAccount, type SessionChange } from '../../common/sessionChange';
import { isFinished } from '../../tickets/status';

export class ListedTickets {
  /** Unfinished tickets by id, with their status in the lists; the most recently listed last. */
  private readonly unfinished = new Map<string, StatusValue>();
  private readonly statusAtRead = new Map<string, StatusValue>();

  /** Unfinished tickets, the most recently listed first. */
  ids(): string[] {
    return [...this.unfinished.keys()].reverse();
  }

  /** A list page came: its unfinished tickets move to the front, its finished ones leave. */
  listed(summaries: ReadonlyArray<Pick<TicketSummary, 'ticketId' | 'status'>>): void {
    for (const { ticketId, status } of summaries) {
      this.unfinished.delete(ticketId);
      if (!isFinished(status.value)) this.unfinished.set(ticketId, status.value);
      else this.statusAtRead.delete(ticketId);
    }
  }

  /** The ticket's conversation was read: remembers the status it was listed with then. */
  read(ticketId: string): void {
    const status = this.unfinished.get(ticketId);
    if (status !== undefined) this.statusAtRead.set(ticketId, status);
  }

  /** Listed with another status than when its conversation was read here. */
  changedSinceRead(ticketId: string): boolean {
    return this.statusAtRead.has(ticketId) && this.statusAtRead.get(ticketId) !== this.unfinished.get(ticketId);
  }

  /** Who is signed in or a request setting changed: reads start over; another account forgets the tickets too. */
  sessionChanged(change: SessionChange): void {
    this.statusAtRead.clear();
    if (isOtherAccount(change)) this.unfinished.clear();
  }
}
