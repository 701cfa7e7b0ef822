// Bundles the extension (dist/extension.js, loaded by VS Code), the API layer as a standalone CommonJS file
// (dist/api.js) that plain Node tests, benchmarks and scripts can require, and the details panel's page script
// (src/features/details/page -> media/details.js, a browser IIFE; the webview may load files from media/ only).
import * as esbuild from 'esbuild';
import path from 'node:path';

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

// undici (the parts we use, ~0.3 MB; scripts/undici-entry.cjs) is its own file, dist/undici.js, required only on the
// first request (src/api/http.ts calls require('undici') inside a function): activation never parses it.
const undiciAsSiblingFile = {
  name: 'undici-as-sibling-file',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

// undici carries its HTTP parser (llhttp, WebAssembly) twice: built with SIMD, and without for V8s that lack it or when
// UNDICI_NO_WASM_SIMD=1. Every V8 that VS Code and its remote server run on (x64, arm64, armhf) compiles the SIMD build,
// so both names resolve to it: dist/undici.js carries one copy (72 KB less, a sixth of the .vsix), and the variable
// still works.
const llhttpSimdOnly = {
  name: 'llhttp-simd-only',
  setup(build) {
    build.onResolve({ filter: /[\\/]llhttp-wasm\.js$/ }, (args) => ({
      path: path.join(args.resolveDir, path.dirname(args.path), 'llhttp_simd-wasm.js'),
    }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [undiciAsSiblingFile],
  },
  {
    ...common,
    entryPoints: { api: 'src/api/index.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [undiciAsSiblingFile],
  },
  {
    ...common,
    entryPoints: { undici: 'scripts/undici-entry.cjs' },
    outdir: 'dist',
    sourcemap: false,
    minify: true,
    plugins: [llhttpSimdOnly],
  },
  // The New Ticket form's page script: a browser IIFE in media/ (the only folder the webview may load from).
  {
    ...common,
    entryPoints: { newTicket: 'src/features/new-ticket/page/newTicketPage.ts' },
    outdir: 'media',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    sourcemap: false,
  },
  // The details panel's page script (browser IIFE); no .map beside it: media/ is packaged as it is.
  {
    ...common,
    entryPoints: { details: 'src/features/details/page/main.ts' },
    outdir: 'media',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    sourcemap: false,
  },
];

// The "npm: watch" task (.vscode/tasks.json) waits for these lines before F5 launches the Extension Development Host.
const watchLog = {
  name: 'watch-log',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const error of result.errors)
        console.log(`✘ [ERROR] ${error.location?.file ?? 'esbuild'}:${error.location?.line ?? 1}: ${error.text}`);
      console.log('[watch] build finished');
    });
  },
};

if (watch) {
  // The extension bundle and the details page change while developing; the API bundle and undici are written once.
  const page = builds.at(-1);
  await Promise.all(builds.slice(1, -1).map((options) => esbuild.build(options)));
  const ctx = await esbuild.context({ ...builds[0], plugins: [...builds[0].plugins, watchLog] });
  await ctx.watch();
  await (await esbuild.context(page)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log('[build] dist/extension.js, dist/api.js, media/details.js and media/newTicket.js written');
}
