// Several accounts over an in-memory SecretStorage that reports changes as VS Code's does: a sign-in saved before
// accounts existed becomes account one, each account's secret lives in exactly one entry, switching swaps the entries
// and the recent-tickets lists, and signing out of one leaves the other.
import * as assert from 'assert';
import { Accounts } from '../../../src/auth/accounts/accounts';
import { ACCOUNT_INDEX_KEY } from '../../../src/auth/accounts/accountIndex';
import { SECRET_KEY, type StoredSignIn } from '../../../src/auth/credentialInput';
import { CredentialStore } from '../../../src/auth/credentialStore';
import { RECENT_TICKETS_KEY } from '../../../src/features/open-ticket/recentTickets';

class MemorySecrets {
  readonly entries = new Map<string, string>();
  private readonly listeners = new Set<(event: { key: string }) => void>();
  readonly onDidChange = (listener: (event: { key: string }) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  async get(key: string) {
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
  async keys() {
    return [...this.entries.keys()];
  }
  private fire(key: string) {
    setImmediate(() => this.listeners.forEach((l) => l({ key })));
  }
}

class MemoryState {
  readonly values = new Map<string, unknown>();
  keys() {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T) {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T;
  }
  async update(key: string, value: unknown) {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

const ALICE: StoredSignIn = {
  kind: 'accessKey',
  accessKeyId: 'LTAI5tAliceKey0000W9pK',
  accessKeySecret: 'alice-secret-value-0001',
};
const BOB: StoredSignIn = {
  kind: 'accessKey',
  accessKeyId: 'STS.BobKey000000VbT7',
  accessKeySecret: 'bob-secret-value-0002',
  securityToken: 'bob-token-0003',
};
const INTL = 'https://workorder.ap-southeast-1.aliyuncs.com';

function setup(before?: (secrets: MemorySecrets) => void) {
  const secrets = new MemorySecrets();
  before?.(secrets);
  const state = new MemoryState();
  const store = new CredentialStore(secrets as never);
  const accounts = new Accounts(secrets as never, store, state as never);
  return { secrets, state, store, accounts };
}

/** How many SecretStorage entries hold this text. */
function entriesHolding(secrets: MemorySecrets, text: string): string[] {
  return [...secrets.entries].filter(([, value]) => value.includes(text)).map(([key]) => key);
}

describe('auth/accounts Accounts over SecretStorage', () => {
  it('a sign-in saved before accounts existed becomes the first, active account following the endpoint setting', async () => {
    const { accounts, secrets } = setup((s) => s.entries.set(SECRET_KEY, JSON.stringify(ALICE)));
    await accounts.ready;
    assert.deepStrictEqual(
      accounts.list().map((a) => [a.label, a.endpoint]),
      [['AccessKey …W9pK', undefined]],
    );
    assert.strictEqual(accounts.active()?.label, 'AccessKey …W9pK');
    assert.deepStrictEqual(entriesHolding(secrets, ALICE.accessKeySecret), [SECRET_KEY]);
    assert.ok(!secrets.entries.get(ACCOUNT_INDEX_KEY)!.includes(ALICE.accessKeySecret), 'the index holds no secret');
  });

  it('adding, switching and signing out keep each secret in exactly one entry and one recent list per account', async () => {
    const { accounts, secrets, state, store } = setup((s) => s.entries.set(SECRET_KEY, JSON.stringify(ALICE)));
    await accounts.ready;
    await state.update(RECENT_TICKETS_KEY, [{ ticketId: 'ALICE00001', title: 'a', openedAt: 1 }]);

    const bob = await accounts.add(BOB, INTL);
    assert.strictEqual(accounts.active()?.id, bob.id);
    assert.strictEqual(accounts.activeEndpoint(), INTL);
    assert.deepStrictEqual(await store.read(), BOB);
    assert.strictEqual(entriesHolding(secrets, ALICE.accessKeySecret).length, 1);
    assert.deepStrictEqual(entriesHolding(secrets, BOB.accessKeySecret), [SECRET_KEY]);
    assert.strictEqual(state.get(RECENT_TICKETS_KEY), undefined, 'Bob starts with an empty recent list');
    await state.update(RECENT_TICKETS_KEY, [{ ticketId: 'BOB0000001', title: 'b', openedAt: 2 }]);

    const alice = accounts.list().find((a) => a.id !== bob.id)!;
    await accounts.switchTo(alice.id);
    assert.deepStrictEqual(await store.read(), ALICE);
    assert.strictEqual(accounts.activeEndpoint(), undefined);
    assert.deepStrictEqual(
      (state.get(RECENT_TICKETS_KEY) as Array<{ ticketId: string }>).map((r) => r.ticketId),
      ['ALICE00001'],
    );
    assert.deepStrictEqual(entriesHolding(secrets, ALICE.accessKeySecret), [SECRET_KEY]);
    assert.strictEqual(entriesHolding(secrets, BOB.accessKeySecret).length, 1);
    assert.strictEqual(entriesHolding(secrets, BOB.securityToken!).length, 1);

    // Signing out of the shown account shows the other, with its own recent list.
    const { nowActive } = await accounts.remove(alice.id);
    assert.strictEqual(nowActive?.id, bob.id);
    assert.deepStrictEqual(await store.read(), BOB);
    assert.deepStrictEqual(
      (state.get(RECENT_TICKETS_KEY) as Array<{ ticketId: string }>).map((r) => r.ticketId),
      ['BOB0000001'],
    );
    assert.deepStrictEqual(entriesHolding(secrets, ALICE.accessKeySecret), []);

    await accounts.remove(bob.id);
    assert.strictEqual(await store.read(), undefined);
    assert.deepStrictEqual(accounts.list(), []);
    assert.deepStrictEqual(entriesHolding(secrets, BOB.accessKeySecret), []);
    assert.strictEqual(state.get(RECENT_TICKETS_KEY), undefined);
  });

  it('signing in again with the same key on the same site replaces that account; another site adds one', async () => {
    const { accounts } = setup();
    await accounts.ready;
    await accounts.add(ALICE, undefined);
    await accounts.add({ ...ALICE, accessKeySecret: 'rotated-secret-value-9' } as StoredSignIn, undefined);
    assert.strictEqual(accounts.list().length, 1);
    await accounts.add(ALICE, INTL);
    assert.strictEqual(accounts.list().length, 2);
  });

  it('tells listeners of every change, and a switch to an account whose entry is gone says so and changes nothing', async () => {
    const { accounts, secrets, store } = setup();
    await accounts.ready;
    let changes = 0;
    accounts.onDidChange(() => changes++);
    await accounts.add(ALICE, undefined);
    const bob = await accounts.add(BOB, INTL);
    assert.strictEqual(changes, 2);
    const alice = accounts.list().find((a) => a.id !== bob.id)!;
    secrets.entries.clear();
    secrets.entries.set(SECRET_KEY, JSON.stringify(BOB));
    await assert.rejects(accounts.switchTo(alice.id), /gone or unreadable: sign in to it again/);
    assert.strictEqual(accounts.active()?.id, bob.id);
    assert.deepStrictEqual(await store.read(), BOB);
  });
});
