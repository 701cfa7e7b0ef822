// TicketClient against the emulator over real HTTP: injected faults, retries (which are safe, how long they wait),
// timeouts and aborts.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { DEMO_CREDENTIALS } from '../../emulator/server';
import { emulatorClients, rejectsWith } from './emulatorClients';
import { describeError } from '../../../src/api/errorWording';
import type { Credentials, RequestLogEvent, TicketClientOptions } from '../../../src/api/types';
import { until } from '../emulator/helpers';

describe('api/client TicketClient against the emulator', function () {
  this.timeout(20000);
  const env = emulatorClients({ retryBaseDelayMs: 20 });
  const client = (options?: Partial<TicketClientOptions>) => env.client(options);

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
});
