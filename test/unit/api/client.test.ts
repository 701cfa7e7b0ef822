// TicketClient against the emulator over real HTTP (no mocked HTTP layer): success, parameter placement and every
// error kind. Faults, retries and timeouts are in client-faults.test.ts; connections, credentials and the log in
// client-connections.test.ts.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import {
  DEMO_CREDENTIALS,
  STS_CREDENTIALS,
  EXPIRED_STS_CREDENTIALS,
  DISABLED_CREDENTIALS,
} from '../../emulator/server';
import { emulatorClients, rejectsWith } from './emulatorClients';
import { describeError } from '../../../src/api/errorWording';
import type { Credentials, TicketClientOptions } from '../../../src/api/types';

describe('api/client TicketClient against the emulator', function () {
  this.timeout(20000);
  const env = emulatorClients({ retryBaseDelayMs: 20 });
  const client = (options?: Partial<TicketClientOptions>) => env.client(options);

  describe('success', () => {
    it('GetTicket returns the ticket with numeric status and severity', async () => {
      const ticket = await client().getTicket('0005PYGCW');
      assert.strictEqual(ticket.ticketId, '0005PYGCW');
      assert.ok(ticket.title.length > 0);
      assert.ok([1, 2, 3, 4, 5, 6].includes(ticket.status.value), `status ${ticket.status.value}`);
      assert.strictEqual(typeof ticket.status.value, 'number');
      assert.ok([1, 2].includes(ticket.severity.value));
      assert.ok(ticket.status.label.length > 0 && ticket.severity.label.length > 0);
      assert.ok(Number.isFinite(ticket.createTime) && ticket.createTime > 1_500_000_000_000);
      const stored = env.emu.getTicket('0005PYGCW')!;
      assert.strictEqual(ticket.title, stored.title);
      assert.strictEqual(ticket.description, stored.description);
      assert.strictEqual(ticket.status.value, stored.status);
    });

    it('ListTickets pages through the tickets with totals', async () => {
      const c = client();
      const first = await c.listTickets({ pageNumber: 1, pageSize: 10 });
      assert.strictEqual(first.pageNumber, 1);
      assert.strictEqual(first.pageSize, 10);
      assert.strictEqual(first.totalCount, env.emu.allTickets().length);
      assert.strictEqual(first.tickets.length, Math.min(10, first.totalCount));
      for (const t of first.tickets) assert.ok(t.ticketId && typeof t.status.value === 'number');
      if (first.totalCount > 10) {
        const second = await c.listTickets({ pageNumber: 2, pageSize: 10 });
        const ids = new Set(first.tickets.map((t) => t.ticketId));
        assert.ok(
          second.tickets.every((t) => !ids.has(t.ticketId)),
          'page 2 repeats no ticket of page 1',
        );
      }
    });

    it('ListTickets filters by status and keyword (Unicode and reserved characters signed correctly)', async () => {
      env.emu.addTicket({
        ticketId: '009KEYWORDX',
        title: 'filter me',
        description: "磁盘 (disk) full! it's *urgent* ~now",
        status: 2,
      });
      const page = await client().listTickets({
        pageNumber: 1,
        pageSize: 10,
        keyword: "磁盘 (disk) full! it's *urgent* ~now",
        statuses: ['dealing'],
      });
      assert.deepStrictEqual(
        page.tickets.map((t) => t.ticketId),
        ['009KEYWORDX'],
      );
      const none = await client().listTickets({
        pageNumber: 1,
        pageSize: 10,
        keyword: "磁盘 (disk) full! it's *urgent* ~now",
        statuses: ['confirmed'],
      });
      assert.strictEqual(none.tickets.length, 0);
    });

    it('ListTicketNotes returns the conversation with string dialog ids, roles and attachments', async () => {
      env.emu.addTicket({ ticketId: '009NOTES01', title: 'notes' }, [
        {
          content: 'hello from support',
          role: 'agent',
          userName: 'Kevin',
          attachments: [{ name: 'log.txt', url: 'https://example.com/log.txt' }],
        },
        { content: 'thanks', role: 'user' },
      ]);
      const notes = await client().listTicketNotes('009NOTES01');
      assert.strictEqual(notes.length, 2);
      assert.strictEqual(typeof notes[0].dialogId, 'string');
      assert.strictEqual(notes[0].content, 'hello from support');
      assert.strictEqual(notes[0].userRole, 2);
      assert.strictEqual(notes[0].userName, 'Kevin');
      assert.deepStrictEqual(notes[0].attachments, [{ name: 'log.txt', url: 'https://example.com/log.txt' }]);
      assert.strictEqual(notes[1].userRole, 3);
      assert.ok(notes[1].createTime > notes[0].createTime);
    });

    it('works with STS credentials (token and key id sent as signed headers)', async () => {
      const ticket = await client({ credentials: STS_CREDENTIALS }).getTicket('0005PYGCW');
      assert.strictEqual(ticket.ticketId, '0005PYGCW');
      const sent = env.emu.requests[env.emu.requests.length - 1];
      assert.ok(sent.signedHeaders?.includes('x-acs-security-token'));
      assert.ok(sent.signedHeaders?.includes('x-acs-accesskey-id'));
    });

    it('V1 (HMAC-SHA1) signing is accepted for all three actions', async () => {
      const c = client({ signatureVersion: 'v1', credentials: STS_CREDENTIALS });
      await c.getTicket('0005PYGCW');
      await c.listTickets({
        pageNumber: 1,
        pageSize: 10,
        keyword: 'ecs 续费 (x)*',
        statuses: ['assigned', 'confirmed'],
      });
      await c.listTicketNotes('0005PYGCW');
      assert.deepStrictEqual(
        env.emu.requests.map((r) => [r.signatureVersion, r.status]),
        [
          ['v1', 200],
          ['v1', 200],
          ['v1', 200],
        ],
      );
    });

    it('accepts a success body that carries Code 200 and an AccessDeniedDetail string', async () => {
      // The envelope of a success may have these fields; the client must not treat them as failure. Served by a
      // tiny raw server because the emulator never answers like this on its own.
      const server = http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            RequestId: 'R-1',
            Success: true,
            Code: 200,
            Message: 'success',
            AccessDeniedDetail: '{"AuthAction":"x"}',
            Data: {
              TicketId: '0005PYGCW',
              Title: 't',
              Status: { Label: 'Done', Value: '6' },
              Severity: { Label: 'Common', Value: '1' },
            },
          }),
        );
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const c = client({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
        const ticket = await c.getTicket('0005PYGCW');
        assert.deepStrictEqual(ticket.status, { value: 6, label: 'Done' });
        await c.close();
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    });
  });

  describe('parameter placement and headers', () => {
    it('GetTicket sends TicketId in the form body, with V3 x-acs-action / x-acs-version headers', async () => {
      await client().getTicket('0005PYGCW');
      const [req] = env.emu.requests;
      assert.strictEqual(req.method, 'POST');
      assert.strictEqual(req.path, '/');
      assert.strictEqual(req.signatureVersion, 'v3');
      assert.strictEqual(req.headers['x-acs-action'], 'GetTicket');
      assert.strictEqual(req.headers['x-acs-version'], '2021-06-10');
      assert.match(req.headers['x-acs-date'], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.strictEqual(req.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.deepStrictEqual(req.body, { TicketId: '0005PYGCW' });
      assert.deepStrictEqual(req.query, {});
      assert.deepStrictEqual(req.signedHeaders, [
        'content-type',
        'host',
        'x-acs-action',
        'x-acs-content-sha256',
        'x-acs-date',
        'x-acs-signature-nonce',
        'x-acs-version',
      ]);
    });

    it('ListTickets: PageNumber/PageSize in the query; dates, Keyword and StatusList.N in the body', async () => {
      await client().listTickets({
        pageNumber: 2,
        pageSize: 20,
        keyword: 'disk',
        statuses: ['assigned', 'wait_feedback'],
        startDate: 1000,
        endDate: 2000,
      });
      const [req] = env.emu.requests;
      assert.deepStrictEqual(req.query, { PageNumber: '2', PageSize: '20' });
      assert.deepStrictEqual(req.body, {
        StartDate: '1000',
        EndDate: '2000',
        Keyword: 'disk',
        'StatusList.1': 'assigned',
        'StatusList.2': 'wait_feedback',
      });
      assert.strictEqual(req.paramSources.PageNumber, 'query');
      assert.strictEqual(req.paramSources['StatusList.2'], 'body');
    });

    it('ListTickets sends StartDate and EndDate both or neither', async () => {
      const c = client();
      await c.listTickets({ pageNumber: 1, pageSize: 10 });
      const before = Date.now();
      await c.listTickets({ pageNumber: 1, pageSize: 10, startDate: 1234 });
      await c.listTickets({ pageNumber: 1, pageSize: 10, endDate: 5678 });
      const [neither, loneStart, loneEnd] = env.emu.requests;
      assert.ok(!('StartDate' in neither.body) && !('EndDate' in neither.body));
      assert.strictEqual(loneStart.body.StartDate, '1234');
      const end = Number(loneStart.body.EndDate);
      assert.ok(end >= before && end <= Date.now(), 'a lone startDate ends now');
      assert.deepStrictEqual([loneEnd.body.StartDate, loneEnd.body.EndDate], ['0', '5678']);
    });

    it('ListTicketNotes sends TicketId in the query string', async () => {
      await client().listTicketNotes('0005PYGCW');
      const [req] = env.emu.requests;
      assert.deepStrictEqual(req.query, { TicketId: '0005PYGCW' });
      assert.deepStrictEqual(req.body, {});
      assert.strictEqual(req.headers['x-acs-action'], 'ListTicketNotes');
    });

    it('refuses a bad page number or date range before sending anything, saying what is wrong', async () => {
      const c = client();
      assert.match(
        (await rejectsWith(c.listTickets({ pageNumber: 0, pageSize: 10 }), 'badRequest')).message,
        /pageNumber must be 1 or more/,
      );
      assert.match(
        (await rejectsWith(c.listTickets({ pageNumber: 1, pageSize: Number.NaN }), 'badRequest')).message,
        /pageSize must be a number/,
      );
      assert.match(
        (
          await rejectsWith(
            c.listTickets({ pageNumber: 1, pageSize: 10, startDate: 2000, endDate: 1000 }),
            'badRequest',
          )
        ).message,
        /date range/,
      );
      assert.strictEqual(env.emu.requests.length, 0);
    });

    it('clamps pageSize to the API range 10..100', async () => {
      await client().listTickets({ pageNumber: 1, pageSize: 5 });
      await client().listTickets({ pageNumber: 1, pageSize: 500 });
      assert.deepStrictEqual(
        env.emu.requests.map((r) => r.query.PageSize),
        ['10', '100'],
      );
    });
  });

  describe('errors', () => {
    it('an unknown ticket is notFound, with the RequestId', async () => {
      const err = await rejectsWith(client().getTicket('0000NOPE00'), 'notFound');
      assert.strictEqual(err.code, 'illegal.param');
      assert.strictEqual(err.httpStatus, 400);
      assert.ok(err.requestId);
      assert.match(describeError(err), /not found/);
      await rejectsWith(client().listTicketNotes('0000NOPE00'), 'notFound');
    });

    it('a malformed ticket id is refused before any request', async () => {
      const err = await rejectsWith(client().getTicket('<script>'), 'notFound');
      assert.strictEqual(err.code, 'InvalidTicketId');
      await rejectsWith(client().listTicketNotes(''), 'notFound');
      assert.strictEqual(env.emu.requests.length, 0);
    });

    it('a wrong secret is a signature error, never retried', async () => {
      const err = await rejectsWith(
        client({ credentials: { ...DEMO_CREDENTIALS, accessKeySecret: 'wrong-secret-value' } }).getTicket('0005PYGCW'),
        'signature',
      );
      assert.strictEqual(err.code, 'SignatureDoesNotMatch');
      assert.strictEqual(env.emu.requests.length, 1, 'no retry');
      assert.strictEqual(err.attempts, 1);
      assert.match(describeError(err), /Secret is probably wrong/);
    });

    it('an unknown AccessKey id is an auth error (InvalidAccessKeyId.NotFound), never retried', async () => {
      const err = await rejectsWith(
        client({ credentials: { accessKeyId: 'LTAI5tNoSuchKey000000', accessKeySecret: 'x1234' } }).getTicket(
          '0005PYGCW',
        ),
        'auth',
      );
      assert.strictEqual(err.code, 'InvalidAccessKeyId.NotFound');
      assert.strictEqual(env.emu.requests.length, 1);
      assert.match(describeError(err), /AccessKey ID was not found/);
    });

    it('a disabled AccessKey is an auth error', async () => {
      const err = await rejectsWith(client({ credentials: DISABLED_CREDENTIALS }).getTicket('0005PYGCW'), 'auth');
      assert.strictEqual(err.code, 'Forbidden.AccessKeyDisabled');
      assert.match(describeError(err), /disabled/);
    });

    it('an expired STS token is an auth error that says so', async () => {
      const err = await rejectsWith(client({ credentials: EXPIRED_STS_CREDENTIALS }).getTicket('0005PYGCW'), 'auth');
      assert.strictEqual(err.code, 'InvalidSecurityToken.Expired');
      assert.strictEqual(env.emu.requests.length, 1);
      assert.match(describeError(err), /expired/);
    });

    it('a clock more than 15 minutes off is clockSkew (fake clock on the client)', async () => {
      const err = await rejectsWith(
        client({ now: () => Date.now() - 20 * 60_000 }).getTicket('0005PYGCW'),
        'clockSkew',
      );
      assert.strictEqual(err.code, 'InvalidTimeStamp.Expired');
      assert.match(describeError(err), /clock/);
      assert.strictEqual(env.emu.requests.length, 1);
    });

    it('a 403 carries the parsed AccessDeniedDetail and the message names action, principal and deny type', async () => {
      env.emu.inject({ kind: 'forbidden' });
      const err = await rejectsWith(client().getTicket('0005PYGCW'), 'permission');
      assert.strictEqual(err.httpStatus, 403);
      assert.strictEqual(typeof err.accessDeniedDetail, 'object');
      const detail = err.accessDeniedDetail!;
      assert.ok(detail.AuthAction && detail.NoPermissionType && detail.AuthPrincipalDisplayName);
      const text = describeError(err);
      assert.ok(text.includes(String(detail.AuthAction)), text);
      assert.ok(text.includes(String(detail.AuthPrincipalDisplayName)), text);
      assert.ok(text.includes(String(detail.NoPermissionType)), text);
      assert.match(text, /AliyunSupportFullAccess/);
      assert.strictEqual(env.emu.requests.length, 1, '403 is not retried');
    });

    it('no credentials at all is signedOut; bad characters in them is config; neither sends anything', async () => {
      await rejectsWith(
        client({ credentials: async () => undefined as unknown as Credentials }).getTicket('0005PYGCW'),
        'signedOut',
      );
      await rejectsWith(
        client({ credentials: { accessKeyId: 'LTAI abc\n', accessKeySecret: 's' } }).getTicket('0005PYGCW'),
        'config',
      );
      await rejectsWith(
        client({
          credentials: async () => {
            throw new Error('keychain locked');
          },
        }).getTicket('0005PYGCW'),
        'config',
      );
      assert.strictEqual(env.emu.requests.length, 0);
    });

    it('an http endpoint that is not loopback is refused before anything is signed or sent', async () => {
      let asked = 0;
      const c = client({
        endpoint: 'http://workorder.aliyuncs.com',
        credentials: async () => {
          asked++;
          return DEMO_CREDENTIALS;
        },
      });
      const err = await rejectsWith(c.getTicket('0005PYGCW'), 'config');
      assert.match(err.message, /https/);
      assert.strictEqual(asked, 0, 'credentials were not even read');
    });

    it('a refused connection is a network error', async () => {
      const server = http.createServer();
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      await new Promise((r) => server.close(r));
      const err = await rejectsWith(
        client({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 2 }).getTicket('0005PYGCW'),
        'network',
      );
      assert.strictEqual(err.attempts, 2, 'network errors are retried');
      assert.match(describeError(err), /Could not reach/);
    });
  });
});
