// Soak benchmark (issue 23, item 1): the extension driven for thousands of cycles in rounds (bench/soak/child.cjs),
// against the emulator (in this process, the extension in another) over real HTTP. After every phase of every round: heap within 2 MB of the
// same phase in the first round, and live listeners, undisposed disposables and timers no more than then, open sockets
// no more than the connection cap, cache entries within their caps. Any miss is a leak: runSoakBench throws (in the short run of npm test too).
//
//   node bench/soak.mjs [--short]        (prints the soak table; exit 1 on a leak)
//   import { runSoakBench } from './soak.mjs'; await runSoakBench({ short: true })
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleWatcherModules, loadWatcherModules } from './watcher.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The issue's sizes; the short run (npm test) does a fortieth of each. */
export const SOAK_SIZES = { refresh: 1000, panels: 500, watcher: 2000, hovers: 1000, accounts: 200 };
export const HEAP_BUDGET_MB = 2;

/**
 * The child's V8: forced GC, and compiled code that does not grow while the soak runs (no optimizing or baseline tier,
 * bytecode kept), so that the heap it samples is the extension's data and not the JIT warming up. WebAssembly (undici's
 * HTTP parser) still runs.
 */
const CHILD_FLAGS = ['--expose-gc', '--no-opt', '--no-sparkplug', '--no-flush-bytecode'];

function runChild(script, input, flags = CHILD_FLAGS) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, path.join(root, 'bench', 'soak', script), input], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`soak exited with ${code}`)),
    );
  });
}

/**
 * What a leak looks like in the samples: every sample against the same phase of the first round (each phase leaves
 * its own things in memory: list pages after a refresh, a conversation after a panel). Returns sentences, none when
 * flat.
 */
export function soakProblems(samples) {
  const problems = [];
  for (const s of samples) {
    const first = samples.find((f) => f.phase === s.phase);
    const at = `round ${s.round}, after ${s.phase}`;
    if (s.heapMb - first.heapMb > HEAP_BUDGET_MB)
      problems.push(
        `${at}: heap ${s.heapMb.toFixed(2)} MB, ${(s.heapMb - first.heapMb).toFixed(2)} MB above round ${first.round}`,
      );
    for (const key of ['listeners', 'serviceListeners', 'disposables', 'panelsOpen'])
      if (s[key] > first[key]) problems.push(`${at}: ${s[key]} ${key}, ${first[key]} in round ${first.round}`);
    if (s.timers > first.timers) {
      const extra = [...s.timerOrigins];
      for (const origin of first.timerOrigins) extra.splice(extra.indexOf(origin) >>> 0, 1);
      problems.push(
        `${at}: ${s.timers} timers pending, ${first.timers} in round ${first.round}; more: ${extra.join('; ')}`,
      );
    }
    // Keep-alive connections come and go with the load; more than the service's concurrency cap and the control
    // connection would be sockets nobody closes.
    if (s.sockets > Math.max(first.sockets, 6)) problems.push(`${at}: ${s.sockets} open sockets`);
    if (s.cacheEntries > s.cacheCap) problems.push(`${at}: ${s.cacheEntries} cache entries, cap ${s.cacheCap}`);
  }
  return problems;
}

export async function runSoakBench({ short = false, log = console.log, only, rounds: roundsWanted } = {}) {
  const sizes = Object.fromEntries(Object.entries(SOAK_SIZES).map(([k, v]) => [k, short ? v / 40 : v]));
  const rounds = roundsWanted ?? (short ? 3 : 5);
  // The emulator runs in this process: the soak measures another one (child.cjs).
  const m = await loadWatcherModules();
  const emu = await m.TicketEmulator.start({ seed: 'demo', language: 'en' });
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  const started = performance.now();
  try {
    const result = await runChild(
      'child.cjs',
      JSON.stringify({
        url: emu.url,
        credentials: m.DEMO_CREDENTIALS,
        otherCredentials: m.OTHER_ACCOUNT_CREDENTIALS,
        rounds,
        sizes,
        storageDir,
        universe: short ? 10 : 40,
        only,
      }),
    );
    const problems = [...result.failures, ...soakProblems(result.samples)];
    const seconds = (performance.now() - started) / 1000;
    log(
      `Soak: ${Object.entries(result.done)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')} in ${rounds} rounds, ${seconds.toFixed(0)} s`,
    );
    log('  round  phase      heap MB  listeners  disposables  timers  sockets  cache entries  requests      ms');
    for (const s of result.samples) {
      log(
        `  ${String(s.round).padStart(5)}  ${s.phase.padEnd(9)}  ${s.heapMb.toFixed(2).padStart(7)}  ${`${s.listeners}+${s.serviceListeners}`.padStart(9)}  ${String(s.disposables).padStart(11)}  ${String(s.timers).padStart(6)}  ${String(s.sockets).padStart(7)}  ${`${s.cacheEntries}/${s.cacheCap}`.padStart(13)}  ${String(s.requests).padStart(8)}  ${s.ms.toFixed(0).padStart(6)}`,
      );
    }
    const summary = {
      rounds,
      done: result.done,
      seconds,
      // The most a phase's heap grew over the same phase of the first round.
      heapSpreadMb: Math.max(
        ...result.samples.map((s) => s.heapMb - result.samples.find((f) => f.phase === s.phase).heapMb),
      ),
      first: result.samples[0],
      last: result.samples[result.samples.length - 1],
      problems,
    };
    if (problems.length) throw Object.assign(new Error(`Soak found a leak:\n  ${problems.join('\n  ')}`), { summary });
    return summary;
  } finally {
    await emu.stop();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

/** What idle and waking cost (idle-child.cjs): sentences for what costs more than it should. */
/** The search index fill's budget (src/features/search/backfill.ts): one ListTicketNotes per 10 s while focused. */
const FILL_READS_PER_MINUTE = 6;

export function idleProblems({ idle, visible, indexed, wake }) {
  const problems = [];
  const others = Object.keys(idle.timers).filter((origin) => !/registerWatcher|LastKnownTickets/.test(origin));
  if (others.length) problems.push(`idle: timers other than the watcher's fired: ${others.join('; ')}`);
  const polls = idle.requests['ListTickets (watcher)'] ?? 0;
  const beyond = Object.entries(idle.requests).filter(([action]) => !/watcher|ListTicketNotes/.test(action));
  if (beyond.length) problems.push(`idle: requests beyond the watcher's: ${JSON.stringify(idle.requests)}`);
  if ((idle.requests.ListTicketNotes ?? 0) > polls) problems.push(`idle: more note reads than polls`);
  if (visible.fillReads > visible.minutes * FILL_READS_PER_MINUTE)
    problems.push(`visible: the index fill read ${visible.fillReads} conversations in ${visible.minutes} min`);
  if (indexed.fillReads > 0)
    problems.push(`indexed: the fill read ${indexed.fillReads} conversations with every ticket indexed and unchanged`);
  if (wake.fillReads > 1 || !wake.fillStoppedForSignIn)
    problems.push(
      `wake: the index fill sent ${wake.fillReads} requests after the STS token expired (${wake.fillDue} tickets due), not one and stop`,
    );
  if (wake.viewRefreshes !== 1) problems.push(`wake: ${wake.viewRefreshes} Tickets-view refreshes, not 1`);
  if (wake.watcherPolls !== 1) problems.push(`wake: ${wake.watcherPolls} watcher polls, not 1`);
  if (wake.signInPrompts !== 1)
    problems.push(`wake: ${wake.signInPrompts} sign-in prompts for the expired token, not 1`);
  return problems;
}

/** Idle, visible and waking after a sleep, under a fake clock (idle-child.cjs); throws when idle costs too much. */
export async function runIdleBench({ minutes = 10, log = console.log } = {}) {
  const emulatorBundle = await bundleWatcherModules();
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'idle-'));
  try {
    const result = await runChild('idle-child.cjs', JSON.stringify({ emulatorBundle, storageDir, minutes }), []);
    const per = (scene) =>
      `${scene.timersPerMinute.toFixed(1)} timers and ${scene.requestsPerMinute.toFixed(2)} requests per minute`;
    log(
      `Idle (${minutes} min, fake clock): unfocused and hidden ${per(result.idle)}; Tickets view on screen ${per(result.visible)}`,
    );
    log(
      `  search index fill, view on screen: ${(result.visible.fillReads / minutes).toFixed(1)} reads per minute while filling, ${result.indexed.fillReads} in ${minutes} min once indexed (${per(result.indexed)} in all)`,
    );
    log(
      `  after 3 h asleep (STS token expired): ${result.wake.viewRefreshes} view refresh, ${result.wake.watcherPolls} watcher poll, ${result.wake.signInPrompts} sign-in prompt (${result.wake.prompts.length} notifications), ${result.wake.fillReads} index fill request in the first 2 minutes`,
    );
    const problems = idleProblems(result);
    if (problems.length) throw Object.assign(new Error(`Idle costs too much:\n  ${problems.join('\n  ')}`), { result });
    return { minutes, ...result, problems };
  } finally {
    rmSync(storageDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const option = (name) => process.argv[process.argv.indexOf(name) + 1];
    if (process.argv.includes('--idle')) {
      console.log(JSON.stringify({ idle: await runIdleBench() }));
      process.exit(0);
    }
    const result = await runSoakBench({
      short: process.argv.includes('--short'),
      only: process.argv.includes('--only') ? option('--only').split(',') : undefined,
      rounds: process.argv.includes('--rounds') ? Number(option('--rounds')) : undefined,
    });
    console.log(JSON.stringify({ soak: result }));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
