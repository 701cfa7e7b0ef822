// Category names from ListProducts + ListCategories against the emulator: loaded once, kept in storage for the TTL
// (a restart asks nothing), loaded again when stale; a stale catalogue still names what it listed when the server
// cannot be reached (a ticket opened offline shows the category's name, not its id).
import * as assert from 'assert';
import { CategoryNames } from '../../../src/tickets/categoryNames';
import { emulatorClients } from '../api/emulatorClients';
import { MemoryStore } from '../details/memoryStore';

describe('tickets/categoryNames against the emulator', function () {
  this.timeout(20_000);
  const env = emulatorClients();

  it('names a ticket category "Product / Category", from storage after the first load until the TTL ends', async () => {
    const store = new MemoryStore();
    const client = env.client();
    let now = 1_000_000;
    const names = () =>
      new CategoryNames({ getClient: () => client, store: () => store, now: () => now, ttlMs: 60_000 });
    const categoryId = env.emu.getTicket('0005PYGCW')!.categoryId;
    env.emu.clearRequests();
    const name = await names().lookup(categoryId);
    assert.match(name ?? '', /^.+ \/ .+$/, `a product and a category name: ${name}`);
    const first = env.emu.requests.length;
    assert.ok(
      env.emu.requests.some((r) => r.action === 'ListProducts') &&
        env.emu.requests.some((r) => r.action === 'ListCategories'),
    );
    // A new instance over the same storage (a restart): no request, even for peek.
    assert.strictEqual(names().peek(categoryId), name);
    assert.strictEqual(await names().lookup(categoryId), name);
    assert.strictEqual(env.emu.requests.length, first);
    // Stale: loaded again.
    now += 61_000;
    assert.strictEqual(names().peek(categoryId), undefined);
    assert.strictEqual(await names().lookup(categoryId), name);
    assert.ok(env.emu.requests.length > first);
    assert.strictEqual(await names().lookup('no-such-category'), undefined);
  });

  it('names categories in the language asked for, and a catalogue stored in another language is loaded again', async () => {
    const store = new MemoryStore();
    const client = env.client();
    const named = (language?: 'zh' | 'en') =>
      new CategoryNames({ getClient: () => client, store: () => store, language });
    assert.strictEqual(await named('en').lookup('7161'), 'Elastic Compute Service / Renewal and billing');
    env.emu.clearRequests();
    assert.strictEqual(await named('zh').lookup('7161'), '云服务器 ECS / 续费与计费');
    assert.ok(
      env.emu.requests.some((r) => r.action === 'ListProducts'),
      'the English catalogue is not used for Chinese',
    );
  });

  it('two lookups at once share one catalogue load; signed out is a signedOut error', async () => {
    const store = new MemoryStore();
    const client = env.client();
    const names = new CategoryNames({ getClient: () => client, store: () => store });
    env.emu.clearRequests();
    const [a, b] = await Promise.all([names.lookup('7161'), names.lookup('7201')]);
    assert.ok(a && b);
    assert.strictEqual(env.emu.requests.filter((r) => r.action === 'ListProducts').length, 1);
    await assert.rejects(
      new CategoryNames({ getClient: () => undefined, store: () => new MemoryStore() }).lookup('7161'),
      (e: Error & { kind?: string }) => e.kind === 'signedOut',
    );
  });

  it('past its TTL the stored catalogue still names a category: at once (stored) and when the server cannot answer', async () => {
    const store = new MemoryStore();
    const client = env.client({ maxAttempts: 1 });
    let now = 1_000_000;
    const names = () =>
      new CategoryNames({ getClient: () => client, store: () => store, now: () => now, ttlMs: 60_000 });
    const name = await names().lookup('7161');
    assert.strictEqual(name, 'Elastic Compute Service / Renewal and billing');
    now += 61_000;
    assert.strictEqual(names().peek('7161'), undefined, 'stale: not fresh');
    assert.strictEqual(names().stored('7161'), name, 'the stale catalogue still names it, asking nothing');
    assert.strictEqual(names().stored('no-such-category'), undefined);
    // The network drops: loading it again fails, and the stale name is the answer.
    env.emu.inject({ kind: 'drop', times: 1000 });
    assert.strictEqual(await names().lookup('7161'), name);
    // Not a name it never listed: that is still the failure.
    await assert.rejects(names().lookup('no-such-category'));
    // A catalogue in another language names nothing in this one.
    assert.strictEqual(
      new CategoryNames({ getClient: () => client, store: () => store, language: 'zh' }).stored('7161'),
      undefined,
    );
  });
});
