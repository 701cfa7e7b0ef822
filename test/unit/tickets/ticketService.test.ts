import * as assert from 'assert';
import { TicketApiError } from '../../../src/api/errors';
import type { ListTicketsQuery, RequestOptions, Ticket, TicketNote, TicketPage } from '../../../src/api/types';
import { createTicketService, listKey } from '../../../src/tickets/ticketService';
import { LruCache } from '../../../src/tickets/lruCache';
import type { TicketClientLike } from '../../../src/tickets/types';

// A client whose answers the test releases by hand, so timing (in flight, queued, aborted) is exact.
// The HTTP path is covered by ticketService.emulator.test.ts against the real emulator.
class ControlledClient implements TicketClientLike {
  calls: Array<{
    action: string;
    id?: string;
    signal?: AbortSignal;
    resolve(v: unknown): void;
    reject(e: unknown): void;
  }> = [];
  active = 0;
  peak = 0;

  private call<T>(action: string, id: string | undefined, options?: RequestOptions): Promise<T> {
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    return new Promise<T>((resolve, reject) => {
      const entry = { action, id, signal: options?.signal, resolve: resolve as (v: unknown) => void, reject };
      this.calls.push(entry);
      options?.signal?.addEventListener('abort', () =>
        reject(new TicketApiError({ code: 'Aborted', kind: 'aborted', message: 'aborted' })),
      );
    }).finally(() => this.active--);
  }
  getTicket(ticketId: string, options?: RequestOptions): Promise<Ticket> {
    return this.call('GetTicket', ticketId, options);
  }
  listTickets(_query: ListTicketsQuery, options?: RequestOptions): Promise<TicketPage> {
    return this.call('ListTickets', undefined, options);
  }
  listTicketNotes(ticketId: string, options?: RequestOptions): Promise<TicketNote[]> {
    return this.call('ListTicketNotes', ticketId, options);
  }
}

function ticket(id: string, status: 1 | 2 | 3 | 4 | 5 | 6 = 1, title = `Title of ${id}`): Ticket {
  return {
    ticketId: id,
    title,
    description: 'd',
    createTime: 1_700_000_000_000,
    creatorId: '1234',
    categoryId: '5',
    status: { value: status, label: String(status) },
    severity: { value: 1, label: 'Common' },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TicketService (cache, de-dup, cap, cancellation)', () => {
  it('many callers for one uncached id send one request and all get the ticket', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: async () => client });
    const waits = Array.from({ length: 100 }, () => service.getTicket('0005PYGCW'));
    await tick();
    assert.strictEqual(client.calls.length, 1);
    client.calls[0].resolve(ticket('0005PYGCW'));
    const results = await Promise.all(waits);
    assert.ok(results.every((t) => t.ticketId === '0005PYGCW'));
    assert.strictEqual(service.stats().joined, 99);
  });

  it('answers a cached id without a request until the TTL ends', async () => {
    let now = 1000;
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client, ttlMs: 5000, now: () => now });
    const first = service.getTicket('A1');
    await tick();
    client.calls[0].resolve(ticket('A1'));
    await first;
    assert.strictEqual(service.peekTicket('A1')?.ticketId, 'A1');
    now += 4999;
    await service.getTicket('A1');
    assert.strictEqual(client.calls.length, 1, 'still fresh: no request');
    now += 1;
    assert.strictEqual(service.peekTicket('A1'), undefined, 'expired');
    const again = service.getTicket('A1');
    await tick();
    assert.strictEqual(client.calls.length, 2);
    client.calls[1].resolve(ticket('A1'));
    await again;
  });

  it('force skips the cache', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client });
    const first = service.getTicket('A1');
    await tick();
    client.calls[0].resolve(ticket('A1'));
    await first;
    const forced = service.getTicket('A1', { force: true });
    await tick();
    assert.strictEqual(client.calls.length, 2);
    client.calls[1].resolve(ticket('A1', 6));
    assert.strictEqual((await forced).status.value, 6);
    assert.strictEqual(service.peekTicket('A1')?.status.value, 6);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    let now = 0;
    const cache = new LruCache<string, number>(2, () => now);
    cache.set('a', 1, 100);
    cache.set('b', 2, 100);
    assert.strictEqual(cache.get('a'), 1); // a is now the most recent
    cache.set('c', 3, 100);
    assert.deepStrictEqual(cache.keys().sort(), ['a', 'c']);
    now = 100;
    assert.strictEqual(cache.get('a'), undefined);
  });

  it('never has more than maxConcurrent requests in flight; the rest queue and all finish', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client, maxConcurrent: 3 });
    const waits = Array.from({ length: 10 }, (_, i) => service.getTicket(`ID${i}`));
    await tick();
    assert.strictEqual(client.calls.length, 3);
    assert.strictEqual(service.stats().queued, 7);
    for (let released = 0; released < 10; released++) {
      client.calls[released].resolve(ticket(client.calls[released].id!));
      await tick();
      await tick();
    }
    const results = await Promise.all(waits);
    assert.deepStrictEqual(
      results.map((t) => t.ticketId),
      Array.from({ length: 10 }, (_, i) => `ID${i}`),
    );
    assert.strictEqual(client.peak, 3);
    assert.strictEqual(service.stats().maxInFlightSeen, 3);
  });

  it("a caller's abort ends only its wait; the request is aborted when the last waiter leaves", async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client });
    const a = new AbortController();
    const b = new AbortController();
    const first = service.getTicket('X1', { signal: a.signal });
    const second = service.getTicket('X1', { signal: b.signal });
    await tick();
    a.abort();
    await assert.rejects(first, (e: TicketApiError) => e.kind === 'aborted');
    assert.strictEqual(client.calls[0].signal!.aborted, false, 'second caller still waits');
    b.abort();
    await assert.rejects(second, (e: TicketApiError) => e.kind === 'aborted');
    assert.strictEqual(client.calls[0].signal!.aborted, true, 'nobody waits: request aborted');
    // A new caller starts a fresh request instead of joining the aborted one.
    const third = service.getTicket('X1');
    await tick();
    assert.strictEqual(client.calls.length, 2);
    client.calls[1].resolve(ticket('X1'));
    assert.strictEqual((await third).ticketId, 'X1');
  });

  it('a queued request whose callers all left never reaches the client', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client, maxConcurrent: 1 });
    const busy = service.getTicket('BUSY1');
    const controller = new AbortController();
    const queued = service.getTicket('QUEUED1', { signal: controller.signal });
    await tick();
    controller.abort();
    await assert.rejects(queued, (e: TicketApiError) => e.kind === 'aborted');
    client.calls[0].resolve(ticket('BUSY1'));
    await busy;
    await tick();
    assert.deepStrictEqual(
      client.calls.map((c) => c.id),
      ['BUSY1'],
    );
    assert.strictEqual(service.stats().queued, 0);
  });

  it('an already aborted signal rejects at once without a request', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client });
    await assert.rejects(
      service.getTicket('Y1', { signal: AbortSignal.abort() }),
      (e: TicketApiError) => e.kind === 'aborted',
    );
    await tick();
    assert.strictEqual(client.calls.length, 0);
  });

  it("rejects with kind 'signedOut' when there is no client", async () => {
    const service = createTicketService({ getClient: async () => undefined });
    await assert.rejects(
      service.getTicket('0005PYGCW'),
      (e: TicketApiError) => e instanceof TicketApiError && e.kind === 'signedOut',
    );
    await assert.rejects(
      service.listTickets({ pageNumber: 1, pageSize: 10 }),
      (e: TicketApiError) => e.kind === 'signedOut',
    );
  });

  it('errors reach every waiter and are not cached, except notFound for a while', async () => {
    let now = 0;
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client, notFoundTtlMs: 1000, now: () => now });
    const waits = [service.getTicket('E1'), service.getTicket('E1')];
    await tick();
    client.calls[0].reject(
      new TicketApiError({ code: 'ServiceUnavailable', kind: 'server', message: 'down', httpStatus: 503 }),
    );
    for (const w of waits) {
      await assert.rejects(w, (e: TicketApiError) => e.kind === 'server');
    }
    const retry = service.getTicket('E1');
    await tick();
    assert.strictEqual(client.calls.length, 2, 'a server error is not cached');
    client.calls[1].reject(new TicketApiError({ code: 'illegal.param', kind: 'notFound', message: 'no such ticket' }));
    await assert.rejects(retry, (e: TicketApiError) => e.kind === 'notFound');
    await assert.rejects(service.getTicket('E1'), (e: TicketApiError) => e.kind === 'notFound');
    assert.strictEqual(client.calls.length, 2, 'notFound is remembered');
    now = 1000;
    void service.getTicket('E1').catch(() => undefined);
    await tick();
    assert.strictEqual(client.calls.length, 3, 'and forgotten after its TTL');
  });

  it('invalidate drops the cache, tells listeners, and a request under way does not refill it', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client });
    const events: Array<string | undefined> = [];
    service.onDidChange((e) => events.push(e.ticketId));
    const pending = service.getTicket('I1');
    await tick();
    service.invalidate();
    client.calls[0].resolve(ticket('I1'));
    assert.strictEqual((await pending).ticketId, 'I1', 'the caller still gets its answer');
    assert.strictEqual(service.peekTicket('I1'), undefined, 'but the old answer is not cached');
    assert.deepStrictEqual(events, [undefined]);
  });

  it('invalidate(id) forgets that ticket, its notes and the pages that show it; a newer answer with another status is announced', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client });
    const events: Array<string | undefined> = [];
    service.onDidChange((e) => events.push(e.ticketId));
    const loads = [
      service.getTicket('V1'),
      service.getNotes('V1'),
      service.getTicket('V2'),
      service.listTickets({ pageNumber: 1, pageSize: 10 }),
    ];
    await tick();
    client.calls[0].resolve(ticket('V1', 2));
    client.calls[1].resolve([]);
    client.calls[2].resolve(ticket('V2', 2));
    client.calls[3].resolve({ tickets: [], totalCount: 0, pageNumber: 1, pageSize: 10 });
    await Promise.all(loads);
    service.invalidate('V1');
    assert.deepStrictEqual(events, ['V1']);
    assert.strictEqual(service.peekTicket('V1'), undefined);
    assert.strictEqual(service.peekTicket('V2')?.ticketId, 'V2', 'other tickets stay cached');
    void service.getNotes('V1');
    void service.listTickets({ pageNumber: 1, pageSize: 10 });
    await tick();
    assert.deepStrictEqual(
      client.calls.slice(4).map((c) => c.action),
      ['ListTicketNotes', 'ListTickets'],
    );
    // A refresh of V2 that finds it moved on: listeners hear about V2; the same status again says nothing.
    const moved = service.getTicket('V2', { force: true });
    await tick();
    client.calls[6].resolve(ticket('V2', 6));
    await moved;
    const same = service.getTicket('V2', { force: true });
    await tick();
    client.calls[7].resolve(ticket('V2', 6));
    await same;
    assert.deepStrictEqual(events, ['V1', 'V2']);
  });

  it('list pages are cached briefly under a key that ignores status order', async () => {
    let now = 0;
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client, listTtlMs: 100, now: () => now });
    const page: TicketPage = { tickets: [], totalCount: 0, pageNumber: 1, pageSize: 10 };
    const first = service.listTickets({ pageNumber: 1, pageSize: 10, statuses: ['dealing', 'assigned'] });
    await tick();
    client.calls[0].resolve(page);
    await first;
    await service.listTickets({ pageNumber: 1, pageSize: 10, statuses: ['assigned', 'dealing'] });
    assert.strictEqual(client.calls.length, 1);
    assert.notStrictEqual(listKey({ pageNumber: 2, pageSize: 10 }), listKey({ pageNumber: 1, pageSize: 10 }));
    now = 100;
    void service.listTickets({ pageNumber: 1, pageSize: 10, statuses: ['assigned', 'dealing'] });
    await tick();
    assert.strictEqual(client.calls.length, 2);
  });

  it('a list showing a new status drops the stale cached ticket and fires onDidChange', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client });
    const events: Array<string | undefined> = [];
    service.onDidChange((e) => events.push(e.ticketId));
    const got = service.getTicket('S1');
    await tick();
    client.calls[0].resolve(ticket('S1', 2));
    await got;
    const list = service.listTickets({ pageNumber: 1, pageSize: 10 });
    await tick();
    client.calls[1].resolve({
      tickets: [{ ticketId: 'S1', title: 'Title of S1', status: { value: 3, label: '3' } }],
      totalCount: 1,
      pageNumber: 1,
      pageSize: 10,
    });
    await list;
    assert.strictEqual(service.peekTicket('S1'), undefined);
    assert.deepStrictEqual(events, ['S1']);
  });

  it('notes have their own cache and de-dup', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client });
    const waits = [service.getNotes('N1'), service.getNotes('N1'), service.getTicket('N1')];
    await tick();
    assert.deepStrictEqual(
      client.calls.map((c) => c.action),
      ['ListTicketNotes', 'GetTicket'],
    );
    client.calls[0].resolve([]);
    client.calls[1].resolve(ticket('N1'));
    await Promise.all(waits);
    await service.getNotes('N1');
    assert.strictEqual(client.calls.length, 2);
  });

  it('background prefetches wait behind what users wait for; joining one promotes it', async () => {
    const client = new ControlledClient();
    const service = createTicketService({ getClient: () => client, maxConcurrent: 1 });
    const busy = service.getTicket('BUSY1');
    const prefetches = ['P1', 'P2', 'P3'].map((id) => service.getTicket(id, { background: true }));
    const hover = service.getTicket('HOVER1');
    const joined = service.getTicket('P3'); // a hover on a ticket that was only being prefetched
    await tick();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const call = client.calls[i];
      order.push(call.id!);
      call.resolve(ticket(call.id!));
      await tick();
      await tick();
    }
    await Promise.all([busy, hover, joined, ...prefetches]);
    assert.deepStrictEqual(order, ['BUSY1', 'HOVER1', 'P3', 'P1', 'P2']);
  });
});
