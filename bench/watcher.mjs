// Watcher cost benchmark: how many requests the ticket watcher sends per interval with 1 and with 3 windows (watcher
// instances over one shared storage folder, each with its own client, as separate VS Code windows would be), against
// the emulator over real HTTP. For comparison, 3 windows that do NOT share storage (what polling per window costs).
// Halfway through each run two tickets move to "waiting for your feedback", which costs their notes once.
//
//   node bench/watcher.mjs          (prints a table and a JSON line)
//   import { runWatcherBench } from './watcher.mjs'; await runWatcherBench()   (returns the numbers)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleModules, loadModules } from './bundle.mjs';

/** The watcher's modules and the emulator, from src and test/emulator (the soak's children use this bundle too). */
const WATCHER_MODULES = `
  export { TicketWatcher } from './src/features/watcher/watcher';
  export { SharedFiles } from './src/features/watcher/sharedFiles';
  export { TicketClient } from './src/api/client';
  export { TicketEmulator, DEMO_CREDENTIALS, OTHER_ACCOUNT_CREDENTIALS, STS_CREDENTIALS } from './test/emulator/server';`;

/** Bundles the watcher's modules and returns the bundle's path (for a child process to require). */
export const bundleWatcherModules = () => bundleModules('watcher-bench', WATCHER_MODULES);

/** The watcher's modules, loaded in this process. */
export const loadWatcherModules = () => loadModules('watcher-bench', WATCHER_MODULES);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `windows` watchers for `intervals` intervals; `shared` puts them over one storage folder (the real set-up),
 * otherwise each gets its own (as if every window polled for itself). Returns the emulator's request counts.
 */
async function measure(m, emu, { windows, intervals, intervalMs, shared }) {
  emu.reset('demo');
  emu.clearRequests();
  const dirs = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'watcher-bench-'));
    dirs.push(dir);
    return dir;
  };
  const common = shared ? folder() : undefined;
  const heartbeatMs = Math.max(20, Math.floor(intervalMs / 5));
  const instances = Array.from({ length: windows }, (_, i) => {
    const client = new m.TicketClient({ endpoint: emu.url, credentials: m.DEMO_CREDENTIALS, maxAttempts: 1 });
    const store = new m.SharedFiles(path.join(common ?? folder(), 'watcher'));
    const watcher = new m.TicketWatcher({
      id: `window-${i}`,
      account: async () => ({ key: 'bench-account', store }),
      listUnfinished: async () =>
        (
          await client.listTickets({
            pageNumber: 1,
            pageSize: 100,
            statuses: ['assigned', 'dealing', 'wait_feedback', 'feedback', 'wait_confirm'],
          })
        ).tickets,
      listNotes: (ticketId) => client.listTicketNotes(ticketId),
      describeFailure: (error) => ({ signedOut: false, message: String(error?.message ?? error) }),
      intervalMs: () => intervalMs,
      enabled: () => true,
      focused: () => false,
      heartbeatMs,
      onAnnounce: () => {},
      onView: () => {},
    });
    return { client, watcher };
  });
  // Each window ticks on its own timer, started at a different moment, as separate windows would.
  const timers = [];
  const started = Date.now();
  for (const [i, w] of instances.entries()) {
    await sleep(Math.floor((heartbeatMs / windows) * i));
    void w.watcher.tick();
    timers.push(setInterval(() => void w.watcher.tick(), heartbeatMs));
  }
  // Exactly `intervals` poll slots: the first poll at the start, the last one interval before the end.
  const runMs = intervals * intervalMs - heartbeatMs / 2;
  await sleep(started + runMs / 2 - Date.now());
  // Support asks two users for feedback: two tickets in support's hands move to status 3.
  const moved = emu
    .allTickets()
    .filter((t) => t.status === 2)
    .slice(0, 2);
  for (const t of moved) emu.addTicket({ ...t, status: 3 }, []);
  await sleep(started + runMs - Date.now());
  for (const t of timers) clearInterval(t);
  for (const w of instances) {
    await w.watcher.dispose();
    await w.client.close();
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  const count = (action) => emu.requests.filter((r) => r.action === action).length;
  const listTickets = count('ListTickets');
  const notes = count('ListTicketNotes');
  return {
    windows,
    sharedStorage: shared,
    intervals,
    listTickets,
    listTicketNotes: notes,
    listTicketsPerInterval: Number((listTickets / intervals).toFixed(2)),
    requestsPerInterval: Number(((listTickets + notes) / intervals).toFixed(2)),
  };
}

export async function runWatcherBench({ intervals = 12, intervalMs = 400, log = console.log } = {}) {
  const m = await loadWatcherModules();
  const emu = await m.TicketEmulator.start({ seed: 'demo' });
  try {
    const runs = [];
    for (const [windows, shared] of [
      [1, true],
      [3, true],
      [3, false],
    ])
      runs.push(await measure(m, emu, { windows, intervals, intervalMs, shared }));
    log(
      `Watcher cost: requests per interval (${intervals} intervals of ${intervalMs} ms; two tickets change status halfway)`,
    );
    for (const r of runs) {
      log(
        `  ${r.windows} window${r.windows > 1 ? 's' : ''}${r.sharedStorage ? ', shared lease' : ', no shared lease (each polls)'}: ListTickets ${r.listTicketsPerInterval}/interval, all requests ${r.requestsPerInterval}/interval (${r.listTickets} ListTickets + ${r.listTicketNotes} ListTicketNotes)`,
      );
    }
    return { intervalMs, intervals, runs };
  } finally {
    await emu.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runWatcherBench();
  console.log(JSON.stringify({ watcher: result }));
}
