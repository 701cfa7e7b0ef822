// Fills the search index in the background: reads the conversation of unfinished tickets the extension knows from
// lists but has not read, within a budget (docs/inbox-and-search.md, measured by the idle rows of the bench):
// - at most one ListTicketNotes per interval (10 s), none while the window is unfocused, in the background lane of the
//   ticket service (behind anything a person waits for);
// - nothing once every unfinished ticket is indexed and unchanged: a conversation is read again only when its ticket
//   changed status since it was read, or after a day (a note that moves no status shows in no list);
// - the first failure that only a new sign-in fixes (an expired STS token, a disabled key) stops the fill until the
//   session changes (resume()); a failure of the network or the server pauses the whole fill for ten minutes, as a
//   ticket that failed alone is not tried again for ten minutes.
// No vscode import: unit tests drive it with a clock.

export const BACKFILL_INTERVAL_MS = 10_000;
/** A conversation read longer ago than this is read again (unfinished tickets move on). */
export const BACKFILL_STALE_MS = 24 * 3600_000;
export const RETRY_AFTER_FAILURE_MS = 10 * 60_000;

/** What a failed read means for the fill. */
export enum FailureScope {
  /** Only a new sign-in fixes it (an expired STS token, a disabled key): the fill stops until resume(). */
  SignIn,
  /** The network or the server failed: the whole fill waits. */
  EveryTicket,
  /** This ticket's own (not found, no permission): this ticket waits. */
  ThisTicket,
}

export interface BackfillOptions {
  /** Unfinished tickets seen in lists, newest first. */
  unfinished: () => readonly string[];
  /** When the conversation was last read (epoch ms), undefined when never. */
  readAt: (ticketId: string) => number | undefined;
  /** The ticket changed (status) since its conversation was read. */
  changedSinceRead?: (ticketId: string) => boolean;
  readNotes: (ticketId: string) => Promise<unknown>;
  failureScope: (error: unknown) => FailureScope;
  focused: () => boolean;
  enabled: () => boolean;
  now?: () => number;
  intervalMs?: number;
}

export class IndexBackfill {
  private lastRead = -Infinity;
  private readonly failedAt = new Map<string, number>();
  private pausedUntil = -Infinity;
  private waitingForSignIn = false;
  private running = false;
  private readonly now: () => number;
  /** Conversations this backfill asked for (the budget is checked against it). */
  reads = 0;

  constructor(private readonly options: BackfillOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The ticket the next read would take, if any is due. */
  next(): string | undefined {
    const now = this.now();
    return this.options.unfinished().find((id) => this.isDue(id, now));
  }

  /** How many unfinished tickets wait for a read now (0: the index is filled and unchanged). */
  due(): number {
    const now = this.now();
    return this.options.unfinished().filter((id) => this.isDue(id, now)).length;
  }

  /** Stopped by a failure only a new sign-in fixes. */
  get stoppedForSignIn(): boolean {
    return this.waitingForSignIn;
  }

  /** Signed in again (or another account, or another endpoint): the fill starts over. */
  resume(): void {
    this.waitingForSignIn = false;
    this.pausedUntil = -Infinity;
    this.failedAt.clear();
  }

  private isDue(ticketId: string, now: number): boolean {
    const failed = this.failedAt.get(ticketId);
    if (failed !== undefined && now - failed < RETRY_AFTER_FAILURE_MS) return false;
    const at = this.options.readAt(ticketId);
    return at === undefined || now - at > BACKFILL_STALE_MS || !!this.options.changedSinceRead?.(ticketId);
  }

  /** One step: reads one conversation when the budget allows. Returns whether it read one. */
  async tick(): Promise<boolean> {
    const o = this.options;
    if (this.running || this.waitingForSignIn || !o.enabled() || !o.focused()) return false;
    const now = this.now();
    if (now < this.pausedUntil || now - this.lastRead < (o.intervalMs ?? BACKFILL_INTERVAL_MS)) return false;
    const ticketId = this.next();
    if (!ticketId) return false;
    this.running = true;
    this.lastRead = now;
    this.reads++;
    try {
      await o.readNotes(ticketId);
      this.failedAt.delete(ticketId);
    } catch (error) {
      const scope = o.failureScope(error);
      if (scope === FailureScope.SignIn) this.waitingForSignIn = true;
      else if (scope === FailureScope.EveryTicket) this.pausedUntil = this.now() + RETRY_AFTER_FAILURE_MS;
      else this.failedAt.set(ticketId, this.now());
    } finally {
      this.running = false;
    }
    return true;
  }
}
