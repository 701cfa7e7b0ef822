// Bundles the extension (dist/extension.js, loaded by VS Code), the API layer as a standalone CommonJS file
// (dist/api.js) that plain Node tests, benchmarks and scripts can require, and the details panel's page script
// (src/features/details/page -> media/details.js, a browser IIFE; the webview may load files from media/ only).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// undici (~0.5 MB) is its own file, dist/undici.js, required only on the first request (src/api/http.ts
// calls require('undici') inside a function): activation never parses it.
const undiciAsSiblingFile = {
  name: 'undici-as-sibling-file',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'], plugins: [undiciAsSiblingFile] },
  { ...common, entryPoints: { api: 'src/api/index.ts' }, outdir: 'dist', external: ['vscode'], plugins: [undiciAsSiblingFile] },
  { ...common, entryPoints: { undici: 'node_modules/undici/index.js' }, outdir: 'dist', sourcemap: false, minify: true },
  {
    ...common,
    entryPoints: { details: 'src/features/details/page/main.ts' },
    outdir: 'media',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    // No .map beside it: media/ is packaged as it is.
    sourcemap: false,
  },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[build] watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log('[build] dist/extension.js, dist/api.js and media/details.js written');
}
