// Which lists of the Tickets view a learned status moves a ticket between. What the extension itself changed (a reply,
// Close or Reopen from a panel) or learned (the watcher's poll, a panel's reload) shows in the tree at once: the group
// the ticket left and the group it joined are loaded again, nothing else (the request budget). No vscode import.
import type { StatusValue } from '../../api/types';
import type { TicketList } from './nodes';

export interface LearnedStatus {
  ticketId: string;
  status: StatusValue;
}

/**
 * The keys of the lists to load again so that each ticket shows where its status puts it: grouped, the group it is
 * shown in and the group of its new status (when that group is shown); flat, the list when a shown row's status
 * differs (its row shows the status, and a status filter may drop it). A ticket the tree does not show is left alone:
 * it may be on a page not loaded, and paging for it would cost requests nobody asked for.
 */
export function listsToReload(
  lists: readonly TicketList[],
  grouped: boolean,
  learned: readonly LearnedStatus[],
): string[] {
  const keys = new Set<string>();
  for (const { ticketId, status } of learned) {
    for (const list of lists) {
      const row = list.tickets.find((t) => t.ticketId === ticketId);
      if (!row) continue;
      const shownStatus = grouped ? list.status : row.status.value;
      if (shownStatus === status) continue;
      keys.add(list.key);
      if (grouped) {
        const target = lists.find((l) => l.status === status);
        if (target) keys.add(target.key);
      }
    }
  }
  return [...keys];
}

/** What the follower needs: the tree's follow (model.follow) and the count's refresh (attention.refresh). */
export interface StatusFollowerDeps {
  follow(learned: LearnedStatus[]): Promise<void>;
  recount(): Promise<void>;
  /** Learned statuses arriving within this long are followed together (a poll reports many at once). */
  delayMs?: number;
}

/**
 * Gathers the statuses the extension learns (ticket service change events, the watcher) for a moment, then has the
 * tree follow them all at once, and the count asked again when one of them started or stopped waiting for the user.
 */
export class StatusFollower {
  private pending: LearnedStatus[] = [];
  private recount = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: StatusFollowerDeps) {}

  /**
   * A status learned for a ticket; previous: what was known before, when known (undefined: count again anyway when
   * the new status waits for the user). waitsForUser tells which statuses count (status.ts needsYou).
   */
  learned(change: LearnedStatus & { previous?: StatusValue }, waitsForUser: (status?: StatusValue) => boolean): void {
    this.pending.push({ ticketId: change.ticketId, status: change.status });
    if (waitsForUser(change.status) !== waitsForUser(change.previous)) this.recount = true;
    this.timer ??= setTimeout(() => void this.flush(), this.deps.delayMs ?? 50);
  }

  /** Follows what was gathered now; resolves when the tree and the count are done (tests wait on it). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    const recount = this.recount;
    this.pending = [];
    this.recount = false;
    if (batch.length === 0 && !recount) return this.running;
    const work = Promise.all([
      batch.length ? this.deps.follow(batch) : undefined,
      recount ? this.deps.recount() : undefined,
    ]);
    this.running = work.then(
      () => undefined,
      () => undefined,
    );
    return this.running;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
