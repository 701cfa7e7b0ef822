// How a benchmark reaches our TypeScript (src/ and test/emulator/): esbuild bundles the modules it names into one
// CommonJS file under .cache/bench, which Node then requires. One loader for run.mjs, search.mjs, watcher.mjs and
// soak.mjs, so that every benchmark builds what it measures the same way.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = path.join(root, '.cache', 'bench');
const require = createRequire(path.join(root, 'package.json'));

/** As in the extension: undici is dist/undici.js (npm run build writes it), loaded on the first request. */
const undiciFromDist = {
  name: 'undici-from-dist',
  setup: (b) =>
    b.onResolve({ filter: /^undici$/ }, () => ({ path: path.join(root, 'dist', 'undici.js'), external: true })),
};

/** The file .cache/bench/<name>.cjs that bundleModules(name, …) writes. */
export function benchBundlePath(name) {
  return path.join(cacheDir, `${name}.cjs`);
}

/**
 * Bundles `contents` (export statements with paths relative to the repository root, e.g.
 * `export { TicketClient } from './src/api/client';`) into .cache/bench/<name>.cjs and returns that path.
 * `undici: 'dist'` leaves undici out and loads the built dist/undici.js, as the extension does; by default it is bundled
 * in, so the benchmark runs without a build.
 */
export async function bundleModules(name, contents, { undici = 'bundled' } = {}) {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = benchBundlePath(name);
  await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outfile,
    logLevel: 'warning',
    plugins: undici === 'dist' ? [undiciFromDist] : [],
  });
  return outfile;
}

/** bundleModules, then the bundle's exports. */
export async function loadModules(name, contents, options) {
  return require(await bundleModules(name, contents, options));
}
