// The ticket watcher's engine: on each tick it takes or renews the account's lease (one poller across windows), the
// poller fetches one ListTickets page of unfinished tickets when the shared schedule says so, reads notes only where a
// status changed plus one quiet ticket in turn, announces what changed once, and publishes the snapshot that every
// other window reads. No vscode import: the unit tests run it with a fake clock and the benchmark counts its requests.
import type { StatusValue, TicketNote, TicketSummary } from '../../api/types';
import {
  diffSnapshots,
  noteExcerpt,
  rememberAnnounced,
  unannounced,
  waitingForYou,
  type Announcement,
  type SupportNoteMark,
  type TicketSnapshot,
  type WatchedTicket,
} from './announcements';
import { statusLook } from '../../tickets/display';
import { isSupportsTurn, SUPPORT_ROLE } from '../../tickets/status';
import { backgroundBackoff } from '../../api/throttlePolicy';
import { decideLease, isLease, leaseFor } from './lease';
import type { SharedStore } from './sharedFiles';

/** How long a poll may take before another window may take the lease over (three attempts of 10 s, and notes). */
const POLL_GRACE_MS = 60_000;

/** The page the adapter asks for (ListTickets allows at most 100): fewer tickets than this means the list is complete. */
export const UNFINISHED_PAGE_SIZE = 100;

/** What a failed request means to the watcher (the adapter reads it off TicketApiError). */
export interface FailureInfo {
  signedOut: boolean;
  /** The server asked to wait this long (throttling). */
  retryAfterMs?: number;
  /** One sentence for the status-bar tooltip. */
  message: string;
}

/** The signed-in account as the watcher sees it: its id and its own shared files (in its scope's folder). */
export interface WatchedAccount {
  key: string;
  store: SharedStore;
}

export interface WatcherOptions {
  /** This instance (one per window). */
  id: string;
  /** The signed-in account, undefined while signed out: nothing is polled then. */
  account: () => Promise<WatchedAccount | undefined>;
  /** One ListTickets page of the unfinished tickets (statuses 1-5). */
  listUnfinished: () => Promise<TicketSummary[]>;
  listNotes: (ticketId: string) => Promise<TicketNote[]>;
  describeFailure: (error: unknown) => FailureInfo;
  intervalMs: () => number;
  enabled: () => boolean;
  focused: () => boolean;
  /** How often tick() runs; the lease lasts three of these. */
  heartbeatMs: number;
  /** What changed, for the account `account` (WatchedAccount.key) the poll was of. */
  onAnnounce: (announcements: Announcement[], account: string) => void;
  onView: (view: WatcherView) => void;
  now?: () => number;
}

export interface WaitingTicket {
  ticketId: string;
  title: string;
  status: StatusValue;
}

export interface WatcherView {
  /** off: the setting is off; signedOut; polling: this window polls; following: another window polls. */
  mode: 'off' | 'signedOut' | 'polling' | 'following';
  /** The account the view is of (polling, following). */
  account?: string;
  /** Tickets waiting for the user, waiting-for-feedback first. */
  waiting: WaitingTicket[];
  /** When the snapshot on show was fetched. */
  polledAt?: number;
  /** Set while polls fail (the watcher backs off). */
  problem?: string;
}

/** The shared document per account: the last snapshot, the schedule, and what was announced. */
interface WatchState {
  version: 1;
  snapshot?: TicketSnapshot;
  nextPollAt: number;
  failures: number;
  problem?: string;
  announced: string[];
  /** Turn of the quiet-ticket note check. */
  rotation: number;
}

const EMPTY_STATE: WatchState = { version: 1, nextPollAt: 0, failures: 0, announced: [], rotation: 0 };

function isWatchState(value: unknown): value is WatchState {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return (
    s.version === 1 &&
    typeof s.nextPollAt === 'number' &&
    typeof s.failures === 'number' &&
    Array.isArray(s.announced) &&
    typeof s.rotation === 'number'
  );
}

export class TicketWatcher {
  private readonly now: () => number;
  private running: Promise<void> | undefined;
  private holds: WatchedAccount | undefined;
  private lastView = '';
  private disposed = false;

  constructor(private readonly options: WatcherOptions) {
    this.now = options.now ?? Date.now;
  }

  /** One step; overlapping calls share the step under way. */
  tick(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.running ??= this.step().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Gives the lease up at once (so another window takes over without waiting for it to expire). */
  async dispose(): Promise<void> {
    await this.running?.catch(() => undefined);
    this.disposed = true;
    await this.release();
  }

  private async step(): Promise<void> {
    const o = this.options;
    if (!o.enabled()) {
      await this.release();
      return this.publish({ mode: 'off', waiting: [] });
    }
    const account = await o.account();
    if (!account) {
      await this.release();
      return this.publish({ mode: 'signedOut', waiting: [] });
    }
    if (this.holds && this.holds.key !== account.key) await this.release();
    const now = this.now();
    const leaseName = `lease-${account.key}`;
    const current = await account.store.read(leaseName);
    const decision = decideLease(isLease(current) ? current : undefined, o.id, now, o.focused());
    let polling = false;
    if (decision !== 'follow') {
      // The account's folder exists while the account is saved (Accounts makes it): a lease is written inside it and
      // never makes it again once removed (signed out in another window that this one has not heard of yet).
      await account.store.write(leaseName, leaseFor(o.id, now, o.heartbeatMs * 3, o.focused()), {
        folder: decision === 'renew' ? 'existing' : 'inside',
      });
      // Another window may have renamed its lease over ours in the meantime: the file says who won.
      const check = await account.store.read(leaseName);
      polling = isLease(check) && check.owner === o.id;
    }
    this.holds = polling ? account : undefined;
    const state = await this.readState(account);
    // A lease just taken is only used from the next heartbeat on: two windows that took it in the same moment have
    // both written by then, the file names one of them, and only that one polls.
    if (polling && decision === 'renew' && now >= state.nextPollAt) {
      // A poll can outlast the lease (slow network, retries): the lease covers it, or another window would take over
      // meanwhile and poll the same interval again.
      await account.store.write(leaseName, leaseFor(o.id, now, o.heartbeatMs * 3 + POLL_GRACE_MS, o.focused()), {
        folder: 'existing',
      });
      try {
        await this.poll(account, state, now);
      } finally {
        // The poll is over: back to a heartbeat's lease, so that if this window crashes before its next heartbeat
        // another takes over within three heartbeats, not after the grace meant for a slow poll.
        const after = await account.store.read(leaseName);
        if (isLease(after) && after.owner === o.id)
          await account.store.write(leaseName, leaseFor(o.id, this.now(), o.heartbeatMs * 3, o.focused()), {
            folder: 'existing',
          });
      }
    } else this.publishState(account, state, polling ? 'polling' : 'following');
  }

  private async poll(account: WatchedAccount, state: WatchState, now: number): Promise<void> {
    const o = this.options;
    const interval = o.intervalMs();
    let summaries: TicketSummary[];
    try {
      summaries = await o.listUnfinished();
    } catch (error) {
      const failure = o.describeFailure(error);
      if (failure.signedOut) return this.publish({ mode: 'signedOut', waiting: [] });
      const failures = state.failures + 1;
      const next: WatchState = {
        ...state,
        failures,
        problem: failure.message,
        nextPollAt: now + backgroundBackoff(interval, failures, failure.retryAfterMs),
      };
      await this.writeStateIfUnchanged(account, state, next);
      return;
    }
    const previous = state.snapshot;
    const tickets: Record<string, WatchedTicket> = {};
    for (const summary of summaries) {
      const before = previous?.tickets[summary.ticketId];
      const changedAt = before && before.status !== summary.status.value ? now : before?.changedAt;
      tickets[summary.ticketId] = {
        title: summary.title,
        status: summary.status.value,
        ...(before?.lastSupportNote !== undefined ? { lastSupportNote: before.lastSupportNote } : {}),
        ...(changedAt !== undefined ? { changedAt } : {}),
      };
    }
    // Notes only where the status changed, plus one ticket in support's hands in turn (a note without a status change).
    // One page holds every unfinished ticket: a ticket new to it is new (not one that moved onto a cut-off page).
    const complete = summaries.length < UNFINISHED_PAGE_SIZE;
    const isNewAndWaiting = (id: string) =>
      complete && previous !== undefined && !previous.tickets[id] && statusLook(tickets[id].status).needsYou;
    const toRead = Object.keys(tickets).filter(
      (id) => (previous?.tickets[id] && previous.tickets[id].status !== tickets[id].status) || isNewAndWaiting(id),
    );
    const quiet = pickQuietTicket(tickets, toRead, state.rotation, now);
    if (quiet) toRead.push(quiet);
    for (const ticketId of toRead) {
      try {
        tickets[ticketId].lastSupportNote = newestSupportNote(await o.listNotes(ticketId));
      } catch {
        // Unknown this time; the next change or turn reads them again.
      }
    }
    const snapshot: TicketSnapshot = { polledAt: now, tickets };
    const announcements = unannounced(diffSnapshots(previous, snapshot, { complete }), new Set(state.announced));
    const next: WatchState = {
      version: 1,
      snapshot,
      nextPollAt: now + interval,
      failures: 0,
      announced: rememberAnnounced(
        state.announced,
        announcements.flatMap((a) => a.keys),
      ),
      rotation: state.rotation + 1,
    };
    // Recorded before anything is shown: a crash after this cannot lead to a second notification for these changes.
    if (!(await this.writeStateIfUnchanged(account, state, next))) return;
    if (announcements.length > 0) o.onAnnounce(announcements, account.key);
  }

  /**
   * Writes `next` unless another poller wrote since `read` (then its snapshot wins and ours is dropped, with its
   * announcements). Returns whether ours was written.
   */
  private async writeStateIfUnchanged(account: WatchedAccount, read: WatchState, next: WatchState): Promise<boolean> {
    const latest = await this.readState(account);
    if ((latest.snapshot?.polledAt ?? -1) !== (read.snapshot?.polledAt ?? -1) || latest.failures !== read.failures) {
      this.publishState(account, latest, 'polling');
      return false;
    }
    await account.store.write(`watch-${account.key}`, next, { folder: 'existing' });
    this.publishState(account, next, 'polling');
    return true;
  }

  private async readState(account: WatchedAccount): Promise<WatchState> {
    const value = await account.store.read(`watch-${account.key}`);
    return isWatchState(value) ? value : { ...EMPTY_STATE, announced: [] };
  }

  private async release(): Promise<void> {
    const account = this.holds;
    this.holds = undefined;
    if (!account) return;
    const leaseName = `lease-${account.key}`;
    const current = await account.store.read(leaseName);
    if (isLease(current) && current.owner === this.options.id) {
      await account.store.write(leaseName, { ...current, expiresAt: 0 }, { folder: 'existing' });
    }
  }

  private publishState(account: WatchedAccount, state: WatchState, mode: 'polling' | 'following'): void {
    const snapshot = state.snapshot;
    const waiting = waitingForYou(snapshot).map((ticketId) => ({
      ticketId,
      title: snapshot!.tickets[ticketId].title,
      status: snapshot!.tickets[ticketId].status,
    }));
    this.publish({
      mode,
      account: account.key,
      waiting,
      ...(snapshot ? { polledAt: snapshot.polledAt } : {}),
      ...(state.problem && state.failures > 0 ? { problem: state.problem } : {}),
    });
  }

  private publish(view: WatcherView): void {
    const text = JSON.stringify(view);
    if (text === this.lastView) return;
    this.lastView = text;
    this.options.onView(view);
  }
}

/** A ticket's status change within this long makes it "recent": support often writes again soon after one. */
const RECENT_MS = 24 * 60 * 60_000;

/**
 * The one ticket in support's hands whose notes this poll reads (a note without a status change shows no other way).
 * Every other poll takes the next of the recently changed tickets, newest change first; the polls between take the
 * next of all of them. So a ticket the user just answered is checked every second poll, and every ticket in turn.
 */
export function pickQuietTicket(
  tickets: Record<string, WatchedTicket>,
  exclude: readonly string[],
  rotation: number,
  now: number,
): string | undefined {
  const all = Object.keys(tickets)
    .filter((id) => !exclude.includes(id) && isSupportsTurn(tickets[id].status))
    .sort();
  const recent = all
    .filter((id) => (tickets[id].changedAt ?? 0) > now - RECENT_MS)
    .sort((a, b) => (tickets[b].changedAt ?? 0) - (tickets[a].changedAt ?? 0) || a.localeCompare(b));
  const turn = Math.floor(rotation / 2);
  if (rotation % 2 === 0 && recent.length > 0) return recent[turn % recent.length];
  return all.length > 0 ? all[turn % all.length] : undefined;
}

/** The newest note written by support, or null when support has written none. */
export function newestSupportNote(notes: TicketNote[]): SupportNoteMark | null {
  let newest: TicketNote | undefined;
  for (const note of notes) {
    if (note.userRole !== SUPPORT_ROLE) continue;
    if (!newest || note.createTime >= newest.createTime) newest = note;
  }
  return newest ? { dialogId: String(newest.dialogId), excerpt: noteExcerpt(newest.content) } : null;
}
