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
});
