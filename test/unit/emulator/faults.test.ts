// Each fault kind as a client meets it on the wire, its `times` and `action` scoping.
import { strict as assert } from 'assert';
import * as http from 'http';
import { DEMO_CREDENTIALS, TicketEmulator } from '../../emulator/server';
import { call, CallOptions, getTicketCall, until, useEmulator } from './helpers';

const getTicket = getTicketCall;
const listNotes: CallOptions = {
  action: 'ListTicketNotes',
  query: [['TicketId', '0005PYGCW']],
  credentials: DEMO_CREDENTIALS,
};

describe('emulator faults', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('throttle: 400 Throttling.User with x-acs-retry-after in milliseconds, then normal answers', async () => {
    emulator().inject({ kind: 'throttle', retryAfterMs: 250 });
    const throttled = await call(emulator().url, getTicket());
    assert.equal(throttled.status, 400);
    assert.equal(throttled.json.Code, 'Throttling.User');
    assert.equal(throttled.headers['x-acs-retry-after'], '250');
    const next = await call(emulator().url, getTicket());
    assert.equal(next.status, 200);
  });

  it('throttle: retryAfterSeconds is converted to milliseconds; null sends no header; code can be Throttling.Api', async () => {
    emulator().inject({ kind: 'throttle', retryAfterSeconds: 2 });
    emulator().inject({ kind: 'throttle', retryAfterMs: null, code: 'Throttling.Api' });
    const first = await call(emulator().url, getTicket());
    assert.equal(first.headers['x-acs-retry-after'], '2000');
    const second = await call(emulator().url, getTicket());
    assert.equal(second.json.Code, 'Throttling.Api');
    assert.equal(second.headers['x-acs-retry-after'], undefined);
    emulator().inject({ kind: 'throttle', status: 429, retryAfterMs: 10 });
    const third = await call(emulator().url, getTicket());
    assert.deepEqual(
      [third.status, third.json.Code, third.headers['x-acs-retry-after']],
      [429, 'Throttling.User', '10'],
    );
  });

  it('status 500 (System.error, Success false) and 503 (ServiceUnavailable) with a RequestId', async () => {
    emulator().inject({ kind: 'status', status: 500 });
    emulator().inject({ kind: 'status', status: 503 });
    emulator().inject({ kind: 'status', status: 500, code: 'InternalError' });
    const a = await call(emulator().url, getTicket());
    assert.deepEqual([a.status, a.json.Code, a.json.Success], [500, 'System.error', false]);
    const b = await call(emulator().url, getTicket());
    assert.deepEqual([b.status, b.json.Code], [503, 'ServiceUnavailable']);
    const c = await call(emulator().url, getTicket());
    assert.deepEqual([c.status, c.json.Code], [500, 'InternalError']);
    for (const r of [a, b, c]) assert.match(r.json.RequestId, /^[0-9A-F-]{36}$/);
  });

  it('times and action: a fault answers only its action, as many times as asked', async () => {
    emulator().inject({ kind: 'status', status: 503, action: 'ListTicketNotes', times: 2 });
    assert.equal((await call(emulator().url, getTicket())).status, 200);
    assert.equal((await call(emulator().url, listNotes)).status, 503);
    assert.equal((await call(emulator().url, listNotes)).status, 503);
    assert.equal((await call(emulator().url, listNotes)).status, 200);
    assert.equal(emulator().pendingFaults.length, 0);
  });

  it('faults only meet correctly signed requests: a bad signature does not consume one', async () => {
    emulator().inject({ kind: 'status', status: 503 });
    const bad = await call(emulator().url, getTicket({ signWithSecret: 'wrong' }));
    assert.equal(bad.json.Code, 'SignatureDoesNotMatch');
    assert.equal((await call(emulator().url, getTicket())).status, 503);
  });

  it('slow: answers after the delay', async () => {
    emulator().inject({ kind: 'slow', delayMs: 300 });
    const started = Date.now();
    const r = await call(emulator().url, getTicket());
    assert.equal(r.status, 200);
    assert.ok(Date.now() - started >= 290, 'waited for the delay');
  });

  it('drop: the socket closes without any response', async () => {
    emulator().inject({ kind: 'drop' });
    await assert.rejects(call(emulator().url, getTicket()), (err: NodeJS.ErrnoException) => {
      assert.ok(
        ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(err.code ?? '') || /socket hang up/.test(err.message),
        err.message,
      );
      return true;
    });
    assert.equal(emulator().requests[emulator().requests.length - 1].fault, 'drop');
    assert.equal((await call(emulator().url, getTicket())).status, 200);
  });

  it('malformed: 200 with a JSON content type and a truncated body', async () => {
    emulator().inject({ kind: 'malformed' });
    const r = await call(emulator().url, getTicket());
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /application\/json/);
    assert.throws(() => JSON.parse(r.text));
    assert.ok(r.text.startsWith('{"RequestId"'));
  });

  it('html: an HTML error page, 502 by default or the status given', async () => {
    emulator().inject({ kind: 'html' });
    emulator().inject({ kind: 'html', status: 504 });
    const a = await call(emulator().url, getTicket());
    assert.equal(a.status, 502);
    assert.match(String(a.headers['content-type']), /text\/html/);
    assert.match(a.text, /<html>/);
    const b = await call(emulator().url, getTicket());
    assert.equal(b.status, 504);
    assert.match(b.text, /504 Gateway Timeout/);
  });

  it('forbidden: 403 No permissions with AccessDeniedDetail as a JSON-encoded string naming the action', async () => {
    emulator().inject({ kind: 'forbidden', action: 'ListTicketNotes' });
    const r = await call(emulator().url, listNotes);
    assert.equal(r.status, 403);
    assert.equal(r.json.Success, false);
    assert.equal(r.json.Code, 'No permissions');
    assert.equal(typeof r.json.AccessDeniedDetail, 'string');
    const detail = JSON.parse(r.json.AccessDeniedDetail);
    assert.equal(detail.AuthAction, 'ram:ListTicketNotes');
    assert.equal(detail.NoPermissionType, 'ImplicitDeny');
    assert.equal(detail.AuthPrincipalType, 'SubUser');
  });

  it('forbidden can carry a gateway code instead', async () => {
    emulator().inject({ kind: 'forbidden', code: 'Forbidden.RAM' });
    const r = await call(emulator().url, getTicket());
    assert.deepEqual([r.status, r.json.Code], [403, 'Forbidden.RAM']);
    assert.equal(JSON.parse(r.json.AccessDeniedDetail).AuthAction, 'ram:GetTicket');
  });

  it('latency delays every answer until turned off (or reset)', async () => {
    // A long latency, so that "no latency" can be told apart from it even on a busy machine.
    emulator().setLatency(1000);
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      assert.equal((await call(emulator().url, getTicket())).status, 200);
      assert.ok(Date.now() - started >= 990);
    }
    emulator().setLatency(0);
    const started = Date.now();
    await call(emulator().url, getTicket());
    assert.ok(Date.now() - started < 800);
  });

  it('a dropped or delayed request does not break keep-alive for the next one', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      emulator().inject({ kind: 'drop' });
      await assert.rejects(call(emulator().url, getTicket({ agent })));
      const r = await call(emulator().url, getTicket({ agent }));
      assert.equal(r.status, 200);
    } finally {
      agent.destroy();
    }
  });

  it('stop() ends even while a slow answer is pending', async () => {
    const other = await TicketEmulator.start({ seed: 'empty' });
    other.inject({ kind: 'slow', delayMs: 60_000 });
    const pending = call(other.url, getTicket()).catch((e: Error) => e);
    await until('the slow request to arrive', () => other.requests.length === 1);
    const started = Date.now();
    await other.stop();
    assert.ok(Date.now() - started < 5000, 'stop() did not wait for the 60 s answer');
    assert.ok((await pending) instanceof Error, 'the client sees the connection close');
  });
});
