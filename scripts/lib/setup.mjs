// Runs scripts/setup-vscode-test-env.sh when code-server or Node 24 is not installed yet (it is a no-op otherwise).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM, CODE_SERVER_ENTRY, NODE24, ROOT } from './paths.mjs';

export function ensureVsCodeTestEnv() {
  if (existsSync(NODE24) && existsSync(CODE_SERVER_ENTRY) && existsSync(CHROMIUM)) return;
  console.log('[harness] code-server, Node 24 or Chromium missing: running npm run setup:vscode');
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-vscode-test-env.sh')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run setup:vscode failed (see above)');
}
