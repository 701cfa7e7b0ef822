// TicketClient against the emulator over real HTTP (no mocked HTTP layer): success, parameter placement, every
// error kind, retries, timeouts, aborts, keep-alive, V1 signing.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import {
  DEMO_CREDENTIALS,
  STS_CREDENTIALS,
  EXPIRED_STS_CREDENTIALS,
  DISABLED_CREDENTIALS,
} from '../../emulator/server';
import { emulatorClients } from './emulatorClients';
import { TicketApiError } from '../../../src/api/errors';
import { describeError } from '../../../src/api/errorWording';
import type { Credentials, RequestLogEvent, TicketClientOptions } from '../../../src/api/types';
import { until } from '../emulator/helpers';

async function rejectsWith(promise: Promise<unknown>, kind: TicketApiError['kind']): Promise<TicketApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof TicketApiError, `expected TicketApiError, got ${String(err)}`);
    assert.strictEqual(err.kind, kind, `expected kind ${kind}, got ${err.kind} (${err.code}: ${err.message})`);
    return err;
  }
  assert.fail(`expected a ${kind} error, but the call succeeded`);
}

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

  describe('faults, retries and timeouts', () => {
    it('throttled then succeeds, waiting at least x-acs-retry-after, re-signed with a new nonce and date', async () => {
      env.emu.inject({ kind: 'throttle', retryAfterMs: 400, times: 1 });
      const events: RequestLogEvent[] = [];
      const started = Date.now();
      // A clock one minute further on at every reading: each attempt must read it again to date its signature.
      let readings = 0;
      const now = () => started + readings++ * 60_000;
      const ticket = await client({ onRequest: (e) => events.push(e), now }).getTicket('0005PYGCW');
      const elapsed = Date.now() - started;
      assert.strictEqual(ticket.ticketId, '0005PYGCW');
      assert.ok(elapsed >= 395, `waited only ${elapsed} ms`);
      assert.deepStrictEqual(
        env.emu.requests.map((r) => r.status),
        [400, 200],
      );
      assert.strictEqual(events[0].code, 'Throttling.User');
      assert.ok(events[0].retryInMs! >= 400);
      const nonces = env.emu.requests.map((r) => r.headers['x-acs-signature-nonce']);
      assert.notStrictEqual(nonces[0], nonces[1], 'each attempt is re-signed with a new nonce');
      const dates = env.emu.requests.map((r) => r.headers['x-acs-date']);
      assert.notStrictEqual(dates[0], dates[1], 'each attempt is re-signed with a new date');
    });

    it('backs off exponentially with jitter between retries, capped by maxRetryDelayMs', async () => {
      env.emu.inject({ kind: 'status', status: 503, times: 2 });
      const events: RequestLogEvent[] = [];
      const started = Date.now();
      await client({ retryBaseDelayMs: 100, onRequest: (e) => events.push(e) }).getTicket('0005PYGCW');
      const [first, second] = events.map((e) => e.retryInMs);
      assert.ok(first! >= 50 && first! <= 100, `first wait ${first} ms is half to all of the base`);
      assert.ok(second! >= 100 && second! <= 200, `second wait ${second} ms is half to all of twice the base`);
      // Timers may fire a millisecond early by the wall clock, hence the small allowance.
      assert.ok(Date.now() - started >= first! + second! - 5, 'the client really waited');
      // Jitter: clients failing together do not all come back at the same moment.
      const waits = new Set<number>();
      for (let i = 0; i < 6; i++) {
        env.emu.inject({ kind: 'status', status: 503 });
        const seen: RequestLogEvent[] = [];
        await client({ retryBaseDelayMs: 100, onRequest: (e) => seen.push(e) }).getTicket('0005PYGCW');
        waits.add(seen[0].retryInMs!);
      }
      assert.ok(waits.size > 1, `the same wait every time: ${[...waits]}`);
      env.emu.inject({ kind: 'status', status: 503 });
      const capped: RequestLogEvent[] = [];
      await client({ retryBaseDelayMs: 5000, maxRetryDelayMs: 100, onRequest: (e) => capped.push(e) }).getTicket(
        '0005PYGCW',
      );
      assert.ok(capped[0].retryInMs! <= 100, `capped wait ${capped[0].retryInMs} ms`);
    });

    it('honours retryAfterSeconds from the emulator (1 s)', async () => {
      env.emu.inject({ kind: 'throttle', retryAfterSeconds: 1 });
      const started = Date.now();
      await client().getTicket('0005PYGCW');
      assert.ok(Date.now() - started >= 1000);
    });

    it('keeps being throttled: gives up after maxAttempts and says how long to wait', async () => {
      env.emu.inject({ kind: 'throttle', retryAfterMs: 50, times: 5 });
      const err = await rejectsWith(client().getTicket('0005PYGCW'), 'throttled');
      assert.strictEqual(env.emu.requests.length, 3);
      assert.strictEqual(err.attempts, 3);
      assert.strictEqual(err.retryAfterMs, 50);
      assert.match(describeError(err), /wait 1 second/);
    });

    it('a throttle asking for longer than maxRetryDelayMs gives up at once with the wait in the message', async () => {
      env.emu.inject({ kind: 'throttle', retryAfterMs: 120_000 });
      const started = Date.now();
      const err = await rejectsWith(client({ maxRetryDelayMs: 2000 }).getTicket('0005PYGCW'), 'throttled');
      assert.ok(Date.now() - started < 5000, 'did not wait');
      assert.strictEqual(env.emu.requests.length, 1);
      assert.match(describeError(err), /wait 2 minutes/);
    });

    for (const status of [500, 503] as const) {
      it(`HTTP ${status}: bounded retries, then a server error with the RequestId`, async () => {
        env.emu.inject({ kind: 'status', status, times: 10 });
        const events: RequestLogEvent[] = [];
        const err = await rejectsWith(client({ onRequest: (e) => events.push(e) }).getTicket('0005PYGCW'), 'server');
        assert.strictEqual(env.emu.requests.length, 3, 'maxAttempts 3 in all');
        assert.strictEqual(err.httpStatus, status);
        assert.ok(err.requestId && err.requestId === env.emu.requests[2].requestId, 'RequestId of the last attempt');
        assert.ok(describeError(err).includes(err.requestId!));
        assert.deepStrictEqual(
          events.map((e) => e.attempt),
          [1, 2, 3],
        );
        assert.ok(events[0].retryInMs !== undefined && events[2].retryInMs === undefined);
      });
    }

    it('a 503 once is retried and succeeds; maxAttempts 1 means no retry', async () => {
      env.emu.inject({ kind: 'status', status: 503 });
      await client().getTicket('0005PYGCW');
      assert.deepStrictEqual(
        env.emu.requests.map((r) => r.status),
        [503, 200],
      );
      env.emu.reset();
      env.emu.inject({ kind: 'status', status: 503 });
      await rejectsWith(client({ maxAttempts: 1 }).getTicket('0005PYGCW'), 'server');
      assert.strictEqual(env.emu.requests.length, 1);
      env.emu.inject({ kind: 'status', status: 503 });
      await rejectsWith(client({ maxAttempts: 0 }).getTicket('0005PYGCW'), 'server');
      assert.strictEqual(env.emu.requests.length, 2, 'maxAttempts 0 makes one attempt, not the default three');
    });

    it('a parameter error (400 illegal.param) is not retried', async () => {
      env.emu.inject({ kind: 'status', status: 400, code: 'illegal.param', message: 'bad' });
      await rejectsWith(client().listTickets({ pageNumber: 1, pageSize: 10 }), 'badRequest');
      assert.strictEqual(env.emu.requests.length, 1);
    });

    it('a slow answer times out after timeoutMs', async () => {
      env.emu.inject({ kind: 'slow', delayMs: 5000, times: 5 });
      const started = Date.now();
      const err = await rejectsWith(client({ timeoutMs: 300 }).getTicket('0005PYGCW'), 'timeout');
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 290 && elapsed < 4000, `took ${elapsed} ms`);
      assert.strictEqual(env.emu.requests.length, 1, 'a timeout is not retried');
      assert.match(describeError(err), /did not answer in time/);
    });

    it('a timeoutMs beyond what a timer can hold is capped, not turned into an instant timeout', async () => {
      env.emu.inject({ kind: 'slow', delayMs: 50 });
      const ticket = await client({ timeoutMs: 3_000_000_000 }).getTicket('0005PYGCW');
      assert.strictEqual(ticket.ticketId, '0005PYGCW');
    });

    it('timeoutMs bounds each attempt, not the whole call with its retries', async () => {
      env.emu.setLatency(600);
      env.emu.inject({ kind: 'status', status: 500, times: 2 });
      const started = Date.now();
      const ticket = await client({ timeoutMs: 1500 }).getTicket('0005PYGCW');
      assert.strictEqual(ticket.ticketId, '0005PYGCW');
      assert.deepStrictEqual(
        env.emu.requests.map((r) => r.status),
        [500, 500, 200],
      );
      assert.ok(Date.now() - started >= 1800, 'three attempts of 600 ms each took longer than one timeoutMs');
    });

    // "At once" is measured against a wait of several seconds that a broken abort would sit through.
    it('an aborted signal rejects at once, mid-request or before', async () => {
      env.emu.inject({ kind: 'slow', delayMs: 8000 });
      const controller = new AbortController();
      const c = client();
      const pending = c.getTicket('0005PYGCW', { signal: controller.signal });
      await until('the emulator to hold the request', () => env.emu.requests.length === 1);
      const started = Date.now();
      controller.abort();
      await rejectsWith(pending, 'aborted');
      assert.ok(Date.now() - started < 2000);
      await rejectsWith(c.getTicket('0005PYGCW', { signal: AbortSignal.abort() }), 'aborted');
    });

    it('aborting while a slow credentials source is still answering rejects at once', async () => {
      const controller = new AbortController();
      let asked = false;
      let answer: (c: Credentials) => void = () => undefined;
      const credentials = () => {
        asked = true;
        return new Promise<Credentials>((r) => (answer = r));
      };
      const pending = client({ credentials }).getTicket('0005PYGCW', { signal: controller.signal });
      await until('the credentials source to be asked', () => asked);
      controller.abort();
      await rejectsWith(pending, 'aborted');
      answer(DEMO_CREDENTIALS); // the late answer is ignored
      await new Promise((r) => setImmediate(r));
      assert.strictEqual(env.emu.requests.length, 0);
    });

    it('aborting during a retry wait rejects at once', async () => {
      env.emu.inject({ kind: 'throttle', retryAfterMs: 8000 });
      const controller = new AbortController();
      let waiting = false;
      const pending = client({
        maxRetryDelayMs: 10_000,
        onRequest: (e) => (waiting = e.retryInMs !== undefined),
      }).getTicket('0005PYGCW', {
        signal: controller.signal,
      });
      await until('the client to start waiting for a retry', () => waiting);
      const started = Date.now();
      controller.abort();
      await rejectsWith(pending, 'aborted');
      assert.ok(Date.now() - started < 2000);
      assert.strictEqual(env.emu.requests.length, 1);
    });

    it('a dropped connection is a network error after retries, and recovers when the server does', async () => {
      env.emu.inject({ kind: 'drop', times: 3 });
      const err = await rejectsWith(client().getTicket('0005PYGCW'), 'network');
      assert.strictEqual(err.attempts, 3);
      assert.match(err.message, /closed/);
      // What the person reads: the attempts inside the sentence, then what to check.
      assert.match(describeError(err), /arrived \(gave up after 3 attempts\)\. Check your network/);
      env.emu.inject({ kind: 'drop', times: 1 });
      assert.strictEqual((await client().getTicket('0005PYGCW')).ticketId, '0005PYGCW');
    });

    it('a malformed JSON body is a malformed error (not retried)', async () => {
      env.emu.inject({ kind: 'malformed' });
      const err = await rejectsWith(client().getTicket('0005PYGCW'), 'malformed');
      assert.strictEqual(env.emu.requests.length, 1);
      assert.match(err.message, /could not be read/);
    });

    it('an endless answer is cut off at 32 MB as malformed, not retried, and never read whole', async () => {
      let requests = 0;
      const server = http.createServer((req, res) => {
        requests++;
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 64 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        more();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const err = await rejectsWith(
          client({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }).getTicket('0005PYGCW'),
          'malformed',
        );
        assert.strictEqual(err.code, 'ResponseTooLarge');
        assert.strictEqual(requests, 1);
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    });

    it('an HTML error page (502) is a server error, retried; an HTML 200 is malformed', async () => {
      env.emu.inject({ kind: 'html', status: 502, times: 3 });
      const err = await rejectsWith(client().getTicket('0005PYGCW'), 'server');
      assert.strictEqual(err.httpStatus, 502);
      assert.match(err.message, /HTML/);
      assert.strictEqual(env.emu.requests.length, 3);
      env.emu.inject({ kind: 'html', status: 200 });
      const page = await rejectsWith(client().getTicket('0005PYGCW'), 'malformed');
      assert.match(page.message, /HTML/);
    });
  });

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
