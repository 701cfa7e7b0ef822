// The Tickets view of a window opened while the network fails: the last list the account's view loaded (kept by
// savedLists.ts in the account's store), shown with "Offline: as of …", against the emulator dropping every connection.
// A refusal the server gives on purpose (a disabled key) is not hidden behind an old list.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import { refreshFailureText } from '../../../src/features/explorer/labels';
import { TicketExplorerModel, type ExplorerNode } from '../../../src/features/explorer/model';
import { parseSavedLists, type SavedLists } from '../../../src/features/explorer/savedLists';
import { createTicketService } from '../../../src/tickets/ticketService';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';

describe('Tickets view offline: the last list of a window opened without network', function () {
  this.timeout(30000);
  let emu: TicketEmulator;
  const clients: TicketClient[] = [];

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'demo', language: 'en' });
  });
  after(async () => {
    for (const c of clients) await c.close();
    await emu.stop();
  });

  /** A new window: its own client and service, the account's store shared. */
  function windowOver(store: { value?: unknown }): TicketExplorerModel {
    const client = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, maxAttempts: 1 });
    clients.push(client);
    return new TicketExplorerModel({
      service: createTicketService({ getClient: () => client }),
      settings: () => ({ groupByStatus: true, pageSize: 20 }),
      saved: {
        read: () => Promise.resolve(store.value),
        write: (lists: SavedLists) => ((store.value = JSON.parse(JSON.stringify(lists))), Promise.resolve()),
      },
    });
  }
  const rows = (m: TicketExplorerModel) =>
    m
      .children()
      .flatMap((group: ExplorerNode) =>
        m.children(group).flatMap((n) => (n.kind === 'ticket' ? [n.ticket.ticketId] : [])),
      );

  it('shows the last list with when it was loaded, then the live one once the server answers', async () => {
    emu.reset('demo', 'en');
    const store: { value?: unknown } = {};
    const first = windowOver(store);
    await first.ensureLoaded();
    const online = rows(first);
    assert.ok(online.length > 10);
    const savedAt = parseSavedLists(store.value)?.savedAt;
    assert.ok(savedAt, 'the list was saved');

    emu.inject({ kind: 'drop', times: 1000 });
    const second = windowOver(store);
    await second.ensureLoaded();
    assert.strictEqual(second.state, 'ready');
    assert.deepStrictEqual(rows(second), online);
    assert.strictEqual(second.refreshFailure?.asOf, savedAt);
    assert.match(
      refreshFailureText(second.refreshFailure!),
      /^Offline: as of \d\d:\d\d \(.+\)\. Showing the tickets loaded then; they refresh by themselves when the server answers\.$/,
    );

    emu.clearFaults();
    await second.refresh();
    assert.strictEqual(second.refreshFailure, undefined);
    assert.deepStrictEqual(rows(second), online);
  });

  it('offline, a refresh or a new window stops at the first network failure: one request, not one per status group', async () => {
    emu.reset('demo', 'en');
    const store: { value?: unknown } = {};
    const m = windowOver(store);
    await m.ensureLoaded();
    const online = rows(m);
    const groups = m.children().length;
    assert.ok(groups > 1, 'several status groups');

    emu.inject({ kind: 'drop', times: 1000 });
    const asked = () => emu.requests.filter((r) => r.action === 'ListTickets').length;
    let before = asked();
    await m.refresh();
    assert.strictEqual(asked() - before, 1, `a refresh asked ${asked() - before} times for ${groups} groups`);
    assert.strictEqual(m.refreshFailure?.error.kind, 'network');
    assert.deepStrictEqual(rows(m), online, 'the list on screen stays');

    before = asked();
    const opened = windowOver(store);
    await opened.ensureLoaded();
    assert.strictEqual(asked() - before, 1, 'a window opened offline asks once too');
    assert.deepStrictEqual(rows(opened), online, 'and shows the last list');
    assert.match(refreshFailureText(opened.refreshFailure!), /^Offline: as of/);
  });

  it('another layout is not served that list, nor is a refusal the server meant (a disabled key)', async () => {
    emu.reset('demo', 'en');
    const store: { value?: unknown } = {};
    await windowOver(store).ensureLoaded();
    const saved = parseSavedLists(store.value)!;

    emu.inject({ kind: 'drop', times: 1000 });
    const other = windowOver({ value: { ...saved, shape: saved.shape.replace('"pageSize":20', '"pageSize":50') } });
    await other.ensureLoaded();
    assert.strictEqual(other.state, 'error');
    emu.clearFaults();

    emu.disableKey(DEMO_CREDENTIALS.accessKeyId);
    const refused = windowOver(store);
    await refused.ensureLoaded();
    assert.strictEqual(refused.state, 'error');
    assert.strictEqual(refused.lastError?.kind, 'auth');
  });

  it('a damaged or foreign stored value gives nothing', () => {
    assert.strictEqual(parseSavedLists(undefined), undefined);
    assert.strictEqual(parseSavedLists({ shape: 's', savedAt: 1, lists: [{ key: 'k', tickets: [{}] }] }), undefined);
    assert.deepStrictEqual(parseSavedLists({ shape: 's', savedAt: 1, lists: [] }), {
      shape: 's',
      savedAt: 1,
      lists: [],
    });
  });
});
