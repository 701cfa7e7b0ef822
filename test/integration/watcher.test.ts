// The watcher in a real extension host against the emulator: a status change and a new support note scripted in the
// emulator give one notification each, with nothing repeated by a new watcher over the same storage (a reload), none
// while signed out, and one ListTickets per interval with two watchers (two windows) over the same storage.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WatcherInstance, WatcherInstanceOptions } from '../../src/features/watcher/register';
import {
  AliyunTicketsTestApi,
  DEMO_CREDENTIALS,
  calmWorkbench,
  emulator,
  setSetting,
  sleep,
  testEnv,
  ui,
  waitFor,
  onDemoTickets,
} from './harness';

const INTERVAL_MS = 1500;
const TICKET = 'WATCH0001';

/** The emulator's control API: how a test plays support (tickets/<id>/status and tickets/<id>/notes). */
async function control(route: string, body: unknown): Promise<void> {
  const res = await fetch(`${testEnv.emulatorUrl}/__emulator/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(res.ok, `the emulator took ${route}: ${res.status} ${await res.text()}`);
}
const support = {
  setStatus: (status: number) => control(`tickets/${TICKET}/status`, { status }),
  addNote: (content: string) => control(`tickets/${TICKET}/notes`, { content }),
  /** A fresh ticket in support's hands, with one note from each side. */
  reset: () =>
    control('tickets', {
      ticket: { ticketId: TICKET, title: 'Watched renewal ticket', status: 2, createTime: Date.now() - 3_600_000 },
      notes: [
        { content: 'The renewal fails with InvalidOrder.', role: 'user' },
        { content: 'We are checking the order.', role: 'agent' },
      ],
    }),
};

describe('watcher', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;
  let storageDir: string;
  const instances: WatcherInstance[] = [];

  const make = (options: WatcherInstanceOptions) => {
    const instance = api.watcher.createInstance({
      storageDir,
      intervalMs: INTERVAL_MS,
      // A lease lasts three heartbeats from the end of the last poll: longer than the test's wait between two ticks
      // (nextInterval), as the window's own timer ticks every heartbeat.
      heartbeatMs: 1000,
      focused: false,
      ...options,
    });
    instances.push(instance);
    return instance;
  };
  /** The watchers' ListTickets: all five unfinished statuses in one page (the Tickets view asks one status per group). */
  const listCalls = async () =>
    (await emulator.requests()).filter(
      (r) => r.action === 'ListTickets' && r.body['StatusList.5'] !== undefined && r.body['StatusList.6'] === undefined,
    ).length;
  /** Waits out the interval, then ticks: the instance polls if it holds the lease. */
  const nextInterval = async (...all: WatcherInstance[]) => {
    await sleep(INTERVAL_MS + 100);
    for (const w of all) await w.tick();
  };

  before(async () => {
    api = await onDemoTickets({ watcher: false });
  });

  beforeEach(async () => {
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'watcher-test-'));
    await support.reset();
  });

  afterEach(async () => {
    for (const w of instances.splice(0)) await w.dispose();
    fs.rmSync(storageDir, { recursive: true, force: true });
  });

  after(async () => {
    await setSetting('watcher.enabled', false);
    await calmWorkbench();
  });

  it('announces a status change and a new support note once each; a reload (new instance) repeats nothing', async () => {
    const since = Date.now();
    const window1 = make({ id: 'window-1' });
    await window1.tick(); // takes the lease
    await window1.tick(); // polls: the baseline
    assert.strictEqual(window1.view()?.mode, 'polling');
    assert.strictEqual(window1.announcements().length, 0, 'the first poll is a baseline');

    await support.addNote('Please send the order number.');
    await support.setStatus(3);
    await nextInterval(window1);
    assert.deepStrictEqual(
      window1.announcements().map((a) => a.message),
      [
        'Support is waiting for your feedback on ticket WATCH0001 “Watched renewal ticket”: “Please send the order number.”',
      ],
    );
    assert.deepStrictEqual(
      window1
        .view()
        ?.waiting.map((t) => t.ticketId)
        .filter((id) => id === TICKET),
      [TICKET],
    );

    // Support writes again without changing the status: the ticket is in the user's hands (3), so it is not in the
    // turn-by-turn note check; the user replies (status 4) and support adds a note.
    await support.setStatus(4);
    await nextInterval(window1);
    await support.addNote('Thanks, we have forwarded it to billing.');
    // The quiet check visits one ticket in support's hands per poll: enough polls to reach this one among the seed's.
    const deadline = Date.now() + 40_000;
    while (!window1.announcements().some((a) => a.kind === 'supportNote') && Date.now() < deadline)
      await nextInterval(window1);
    const notes = window1.announcements().filter((a) => a.kind === 'supportNote');
    assert.strictEqual(notes.length, 1);
    assert.ok(api.watcher.markedTicketIds().has(TICKET), 'the Tickets view marks the ticket until it is opened');
    // The flat list, newest first: the ticket is on its first page.
    await setSetting('explorer.groupByStatus', false);
    try {
      const row = await waitFor(
        'the marked row in the Tickets view',
        async () => {
          const tree = api.explorer.treeDataProvider;
          for (const child of (await tree.getChildren()) ?? []) {
            const item = await tree.getTreeItem(child);
            const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
            if (label.startsWith(`${TICKET} · `)) return item;
          }
          return undefined;
        },
        20_000,
      );
      // "new" from the watcher's mark, or "● 1 new" once the conversation it read counts as unread.
      assert.match(String(row.description), /^(● \d+ )?new$/);
      assert.strictEqual((row.iconPath as vscode.ThemeIcon | undefined)?.id, 'comment-unresolved');
    } finally {
      await setSetting('explorer.groupByStatus', undefined);
    }
    await vscode.commands.executeCommand('aliyunTickets.openTicket', TICKET);
    await waitFor('the mark to go once the ticket is open', () => !api.watcher.markedTicketIds().has(TICKET));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.match(
      notes[0].message,
      /Support added a note to ticket WATCH0001 “Watched renewal ticket”: “Thanks, we have forwarded it to billing\.”/,
    );

    await window1.dispose();
    const afterReload = make({ id: 'window-1-reloaded' });
    await afterReload.tick();
    await afterReload.tick();
    await nextInterval(afterReload);
    await nextInterval(afterReload);
    assert.strictEqual(afterReload.announcements().length, 0, 'nothing announced again after the reload');
    const shown = api.watcher.notificationsShown().filter((text) => text.includes('WATCH0001'));
    assert.strictEqual(
      shown.filter((t) => t.includes('waiting for your feedback')).length,
      1,
      `one notification for the status change: ${JSON.stringify(shown)}`,
    );
    assert.strictEqual(
      shown.filter((t) => t.includes('Support added a note')).length,
      1,
      'one notification for the note',
    );
    if (ui.available()) {
      // And the person sees it: in the notification center (the smoke-test driver shows no toasts).
      await ui.waitForNotification(/Support added a note to ticket WATCH0001/, since);
    }
  });

  it('polls nothing while signed out', async () => {
    const w = make({ id: 'signed-out-window' });
    await api.auth.signOut();
    try {
      await emulator.clearRequests();
      await w.tick();
      await nextInterval(w);
      await nextInterval(w);
      assert.strictEqual(w.view()?.mode, 'signedOut');
      assert.strictEqual((await emulator.requests()).length, 0, 'no request at all');
    } finally {
      await api.auth.signInWith(DEMO_CREDENTIALS);
    }
  });

  it('two windows over the same storage: one polls, one ListTickets per interval, both know what waits', async () => {
    await support.setStatus(3);
    const a = make({ id: 'window-a' });
    const b = make({ id: 'window-b' });
    await emulator.clearRequests();
    await a.tick(); // a takes the lease
    await b.tick(); // b follows
    await a.tick(); // a polls
    for (let i = 0; i < 3; i++) await nextInterval(a, b);
    const calls = await listCalls();
    assert.strictEqual(calls, 4, `one ListTickets per interval for two windows (4 intervals), got ${calls}`);
    assert.deepStrictEqual([a.view()?.mode, b.view()?.mode], ['polling', 'following']);
    assert.ok(
      b.view()?.waiting.some((t) => t.ticketId === TICKET),
      'the follower shows the poller’s snapshot',
    );
  });

  it('shows how many tickets wait for the user in the status bar, opening the first', async () => {
    await setSetting('watcher.enabled', true);
    try {
      // The count has parts (answers not seen yet, left by the first test, and the tickets that wait): wait for the
      // waiting part, counted by its own request.
      const bar = await waitFor(
        'the status-bar item naming the tickets that wait',
        () => {
          const shown = api.watcher.statusBar();
          return shown.visible && /wait for you/.test(shown.tooltip) ? shown : undefined;
        },
        20_000,
      );
      assert.match(bar.text, /^\$\(bell-dot\) \d+$/);
      assert.match(
        bar.tooltip,
        /wait for you \(Waiting for your feedback, To be confirmed\)\.\n[\s\S]*Click to open the most recent: \w+\.$/,
      );
    } finally {
      await setSetting('watcher.enabled', false);
    }
  });
});
