// dist/api.js is what scripts, benchmarks and tests outside VS Code require: it must load in plain Node without
// pulling in undici, and load undici (dist/undici.js) on the first request.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const apiBundle = path.join(root, 'dist', 'api.js');
const emulatorModule = path.join(root, 'out', 'test', 'emulator', 'server.js');

describe('api/dist bundle (dist/api.js)', function () {
  this.timeout(20000);
  before(function () {
    if (!existsSync(apiBundle)) {
      console.warn('    dist/api.js is missing: run "npm run build" (npm test does) to check the bundle');
      this.skip();
    }
  });

  it('loads in plain Node without loading undici, then fetches a ticket from the emulator with it', () => {
    const script = `
      const api = require(${JSON.stringify(apiBundle)});
      const undiciFiles = () => Object.keys(require.cache).filter((f) => /undici/.test(f));
      const atLoad = { loaded: api.isUndiciLoaded(), files: undiciFiles().length };
      const { TicketEmulator, DEMO_CREDENTIALS } = require(${JSON.stringify(emulatorModule)});
      (async () => {
        const emu = await TicketEmulator.start();
        const client = new api.TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS });
        const ticket = await client.getTicket('0005PYGCW');
        const after = { loaded: api.isUndiciLoaded(), files: undiciFiles() };
        await client.close();
        await emu.stop();
        const methods = Object.getOwnPropertyNames(api.TicketClient.prototype);
        process.stdout.write(JSON.stringify({ atLoad, after, ticketId: ticket.ticketId, exports: Object.keys(api), methods }));
      })().catch((e) => { console.error(String(e)); process.exit(1); });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
    assert.deepStrictEqual(out.atLoad, { loaded: false, files: 0 }, 'undici is not loaded by requiring dist/api.js');
    assert.strictEqual(out.after.loaded, true);
    assert.ok(
      out.after.files.some((f: string) => f.endsWith(path.join('dist', 'undici.js'))),
      'the first request loads dist/undici.js',
    );
    assert.strictEqual(out.ticketId, '0005PYGCW');
    for (const name of [
      'TicketClient',
      'TicketApiError',
      'describeError',
      'validateEndpoint',
      'redactSecrets',
      'signV3',
      'signV1',
      'percentEncode',
      'findCredentials',
    ]) {
      assert.ok(out.exports.includes(name), `dist/api.js exports ${name}`);
    }
    // The names outside checks call (issue "Answer support from the ticket panel").
    for (const name of [
      'replyTicket',
      'closeTicket',
      'reopenTicket',
      'evaluateTicket',
      'createTicket',
      'listProducts',
      'listCategories',
      'uploadAttachment',
    ]) {
      assert.ok(out.methods.includes(name), `TicketClient.${name} is in dist/api.js`);
    }
  });
  // dist/undici.js carries only undici's SIMD build of its HTTP parser (scripts/build.mjs): asking undici for the build
  // without SIMD must still parse answers, not fail every request.
  it('still fetches a ticket when UNDICI_NO_WASM_SIMD=1 asks undici for its parser without SIMD', () => {
    const script = `
      const api = require(${JSON.stringify(apiBundle)});
      const { TicketEmulator, DEMO_CREDENTIALS } = require(${JSON.stringify(emulatorModule)});
      (async () => {
        const emu = await TicketEmulator.start();
        const client = new api.TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS });
        try {
          process.stdout.write((await client.getTicket('0005PYGCW')).ticketId);
        } finally {
          await client.close();
          await emu.stop();
        }
      })().catch((e) => { console.error(api.describeError(e)); process.exit(1); });`;
    const env = { ...process.env, UNDICI_NO_WASM_SIMD: '1' };
    assert.strictEqual(
      execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env }),
      '0005PYGCW',
    );
  });
  // dist/undici.js leaves out the parts of undici src/api never reaches (scripts/build.mjs: FormData bodies, HTTP/2,
  // SOCKS): what it does reach must all be there. A request through a CONNECT proxy, an attachment's upload and a
  // refused SOCKS proxy, all through the bundles.
  it('the bundled undici carries proxies, uploads and what src/api needs, and a SOCKS proxy still gets our sentence', () => {
    const script = `
      const http = require('http');
      const net = require('net');
      const api = require(${JSON.stringify(apiBundle)});
      const { TicketEmulator, DEMO_CREDENTIALS } = require(${JSON.stringify(emulatorModule)});
      (async () => {
        const emu = await TicketEmulator.start();
        const connects = [];
        const proxy = http.createServer((req, res) => { res.writeHead(501); res.end(); });
        proxy.on('connect', (req, socket, head) => {
          connects.push(req.url);
          const [host, port] = req.url.split(':');
          const upstream = net.connect(Number(port), host, () => {
            socket.write('HTTP/1.1 200 Connection Established\\r\\n\\r\\n');
            upstream.write(head);
            upstream.pipe(socket);
            socket.pipe(upstream);
          });
          upstream.on('error', () => socket.destroy());
          socket.on('error', () => upstream.destroy());
        });
        await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
        const viaProxy = new api.TicketClient({
          endpoint: emu.url,
          credentials: DEMO_CREDENTIALS,
          proxy: 'http://127.0.0.1:' + proxy.address().port,
        });
        const direct = new api.TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS });
        const socks = new api.TicketClient({ endpoint: emu.url, credentials: DEMO_CREDENTIALS, proxy: 'socks5://127.0.0.1:1080' });
        try {
          const ticket = await viaProxy.getTicket('0005PYGCW');
          const bytes = Buffer.alloc(64 * 1024, 7);
          const key = await direct.uploadAttachment('build.log', bytes);
          const uploaded = Buffer.compare(emu.uploadedBytes(key), bytes) === 0;
          const socksError = await socks.getTicket('0005PYGCW').then(() => 'no error', (e) => api.describeError(e));
          process.stdout.write(JSON.stringify({ ticketId: ticket.ticketId, connects: connects.length, uploaded, socksError }));
        } finally {
          await Promise.all([viaProxy.close(), direct.close(), socks.close()]);
          proxy.close();
          await emu.stop();
        }
      })().catch((e) => { console.error(api.describeError(e)); process.exit(1); });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
    assert.strictEqual(out.ticketId, '0005PYGCW');
    assert.ok(out.connects >= 1, 'the request went through the proxy');
    assert.strictEqual(out.uploaded, true, 'the attachment arrived byte for byte');
    assert.match(out.socksError, /SOCKS proxy/);
    assert.doesNotMatch(out.socksError, /does not bundle/);
  });
});
