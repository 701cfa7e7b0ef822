#!/usr/bin/env node
// The extension-host integration suites (out/test/integration) on desktop VS Code, through @vscode/test-electron.
//   npm run test:electron [-- --grep <regexp>] [--vscode-version 1.99.0]
// For machines that can download VS Code (it is cached in .vscode-test/). Our build machines cannot: there, use
// `npm run test:integration`, which runs the same suites in code-server. Assumes `npm run build && npm run compile`.
// Linux without a display needs a virtual one: `xvfb-run -a npm run test:electron`.
// The suites that act through the browser page (typing into input boxes, reading notifications) need the probe that
// only the code-server runner provides; they skip themselves here and say so. The tests module prints the closing
// "N passed, N failed" line and fails the run when no test passed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QUIET_SETTINGS } from './lib/code-server.mjs';
import { startEmulator } from './lib/emulator.mjs';
import { ROOT, requireFiles } from './lib/paths.mjs';

const args = process.argv.slice(2);
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;
const version = args.includes('--vscode-version')
  ? args[args.indexOf('--vscode-version') + 1]
  : process.env.VSCODE_VERSION || 'stable';

let exitCode = 1;
let emulator;
const dir = mkdtempSync(path.join(os.tmpdir(), 'aliyun-tickets-electron-'));

try {
  requireFiles([
    [path.join(ROOT, 'dist', 'extension.js'), 'npm run build'],
    [path.join(ROOT, 'out', 'test', 'integration', 'index.js'), 'npm run compile'],
  ]);
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');

  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(ROOT, '.vscode-test') });
  } catch (err) {
    console.error(
      `[electron] Could not download VS Code ${version}: ${err?.message ?? err}\n` +
        '[electron] This runner needs to download desktop VS Code (update.code.visualstudio.com). Without internet access,\n' +
        '[electron] run the same suites in code-server instead: npm run test:integration',
    );
    rmSync(dir, { recursive: true, force: true });
    process.exit(2);
  }

  emulator = await startEmulator({ seed: 'demo' });
  const userDataDir = path.join(dir, 'user-data');
  const workspace = path.join(dir, 'workspace');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, 'aliyunTickets.endpoint': emulator.url }, null, 2),
  );

  console.log(`[electron] VS Code ${version}, emulator ${emulator.url}`);
  exitCode = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
    // A fresh profile (runTests adds --skip-welcome, --skip-release-notes, --disable-workspace-trust itself); no other
    // extension loads, the one under development still does.
    launchArgs: [
      workspace,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      path.join(dir, 'extensions'),
      '--disable-extensions',
    ],
    extensionTestsEnv: {
      TICKETS_TEST_EMULATOR_URL: emulator.url,
      TICKETS_TEST_USER_DATA_DIR: userDataDir,
      TICKETS_TEST_WORKSPACE: workspace,
      TICKETS_TEST_RUN_DIR: dir,
      ...(grep ? { TICKETS_TEST_GREP: grep } : {}),
    },
  }).then(
    () => 0,
    (err) => {
      console.error(`[electron] FAILED: ${err?.message ?? err}`);
      return 1;
    },
  );
} catch (err) {
  console.error(`[electron] FAILED: ${err?.stack ?? err}`);
  exitCode = 1;
} finally {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(exitCode);
}
