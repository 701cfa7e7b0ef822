// TicketClient against the emulator over real HTTP: keep-alive connections, credentials (STS, V1 signing) and the
// request log.
import * as assert from 'assert';
import { DEMO_CREDENTIALS, STS_CREDENTIALS } from '../../emulator/server';
import { emulatorClients, rejectsWith } from './emulatorClients';
import type { Credentials, RequestLogEvent, TicketClientOptions } from '../../../src/api/types';
import { until } from '../emulator/helpers';

describe('api/client TicketClient against the emulator', function () {
  this.timeout(20000);
  const env = emulatorClients({ retryBaseDelayMs: 20 });
  const client = (options?: Partial<TicketClientOptions>) => env.client(options);

  describe('connections, credentials, logging', () => {
    it('keeps one connection alive across consecutive requests', async () => {
      const before = env.emu.connectionCount;
      const c = client();
      await c.getTicket('0005PYGCW');
      await c.listTicketNotes('0005PYGCW');
      await c.listTickets({ pageNumber: 1, pageSize: 10 });
      await c.getTicket('001571BTXC');
      await c.getTicket('0005PYGCW');
      assert.strictEqual(env.emu.connectionCount - before, 1);
      assert.strictEqual(new Set(env.emu.requests.map((r) => r.connectionId)).size, 1);
    });

    it('error answers and retries keep using the same connection', async () => {
      const before = env.emu.connectionCount;
      const c = client();
      env.emu.inject({ kind: 'throttle', retryAfterMs: 10 });
      await c.getTicket('0005PYGCW');
      await rejectsWith(c.getTicket('0000NOPE00'), 'notFound');
      env.emu.inject({ kind: 'status', status: 500 });
      await c.listTicketNotes('0005PYGCW');
      assert.strictEqual(env.emu.requests.length, 5);
      assert.strictEqual(env.emu.connectionCount - before, 1);
    });

    it('close() closes the pool; later calls are refused', async () => {
      const c = client();
      await c.getTicket('0005PYGCW');
      assert.ok(env.emu.openConnectionCount >= 1);
      await c.close();
      // Well before the emulator's own 5 s idle timeout would close it anyway.
      await until('the emulator to see the connection closed', () => env.emu.openConnectionCount === 0, 3000);
      await rejectsWith(c.getTicket('0005PYGCW'), 'config');
    });

    it('calls an async credentials source per request, so rotated keys are used', async () => {
      env.emu.addKey('LTAI5tRotatedKey00000001', { accessKeySecret: 'RotatedSecret000000001' });
      let current: Credentials = DEMO_CREDENTIALS;
      let calls = 0;
      const c = client({
        credentials: async () => {
          calls++;
          return current;
        },
      });
      await c.getTicket('0005PYGCW');
      current = { accessKeyId: 'LTAI5tRotatedKey00000001', accessKeySecret: 'RotatedSecret000000001' };
      await c.getTicket('0005PYGCW');
      assert.strictEqual(calls, 2);
      assert.deepStrictEqual(
        env.emu.requests.map((r) => r.status),
        [200, 200],
      );
    });

    it('requests started together share one read of an async credentials source', async () => {
      let calls = 0;
      const c = client({
        credentials: async () => {
          calls++;
          await new Promise((resolve) => setTimeout(resolve, 20));
          return DEMO_CREDENTIALS;
        },
      });
      const tickets = await Promise.all([
        c.getTicket('0005PYGCW'),
        c.getTicket('001571BTXC'),
        c.listTicketNotes('0005PYGCW'),
      ]);
      assert.strictEqual(calls, 1);
      assert.strictEqual(tickets[0].ticketId, '0005PYGCW');
      assert.deepStrictEqual(
        env.emu.requests.map((r) => r.status),
        [200, 200, 200],
      );
      await c.getTicket('0005PYGCW');
      assert.strictEqual(calls, 2, 'a later request reads the source again');
    });

    it('logs one event per attempt with no secret in it', async () => {
      env.emu.inject({ kind: 'status', status: 500 });
      const events: RequestLogEvent[] = [];
      await client({ credentials: STS_CREDENTIALS, onRequest: (e) => events.push(e) }).getTicket('0005PYGCW');
      assert.strictEqual(events.length, 2);
      assert.strictEqual(events[0].httpStatus, 500);
      assert.strictEqual(events[1].httpStatus, 200);
      assert.ok(events[1].requestId);
      const text = JSON.stringify(events);
      for (const secret of [
        STS_CREDENTIALS.accessKeyId,
        STS_CREDENTIALS.accessKeySecret,
        STS_CREDENTIALS.securityToken!,
      ]) {
        assert.ok(!text.includes(secret));
      }
    });

    it('a throwing logger does not break the request', async () => {
      const ticket = await client({
        onRequest: () => {
          throw new Error('logger broke');
        },
      }).getTicket('0005PYGCW');
      assert.strictEqual(ticket.ticketId, '0005PYGCW');
    });
  });
});
