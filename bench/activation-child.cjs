// Runs in a fresh Node process (spawned by bench/run.mjs): loads dist/extension.js with the vscode stand-in, runs
// activate(), and prints one JSON line: how long each took and which files of the extension and node_modules loaded.
'use strict';
const path = require('node:path');
const { install, context } = require('./vscode-standin.cjs');

const root = path.resolve(__dirname, '..');
const file = process.argv[2] || path.join(root, 'dist', 'extension.js');
install({ 'aliyunTickets.endpoint': 'https://workorder.aliyuncs.com' });
const before = new Set(Object.keys(require.cache));
const builtinsBefore = new Set(process.moduleLoadList);
const t0 = process.hrtime.bigint();
const extension = require(file);
const t1 = process.hrtime.bigint();
extension.activate(context(root, 1));
const t2 = process.hrtime.bigint();
const loaded = Object.keys(require.cache)
  .filter((f) => !before.has(f))
  .map((f) => path.relative(root, f));
// Node's own modules that activation loaded (e.g. "NativeModule crypto"): crypto, http, tls, os are first-request work.
const builtins = process.moduleLoadList
  .filter((m) => !builtinsBefore.has(m) && m.startsWith('NativeModule ') && !m.startsWith('NativeModule internal/'))
  .map((m) => m.slice(13));
process.stdout.write(
  JSON.stringify({
    requireMs: Number(t1 - t0) / 1e6,
    activateMs: Number(t2 - t1) / 1e6,
    totalMs: Number(t2 - t0) / 1e6,
    loaded,
    builtins,
  }) + '\n',
);
// Timers the extension may have started (refresh timer, idle close) must not keep this process alive.
process.exit(0);
