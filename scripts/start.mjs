#!/usr/bin/env node
// npm start: the extension in a real VS Code (code-server) in your browser, against the local emulator's demo
// tickets. No Alibaba Cloud account needed.
//   npm start [-- --port 8080] [--host 0.0.0.0] [--seed demo|empty|hostile]
// Builds the extension, installs code-server when missing (npm run setup:vscode), starts the emulator, packages and
// installs the extension into a fresh code-server pointed at the emulator, and prints the URL to open and the demo
// AccessKey to sign in with. Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeServerDirs, packageAndInstallExtension, startCodeServer } from './lib/code-server.mjs';
import { emulatorCredentials, startEmulator } from './lib/emulator.mjs';
import { ROOT } from './lib/paths.mjs';
import { ensureVsCodeTestEnv } from './lib/setup.mjs';

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

function run(step, command, commandArgs, { allowFailureIf } = {}) {
  console.log(`[start] ${step}`);
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 && !(allowFailureIf && allowFailureIf())) throw new Error(`${step} failed`);
  if (result.status !== 0) console.warn(`[start] ${step} reported errors; continuing with what it produced`);
}

try {
  run('building the extension (npm run build)', 'npm', ['run', '--silent', 'build']);
  // tsc still writes its output when some file has type errors; the emulator only needs that output.
  run('compiling the emulator (npm run compile)', 'npm', ['run', '--silent', 'compile'], {
    allowFailureIf: () => existsSync(path.join(ROOT, 'out', 'test', 'emulator', 'server.js')),
  });
  ensureVsCodeTestEnv();

  const dir = mkdtempSync(path.join(os.tmpdir(), 'aliyun-tickets-start-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const dirs = codeServerDirs(dir);

  console.log('[start] packaging the extension (vsce package) and installing it into code-server');
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

  const { DEMO_CREDENTIALS } = emulatorCredentials();
  const url = `${server.url}/?folder=${encodeURIComponent(dirs.workspace)}`;
  console.log(`
  Alibaba Cloud Tickets is running in VS Code (code-server), against the local emulator (${seed} tickets).

    Open:                 ${url}
    Sign in with (F1 → "Alibaba Cloud Tickets: Sign In"):
      AccessKey ID:       ${DEMO_CREDENTIALS.accessKeyId}
      AccessKey Secret:   ${DEMO_CREDENTIALS.accessKeySecret}
    (demo keys: they work only against this emulator, ${emulator.url})

  Ctrl-C stops code-server and the emulator.
`);
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
