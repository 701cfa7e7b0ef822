// Ages in the Tickets view's rows (ages.ts) against the emulator's demo tickets: rows the grouped view passed over
// for the request budget get their ages once they are on screen again (the flat list, a refresh), never left blank
// until pointed at; failed ones wait for the user.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import { AGE_PAGE, TicketAges } from '../../../src/features/explorer/ages';
import { nodeLook } from '../../../src/features/explorer/labels';
import {
  TicketExplorerModel,
  type ExplorerNode,
  type ExplorerSettings,
  type TicketNode,
} from '../../../src/features/explorer/model';
import { createTicketService, type TicketServiceImpl } from '../../../src/tickets/ticketService';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';
import { settled } from './settled';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LastKnownTickets } from '../../../src/tickets/lastKnown';
import { folderAccountData } from '../inbox/folderAccountData';

describe('Tickets view ages: rows passed over for the budget', function () {
  this.timeout(30_000);
  let emu: TicketEmulator;
  let client: TicketClient;
  let service: TicketServiceImpl;
  let settings: ExplorerSettings;

  const rows = (nodes: ExplorerNode[]) =>
    nodes.filter((n): n is TicketNode => n.kind === 'ticket').map((n) => n.ticket.ticketId);
  const getTickets = (since: number) => emu.requests.slice(since).filter((r) => r.action === 'GetTicket').length;
  /** VS Code's part: the rows on screen are the flat list, or the children of the groups that show expanded. */
  async function show(m: TicketExplorerModel, ages: TicketAges): Promise<string[]> {
    await m.ensureLoaded();
    const shown = m.grouped
      ? m
          .children()
          .filter((n) => n.kind === 'group' && nodeLook(n, undefined, Date.now(), 50).collapsible === 'expanded')
          .flatMap((group) => rows(m.children(group)))
      : rows(m.children());
    ages.rowsShown(shown);
    await settled(service);
    return shown;
  }

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'demo', language: 'en' });
  });
  beforeEach(() => {
    emu.reset('demo', 'en');
    client = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, maxAttempts: 1 });
    service = createTicketService({ getClient: () => client });
    settings = { groupByStatus: true, pageSize: 50 };
  });
  afterEach(async () => {
    await client.close();
    emu.clearFaults();
  });
  after(async () => {
    await emu.stop();
  });

  it('the flat list after the grouped view: every row shows its age, those the grouped view passed over too', async () => {
    const m = new TicketExplorerModel({ service, settings: () => settings });
    const ages = new TicketAges(service, () => undefined);
    const grouped = await show(m, ages);
    const passedOver = grouped.filter((id) => ages.createTime(id) === undefined);
    assert.ok(passedOver.length > 0, 'the grouped view shows more rows than one load fetches ages for');
    // What the view does when the layout setting changes (explorerView.ts).
    settings = { ...settings, groupByStatus: false };
    ages.startLoad();
    await m.updateSettings();
    const flat = await show(m, ages);
    assert.ok(
      flat.some((id) => passedOver.includes(id)),
      'the flat list shows rows the grouped view passed over',
    );
    assert.deepStrictEqual(
      flat.filter((id) => ages.createTime(id) === undefined),
      [],
      'rows of the flat list without an age',
    );
  });

  it('a refresh works through the rows still without an age, one page at a time; then a refresh asks for none', async () => {
    const m = new TicketExplorerModel({ service, settings: () => settings });
    const ages = new TicketAges(service, () => undefined);
    const shown = await show(m, ages);
    assert.ok(shown.length > 2 * AGE_PAGE, `${shown.length} rows on screen`);
    const perRefresh: number[] = [];
    for (let i = 0; i < 5; i++) {
      const since = emu.requests.length;
      ages.startLoad();
      await m.refresh();
      await show(m, ages);
      perRefresh.push(getTickets(since));
    }
    assert.ok(
      perRefresh.every((n) => n <= AGE_PAGE),
      `at most one page of ages per refresh: ${perRefresh.join(', ')}`,
    );
    assert.strictEqual(
      shown.filter((id) => ages.createTime(id) === undefined).length,
      0,
      `every row on screen has its age after refreshes asking ${perRefresh.join(', ')}`,
    );
    assert.strictEqual(perRefresh.at(-1), 0, 'a refresh in which nothing changed sends no GetTicket');
  });

  it('a row whose age failed is not asked again by a refresh; expanding its group asks again', async () => {
    settings = { groupByStatus: false, pageSize: 10 };
    emu.inject({ kind: 'status', status: 500, action: 'GetTicket', times: 100 });
    const m = new TicketExplorerModel({ service, settings: () => settings });
    const ages = new TicketAges(service, () => undefined);
    const shown = await show(m, ages);
    emu.clearFaults();
    let since = emu.requests.length;
    ages.startLoad();
    await m.refresh();
    await show(m, ages);
    assert.strictEqual(getTickets(since), 0, 'failed rows wait for the user');
    since = emu.requests.length;
    ages.rowsRequested(shown);
    await settled(service);
    assert.strictEqual(getTickets(since), shown.length);
    assert.ok(shown.every((id) => ages.createTime(id)));
  });

  it('after a reload, rows of tickets read before take their ages from the stored copies: no GetTicket for them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ages-known-'));
    try {
      const data = folderAccountData(dir, () => 'acc-a');
      /** A window: the service's answers kept as last-known copies, as the composition root wires them. */
      const open = () => {
        const windowService = createTicketService({ getClient: () => client });
        const lastKnown = new LastKnownTickets({ data, keepLocalCopy: () => true });
        windowService.onDidLoad((event) => {
          if (event.kind === 'ticket') lastKnown.rememberTicket(event.ticketId, event.ticket);
        });
        return { windowService, lastKnown };
      };
      const before = open();
      service = before.windowService;
      const first = new TicketAges(service, () => undefined, before.lastKnown.createTimes());
      const shown = await show(new TicketExplorerModel({ service, settings: () => settings }), first);
      const aged = shown.filter((id) => first.createTime(id) !== undefined);
      assert.ok(aged.length >= AGE_PAGE, `${aged.length} rows got their ages in the first window`);
      await before.lastKnown.flush();

      // The reloaded window: its rows are on screen while the stored copies are still being read.
      const after = open();
      service = after.windowService;
      void after.lastKnown.load();
      assert.ok(after.lastKnown.reading(), 'the stored copies are being read');
      const learned: string[] = [];
      const second = new TicketAges(service, (id) => learned.push(id), after.lastKnown.createTimes());
      const since = emu.requests.length;
      const again = await show(new TicketExplorerModel({ service, settings: () => settings }), second);
      await after.lastKnown.load();
      await settled(service);
      const askedFor = new Set(
        emu.requests
          .slice(since)
          .filter((r) => r.action === 'GetTicket')
          .map((r) => r.body.TicketId ?? r.query.TicketId),
      );
      assert.deepStrictEqual(
        aged.filter((id) => askedFor.has(id)),
        [],
        'a ticket whose creation time was stored is not fetched again',
      );
      assert.deepStrictEqual(
        aged.filter((id) => again.includes(id) && second.createTime(id) !== undefined).length,
        aged.filter((id) => again.includes(id)).length,
        'each of them shows its age',
      );
      assert.ok(learned.length > 0, 'rows that waited for the stored copies are repainted');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
