#!/usr/bin/env node
// UI tests: the packaged extension in the real VS Code (code-server), driven in Chromium as a person would.
//   npm run test:ui [-- --grep <regexp>] [--keep] [--update-docs]
// Assumes `npm run build && npm run compile` ran. Packages the .vsix (vsce), installs it into a fresh code-server
// extensions dir, starts the emulator (demo tickets) and code-server with `aliyunTickets.endpoint` pointing at it, then
// runs the Playwright suites in out/test/e2e/*.e2e.js with mocha. A suite named <name>.<locale>.e2e.ts (such as
// screens.zh-cn.e2e.ts) runs in a code-server whose display language is that locale. Screenshots land in test-results/ui/;
// --update-docs cuts the ones the README shows into docs/ (scripts/lib/doc-shots.mjs).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { updateDocShots } from './lib/doc-shots.mjs';
import { codeServerDirs, packageAndInstallExtension, startCodeServer } from './lib/code-server.mjs';
import { emulatorCredentials, startEmulator } from './lib/emulator.mjs';
import { ROOT, TEST_RESULTS, requireFiles } from './lib/paths.mjs';
import { createRun } from './lib/run.mjs';
import { ensureVsCodeTestEnv } from './lib/setup.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;
const keep = args.includes('--keep') || process.env.KEEP_TEST_DIRS === '1';
const updateDocs = args.includes('--update-docs');
const RESULTS = path.join(TEST_RESULTS, 'ui');
const E2E_DIR = path.join(ROOT, 'out', 'test', 'e2e');

/** The display language a suite file asks for in its name: screens.zh-cn.e2e.js → zh-cn. */
const LOCALE_IN_NAME = /\.([a-z]{2}(?:-[a-z]{2,4})?)\.e2e\.js$/i;

/** How many tests of a loaded mocha suite (and its children) `grep` selects. */
function countTests(suite, grep) {
  const own = suite.tests.filter((test) => !grep || grep.test(test.fullTitle())).length;
  return suite.suites.reduce((n, child) => n + countTests(child, grep), own);
}

const run = createRun('ui');
let exitCode = 1;
/** { passed, failed } from mocha's stats once the suites ran. */
let tests;

/** Sample files a person would hover ticket ids in. */
function writeWorkspace(workspace) {
  mkdirSync(workspace, { recursive: true });
  writeFileSync(
    path.join(workspace, 'renewal.ts'),
    [
      '// Renewal retries: keep the back-off until Alibaba Cloud fixes the order state.',
      '// See ticket 0005PYGCW for the support conversation.',
      'export const RENEWAL_RETRY_MS = 30_000;',
      '',
    ].join('\n'),
  );
}

try {
  requireFiles([
    [path.join(ROOT, 'dist', 'extension.js'), 'npm run build'],
    [E2E_DIR, 'npm run compile'],
  ]);
  ensureVsCodeTestEnv();
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'aliyun-tickets-ui-'));
  run.onCleanup(() => {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`[ui] kept ${dir}`);
  });
  const dirs = codeServerDirs(dir);

  // Package exactly what a user installs.
  const t0 = Date.now();
  const vsix = packageAndInstallExtension(dirs);
  console.log(`[ui] packaged and installed ${path.basename(vsix)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const emulator = await startEmulator({ seed: 'demo' });
  run.onCleanup(() => emulator.stop());
  writeWorkspace(dirs.workspace);
  const { DEMO_CREDENTIALS } = emulatorCredentials();

  const mochaModule = require('mocha');
  const Mocha = mochaModule.default ?? mochaModule.Mocha ?? mochaModule;
  const files = readdirSync(E2E_DIR)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort();
  if (!files.length) throw new Error('no UI suites in out/test/e2e (run `npm run compile`)');
  tests = { passed: 0, failed: 0 };
  // Read by the suites as they load (test/e2e/browser.ts), before their code-server exists.
  process.env.TICKETS_E2E_RESULTS = RESULTS;
  // Each suite file gets a code-server of its own over fresh user data (settings, open editors, saved sign-ins, the
  // watcher's lease and announcements) and the demo tickets as seeded: what one suite leaves behind (a panel restored
  // into the next window, a second account, a watcher polling every 30 s) cannot decide whether the next one passes.
  for (const [index, file] of files.entries()) {
    const mocha = new Mocha({
      ui: 'bdd',
      color: false,
      reporter: 'spec',
      timeout: 60_000,
      slow: 5_000,
      ...(grep ? { grep } : {}),
    });
    mocha.addFile(path.join(E2E_DIR, file));
    await mocha.loadFilesAsync();
    // With --grep, a file none of whose tests match gets no code-server at all.
    if (!countTests(mocha.suite, mocha.options.grep)) continue;
    const locale = LOCALE_IN_NAME.exec(file)?.[1];
    const suiteDirs = {
      ...dirs,
      userDataDir: path.join(dir, `data-${index}`),
      config: path.join(dir, `config-${index}.yaml`),
      log: path.join(dir, `code-server-${index}.log`),
    };
    await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST', body: JSON.stringify({ seed: 'demo' }) });
    // No smoke-test driver here: the workbench behaves as it does for a person (toasts included).
    const server = await startCodeServer(suiteDirs, {
      settings: {
        'aliyunTickets.endpoint': emulator.url,
        // The shortest watcher interval, so that the UI test hears support's scripted answer within a minute.
        'aliyunTickets.watcher.intervalSeconds': 30,
        // The default id shape, plus the hostile seed's ids (HST + 7 digits) for the hostile-hover step.
        'aliyunTickets.idPattern':
          '(?<![0-9A-Za-z_])(?:HST[0-9]{7}|(?=[0-9A-Z]*[G-Z])[0-9][0-9A-Z]{8,9})(?![0-9A-Za-z_])',
      },
      smokeTestDriver: false,
      locale,
    });
    run.onCleanup(() => server.stop());
    console.log(`[ui] ${file}: emulator ${emulator.url}, code-server ${server.url}${locale ? ` in ${locale}` : ''}`);
    Object.assign(process.env, {
      TICKETS_E2E_CODE_SERVER_URL: server.url,
      TICKETS_E2E_EMULATOR_URL: emulator.url,
      TICKETS_E2E_WORKSPACE: dirs.workspace,
      TICKETS_E2E_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
      TICKETS_E2E_LOCALE: locale ?? 'en',
    });
    const runner = await new Promise((resolve) => {
      const r = mocha.run(() => resolve(r));
    });
    const failures = runner.stats?.failures ?? 0;
    tests.passed += runner.stats?.passes ?? 0;
    tests.failed += failures;
    if (failures) {
      const log = server.readLog();
      if (log) console.error(`[ui] code-server log (last lines):\n${log.split('\n').slice(-20).join('\n')}`);
      // What the extension itself logged (requests, sign-in, warnings; credentials are never logged) in each host.
      for (const { name, text } of server.readExtensionLogs())
        console.error(`[ui] extension log ${name} (last lines):\n${text.trimEnd().split('\n').slice(-40).join('\n')}`);
    }
    await server.stop();
  }
  exitCode = tests.failed ? 1 : 0;
  console.log(`[ui] screenshots: ${path.relative(ROOT, RESULTS)}/`);

  if (updateDocs && exitCode === 0) {
    await updateDocShots(RESULTS);
  }
} catch (err) {
  console.error(`[ui] FAILED: ${err?.stack ?? err}`);
  exitCode = 1;
} finally {
  await run.finish(exitCode, tests);
}
