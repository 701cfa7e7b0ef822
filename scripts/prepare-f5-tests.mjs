#!/usr/bin/env node
// Prepares the profile the "Extension Tests" launch configuration (.vscode/launch.json) runs in: an empty workspace
// and user settings that point the extension at the emulator. Starts clean each time, like the scripted runners.
//   node scripts/prepare-f5-tests.mjs http://127.0.0.1:8123
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { QUIET_SETTINGS } from './lib/code-server.mjs';
import { ROOT } from './lib/paths.mjs';

const emulatorUrl = process.argv[2] || 'http://127.0.0.1:8123';
const dir = path.join(ROOT, '.vscode-test', 'f5');
rmSync(dir, { recursive: true, force: true });
mkdirSync(path.join(dir, 'workspace'), { recursive: true });
mkdirSync(path.join(dir, 'user-data', 'User'), { recursive: true });
writeFileSync(
  path.join(dir, 'user-data', 'User', 'settings.json'),
  JSON.stringify({ ...QUIET_SETTINGS, 'aliyunTickets.endpoint': emulatorUrl }, null, 2),
);
console.log(`[f5] test profile in ${path.relative(ROOT, dir)}, endpoint ${emulatorUrl}`);
