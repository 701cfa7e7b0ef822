// Several windows (issue 23, item 2): three extension hosts running the built extension (dist/extension.js) over one
// profile's SecretStorage, globalState and global storage folder, as VS Code's windows share them (profile.ts), against
// the emulator over real HTTP. Their clocks are fake and move in step, so nothing here waits for real time:
// - signing out in one window signs every window out within a second (of their clocks), and nothing of the account
//   stays on any window's screen or in the profile's storage;
// - switching accounts applies to every window (docs/reliability.md), and nothing of the other account stays;
// - a reply draft edited in two windows: the last save wins, and a window opened later shows it;
// - one window polls for all; when it crashes, another takes the lease over within one poll interval.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEMO_CREDENTIALS, OTHER_ACCOUNT_CREDENTIALS, TicketEmulator } from '../../emulator/server';
import { Profile, type Window } from './profile';
import { accountsFolder } from '../../../src/common/accountScope';

const INTERVAL_S = 30;
const INTERVAL_MS = INTERVAL_S * 1000;

interface Screen {
  signedIn: boolean;
  accounts: Array<{ label: string; active: boolean }>;
  rows: Array<{ view: string; label?: string; description?: string; tooltip?: string }>;
  panels: Array<{ ticketId: string; text: string; draft: string }>;
  tabs: string[];
  statusBar: { text: string; tooltip: string; visible: boolean };
  marks: string[];
  inbox: unknown[];
  watcher?: { mode: string; waiting: Array<{ ticketId: string }> };
}

describe('several windows over one profile (three extension hosts, shared storage)', function () {
  this.timeout(240_000);
  let emu: TicketEmulator;
  let profile: Profile;
  let windows: Window[];
  /** What of the demo account could show: its ticket ids and titles. */
  let demoText: string[];

  const screens = () => Promise.all(profile.live().map((w) => w.call<Screen>('screen')));
  /**
   * The first thing of the demo account a window still shows, if any, with where it is. A panel left open keeps the
   * id the user opened (its tab and its "signed out" page name it), nothing else of the ticket.
   */
  const leftOf = (screen: Screen) => {
    const ownId = (text: string, ticketId: string) => text.split(ticketId).join('');
    const shown = JSON.stringify({
      ...screen,
      accounts: undefined,
      tabs: screen.tabs.map((tab) => screen.panels.reduce((t, p) => ownId(t, p.ticketId), tab)),
      panels: screen.panels.map((p) => ({ text: ownId(p.text, p.ticketId), draft: p.draft })),
    });
    const found = demoText.find((text) => shown.includes(text));
    const at = found ? shown.indexOf(found) : 0;
    return found && `${found} in …${shown.slice(Math.max(0, at - 300), at + 100)}…`;
  };
  const watcherPolls = () =>
    emu.requests.filter((r) => r.action === 'ListTickets' && (r.body.PageSize ?? r.query.PageSize) === '100');
  /** The lease file of the account's watcher: who polls. */
  const leaseOwner = (): string | undefined => {
    const accounts = accountsFolder(profile.storageDir);
    for (const id of fs.existsSync(accounts) ? fs.readdirSync(accounts) : []) {
      const file = path.join(accounts, id, 'watcher', `lease-${id}.json`);
      if (!fs.existsSync(file)) continue;
      const lease = JSON.parse(fs.readFileSync(file, 'utf8')) as { owner: string; expiresAt: number };
      return lease.expiresAt > 0 ? lease.owner : undefined;
    }
    return undefined;
  };
  const ownerWindow = () => profile.live().find((w) => leaseOwner()?.startsWith(`${w.pid}-`));

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'demo', language: 'en' });
    demoText = emu
      .allTickets()
      .flatMap((t) => [t.ticketId, t.title])
      .filter((text) => text.length >= 8);
  });

  beforeEach(async () => {
    emu.clearRequests();
    profile = new Profile(emu.url, INTERVAL_S);
    windows = [];
    for (const name of ['one', 'two', 'three']) windows.push(await profile.open(name, name === 'one'));
  });

  afterEach(async () => {
    await profile?.dispose();
  });

  after(async () => {
    await emu?.stop();
  });

  /** Signs in in window one; every window shows the demo account's tickets and its watcher runs. */
  async function signInEverywhere(): Promise<void> {
    await windows[0].call('signIn', { credentials: DEMO_CREDENTIALS });
    await profile.settle();
    for (const w of windows) await w.call('showView');
    // The watcher starts and takes its first look.
    await profile.advance(15_000);
    for (const screen of await screens()) {
      assert.ok(screen.signedIn, 'every window is signed in');
      assert.ok(leftOf(screen), 'every window shows the demo account’s tickets');
    }
  }

  it('signing out in one window signs every window out within a second, and nothing of the account stays', async () => {
    await signInEverywhere();
    const ticketId = emu.allTickets().find((t) => t.status === 2)!.ticketId;
    for (const w of windows) await w.call('openPanel', { ticketId });
    await windows[2].call('type', { ticketId, text: 'A reply typed in window three' });
    await profile.advance(1000);

    await windows[1].call('signOut');
    // Within a second of the windows' clocks: every window signed out and showing nothing of the account.
    let clean: Screen[] = [];
    const took = await profile.advance(1000, 100, async () => {
      clean = await screens();
      return clean.every((s) => !s.signedIn && !leftOf(s));
    });
    for (const [i, screen] of clean.entries()) {
      assert.strictEqual(screen.signedIn, false, `window ${windows[i].name} is still signed in`);
      assert.strictEqual(leftOf(screen), undefined, `window ${windows[i].name} still shows ${leftOf(screen)}`);
      assert.strictEqual(screen.statusBar.visible, false, `window ${windows[i].name}'s status bar`);
    }
    console.log(`      every window signed out after ${took} ms of their clocks`);
    assert.ok(took <= 1000);
    // Nothing of the account is left in the profile: no secret, no globalState key, no folder.
    assert.deepStrictEqual(
      [...profile.secrets.entries()].filter(([k, v]) => k !== 'aliyunTickets.accounts' || v !== '{"accounts":[]}'),
      [],
      'no secret but the empty list of accounts',
    );
    assert.deepStrictEqual(
      [...profile.state.keys()].filter((k) => k.includes('.scope')),
      [],
      'no account-scoped globalState key',
    );
    const folders = accountsFolder(profile.storageDir);
    assert.deepStrictEqual(
      fs.existsSync(folders) ? fs.readdirSync(folders, { recursive: true }) : [],
      [],
      'no account folder (nor any file in one)',
    );
  });

  it('switching accounts in one window switches every window, and nothing of the other account stays', async () => {
    await signInEverywhere();
    const ticketId = emu.allTickets().find((t) => t.status === 2)!.ticketId;
    await windows[1].call('openPanel', { ticketId });
    // Window three adds the other account (it owns no tickets): every window shows it.
    await windows[2].call('signIn', { credentials: OTHER_ACCOUNT_CREDENTIALS });
    await profile.advance(1000, 100);
    for (const w of windows) await w.call('showView');
    const other = await screens();
    for (const [i, screen] of other.entries()) {
      const active = screen.accounts.find((a) => a.active)?.label ?? '';
      assert.ok(
        active.includes(OTHER_ACCOUNT_CREDENTIALS.accessKeyId.slice(-4)),
        `window ${windows[i].name}: ${active}`,
      );
      assert.strictEqual(leftOf(screen), undefined, `window ${windows[i].name} still shows ${leftOf(screen)}`);
    }
    // Window one switches back: every window shows the demo account again.
    const demo = other[0].accounts.find((a) => !a.active)!.label;
    await windows[0].call('switchTo', { label: demo });
    await profile.advance(1000, 100);
    for (const w of windows) await w.call('showView');
    for (const [i, screen] of (await screens()).entries()) {
      assert.strictEqual(screen.accounts.find((a) => a.active)?.label, demo, `window ${windows[i].name}`);
      assert.ok(leftOf(screen), `window ${windows[i].name} shows the demo account's tickets again`);
    }
  });

  it('a reply draft edited in two windows: the last save wins, and a window opened later shows it', async () => {
    await signInEverywhere();
    const ticketId = emu.allTickets().find((t) => t.status === 3)!.ticketId;
    await windows[0].call('openPanel', { ticketId });
    await windows[0].call('type', { ticketId, text: 'First words, from window one' });
    await profile.advance(1000);
    // Window two opens the ticket after window one saved: its reply box has window one's text.
    assert.strictEqual(await windows[1].call('openPanel', { ticketId }), 'First words, from window one');
    await windows[1].call('type', { ticketId, text: 'First words, from window one, and more from window two' });
    await profile.advance(1000);
    // Window one closes its panel (nothing of it waits to be written), window three opens the ticket: the last save.
    await windows[0].call('closePanel', { ticketId });
    await profile.settle();
    assert.strictEqual(
      await windows[2].call('openPanel', { ticketId }),
      'First words, from window one, and more from window two',
    );
    // A window opened now (a reload) reads the same.
    const late = await profile.open('four');
    await late.call('showView');
    assert.strictEqual(
      await late.call('openPanel', { ticketId }),
      'First words, from window one, and more from window two',
    );
  });

  it('one window polls for all; when it crashes, another takes the lease over within one interval', async () => {
    await signInEverywhere();
    await profile.advance(INTERVAL_MS);
    // Three intervals: one watcher ListTickets each, from the one window that holds the lease.
    const owner = ownerWindow();
    assert.ok(owner, `a live window holds the lease (${leaseOwner()})`);
    emu.clearRequests();
    const polledAt: number[] = [];
    const record = async () => {
      while (polledAt.length < watcherPolls().length) polledAt.push(profile.mono);
    };
    await profile.advance(3 * INTERVAL_MS, 1000, record);
    assert.strictEqual(polledAt.length, 3, `one poll per interval for three windows, got ${polledAt.length}`);
    assert.strictEqual(ownerWindow(), owner, 'the same window kept the lease');

    // It crashes just after a poll.
    await profile.advance(INTERVAL_MS, 1000, async () => {
      await record();
      return polledAt.length === 4;
    });
    const lastPoll = polledAt[3];
    await owner.crash();
    const crashedAt = profile.mono;
    let takenAt: number | undefined;
    await profile.advance(2 * INTERVAL_MS, 1000, async () => {
      await record();
      if (takenAt === undefined && ownerWindow()) takenAt = profile.mono;
      return polledAt.length === 5;
    });
    assert.ok(takenAt !== undefined, 'another window took the lease');
    const heir = ownerWindow()!;
    assert.notStrictEqual(heir, owner);
    console.log(
      `      lease taken over ${takenAt! - crashedAt} ms after the crash; next poll ${polledAt[4] - lastPoll} ms after the last`,
    );
    assert.ok(takenAt! - crashedAt <= INTERVAL_MS, `the lease passed after ${takenAt! - crashedAt} ms`);
    assert.ok(polledAt[4] - lastPoll <= INTERVAL_MS + 5000, `the next poll came ${polledAt[4] - lastPoll} ms later`);
    // And it keeps one poll per interval.
    const before = polledAt.length;
    await profile.advance(2 * INTERVAL_MS, 1000, record);
    assert.strictEqual(polledAt.length - before, 2, 'one poll per interval after the take-over');
  });
});
