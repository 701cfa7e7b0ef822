// Which actions the panel offers per status (the inferred rules of the reference, the same as the emulator's table).
import * as assert from 'assert';
import { ticketActions } from '../../../src/tickets/ticketActions';
import { STATE_RULES } from '../../emulator/stateRules';

describe('tickets/ticketActions', () => {
  it('offers reply while support works on it, close before completed, reopen and rate once it is done', () => {
    const table = [1, 2, 3, 4, 5, 6].map((status) => [status, ticketActions(status)] as const);
    assert.deepStrictEqual(
      table.map(
        ([status, a]) =>
          `${status}:${a.reply ? 'R' : '-'}${a.close ? 'C' : '-'}${a.reopen ? 'O' : '-'}${a.rate ? 'E' : '-'}`,
      ),
      ['1:RC--', '2:RC--', '3:RC--', '4:RC--', '5:RCOE', '6:--OE'],
    );
  });

  it('agrees with the emulator state table on every status (what we offer, the emulator accepts)', () => {
    const action = {
      reply: 'ReplyTicket',
      close: 'CloseTicket',
      reopen: 'ReopenTicket',
      rate: 'EvaluateTicket',
    } as const;
    for (const status of [1, 2, 3, 4, 5, 6] as const) {
      const offered = ticketActions(status);
      for (const [key, name] of Object.entries(action)) {
        assert.strictEqual(
          offered[key as keyof typeof action],
          STATE_RULES[name].allowedFrom!.includes(status),
          `${name} in status ${status}`,
        );
      }
    }
  });

  it('offers nothing for an unknown or missing status', () => {
    for (const status of [0, 7, -1, Number.NaN, undefined]) {
      assert.deepStrictEqual(ticketActions(status), { reply: false, close: false, reopen: false, rate: false });
    }
  });
});
