// Log lines for requests about one ticket say which ticket (GetTicket 0005PYGCW · HTTP 200 · …): the request event
// carries the id, the log line format (src/log/log.ts) prints it after the action.
import * as assert from 'assert';
import { TicketClient } from '../../../src/api/client';
import type { RequestLogEvent } from '../../../src/api/types';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';

describe('request log events name the ticket', () => {
  it('GetTicket and ListTicketNotes carry the ticket id; ListTickets none', async () => {
    const emu = await TicketEmulator.start({ seed: 'demo' });
    const events: RequestLogEvent[] = [];
    const client = new TicketClient({
      endpoint: emu.url,
      credentials: DEMO_CREDENTIALS,
      onRequest: (event) => events.push(event),
    });
    try {
      await client.getTicket('0005PYGCW');
      await client.listTicketNotes('001571BTXC');
      await client.listTickets({ pageNumber: 1, pageSize: 10 });
      assert.deepStrictEqual(
        events.map((e) => [e.action, e.ticketId]),
        [
          ['GetTicket', '0005PYGCW'],
          ['ListTicketNotes', '001571BTXC'],
          ['ListTickets', undefined],
        ],
      );
    } finally {
      await client.close();
      await emu.stop();
    }
  });
});
