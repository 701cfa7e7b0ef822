// Benchmarks for the API layer (npm run bench builds first, then runs this).
//
//   1. GetTicket round trips against the local emulator (a child process, so its CPU is not ours), side by side in one
//      run: our TicketClient (dist/api.js), a raw undici request signed with our signer (the floor: transport + JSON),
//      and the official SDK @alicloud/workorder20210610 pointed at the emulator. Sequential and 8 concurrent.
//      Reported as requests/s, latency percentiles, ratios, and TCP connections used (from the emulator's record).
//   2. Activation cost: the time to require dist/extension.js (with a stub 'vscode') vs dist/api.js vs dist/undici.js,
//      each in a fresh Node process, and whether undici was loaded (it must not be, until the first request).
//
// Every phase is bounded by time (BENCH_MS, default 1500 ms) so a run takes well under a minute.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const PHASE_MS = Number(process.env.BENCH_MS) || 1500;
const WARMUP = 30;
const CONCURRENCY = 8;
const TICKET_ID = '0005PYGCW';
const cacheDir = path.join(root, '.cache', 'bench');
mkdirSync(cacheDir, { recursive: true });

// ------------------------------------------------------------------ the emulator, in a child process

async function startEmulator() {
  const bundle = path.join(cacheDir, 'emulator.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'emulator', 'server.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outfile: bundle,
    logLevel: 'warning',
  });
  const script = `
    const { TicketEmulator, DEMO_CREDENTIALS } = require(${JSON.stringify(bundle)});
    TicketEmulator.start({ keepAliveTimeoutMs: 30000 }).then((emu) => {
      process.stdout.write(JSON.stringify({ url: emu.url, credentials: DEMO_CREDENTIALS }) + '\\n');
      process.stdin.on('end', () => emu.stop().then(() => process.exit(0)));
      process.stdin.resume();
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const info = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { ...info, stop: () => new Promise((r) => { child.once('exit', r); child.stdin.end(); }) };
}

async function control(url, method, route) {
  const res = await fetch(`${url}/__emulator/${route}`, { method });
  return res.json();
}

/** Distinct TCP connections that carried the API requests since the last reset, then resets the record. */
async function connectionsUsed(url) {
  const { requests } = await control(url, 'GET', 'requests');
  const bad = requests.filter((r) => r.status !== 200).length;
  await control(url, 'POST', 'reset');
  return { connections: new Set(requests.map((r) => r.connectionId)).size, requests: requests.length, failed: bad };
}

// ------------------------------------------------------------------ the three ways of calling GetTicket

function oursFactory(api, url, credentials) {
  const client = new api.TicketClient({ endpoint: url, credentials, maxAttempts: 1 });
  return { call: () => client.getTicket(TICKET_ID), close: () => client.close() };
}

function rawUndiciFactory(api, url, credentials) {
  const { Pool } = require('undici');
  const pool = new Pool(url, { connections: CONCURRENCY });
  const host = url.replace(/^https?:\/\//, '');
  return {
    async call() {
      const body = api.formEncode({ TicketId: TICKET_ID });
      const signed = api.signV3(
        {
          method: 'POST',
          pathname: '/',
          query: {},
          headers: {
            host,
            'content-type': 'application/x-www-form-urlencoded',
            'x-acs-action': 'GetTicket',
            'x-acs-version': '2021-06-10',
            'x-acs-date': api.formatAcsDate(Date.now()),
            'x-acs-signature-nonce': api.newNonce(),
          },
          body,
        },
        credentials,
      );
      const res = await pool.request({ method: 'POST', path: '/', headers: signed.headers, body });
      const json = await res.body.json();
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} ${json.Code}`);
      return json.Data;
    },
    close: () => pool.close(),
  };
}

function sdkFactory(_api, url, credentials) {
  const Workorder = require('@alicloud/workorder20210610');
  const { $OpenApiUtil } = require('@alicloud/openapi-core');
  const client = new Workorder.default(
    new $OpenApiUtil.Config({ ...credentials, protocol: 'http', endpoint: url.replace(/^https?:\/\//, '') }),
  );
  return {
    call: async () => (await client.getTicket(new Workorder.GetTicketRequest({ ticketId: TICKET_ID }))).body.data,
    close: async () => undefined,
  };
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Runs `call` for `ms` with `concurrency` workers; returns the latencies and the elapsed time. */
async function slice(call, concurrency, ms) {
  const latencies = [];
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, elapsed: performance.now() - started };
}

/**
 * The machine is shared, so contenders are interleaved: ROUNDS rounds, each giving every contender PHASE_MS/ROUNDS
 * in a rotating order; figures are totals over the rounds. Noise then hits all contenders alike.
 */
const ROUNDS = 5;
async function measureSideBySide(contenders, concurrency) {
  for (const c of contenders) for (let i = 0; i < WARMUP; i++) await c.call();
  const totals = contenders.map(() => ({ latencies: [], elapsed: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      const { latencies, elapsed } = await slice(contenders[index].call, concurrency, PHASE_MS / ROUNDS);
      totals[index].latencies.push(...latencies);
      totals[index].elapsed += elapsed;
    }
  }
  return totals.map(({ latencies, elapsed }) => {
    latencies.sort((a, b) => a - b);
    return { requests: latencies.length, perSecond: (latencies.length / elapsed) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  });
}

/** Connections each contender used: one more short run per contender on its own, counted by the emulator. */
async function connectionsPerContender(factories, api, emu, concurrency) {
  const out = [];
  for (const [, factory] of factories) {
    const contender = factory(api, emu.url, emu.credentials);
    await slice(contender.call, concurrency, 200);
    await contender.close();
    out.push(await connectionsUsed(emu.url));
  }
  return out;
}

// ------------------------------------------------------------------ activation cost

function requireCost(file, runs = 5) {
  const script = `
    const Module = require('module');
    const load = Module._load;
    Module._load = function (request, ...rest) {
      if (request === 'vscode') return new Proxy({}, { get: () => new Proxy(function () {}, { get: () => undefined }) });
      return load.call(this, request, ...rest);
    };
    const t0 = process.hrtime.bigint();
    require(${JSON.stringify(file)});
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const undiciLoaded = Object.keys(require.cache).some((f) => /undici/.test(path.basename(f)) || f.includes('node_modules/undici'));
    process.stdout.write(JSON.stringify({ ms, undiciLoaded }));`;
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(JSON.parse(execFileSync(process.execPath, ['-e', `const path = require('path');${script}`], { cwd: root, encoding: 'utf8' })));
  }
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], undiciLoaded: samples.some((s) => s.undiciLoaded) };
}

// ------------------------------------------------------------------ main

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main() {
  const api = require(path.join(root, 'dist', 'api.js'));
  const emu = await startEmulator();
  // The interleaved run cannot tell whose request failed, so its failures are counted apart from the per-contender runs.
  const results = { phaseMs: PHASE_MS, roundTrips: [], sideBySideFailed: 0, activation: {} };
  try {
    const factories = [
      ['ours (TicketClient)', oursFactory],
      ['raw undici + our signer', rawUndiciFactory],
      ['official SDK', sdkFactory],
    ];
    await connectionsUsed(emu.url);
    for (const concurrency of [1, CONCURRENCY]) {
      const contenders = factories.map(([, factory]) => factory(api, emu.url, emu.credentials));
      const figures = await measureSideBySide(contenders, concurrency);
      for (const c of contenders) await c.close();
      results.sideBySideFailed += (await connectionsUsed(emu.url)).failed;
      const conns = await connectionsPerContender(factories, api, emu, concurrency);
      factories.forEach(([name], i) => results.roundTrips.push({ name, concurrency, ...figures[i], connections: conns[i].connections, failed: conns[i].failed }));
    }
  } finally {
    await emu.stop();
  }

  results.activation = {
    'dist/extension.js': requireCost(path.join(root, 'dist', 'extension.js')),
    'dist/api.js': requireCost(path.join(root, 'dist', 'api.js')),
    'dist/undici.js': requireCost(path.join(root, 'dist', 'undici.js')),
  };

  console.log(`\nGetTicket against the emulator (${PHASE_MS} ms per contender, interleaved in ${ROUNDS} rounds, after ${WARMUP} warm-up calls)`);
  console.log('contender                  conc   req/s   p50 ms  p99 ms  requests  connections  non-200');
  for (const r of results.roundTrips) {
    console.log(
      `${r.name.padEnd(26)} ${String(r.concurrency).padStart(4)} ${fmt(r.perSecond, 0).padStart(7)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p99, 2).padStart(7)} ${String(r.requests).padStart(9)} ${String(r.connections).padStart(12)} ${String(r.failed).padStart(8)}`,
    );
  }
  console.log('\nRatios (throughput, higher is better for ours):');
  for (const concurrency of [1, CONCURRENCY]) {
    const by = (name) => results.roundTrips.find((r) => r.concurrency === concurrency && r.name.startsWith(name));
    const ours = by('ours');
    const raw = by('raw');
    const sdk = by('official');
    const line = `  concurrency ${concurrency}: ours/raw undici = ${fmt(ours.perSecond / raw.perSecond, 2)}x, ours/official SDK = ${fmt(ours.perSecond / sdk.perSecond, 2)}x`;
    console.log(line);
    results[`ratios_c${concurrency}`] = { oursOverRaw: ours.perSecond / raw.perSecond, oursOverSdk: ours.perSecond / sdk.perSecond };
  }
  console.log('\nActivation cost (median of 5 fresh processes; "vscode" stubbed):');
  for (const [file, r] of Object.entries(results.activation)) {
    console.log(`  require ${file.padEnd(18)} ${fmt(r.medianMs, 1).padStart(7)} ms   undici loaded: ${r.undiciLoaded ? 'YES' : 'no'}`);
  }
  const ext = results.activation['dist/extension.js'];
  const und = results.activation['dist/undici.js'];
  console.log(`  extension.js costs ${fmt(ext.medianMs / results.activation['dist/api.js'].medianMs, 2)}x api.js; loading undici lazily keeps ~${fmt(und.medianMs, 1)} ms out of activation.`);

  // Hovers: a cached hover next to the round trip it saves (our client's p50 at concurrency 1, measured above).
  const { runHoverBench } = await import('./hover.mjs');
  results.hover = await runHoverBench({ log: () => {} });
  const roundTripP50Us = results.roundTrips.find((r) => r.concurrency === 1 && r.name.startsWith('ours')).p50 * 1000;
  console.log('\nHovers (id detection + cache + markdown, no extension host):');
  console.log(`  cached hover p50 ${results.hover.cachedHoverP50Us} µs, p99 ${results.hover.cachedHoverP99Us} µs: ${fmt(roundTripP50Us / results.hover.cachedHoverP50Us, 0)}x cheaper than one GetTicket round trip (p50 ${fmt(roundTripP50Us, 0)} µs)`);
  console.log(`  100 hovers on one uncached id: ${results.hover.uncached100Hovers.requests} request`);
  writeFileSync(path.join(cacheDir, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`\n(results also in ${path.relative(root, path.join(cacheDir, 'results.json'))})`);
  if (ext.undiciLoaded) {
    console.error('FAIL: requiring dist/extension.js loaded undici; activation must not.');
    process.exitCode = 1;
  }
  if (results.hover.cachedHoverP99Us >= 1000 || results.hover.uncached100Hovers.requests !== 1 || results.hover.cachedHoverRequests !== 0) {
    console.error('FAIL: a cached hover must answer well under a millisecond without a request, and 100 hovers on one id send one request.');
    process.exitCode = 1;
  }
  if (results.sideBySideFailed > 0 || results.roundTrips.some((r) => r.failed > 0)) {
    console.error('FAIL: some benchmark requests were not answered 200.');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
