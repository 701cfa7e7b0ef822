// A write is never sent twice by accident: for every fault kind the emulator can inject, on every write action, the
// emulator's request log shows how many times the write arrived. Throttling (the server did nothing) is retried and
// succeeds once; a connection that could not be opened is retried; everything that may have reached the server ends
// with 'unknownOutcome' after exactly one request. Reads keep retrying 5xx and dropped connections.
import * as assert from 'assert';
import * as net from 'net';
import { FAULT_KINDS, WRITE_ACTIONS } from '../../emulator/server';
import type { Fault, FaultKind, WriteActionName } from '../../emulator/server';
import { TicketClient } from '../../../src/api/client';
import { emulatorClients } from './emulatorClients';
import { TicketApiError } from '../../../src/api/errors';
import { describeError } from '../../../src/api/errorWording';

type WriteAction = WriteActionName;

/** One call of each write action on a ticket whose status allows it. */
const WRITES: Record<
  WriteAction,
  { status: 1 | 2 | 3 | 4 | 5 | 6; run: (c: TicketClient, id: string) => Promise<unknown> }
> = {
  ReplyTicket: { status: 3, run: (c, id) => c.replyTicket(id, 'Here are the logs.') },
  CloseTicket: { status: 2, run: (c, id) => c.closeTicket(id) },
  ReopenTicket: { status: 6, run: (c, id) => c.reopenTicket(id, 'Still failing.') },
  EvaluateTicket: { status: 5, run: (c, id) => c.evaluateTicket(id, { solved: true, score: 5 }) },
  CreateTicket: {
    status: 1,
    run: (c) => c.createTicket({ categoryId: '7161', severity: 1, description: 'Renewal failed.' }),
  },
};

/** Each fault kind, shaped so that it fails the first attempt; what the write ends with. */
const FAULTS: Record<FaultKind, { fault: Fault; outcome: 'succeedsAfterRetry' | TicketApiError['kind'] }> = {
  throttle: { fault: { kind: 'throttle', retryAfterMs: 30 }, outcome: 'succeedsAfterRetry' },
  status: { fault: { kind: 'status', status: 500 }, outcome: 'unknownOutcome' },
  slow: { fault: { kind: 'slow', delayMs: 1500 }, outcome: 'unknownOutcome' },
  drop: { fault: { kind: 'drop' }, outcome: 'unknownOutcome' },
  dropAfterProcessing: { fault: { kind: 'dropAfterProcessing' }, outcome: 'unknownOutcome' },
  malformed: { fault: { kind: 'malformed' }, outcome: 'unknownOutcome' },
  html: { fault: { kind: 'html', status: 502 }, outcome: 'unknownOutcome' },
  forbidden: { fault: { kind: 'forbidden' }, outcome: 'permission' },
};

describe('api/client: a write is never sent twice by a retry', function () {
  this.timeout(20000);
  // timeoutMs below the slow fault's delay: the slow write times out on the client.
  const env = emulatorClients({ retryBaseDelayMs: 10, timeoutMs: 600, maxAttempts: 3 });
  const client = (endpoint?: string) => env.client(endpoint ? { endpoint } : {});

  it('covers every fault kind the emulator has', () => {
    assert.deepStrictEqual(Object.keys(FAULTS).sort(), [...FAULT_KINDS].sort());
    assert.deepStrictEqual(Object.keys(WRITES).sort(), [...WRITE_ACTIONS].sort());
  });

  for (const action of Object.keys(WRITES) as WriteAction[]) {
    for (const kind of FAULT_KINDS) {
      const { fault, outcome } = FAULTS[kind];
      it(`${action} × ${kind}: ${outcome === 'succeedsAfterRetry' ? 'retried, carried out once' : `sent once, ends as ${outcome}`}`, async () => {
        const ticket = env.emu.addTicket({ title: 'write-once', status: WRITES[action].status });
        env.emu.inject({ ...fault, action });
        const call = WRITES[action].run(client(), ticket.ticketId);
        const sent = () => env.emu.requests.filter((r) => r.action === action);
        if (outcome === 'succeedsAfterRetry') {
          await call;
          assert.strictEqual(sent().length, 2, 'the throttled attempt and one retry');
          assert.deepStrictEqual(
            sent().map((r) => r.processed === true),
            [false, true],
            'carried out by the retry only',
          );
          return;
        }
        const err = await call.then(
          () => assert.fail('expected the write to fail'),
          (e: unknown) => e as TicketApiError,
        );
        assert.ok(err instanceof TicketApiError);
        assert.strictEqual(err.kind, outcome, `${err.kind}: ${err.message}`);
        assert.strictEqual(err.action, action);
        if (kind === 'slow') await new Promise((r) => setTimeout(r, 1200)); // the server's late answer, if any, lands
        assert.strictEqual(sent().length, 1, `the write arrived ${sent().length} times`);
        assert.ok(sent().filter((r) => r.processed).length <= 1);
        if (outcome === 'unknownOutcome') {
          const text = describeError(err);
          assert.match(text, /may or may not have received it, so it was not sent again/);
          assert.match(
            text,
            action === 'CreateTicket' ? /Reload your ticket list and check/ : /Reload the ticket and check/,
          );
        }
      });
    }
  }

  it('dropAfterProcessing: the reply was carried out although the client heard nothing, and it is there once', async () => {
    const ticket = env.emu.addTicket({ title: 'dropped', status: 3 });
    env.emu.inject({ kind: 'dropAfterProcessing', action: 'ReplyTicket' });
    const c = client();
    await assert.rejects(
      c.replyTicket(ticket.ticketId, 'only once please'),
      (e: unknown) => (e as TicketApiError).kind === 'unknownOutcome',
    );
    const notes = await c.listTicketNotes(ticket.ticketId);
    assert.strictEqual(notes.filter((n) => n.content === 'only once please').length, 1);
  });

  it('Throttling on a write with a long x-acs-retry-after is not waited for: throttled, sent once', async () => {
    const ticket = env.emu.addTicket({ title: 't', status: 3 });
    env.emu.inject({ kind: 'throttle', retryAfterMs: 60_000, action: 'ReplyTicket' });
    await assert.rejects(
      client().replyTicket(ticket.ticketId, 'x'),
      (e: unknown) => (e as TicketApiError).kind === 'throttled',
    );
    assert.strictEqual(env.emu.requests.filter((r) => r.action === 'ReplyTicket').length, 1);
  });

  it('a write whose connection could not be opened is retried (nothing was sent); reads still retry a 500', async () => {
    // A port with nothing listening: ECONNREFUSED before any byte of the request is written.
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const err = await client(`http://127.0.0.1:${port}`)
      .closeTicket('0005PYGCW')
      .catch((e: TicketApiError) => e);
    assert.ok(err instanceof TicketApiError);
    assert.strictEqual(err.kind, 'network');
    assert.strictEqual(err.notSent, true);
    assert.strictEqual(err.attempts, 3, 'a refused connection is retried like for reads');

    env.emu.inject({ kind: 'status', status: 500, action: 'GetTicket' });
    await client().getTicket('0005PYGCW');
    assert.strictEqual(env.emu.requests.filter((r) => r.action === 'GetTicket').length, 2);
  });

  it('a state refusal is a clear badRequest, sent once', async () => {
    const completed = env.emu.addTicket({ title: 'done', status: 6 });
    const err = await client()
      .replyTicket(completed.ticketId, 'hello?')
      .catch((e: TicketApiError) => e);
    assert.ok(err instanceof TicketApiError);
    assert.strictEqual(err.kind, 'badRequest');
    assert.strictEqual(err.code, 'illegal.param');
    assert.match(describeError(err), /does not allow ReplyTicket; allowed in status 1, 2, 3, 4, 5/);
    assert.strictEqual(env.emu.requests.filter((r) => r.action === 'ReplyTicket').length, 1);
  });
});
