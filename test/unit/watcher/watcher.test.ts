// The watcher's engine with a fake clock and in-memory shared storage: who polls, what is announced, and how often
// the Ticket API is asked.
import * as assert from 'assert';
import type { StatusValue, TicketNote, TicketSummary } from '../../../src/api/types';
import {
  diffSnapshots,
  noteKey,
  rememberAnnounced,
  waitingForYou,
  type TicketSnapshot,
} from '../../../src/features/watcher/announcements';
import { decideLease, leaseFor } from '../../../src/features/watcher/lease';
import {
  backgroundBackoff as backoffDelay,
  MAX_BACKGROUND_BACKOFF_MS as MAX_BACKOFF_MS,
} from '../../../src/api/throttlePolicy';
import { MemoryStore, type SharedStore } from '../../../src/features/watcher/sharedFiles';
import { TicketWatcher, type WatcherView } from '../../../src/features/watcher/watcher';
import type { Announcement } from '../../../src/features/watcher/announcements';

const INTERVAL = 60_000;
const HEARTBEAT = 5_000;

/** A tiny account on the "server": tickets with statuses and notes, and a count of requests. */
class FakeServer {
  tickets = new Map<string, { title: string; status: StatusValue; notes: TicketNote[] }>();
  listCalls = 0;
  notesCalls: string[] = [];
  failNext: Error[] = [];
  add(ticketId: string, status: StatusValue, notes: Array<[string, 2 | 3, string]> = []) {
    this.tickets.set(ticketId, {
      title: `title of ${ticketId}`,
      status,
      notes: notes.map(([dialogId, userRole, content], i) => ({
        dialogId,
        userRole,
        content,
        createTime: i,
        userName: 'x',
        attachments: [],
      })),
    });
  }
  addNote(ticketId: string, dialogId: string, content: string) {
    const t = this.tickets.get(ticketId)!;
    t.notes.push({
      dialogId,
      userRole: 2,
      content,
      createTime: t.notes.length + 100,
      userName: 'agent',
      attachments: [],
    });
  }
  async list(): Promise<TicketSummary[]> {
    this.listCalls++;
    const failure = this.failNext.shift();
    if (failure) throw failure;
    return [...this.tickets]
      .filter(([, t]) => t.status !== 6)
      .map(([ticketId, t]) => ({ ticketId, title: t.title, status: { value: t.status, label: '' } }));
  }
  async notes(ticketId: string): Promise<TicketNote[]> {
    this.notesCalls.push(ticketId);
    return this.tickets.get(ticketId)!.notes;
  }
}

interface Instance {
  watcher: TicketWatcher;
  announced: Announcement[];
  views: WatcherView[];
  focused: boolean;
  signedIn: boolean;
}

function harness() {
  let now = 1_000_000;
  const server = new FakeServer();
  const store = new MemoryStore();
  const make = (
    id: string,
    over: { store?: SharedStore; focused?: boolean; account?: () => { key: string; store: SharedStore } } = {},
  ): Instance => {
    const instance = {
      announced: [],
      views: [],
      focused: over.focused ?? false,
      signedIn: true,
    } as unknown as Instance;
    instance.watcher = new TicketWatcher({
      id,
      account: async () =>
        instance.signedIn ? (over.account?.() ?? { key: 'acct', store: over.store ?? store }) : undefined,
      listUnfinished: () => server.list(),
      listNotes: (ticketId) => server.notes(ticketId),
      describeFailure: (error) => ({
        signedOut: false,
        message: String(error),
        retryAfterMs: (error as { retryAfterMs?: number }).retryAfterMs,
      }),
      intervalMs: () => INTERVAL,
      enabled: () => true,
      focused: () => instance.focused,
      heartbeatMs: HEARTBEAT,
      onAnnounce: (a) => instance.announced.push(...a),
      onView: (v) => instance.views.push(v),
      now: () => now,
    });
    return instance;
  };
  /** Advances the clock in heartbeat steps, ticking every instance at each. */
  const run = async (ms: number, instances: Instance[]) => {
    for (let t = 0; t < ms; t += HEARTBEAT) {
      for (const i of instances) await i.watcher.tick();
      now += HEARTBEAT;
    }
  };
  return {
    server,
    store,
    make,
    run,
    advance: (ms: number) => (now += ms),
    get now() {
      return now;
    },
  };
}

describe('watcher: announcements from snapshots', () => {
  const snap = (polledAt: number, tickets: TicketSnapshot['tickets']): TicketSnapshot => ({ polledAt, tickets });

  it('announces a move to waiting for your feedback and to be confirmed, not other moves, not the first snapshot', () => {
    const before = snap(1, {
      A: { title: 'a', status: 2 },
      B: { title: 'b', status: 2 },
      C: { title: 'c', status: 1 },
    });
    const after = snap(2, {
      A: { title: 'a', status: 3 },
      B: { title: 'b', status: 5 },
      C: { title: 'c', status: 2 },
      D: { title: 'd', status: 3 },
    });
    const found = diffSnapshots(before, after);
    assert.deepStrictEqual(
      found.map((a) => [a.ticketId, a.kind]),
      [
        ['A', 'waitingFeedback'],
        ['B', 'toConfirm'],
      ],
    );
    assert.match(found[0].message, /^Support is waiting for your feedback on ticket A “a”\.$/);
    assert.match(found[1].message, /Ticket B “b” is solved and waits for you to confirm\./);
    assert.deepStrictEqual(diffSnapshots(undefined, after), [], 'the first snapshot is a baseline');
  });

  it('announces a new support note once both reads happened, and folds it into a status change seen in the same poll', () => {
    const mark = (dialogId: string) => ({ dialogId, excerpt: `note ${dialogId}` });
    const before = snap(1, {
      A: { title: 'a', status: 2, lastSupportNote: mark('1') },
      B: { title: 'b', status: 2 },
      C: { title: 'c', status: 2, lastSupportNote: mark('7') },
    });
    const after = snap(2, {
      A: { title: 'a', status: 2, lastSupportNote: mark('2') },
      B: { title: 'b', status: 2, lastSupportNote: mark('5') },
      C: { title: 'c', status: 3, lastSupportNote: mark('8') },
    });
    const found = diffSnapshots(before, after);
    assert.deepStrictEqual(
      found.map((a) => [a.ticketId, a.kind]),
      [
        ['A', 'supportNote'],
        ['C', 'waitingFeedback'],
      ],
    );
    assert.match(found[0].message, /Support added a note to ticket A “a”: “note 2”/);
    assert.ok(found[1].keys.includes(noteKey('C', '8')), 'the note that came with the status change is covered too');
    assert.match(found[1].message, /“note 8”/);
  });

  it('announces a ticket new to a complete list when it already waits for the user; not in a cut-off list', () => {
    const before = snap(1, { A: { title: 'a', status: 2 } });
    const after = snap(2, {
      A: { title: 'a', status: 2 },
      N: { title: 'new', status: 3, lastSupportNote: { dialogId: '9', excerpt: 'Which region?' } },
      R: { title: 'reopened', status: 1 },
    });
    assert.deepStrictEqual(
      diffSnapshots(before, after, { complete: true }).map((a) => [a.ticketId, a.kind, a.message]),
      [['N', 'waitingFeedback', 'Support is waiting for your feedback on ticket N “new”: “Which region?”']],
    );
    assert.deepStrictEqual(diffSnapshots(before, after, { complete: false }), []);
  });

  it('keeps the newest announced keys and lists waiting tickets feedback-first', () => {
    assert.deepStrictEqual(rememberAnnounced(['a', 'b', 'c'], ['d', 'b'], 3), ['c', 'd', 'b']);
    assert.deepStrictEqual(
      waitingForYou(snap(1, { Z: { title: '', status: 5 }, Y: { title: '', status: 3 }, X: { title: '', status: 2 } })),
      ['Y', 'Z'],
    );
  });
});

describe('watcher: lease', () => {
  it('takes a free or expired lease, renews its own, follows a live one, and takes it from an unfocused owner when focused', () => {
    assert.strictEqual(decideLease(undefined, 'me', 100, false), 'acquire');
    assert.strictEqual(decideLease(leaseFor('other', 0, 50, true), 'me', 100, false), 'acquire');
    assert.strictEqual(decideLease(leaseFor('me', 90, 50, false), 'me', 100, false), 'renew');
    assert.strictEqual(decideLease(leaseFor('other', 90, 50, true), 'me', 100, true), 'follow');
    assert.strictEqual(decideLease(leaseFor('other', 90, 50, false), 'me', 100, false), 'follow');
    assert.strictEqual(decideLease(leaseFor('other', 90, 50, false), 'me', 100, true), 'acquire');
    assert.strictEqual(
      decideLease({ owner: 'x' } as never, 'me', 100, false),
      'acquire',
      'a lease that is not one is free',
    );
  });

  it('backs off by doubling the interval, honours the server’s wait, and caps at half an hour', () => {
    assert.strictEqual(backoffDelay(60_000, 1), 120_000);
    assert.strictEqual(backoffDelay(60_000, 2), 240_000);
    assert.strictEqual(backoffDelay(60_000, 1, 600_000), 600_000);
    assert.strictEqual(backoffDelay(60_000, 20), MAX_BACKOFF_MS);
  });
});

describe('watcher: polling with a fake clock', () => {
  it('polls one ListTickets page per interval, and announces a status change and a support note once each', async () => {
    const h = harness();
    h.server.add('A', 2, [['1', 2, 'looking']]);
    h.server.add('B', 1);
    const w = h.make('w1');
    await h.run(INTERVAL, [w]);
    assert.strictEqual(h.server.listCalls, 1, 'one page in the first interval');
    assert.strictEqual(w.announced.length, 0, 'the first poll is a baseline');

    h.server.tickets.get('A')!.status = 3;
    h.server.addNote('A', '2', 'Please send the instance id.\nThanks');
    await h.run(INTERVAL, [w]);
    assert.strictEqual(h.server.listCalls, 2);
    assert.deepStrictEqual(
      w.announced.map((a) => a.message),
      ['Support is waiting for your feedback on ticket A “title of A”: “Please send the instance id.”'],
    );
    assert.ok(h.server.notesCalls.includes('A'), 'notes of the ticket whose status changed were read');

    // A note without a status change: found by the turn-by-turn check of tickets in support's hands (B only here).
    h.server.add('B', 1, [['3', 2, 'We are on it']]);
    await h.run(3 * INTERVAL, [w]);
    assert.deepStrictEqual(
      w.announced.slice(1).map((a) => a.kind),
      ['supportNote'],
    );
    assert.match(w.announced[1].message, /We are on it/);
    assert.strictEqual(h.server.listCalls, 5, 'still one page per interval');
    const waiting = w.views.at(-1)!.waiting.map((t) => t.ticketId);
    assert.deepStrictEqual(waiting, ['A']);
  });

  it('announces nothing again after a restart (a new instance over the same storage)', async () => {
    const h = harness();
    h.server.add('A', 2);
    const first = h.make('w1');
    await h.run(INTERVAL, [first]);
    h.server.tickets.get('A')!.status = 5;
    await h.run(INTERVAL, [first]);
    assert.strictEqual(first.announced.length, 1);
    await first.watcher.dispose();

    const second = h.make('w2');
    await h.run(3 * INTERVAL, [second]);
    assert.strictEqual(second.announced.length, 0, 'the change was announced before the restart');
    assert.strictEqual(h.server.listCalls, 5, 'the new instance kept the schedule');
  });

  it('has one poller among three instances; the others show its snapshot; a focused window takes the lease over', async () => {
    const h = harness();
    h.server.add('A', 2);
    const windows = [h.make('w1'), h.make('w2'), h.make('w3')];
    await h.run(3 * INTERVAL, windows);
    assert.strictEqual(h.server.listCalls, 3, 'one ListTickets page per interval for three windows');
    h.server.tickets.get('A')!.status = 3;
    await h.run(INTERVAL, windows);
    assert.strictEqual(windows.flatMap((w) => w.announced).length, 1, 'one notification across the windows');
    for (const w of windows)
      assert.deepStrictEqual(
        w.views.at(-1)!.waiting.map((t) => t.ticketId),
        ['A'],
        'every window knows what waits',
      );
    assert.deepStrictEqual(windows.map((w) => w.views.at(-1)!.mode).sort(), ['following', 'following', 'polling']);

    windows[2].focused = true;
    await h.run(2 * INTERVAL, windows);
    assert.strictEqual(windows[2].views.at(-1)!.mode, 'polling');
    assert.strictEqual(h.server.listCalls, 6, 'the hand-over kept one page per interval');
  });

  it('takes over when the poller stops, within the lease time', async () => {
    const h = harness();
    h.server.add('A', 2);
    const a = h.make('a');
    const b = h.make('b');
    await h.run(INTERVAL, [a, b]);
    assert.strictEqual(a.views.at(-1)!.mode, 'polling');
    // a hangs (no more ticks, no release): b waits out the lease, then polls on the shared schedule.
    await h.run(2 * INTERVAL, [b]);
    assert.strictEqual(b.views.at(-1)!.mode, 'polling');
    assert.strictEqual(h.server.listCalls, 3);
  });

  it('polls nothing while signed out, and backs off while throttled', async () => {
    const h = harness();
    h.server.add('A', 2);
    const w = h.make('w');
    w.signedIn = false;
    await h.run(3 * INTERVAL, [w]);
    assert.strictEqual(h.server.listCalls, 0);
    assert.strictEqual(w.views.at(-1)!.mode, 'signedOut');

    w.signedIn = true;
    h.server.failNext = [
      Object.assign(new Error('throttled'), { retryAfterMs: 1000 }),
      Object.assign(new Error('throttled'), { retryAfterMs: 1000 }),
    ];
    await h.run(7 * INTERVAL, [w]);
    // t=0 fails (next in 2 intervals), t=2 fails (next in 4), t=6 succeeds.
    assert.strictEqual(h.server.listCalls, 3);
    assert.strictEqual(w.views.at(-1)!.problem, undefined, 'the problem is gone after a good poll');
  });
});

describe('watcher: accounts', () => {
  it("keeps each account's lease and snapshot in that account's own store, and names the account in its view", async () => {
    const h = harness();
    h.server.add('A', 3);
    const alice = new MemoryStore();
    const bob = new MemoryStore();
    let account: 'alice' | 'bob' = 'alice';
    // Each account's store, as its scope hands it over.
    const w = h.make('w', { account: () => ({ key: account, store: { alice, bob }[account] }) });
    await h.run(2 * INTERVAL, [w]);
    assert.deepStrictEqual([...alice.documents.keys()].sort(), ['lease-alice', 'watch-alice']);
    assert.strictEqual(w.views.at(-1)!.account, 'alice');
    account = 'bob';
    await h.run(2 * INTERVAL, [w]);
    assert.deepStrictEqual([...bob.documents.keys()].sort(), ['lease-bob', 'watch-bob']);
    assert.ok(![...bob.documents.values()].some((text) => text.includes('alice')), "nothing of alice's in bob's store");
    assert.strictEqual(w.views.at(-1)!.account, 'bob');
    assert.strictEqual(JSON.parse(alice.documents.get('lease-alice')!).expiresAt, 0, "alice's lease was given up");
  });
});

describe('watcher: which quiet ticket has its notes read', () => {
  it('takes recently changed tickets every other poll, all tickets in support’s hands in turn between', async () => {
    const { pickQuietTicket } = await import('../../../src/features/watcher/watcher');
    const now = 10 * 86_400_000;
    const tickets = {
      A: { title: '', status: 2 as const },
      B: { title: '', status: 4 as const, changedAt: now - 1000 },
      C: { title: '', status: 1 as const },
      D: { title: '', status: 3 as const, changedAt: now },
      E: { title: '', status: 4 as const, changedAt: now - 3 * 86_400_000 },
    };
    const picks = [0, 1, 2, 3, 4, 5, 6, 7].map((r) => pickQuietTicket(tickets, [], r, now));
    assert.deepStrictEqual(picks, ['B', 'A', 'B', 'B', 'B', 'C', 'B', 'E']);
    assert.strictEqual(
      pickQuietTicket(tickets, ['A', 'B', 'C', 'E'], 0, now),
      undefined,
      'D waits for the user: not checked',
    );
  });
});
