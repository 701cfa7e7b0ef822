// The emulator over real HTTP: what it answers, how it pages and filters, what it records.
import { strict as assert } from 'assert';
import * as http from 'http';
import { DEMO_CREDENTIALS, DEMO_TICKET_COUNT, TicketEmulator } from '../../emulator/server';
import { call, control, rawRequest, until, useEmulator } from './helpers';

const creds = DEMO_CREDENTIALS;

describe('emulator API', () => {
  const emulator = useEmulator({ seed: 'demo' });

  async function listTickets(query: Array<[string, string]>, body: Array<[string, string]> = []) {
    return call(emulator().url, { action: 'ListTickets', query, body, credentials: creds });
  }

  describe('GetTicket', () => {
    it('answers the documented ticket with the real envelope: numeric Code 0, string Value, Chinese labels', async () => {
      const r = await call(emulator().url, {
        action: 'GetTicket',
        body: [['TicketId', '0005PYGCW']],
        credentials: creds,
      });
      assert.equal(r.status, 200);
      assert.equal(r.json.Success, true);
      assert.equal(r.json.Code, 0);
      assert.match(r.json.RequestId, /^[0-9A-F-]{36}$/);
      assert.equal(r.headers['x-acs-request-id'], r.json.RequestId);
      assert.equal(r.json.AccessDeniedDetail, '');
      const d = r.json.Data;
      assert.equal(d.TicketId, '0005PYGCW');
      assert.equal(d.Title, 'ecs续费失败啥原因');
      assert.deepEqual(d.Status, { Label: '已完成', Value: '6' });
      assert.deepEqual(d.Severity, { Label: '一般问题', Value: '1' });
      assert.equal(typeof d.CreateTime, 'number');
      assert.ok(
        d.CreateTime < Date.now() && d.CreateTime > Date.now() - 30 * 86_400_000,
        'created recently, relative to now',
      );
      assert.equal(d.CreatorId, '1168025');
      assert.equal(d.CategoryId, '7161');
    });

    it('says illegal.param with HTTP 400 and Success false for an unknown or missing id', async () => {
      const unknown = await call(emulator().url, {
        action: 'GetTicket',
        body: [['TicketId', 'ZZZZ99999']],
        credentials: creds,
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.Success, false);
      assert.equal(unknown.json.Code, 'illegal.param');
      assert.match(unknown.json.Message, /ZZZZ99999/);
      const missing = await call(emulator().url, { action: 'GetTicket', credentials: creds });
      assert.equal(missing.status, 400);
      assert.equal(missing.json.Code, 'illegal.param');
    });

    it('uses English labels when asked', async () => {
      const en = await TicketEmulator.start({ language: 'en' });
      try {
        const r = await call(en.url, { action: 'GetTicket', body: [['TicketId', '001571BTXC']], credentials: creds });
        assert.deepEqual(r.json.Data.Status, { Label: 'Waiting for your feedback', Value: '3' });
        assert.deepEqual(r.json.Data.Severity, { Label: 'Urgent', Value: '2' });
      } finally {
        await en.stop();
      }
    });

    it('records where each parameter came from and never the secrets', async () => {
      await call(emulator().url, {
        action: 'GetTicket',
        query: [['Uid', '42']],
        body: [['TicketId', '0005PYGCW']],
        credentials: creds,
      });
      const rec = emulator().requests[emulator().requests.length - 1];
      assert.equal(rec.action, 'GetTicket');
      assert.deepEqual(rec.paramSources, { Uid: 'query', TicketId: 'body' });
      assert.deepEqual(rec.body, { TicketId: '0005PYGCW' });
      assert.equal(rec.status, 200);
      assert.equal(rec.headers['authorization'], undefined);
      assert.ok(!JSON.stringify(rec).includes(creds.accessKeySecret));
      assert.ok(!JSON.stringify(rec).includes(creds.accessKeyId));
    });
  });

  describe('ListTickets', () => {
    it('pages newest first: 150 tickets are 100 + 50, and page 3 is empty', async () => {
      const p1 = await listTickets([
        ['PageNumber', '1'],
        ['PageSize', '100'],
      ]);
      const p2 = await listTickets([
        ['PageNumber', '2'],
        ['PageSize', '100'],
      ]);
      const p3 = await listTickets([
        ['PageNumber', '3'],
        ['PageSize', '100'],
      ]);
      assert.equal(p1.json.TotalCount, DEMO_TICKET_COUNT);
      assert.ok(DEMO_TICKET_COUNT > 100);
      assert.deepEqual(
        [p1.json.Data.length, p2.json.Data.length, p3.json.Data.length],
        [100, DEMO_TICKET_COUNT - 100, 0],
      );
      assert.deepEqual([p1.json.PageNumber, p1.json.PageSize, p2.json.PageNumber], [1, 100, 2]);
      const ids = [...p1.json.Data, ...p2.json.Data].map((t: { TicketId: string }) => t.TicketId);
      assert.equal(new Set(ids).size, DEMO_TICKET_COUNT, 'no ticket on two pages');
      const times = ids.map((id) => emulator().getTicket(id)!.createTime);
      for (let i = 1; i < times.length; i++) assert.ok(times[i - 1] >= times[i], 'newest first');
      assert.deepEqual(Object.keys(p1.json.Data[0]).sort(), ['Status', 'TicketId', 'Title']);
    });

    it('pages with PageSize 10: page 15 holds the last ten', async () => {
      const r = await listTickets([
        ['PageNumber', '15'],
        ['PageSize', '10'],
      ]);
      const all = emulator().allTickets();
      assert.deepEqual(
        r.json.Data.map((t: { TicketId: string }) => t.TicketId),
        all.slice(140, 150).map((t) => t.ticketId),
      );
    });

    for (const [label, query] of [
      [
        'PageSize 9',
        [
          ['PageNumber', '1'],
          ['PageSize', '9'],
        ],
      ],
      [
        'PageSize 101',
        [
          ['PageNumber', '1'],
          ['PageSize', '101'],
        ],
      ],
      [
        'PageNumber 0',
        [
          ['PageNumber', '0'],
          ['PageSize', '10'],
        ],
      ],
      [
        'PageNumber -1',
        [
          ['PageNumber', '-1'],
          ['PageSize', '10'],
        ],
      ],
      [
        'PageNumber 1.5',
        [
          ['PageNumber', '1.5'],
          ['PageSize', '10'],
        ],
      ],
      ['no PageSize', [['PageNumber', '1']]],
      ['no PageNumber', [['PageSize', '10']]],
    ] as Array<[string, Array<[string, string]>]>) {
      it(`refuses ${label} with 400 illegal.param`, async () => {
        const r = await listTickets(query);
        assert.equal(r.status, 400);
        assert.equal(r.json.Code, 'illegal.param');
        assert.equal(r.json.Success, false);
      });
    }

    it('filters by StatusList.N (names or numbers)', async () => {
      const r = await listTickets(
        [
          ['PageNumber', '1'],
          ['PageSize', '100'],
        ],
        [
          ['StatusList.1', 'wait_feedback'],
          ['StatusList.2', '6'],
        ],
      );
      const expected = emulator()
        .allTickets()
        .filter((t) => t.status === 3 || t.status === 6);
      assert.equal(r.json.TotalCount, expected.length);
      assert.ok(expected.length > 0);
      for (const t of r.json.Data) assert.ok(['3', '6'].includes(t.Status.Value));
      const bad = await listTickets(
        [
          ['PageNumber', '1'],
          ['PageSize', '10'],
        ],
        [['StatusList.1', 'nonsense']],
      );
      assert.equal(bad.status, 400);
    });

    it('filters by Keyword on Description and Title, case-insensitively', async () => {
      const byDescription = await listTickets(
        [
          ['PageNumber', '1'],
          ['PageSize', '100'],
        ],
        [['Keyword', 'PLEG']],
      );
      assert.ok(byDescription.json.TotalCount > 0);
      for (const t of byDescription.json.Data) assert.match(emulator().getTicket(t.TicketId)!.description, /PLEG/);
      const byTitle = await listTickets(
        [
          ['PageNumber', '1'],
          ['PageSize', '100'],
        ],
        [['Keyword', '续费失败']],
      );
      assert.ok(byTitle.json.Data.some((t: { TicketId: string }) => t.TicketId === '0005PYGCW'));
      const none = await listTickets(
        [
          ['PageNumber', '1'],
          ['PageSize', '10'],
        ],
        [['Keyword', 'no ticket says this']],
      );
      assert.deepEqual([none.json.TotalCount, none.json.Data.length], [0, 0]);
    });

    it('filters by StartDate and EndDate (creation time, inclusive) and needs both', async () => {
      const all = emulator().allTickets();
      const start = all[40].createTime;
      const end = all[10].createTime;
      const r = await listTickets(
        [
          ['PageNumber', '1'],
          ['PageSize', '100'],
        ],
        [
          ['StartDate', String(start)],
          ['EndDate', String(end)],
        ],
      );
      assert.equal(r.json.TotalCount, all.filter((t) => t.createTime >= start && t.createTime <= end).length);
      assert.ok(r.json.TotalCount >= 31);
      const lone = await listTickets(
        [
          ['PageNumber', '1'],
          ['PageSize', '10'],
        ],
        [['StartDate', String(start)]],
      );
      assert.equal(lone.status, 400);
      assert.equal(lone.json.Code, 'illegal.param');
    });

    it('filters by TicketId and TicketIdList', async () => {
      const one = await listTickets(
        [
          ['PageNumber', '1'],
          ['PageSize', '10'],
        ],
        [['TicketId', '001571BTXC']],
      );
      assert.deepEqual(
        one.json.Data.map((t: { TicketId: string }) => t.TicketId),
        ['001571BTXC'],
      );
      const two = await listTickets(
        [
          ['PageNumber', '1'],
          ['PageSize', '10'],
        ],
        [['TicketIdList', '0005PYGCW,001571BTXC,NOPE00000']],
      );
      assert.deepEqual(two.json.Data.map((t: { TicketId: string }) => t.TicketId).sort(), ['0005PYGCW', '001571BTXC']);
      assert.equal(two.json.TotalCount, 2);
    });

    it('shows a ticket added through addTicket first (newest)', async () => {
      const added = emulator().addTicket({ title: 'Added <now>', status: 2, severity: 2 }, [
        { content: 'hi', role: 'agent' },
      ]);
      assert.match(added.ticketId, /^[0-9A-Z]{9,10}$/);
      const r = await listTickets([
        ['PageNumber', '1'],
        ['PageSize', '10'],
      ]);
      assert.equal(r.json.Data[0].TicketId, added.ticketId);
      assert.equal(r.json.TotalCount, DEMO_TICKET_COUNT + 1);
    });
  });

  describe('ListTicketNotes', () => {
    it('answers the conversation in the documented shape, oldest first', async () => {
      const r = await call(emulator().url, {
        action: 'ListTicketNotes',
        query: [['TicketId', '0005PYGCW']],
        credentials: creds,
      });
      assert.equal(r.status, 200);
      assert.equal(r.json.Code, 0);
      const notes = r.json.Data;
      assert.ok(notes.length >= 1);
      for (const n of notes) {
        assert.equal(typeof n.DialogId, 'number');
        assert.equal(typeof n.CreateTime, 'number');
        assert.ok([1, 2].includes(n.Type));
        assert.ok([1, 2].includes(n.Status));
        assert.equal(typeof n.Dialog.Content, 'string');
        assert.ok([2, 3].includes(n.User.Role));
        assert.ok(Array.isArray(n.Attachments));
      }
      for (let i = 1; i < notes.length; i++) assert.ok(notes[i - 1].CreateTime <= notes[i].CreateTime);
      assert.equal(emulator().requests[emulator().requests.length - 1].paramSources.TicketId, 'query');
    });

    it('says illegal.param for an unknown ticket', async () => {
      const r = await call(emulator().url, {
        action: 'ListTicketNotes',
        query: [['TicketId', 'NOPE00000']],
        credentials: creds,
      });
      assert.equal(r.status, 400);
      assert.equal(r.json.Code, 'illegal.param');
    });
  });

  describe('routing', () => {
    it('answers InvalidAction.NotFound (404) for an action it does not know and InvalidVersion for another version', async () => {
      const r = await call(emulator().url, { action: 'DescribeRegions', credentials: creds });
      assert.equal(r.status, 404);
      assert.equal(r.json.Code, 'InvalidAction.NotFound');
      const v = await call(emulator().url, {
        action: 'GetTicket',
        version: '2020-01-01',
        body: [['TicketId', '0005PYGCW']],
        credentials: creds,
      });
      assert.equal(v.status, 400);
      assert.equal(v.json.Code, 'InvalidVersion');
    });

    it('treats any path outside /__emulator/ as a signed API call', async () => {
      const r = await rawRequest(new URL(emulator().url), 'GET', '/__emulatorx', {}, '');
      assert.equal(r.status, 400);
      assert.equal(r.json.Code, 'IncompleteSignature');
    });
  });

  describe('keep-alive', () => {
    it('serves consecutive requests on one connection when the client keeps it alive', async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const before = emulator().connectionCount;
        for (let i = 0; i < 3; i++) {
          const r = await call(emulator().url, {
            action: 'GetTicket',
            body: [['TicketId', '0005PYGCW']],
            credentials: creds,
            agent,
          });
          assert.equal(r.status, 200);
        }
        // An error answer keeps the connection open too.
        const bad = await call(emulator().url, {
          action: 'GetTicket',
          body: [['TicketId', 'NOPE00000']],
          credentials: creds,
          agent,
        });
        assert.equal(bad.status, 400);
        assert.equal(emulator().connectionCount - before, 1);
        const ids = new Set(
          emulator()
            .requests.slice(-4)
            .map((r) => r.connectionId),
        );
        assert.equal(ids.size, 1);
      } finally {
        agent.destroy();
      }
    });

    it('announces its idle timeout and closes idle connections after keepAliveTimeoutMs', async () => {
      const short = await TicketEmulator.start({ keepAliveTimeoutMs: 200 });
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const r = await call(short.url, {
          action: 'GetTicket',
          body: [['TicketId', '0005PYGCW']],
          credentials: creds,
          agent,
        });
        assert.equal(r.headers['connection'], 'keep-alive');
        assert.match(String(r.headers['keep-alive']), /timeout=0|timeout=1/);
        assert.equal(short.openConnectionCount, 1);
        // The server closes it, well before the 5 s default would.
        await until('the server to close the idle connection', () => short.openConnectionCount === 0, 3000);
      } finally {
        agent.destroy();
        await short.stop();
      }
    });

    it('counts a new connection per request when the client closes them', async () => {
      const before = emulator().connectionCount;
      await call(emulator().url, { action: 'GetTicket', body: [['TicketId', '0005PYGCW']], credentials: creds });
      await call(emulator().url, { action: 'GetTicket', body: [['TicketId', '0005PYGCW']], credentials: creds });
      assert.equal(emulator().connectionCount - before, 2);
      const [a, b] = emulator().requests.slice(-2);
      assert.notEqual(a.connectionId, b.connectionId);
    });
  });

  describe('concurrency', () => {
    it('reports the peak number of requests in flight at once', async () => {
      emulator().setLatency(1000); // long enough for all seven to arrive before the first answer, even on a busy machine
      await Promise.all(
        Array.from({ length: 7 }, () =>
          call(emulator().url, { action: 'GetTicket', body: [['TicketId', '0005PYGCW']], credentials: creds }),
        ),
      );
      assert.equal(emulator().peakInFlightCount, 7);
      assert.equal(emulator().inFlightCount, 0);
      emulator().reset();
      assert.equal(emulator().peakInFlightCount, 0);
      for (let i = 0; i < 3; i++)
        await call(emulator().url, { action: 'GetTicket', body: [['TicketId', '0005PYGCW']], credentials: creds });
      assert.equal(emulator().peakInFlightCount, 1, 'one after another is never more than one');
      const listed = await control(emulator().url, 'GET', '/__emulator/requests');
      assert.equal(listed.json.peakInFlight, 1);
    });
  });

  describe('control API', () => {
    it('queues faults, lists requests without secrets, adds tickets and resets', async () => {
      const f = await control(emulator().url, 'POST', '/__emulator/faults', {
        kind: 'status',
        status: 503,
        action: 'GetTicket',
      });
      assert.equal(f.status, 200);
      const failed = await call(emulator().url, {
        action: 'GetTicket',
        body: [['TicketId', '0005PYGCW']],
        credentials: creds,
      });
      assert.equal(failed.status, 503);
      assert.equal(failed.json.Code, 'ServiceUnavailable');

      const added = await control(emulator().url, 'POST', '/__emulator/tickets', {
        ticket: { ticketId: 'CTRL00001', title: 'From control' },
        notes: [{ content: 'note', role: 'agent' }],
      });
      assert.equal(added.json.ticket.ticketId, 'CTRL00001');
      const got = await call(emulator().url, {
        action: 'GetTicket',
        body: [['TicketId', 'CTRL00001']],
        credentials: creds,
      });
      assert.equal(got.json.Data.Title, 'From control');

      const listed = await control(emulator().url, 'GET', '/__emulator/requests');
      assert.equal(listed.status, 200);
      assert.ok(listed.json.requests.length >= 2);
      assert.equal(listed.json.requests[0].action, 'GetTicket');
      assert.ok(!listed.text.includes(creds.accessKeySecret));
      assert.ok(!listed.text.includes(creds.accessKeyId));
      assert.ok(!/ACS3-HMAC-SHA256 Credential/.test(listed.text));

      const reset = await control(emulator().url, 'POST', '/__emulator/reset');
      assert.equal(reset.status, 200);
      assert.equal(emulator().requests.length, 0);
      assert.equal(emulator().getTicket('CTRL00001'), undefined);
    });

    it('refuses a fault it does not understand', async () => {
      const r = await control(emulator().url, 'POST', '/__emulator/faults', { kind: 'explode' });
      assert.equal(r.status, 400);
      assert.match(r.json.error, /unknown fault kind/);
      assert.throws(() => emulator().inject({ kind: 'slow' } as never), /delayMs/);
    });
  });
});
