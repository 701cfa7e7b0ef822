// The extension ships as bundles loaded in steps (scripts/build.mjs): dist/extension.js at activation (declarations
// over stand-ins), dist/window.js on the first use of one of them or a moment later, dist/client.js on the first
// request, dist/features.js on first use of a panel, a form, the watcher, a tool or the sign-in flow, and
// dist/testSurface.js in the extension-host tests only. Each source module must be in one bundle only: a second copy of TicketApiError would make
// `instanceof` fail across bundles (errors shown as "unexpected"), a second l10n or log module would lose the
// language and the redaction set at activation.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { Commands, WebviewTypes } from '../../../src/common/commands';
import { TOOL_NAMES } from '../../../src/features/agent-tools/toolNames';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const dist = path.join(root, 'dist');
const BUNDLES = ['extension', 'window', 'client', 'features', 'testSurface'];

interface BundleList {
  bundles: Array<{ name: string; source: string }>;
  modules: Record<string, string[]>;
}

describe('extension bundles (dist/extension.js, window.js, client.js, features.js)', function () {
  this.timeout(30000);
  let list: BundleList;

  before(function () {
    if (!existsSync(path.join(dist, 'bundles.json'))) {
      console.warn('    dist/bundles.json is missing: run "npm run build" (npm test does) to check the bundles');
      this.skip();
    }
    list = JSON.parse(readFileSync(path.join(dist, 'bundles.json'), 'utf8')) as BundleList;
  });

  it('holds every source module in exactly one bundle, the shared state in the first bundle that needs it', () => {
    assert.deepStrictEqual(
      list.bundles.map((b) => b.name),
      BUNDLES,
    );
    const seen = new Map<string, string>();
    for (const [bundle, modules] of Object.entries(list.modules)) {
      for (const file of modules) {
        assert.ok(!seen.has(file), `${file} is in both dist/${seen.get(file)}.js and dist/${bundle}.js`);
        seen.set(file, bundle);
      }
    }
    for (const shared of ['src/common/l10n.ts', 'src/common/treeViews.ts']) {
      assert.strictEqual(seen.get(shared), 'extension', `${shared} is in dist/extension.js`);
    }
    for (const shared of [
      'src/api/errors.ts',
      'src/common/emitter.ts',
      'src/log/log.ts',
      'src/tickets/ticketService.ts',
    ]) {
      assert.strictEqual(seen.get(shared), 'window', `${shared} is in dist/window.js`);
    }
    assert.strictEqual(seen.get('src/api/http.ts'), 'client', 'the HTTP code waits for the first request');
    assert.strictEqual(seen.get('src/features/details/render.ts'), 'features', 'the panel rendering waits for a panel');
  });

  it('ships every bundle the extension loads outside the tests in the .vsix (.vscodeignore)', () => {
    const shipped = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!dist/'))
      .map((line) => line.slice(1));
    for (const name of BUNDLES.filter((b) => b !== 'testSurface'))
      assert.ok(shipped.includes(`dist/${name}.js`), `.vscodeignore leaves dist/${name}.js out of the .vsix`);
  });

  it('parses at activation only the declarations: no service, request, account or feature code', () => {
    // What activation may hold: the command, view and tool names, l10n, the stand-ins and the lazy seam. A service or a
    // feature's code here is parsed on every start of VS Code (issue 24: activation under 10 ms with a busy core).
    const allowed = [
      /^src\/extension\.ts$/,
      /^src\/lazy\/(declarations|load)\.ts$/,
      /^src\/common\/(commands|l10n|treeViews)\.ts$/,
      /^src\/api\/messageText\.ts$/,
      /^src\/features\/agent-tools\/(deferredTools|toolNames)\.ts$/,
    ];
    const extra = list.modules.extension.filter((file) => !allowed.some((pattern) => pattern.test(file)));
    assert.deepStrictEqual(extra, [], 'activation parses more than the declarations');
  });

  it('has the TicketApiError class body in dist/window.js only', () => {
    // The class sets its name to this literal; no other module spells it.
    const marker = /["']TicketApiError["']/;
    const text = (name: string) => readFileSync(path.join(dist, `${name}.js`), 'utf8');
    assert.match(text('window'), marker);
    for (const other of BUNDLES.filter((name) => name !== 'window'))
      assert.doesNotMatch(text(other), marker, `dist/${other}.js has its own copy of TicketApiError`);
  });

  it('activates with dist/extension.js alone, then a sign-in loads the others and its error is the one TicketApiError', () => {
    const emulatorModule = path.join(root, 'out', 'test', 'emulator', 'server.js');
    const script = `
      const path = require('path');
      const { install, context, registered } = require(${JSON.stringify(path.join(root, 'bench', 'vscode-standin.cjs'))});
      const vscode = install({ 'aliyunTickets.watcher.enabled': false });
      const serializers = [];
      const tools = [];
      vscode.window.registerWebviewPanelSerializer = (type) => (serializers.push(type), { dispose() {} });
      vscode.lm.registerTool = (name) => (tools.push(name), { dispose() {} });
      const dist = ${JSON.stringify(dist)};
      const ours = () => Object.keys(require.cache).filter((f) => f.startsWith(dist)).map((f) => path.basename(f)).sort();
      const extension = require(path.join(dist, 'extension.js'));
      const api = extension.activate(context(${JSON.stringify(root)}, 3));
      const atActivation = ours();
      const registrations = { serializers: [...serializers].sort(), tools: [...tools].sort(), commands: [...registered.commands.keys()] };
      const { TicketEmulator, DEMO_CREDENTIALS } = require(${JSON.stringify(emulatorModule)});
      (async () => {
        const emu = await TicketEmulator.start({ seed: 'demo' });
        let refused;
        try {
          await api.auth.signInWith({ accessKeyId: DEMO_CREDENTIALS.accessKeyId, accessKeySecret: 'not-the-secret' }, emu.url);
        } catch (error) {
          const shared = require(path.join(dist, 'window.js')).__shared?.['src/api/errors.ts'];
          refused = {
            sameClass: !!shared && error instanceof shared.TicketApiError,
            kind: error.kind,
          };
        }
        const afterSignIn = ours();
        await api.auth.signInWith(DEMO_CREDENTIALS, emu.url);
        const signedIn = await api.auth.isSignedIn();
        await emu.stop();
        process.stdout.write(JSON.stringify({ atActivation, registrations, refused, afterSignIn, signedIn }));
        process.exit(0);
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as {
      atActivation: string[];
      registrations: { serializers: string[]; tools: string[]; commands: string[] };
      refused?: { sameClass: boolean; kind: string };
      afterSignIn: string[];
      signedIn: boolean;
    };
    assert.deepStrictEqual(out.atActivation, ['extension.js'], 'activation loads dist/extension.js only');
    // ...and still registers everything VS Code needs then: both panels restore after a reload, the tools and every
    // contributed command are there (their code loads when called).
    assert.deepStrictEqual(out.registrations.serializers, Object.values(WebviewTypes).sort());
    assert.deepStrictEqual(out.registrations.tools, Object.values(TOOL_NAMES).sort());
    for (const command of Object.values(Commands)) {
      assert.ok(out.registrations.commands.includes(command), `${command} is registered at activation`);
    }
    assert.ok(out.refused, 'a wrong secret is refused');
    assert.strictEqual(out.refused.kind, 'signature', 'the server said the signature does not match');
    assert.ok(out.refused.sameClass, 'the error thrown in dist/client.js is an instance of the one TicketApiError');
    assert.deepStrictEqual(out.afterSignIn, [
      'client.js',
      'extension.js',
      'features.js',
      'testSurface.js',
      'undici.js',
      'window.js',
    ]);
    assert.ok(out.signedIn, 'the right secret signs in');
  });

  it("loads the panels' code while Open Ticket's box is open, so that Enter does not wait for it", () => {
    const script = `
      const path = require('path');
      const { install, context } = require(${JSON.stringify(path.join(root, 'bench', 'vscode-standin.cjs'))});
      const vscode = install({ 'aliyunTickets.watcher.enabled': false });
      const hidden = new vscode.EventEmitter();
      const shown = [];
      vscode.window.createQuickPick = () => ({
        items: [], selectedItems: [], activeItems: [], value: '',
        onDidChangeValue: () => ({ dispose() {} }),
        onDidAccept: () => ({ dispose() {} }),
        onDidHide: hidden.event,
        show: () => shown.push(true),
        hide: () => hidden.fire(),
        dispose() {},
      });
      const dist = ${JSON.stringify(dist)};
      const ours = () => Object.keys(require.cache).filter((f) => f.startsWith(dist)).map((f) => path.basename(f)).sort();
      require(path.join(dist, 'extension.js')).activate(context(${JSON.stringify(root)}, 1));
      const atActivation = ours();
      const done = vscode.commands.executeCommand(${JSON.stringify(Commands.openTicket)});
      setTimeout(async () => {
        const whileOpen = ours();
        hidden.fire();
        await done;
        process.stdout.write(JSON.stringify({ atActivation, shown: shown.length, whileOpen }));
        process.exit(0);
      }, 50);`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as {
      atActivation: string[];
      shown: number;
      whileOpen: string[];
    };
    assert.deepStrictEqual(out.atActivation, ['extension.js']);
    assert.strictEqual(out.shown, 1, 'the Open Ticket box is on screen');
    assert.ok(out.whileOpen.includes('features.js'), `loaded while the box is open: ${out.whileOpen.join(', ')}`);
  });
});
