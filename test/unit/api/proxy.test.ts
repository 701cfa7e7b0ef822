// Proxy support over real HTTP: a small CONNECT proxy on 127.0.0.1 in front of the emulator. Checks that requests go
// through the proxy (explicit option, or HTTPS_PROXY / NO_PROXY), that the tunnel is kept alive, that a proxy which
// refuses (407, 403, nothing listening) gives a clear error naming the proxy, and that proxy credentials never show.
import * as assert from 'assert';
import * as http from 'http';
import * as net from 'net';
import type { AddressInfo } from 'net';
import { TicketEmulator, DEMO_CREDENTIALS } from '../../emulator/server';
import { TicketClient } from '../../../src/api/client';
import { TicketApiError } from '../../../src/api/errors';
import { describeError } from '../../../src/api/errorWording';
import { matchesNoProxy } from '../../../src/api/proxy';
import type { RequestLogEvent, TicketClientOptions } from '../../../src/api/types';
import { acceptConnect, tunnel, type ConnectRecord } from './connectProxy';
import { rejection } from './emulatorClients';

interface ProxyOptions {
  /** The Proxy-Authorization value required; 407 otherwise. */
  requireAuthorization?: string;
}

/** A forward proxy as corporate ones behave: CONNECT tunnels to 127.0.0.1 only (403 elsewhere), optional Basic auth. */
class TestProxy {
  /** Every CONNECT received: target host:port and the Proxy-Authorization sent. */
  readonly connects: ConnectRecord[] = [];
  /** Absolute-form requests ("GET http://host/path"): undici tunnels instead, so any here is a surprise. */
  readonly forwarded: string[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: http.Server,
    readonly options: ProxyOptions,
  ) {}

  static async start(options: ProxyOptions = {}): Promise<TestProxy> {
    const server = http.createServer();
    const proxy = new TestProxy(server, options);
    server.on('connection', (socket) => proxy.track(socket));
    server.on('request', (req, res) => {
      proxy.forwarded.push(String(req.url));
      res.writeHead(501, { 'content-length': '0' });
      res.end();
    });
    server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) =>
      proxy.tunnel(req, socket, head),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private tunnel(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
    const port = acceptConnect(req, socket, this.connects, this.options.requireAuthorization);
    if (port !== undefined) tunnel(port, socket, head, (upstream) => this.track(upstream));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const PROXY_ENV = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
/** Not loopback, so environment proxies apply; the .invalid name never resolves, so a direct attempt fails at once. */
const REMOTE_ENDPOINT = 'https://ticket-api.invalid';
const PROXY_USER = 'sre-bob';
const PROXY_PASSWORD = 'Pr0xy:p@ss/word';
const encodedCredentials = `${encodeURIComponent(PROXY_USER)}:${encodeURIComponent(PROXY_PASSWORD)}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Everything a user or a log could see of an error and of the request log events. */
function visibleText(err: TicketApiError, events: RequestLogEvent[]): string {
  return [
    err.message,
    err.code,
    describeError(err),
    JSON.stringify(err),
    String(err.stack),
    JSON.stringify(events),
  ].join('\n');
}

function assertNoProxyCredentials(text: string): void {
  for (const secret of [
    PROXY_PASSWORD,
    encodeURIComponent(PROXY_PASSWORD),
    PROXY_USER,
    basic(PROXY_USER, PROXY_PASSWORD),
  ]) {
    assert.ok(!text.includes(secret), `"${secret}" leaked into: ${text}`);
  }
}

describe('api/proxy HTTP proxy support (real HTTP through a local CONNECT proxy)', function () {
  this.timeout(20000);
  let emu: TicketEmulator;
  const clients: TicketClient[] = [];
  const proxies: TestProxy[] = [];
  let savedEnv: Record<string, string | undefined>;

  function client(options: Partial<TicketClientOptions> = {}): TicketClient {
    const c = new TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, retryBaseDelayMs: 20, ...options });
    clients.push(c);
    return c;
  }

  async function proxy(options: ProxyOptions = {}): Promise<TestProxy> {
    const p = await TestProxy.start(options);
    proxies.push(p);
    return p;
  }

  before(async () => {
    emu = await TicketEmulator.start({ seed: 'demo' });
  });
  beforeEach(() => {
    savedEnv = Object.fromEntries(PROXY_ENV.map((name) => [name, process.env[name]]));
    for (const name of PROXY_ENV) delete process.env[name];
  });
  afterEach(async () => {
    for (const name of PROXY_ENV) {
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
    }
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(proxies.splice(0).map((p) => p.stop()));
    emu.reset();
  });
  after(async () => {
    await emu.stop();
  });

  describe('explicit proxy option', () => {
    it('sends requests through the proxy (a CONNECT tunnel) and the emulator answers them', async () => {
      const p = await proxy();
      const c = client({ proxy: `http://127.0.0.1:${p.port}` });
      const ticket = await c.getTicket('0005PYGCW');
      assert.strictEqual(ticket.ticketId, '0005PYGCW');
      assert.deepStrictEqual(
        p.connects.map((x) => x.target),
        [`127.0.0.1:${new URL(emu.url).port}`],
      );
      assert.strictEqual(p.connects[0].authorization, undefined, 'no credentials were given, none are sent');
      assert.deepStrictEqual(p.forwarded, []);
      assert.deepStrictEqual(
        emu.requests.map((r) => r.action),
        ['GetTicket'],
      );
    });

    it('keeps the tunnel alive: several requests, one CONNECT and one connection to the emulator', async () => {
      const p = await proxy();
      const c = client({ proxy: `http://127.0.0.1:${p.port}` });
      const before = emu.connectionCount;
      await c.getTicket('0005PYGCW');
      await c.listTickets({ pageNumber: 1, pageSize: 10 });
      await c.listTicketNotes('0005PYGCW');
      assert.strictEqual(p.connects.length, 1, `CONNECTs: ${JSON.stringify(p.connects)}`);
      assert.strictEqual(emu.connectionCount - before, 1);
      assert.deepStrictEqual(
        emu.requests.map((r) => r.action),
        ['GetTicket', 'ListTickets', 'ListTicketNotes'],
      );
    });

    it('accepts a bare host:port as an http proxy', async () => {
      const p = await proxy();
      await client({ proxy: `127.0.0.1:${p.port}` }).getTicket('0005PYGCW');
      assert.strictEqual(p.connects.length, 1);
    });

    it('sends the URL user name and password as Proxy-Authorization to the proxy only', async () => {
      const p = await proxy({ requireAuthorization: basic(PROXY_USER, PROXY_PASSWORD) });
      const ticket = await client({ proxy: `http://${encodedCredentials}@127.0.0.1:${p.port}` }).getTicket('0005PYGCW');
      assert.strictEqual(ticket.ticketId, '0005PYGCW');
      assert.strictEqual(p.connects.length, 1);
      const seen = JSON.stringify(emu.requests);
      assert.ok(!/proxy-authorization/i.test(seen), 'the Ticket API never sees the proxy credentials');
      assertNoProxyCredentials(seen);
    });

    it('is used for loopback too, even when NO_PROXY lists the host (the bypasses are for environment proxies)', async () => {
      const p = await proxy();
      process.env.NO_PROXY = '127.0.0.1,localhost';
      await client({ proxy: `http://127.0.0.1:${p.port}` }).getTicket('0005PYGCW');
      assert.strictEqual(p.connects.length, 1);
    });

    it('an empty proxy option means none (the environment decides)', async () => {
      const p = await proxy();
      await client({ proxy: '  ' }).getTicket('0005PYGCW');
      assert.strictEqual(p.connects.length, 0);
      assert.strictEqual(emu.requests.length, 1);
    });
  });

  describe('a proxy that refuses', () => {
    it('407 with wrong credentials: a network error naming the proxy, not retried, credentials nowhere', async () => {
      const p = await proxy({ requireAuthorization: basic('someone-else', 'other') });
      const events: RequestLogEvent[] = [];
      const err = await rejection(
        client({
          proxy: `http://${encodedCredentials}@127.0.0.1:${p.port}`,
          onRequest: (e) => events.push(e),
        }).getTicket('0005PYGCW'),
      );
      assert.strictEqual(err.kind, 'network');
      assert.strictEqual(err.code, 'ProxyAuthenticationRequired');
      assert.match(err.message, new RegExp(`proxy 127\\.0\\.0\\.1:${p.port}`));
      assert.match(err.message, /did not accept the user name and password.*407/);
      assert.match(describeError(err), new RegExp(`127\\.0\\.0\\.1:${p.port}`));
      assert.strictEqual(p.connects.length, 1, 'the same credentials would be refused again: no retry');
      assert.strictEqual(p.connects[0].authorization, basic(PROXY_USER, PROXY_PASSWORD));
      assert.strictEqual(emu.requests.length, 0);
      assertNoProxyCredentials(visibleText(err, events));
    });

    it('407 without credentials says the proxy wants a user name and password', async () => {
      const p = await proxy({ requireAuthorization: basic(PROXY_USER, PROXY_PASSWORD) });
      const err = await rejection(client({ proxy: `http://127.0.0.1:${p.port}` }).getTicket('0005PYGCW'));
      assert.strictEqual(err.code, 'ProxyAuthenticationRequired');
      assert.match(err.message, /requires a user name and password \(HTTP 407\)/);
    });

    it('nothing listening at the proxy: "the proxy refused the connection", naming it, credentials nowhere', async () => {
      const p = await proxy();
      const port = p.port;
      await p.stop();
      proxies.splice(proxies.indexOf(p), 1);
      const events: RequestLogEvent[] = [];
      const err = await rejection(
        client({
          proxy: `http://${encodedCredentials}@127.0.0.1:${port}`,
          maxAttempts: 2,
          onRequest: (e) => events.push(e),
        }).getTicket('0005PYGCW'),
      );
      assert.strictEqual(err.kind, 'network');
      assert.match(
        err.message,
        new RegExp(`through the proxy 127\\.0\\.0\\.1:${port}: the proxy refused the connection`),
      );
      assert.strictEqual(events.length, 2, 'a refused connection may pass: retried');
      assert.strictEqual(emu.requests.length, 0);
      assertNoProxyCredentials(visibleText(err, events));
    });
  });

  describe('invalid proxy URL', () => {
    const bad: Array<[string, RegExp]> = [
      ['socks5://127.0.0.1:1080', /only http:\/\/ and https:\/\/ proxies are supported \(got a SOCKS proxy\)/],
      ['ftp://proxy.example.com:21', /only http:\/\/ and https:\/\/ proxies are supported \(got "ftp"\)/],
      [`http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@proxy example.com:8080`, /not a valid URL/],
      [`http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@proxy.example.com:8080/pac?x=1`, /no path or query/],
      [
        `http://${PROXY_USER}:bad%ZZ${encodeURIComponent(PROXY_PASSWORD)}@proxy.example.com:8080`,
        /not correctly percent-encoded/,
      ],
    ];
    for (const [value, why] of bad) {
      it(`${value.replace(PROXY_USER, 'user').replace(encodeURIComponent(PROXY_PASSWORD), 'secret')}: a 'config' error before anything is sent`, async () => {
        let credentialsRead = 0;
        const err = await rejection(
          client({
            proxy: value,
            credentials: async () => {
              credentialsRead++;
              return DEMO_CREDENTIALS;
            },
          }).getTicket('0005PYGCW'),
        );
        assert.strictEqual(err.kind, 'config');
        assert.strictEqual(err.code, 'InvalidProxy');
        assert.match(err.message, /^The proxy URL is not a usable proxy: /);
        assert.match(err.message, why);
        assert.strictEqual(describeError(err), err.message);
        assert.strictEqual(credentialsRead, 0);
        assert.strictEqual(emu.requests.length, 0);
        assertNoProxyCredentials(visibleText(err, []));
      });
    }
  });

  describe('environment variables', () => {
    it('HTTPS_PROXY is used for an https endpoint (the proxy sees the CONNECT; its 403 is a clear error, not retried)', async () => {
      const p = await proxy();
      process.env.HTTPS_PROXY = `http://${encodedCredentials}@127.0.0.1:${p.port}`;
      const events: RequestLogEvent[] = [];
      const err = await rejection(
        client({ endpoint: REMOTE_ENDPOINT, onRequest: (e) => events.push(e) }).getTicket('0005PYGCW'),
      );
      assert.deepStrictEqual(
        p.connects.map((x) => x.target),
        ['ticket-api.invalid:443'],
      );
      assert.strictEqual(p.connects[0].authorization, basic(PROXY_USER, PROXY_PASSWORD));
      assert.strictEqual(err.kind, 'network');
      assert.strictEqual(err.code, 'ProxyForbidden');
      assert.match(
        err.message,
        new RegExp(
          `Could not reach ticket-api\\.invalid through the proxy 127\\.0\\.0\\.1:${p.port}: the proxy refused to connect to it \\(HTTP 403\\)`,
        ),
      );
      assertNoProxyCredentials(visibleText(err, events));
    });

    it('https_proxy (lower case) and HTTP_PROXY (as a fallback for https) are read too', async () => {
      const p = await proxy();
      process.env.https_proxy = `http://127.0.0.1:${p.port}`;
      await rejection(client({ endpoint: REMOTE_ENDPOINT, maxAttempts: 1 }).getTicket('0005PYGCW'));
      delete process.env.https_proxy;
      process.env.HTTP_PROXY = `http://127.0.0.1:${p.port}`;
      await rejection(client({ endpoint: REMOTE_ENDPOINT, maxAttempts: 1 }).getTicket('0005PYGCW'));
      assert.strictEqual(p.connects.length, 2);
    });

    it('loopback endpoints never use an environment proxy: the emulator keeps working', async () => {
      const p = await proxy();
      for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'http_proxy']) process.env[name] = `http://127.0.0.1:${p.port}`;
      const ticket = await client().getTicket('0005PYGCW');
      assert.strictEqual(ticket.ticketId, '0005PYGCW');
      assert.strictEqual(p.connects.length, 0);
      assert.deepStrictEqual(p.forwarded, []);
    });

    const bypassing = [
      'ticket-api.invalid',
      '.invalid',
      '*.invalid',
      '*',
      'example.com, TICKET-API.invalid:443',
      'example.com ticket-api.invalid',
    ];
    for (const noProxy of bypassing) {
      it(`NO_PROXY="${noProxy}" sends directly (the proxy sees nothing)`, async () => {
        const p = await proxy();
        process.env.HTTPS_PROXY = `http://127.0.0.1:${p.port}`;
        process.env.NO_PROXY = noProxy;
        const err = await rejection(client({ endpoint: REMOTE_ENDPOINT, maxAttempts: 1 }).getTicket('0005PYGCW'));
        assert.strictEqual(p.connects.length, 0);
        assert.strictEqual(err.kind, 'network');
        assert.match(err.message, /^Could not reach ticket-api\.invalid: the host name could not be resolved/);
      });
    }

    const notBypassing = ['api.invalid', 'ticket-api.invalid:8443', 'example.com', 'i'];
    for (const noProxy of notBypassing) {
      it(`NO_PROXY="${noProxy}" still uses the proxy`, async () => {
        const p = await proxy();
        process.env.HTTPS_PROXY = `http://127.0.0.1:${p.port}`;
        process.env.no_proxy = noProxy;
        await rejection(client({ endpoint: REMOTE_ENDPOINT, maxAttempts: 1 }).getTicket('0005PYGCW'));
        assert.strictEqual(p.connects.length, 1);
      });
    }

    it('an unusable HTTPS_PROXY is a config error naming the variable (only when it applies)', async () => {
      process.env.HTTPS_PROXY = `socks5://${encodedCredentials}@127.0.0.1:1080`;
      const err = await rejection(client({ endpoint: REMOTE_ENDPOINT }).getTicket('0005PYGCW'));
      assert.strictEqual(err.kind, 'config');
      assert.match(err.message, /^The HTTPS_PROXY environment variable is not a usable proxy/);
      assertNoProxyCredentials(visibleText(err, []));
      // Loopback ignores environment proxies, so the emulator still answers.
      assert.strictEqual((await client().getTicket('0005PYGCW')).ticketId, '0005PYGCW');
    });
  });

  describe('matchesNoProxy', () => {
    const target = (url: string) => new URL(url);
    it('matches hosts, domains and ports as curl does', () => {
      assert.ok(matchesNoProxy(target('https://a.b.example.com'), 'example.com'));
      assert.ok(matchesNoProxy(target('https://example.com'), '.example.com'));
      assert.ok(matchesNoProxy(target('https://10.0.0.5'), '10.0.0.5'));
      assert.ok(matchesNoProxy(target('https://[fd00::1]'), 'fd00::1'));
      assert.ok(matchesNoProxy(target('https://[fd00::1]'), '[fd00::1]:443'));
      assert.ok(matchesNoProxy(target('http://host.corp:8080'), 'host.corp:8080'));
      assert.ok(!matchesNoProxy(target('http://host.corp'), 'host.corp:8080'));
      assert.ok(!matchesNoProxy(target('https://notexample.com'), 'example.com'));
      assert.ok(!matchesNoProxy(target('https://10.0.0.50'), '10.0.0.5'));
      assert.ok(!matchesNoProxy(target('https://example.com'), ''));
      assert.ok(!matchesNoProxy(target('https://example.com'), undefined));
    });
  });
});
