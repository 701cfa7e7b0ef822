// Garbage on the wire gets an error answer (or a closed socket), never a crash, and the emulator keeps serving.
import { strict as assert } from 'assert';
import * as net from 'net';
import { seededRandom } from '../../emulator/seed';
import { DEMO_CREDENTIALS } from '../../emulator/server';
import { call, rawRequest, useEmulator } from './helpers';

const PIECES = [
  'Action=GetTicket',
  'TicketId=0005PYGCW',
  '%',
  '%E5%B7',
  '%ZZ',
  '&&',
  '==',
  '+',
  '工单',
  '\u0000',
  'Signature=',
  'AccessKeyId=' + DEMO_CREDENTIALS.accessKeyId,
  'SignatureMethod=HMAC-SHA1',
  'Timestamp=x',
  'StatusList.1=',
  'PageSize=1e3',
];
const AUTHS = [
  '',
  'ACS3-HMAC-SHA256',
  'ACS3-HMAC-SHA256 Credential=' + DEMO_CREDENTIALS.accessKeyId + ',SignedHeaders=host,Signature=' + 'f'.repeat(64),
  'ACS3-HMAC-SHA256 ,,,==',
  'Basic Zm9vOmJhcg==',
];

describe('emulator robustness', () => {
  const emulator = useEmulator({ seed: 'demo' }, false);

  it('answers 300 random malformed requests with an error and still serves a valid one', async () => {
    const next = seededRandom(99);
    const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
    const url = new URL(emulator().url);
    for (let i = 0; i < 300; i++) {
      // Node's client refuses raw non-ASCII in a path; those go in the body only.
      const query = Array.from({ length: Math.floor(next() * 4) }, () =>
        pick(PIECES.filter((p) => /^[\x21-\x7e]*$/.test(p))),
      ).join('&');
      const body = Array.from({ length: Math.floor(next() * 4) }, () => pick(PIECES)).join('&');
      const headers: Record<string, string> = {
        host: url.host,
        'content-type': pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain']),
      };
      const auth = pick(AUTHS);
      if (auth) headers['authorization'] = auth;
      if (next() < 0.5) headers['x-acs-action'] = pick(['GetTicket', 'ListTickets', '', 'Nope']);
      if (next() < 0.5) headers['x-acs-date'] = pick([new Date().toISOString().slice(0, 19) + 'Z', 'yesterday', '']);
      const r = await rawRequest(
        url,
        pick(['POST', 'GET', 'PUT', 'DELETE']),
        `/${pick(['', 'x', '?'])}?${query}`,
        headers,
        body,
      );
      assert.ok(r.status >= 400 && r.status < 500, `request ${i}: ${r.status} ${r.text}`);
      assert.equal(typeof r.json?.Code, 'string', r.text);
    }
    const ok = await call(emulator().url, {
      action: 'GetTicket',
      body: [['TicketId', '0005PYGCW']],
      credentials: DEMO_CREDENTIALS,
    });
    assert.equal(ok.status, 200);
  });

  it('survives a broken HTTP request line and a half-sent request', async () => {
    const url = new URL(emulator().url);
    for (const raw of ['NOT HTTP AT ALL\r\n\r\n', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort']) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(Number(url.port), url.hostname, () => {
          socket.write(raw);
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    }
    const ok = await call(emulator().url, {
      action: 'GetTicket',
      body: [['TicketId', '0005PYGCW']],
      credentials: DEMO_CREDENTIALS,
    });
    assert.equal(ok.status, 200);
  });
});
