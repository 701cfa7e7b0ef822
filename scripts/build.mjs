// Bundles the extension (dist/extension.js, loaded by VS Code) and the API layer as a standalone
// CommonJS file (dist/api.js) that plain Node tests, benchmarks and scripts can require.
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

// undici (the parts we use, ~0.3 MB; scripts/undici-entry.cjs) is its own file, dist/undici.js, required only on the
// first request (src/api/http.ts calls require('undici') inside a function): activation never parses it.
const undiciAsSiblingFile = {
  name: 'undici-as-sibling-file',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'], plugins: [undiciAsSiblingFile] },
  { ...common, entryPoints: { api: 'src/api/index.ts' }, outdir: 'dist', external: ['vscode'], plugins: [undiciAsSiblingFile] },
  { ...common, entryPoints: { undici: 'scripts/undici-entry.cjs' }, outdir: 'dist', sourcemap: false, minify: true },
  // The New Ticket form's page script: a browser IIFE in media/ (the only folder the webview may load from).
  { ...common, entryPoints: { newTicket: 'src/features/new-ticket/page/newTicketPage.ts' }, outdir: 'media', platform: 'browser', format: 'iife', target: 'es2020', sourcemap: false },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[build] watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log('[build] dist/extension.js, dist/api.js and media/newTicket.js written');
}
