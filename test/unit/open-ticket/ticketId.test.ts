import * as assert from 'assert';
import { isTicketId, parseTicketIdInput, ticketIdFromArgument } from '../../../src/features/open-ticket/ticketId';
import {
  MAX_RECENT_TICKETS,
  RECENT_TICKETS_KEY,
  RecentTickets,
  type KeyValueStore,
} from '../../../src/features/open-ticket/recentTickets';

describe('Open Ticket: parsing what the user types or pastes', () => {
  const accepted: Array<[string, string]> = [
    ['0005PYGCW', '0005PYGCW'],
    ['001571BTXC', '001571BTXC'],
    ['  0005PYGCW  ', '0005PYGCW'],
    ['\t0005PYGCW\n', '0005PYGCW'],
    ['0005pygcw', '0005PYGCW'],
    ['0005 PYGCW', '0005PYGCW'],
    ['#0005PYGCW', '0005PYGCW'],
    ['ticket 0005PYGCW', '0005PYGCW'],
    ['Ticket: 0005PYGCW', '0005PYGCW'],
    ['工单 0005PYGCW', '0005PYGCW'],
    ['0005PYGCW\u200b', '0005PYGCW'],
    ['https://workorder.console.aliyun.com/console.htm#/ticket/detail/?ticketId=0005PYGCW', '0005PYGCW'],
    ['https://smartservice.console.aliyun.com/service/detail?ticketId=001571btxc&lang=en', '001571BTXC'],
    ['https://workorder-intl.console.alibabacloud.com/#/ticket/detail/?TicketId=0005PYGCW', '0005PYGCW'],
    ['https://workorder.console.aliyun.com/ticket/0005PYGCW', '0005PYGCW'],
    ['https://workorder.console.aliyun.com/#/ticket/0005PYGCW/detail', '0005PYGCW'],
    ['https://intranet.example.com/open?ticket_id=0005PYGCW', '0005PYGCW'],
  ];
  for (const [input, expected] of accepted) {
    it(`accepts ${JSON.stringify(input)}`, () => {
      assert.deepStrictEqual(parseTicketIdInput(input), { ok: true, ticketId: expected });
    });
  }

  const refused: Array<[string, RegExp]> = [
    ['', /Type or paste a ticket ID/],
    ['   ', /Type or paste a ticket ID/],
    ['0005-PYGCW', /only letters and digits \(found "-"\)/],
    ['0005PYGCW;rm -rf', /only letters and digits/],
    ['<script>', /only letters and digits/],
    ['12AB', /9 or 10 letters and digits.*this has 4/],
    ['0005PYGCW0005PYGCW', /9 or 10 letters and digits.*this has 18/],
    ['PYGCWABCDE', /contains digits/],
    ['A1'.repeat(20), /9 or 10 letters and digits/],
    ['https://workorder.console.aliyun.com/console.htm#/ticket/list', /No ticket ID found/],
    ['https://example.com/v2/ABC123DEF', /No ticket ID found/],
    ['https://workorder.console.aliyun.com/ticket/detail?ticketId=not-an-id', /No ticket ID found/],
    ['https://[broken', /not a valid URL/],
    ['0005PYGÇW', /only letters and digits/],
  ];
  for (const [input, message] of refused) {
    it(`refuses ${JSON.stringify(input)} and says why`, () => {
      const result = parseTicketIdInput(input);
      assert.strictEqual(result.ok, false);
      assert.match((result as { message: string }).message, message);
    });
  }

  it('isTicketId accepts only canonical ids (command arguments)', () => {
    assert.strictEqual(isTicketId('0005PYGCW'), true);
    assert.strictEqual(isTicketId('0005pygcw'), false);
    assert.strictEqual(isTicketId(' 0005PYGCW'), false);
    assert.strictEqual(isTicketId(42), false);
    assert.strictEqual(isTicketId(undefined), false);
  });
});

class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

describe('Open Ticket: recent tickets', () => {
  it('offers the most recently opened first, once each, with the latest title', async () => {
    let clock = 1000;
    const store = new MemoryStore();
    const recent = new RecentTickets(
      () => store,
      () => clock++,
    );
    await recent.remember('0005PYGCW', 'First title');
    await recent.remember('001571BTXC', 'Other');
    await recent.remember('0005PYGCW', 'Renamed');
    assert.deepStrictEqual(
      recent.list().map((r) => [r.ticketId, r.title]),
      [
        ['0005PYGCW', 'Renamed'],
        ['001571BTXC', 'Other'],
      ],
    );
  });

  it(`keeps at most ${MAX_RECENT_TICKETS} and stores only ids, titles and times`, async () => {
    const store = new MemoryStore();
    const recent = new RecentTickets(() => store);
    for (let i = 0; i < MAX_RECENT_TICKETS + 5; i++) await recent.remember(`TICKET${i}`, `t${i}`);
    const list = recent.list();
    assert.strictEqual(list.length, MAX_RECENT_TICKETS);
    assert.strictEqual(list[0].ticketId, `TICKET${MAX_RECENT_TICKETS + 4}`);
    for (const value of store.data.values()) {
      for (const entry of value as object[])
        assert.deepStrictEqual(Object.keys(entry).sort(), ['openedAt', 'ticketId', 'title']);
    }
  });

  it('survives garbage in the store', () => {
    const store = new MemoryStore();
    store.data.set(RECENT_TICKETS_KEY, [
      null,
      5,
      { ticketId: 1 },
      { ticketId: '0005PYGCW', title: 'ok', openedAt: 'x' },
    ]);
    assert.deepStrictEqual(new RecentTickets(() => store).list(), [
      { ticketId: '0005PYGCW', title: 'ok', openedAt: 0 },
    ]);
    store.data.set(RECENT_TICKETS_KEY, 'not a list');
    assert.deepStrictEqual(new RecentTickets(() => store).list(), []);
  });
});

describe('Open Ticket: the id passed by other features', () => {
  it('takes a string, { ticketId }, or [id] from a command link, normalised', () => {
    assert.deepStrictEqual(ticketIdFromArgument('0005PYGCW'), { ticketId: '0005PYGCW' });
    assert.deepStrictEqual(ticketIdFromArgument(' 0005pygcw'), { ticketId: '0005PYGCW' });
    assert.deepStrictEqual(ticketIdFromArgument({ ticketId: '001571BTXC', title: 'x' }), { ticketId: '001571BTXC' });
    assert.deepStrictEqual(ticketIdFromArgument(['001571BTXC']), { ticketId: '001571BTXC' });
  });

  it('no argument (command palette) means: ask', () => {
    assert.strictEqual(ticketIdFromArgument(undefined), undefined);
    assert.strictEqual(ticketIdFromArgument([]), undefined);
    assert.strictEqual(ticketIdFromArgument({ other: 1 }), undefined);
  });

  it('a malformed id from a link is an error with the reason, never opened', () => {
    const result = ticketIdFromArgument('"><script>alert(1)</script>');
    assert.ok(result && 'error' in result);
    assert.match(result.error, /only letters and digits/);
  });
});
