// For every kind of failure, produced through the real client against the emulator: the error's message, stack,
// JSON and describeError() sentence contain neither the AccessKey secret, the STS token nor the AccessKey id.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { TicketEmulator, STS_CREDENTIALS, EXPIRED_STS_CREDENTIALS } from '../../emulator/server';
import { TicketClient } from '../../../src/api/client';
import { TicketApiError, type TicketErrorKind } from '../../../src/api/errors';
import { describeError } from '../../../src/api/errorWording';
import { percentEncode } from '../../../src/api/sign';
import type { Credentials, TicketClientOptions } from '../../../src/api/types';
import { READ_ERROR_KINDS } from './errorKinds';

const ALL_KINDS: TicketErrorKind[] = READ_ERROR_KINDS;

function forms(value: string): string[] {
  return [value, percentEncode(value), percentEncode(percentEncode(value)), encodeURIComponent(value)];
}

describe('api secrets never appear in errors', function () {
  this.timeout(30000);
  let emu: TicketEmulator;
  const seen = new Set<TicketErrorKind>();
  const clients: TicketClient[] = [];

  before(async () => {
    emu = await TicketEmulator.start();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    emu.reset();
  });
  after(async () => {
    await emu.stop();
    assert.deepStrictEqual([...seen].sort(), [...ALL_KINDS].sort(), 'every error kind was checked');
  });

  async function expectClean(
    kind: TicketErrorKind,
    credentials: Credentials,
    call: (c: TicketClient) => Promise<unknown>,
    options: Partial<TicketClientOptions> = {},
  ) {
    const client = new TicketClient({ endpoint: emu.url, credentials, retryBaseDelayMs: 5, ...options });
    clients.push(client);
    let error: unknown;
    try {
      await call(client);
    } catch (err) {
      error = err;
    }
    assert.ok(error instanceof TicketApiError, `expected a ${kind} TicketApiError, got ${String(error)}`);
    assert.strictEqual(error.kind, kind, `${error.code}: ${error.message}`);
    const visible = [
      error.message,
      String(error.stack),
      JSON.stringify(error),
      describeError(error),
      String(error),
    ].join('\n');
    const secrets = [credentials.accessKeySecret, credentials.securityToken, credentials.accessKeyId].filter(
      (s): s is string => !!s && s.length >= 4,
    );
    for (const secret of secrets) {
      for (const form of forms(secret))
        assert.ok(!visible.includes(form), `${kind}: a secret (${secret.slice(0, 4)}…) appears in:\n${visible}`);
    }
    seen.add(kind);
    return error;
  }

  const sts = STS_CREDENTIALS as Credentials;

  it('notFound (unknown ticket and malformed id)', async () => {
    await expectClean('notFound', sts, (c) => c.getTicket('0000NOPE00'));
    await expectClean('notFound', sts, (c) => c.getTicket(`${sts.accessKeySecret}`));
  });
  it('badRequest', async () => {
    emu.inject({
      kind: 'status',
      status: 400,
      code: 'illegal.param',
      message: `bad value ${sts.accessKeyId} ${sts.securityToken}`,
    });
    await expectClean('badRequest', sts, (c) => c.listTickets({ pageNumber: 1, pageSize: 10 }));
  });
  it('auth (expired STS token; unknown key)', async () => {
    await expectClean('auth', EXPIRED_STS_CREDENTIALS as Credentials, (c) => c.getTicket('0005PYGCW'));
    await expectClean(
      'auth',
      { accessKeyId: 'LTAI5tUnknownKey0000001', accessKeySecret: 'UnknownSecret0000001' },
      (c) => c.getTicket('0005PYGCW'),
    );
  });
  it('signature (the server echoes its StringToSign), V3 and V1', async () => {
    const wrong = { ...sts, accessKeySecret: 'WrongSecretValue00000001' };
    const v3 = await expectClean('signature', wrong, (c) => c.getTicket('0005PYGCW'));
    const v1 = await expectClean('signature', wrong, (c) => c.getTicket('0005PYGCW'), { signatureVersion: 'v1' });
    for (const err of [v3, v1]) assert.strictEqual(err.code, 'SignatureDoesNotMatch');
  });
  it('clockSkew', async () => {
    await expectClean('clockSkew', sts, (c) => c.getTicket('0005PYGCW'), { now: () => Date.now() + 3_600_000 });
  });
  it('permission', async () => {
    emu.inject({ kind: 'forbidden' });
    await expectClean('permission', sts, (c) => c.getTicket('0005PYGCW'));
  });
  it('throttled', async () => {
    emu.inject({ kind: 'throttle', retryAfterMs: 10, times: 3 });
    await expectClean('throttled', sts, (c) => c.getTicket('0005PYGCW'));
  });
  it('server', async () => {
    emu.inject({ kind: 'status', status: 500, times: 3 });
    await expectClean('server', sts, (c) => c.getTicket('0005PYGCW'));
  });
  it('network', async () => {
    emu.inject({ kind: 'drop', times: 3 });
    await expectClean('network', sts, (c) => c.getTicket('0005PYGCW'));
  });
  it('timeout', async () => {
    emu.inject({ kind: 'slow', delayMs: 8000 }); // far beyond timeoutMs, even on a stalled machine
    await expectClean('timeout', sts, (c) => c.getTicket('0005PYGCW'), { timeoutMs: 200 });
  });
  it('aborted', async () => {
    await expectClean('aborted', sts, (c) => c.getTicket('0005PYGCW', { signal: AbortSignal.abort() }));
  });
  it('malformed (and a malformed body that echoes the credentials)', async () => {
    emu.inject({ kind: 'malformed' });
    await expectClean('malformed', sts, (c) => c.getTicket('0005PYGCW'));
    // A hostile server echoing the credentials back in every field of a broken answer.
    const echo = `${sts.accessKeyId} ${sts.accessKeySecret} ${sts.securityToken}`;
    const server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'x-acs-retry-after': echo.replace(/\s/g, '') });
      res.end(
        JSON.stringify({
          RequestId: echo,
          Success: true,
          Code: 200,
          Data: { TicketId: echo, Status: { Value: echo } },
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await expectClean('malformed', sts, (c) => c.getTicket('0005PYGCW'), {
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
  it('config (endpoint refused; credentials with bad characters)', async () => {
    await expectClean('config', sts, (c) => c.getTicket('0005PYGCW'), {
      endpoint: `http://${sts.accessKeyId}:${sts.accessKeySecret}@example.com`,
    });
    await expectClean('config', { ...sts, securityToken: `${sts.securityToken} \n` }, (c) => c.getTicket('0005PYGCW'));
  });
  it('signedOut', async () => {
    await expectClean('signedOut', { accessKeyId: sts.accessKeyId, accessKeySecret: '' }, (c) =>
      c.getTicket('0005PYGCW'),
    );
  });
});
