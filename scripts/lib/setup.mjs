// Runs scripts/setup-vscode-test-env.sh when code-server, Node 24 or Chromium is not installed yet (it is a no-op
// otherwise), after saying which of them is missing and where it was looked for.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM, CODE_SERVER_ENTRY, NODE24, ROOT } from './paths.mjs';

/** What the real-VS-Code runs need and is not there, as "name (where it was looked for)". */
export function missingTestEnvParts(exists = existsSync) {
  return [
    ['Node 24', NODE24],
    ['code-server', CODE_SERVER_ENTRY],
    ['Chromium', CHROMIUM],
  ]
    .filter(([, file]) => !exists(file))
    .map(([name, file]) => `${name} (${file})`);
}

export function ensureVsCodeTestEnv() {
  const missing = missingTestEnvParts();
  if (!missing.length) return;
  console.log(`[harness] missing: ${missing.join(', ')}; running npm run setup:vscode`);
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-vscode-test-env.sh')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run setup:vscode failed (see above)');
}
