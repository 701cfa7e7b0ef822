// The explorer's tree building (grouping, paging, filter, states, reveal) against the emulator over real HTTP.
import * as assert from 'assert';
import { AttentionCount } from '../../../src/tickets/attention';
import type { TicketClient } from '../../../src/api/client';
import type { ListTicketsQuery, StatusName, TicketSummary } from '../../../src/api/types';
import { createTicketService } from '../../../src/tickets/ticketService';
import type { TicketService } from '../../../src/tickets/types';
import { nodeLook } from '../../../src/features/explorer/labels';
import {
  TicketExplorerModel,
  type ExplorerNode,
  type ExplorerSettings,
  type GroupNode,
  type TicketNode,
} from '../../../src/features/explorer/model';
import { DEMO_TICKET_COUNT } from '../../emulator/server';
import { emulatorClients } from '../api/emulatorClients';

describe('ticket explorer model against the emulator', function () {
  this.timeout(30000);
  let client: TicketClient;
  let service: TicketService;
  let settings: ExplorerSettings;

  const model = () => new TicketExplorerModel({ service, settings: () => settings });
  const tickets = (nodes: ExplorerNode[]) => nodes.filter((n): n is TicketNode => n.kind === 'ticket');
  const groups = (nodes: ExplorerNode[]) => nodes.filter((n): n is GroupNode => n.kind === 'group');
  /** Every ticket the server has for a query, paging through (the oracle the tree is compared with). */
  async function serverTickets(query: Omit<ListTicketsQuery, 'pageNumber' | 'pageSize'>): Promise<TicketSummary[]> {
    const all: TicketSummary[] = [];
    for (let page = 1; ; page++) {
      const result = await client.listTickets({ ...query, pageNumber: page, pageSize: 100 });
      all.push(...result.tickets);
      if (result.tickets.length === 0 || all.length >= result.totalCount) return all;
    }
  }

  const env = emulatorClients({ maxAttempts: 1 }, { seed: 'demo', language: 'en' });
  beforeEach(() => {
    client = env.client();
    service = createTicketService({ getClient: () => client });
    settings = { groupByStatus: true, pageSize: 10 };
  });

  it('groups by the six statuses, "waiting for your feedback" first, each with the server total as its count', async () => {
    const m = model();
    await m.ensureLoaded();
    assert.strictEqual(m.state, 'ready');
    const roots = groups(m.children());
    assert.deepStrictEqual(
      roots.map((g) => g.status),
      [3, 5, 1, 2, 4, 6],
    );
    let sum = 0;
    for (const group of roots) {
      const expected = await serverTickets({ statuses: [group.list.key as StatusName] });
      assert.strictEqual(group.list.totalCount, expected.length, `count of ${group.list.key}`);
      sum += group.list.totalCount;
      const children = tickets(m.children(group));
      assert.ok(
        children.every((n) => n.ticket.status.value === group.status),
        'a group holds only its status',
      );
      assert.deepStrictEqual(
        children.map((n) => n.ticket.ticketId),
        expected.slice(0, 10).map((t) => t.ticketId),
        'newest first, as the server orders',
      );
      assert.ok(
        children.every((n) => m.parent(n) === group),
        'getParent of a ticket is its group',
      );
    }
    assert.strictEqual(sum, DEMO_TICKET_COUNT);
    // The badge counts what waits for the user: feedback and confirmation, the two groups' totals together.
    const attention = new AttentionCount(service);
    await attention.refresh();
    assert.strictEqual(attention.total, roots[0].list.totalCount + roots[1].list.totalCount);
    const [feedback, ...others] = roots;
    assert.ok(feedback.list.totalCount > 0, 'the demo seed has tickets waiting for feedback');
    const look = nodeLook(feedback, undefined, Date.now(), 10);
    assert.strictEqual(look.contextValue, 'ticketGroup.attention');
    assert.ok(look.highlight, 'the group that waits for you is highlighted');
    assert.strictEqual(look.icon?.color, 'list.warningForeground');
    assert.strictEqual(
      look.label,
      `${feedback.list.totalCount} Waiting for your feedback`,
      'its count leads the label (a narrow sidebar cuts from the end)',
    );
    assert.deepStrictEqual(
      look.highlight,
      [String(feedback.list.totalCount).length + 1, look.label.length],
      'the status words are highlighted',
    );
    for (const group of others) {
      assert.strictEqual(
        nodeLook(group, undefined, Date.now(), 10).highlight,
        undefined,
        `${group.list.key} is not highlighted`,
      );
    }
  });

  it('pages a group with Load more until every ticket is shown, never stopping silently', async () => {
    const m = model();
    await m.ensureLoaded();
    const biggest = groups(m.children()).sort((a, b) => b.list.totalCount - a.list.totalCount)[0];
    assert.ok(biggest.list.totalCount > 10, 'the demo seed has a group longer than one page');
    let rounds = 0;
    for (;;) {
      const children = m.children(biggest);
      const more = children.find((n) => n.kind === 'loadMore');
      if (!more) break;
      assert.strictEqual(more.kind === 'loadMore' && more.parent, biggest);
      await m.loadMore(biggest.list.key);
      rounds++;
      assert.ok(rounds < 50);
    }
    const shown = tickets(m.children(biggest)).map((n) => n.ticket.ticketId);
    const expected = (await serverTickets({ statuses: [biggest.list.key as StatusName] })).map((t) => t.ticketId);
    assert.deepStrictEqual(shown, expected);
    assert.strictEqual(new Set(shown).size, shown.length, 'no ticket twice');
  });

  it('flat mode: one list, newest first, Load more through all 150 tickets with 100 per page', async () => {
    settings = { groupByStatus: false, pageSize: 100 };
    const m = model();
    await m.ensureLoaded();
    let roots = m.children();
    assert.strictEqual(tickets(roots).length, 100);
    const more = roots[roots.length - 1];
    assert.strictEqual(more.kind, 'loadMore');
    const look = nodeLook(more, undefined, Date.now(), 100);
    assert.strictEqual(look.label, `Load ${DEMO_TICKET_COUNT - 100} more`);
    assert.strictEqual(look.description, `100 of ${DEMO_TICKET_COUNT} shown`);
    await m.loadMore('all');
    roots = m.children();
    assert.strictEqual(tickets(roots).length, DEMO_TICKET_COUNT);
    assert.ok(!roots.some((n) => n.kind === 'loadMore'));
    assert.ok(tickets(roots).every((n) => m.parent(n) === undefined));
    const expected = (await serverTickets({})).map((t) => t.ticketId);
    assert.deepStrictEqual(
      tickets(roots).map((n) => n.ticket.ticketId),
      expected,
    );
  });

  it('a failing "Load more" shows the reason and a retry where the list ends, and the retry carries on paging', async () => {
    settings = { groupByStatus: false, pageSize: 10 };
    const m = model();
    await m.ensureLoaded();
    env.emu.inject({ kind: 'status', status: 503, action: 'ListTickets', times: 1 });
    await m.loadMore('all');
    let children = m.children();
    assert.strictEqual(tickets(children).length, 10, 'what was shown stays');
    const last = children[children.length - 1];
    assert.strictEqual(last.kind, 'message', 'the list does not just stop');
    const look = nodeLook(last, undefined, Date.now(), 10);
    assert.strictEqual(look.label, 'Server error (HTTP 503): try again later', 'a few words that fit the sidebar');
    assert.match(String(look.tooltip), /had a server error.*HTTP 503/, 'the whole sentence in the tooltip');
    assert.deepStrictEqual(look.command, {
      command: 'aliyunTickets.explorer.retryList',
      title: 'Retry',
      arguments: ['all'],
    });
    await m.retry('all');
    children = m.children();
    assert.strictEqual(tickets(children).length, 20);
    assert.strictEqual(children[children.length - 1].kind, 'loadMore');
    const expected = (await serverTickets({})).slice(0, 20).map((t) => t.ticketId);
    assert.deepStrictEqual(
      tickets(children).map((n) => n.ticket.ticketId),
      expected,
    );
  });

  it('page size is clamped to what ListTickets allows (10..100)', async () => {
    settings = { groupByStatus: false, pageSize: 500 };
    assert.strictEqual(model().pageSize, 100);
    settings = { groupByStatus: false, pageSize: 3 };
    const m = model();
    assert.strictEqual(m.pageSize, 10);
    await m.ensureLoaded();
    assert.strictEqual(m.state, 'ready', 'the server accepted the clamped size');
  });

  it('filter: statuses pick the groups; keyword and dates reach every query', async () => {
    const m = model();
    await m.setFilter({ statuses: ['dealing', 'wait_feedback'], keyword: 'OSS' });
    assert.deepStrictEqual(
      groups(m.children()).map((g) => g.list.key),
      ['wait_feedback', 'dealing'],
    );
    for (const group of groups(m.children())) {
      const expected = await serverTickets({ statuses: [group.list.key as StatusName], keyword: 'OSS' });
      assert.strictEqual(group.list.totalCount, expected.length);
    }
    const lists = env.emu.requests.filter((r) => r.action === 'ListTickets').slice(-2);
    for (const request of lists) {
      assert.strictEqual({ ...request.query, ...request.body }.Keyword, 'OSS');
    }

    settings = { groupByStatus: false, pageSize: 100 };
    const flat = model();
    const now = Date.now();
    const range = { startDate: now - 30 * 24 * 3600_000, endDate: now };
    await flat.setFilter({ statuses: ['confirmed'], ...range });
    const expected = await serverTickets({ statuses: ['confirmed'], ...range });
    assert.deepStrictEqual(
      tickets(flat.children()).map((n) => n.ticket.ticketId),
      expected.map((t) => t.ticketId),
    );
    assert.ok(tickets(flat.children()).every((n) => n.ticket.status.value === 6));
    const last = env.emu.requests.filter((r) => r.action === 'ListTickets').at(-2)!;
    const params = { ...last.query, ...last.body };
    assert.strictEqual(params['StatusList.1'], 'confirmed');
    assert.strictEqual(params.StartDate, String(range.startDate));
    assert.strictEqual(params.EndDate, String(range.endDate));

    await flat.setFilter({});
    assert.strictEqual(tickets(flat.children()).length, 100);
  });

  it('a filter nothing matches gives the empty state (the welcome view), not an empty tree of groups', async () => {
    const m = model();
    await m.setFilter({ keyword: 'no ticket contains this 9c1f' });
    assert.strictEqual(m.state, 'empty');
    assert.deepStrictEqual(m.children(), []);
  });

  it('no tickets at all: empty state', async () => {
    env.emu.reset('empty');
    const m = model();
    await m.ensureLoaded();
    assert.strictEqual(m.state, 'empty');
    assert.deepStrictEqual(m.children(), []);
  });

  it('signed out: signedOut state and no nodes', async () => {
    service = createTicketService({ getClient: () => undefined });
    const m = model();
    await m.ensureLoaded();
    assert.strictEqual(m.state, 'signedOut');
    assert.strictEqual(m.lastError?.kind, 'signedOut');
    assert.deepStrictEqual(m.children(), []);
  });

  it('every list failing gives the error state with the reason; Refresh recovers', async () => {
    env.emu.inject({ kind: 'status', status: 503, action: 'ListTickets', times: 6 });
    const m = model();
    await m.ensureLoaded();
    assert.strictEqual(m.state, 'error');
    assert.strictEqual(m.lastError?.kind, 'server');
    assert.deepStrictEqual(m.children(), []);
    await m.refresh();
    assert.strictEqual(m.state, 'ready');
    assert.strictEqual(groups(m.children()).length, 6);
  });

  it('one failing group shows its error and a retry inside the group; the others load', async () => {
    env.emu.inject({ kind: 'status', status: 500, action: 'ListTickets', times: 1 });
    const m = model();
    await m.ensureLoaded();
    assert.strictEqual(m.state, 'ready');
    const failed = groups(m.children()).filter((g) => g.list.error);
    assert.strictEqual(failed.length, 1);
    const [message] = m.children(failed[0]);
    assert.strictEqual(message.kind, 'message');
    const look = nodeLook(message, undefined, Date.now(), 10);
    assert.strictEqual(look.command?.command, 'aliyunTickets.explorer.retryList');
    assert.match(look.label, /^Server error \(HTTP 500\)/);
    await m.retry(failed[0].list.key);
    assert.strictEqual(failed[0].list.error, undefined);
    assert.ok(m.children(failed[0]).every((n) => n.kind !== 'message'));
  });

  it('refresh keeps the pages the user loaded, asks the server again, and keeps node identity', async () => {
    settings = { groupByStatus: false, pageSize: 10 };
    const m = model();
    await m.ensureLoaded();
    await m.loadMore('all');
    const before = tickets(m.children());
    assert.strictEqual(before.length, 20);
    const requestsBefore = env.emu.requests.length;
    await m.refresh();
    const after = tickets(m.children());
    assert.strictEqual(after.length, 20);
    assert.ok(env.emu.requests.length >= requestsBefore + 2, 'refresh bypasses the list cache');
    assert.ok(
      after.every((node, i) => node === before[i]),
      'same ids, same node objects',
    );
    const ids = new Set(m.children().map((n) => n.id));
    assert.strictEqual(ids.size, m.children().length, 'node ids are unique');
  });

  it('locate() finds a ticket beyond the loaded pages (for reveal) and its parent chain', async () => {
    const m = model();
    await m.ensureLoaded();
    // The oldest ticket of the biggest group: several pages in.
    const biggest = groups(m.children()).sort((a, b) => b.list.totalCount - a.list.totalCount)[0];
    const all = await serverTickets({ statuses: [biggest.list.key as StatusName] });
    const target = all[all.length - 1].ticketId;
    assert.strictEqual(m.findTicket(target), undefined);
    const node = await m.locate(target);
    assert.ok(node, 'found');
    assert.strictEqual(node.ticket.ticketId, target);
    assert.strictEqual(m.parent(node), biggest);
    assert.strictEqual(m.parent(biggest), undefined);
    assert.strictEqual(
      await m.locate('0009ZZZZZZ'),
      undefined,
      'an unknown id is not found (and does not page forever)',
    );
  });

  it('refresh on a live server picks up a new ticket, newest first in its group', async () => {
    settings = { groupByStatus: true, pageSize: 10 };
    const m = model();
    await m.ensureLoaded();
    const feedbackBefore = groups(m.children())[0].list.totalCount;
    env.emu.addTicket({ title: 'New: RDS failover', status: 3 }, []);
    await m.refresh();
    const feedback = groups(m.children())[0];
    assert.strictEqual(feedback.list.totalCount, feedbackBefore + 1);
    assert.strictEqual(tickets(m.children(feedback))[0].ticket.title, 'New: RDS failover', 'newest first');
  });

  it('reset() (sign-out, endpoint change) drops everything; the next look loads again', async () => {
    const m = model();
    await m.ensureLoaded();
    let changes = 0;
    m.onDidChange(() => changes++);
    m.reset();
    assert.strictEqual(m.state, 'idle');
    assert.deepStrictEqual(m.children(), []);
    assert.ok(changes >= 1);
    await m.ensureLoaded();
    assert.strictEqual(m.state, 'ready');
  });
});
