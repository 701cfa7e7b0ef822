#!/usr/bin/env node
// npm start: the extension in a real VS Code (code-server) in your browser, against the local emulator's demo
// tickets. No Alibaba Cloud account needed.
//   npm start [-- --port 8080] [--host 0.0.0.0] [--seed demo|empty|hostile]
// Builds the extension, installs code-server when missing (npm run setup:vscode), starts the emulator, packages and
// installs the extension into a fresh code-server pointed at the emulator, and prints the URL to open and the two demo
// accounts' keys, last. Each step prints one line; what the tools print goes to .cache/npm-start.log. Ctrl-C stops
// everything it started.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeServerDirs, packageAndInstallExtension, startCodeServer } from './lib/code-server.mjs';
import { emulatorCredentials, startEmulator } from './lib/emulator.mjs';
import { ROOT } from './lib/paths.mjs';
import { missingTestEnvParts } from './lib/setup.mjs';
import { QuietSteps } from './lib/quietSteps.mjs';
import { startBanner } from './lib/startBanner.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const host = option('--host', '127.0.0.1');
const port = Number(option('--port', process.env.PORT ?? 0));
const seed = option('--seed', 'demo');

const cleanups = [];
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping…');
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (err) {
      console.error('[start]', err?.message ?? err);
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const steps = new QuietSteps(path.join(ROOT, '.cache', 'npm-start.log'));

try {
  steps.run('building the extension (npm run build)', 'npm', ['run', '--silent', 'build'], { cwd: ROOT });
  // tsc still writes its output when some file has type errors; the emulator only needs that output.
  steps.run('compiling the emulator (npm run compile)', 'npm', ['run', '--silent', 'compile'], {
    cwd: ROOT,
    allowFailureIf: () => existsSync(path.join(ROOT, 'out', 'test', 'emulator', 'server.js')),
  });
  const missing = missingTestEnvParts();
  if (missing.length) {
    steps.run(`installing ${missing.join(', ')} (once, a few minutes)`, 'bash', [
      path.join(ROOT, 'scripts', 'setup-vscode-test-env.sh'),
    ]);
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'aliyun-tickets-start-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const dirs = codeServerDirs(dir);

  console.log('[start] packaging the extension (vsce package) and installing it into code-server…');
  packageAndInstallExtension(dirs);

  const emulator = await startEmulator({ seed });
  cleanups.push(() => emulator.stop());

  mkdirSync(dirs.workspace, { recursive: true });
  writeFileSync(
    path.join(dirs.workspace, 'try-me.md'),
    [
      '# Try the Alibaba Cloud Tickets extension',
      '',
      '1. Sign in: Command Palette (F1) → "Alibaba Cloud Tickets: Sign In", with the demo AccessKey printed in the terminal.',
      '2. Hover the ids below, or Ctrl+click them: see ticket 0005PYGCW, and 工单 001571BTXC.',
      '3. Open the Tickets view in the activity bar, or F1 → "Alibaba Cloud Tickets: Open Ticket".',
      '',
    ].join('\n'),
  );

  const server = await startCodeServer(dirs, {
    settings: { 'aliyunTickets.endpoint': emulator.url, 'workbench.startupEditor': 'none' },
    smokeTestDriver: false,
    isolateHome: false,
    host,
    port,
  });
  cleanups.push(() => server.stop());

  const url = `${server.url}/?folder=${encodeURIComponent(dirs.workspace)}`;
  console.log(startBanner({ url, seed, emulatorUrl: emulator.url, ...emulatorCredentials() }));
  // Until Ctrl-C; a code-server that dies on its own ends the run too, instead of leaving a dead URL up.
  const how = await server.exited;
  if (!stopping) {
    console.error(
      `[start] code-server exited (${how}); its log:\n${server.readLog().split('\n').slice(-20).join('\n')}`,
    );
    await stop(1);
  }
} catch (err) {
  console.error(`[start] ${err?.message ?? err}`);
  await stop(1);
}
