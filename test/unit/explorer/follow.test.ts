// The Tickets view and the count follow what the extension itself changed or learned, at once and within the request
// budget: a reply, Close or Reopen from a panel (the panel reloads the ticket, the service learns its new status) and
// the watcher's poll (a ticket now waits for the user). Counted in the emulator's request log.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import { StatusFollower } from '../../../src/features/explorer/follow';
import { TicketExplorerModel, type ExplorerNode, type GroupNode } from '../../../src/features/explorer/model';
import { AttentionCount } from '../../../src/tickets/attention';
import { needsYou, unfinishedStatusNames } from '../../../src/tickets/status';
import { createTicketService, type TicketServiceImpl } from '../../../src/tickets/ticketService';
import { TicketWrites } from '../../../src/tickets/ticketWrites';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';

describe('Tickets view and count follow what the extension changed or learned (emulator)', function () {
  this.timeout(30_000);
  let emu: TicketEmulator;
  let client: TicketClient;
  let service: TicketServiceImpl;
  let attention: AttentionCount;
  let model: TicketExplorerModel;
  let follower: StatusFollower;

  const groups = (): GroupNode[] => model.children().filter((n): n is GroupNode => n.kind === 'group');
  const group = (status: number) => groups().find((g) => g.status === status)!;
  const idsIn = (status: number) =>
    model
      .children(group(status))
      .filter((n: ExplorerNode) => n.kind === 'ticket')
      .map((n) => (n as { ticket: { ticketId: string } }).ticket.ticketId);
  const requests = (since: number) =>
    emu.requests
      .slice(since)
      .map(
        (r) =>
          `${r.action}${r.action === 'ListTickets' ? ` ${r.body['StatusList.1'] ?? r.query['StatusList.1'] ?? ''}` : ''}`,
      );

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'demo', language: 'en' });
  });
  beforeEach(async () => {
    emu.reset('demo', 'en');
    client = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, maxAttempts: 1 });
    service = createTicketService({ getClient: () => client });
    attention = new AttentionCount(service);
    model = new TicketExplorerModel({ service, settings: () => ({ groupByStatus: true, pageSize: 50 }), attention });
    // What explorerView.ts wires: the service's learned statuses to the follower.
    follower = new StatusFollower({
      follow: (learned) => model.follow(learned),
      recount: () => attention.refresh({ force: true }),
      delayMs: 10,
    });
    service.onDidChange((event) => {
      if (event.ticketId && event.status !== undefined)
        follower.learned({ ticketId: event.ticketId, status: event.status, previous: event.previousStatus }, needsYou);
    });
    await model.ensureLoaded();
  });
  afterEach(async () => {
    follower.dispose();
    await client.close();
  });
  after(async () => {
    await emu.stop();
  });

  it('a reply from the panel moves the ticket out of "waiting for your feedback" and the count drops: 3 ListTickets', async () => {
    const ticketId = idsIn(3)[0];
    const feedbackBefore = group(3).list.totalCount;
    const countBefore = attention.total!;
    assert.strictEqual(countBefore, group(3).list.totalCount + group(5).list.totalCount, 'one count, the groups agree');
    // The panel: it had the ticket loaded, sends the reply, then reloads it (as TicketActing does).
    await service.getTicket(ticketId);
    const since = emu.requests.length;
    await new TicketWrites(() => client, service).reply(ticketId, 'Here are the logs.');
    await service.getTicket(ticketId, { force: true });
    await follower.flush();
    const status = (await service.getTicket(ticketId)).status.value;
    assert.notStrictEqual(status, 3, 'the emulator moved the ticket on');
    assert.ok(!idsIn(3).includes(ticketId), 'it left the feedback group');
    assert.ok(idsIn(status).includes(ticketId), 'and shows in the group of its new status');
    assert.strictEqual(group(3).list.totalCount, feedbackBefore - 1);
    assert.strictEqual(attention.total, countBefore - 1, 'the badge and the status bar count one less');
    assert.deepStrictEqual(
      requests(since).sort(),
      ['GetTicket', 'ListTickets feedback', 'ListTickets wait_feedback', 'ListTickets wait_feedback', 'ReplyTicket']
        .map((r) => (r === 'ListTickets feedback' ? `ListTickets ${statusNameOf(status)}` : r))
        .sort(),
      'the write, the panel’s reload, the two groups it moved between and the count: nothing else',
    );
  });

  it('the watcher learning that a ticket now waits for the user moves its row and counts it, without a request of its own', async () => {
    const ticketId = idsIn(2)[0];
    const countBefore = attention.total!;
    emu.setTicketStatus(ticketId, 3);
    const since = emu.requests.length;
    // The watcher's poll: one page of unfinished tickets, through the service.
    await service.listTickets(
      { pageNumber: 1, pageSize: 100, statuses: unfinishedStatusNames() },
      { force: true, background: true },
    );
    await follower.flush();
    assert.ok(idsIn(3).includes(ticketId), 'the row moved to "waiting for your feedback"');
    assert.ok(!idsIn(2).includes(ticketId));
    assert.strictEqual(attention.total, countBefore + 1);
    assert.strictEqual(attention.mostRecent() !== undefined, true);
    assert.deepStrictEqual(
      requests(since).sort(),
      ['ListTickets assigned', 'ListTickets dealing', 'ListTickets wait_feedback', 'ListTickets wait_feedback'].sort(),
      'the poll, the two groups, the count',
    );
  });

  it('a ticket the tree does not show costs nothing; the same status again changes nothing', async () => {
    const shown = idsIn(3)[0];
    const since = emu.requests.length;
    await service.getTicket(shown);
    await service.getTicket(shown, { force: true });
    await follower.flush();
    assert.deepStrictEqual(requests(since), ['GetTicket', 'GetTicket'], 'no list reloaded, no count');
  });
});

function statusNameOf(status: number): string {
  return ['', 'assigned', 'dealing', 'wait_feedback', 'feedback', 'wait_confirm', 'confirmed'][status];
}
