// VS Code's network settings applied to our requests, over real TLS on loopback: the emulator behind a TLS terminator
// (a certificate from a test CA made with openssl when the suite starts), reached directly, through a plain CONNECT
// proxy, and through a TLS-inspecting proxy that re-signs the connection with its own CA, as corporate firewalls do.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import type { AddressInfo } from 'net';
import { TicketEmulator, DEMO_CREDENTIALS } from '../../emulator/server';
import { TicketClient } from '../../../src/api/client';
import { describeError } from '../../../src/api/errorWording';
import { loadSystemCertificates, splitPem } from '../../../src/api/network/systemCertificates';
import type { RequestLogEvent, TicketClientOptions } from '../../../src/api/types';
import { acceptConnect, tunnel, type ConnectRecord } from './connectProxy';
import { rejection } from './emulatorClients';

interface Pki {
  siteCa: string;
  siteCert: string;
  siteKey: string;
  proxyCa: string;
  proxyCert: string;
  proxyKey: string;
  dir: string;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** Two CAs (the site's, the inspecting proxy's), each with a certificate for 127.0.0.1. Made fresh per run. */
function makePki(): Pki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-tls-'));
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  for (const name of ['site', 'proxy']) {
    openssl(
      dir,
      'req',
      '-x509',
      ...ec,
      '-keyout',
      `${name}-ca.key`,
      '-out',
      `${name}-ca.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=Test ${name} CA`,
    );
    openssl(dir, 'req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=127.0.0.1');
    openssl(
      dir,
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${name}-ca.pem`,
      '-CAkey',
      `${name}-ca.key`,
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-extfile',
      'san.ext',
    );
  }
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  return {
    siteCa: read('site-ca.pem'),
    siteCert: read('site.pem'),
    siteKey: read('site.key'),
    proxyCa: read('proxy-ca.pem'),
    proxyCert: read('proxy.pem'),
    proxyKey: read('proxy.key'),
    dir,
  };
}

/** Listens on 127.0.0.1, hands every socket to `onSocket`, and destroys them all on close. */
class LoopbackServer {
  readonly sockets = new Set<net.Socket>();
  constructor(readonly server: net.Server) {
    server.on('connection', (socket: net.Socket) => this.track(socket));
  }
  track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }
  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** TLS in front of the emulator: https://127.0.0.1:port with the site certificate. */
async function startTlsTerminator(pki: Pki, upstreamPort: number): Promise<{ url: string; server: LoopbackServer }> {
  const tlsServer = tls.createServer({ key: pki.siteKey, cert: pki.siteCert });
  const server = new LoopbackServer(tlsServer);
  tlsServer.on('secureConnection', (socket) => {
    server.track(socket);
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    server.track(upstream);
    socket.pipe(upstream).pipe(socket);
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
  const port = await server.listen();
  return { url: `https://127.0.0.1:${port}`, server };
}

interface ProxyLog {
  connects: ConnectRecord[];
  /** Request lines read in clear text (only the inspecting proxy can). */
  decrypted: string[];
}

/**
 * A forward proxy on loopback. Plain: CONNECT tunnels bytes to 127.0.0.1 only. Inspecting: answers the CONNECT, then
 * terminates TLS itself with a certificate from its own CA (leaf + CA, as such products send), reads the request, and
 * opens its own TLS connection to the site (trusting the site's CA).
 */
async function startProxy(
  pki: Pki,
  options: { inspect?: boolean; requireAuthorization?: string } = {},
): Promise<{ url: string; log: ProxyLog; server: LoopbackServer }> {
  const httpServer = http.createServer((_req, res) => {
    res.writeHead(501, { 'content-length': '0' });
    res.end();
  });
  const server = new LoopbackServer(httpServer);
  const log: ProxyLog = { connects: [], decrypted: [] };
  const interceptor = tls.createServer({ key: pki.proxyKey, cert: pki.proxyCert + pki.proxyCa });
  httpServer.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const port = acceptConnect(req, socket, log.connects, options.requireAuthorization);
    if (port === undefined) return;
    if (!options.inspect) return tunnel(port, socket, head, (upstream) => server.track(upstream));
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    const clear = new tls.TLSSocket(socket, {
      isServer: true,
      secureContext: tls.createSecureContext({ key: pki.proxyKey, cert: pki.proxyCert + pki.proxyCa }),
      server: interceptor,
    });
    server.track(clear);
    const upstream = tls.connect({ port, host: '127.0.0.1', ca: pki.siteCa });
    server.track(upstream);
    clear.on('data', (chunk: Buffer) => {
      const firstLine = chunk.toString('latin1').split('\r\n')[0];
      if (/^(GET|POST) /.test(firstLine)) log.decrypted.push(firstLine);
      upstream.write(chunk);
    });
    upstream.pipe(clear);
    upstream.on('close', () => clear.destroy());
    clear.on('close', () => upstream.destroy());
  });
  const port = await server.listen();
  return { url: `http://127.0.0.1:${port}`, log, server };
}

const PROXY_ENV = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

describe('api/network: VS Code network settings over real TLS (terminator, CONNECT proxy, TLS-inspecting proxy)', function () {
  this.timeout(20000);
  let pki: Pki;
  let emu: TicketEmulator;
  let site: { url: string; server: LoopbackServer };
  const servers: LoopbackServer[] = [];
  const clients: TicketClient[] = [];
  let savedEnv: Record<string, string | undefined>;

  function client(options: Partial<TicketClientOptions> = {}, events?: RequestLogEvent[]): TicketClient {
    const c = new TicketClient({
      endpoint: site.url,
      credentials: DEMO_CREDENTIALS,
      retryBaseDelayMs: 20,
      onRequest: (event) => events?.push(event),
      ...options,
    });
    clients.push(c);
    return c;
  }

  async function proxy(options: { inspect?: boolean; requireAuthorization?: string } = {}) {
    const p = await startProxy(pki, options);
    servers.push(p.server);
    return p;
  }

  before(async () => {
    savedEnv = Object.fromEntries(PROXY_ENV.map((name) => [name, process.env[name]]));
    for (const name of PROXY_ENV) delete process.env[name];
    pki = makePki();
    emu = await TicketEmulator.start({ seed: 'demo' });
    site = await startTlsTerminator(pki, Number(new URL(emu.url).port));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  after(async () => {
    await site?.server.close();
    await emu?.stop();
    if (pki) fs.rmSync(pki.dir, { recursive: true, force: true });
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('reaches an https endpoint whose CA is among the trusted ones (network.ca)', async () => {
    const ticket = await client({ network: { ca: [pki.siteCa] } }).getTicket('0005PYGCW');
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
  });

  it('an endpoint certificate from an unknown CA is refused once (no retry) with what to do', async () => {
    const events: RequestLogEvent[] = [];
    const err = await rejection(client({ maxAttempts: 3 }, events).getTicket('0005PYGCW'));
    assert.strictEqual(err.code, 'UntrustedCertificate');
    assert.match(err.message, /127\.0\.0\.1:\d+ securely/);
    assert.match(describeError(err), /inspecting TLS.*http\.systemCertificates.*NODE_EXTRA_CA_CERTS/s);
    assert.strictEqual(events.length, 1, 'a refused certificate is not retried');
  });

  it('goes through a plain CONNECT proxy (http.proxy), the tunnel carrying TLS to the site', async () => {
    const p = await proxy();
    const ticket = await client({ proxy: p.url, network: { ca: [pki.siteCa] } }).getTicket('0005PYGCW');
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
    assert.deepStrictEqual(
      p.log.connects.map((c) => c.target),
      [new URL(site.url).host],
    );
  });

  it('a TLS-inspecting proxy whose CA the system does not trust: the message says a proxy inspects TLS and how to trust its CA', async () => {
    const p = await proxy({ inspect: true });
    const err = await rejection(client({ proxy: p.url, network: { ca: [pki.siteCa] } }).getTicket('0005PYGCW'));
    assert.strictEqual(err.code, 'UntrustedCertificate');
    const text = describeError(err);
    assert.match(text, /through the proxy 127\.0\.0\.1:\d+/);
    assert.match(text, /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    assert.match(text, /A proxy or firewall is probably inspecting TLS/);
    assert.match(text, /http\.systemCertificates/);
    assert.match(text, /NODE_EXTRA_CA_CERTS/);
    assert.deepStrictEqual(
      p.log.decrypted,
      [],
      'nothing was sent to the inspecting proxy once its certificate was refused',
    );
  });

  it('a TLS-inspecting proxy whose CA is in the system bundle (http.systemCertificates) works, and really inspected the request', async () => {
    const bundle = path.join(pki.dir, 'system-bundle.crt');
    fs.writeFileSync(bundle, `# a system bundle\n${pki.siteCa}\n${pki.proxyCa}`);
    const { certificates } = loadSystemCertificates({
      getCACertificates: undefined,
      bundlePaths: ['/nonexistent/bundle.crt', bundle],
      env: {},
    });
    const p = await proxy({ inspect: true });
    const ticket = await client({ proxy: p.url, network: { ca: certificates } }).getTicket('0005PYGCW');
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
    assert.strictEqual(p.log.decrypted.length, 1, 'the proxy read the request in clear text');
    assert.match(p.log.decrypted[0], /^POST \//);
  });

  it('http.proxyStrictSSL false accepts the inspecting proxy without its CA', async () => {
    const p = await proxy({ inspect: true });
    const ticket = await client({ proxy: p.url, network: { strictSSL: false } }).getTicket('0005PYGCW');
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
  });

  it('http.noProxy listing the host sends the request directly, not through http.proxy', async () => {
    const p = await proxy();
    const ticket = await client({
      proxy: p.url,
      network: { ca: [pki.siteCa], noProxy: ['example.com', '127.0.0.1'] },
    }).getTicket('0005PYGCW');
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
    assert.deepStrictEqual(p.log.connects, []);
    // An entry for another host changes nothing.
    await client({ proxy: p.url, network: { ca: [pki.siteCa], noProxy: ['example.com'] } }).getTicket('0005PYGCW');
    assert.strictEqual(p.log.connects.length, 1);
  });

  it("http.proxyAuthorization is the Proxy-Authorization sent (over the URL's user:password), and a refused one never shows", async () => {
    const good = 'Negotiate c2VjcmV0LXRpY2tldA==';
    const p = await proxy({ requireAuthorization: good });
    const ticket = await client({
      proxy: p.url.replace('http://', 'http://user:urlpass@'),
      network: { ca: [pki.siteCa], proxyAuthorization: good },
    }).getTicket('0005PYGCW');
    assert.strictEqual(ticket.ticketId, '0005PYGCW');
    assert.deepStrictEqual(
      p.log.connects.map((c) => c.authorization),
      [good],
    );

    const bad = 'Basic d3Jvbmc6c2VjcmV0LXZhbHVl';
    const events: RequestLogEvent[] = [];
    const err = await rejection(
      client({ proxy: p.url, network: { ca: [pki.siteCa], proxyAuthorization: bad } }, events).getTicket('0005PYGCW'),
    );
    assert.strictEqual(err.code, 'ProxyAuthenticationRequired');
    const visible = [
      err.message,
      describeError(err),
      JSON.stringify(err),
      String(err.stack),
      JSON.stringify(events),
    ].join('\n');
    for (const secret of [bad, 'd3Jvbmc6c2VjcmV0LXZhbHVl'])
      assert.ok(!visible.includes(secret), `${secret} leaked: ${visible}`);
  });
});

describe('api/network loadSystemCertificates', () => {
  const a = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
  const b = '-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\n';
  const c = '-----BEGIN CERTIFICATE-----\nCCCC\n-----END CERTIFICATE-----\n';
  const files: Record<string, string> = { '/etc/bundle.crt': `# comment\n${b}\r\n${a}`, '/extra.pem': `${c}${b}` };
  const readFile = (file: string) => {
    if (!(file in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return files[file];
  };

  it("keeps Node's roots first, adds the first system bundle found and NODE_EXTRA_CA_CERTS, without duplicates", () => {
    const { certificates, sources } = loadSystemCertificates({
      rootCertificates: [a],
      getCACertificates: undefined,
      bundlePaths: ['/missing.crt', '/etc/bundle.crt'],
      env: { NODE_EXTRA_CA_CERTS: '/extra.pem' },
      readFile,
    });
    assert.deepStrictEqual(certificates, [a, b, c]);
    assert.deepStrictEqual(sources, ['Node roots (1)', '/etc/bundle.crt (1)', 'NODE_EXTRA_CA_CERTS (1)']);
  });

  it("uses the runtime's system store when it has one (tls.getCACertificates) instead of reading files", () => {
    const { certificates } = loadSystemCertificates({
      rootCertificates: [a],
      getCACertificates: () => [c],
      bundlePaths: ['/etc/bundle.crt'],
      env: {},
      readFile,
    });
    assert.deepStrictEqual(certificates, [a, c]);
  });

  it("with no bundle and no readable NODE_EXTRA_CA_CERTS, Node's roots remain (never an empty trust list)", () => {
    const { certificates } = loadSystemCertificates({
      rootCertificates: [a, b],
      getCACertificates: undefined,
      bundlePaths: ['/missing'],
      env: { NODE_EXTRA_CA_CERTS: '/missing.pem' },
      readFile,
    });
    assert.deepStrictEqual(certificates, [a, b]);
  });

  it("by default includes every one of Node's bundled roots", () => {
    const { certificates } = loadSystemCertificates({ env: {} });
    assert.ok(tls.rootCertificates.every((root) => certificates.some((pem) => pem.trim() === root.trim())));
    assert.ok(splitPem(certificates.join('\n')).length === certificates.length);
  });
});
