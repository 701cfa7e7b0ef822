// TicketClient.warm(): connections opened before the first request, over real sockets against the emulator.
import * as assert from 'assert';
import { TicketEmulator, DEMO_CREDENTIALS } from '../../emulator/server';
import { TicketClient } from '../../../src/api/client';
import { createTicketService } from '../../../src/tickets/ticketService';
import { until } from '../emulator/helpers';

describe('api/client warm()', () => {
  let emu: TicketEmulator;
  const clients: TicketClient[] = [];
  const client = () => {
    const c = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS });
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    emu = await TicketEmulator.start({ seed: 'demo' });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await emu.stop();
  });

  it('opens two connections and sends nothing; a ticket and its conversation then use them', async () => {
    const c = client();
    c.warm();
    await until('two connections open', () => emu.connectionCount === 2);
    assert.strictEqual(emu.requests.length, 0, 'warming sends no request');
    const [ticket, notes] = await Promise.all([c.getTicket('0005PYGCW'), c.listTicketNotes('0005PYGCW')]);
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
    assert.ok(notes.length > 0);
    assert.strictEqual(emu.connectionCount, 2, 'no new connection for the first requests');
    assert.deepStrictEqual(new Set(emu.requests.map((r) => r.connectionId)).size, 2);
  });

  it('opens nothing more while the pool already has its connections', async () => {
    const c = client();
    await Promise.all([c.getTicket('0005PYGCW'), c.listTicketNotes('0005PYGCW')]);
    const before = emu.connectionCount;
    c.warm();
    await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(emu.connectionCount, before);
  });

  it('closes warm connections nobody used when the client closes', async () => {
    const c = client();
    c.warm();
    await until('two connections open', () => emu.connectionCount === 2);
    await c.close();
    await until('the warm connections closed', () => emu.openConnectionCount === 0);
  });

  it('TicketService.warm() warms a signed-in client at most once per interval, and nothing when signed out', async () => {
    const c = client();
    let asked = 0;
    const service = createTicketService({ getClient: () => (asked++, c) });
    service.warm();
    service.warm();
    await until('two connections open', () => emu.connectionCount === 2);
    assert.strictEqual(asked, 1);
    const signedOut = createTicketService({ getClient: () => undefined });
    signedOut.warm();
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(emu.connectionCount, 2);
  });
});
