// Fills the search index in the background: reads the conversation of unfinished tickets the extension knows from
// lists but has not read (or not for a day), within a budget: at most one ListTicketNotes per interval (10 s), none
// while the window is unfocused, in the background lane of the ticket service (behind anything a person waits for),
// and a ticket that failed is not tried again for ten minutes. No vscode import: unit tests drive it with a clock.

export const BACKFILL_INTERVAL_MS = 10_000;
/** A conversation read longer ago than this is read again (unfinished tickets move on). */
export const BACKFILL_STALE_MS = 24 * 3600_000;
const RETRY_AFTER_FAILURE_MS = 10 * 60_000;

export interface BackfillOptions {
  /** Unfinished tickets seen in lists, newest first. */
  unfinished: () => readonly string[];
  /** When the conversation was last read (epoch ms), undefined when never. */
  readAt: (ticketId: string) => number | undefined;
  readNotes: (ticketId: string) => Promise<unknown>;
  focused: () => boolean;
  enabled: () => boolean;
  now?: () => number;
  intervalMs?: number;
}

export class IndexBackfill {
  private lastRead = -Infinity;
  private readonly failedAt = new Map<string, number>();
  private running = false;
  private readonly now: () => number;
  /** Conversations this backfill read (the budget is checked against it). */
  reads = 0;

  constructor(private readonly options: BackfillOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The ticket the next read would take, if any is due. */
  next(): string | undefined {
    const now = this.now();
    return this.options.unfinished().find((id) => {
      const failed = this.failedAt.get(id);
      if (failed !== undefined && now - failed < RETRY_AFTER_FAILURE_MS) return false;
      const at = this.options.readAt(id);
      return at === undefined || now - at > BACKFILL_STALE_MS;
    });
  }

  /** One step: reads one conversation when the budget allows. Returns whether it read one. */
  async tick(): Promise<boolean> {
    const o = this.options;
    if (this.running || !o.enabled() || !o.focused()) return false;
    if (this.now() - this.lastRead < (o.intervalMs ?? BACKFILL_INTERVAL_MS)) return false;
    const ticketId = this.next();
    if (!ticketId) return false;
    this.running = true;
    this.lastRead = this.now();
    this.reads++;
    try {
      await o.readNotes(ticketId);
      this.failedAt.delete(ticketId);
    } catch {
      this.failedAt.set(ticketId, this.now());
    } finally {
      this.running = false;
    }
    return true;
  }
}
