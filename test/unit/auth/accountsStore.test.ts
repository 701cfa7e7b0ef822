// Several accounts over an in-memory SecretStorage that reports changes as VS Code's does: each account's sign-in in
// exactly one entry of its own (a switch moves no secret), a sign-in saved by an earlier version moved there once,
// one event per change of the active account, each account's scope its own, and removing an account removes its data.
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Accounts } from '../../../src/auth/accounts/accounts';
import { ACCOUNT_INDEX_KEY, accountSecretKey } from '../../../src/auth/accounts/accountIndex';
import { LEGACY_SECRET_KEY, type StoredSignIn } from '../../../src/auth/credentialInput';
import {
  accountsFolder,
  accountStorageDir,
  FIRST_SIGN_IN_KEY,
  type AccountChange,
} from '../../../src/common/accountScope';
import { ALICE } from '../../fixtures/accounts';
import { MemoryStore } from '../details/memoryStore';

class MemorySecrets {
  readonly entries = new Map<string, string>();
  /** Keys whose next read fails (a keychain that is locked or not ready yet). */
  readonly failingReads = new Set<string>();
  private readonly listeners = new Set<(event: { key: string }) => void>();
  readonly onDidChange = (listener: (event: { key: string }) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  async get(key: string) {
    if (this.failingReads.delete(key)) throw new Error('the keychain is locked');
    return this.entries.get(key);
  }
  async store(key: string, value: string) {
    this.entries.set(key, value);
    this.fire(key);
  }
  async delete(key: string) {
    this.entries.delete(key);
    this.fire(key);
  }
  /** Another VS Code window wrote the entry. */
  fromOtherWindow(key: string, value: string) {
    this.entries.set(key, value);
    this.fire(key);
  }
  private fire(key: string) {
    setImmediate(() => this.listeners.forEach((l) => l({ key })));
  }
}

const BOB: StoredSignIn = {
  kind: 'accessKey',
  accessKeyId: 'STS.BobKey000000VbT7',
  accessKeySecret: 'bob-secret-value-0002',
  securityToken: 'bob-token-0003',
};
const INTL = 'https://workorder.ap-southeast-1.aliyuncs.com';

const dirs: string[] = [];

async function setup(before?: (secrets: MemorySecrets, state: MemoryStore) => void) {
  const secrets = new MemorySecrets();
  const state = new MemoryStore();
  before?.(secrets, state);
  const globalStorageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'accounts-test-'));
  dirs.push(globalStorageDir);
  const storage = { secrets: secrets as never, globalState: state as never, globalStorageDir };
  const accounts = new Accounts(storage);
  const changes: AccountChange[] = [];
  accounts.onDidChangeAccount((change) => changes.push(change));
  await accounts.ready;
  return { secrets, state, accounts, changes, storage, globalStorageDir };
}

/** The SecretStorage entries that hold this text. */
function entriesHolding(secrets: MemorySecrets, text: string): string[] {
  return [...secrets.entries].filter(([, value]) => value.includes(text)).map(([key]) => key);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('auth/accounts Accounts over SecretStorage', () => {
  after(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  it("a sign-in saved by an earlier version moves into its account's own entry, and the old entry goes", async () => {
    const { accounts, secrets } = await setup((s) => s.entries.set(LEGACY_SECRET_KEY, JSON.stringify(ALICE)));
    assert.deepStrictEqual(
      accounts.list().map((a) => [a.label, a.endpoint]),
      [['AccessKey …W9pK', undefined]],
    );
    const alice = accounts.active()!;
    assert.deepStrictEqual(entriesHolding(secrets, ALICE.accessKeySecret), [accountSecretKey(alice.id)]);
    assert.ok(!secrets.entries.has(LEGACY_SECRET_KEY));
    assert.ok(!secrets.entries.get(ACCOUNT_INDEX_KEY)!.includes(ALICE.accessKeySecret), 'the index holds no secret');
    assert.deepStrictEqual(await accounts.read(), ALICE);
  });

  it('remembers when an account was first signed in here, before announcing it; signing in to it again keeps that', async () => {
    const { accounts } = await setup();
    const seenAtAnnouncement: unknown[] = [];
    accounts.onDidChangeAccount((change) => seenAtAnnouncement.push(change.current?.memento.get(FIRST_SIGN_IN_KEY)));
    const before = Date.now();
    await accounts.add(ALICE, undefined);
    const first = accounts.current()!.memento.get<number>(FIRST_SIGN_IN_KEY)!;
    assert.ok(first >= before && first <= Date.now(), `first sign-in at ${first}`);
    assert.deepStrictEqual(seenAtAnnouncement, [first], 'known to whoever hears of the sign-in');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await accounts.add({ ...ALICE, accessKeySecret: 'alice-rotated-secret-0004' }, undefined);
    assert.strictEqual(accounts.current()!.memento.get(FIRST_SIGN_IN_KEY), first, 'a rotated key is the same account');
  });

  it('an entry the keychain cannot read at start-up keeps its account and everything it kept; a damaged one goes', async () => {
    const { accounts, storage, globalStorageDir } = await setup();
    const alice = await accounts.add(ALICE, undefined);
    await accounts.current()!.memento.update('recentTickets', ['0001ABCDEF']);
    const folder = accountStorageDir(globalStorageDir, alice.id);
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'known.json'), '{}');
    accounts.dispose();

    // The next window starts while the keychain refuses one read.
    const secrets = storage.secrets as unknown as MemorySecrets;
    secrets.failingReads.add(accountSecretKey(alice.id));
    const problems: string[] = [];
    const next = new Accounts(storage, (problem) => problems.push(problem));
    await next.ready;
    assert.deepStrictEqual(
      next.list().map((a) => a.id),
      [alice.id],
      'the account stays saved',
    );
    assert.deepStrictEqual(next.current()?.memento.get('recentTickets'), ['0001ABCDEF'], 'its recent tickets stay');
    assert.ok(await fs.stat(path.join(folder, 'known.json')), 'its folder stays');
    assert.ok(secrets.entries.has(accountSecretKey(alice.id)), 'its sign-in stays');
    next.dispose();

    // A damaged entry is gone for good: the account goes with its data, as when an earlier version signed out.
    secrets.entries.set(accountSecretKey(alice.id), '{not json');
    const third = new Accounts(storage);
    await third.ready;
    assert.deepStrictEqual(third.list(), []);
    assert.strictEqual(
      (storage.globalState as unknown as MemoryStore).keys().some((k) => k.includes(alice.id)),
      false,
      'its data went',
    );
    third.dispose();
  });

  it('an index the keychain cannot read when another window changed it leaves the list as it was', async () => {
    const { accounts, secrets } = await setup();
    const alice = await accounts.add(ALICE, undefined);
    await settle();
    let listChanges = 0;
    accounts.onDidChange(() => listChanges++);
    secrets.failingReads.add(ACCOUNT_INDEX_KEY);
    secrets.fromOtherWindow(ACCOUNT_INDEX_KEY, secrets.entries.get(ACCOUNT_INDEX_KEY)!);
    await settle();
    assert.deepStrictEqual(
      accounts.list().map((a) => a.id),
      [alice.id],
    );
    assert.strictEqual(listChanges, 0, 'no change announced (a listener would remove the data of accounts not listed)');
    assert.deepStrictEqual(await accounts.read(), ALICE);
  });

  it('a list the keychain cannot read at start-up: signed out for now, no account or data removed, a sign-in keeps the others', async () => {
    const { accounts, storage, globalStorageDir } = await setup();
    const alice = await accounts.add(ALICE, undefined);
    await accounts.current()!.memento.update('recentTickets', ['0001ABCDEF']);
    const folder = accountStorageDir(globalStorageDir, alice.id);
    await fs.mkdir(folder, { recursive: true });
    accounts.dispose();

    const secrets = storage.secrets as unknown as MemorySecrets;
    secrets.failingReads.add(ACCOUNT_INDEX_KEY);
    const problems: string[] = [];
    const next = new Accounts(storage, (problem) => problems.push(problem));
    await next.ready;
    assert.strictEqual(next.listKnown, false);
    assert.strictEqual(next.current(), undefined, 'signed out for now');
    assert.match(problems.join('\n'), /saved accounts/, 'the user is told');
    assert.ok(secrets.entries.has(accountSecretKey(alice.id)), "Alice's sign-in stays");
    assert.deepStrictEqual(
      (storage.globalState as unknown as MemoryStore).get(`aliyunTickets.scope.${alice.id}/recentTickets`),
      ['0001ABCDEF'],
      'her data stays',
    );
    assert.ok(await fs.stat(folder), 'her folder stays');

    // Signing in with another key reads the list first: Alice is still saved afterwards.
    await next.add(BOB, INTL);
    assert.strictEqual(next.listKnown, true);
    assert.deepStrictEqual(
      next.list().map((a) => a.label),
      ['AccessKey …W9pK', 'Temporary AccessKey …VbT7'],
    );
    next.dispose();
  });

  it('accounts of the previous layout (the active one in the single entry) keep working', async () => {
    const { accounts, secrets } = await setup((s) => {
      s.entries.set(
        ACCOUNT_INDEX_KEY,
        JSON.stringify({
          active: 'a-1',
          accounts: [
            { id: 'a-1', label: 'AccessKey …W9pK' },
            { id: 'b-2', label: 'x' },
          ],
        }),
      );
      s.entries.set(LEGACY_SECRET_KEY, JSON.stringify(ALICE));
      s.entries.set(accountSecretKey('b-2'), JSON.stringify(BOB));
    });
    assert.deepStrictEqual(await accounts.read(), ALICE);
    assert.deepStrictEqual(entriesHolding(secrets, ALICE.accessKeySecret), [accountSecretKey('a-1')]);
    await accounts.switchTo('b-2');
    assert.deepStrictEqual(await accounts.read(), BOB);
  });

  it('adding and switching move no secret: each stays in its one entry; the site and key come together', async () => {
    const { accounts, secrets } = await setup();
    const alice = await accounts.add(ALICE, undefined);
    const bob = await accounts.add(BOB, INTL);
    const before = new Map(secrets.entries);
    assert.deepStrictEqual(entriesHolding(secrets, ALICE.accessKeySecret), [accountSecretKey(alice.id)]);
    assert.deepStrictEqual(entriesHolding(secrets, BOB.accessKeySecret), [accountSecretKey(bob.id)]);
    assert.deepStrictEqual(entriesHolding(secrets, BOB.securityToken!), [accountSecretKey(bob.id)]);
    const session = (await accounts.session())!;
    assert.deepStrictEqual([session.account.id, session.account.endpoint, session.signIn], [bob.id, INTL, BOB]);

    await accounts.switchTo(alice.id);
    for (const [key, value] of before)
      if (key !== ACCOUNT_INDEX_KEY) assert.strictEqual(secrets.entries.get(key), value);
    const now = (await accounts.session())!;
    assert.deepStrictEqual([now.account.id, now.account.endpoint, now.signIn], [alice.id, undefined, ALICE]);
  });

  it("each account's scope is its own; removing an account removes its memento keys, secrets and folder", async () => {
    const { accounts, state, secrets } = await setup();
    const alice = await accounts.add(ALICE, undefined);
    const aliceScope = accounts.current()!;
    await aliceScope.memento.update('recentTickets', ['ALICE00001']);
    await aliceScope.secrets.store('draft.0005PYGCW', 'alice confidential');
    await fs.mkdir(aliceScope.storageDir, { recursive: true });
    await fs.writeFile(path.join(aliceScope.storageDir, 'snapshot.json'), '{"title":"alice"}');

    const bob = await accounts.add(BOB, INTL);
    const bobScope = accounts.current()!;
    assert.strictEqual(bobScope.accountId, bob.id);
    assert.strictEqual(bobScope.memento.get('recentTickets'), undefined, 'Bob sees nothing of Alice');
    assert.strictEqual(await bobScope.secrets.get('draft.0005PYGCW'), undefined);
    assert.notStrictEqual(bobScope.storageDir, aliceScope.storageDir);
    await bobScope.memento.update('recentTickets', ['BOB0000001']);

    await accounts.switchTo(alice.id);
    assert.deepStrictEqual(accounts.current()!.memento.get('recentTickets'), ['ALICE00001']);

    const { nowActive } = await accounts.remove(alice.id);
    assert.strictEqual(nowActive?.id, bob.id);
    assert.ok(![...state.values.keys()].some((k) => k.includes(alice.id)), 'no globalState key of Alice is left');
    assert.deepStrictEqual(entriesHolding(secrets, 'alice confidential'), []);
    assert.deepStrictEqual(entriesHolding(secrets, ALICE.accessKeySecret), []);
    await assert.rejects(fs.stat(aliceScope.storageDir), /ENOENT/);
    assert.deepStrictEqual(accounts.current()!.memento.get('recentTickets'), ['BOB0000001']);

    await accounts.remove(bob.id);
    assert.strictEqual(await accounts.read(), undefined);
    assert.strictEqual(accounts.current(), undefined);
    assert.deepStrictEqual(accounts.list(), []);
    assert.deepStrictEqual([...state.values.keys()], []);
    assert.deepStrictEqual([...secrets.entries.keys()], [ACCOUNT_INDEX_KEY]);
  });

  it('tells of every change of the active account once: sign-in, switch, new credentials, sign-out', async () => {
    const { accounts, changes } = await setup();
    const alice = await accounts.add(ALICE, undefined);
    const bob = await accounts.add(BOB, INTL);
    await accounts.switchTo(alice.id);
    await accounts.add({ ...ALICE, accessKeySecret: 'rotated-secret-value-9' } as StoredSignIn, undefined);
    await accounts.remove(bob.id);
    await accounts.remove(alice.id);
    await settle();
    assert.deepStrictEqual(
      changes.map((c) => [c.kind, c.previous?.accountId, c.current?.accountId]),
      [
        ['signedIn', undefined, alice.id],
        ['switched', alice.id, bob.id],
        ['switched', bob.id, alice.id],
        ['credentials', alice.id, alice.id],
        ['signedOut', alice.id, undefined],
      ],
    );
    assert.strictEqual(accounts.list().length, 0);
  });

  it('follows a switch made in another window', async () => {
    const { accounts, secrets, changes } = await setup();
    const alice = await accounts.add(ALICE, undefined);
    const bob = await accounts.add(BOB, INTL);
    await settle();
    changes.length = 0;
    secrets.fromOtherWindow(ACCOUNT_INDEX_KEY, JSON.stringify({ active: alice.id, accounts: accounts.list() }));
    await settle();
    assert.strictEqual(accounts.active()?.id, alice.id);
    assert.deepStrictEqual(await accounts.read(), ALICE);
    assert.deepStrictEqual(
      changes.map((c) => [c.kind, c.previous?.accountId, c.current?.accountId]),
      [['switched', bob.id, alice.id]],
    );
  });

  it('signing in again with the same key on the same site replaces that account; another site adds one', async () => {
    const { accounts } = await setup();
    await accounts.add(ALICE, undefined);
    await accounts.add({ ...ALICE, accessKeySecret: 'rotated-secret-value-9' } as StoredSignIn, undefined);
    assert.strictEqual(accounts.list().length, 1);
    await accounts.add(ALICE, INTL);
    assert.strictEqual(accounts.list().length, 2);
  });

  it('a switch to an account whose entry is gone says so and changes nothing', async () => {
    const { accounts, secrets } = await setup();
    const alice = await accounts.add(ALICE, undefined);
    const bob = await accounts.add(BOB, INTL);
    secrets.entries.delete(accountSecretKey(alice.id));
    await assert.rejects(accounts.switchTo(alice.id), /gone or unreadable: sign in to it again/);
    assert.strictEqual(accounts.active()?.id, bob.id);
    assert.deepStrictEqual(await accounts.read(), BOB);
  });

  it('data of an account no longer saved (a window closed while removing it) is removed at load', async () => {
    const { storage, state } = await setup((_s, st) => {
      st.values.set('aliyunTickets.scope.gone-1/recentTickets', ['X']);
    });
    await fs.mkdir(accountStorageDir(storage.globalStorageDir, 'gone-2'), { recursive: true });
    const again = new Accounts(storage);
    await again.ready;
    assert.deepStrictEqual([...state.values.keys()], []);
    assert.deepStrictEqual(await fs.readdir(accountsFolder(storage.globalStorageDir)), []);
  });
});
