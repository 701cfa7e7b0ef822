// A panel's category name costs the catalogue's requests (ListProducts, then ListCategories per product) only after
// the page painted the ticket, once; a name the stored catalogue knows costs none; a stale catalogue names it at once
// and is loaded again after the paint. Against the emulator.
import * as assert from 'assert';
import { CategoryAfterPaint } from '../../../src/features/details/categoryAfterPaint';
import { CategoryNames } from '../../../src/tickets/categoryNames';
import { emulatorClients } from '../api/emulatorClients';
import { MemoryStore } from './memoryStore';

describe('details/categoryAfterPaint against the emulator', function () {
  this.timeout(20_000);
  const env = emulatorClients();

  function panelCategory(store: MemoryStore, paintWaitMs?: number, now?: () => number) {
    const shown: Array<[string, string]> = [];
    const warnings: unknown[] = [];
    const client = env.client({ maxAttempts: 1 });
    const categories = new CategoryNames({ getClient: () => client, store: () => store, now });
    const category = new CategoryAfterPaint(
      () => categories,
      (id, name) => shown.push([id, name]),
      (error) => warnings.push(error),
      paintWaitMs,
    );
    return { category, shown, warnings };
  }
  const catalogueRequests = () =>
    env.emu.requests.filter((r) => r.action === 'ListProducts' || r.action === 'ListCategories').length;
  const until = async (what: string, check: () => boolean) => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(check(), what);
  };

  it('asks nothing until the page painted, then loads the catalogue once and shows the name', async () => {
    const store = new MemoryStore();
    const { category, shown, warnings } = panelCategory(store);
    const categoryId = env.emu.getTicket('0005PYGCW')!.categoryId;
    env.emu.clearRequests();
    assert.strictEqual(category.known(categoryId), undefined, 'not in an empty catalogue');
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(catalogueRequests(), 0, 'no catalogue request before the paint');
    category.painted();
    await until('the name shown', () => shown.length === 1);
    assert.strictEqual(shown[0][0], categoryId);
    assert.match(shown[0][1], /^.+ \/ .+$/);
    assert.deepStrictEqual(warnings, []);
    const spent = catalogueRequests();
    assert.ok(spent >= 2, `ListProducts and ListCategories: ${spent}`);
    // Later paints (refreshes) ask nothing more; the stored catalogue now names it at once.
    category.painted();
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(catalogueRequests(), spent);
    assert.strictEqual(panelCategory(store).category.known(categoryId), shown[0][1]);
    assert.strictEqual(catalogueRequests(), spent);
  });

  it('a ticket without a category, or a known one, asks nothing after the paint either', async () => {
    const store = new MemoryStore();
    const { category, shown } = panelCategory(store);
    env.emu.clearRequests();
    category.known('');
    category.painted();
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(catalogueRequests(), 0);
    assert.deepStrictEqual(shown, []);
  });

  it('a page that never says it painted (a panel in a background tab) still gets the name after the wait', async () => {
    const { category, shown, warnings } = panelCategory(new MemoryStore(), 100);
    const categoryId = env.emu.getTicket('0005PYGCW')!.categoryId;
    env.emu.clearRequests();
    assert.strictEqual(category.known(categoryId), undefined);
    assert.strictEqual(catalogueRequests(), 0, 'nothing asked at once');
    await until('the name shown without a paint', () => shown.length === 1);
    assert.strictEqual(shown[0][0], categoryId);
    assert.deepStrictEqual(warnings, []);
  });

  it('a panel closed before its page painted asks nothing and leaves no timer behind', async () => {
    const { category, shown } = panelCategory(new MemoryStore(), 50);
    const categoryId = env.emu.getTicket('0005PYGCW')!.categoryId;
    env.emu.clearRequests();
    assert.strictEqual(category.known(categoryId), undefined);
    category.dispose();
    await new Promise((r) => setTimeout(r, 200));
    assert.strictEqual(catalogueRequests(), 0, 'no catalogue request for a closed panel');
    assert.deepStrictEqual(shown, []);
  });

  it('a catalogue past its TTL names the category at once and is loaded again after the paint; offline its name stays', async () => {
    const store = new MemoryStore();
    const categoryId = env.emu.getTicket('0005PYGCW')!.categoryId;
    let now = Date.now();
    const first = panelCategory(store, undefined, () => now);
    first.category.known(categoryId);
    first.category.painted();
    await until('the name shown', () => first.shown.length === 1);
    const name = first.shown[0][1];
    first.category.dispose();
    // A week and a day later the network is down: the panel still names the category (its id only as a detail).
    now += 8 * 24 * 3600_000;
    env.emu.inject({ kind: 'drop', times: 1000 });
    env.emu.clearRequests();
    const later = panelCategory(store, undefined, () => now);
    assert.strictEqual(later.category.known(categoryId), name, 'named at once from the stale catalogue');
    assert.strictEqual(later.category.stored(categoryId), name);
    later.category.painted();
    await until('the catalogue asked for again', () => catalogueRequests() > 0);
    await until('its answer', () => later.shown.length === 1 || later.warnings.length > 0);
    assert.deepStrictEqual(later.shown, [[categoryId, name]], 'the failed load still names it');
    later.category.dispose();
  });
});
