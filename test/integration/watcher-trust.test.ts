// The trust boundary on the watcher's surfaces in the real VS Code: every string of the hostile corpus, as a ticket's
// title and as support's note on it, goes through the real watcher (ListTickets and ListDialogs against the emulator,
// its announcements, vscode.window.showInformationMessage) and the real status-bar item (the count of tickets that
// wait, refreshed as the Tickets view refreshes). What VS Code was handed must follow common/untrustedText.ts's rules
// for each surface: a notification message holds no markdown link VS Code would make live (`[x](command:|https:|file:)`),
// no line break and no control, bidi or invisible character; the status-bar text draws our icon only; its tooltip is
// plain text (a string: VS Code draws no link and no icon in it) free of hidden characters. In code-server the test
// also reads what the workbench drew: no link and no icon in any notification message, one icon in the item.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WatcherInstance } from '../../src/features/watcher/register';
import { hostileTicketId } from '../emulator/seed';
import { HOSTILE_STRINGS } from '../fixtures/hostile-strings';
import { HIDDEN, ICON, LINE_BREAK, notificationLinks } from '../fixtures/surfaceChecks';
import { AliyunTicketsTestApi, calmWorkbench, emulator, onDemoTickets, sleep, ui, waitFor } from './harness';

const INTERVAL_MS = 400;
const WAITING_FOR_YOU = 3;
const COMPLETED = 6;
/** At most three announcements at once are shown one by one (more make one summary): three corpus strings a poll. */
const BATCH = 3;
/** The status bar's tooltip names the 10 newest tickets that wait: it is read once per nine. */
const GROUP = 9;

/** Where a check failed: the corpus label and the start of the text, printable. */
const where = (label: string, text: string) => `${label}: ${JSON.stringify(text.slice(0, 160))}`;

/** A notification message as the trust module's notification rules want it. */
function assertInertNotification(label: string, message: string): void {
  assert.deepStrictEqual(notificationLinks(message), [], `a live link in the notification of ${where(label, message)}`);
  assert.doesNotMatch(message, /\]\(/, `a markdown link's "](" in ${where(label, message)}`);
  assert.doesNotMatch(message, HIDDEN, `a hidden character in ${where(label, message)}`);
  assert.doesNotMatch(message, LINE_BREAK, `a line break in ${where(label, message)}`);
  assert.ok(message.length < 1000, `VS Code cuts a notification at 1000 characters: ${where(label, message)}`);
}

describe('trust boundary: the hostile corpus through the real watcher notification and status bar', function () {
  // 36 polls of a few hundred ms and 12 refreshes of the Tickets view: under a minute on a quiet machine.
  this.timeout(600_000);
  let api: AliyunTicketsTestApi;
  let storageDir: string;
  let watcher: WatcherInstance | undefined;

  before(async () => {
    api = await onDemoTickets({ watcher: false });
    await emulator.reset('hostile');
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'watcher-trust-'));
  });

  after(async () => {
    await watcher?.dispose();
    fs.rmSync(storageDir, { recursive: true, force: true });
    await emulator.reset();
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    await calmWorkbench();
  });

  it('every corpus string as a title and a support note: inert in the notification, the status-bar text and its tooltip', async () => {
    // The hostile seed has one ticket per corpus string, in corpus order. All finished first: the watcher's list of
    // unfinished tickets then holds only the batch under test (a complete list, so a ticket new to it is news).
    const tickets = (await emulator.tickets()).filter((t) => /^HST\d{7}$/.test(t.ticketId));
    assert.strictEqual(tickets.length, HOSTILE_STRINGS.length, 'one hostile ticket per corpus string');
    const idOf = hostileTicketId;
    assert.strictEqual((await emulator.ticket(idOf(7))).title, HOSTILE_STRINGS[7].value, 'in corpus order');
    for (const ticket of tickets) await emulator.setStatus(ticket.ticketId, COMPLETED);

    watcher = api.watcher.createInstance({
      id: 'trust-window',
      storageDir,
      intervalMs: INTERVAL_MS,
      heartbeatMs: 1000,
    });
    await watcher.tick(); // takes the lease
    await watcher.tick(); // polls: the baseline (nothing unfinished)
    assert.strictEqual(watcher.view()?.mode, 'polling');
    assert.strictEqual(watcher.announcements().length, 0, 'the first poll is a baseline');

    const checked = new Set<number>();
    /** Support writes the corpus strings of `batch` and hands their tickets back: one notification each, checked. */
    const announce = async (batch: number[]) => {
      const ids = batch.map(idOf);
      const since = Date.now();
      // The emulator takes no empty note: the empty string's ticket gets none.
      for (const index of batch) {
        const { value } = HOSTILE_STRINGS[index];
        if (value !== '') await emulator.addSupportNote(idOf(index), { content: value });
        await emulator.setStatus(idOf(index), WAITING_FOR_YOU);
      }
      const announced = () => watcher!.announcements().filter((a) => ids.includes(a.ticketId));
      await waitFor(
        `the watcher to announce ${ids.join(', ')}`,
        async () => {
          await sleep(INTERVAL_MS + 50);
          await watcher!.tick();
          return announced().length === ids.length || undefined;
        },
        30_000,
      );

      // What VS Code was handed: the text of each showInformationMessage, as the extension called it.
      const shown = api.watcher.notificationsShown().filter((text) => ids.some((id) => text.includes(id)));
      assert.strictEqual(shown.length, ids.length, `one notification per ticket: ${JSON.stringify(shown)}`);
      for (const index of batch) {
        const { label } = HOSTILE_STRINGS[index];
        const message = shown.find((text) => text.includes(idOf(index)))!;
        assert.match(message, /^Support is waiting for your feedback on ticket HST\d{7} “/, where(label, message));
        assertInertNotification(label, message);
      }
      if (!ui.available()) return;
      // What the workbench drew: each message without a link or an icon. The center draws only the rows in view (a
      // long message makes a tall row): scroll on to the others.
      await vscode.commands.executeCommand('notifications.showList');
      const drawnHere = async () =>
        (await ui.notifications()).filter((n) => n.at >= since && ids.some((id) => n.text.includes(`ticket ${id} `)));
      const drawn = await waitFor(
        `the workbench to draw the notifications of ${ids.join(', ')}`,
        async () => {
          const found = await drawnHere();
          if (ids.every((id) => found.some((n) => n.text.includes(`ticket ${id} `)))) return found;
          await ui.scrollNotifications(250);
          return undefined;
        },
        20_000,
      ).catch(async (error: Error) => {
        const seen = (await ui.notifications()).filter((n) => n.at >= since).map((n) => n.text.slice(0, 100));
        const shot = await ui.screenshot(`watcher-trust-${ids[0]}`).catch(() => undefined);
        throw new Error(`${error.message}; drawn: ${JSON.stringify(seen)}; screenshot ${shot?.file}`);
      });
      for (const n of drawn) {
        assert.deepStrictEqual(n.links ?? [], [], `a link drawn in the notification ${JSON.stringify(n.text)}`);
        assert.deepStrictEqual(n.icons ?? [], [], `an icon drawn in the notification ${JSON.stringify(n.text)}`);
      }
      await vscode.commands.executeCommand('notifications.clearAll');
    };

    /** The status bar with the tickets of `group` waiting: the Tickets view's refresh counts again; the item names them. */
    const countedInStatusBar = async (group: number[]) => {
      const ids = group.map(idOf);
      const labels = group.map((i) => HOSTILE_STRINGS[i].label).join(' / ');
      await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
      const bar = await waitFor(
        `the status-bar item naming ${ids.join(', ')}`,
        () => {
          const item = api.watcher.statusBar();
          return item.visible && ids.every((id) => item.tooltip.includes(id)) ? item : undefined;
        },
        20_000,
      );
      assert.deepStrictEqual(
        [...bar.text.matchAll(ICON)].map((m) => m[1]),
        ['bell-dot'],
        `only our icon in the status-bar text with ${labels}: ${JSON.stringify(bar.text)}`,
      );
      assert.match(bar.text, /^\$\(bell-dot\) \d+$/);
      assert.ok(bar.plainTooltip, 'the tooltip is a string: plain text, no markdown link or icon is drawn in it');
      for (const line of bar.tooltip.split('\n')) {
        assert.doesNotMatch(line, HIDDEN, `a hidden character in the tooltip with ${labels}: ${JSON.stringify(line)}`);
        assert.ok(line.length <= 400, `a tooltip line stays short: ${JSON.stringify(line.slice(0, 120))}`);
      }
      if (!ui.available()) return;
      const items = await ui.statusBar('Alibaba Cloud ticket');
      assert.strictEqual(items.length, 1, `the watcher's item in the status bar: ${JSON.stringify(items)}`);
      assert.deepStrictEqual(
        items[0].icons.map((icon) => /codicon-([\w-]+)/.exec(icon)?.[1]),
        ['bell-dot'],
        `only our icon drawn in the status bar with ${labels}`,
      );
    };

    const all = HOSTILE_STRINGS.map((_, i) => i);
    for (let first = 0; first < all.length; first += GROUP) {
      const group = all.slice(first, first + GROUP);
      for (let at = 0; at < group.length; at += BATCH) await announce(group.slice(at, at + BATCH));
      await countedInStatusBar(group);
      // Done with these: finished again, so the next group is the only news and the only tickets counted.
      for (const index of group) await emulator.setStatus(idOf(index), COMPLETED);
      for (const index of group) checked.add(index);
    }
    assert.strictEqual(checked.size, HOSTILE_STRINGS.length, 'the whole corpus went through both surfaces');
  });
});
