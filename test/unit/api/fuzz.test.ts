// Fuzzing the response path: thousands of random and mutated bodies through the pure parser, and a smaller round
// over real HTTP. Whatever arrives, the result is a value or a TicketApiError: nothing else is thrown, nothing hangs.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { parseActionResponse, type RawResponse } from '../../../src/api/response';
import { TicketClient } from '../../../src/api/client';
import { TicketApiError } from '../../../src/api/errors';
import { describeError } from '../../../src/api/errorWording';
import type { Ticket, TicketNote, TicketPage } from '../../../src/api/types';
import { READ_ERROR_KINDS } from './errorKinds';
import { Random } from './random';

const KINDS = new Set<string>(READ_ERROR_KINDS);
const ACTIONS = ['GetTicket', 'ListTickets', 'ListTicketNotes'] as const;
const SECRETS = ['LTAI5tFuzzKeyId000001', 'FuzzSecretValue/+=0001', 'CAISFuzzToken+/=000000000001'];

const VALID: Record<(typeof ACTIONS)[number], () => Record<string, unknown>> = {
  GetTicket: () => ({
    RequestId: 'A1B2',
    Success: true,
    Code: 200,
    Message: 'success',
    Data: {
      TicketId: '0005PYGCW',
      Title: '标题',
      Description: 'line1\nline2',
      CreateTime: 1700000000000,
      CreatorId: '1',
      CategoryId: '7161',
      Status: { Label: '已完成', Value: '6' },
      Severity: { Label: '一般', Value: '1' },
    },
  }),
  ListTickets: () => ({
    RequestId: 'B2',
    Success: true,
    Code: 0,
    PageNumber: 1,
    PageSize: 10,
    TotalCount: 2,
    Data: [
      { TicketId: '0005PYGCW', Title: 'a', Status: { Label: 'x', Value: '1' } },
      { TicketId: '001571BTXC', Title: 'b', Status: { Label: 'y', Value: '3' } },
    ],
  }),
  ListTicketNotes: () => ({
    RequestId: 'C3',
    Success: true,
    Code: 200,
    Data: [
      {
        DialogId: 1001,
        CreateTime: 1700000000000,
        Type: 2,
        Status: 2,
        Dialog: { Content: 'hi', Schema: '' },
        User: { Name: 'Kevin', Role: 2 },
        Attachments: [{ Name: 'a.txt', Url: 'https://x/a.txt' }],
      },
    ],
  }),
};

function randomJson(rnd: Random, depth: number): unknown {
  switch (rnd.int(0, depth > 0 ? 9 : 5)) {
    case 0:
      return null;
    case 1:
      return rnd.bool();
    case 2:
      return rnd.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 6, 7, 200]);
    case 3:
      return rnd.text(30);
    case 4:
      return rnd.pick(['6', '1', '0', '-3', '1.5', 'NaN', '', ' 2 ', '{"AuthAction":"x"}', SECRETS[0], SECRETS[2]]);
    case 5:
      return rnd.pick([undefined, {}, [], '__proto__']);
    case 6:
    case 7:
      return Array.from({ length: rnd.int(0, 4) }, () => randomJson(rnd, depth - 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rnd.int(0, 5); i > 0; i--) {
        o[
          rnd.pick([
            'TicketId',
            'Title',
            'Status',
            'Value',
            'Label',
            'Data',
            'Code',
            'Success',
            'Message',
            'RequestId',
            'AccessDeniedDetail',
            '__proto__',
            'constructor',
            rnd.text(6),
          ])
        ] = randomJson(rnd, depth - 1);
      }
      return o;
    }
  }
}

/** Sets a random path inside a JSON value to a random value, or deletes it. */
function mutate(rnd: Random, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return randomJson(rnd, 2);
  const keys = Object.keys(value as object);
  if (keys.length === 0) return randomJson(rnd, 2);
  const key = rnd.pick(keys);
  const target = value as Record<string, unknown>;
  const roll = rnd.int(0, 3);
  if (roll === 0) delete target[key];
  else if (roll === 1) target[key] = randomJson(rnd, 3);
  else target[key] = mutate(rnd, target[key]);
  return value;
}

function randomBody(rnd: Random, action: (typeof ACTIONS)[number]): string {
  switch (rnd.int(0, 11)) {
    case 0:
      return rnd.text(200);
    case 1:
      return JSON.stringify(randomJson(rnd, 5)) ?? '';
    case 2: {
      const text = JSON.stringify(VALID[action]());
      return text.slice(0, rnd.int(0, text.length)); // truncated
    }
    case 3: {
      const text = JSON.stringify(VALID[action]());
      const at = rnd.int(0, text.length);
      return text.slice(0, at) + rnd.text(3) + text.slice(at + rnd.int(0, 3)); // byte noise
    }
    case 4:
      return rnd.pick([
        '<html><body><h1>502 Bad Gateway</h1></body></html>',
        '',
        '   ',
        'null',
        '[]',
        '"just a string"',
        '1e999',
        '{"Success":false}',
        '{"Success":"false","Code":{"x":1}}',
        '{"__proto__":{"Success":false},"Data":null}',
        '['.repeat(50_000),
        '{"Data":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
        JSON.stringify({
          Success: true,
          Data: { TicketId: 'X', Status: { Value: '6' }, Severity: { Value: '1' }, Title: 'x'.repeat(1_000_000) },
        }),
        '\uFEFF' + JSON.stringify(VALID[action]()),
      ]);
    case 5:
      return JSON.stringify({
        RequestId: rnd.text(10),
        Success: false,
        Code: rnd.pick([
          'SignatureDoesNotMatch',
          'Throttling.User',
          'No permissions',
          'illegal.param',
          'InvalidAccessKeyId.NotFound',
          'System.error',
          7,
          null,
          rnd.text(8),
        ]),
        Message: `server string to sign is:POST&%2F&AccessKeyId%3D${SECRETS[0]}%26SecurityToken%3D${encodeURIComponent(SECRETS[2])} ${rnd.text(20)}`,
        AccessDeniedDetail: rnd.pick([
          '{"AuthAction":"ram:GetTicket","NoPermissionType":"ImplicitDeny"}',
          '{broken',
          '[]',
          5,
          { AuthAction: 'x' },
          null,
        ]),
      });
    default: {
      let value: unknown = VALID[action]();
      for (let i = rnd.int(1, 4); i > 0; i--) value = mutate(rnd, value);
      return JSON.stringify(value) ?? '';
    }
  }
}

function randomHeaders(rnd: Random): Record<string, string> {
  return rnd.bool(0.3)
    ? { 'x-acs-retry-after': rnd.pick(['0', '5', '1000', '-1', 'abc', '1e9', '99999999999999999999', '0.5', '']) }
    : {};
}

/** Runs one case and checks its outcome; says which path it took so the caller can see both were exercised. */
function checkOutcome(action: string, run: () => unknown, label: string): 'value' | 'error' {
  let result: unknown;
  try {
    result = run();
  } catch (err) {
    assert.ok(err instanceof TicketApiError, `${label}: threw ${String(err)}`);
    assert.ok(KINDS.has(err.kind), `${label}: kind ${err.kind}`);
    assert.strictEqual(typeof err.message, 'string');
    const visible = err.message + JSON.stringify(err) + describeError(err);
    for (const secret of SECRETS)
      assert.ok(!visible.includes(secret), `${label}: secret leaked in ${visible.slice(0, 300)}`);
    return 'error';
  }
  if (action === 'GetTicket') {
    const t = result as Partial<Ticket> | undefined;
    assert.strictEqual(typeof t?.ticketId, 'string', label);
    assert.ok(t!.status!.value >= 1 && t!.status!.value <= 6 && typeof t!.status!.label === 'string', label);
    assert.ok((t!.severity!.value === 1 || t!.severity!.value === 2) && typeof t!.severity!.label === 'string', label);
    assert.ok(Number.isFinite(t!.createTime), label);
  } else if (action === 'ListTickets') {
    const page = result as Partial<TicketPage> | undefined;
    assert.ok(Array.isArray(page?.tickets), label);
    for (const row of page!.tickets!)
      assert.ok(typeof row.ticketId === 'string' && row.status.value >= 1 && row.status.value <= 6, label);
    assert.ok(
      [page!.totalCount, page!.pageNumber, page!.pageSize].every((n) => Number.isInteger(n) && n! >= 0),
      label,
    );
  } else {
    assert.ok(Array.isArray(result), label);
    for (const note of result as TicketNote[]) {
      assert.ok(
        typeof note.dialogId === 'string' && typeof note.content === 'string' && Array.isArray(note.attachments),
        label,
      );
    }
  }
  return 'value';
}

describe('api/response fuzz', function () {
  this.timeout(60000);

  it('5000 random and mutated bodies: a value or a TicketApiError, never a secret, never slow', () => {
    const rnd = new Random(1234567);
    let slowest = 0;
    const started = Date.now();
    const outcomes = { values: 0, errors: 0 };
    for (let i = 0; i < 5000; i++) {
      const action = rnd.pick(ACTIONS);
      const response: RawResponse = {
        status: rnd.pick([200, 200, 200, 200, 204, 301, 400, 401, 403, 404, 429, 500, 502, 503]),
        headers: randomHeaders(rnd),
        body: randomBody(rnd, action),
      };
      const t0 = Date.now();
      const label = `case ${i} ${action} ${response.status} ${response.body.slice(0, 120)}`;
      outcomes[
        checkOutcome(action, () => parseActionResponse(action, response, SECRETS), label) === 'value'
          ? 'values'
          : 'errors'
      ]++;
      slowest = Math.max(slowest, Date.now() - t0);
    }
    // Bounds that only a hang or a runaway regex would break (the machine is shared and slow at times).
    assert.ok(slowest < 5000, `slowest case took ${slowest} ms`);
    assert.ok(Date.now() - started < 45_000);
    // Both paths were exercised (a fuzzer that only ever fails parsing, or never does, proves little).
    assert.ok(outcomes.values > 100 && outcomes.errors > 100, JSON.stringify(outcomes));
  });

  it('the valid templates parse to the expected values (the fuzz starts from real shapes)', () => {
    const ticket = parseActionResponse('GetTicket', {
      status: 200,
      headers: {},
      body: JSON.stringify(VALID.GetTicket()),
    });
    assert.deepStrictEqual(ticket.status, { value: 6, label: '已完成' });
    const page = parseActionResponse('ListTickets', {
      status: 200,
      headers: {},
      body: JSON.stringify(VALID.ListTickets()),
    });
    assert.deepStrictEqual(
      page.tickets.map((t) => t.status.value),
      [1, 3],
    );
    const notes = parseActionResponse('ListTicketNotes', {
      status: 200,
      headers: {},
      body: JSON.stringify(VALID.ListTicketNotes()),
    });
    assert.strictEqual(notes[0].dialogId, '1001');
  });

  it('300 random answers over real HTTP: every call settles with a value or a TicketApiError', async () => {
    const rnd = new Random(99);
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const action = (req.headers['x-acs-action'] as (typeof ACTIONS)[number]) ?? 'GetTicket';
        const roll = rnd.int(0, 19);
        if (roll === 0) {
          req.socket.destroy(); // dropped mid-request
          return;
        }
        const status = rnd.pick([200, 200, 200, 204, 400, 403, 404, 500, 503]);
        const body = randomBody(rnd, action);
        res.writeHead(status, {
          'content-type': rnd.pick(['application/json', 'text/html', 'text/plain']),
          ...randomHeaders(rnd),
        });
        if (roll === 1 && body.length > 10) {
          res.write(body.slice(0, body.length >> 1)); // truncated by a closed socket
          setTimeout(() => res.socket?.destroy(), 5);
          return;
        }
        res.end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = new TicketClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { accessKeyId: SECRETS[0], accessKeySecret: SECRETS[1], securityToken: SECRETS[2] },
      maxAttempts: 2,
      retryBaseDelayMs: 1,
      maxRetryDelayMs: 20,
      timeoutMs: 3000,
    });
    try {
      for (let batch = 0; batch < 30; batch++) {
        await Promise.all(
          Array.from({ length: 10 }, async (_, i) => {
            const action = ACTIONS[(batch + i) % 3];
            const call =
              action === 'GetTicket'
                ? client.getTicket('0005PYGCW')
                : action === 'ListTickets'
                  ? client.listTickets({ pageNumber: 1, pageSize: 10 })
                  : client.listTicketNotes('0005PYGCW');
            let outcome: { value?: unknown; error?: unknown };
            try {
              outcome = { value: await call };
            } catch (error) {
              outcome = { error };
            }
            checkOutcome(
              action,
              () => {
                if ('error' in outcome) throw outcome.error;
                return outcome.value;
              },
              `http batch ${batch} #${i}`,
            );
          }),
        );
      }
    } finally {
      await client.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
