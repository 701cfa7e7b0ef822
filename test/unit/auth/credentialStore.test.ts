// The SecretStorage-backed store and the client provider, in plain Node: a SecretStorage stand-in with the same
// contract (get/store/delete/onDidChange, and failures the OS keychain really produces), and the real client against
// the emulator over HTTP.
import * as assert from 'assert';
import { CREDENTIALS_UNAVAILABLE, TicketApiError } from '../../../src/api/errors';
import type { RequestLogEvent } from '../../../src/api/types';
import { TicketClient } from '../../../src/api/client';
import { ClientProvider } from '../../../src/auth/clientProvider';
import type { StoredSignIn } from '../../../src/auth/credentialInput';
import { CredentialStore, SecretStorageError } from '../../../src/auth/credentialStore';
import { createExternalCredentialSources } from '../../../src/auth/externalCredentials';
import { verifyAndSave } from '../../../src/auth/verifySignIn';
import { DEMO_CREDENTIALS } from '../../emulator/credentials';
import { TicketEmulator } from '../../emulator/server';

type ChangeListener = (event: { key: string }) => void;

/** Behaves like vscode.SecretStorage; `failStore` / `failGet` make it refuse as a locked keychain does. */
class FakeSecretStorage {
  readonly values = new Map<string, string>();
  failStore = false;
  failGet = false;
  private readonly listeners = new Set<ChangeListener>();
  async get(key: string): Promise<string | undefined> {
    if (this.failGet) throw new Error('Cannot get password: the keyring is locked');
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    if (this.failStore) throw new Error('Cannot create an item in a locked collection');
    this.values.set(key, value);
    this.fire(key);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.fire(key);
  }
  onDidChange(listener: ChangeListener) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  /** Another VS Code window changed the entry. */
  changeFromOtherWindow(key: string, value: string | undefined): void {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    this.fire(key);
  }
  private fire(key: string): void {
    for (const listener of this.listeners) listener({ key });
  }
}

const DEMO_SIGN_IN: StoredSignIn = { kind: 'accessKey', ...DEMO_CREDENTIALS };
/** One account's entry (Accounts keeps one per account). */
const SECRET_KEY = 'aliyunTickets.account.test';

function makeStore(secrets = new FakeSecretStorage()) {
  const problems: string[] = [];
  const store = new CredentialStore(secrets as never, SECRET_KEY, (p) => problems.push(p));
  return { secrets, store, problems };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("credential store (an account's SecretStorage entry)", () => {
  it('saves one entry under its key, reads it back, and tells listeners once per change', async () => {
    const { secrets, store } = makeStore();
    const seen: Array<StoredSignIn | undefined> = [];
    store.onDidChange((s) => seen.push(s));
    assert.strictEqual(await store.read(), undefined);
    await store.write(DEMO_SIGN_IN);
    await tick();
    assert.deepStrictEqual([...secrets.values.keys()], [SECRET_KEY]);
    assert.deepStrictEqual(JSON.parse(secrets.values.get(SECRET_KEY)!), DEMO_SIGN_IN);
    assert.deepStrictEqual(await store.read(), DEMO_SIGN_IN);
    await store.clear();
    await tick();
    assert.strictEqual(await store.read(), undefined);
    assert.strictEqual(secrets.values.size, 0);
    assert.deepStrictEqual(seen, [DEMO_SIGN_IN, undefined], 'one event per change, not one per echo');
  });

  it('reads the keychain once and reuses it (silent reuse)', async () => {
    const { secrets, store } = makeStore();
    secrets.values.set(SECRET_KEY, JSON.stringify(DEMO_SIGN_IN));
    let gets = 0;
    const get = secrets.get.bind(secrets);
    secrets.get = async (key: string) => {
      gets++;
      return get(key);
    };
    for (let i = 0; i < 5; i++) assert.deepStrictEqual(await store.read(), DEMO_SIGN_IN);
    assert.strictEqual(gets, 1);
  });

  it('a refused store throws a message for the user, keeps nothing, and does not report a sign-in', async () => {
    const { secrets, store } = makeStore();
    secrets.failStore = true;
    const seen: unknown[] = [];
    store.onDidChange((s) => seen.push(s));
    await assert.rejects(store.write(DEMO_SIGN_IN), (error: unknown) => {
      assert.ok(error instanceof SecretStorageError);
      assert.match(
        error.message,
        /could not save your credentials in its secret storage \(Cannot create an item in a locked collection\)\. Nothing was saved\./,
      );
      assert.ok(!error.message.includes(DEMO_CREDENTIALS.accessKeySecret));
      return true;
    });
    assert.strictEqual(await store.read(), undefined);
    assert.deepStrictEqual(seen, []);
  });

  it('an unreadable keychain or a damaged entry counts as signed out and is reported, without the entry', async () => {
    const locked = makeStore();
    locked.secrets.failGet = true;
    assert.strictEqual(await locked.store.read(), undefined);
    assert.match(locked.problems[0], /Could not read your saved sign-in .*keyring is locked.*Sign in again/);

    const damaged = makeStore();
    damaged.secrets.values.set(
      SECRET_KEY,
      `{"kind":"accessKey","accessKeySecret":"${DEMO_CREDENTIALS.accessKeySecret}"`,
    );
    assert.strictEqual(await damaged.store.read(), undefined);
    assert.match(damaged.problems[0], /could not be read\. Sign in again\./);
    assert.ok(!damaged.problems[0].includes(DEMO_CREDENTIALS.accessKeySecret));
  });

  it('follows sign-in and sign-out made in another window', async () => {
    const { secrets, store } = makeStore();
    const seen: Array<StoredSignIn | undefined> = [];
    store.onDidChange((s) => seen.push(s));
    assert.strictEqual(await store.read(), undefined);
    secrets.changeFromOtherWindow(SECRET_KEY, JSON.stringify(DEMO_SIGN_IN));
    await tick();
    assert.deepStrictEqual(await store.read(), DEMO_SIGN_IN);
    secrets.changeFromOtherWindow(SECRET_KEY, undefined);
    await tick();
    assert.strictEqual(await store.read(), undefined);
    secrets.changeFromOtherWindow('some.other.key', 'x');
    await tick();
    assert.deepStrictEqual(seen, [DEMO_SIGN_IN, undefined]);
  });
});

describe('client provider (settings + saved sign-in -> TicketClient), against the emulator', () => {
  let emu: TicketEmulator;
  before(async () => {
    emu = await TicketEmulator.start({ port: 0, seed: 'demo' });
  });
  after(async () => {
    await emu.stop();
  });
  beforeEach(() => emu.reset());

  function provider(
    signIn: StoredSignIn | undefined,
    endpoint = emu.url,
    env: Record<string, string | undefined> = {},
  ) {
    const events: RequestLogEvent[] = [];
    let current = signIn;
    const clients = new ClientProvider({
      createClient: (options) => new TicketClient(options),
      readSession: async () => current && { accountId: 'a', signIn: current },
      settings: () => ({ endpoint, signatureVersion: 'v3' }),
      sources: createExternalCredentialSources(env),
      onRequest: (e) => events.push(e),
    });
    return { clients, events, setSignIn: (s: StoredSignIn | undefined) => (current = s) };
  }

  it('has no client when signed out, and a working one when signed in', async () => {
    const signedOut = provider(undefined);
    assert.strictEqual(await signedOut.clients.getClient(), undefined);
    const { clients, events } = provider(DEMO_SIGN_IN);
    const client = (await clients.getClient())!;
    const ticket = await client.getTicket('0005PYGCW');
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
    assert.strictEqual(events[0].action, 'GetTicket');
    assert.strictEqual(await clients.getClient(), client, 'one client (one connection pool) reused');
    clients.dispose();
  });

  it('refuses an endpoint that would send signatures over the network in clear, before any request', async () => {
    const { clients } = provider(DEMO_SIGN_IN, 'http://tickets.example.com');
    await assert.rejects(
      clients.getClient(),
      (error: unknown) =>
        error instanceof TicketApiError && error.kind === 'config' && /plain http/.test(error.message),
    );
    assert.strictEqual(emu.requests.length, 0);
  });

  it('reads environment credentials per request, and says so clearly when they are gone', async () => {
    const env: Record<string, string | undefined> = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_CREDENTIALS.accessKeySecret,
    };
    const { clients } = provider({ kind: 'environment' }, emu.url, env);
    const client = (await clients.getClient())!;
    assert.strictEqual((await client.getTicket('0005PYGCW')).ticketId, '0005PYGCW');
    delete env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    await assert.rejects(client.getTicket('001571BTXC'), (error: unknown) => {
      assert.ok(error instanceof TicketApiError, String(error));
      assert.strictEqual(error.code, CREDENTIALS_UNAVAILABLE);
      assert.match(error.message, /environment variables are no longer set/);
      return true;
    });
    clients.dispose();
  });

  it('after reset (sign-in or settings changed) builds a new client with the new key', async () => {
    const { clients, setSignIn } = provider({
      kind: 'accessKey',
      accessKeyId: DEMO_CREDENTIALS.accessKeyId,
      accessKeySecret: 'WrongSecretWrongSecret0000',
    });
    const first = (await clients.getClient())!;
    await assert.rejects(
      first.getTicket('0005PYGCW'),
      (e: unknown) => e instanceof TicketApiError && e.kind === 'signature',
    );
    setSignIn(DEMO_SIGN_IN);
    clients.reset();
    const second = (await clients.getClient())!;
    assert.notStrictEqual(second, first);
    assert.strictEqual((await second.getTicket('0005PYGCW')).ticketId, '0005PYGCW');
    assert.ok(clients.knownSecrets().includes(DEMO_CREDENTIALS.accessKeySecret), 'the log can hide the key in use');
    clients.dispose();
  });
});

describe('client provider: one account on one endpoint per client', () => {
  let emu: TicketEmulator;
  before(async () => {
    emu = await TicketEmulator.start({ port: 0, seed: 'demo' });
  });
  after(async () => {
    await emu.stop();
  });

  it("a client built for one account never signs with another account's key, nor for another site", async () => {
    const other = emu.url.replace('127.0.0.1', 'localhost');
    let session: { accountId: string; signIn: StoredSignIn; endpoint?: string } | undefined = {
      accountId: 'alice',
      signIn: DEMO_SIGN_IN,
    };
    const clients = new ClientProvider({
      createClient: (options) => new TicketClient(options),
      readSession: async () => session,
      settings: () => ({ endpoint: emu.url, signatureVersion: 'v3' }),
      sources: createExternalCredentialSources({}),
      onRequest: () => undefined,
    });
    const alice = (await clients.getClient())!;
    assert.strictEqual((await alice.getTicket('0005PYGCW')).ticketId, '0005PYGCW');
    // Switched to Bob on his own site, before anyone called reset(): Alice's client refuses to sign.
    session = {
      accountId: 'bob',
      signIn: { ...DEMO_SIGN_IN, accessKeySecret: 'bob-secret-0000000000' },
      endpoint: other,
    };
    emu.clearRequests();
    await assert.rejects(
      alice.getTicket('0005PYGCW'),
      (e: unknown) => e instanceof TicketApiError && e.kind === 'signedOut',
    );
    assert.strictEqual(emu.requests.length, 0, 'nothing was sent with the old client');
    // The provider hands out a new client for Bob, on Bob's site.
    const bob = (await clients.getClient())!;
    assert.notStrictEqual(bob, alice);
    await assert.rejects(bob.getTicket('0005PYGCW'));
    assert.ok(
      emu.requests.every((r) => r.headers.host?.startsWith('localhost:')),
      "Bob's requests go to his site",
    );
    clients.dispose();
  });
});

describe('sign-in: checked with one signed call before anything is saved, against the emulator', () => {
  let emu: TicketEmulator;
  before(async () => {
    emu = await TicketEmulator.start({ port: 0, seed: 'demo' });
  });
  after(async () => {
    await emu.stop();
  });
  beforeEach(() => emu.reset());

  function setup(endpoint = emu.url) {
    const { secrets, store } = makeStore();
    const lines: string[] = [];
    const clients = new ClientProvider({
      createClient: (options) => new TicketClient(options),
      readSession: async () => {
        const signIn = await store.read();
        return signIn && { accountId: 'a', signIn };
      },
      settings: () => ({ endpoint, signatureVersion: 'v3' }),
      sources: createExternalCredentialSources({}),
      onRequest: () => undefined,
    });
    const deps = { store, clients, log: { info: (line: string) => lines.push(line) } };
    return { secrets, store, deps, lines };
  }

  /** Rejects with a TicketApiError of this kind (and code, when given), and leaves SecretStorage empty. */
  async function assertRefused(signIn: StoredSignIn, kind: string, code?: string) {
    const { secrets, store, deps, lines } = setup();
    await assert.rejects(verifyAndSave(signIn, deps), (error: unknown) => {
      assert.ok(error instanceof TicketApiError, String(error));
      assert.strictEqual(error.kind, kind);
      if (code) assert.strictEqual(error.code, code);
      return true;
    });
    assert.deepStrictEqual([...secrets.values.keys()], [], 'nothing reached SecretStorage');
    assert.strictEqual(await store.read(), undefined);
    assert.deepStrictEqual(lines, []);
  }

  it('saves a key the server accepts, after exactly one signed call', async () => {
    const { secrets, store, deps, lines } = setup();
    await verifyAndSave(DEMO_SIGN_IN, deps);
    assert.deepStrictEqual(
      emu.requests.map((r) => [r.action, r.status]),
      [['ListTickets', 200]],
    );
    assert.deepStrictEqual(JSON.parse(secrets.values.get(SECRET_KEY)!), DEMO_SIGN_IN);
    assert.deepStrictEqual(await store.read(), DEMO_SIGN_IN);
    assert.strictEqual(lines.length, 1);
    assert.ok(
      !lines[0].includes(DEMO_CREDENTIALS.accessKeyId),
      'the log line names the key by its last characters only',
    );
  });

  it('saves nothing for a wrong secret (signature mismatch)', async () => {
    await assertRefused(
      { ...DEMO_SIGN_IN, accessKeySecret: 'WrongSecretWrongSecret0000' },
      'signature',
      'SignatureDoesNotMatch',
    );
  });

  it('saves nothing for an unknown AccessKey id', async () => {
    await assertRefused(
      { ...DEMO_SIGN_IN, accessKeyId: 'LTAI5tNoSuchKey000000000' },
      'auth',
      'InvalidAccessKeyId.NotFound',
    );
  });

  it('saves nothing when the clock is off by more than the server allows', async () => {
    emu.setClockOffset(-60 * 60_000);
    await assertRefused(DEMO_SIGN_IN, 'clockSkew');
  });

  it('refuses a plain-http endpoint before sending the key anywhere', async () => {
    const { secrets, deps } = setup('http://tickets.example.com');
    await assert.rejects(
      verifyAndSave(DEMO_SIGN_IN, deps),
      (error: unknown) => error instanceof TicketApiError && error.kind === 'config',
    );
    assert.strictEqual(emu.requests.length, 0);
    assert.strictEqual(secrets.values.size, 0);
  });

  it('a refused keychain write after a good check leaves the user signed out', async () => {
    const { secrets, store, deps } = setup();
    secrets.failStore = true;
    await assert.rejects(verifyAndSave(DEMO_SIGN_IN, deps), SecretStorageError);
    assert.strictEqual(await store.read(), undefined);
  });
});
