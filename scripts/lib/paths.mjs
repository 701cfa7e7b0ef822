// Where things live: the repository, the cached Node 24 + code-server (scripts/setup-vscode-test-env.sh), outputs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = process.env.VSCODE_TEST_ENV_DIR || path.join(ROOT, '.cache', 'vscode-test-env');
const NODE24_VERSION = '24.21.0'; // must match scripts/setup-vscode-test-env.sh, which installs it
export const NODE24 = path.join(CACHE, `node-${NODE24_VERSION}`, 'bin', 'node');
export const CODE_SERVER_ENTRY = path.join(
  CACHE,
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const TEST_RESULTS = path.join(ROOT, 'test-results');

export function readPackageJson() {
  return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

/** Throws a sentence telling the reader which command to run when a prerequisite is missing. */
export function requireFiles(files) {
  for (const [file, fix] of files) {
    if (!existsSync(file)) throw new Error(`${path.relative(ROOT, file) || file} is missing: run \`${fix}\` first`);
  }
}
