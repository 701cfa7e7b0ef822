// What the Tickets view costs the account's API rate limit, counted in the emulator's request log (not by the
// client): opening it, refreshing it, expanding a group; and what it shows when a refresh fails or is throttled.
// The view is driven as VS Code drives the provider: the expanded groups' children are the rows on screen.
import * as assert from 'assert';
import { AttentionCount } from '../../../src/tickets/attention';
import type { TicketClient } from '../../../src/api/client';
import { TicketAges, AGE_PAGE } from '../../../src/features/explorer/ages';
import { nodeLook, refreshFailureText } from '../../../src/features/explorer/labels';
import {
  TicketExplorerModel,
  type ExplorerNode,
  type ExplorerSettings,
  type GroupNode,
  type TicketNode,
} from '../../../src/features/explorer/model';
import { createTicketService, type TicketServiceImpl } from '../../../src/tickets/ticketService';
import { WAITING_FOR_YOU } from '../../../src/tickets/status';
import { emulatorClients } from '../api/emulatorClients';
import { settled } from './settled';

describe('Tickets view request budget and failed refreshes (emulator request log)', function () {
  this.timeout(30000);
  let client: TicketClient;
  let service: TicketServiceImpl;
  let settings: ExplorerSettings;

  const isGroup = (n: ExplorerNode): n is GroupNode => n.kind === 'group';
  const rows = (nodes: ExplorerNode[]) => nodes.filter((n): n is TicketNode => n.kind === 'ticket');
  const count = (action: string, since = 0) => env.emu.requests.slice(since).filter((r) => r.action === action).length;
  /** VS Code's part: the root, then the children of every group that shows expanded. */
  async function show(m: TicketExplorerModel, ages: TicketAges): Promise<void> {
    await m.ensureLoaded();
    for (const group of m.children().filter(isGroup)) {
      if (nodeLook(group, undefined, Date.now(), settings.pageSize).collapsible === 'expanded') {
        ages.rowsShown(rows(m.children(group)).map((n) => n.ticket.ticketId));
      }
    }
    if (!m.grouped) ages.rowsShown(rows(m.children()).map((n) => n.ticket.ticketId));
    await settled(service);
  }

  const env = emulatorClients({ maxAttempts: 1 }, { seed: 'demo', language: 'en' });
  beforeEach(() => {
    client = env.client();
    service = createTicketService({ getClient: () => client });
    settings = { groupByStatus: true, pageSize: 50 };
  });

  it('opening the view: one ListTickets per status group and one for the count, GetTicket for at most one page of rows of expanded groups', async () => {
    const attention = new AttentionCount(service);
    const m = new TicketExplorerModel({ service, settings: () => settings, attention });
    const ages = new TicketAges(service, () => undefined);
    await show(m, ages);
    assert.strictEqual(
      count('ListTickets'),
      7,
      'one per group, and one of the smallest page for the count of what waits for the user (and its newest tickets)',
    );
    const expandedRows = m
      .children()
      .filter(isGroup)
      .filter((g) => nodeLook(g, undefined, Date.now(), 50).collapsible === 'expanded')
      .flatMap((g) => rows(m.children(g)));
    assert.ok(expandedRows.length > AGE_PAGE, `the demo shows more rows (${expandedRows.length}) than one page`);
    assert.strictEqual(count('GetTicket'), AGE_PAGE);
    const completed = m
      .children()
      .filter(isGroup)
      .find((g) => g.status === 6)!;
    const fetched = new Set(
      env.emu.requests.filter((r) => r.action === 'GetTicket').map((r) => r.body.TicketId ?? r.query.TicketId),
    );
    assert.ok(
      rows(m.children(completed)).every((n) => !fetched.has(n.ticket.ticketId)),
      'no GetTicket for the folded Completed group',
    );
    const [feedback, confirm] = m.children().filter(isGroup);
    assert.strictEqual(attention.total, feedback.list.totalCount + confirm.list.totalCount);
  });

  it('once every row on screen has its age, a refresh in which nothing changed sends no GetTicket; a new ticket costs one', async () => {
    const m = new TicketExplorerModel({ service, settings: () => settings });
    const ages = new TicketAges(service, () => undefined);
    await show(m, ages);
    // The rows the first load passed over get their ages in the next refreshes, one page each (ages.test.ts).
    for (let i = 0; i < 5; i++) {
      const since = env.emu.requests.length;
      ages.startLoad();
      await m.refresh();
      await show(m, ages);
      if (count('GetTicket', since) === 0) break;
    }
    for (let i = 0; i < 3; i++) {
      const since = env.emu.requests.length;
      ages.startLoad();
      await m.refresh();
      await show(m, ages);
      assert.strictEqual(count('GetTicket', since), 0, `refresh ${i + 1}: known ages are not fetched again`);
      assert.strictEqual(count('ListTickets', since), 6);
    }
    const added = env.emu.addTicket({ title: 'New since the last refresh', status: WAITING_FOR_YOU });
    const since = env.emu.requests.length;
    ages.startLoad();
    await m.refresh();
    await show(m, ages);
    assert.deepStrictEqual(
      env.emu.requests
        .slice(since)
        .filter((r) => r.action === 'GetTicket')
        .map((r) => r.body.TicketId ?? r.query.TicketId),
      [added.ticketId],
    );
    assert.ok(ages.createTime(added.ticketId), 'the new row has its age');
  });

  it('expanding a group asks for the ages of its rows, at most one page; expanding it again asks nothing', async () => {
    const m = new TicketExplorerModel({ service, settings: () => settings });
    const ages = new TicketAges(service, () => undefined);
    await show(m, ages);
    const completed = m
      .children()
      .filter(isGroup)
      .find((g) => g.status === 6)!;
    const ids = rows(m.children(completed)).map((n) => n.ticket.ticketId);
    let since = env.emu.requests.length;
    ages.rowsRequested(ids);
    await settled(service);
    assert.strictEqual(count('GetTicket', since), Math.min(AGE_PAGE, ids.length));
    assert.ok(
      ids.slice(0, AGE_PAGE).every((id) => ages.createTime(id)),
      'every row of the expanded group has its age',
    );
    since = env.emu.requests.length;
    ages.rowsRequested(ids);
    await settled(service);
    assert.strictEqual(count('GetTicket', since), 0);
  });

  it('the badge counts tickets waiting for you whatever the filter and layout (one cheap ListTickets)', async () => {
    const reference = await client.listTickets({
      pageNumber: 1,
      pageSize: 10,
      statuses: ['wait_feedback', 'wait_confirm'],
    });
    assert.ok(reference.totalCount > 1);
    const attention = new AttentionCount(service);
    const m = new TicketExplorerModel({ service, settings: () => settings, attention });
    await m.setFilter({ keyword: 'OSS' });
    assert.strictEqual(attention.total, reference.totalCount, 'filtered');
    const countRequest = env.emu.requests.find((r) => r.action === 'ListTickets' && r.query.PageSize === '10');
    assert.ok(countRequest, 'the count asks for the smallest page');
    settings = { groupByStatus: false, pageSize: 50 };
    const flatCount = new AttentionCount(service);
    const flat = new TicketExplorerModel({ service, settings: () => settings, attention: flatCount });
    await flat.ensureLoaded();
    assert.strictEqual(flatCount.total, reference.totalCount, 'flat list');
  });

  it('a failed refresh keeps every loaded row and says above the list that it failed and when to retry', async () => {
    const attention = new AttentionCount(service);
    const m = new TicketExplorerModel({ service, settings: () => settings, attention });
    await m.ensureLoaded();
    const before = m
      .children()
      .filter(isGroup)
      .flatMap((g) => rows(m.children(g)).map((n) => n.ticket.ticketId));
    const badge = attention.total;
    env.emu.inject({ kind: 'throttle', action: 'ListTickets', retryAfterMs: 20_000, times: 10 });
    const since = env.emu.requests.length;
    await m.refresh();
    assert.strictEqual(m.state, 'ready');
    assert.deepStrictEqual(
      m
        .children()
        .filter(isGroup)
        .flatMap((g) => rows(m.children(g)).map((n) => n.ticket.ticketId)),
      before,
    );
    assert.strictEqual(attention.total, badge, 'the badge keeps its count');
    assert.strictEqual(m.refreshFailure?.error.kind, 'throttled');
    assert.match(
      refreshFailureText(m.refreshFailure!),
      /^Refresh failed at \d\d:\d\d \(Too many requests: wait 20 s\)\. Showing the tickets loaded before; Refresh again after that wait\.$/,
    );
    assert.strictEqual(count('ListTickets', since), 1, 'a wait longer than the service holds: one request, not six');
    env.emu.clearFaults();
    await m.refresh();
    assert.strictEqual(m.refreshFailure, undefined, 'a good refresh clears the line');
  });

  it('one throttled answer slows the other groups instead of failing them; the throttled group is asked again', async () => {
    env.emu.inject({ kind: 'throttle', action: 'ListTickets', retryAfterMs: 300, times: 1 });
    const m = new TicketExplorerModel({ service, settings: () => settings });
    const started = Date.now();
    await m.ensureLoaded();
    assert.ok(Date.now() - started >= 290, 'the others waited as the server asked');
    assert.strictEqual(m.state, 'ready');
    assert.deepStrictEqual(
      m
        .children()
        .filter(isGroup)
        .filter((g) => g.list.error),
      [],
      'no group failed',
    );
    const lists = env.emu.requests.filter((r) => r.action === 'ListTickets');
    assert.strictEqual(lists[0].code, 'Throttling.User');
    assert.strictEqual(lists.length, 7, 'the throttled one once more, the others once');
  });
  it('a refused key: the first group meets it and the other five are not asked', async () => {
    const refused = env.client({
      credentials: { accessKeyId: 'LTAI5tUnknownKeyId000000', accessKeySecret: 'x'.repeat(30) },
    });
    const m = new TicketExplorerModel({
      service: createTicketService({ getClient: () => refused }),
      settings: () => settings,
    });
    await m.ensureLoaded();
    assert.strictEqual(m.state, 'error');
    assert.strictEqual(m.lastError?.kind, 'auth');
    assert.strictEqual(count('ListTickets'), 1);
  });
});
