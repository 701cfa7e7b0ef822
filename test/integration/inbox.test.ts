// The Inbox in a real extension host against the emulator: an answer support writes (scripted in the emulator) that
// the watcher reads appears in the Inbox and in the activity-bar badge, opens its ticket's panel at that note, leaves
// the Inbox once seen, and stays gone when the conversation is read again (the server still marks it unread) and for
// a second watcher over the same storage (another window). The Inbox itself sends no request.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { AliyunTicketsTestApi, calmWorkbench, emulator, sleep, waitFor, onDemoTickets } from './harness';

const TICKET = 'INBOX0001';
const ANSWER = 'Please restart the instance from the console, then tell us the new RequestId.';

describe('inbox', function () {
  this.timeout(90_000);
  let api: AliyunTicketsTestApi;
  let storageDir: string;

  before(async () => {
    api = await onDemoTickets({ watcher: false });
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-test-'));
  });

  after(async () => {
    await calmWorkbench();
    fs.rmSync(storageDir, { recursive: true, force: true });
  });

  it('an answer from support appears in the Inbox and the badge, opens at that note, and stays seen', async () => {
    await emulator.addTicket(
      { ticketId: TICKET, title: 'Instance will not start', status: 2, createTime: Date.now() - 7_200_000 },
      [{ content: 'The instance i-123 does not start.', role: 'user' }],
    );
    // The watcher (one "window" driven by the test) takes its baseline, then support answers and asks for feedback.
    // Its lease (three heartbeats from the end of a poll) outlasts the test's wait between two ticks, so each tick renews
    // it and the third one polls.
    const watcher = api.watcher.createInstance({ storageDir, intervalMs: 1000, heartbeatMs: 1000, focused: false });
    try {
      await watcher.tick();
      await watcher.tick();
      const badgeBefore = api.explorer.viewText().badge ?? 0;
      const added = await emulator.addSupportNote(TICKET, { content: `${ANSWER}\nThanks.`, userName: 'Li Wei' });
      const dialogId = String(added.dialogId);
      await emulator.setStatus(TICKET, 3);
      await emulator.clearRequests();
      await sleep(1100);
      await watcher.tick();

      const item = await waitFor('the answer in the Inbox', () =>
        api.inbox.items().find((i) => i.ticketId === TICKET && i.dialogId === dialogId),
      );
      assert.strictEqual(item.firstLine, ANSWER);
      assert.strictEqual(item.author, 'Li Wei');
      assert.strictEqual(item.title, 'Instance will not start');
      assert.strictEqual(api.inbox.items()[0].dialogId, dialogId, 'the newest answer is first');
      assert.match(api.inbox.description() ?? '', /new answer/);
      // The row comes without its tooltip (its Markdown would be parsed with every redraw); pointing at it fills it.
      const inbox = api.inbox.treeDataProvider;
      const row = await inbox.getTreeItem(item);
      assert.strictEqual(row.tooltip, undefined, 'the row is sent without its tooltip');
      const resolved = (await inbox.resolveTreeItem!(row, item, new vscode.CancellationTokenSource().token)) ?? row;
      const tooltip = resolved.tooltip instanceof vscode.MarkdownString ? resolved.tooltip.value : '';
      assert.match(tooltip, /Li Wei/, `the tooltip says who answered: ${tooltip}`);
      assert.match(tooltip, /Instance will not start/, `and on which ticket: ${tooltip}`);
      // The badge counts the answer (and the ticket now waiting for feedback); its tooltip says what it counts.
      const badge = await waitFor('the badge to count the answer', () => {
        const value = api.explorer.viewText().badge ?? 0;
        return value >= badgeBefore + 1 ? value : undefined;
      });
      assert.ok(badge >= badgeBefore + 1);
      const notesReads = (await emulator.requests()).filter(
        (r) => r.action === 'ListTicketNotes' && JSON.stringify(r).includes(TICKET),
      );
      assert.strictEqual(notesReads.length, 1, 'only the watcher read the conversation; the Inbox asked nothing');

      // A click on the row: the panel opens scrolled to that note, and the answer leaves the Inbox.
      await vscode.commands.executeCommand('aliyunTickets.inbox.open', { ticketId: TICKET, dialogId });
      await waitFor('the panel to be told to show the answer', () => api.panels.focusedNote(TICKET) === dialogId);
      assert.match(api.panels.htmlFor(TICKET) ?? '', new RegExp(`data-note-id="${dialogId}"`));
      await waitFor('the answer to leave the Inbox', () => !api.inbox.items().some((i) => i.dialogId === dialogId));

      // The server still says "unread" (the user read it here, not in the console): read again, it stays seen.
      await api.ticketService.getNotes(TICKET, { force: true });
      await sleep(200);
      assert.ok(!api.inbox.items().some((i) => i.dialogId === dialogId), 'back in the Inbox after a new read');
      // The seen mark is kept in the account's folder, which every window reads (features/details/seenMarks.ts; the
      // unit test seenMarks.test.ts shows another window dropping it), not in globalState.
      assert.doesNotMatch(api.inspect.storedState(), new RegExp(`seenNotes[^}]*"${dialogId}"`));
      // A second window's watcher over the same storage reading the ticket again brings nothing back.
      const second = api.watcher.createInstance({ storageDir, intervalMs: 1000, heartbeatMs: 1000, focused: true });
      try {
        await emulator.setStatus(TICKET, 4);
        await sleep(1100);
        await watcher.dispose();
        await second.tick();
        await second.tick();
        await sleep(1100);
        await second.tick();
        assert.ok(!api.inbox.items().some((i) => i.dialogId === dialogId), 'back in the Inbox in a second window');
      } finally {
        await second.dispose();
      }
    } finally {
      await watcher.dispose();
    }
  });

  it('Mark All as Seen empties the Inbox', async () => {
    // No panel on screen (an open panel marks its answers seen as they arrive).
    await calmWorkbench();
    await emulator.addSupportNote(TICKET, { content: 'One more thing.' });
    await emulator.addSupportNote(TICKET, { content: 'And another.' });
    await api.ticketService.getNotes(TICKET, { force: true });
    await waitFor(
      'two answers in the Inbox',
      () => api.inbox.items().filter((i) => i.ticketId === TICKET).length === 2,
    );
    await vscode.commands.executeCommand('aliyunTickets.inbox.markAllSeen');
    assert.deepStrictEqual(api.inbox.items(), []);
    assert.strictEqual(api.inbox.description(), undefined);
  });
});
