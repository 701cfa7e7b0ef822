// TicketService over the real client and the emulator (real HTTP on loopback): de-duplication and the concurrency cap
// counted at the server (emu.requests) and at the client, under a mixed load like hovers + explorer + panels.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import { TicketApiError } from '../../../src/api/errors';
import type { ListTicketsQuery, RequestOptions } from '../../../src/api/types';
import { createTicketService } from '../../../src/tickets/ticketService';
import type { TicketClientLike } from '../../../src/tickets/types';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';
import { until } from '../emulator/helpers';

/** The real client, with a count of calls in flight (what the cap must bound). */
class CountingClient implements TicketClientLike {
  active = 0;
  peak = 0;
  /** The signal of each request, in order. */
  readonly signals: Array<AbortSignal | undefined> = [];
  constructor(readonly inner: TicketClient) {}
  private async count<T>(call: () => Promise<T>, options?: RequestOptions): Promise<T> {
    this.signals.push(options?.signal);
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await call();
    } finally {
      this.active--;
    }
  }
  getTicket(id: string, options?: RequestOptions) {
    return this.count(() => this.inner.getTicket(id, options), options);
  }
  listTickets(query: ListTicketsQuery, options?: RequestOptions) {
    return this.count(() => this.inner.listTickets(query, options), options);
  }
  listTicketNotes(id: string, options?: RequestOptions) {
    return this.count(() => this.inner.listTicketNotes(id, options), options);
  }
}

describe('TicketService against the emulator', function () {
  this.timeout(30000);
  let emu: TicketEmulator;
  let client: TicketClient;

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'demo' });
  });
  beforeEach(() => {
    client = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, maxAttempts: 1 });
  });
  afterEach(async () => {
    await client.close();
    emu.clearFaults();
    emu.setLatency(0);
    emu.clearRequests();
  });
  after(async () => {
    await emu.stop();
  });

  const actions = (name: string) => emu.requests.filter((r) => r.action === name);

  it('100 hovers on one uncached id send one GetTicket; then the cache answers without a request', async () => {
    emu.setLatency(30);
    const service = createTicketService({ getClient: () => client });
    const answers = await Promise.all(Array.from({ length: 100 }, () => service.getTicket('0005PYGCW')));
    assert.ok(answers.every((t) => t.ticketId === '0005PYGCW' && t.title.length > 0));
    assert.strictEqual(actions('GetTicket').length, 1);
    assert.strictEqual(service.peekTicket('0005PYGCW')?.ticketId, '0005PYGCW');
    await service.getTicket('0005PYGCW');
    assert.strictEqual(actions('GetTicket').length, 1);
  });

  it('a cancelled hover does not cancel the request another hover waits for', async () => {
    const service = createTicketService({ getClient: () => client });
    const hover = new AbortController();
    const first = service.getTicket('001571BTXC', { signal: hover.signal });
    const second = service.getTicket('001571BTXC');
    hover.abort();
    await assert.rejects(first, (e: TicketApiError) => e.kind === 'aborted');
    assert.strictEqual((await second).ticketId, '001571BTXC');
    assert.strictEqual(actions('GetTicket').length, 1);
  });

  it('a request all callers left is aborted on the wire and its answer is not cached', async () => {
    // Long enough that the answer cannot come before the abort, however slow the machine; the abort ends the wait.
    emu.setLatency(10_000);
    const counting = new CountingClient(client);
    const service = createTicketService({ getClient: () => counting });
    const hover = new AbortController();
    const pending = service.getTicket('001571BTXC', { signal: hover.signal });
    await until('the request reached the server', () => actions('GetTicket').length === 1);
    hover.abort();
    await assert.rejects(pending, (e: TicketApiError) => e.kind === 'aborted');
    assert.strictEqual(counting.signals[0]?.aborted, true, 'the HTTP request was aborted');
    await until('the client call settled', () => counting.active === 0);
    await new Promise((resolve) => setImmediate(resolve));
    assert.strictEqual(service.peekTicket('001571BTXC'), undefined);
  });

  it('remembers "not found" so repeated hovers on a wrong id do not ask again', async () => {
    const service = createTicketService({ getClient: () => client });
    await assert.rejects(service.getTicket('0009ZZZZZZ'), (e: TicketApiError) => e.kind === 'notFound');
    await assert.rejects(service.getTicket('0009ZZZZZZ'), (e: TicketApiError) => e.kind === 'notFound');
    assert.strictEqual(actions('GetTicket').length, 1);
  });

  it('load: 200 concurrent callers (hovers, explorer, panels) stay under the cap, never duplicate, all get an answer or an error', async () => {
    emu.setLatency(15);
    const counting = new CountingClient(client);
    const maxConcurrent = 4;
    const service = createTicketService({ getClient: () => counting, maxConcurrent });
    // Ticket ids the explorer would show: the first page.
    const firstPage = await client.listTickets({ pageNumber: 1, pageSize: 40 });
    const ids = firstPage.tickets.map((t) => t.ticketId);
    emu.clearRequests();
    // The first three GetTicket requests fail on the server: their callers, and only theirs, must get that error.
    emu.inject({ kind: 'status', status: 500, action: 'GetTicket', times: 3 });

    // Each caller, with the server request it needs (action and the parameters that identify it).
    const callers: Array<{ request: string; outcome: Promise<string> }> = [];
    const call = (request: string, promise: Promise<unknown>) =>
      callers.push({
        request,
        outcome: promise.then(
          () => 'ok',
          (e: unknown) => (e instanceof TicketApiError ? e.kind : 'not a TicketApiError'),
        ),
      });
    for (let i = 0; i < 200; i++) {
      const id = ids[i % 25];
      switch (i % 5) {
        case 0: // hover
        case 1:
          call(`GetTicket:${id}`, service.getTicket(id));
          break;
        case 2: {
          // explorer: a status group's page, or a tooltip
          const page = 1 + (i % 3);
          if (i % 2)
            call(
              `ListTickets:${page}:10:dealing`,
              service.listTickets({ pageNumber: page, pageSize: 10, statuses: ['dealing'] }),
            );
          else call(`GetTicket:${id}`, service.getTicket(id));
          break;
        }
        case 3: // panel: the conversation
          call(`ListTicketNotes:${id}`, service.getNotes(id));
          break;
        case 4: {
          // a hover on an id that does not exist
          const unknown = `0009ZZZZ${String(i % 7).padStart(2, '0')}`;
          call(`GetTicket:${unknown}`, service.getTicket(unknown));
          break;
        }
      }
    }
    const outcomes = await Promise.all(callers.map((c) => c.outcome));

    assert.strictEqual(outcomes.length, 200, 'every caller settled');
    assert.ok(counting.peak <= maxConcurrent, `peak ${counting.peak} > cap ${maxConcurrent}`);
    assert.ok(counting.peak >= 2, 'the load really ran requests in parallel');
    assert.ok(service.stats().maxInFlightSeen <= maxConcurrent);

    // All 200 callers asked before any answer came, so each distinct thing was requested exactly once.
    const served = new Map<string, number>();
    for (const r of emu.requests) {
      const params = { ...r.query, ...r.body } as Record<string, string>;
      const key =
        r.action === 'ListTickets'
          ? `${r.action}:${params.PageNumber}:${params.PageSize}:${params['StatusList.1']}`
          : `${r.action}:${params.TicketId}`;
      assert.ok(!served.has(key), `a second request for ${key}`);
      served.set(key, r.status);
    }
    assert.deepStrictEqual(
      [...served.keys()].sort(),
      [...new Set(callers.map((c) => c.request))].sort(),
      'one request per distinct thing asked for',
    );
    assert.strictEqual(
      [...served.values()].filter((status) => status === 500).length,
      3,
      'the injected failures happened',
    );

    // Every caller got the answer or the error of the request it shared.
    callers.forEach((caller, i) => {
      const status = served.get(caller.request)!;
      const expected = status === 200 ? 'ok' : status >= 500 ? 'server' : 'notFound';
      assert.strictEqual(outcomes[i], expected, `caller ${i} (${caller.request}, HTTP ${status})`);
    });
  });
});
