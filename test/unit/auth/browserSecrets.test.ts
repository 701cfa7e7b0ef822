// Signing in and out in VS Code for the Web, where SecretStorage is the browser's (src/auth/browserSecrets.ts). The
// stand-in saves as code-server 4.139's LocalStorageSecretStorageProvider does: every secret of the window in memory,
// one copy of all of them taken at each write and saved after store() resolved, each save made before the server's key
// half first came fetching it again (its answer here as slow as the test says), and a window reading the browser's
// copy only when it opens. The next window opens over what the browser kept.
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Accounts } from '../../../src/auth/accounts/accounts';
import { accountSecretKey } from '../../../src/auth/accounts/accountIndex';
import { BROWSER_SAVE_KEY, SAVE_AGAIN_AFTER_MS, savedAgainInBrowser } from '../../../src/auth/browserSecrets';
import type { AccountChangeKind } from '../../../src/common/accountScope';
import { ALICE } from '../../fixtures/accounts';
import { MemoryStore } from '../details/memoryStore';

/** The browser's localStorage: the one copy of all secrets a window starts from. */
interface BrowserStorage {
  saved: Record<string, string>;
}

/** One window's SecretStorage in the browser. */
class BrowserWindowSecrets {
  private readonly memory: Record<string, string>;
  private serverKey = false;
  private fetches = 0;
  /** Every write the window's SecretStorage received, in order (the extension's and the re-saves). */
  readonly writes: string[] = [];
  private readonly listeners = new Set<(event: { key: string }) => void>();
  readonly onDidChange = (listener: (event: { key: string }) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  constructor(
    private readonly browser: BrowserStorage,
    /** How long the n-th fetch of the server's key half takes. */
    private readonly fetchTakes: (n: number) => number,
  ) {
    this.memory = { ...browser.saved };
  }

  async get(key: string) {
    return this.memory[key];
  }
  async store(key: string, value: string) {
    this.writes.push(key);
    this.memory[key] = value;
    this.changed(key);
  }
  async delete(key: string) {
    this.writes.push(key);
    delete this.memory[key];
    this.changed(key);
  }
  /** save() is not awaited: the copy taken now lands once it is sealed (at once when the key half is known). */
  private changed(key: string) {
    const copy = JSON.stringify(this.memory);
    const land = () => (this.browser.saved = JSON.parse(copy));
    if (this.serverKey) setImmediate(land);
    else
      setTimeout(() => {
        this.serverKey = true;
        land();
      }, this.fetchTakes(this.fetches++));
    setImmediate(() => this.listeners.forEach((l) => l({ key })));
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The first key answer takes 60 ms, later ones 1 ms: the sign-in's first copy (its entry alone) lands last. */
const firstAnswerLate = (n: number) => (n === 0 ? 60 : 1);

describe('auth/browserSecrets signing in and out in VS Code for the Web', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  /** A browser profile with nothing saved; its windows share the browser's storage and the profile's globalState. */
  async function profile(inBrowser: boolean, afterMs: number[] = [100, 200]) {
    const browser: BrowserStorage = { saved: {} };
    const globalStorageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'browser-secrets-test-'));
    dirs.push(globalStorageDir);
    const state = new MemoryStore();
    const open = async (fetchTakes: (n: number) => number = () => 1) => {
      const raw = new BrowserWindowSecrets(browser, fetchTakes);
      const secrets = savedAgainInBrowser(raw as never, inBrowser, afterMs);
      const problems: string[] = [];
      const accounts = new Accounts({ secrets, globalState: state as never, globalStorageDir }, (p) =>
        problems.push(p),
      );
      await accounts.ready;
      return { raw, secrets, accounts, problems };
    };
    /** Whether a window opened now over what the browser kept is signed in to `id` with ALICE's key. */
    const nextWindowSignedIn = async (id: string) => {
      const next = await open();
      const signedIn =
        next.accounts.active()?.id === id && JSON.stringify(await next.accounts.read()) === JSON.stringify(ALICE);
      next.accounts.dispose();
      return signedIn;
    };
    return { browser, open, nextWindowSignedIn };
  }

  it('without saving again (the desktop path) the stand-in loses the account list as the browser does', async () => {
    const { open, nextWindowSignedIn } = await profile(false);
    const first = await open(firstAnswerLate);
    const alice = await first.accounts.add(ALICE, undefined);
    await wait(300);
    first.accounts.dispose();
    assert.strictEqual(await nextWindowSignedIn(alice.id), false);
  });

  it('in the browser, the window opened after a sign-in is signed in even when its first copy landed last', async () => {
    const { browser, open, nextWindowSignedIn } = await profile(true);
    const first = await open(firstAnswerLate);
    const alice = await first.accounts.add(ALICE, undefined);
    await wait(300);
    first.accounts.dispose();
    assert.strictEqual(await nextWindowSignedIn(alice.id), true);
    // The write that made the browser save again holds nothing of the account.
    assert.ok(/^\d+$/.test(browser.saved[BROWSER_SAVE_KEY]), browser.saved[BROWSER_SAVE_KEY]);
  });

  it('with the default schedule, a reload one second after signing in is signed in when the server answers in 0.1 s', async () => {
    const { open, nextWindowSignedIn } = await profile(true, [...SAVE_AGAIN_AFTER_MS]);
    const first = await open((n) => (n === 0 ? 100 : 1));
    const alice = await first.accounts.add(ALICE, undefined);
    await wait(1_000);
    first.accounts.dispose();
    assert.strictEqual(await nextWindowSignedIn(alice.id), true, `saved again after ${SAVE_AGAIN_AFTER_MS} ms`);
  });

  it('saving again is unseen in the window: no reload of the accounts, one sign-in event, nothing reported', async () => {
    const { open } = await profile(true);
    const first = await open(firstAnswerLate);
    let listChanges = 0;
    const accountChanges: AccountChangeKind[] = [];
    const heard: string[] = [];
    first.accounts.onDidChange(() => listChanges++);
    first.accounts.onDidChangeAccount((change) => accountChanges.push(change.kind));
    first.secrets.onDidChange((event) => heard.push(event.key));
    await first.accounts.add(ALICE, undefined);
    // The sign-in's own writes have come back as change events by now.
    await wait(30);
    const afterSignIn = { listChanges, heard: heard.length, writes: first.raw.writes.length };
    await wait(300);
    // Saved again twice (else this test proves nothing), and nothing in the window moved.
    assert.deepStrictEqual(first.raw.writes.slice(afterSignIn.writes), [BROWSER_SAVE_KEY, BROWSER_SAVE_KEY]);
    assert.strictEqual(listChanges, afterSignIn.listChanges);
    assert.deepStrictEqual(accountChanges, ['signedIn']);
    assert.strictEqual(heard.length, afterSignIn.heard, `heard ${heard.join(', ')}`);
    assert.ok(!heard.includes(BROWSER_SAVE_KEY));
    assert.deepStrictEqual(first.problems, []);
    first.accounts.dispose();
  });

  it('a sign-out within the delay stays: the next window is signed out and the browser keeps no secret of the account', async () => {
    for (const inBrowser of [false, true]) {
      const { browser, open, nextWindowSignedIn } = await profile(inBrowser);
      const first = await open(firstAnswerLate);
      const alice = await first.accounts.add(ALICE, undefined);
      // Signed out at once, while the sign-in's first copy is still on its way and before the window saves again.
      await first.accounts.remove(alice.id);
      await wait(300);
      first.accounts.dispose();
      const kept = Object.keys(browser.saved).filter((key) => key === accountSecretKey(alice.id));
      if (!inBrowser) {
        // As the browser does on its own: the sign-in's late copy brought the deleted secret back into its storage.
        assert.deepStrictEqual(kept, [accountSecretKey(alice.id)]);
        continue;
      }
      assert.deepStrictEqual(kept, [], 'the signed-out secret is not in the browser');
      assert.ok(!JSON.stringify(browser.saved).includes(ALICE.accessKeySecret));
      assert.strictEqual(await nextWindowSignedIn(alice.id), false);
    }
  });

  it('a first key answer slower than the first save again: the second one still keeps the sign-in', async () => {
    const slowerThanFirst = (n: number) => (n === 0 ? 250 : 1);
    for (const afterMs of [[100], [100, 400]]) {
      const { open, nextWindowSignedIn } = await profile(true, afterMs);
      const first = await open(slowerThanFirst);
      const alice = await first.accounts.add(ALICE, undefined);
      await wait(500);
      first.accounts.dispose();
      // One save again at 100 ms lands before the late copy (250 ms); the one at 400 ms lands after it.
      assert.strictEqual(await nextWindowSignedIn(alice.id), afterMs.length === 2, `saved again after ${afterMs}`);
    }
  });
});
