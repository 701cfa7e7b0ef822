// Bundles the extension into files VS Code loads in steps (see "Extension bundles" below): dist/extension.js at
// activation, dist/client.js on the first request, dist/features.js on first use of a panel, a form, the watcher, the
// agent tools or sign-in. Also the API layer as a standalone CommonJS file (dist/api.js) that plain Node tests,
// benchmarks and scripts can require, and the webview page scripts (media/details.js, media/newTicket.js: browser
// IIFEs; a webview may load files from media/ only).
import * as esbuild from 'esbuild';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --one-bundle <dir>: only <dir>/extension.js, the whole extension as one file (what the bench compares the bundles
// against: does loading in steps still pay at activation?).
const oneBundleDir = process.argv.includes('--one-bundle')
  ? process.argv[process.argv.indexOf('--one-bundle') + 1]
  : '';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
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

// Parts of undici that src/api never reaches, each replaced by a module that says so if it ever is: FormData bodies
// (web/fetch, ~45 KB: we send strings and streams), HTTP/2 (only with allowH2, which we never set: ALPN offers
// http/1.1 alone) and SOCKS proxies (src/api/proxy.ts refuses a socks:// proxy before undici sees it).
const UNDICI_UNUSED = {
  'web/fetch/body': { what: 'FormData request bodies', exports: '{ extractBody: unused }' },
  'dispatcher/client-h2': { what: 'HTTP/2', exports: 'unused' },
  'dispatcher/socks5-proxy-agent': { what: 'SOCKS proxies', exports: 'unused' },
};
const undiciUnusedParts = {
  name: 'undici-unused-parts',
  setup(build) {
    // The filter sees the require()'s own text ('./client-h2.js', './socks5-proxy-agent'): match the file name, then
    // check the whole path.
    const baseNames = Object.keys(UNDICI_UNUSED).map((name) => path.posix.basename(name).replace(/[.-]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`[\\\\/](?:${baseNames.join('|')})(?:\\.js)?$`) }, (args) => {
      const file = path.join(args.resolveDir, args.path).replace(/\.js$/, '');
      const name = Object.keys(UNDICI_UNUSED).find((part) => file.endsWith(path.join('undici', 'lib', part)));
      return name ? { path: name, namespace: 'undici-unused' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'undici-unused' }, (args) => {
      const { what, exports } = UNDICI_UNUSED[args.path];
      const message = `Alibaba Cloud Tickets does not bundle undici's support for ${what}.`;
      return {
        contents: `'use strict';\nfunction unused() { throw new Error(${JSON.stringify(message)}); }\nmodule.exports = ${exports};`,
        loader: 'js',
      };
    });
  },
};

// `import * as vscode from 'vscode'` in each of ~25 modules would make esbuild copy every property of the VS Code API
// (hundreds of namespaces, classes and enums) into a fresh object per module at load (__toESM). Instead each bundle
// has one module standing for 'vscode' that re-exports the API once; every import of 'vscode' gets that module.
const vscodeApiOnce = {
  name: 'vscode-api-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-api'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-api' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};

// ------------------------------------------------------------------ Extension bundles
// Activation must parse only what the first screen needs (issue 12: under 10 ms). The rest loads on first use, from
// sibling files. Each bundle starts at a source module; the code asks for the later ones with a plain require() inside
// a function (src/lazy/load.ts, the only place), which this build turns into require('./<name>.js'):
//   dist/extension.js  src/extension.ts    activation: what VS Code needs registered (commands, views, serializers,
//                                          tools) over stand-ins that build the window on first use
//   dist/window.js     src/window.ts       the window: services, accounts, the views' rows, hovers, links, references
//   dist/client.js     src/api/client.ts   the first request: signing, HTTP, responses (undici stays dist/undici.js)
//   dist/features.js   src/lazy/features.ts panels, New Ticket, the watcher, agent tools, the sign-in flow
//   dist/testSurface.js src/testSurface.ts the extension-host tests' view into the extension (ExtensionMode.Test only)
// Every source module is in exactly one bundle: the first one (in this order) whose imports reach it. A later bundle
// that imports an earlier bundle's module gets it from that bundle at run time (require('./extension.js').__shared),
// so there is one TicketApiError class, one log, one l10n state. dist/bundles.json lists each bundle's modules;
// test/unit/common/bundles.test.ts checks that no module is in two bundles and what activation loads.
const EXTENSION_BUNDLES = [
  { name: 'extension', source: 'src/extension.ts' },
  { name: 'window', source: 'src/window.ts' },
  { name: 'client', source: 'src/api/client.ts' },
  { name: 'features', source: 'src/lazy/features.ts' },
  { name: 'testSurface', source: 'src/testSurface.ts' },
];
const SHARED_EXPORT = '__shared';
// A file of ours or node_modules; not one of the plugins' stand-in modules (namespace:path).
const isSourceFile = (input) => !/^[a-z-]+:/.test(input);
const repoPath = (file) => path.relative(root, file).split(path.sep).join('/');

/**
 * The plugin for one bundle: another bundle's entry module becomes require('./<name>.js'); a module an earlier bundle
 * holds becomes that bundle's copy (in the analysis pass: an external marker, so the walk stops there).
 */
function bundleBoundary(self, owners, requested) {
  return {
    name: 'bundle-boundary',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData?.boundaryChecked || args.namespace === 'shared-module') return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { boundaryChecked: true },
        });
        if (resolved.errors.length > 0 || resolved.external)
          return resolved.errors.length ? { errors: resolved.errors } : undefined;
        const key = repoPath(resolved.path);
        const entry = EXTENSION_BUNDLES.find((b) => b.source === key);
        if (entry && entry.name !== self.name) return { path: `./${entry.name}.js`, external: true };
        const owner = owners.get(key);
        if (owner && owner !== self.name) {
          requested.get(owner)?.add(key);
          return { path: key, namespace: 'shared-module', pluginData: { owner } };
        }
        return { path: resolved.path, pluginData: { boundaryChecked: true } };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({
        contents: `module.exports = require('./${args.pluginData.owner}.js').${SHARED_EXPORT}[${JSON.stringify(args.path)}];`,
        loader: 'js',
        resolveDir: path.join(root, 'dist'),
      }));
      build.onResolve({ filter: /^\.\/[A-Za-z]+\.js$/, namespace: 'shared-module' }, (args) => ({
        path: args.path,
        external: true,
      }));
    },
  };
}

/** The entry of a bundle: its source module's exports, plus the modules later bundles take from it. */
function entryContents(bundle, shared) {
  const lines = [`export * from './${bundle.source}';`];
  const keys = [...shared].sort();
  keys.forEach((key, i) => lines.push(`import * as shared${i} from './${key}';`));
  if (keys.length > 0)
    lines.push(
      `export const ${SHARED_EXPORT} = {${keys.map((key, i) => `${JSON.stringify(key)}: shared${i}`).join(', ')}};`,
    );
  return lines.join('\n');
}

/** Builds dist/extension.js, dist/client.js and dist/features.js, and writes dist/bundles.json. */
async function buildExtensionBundles() {
  const owners = new Map();
  const requested = new Map(EXTENSION_BUNDLES.map((b) => [b.name, new Set()]));
  // Pass 1: which modules each bundle holds (the first bundle to reach a module holds it).
  for (const bundle of EXTENSION_BUNDLES) {
    const result = await esbuild.build({
      ...common,
      sourcemap: false,
      minify: false,
      write: false,
      metafile: true,
      entryPoints: [bundle.source],
      outdir: 'dist',
      external: ['vscode'],
      plugins: [undiciAsSiblingFile, vscodeApiOnce, bundleBoundary(bundle, owners, requested)],
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      if (isSourceFile(input) && !owners.has(input)) owners.set(input, bundle.name);
    }
  }
  // Pass 2: the bundles, each exporting what later bundles take from it.
  const modules = {};
  for (const bundle of EXTENSION_BUNDLES) {
    const result = await esbuild.build({
      ...common,
      stdin: {
        contents: entryContents(bundle, requested.get(bundle.name)),
        resolveDir: root,
        sourcefile: `${bundle.name}-entry.ts`,
        loader: 'ts',
      },
      outfile: `dist/${bundle.name}.js`,
      metafile: true,
      external: ['vscode'],
      plugins: [undiciAsSiblingFile, vscodeApiOnce, bundleBoundary(bundle, owners, new Map())],
    });
    modules[bundle.name] = Object.keys(result.metafile.inputs)
      .filter((input) => isSourceFile(input) && input !== `${bundle.name}-entry.ts`)
      .sort();
  }
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(
    path.join(root, 'dist', 'bundles.json'),
    JSON.stringify({ bundles: EXTENSION_BUNDLES, modules }, null, 2) + '\n',
  );
}

const builds = [
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
    plugins: [llhttpSimdOnly, undiciUnusedParts],
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
  // The details panel's page script (browser IIFE); no .map beside it: media/ is packaged as it is. The acting part's
  // stylesheet goes in as text (the page puts it in once the part arrives, after the first paint).
  {
    ...common,
    entryPoints: { details: 'src/features/details/page/main.ts' },
    outdir: 'media',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    sourcemap: false,
    loader: { '.css': 'text' },
  },
];

// The "npm: watch" task (.vscode/tasks.json) waits for these lines before F5 launches the Extension Development Host.
// Several builds watch at once (the extension's bundles, the API file, undici, the two page scripts): "started" when
// the first of them starts, "finished" when the last one running is done, so the host never starts on half a build.
let buildsRunning = 0;
const watchLog = {
  name: 'watch-log',
  setup(build) {
    build.onStart(() => {
      if (buildsRunning++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const error of result.errors)
        console.log(`✘ [ERROR] ${error.location?.file ?? 'esbuild'}:${error.location?.line ?? 1}: ${error.text}`);
      if (--buildsRunning === 0) console.log('[watch] build finished');
    });
  },
};

if (oneBundleDir) {
  // The later bundles' requires (src/lazy/load.ts) are inlined: their modules run on first use as before, but the
  // file activation parses holds all of them.
  await esbuild.build({
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: oneBundleDir,
    external: ['vscode'],
    plugins: [undiciAsSiblingFile, vscodeApiOnce],
  });
} else if (watch) {
  // Every output is rebuilt on a change to its sources: the extension's bundles (a context over their whole graph only
  // watches and writes nothing; its end rebuilds the bundles in their steps), dist/api.js, dist/undici.js and the two
  // page scripts in media/.
  const rebuildBundles = {
    name: 'rebuild-extension-bundles',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length === 0)
          await buildExtensionBundles().catch((error) => console.log(`✘ [ERROR] ${error.message}`));
      });
    },
  };
  const contexts = await Promise.all([
    esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts', ...EXTENSION_BUNDLES.map((b) => b.source)],
      outdir: '.cache/watch',
      write: false,
      external: ['vscode'],
      plugins: [undiciAsSiblingFile, vscodeApiOnce, rebuildBundles, watchLog],
    }),
    ...builds.map((options) => esbuild.context({ ...options, plugins: [...(options.plugins ?? []), watchLog] })),
  ]);
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all([buildExtensionBundles(), ...builds.map((options) => esbuild.build(options))]);
  console.log(
    '[build] dist/extension.js, dist/window.js, dist/client.js, dist/features.js, dist/api.js, media/details.js and media/newTicket.js written',
  );
}
