// The soak: dist/extension.js activated with the vscode stand-in (bench/soak/standin.cjs), signed in against the
// emulator (another process, real HTTP), and driven the way a window left open for weeks is, in rounds of five phases:
//   refresh   the Tickets view refreshed and repainted (what its auto-refresh does)
//   panels    a ticket panel opened, its page ready, refreshed by the page's button, closed
//   watcher   watcher polls (a watcher over its own shared folder, polling on every tick)
//   hovers    hovers over ticket ids in code, known and unknown ones
//   accounts  sign in to a second account, switch back, sign out of it; sign out and in again
// After each phase: the work settles, a forced GC, then heap, live listeners, undisposed disposables, timers, sockets
// and cache entries are sampled. Started by bench/soak.mjs:
//   node --expose-gc bench/soak/child.cjs '<{ url, credentials, otherCredentials, rounds, sizes, storageDir }>'
// Prints one JSON line: { samples, requests, failures }.
'use strict';
const path = require('node:path');
const { standIn, activate, idle, showView, sleep, turn, command, counts, registered } = require('./harness.cjs');

const input = JSON.parse(process.argv[2]);
const stand = standIn(input.url);

async function control(method, route) {
  const res = await fetch(`${input.url}/__emulator/${route}`, { method });
  return res.json();
}

// Every timer made in this process (the extension's, undici's, the soak's own sleeps), weakly, with where it was made:
// a timer still pending after a phase settled is one the extension keeps, and its origin says whose.
const timers = new Set();
for (const name of ['setTimeout', 'setInterval']) {
  const original = global[name];
  global[name] = function (fn, ms, ...args) {
    const timer = original.call(this, fn, ms, ...args);
    const origin = (new Error().stack ?? '').split('\n').slice(2, 4).join(' <- ').replace(/\s+/g, ' ');
    timers.add({ ref: new WeakRef(timer), origin: `${name}(${ms}) ${origin}` });
    return timer;
  };
}

/** The extension's pending timers. A connection's keep-alive timer (undici's) lives and dies with its socket. */
function pendingTimers() {
  const out = [];
  for (const entry of timers) {
    const timer = entry.ref.deref();
    if (!timer || timer._destroyed) timers.delete(entry);
    else if (!/undici/.test(entry.origin)) out.push(entry.origin);
  }
  return out;
}

function activeResources() {
  const pending = pendingTimers();
  const sockets = process._getActiveHandles().filter((h) => h?.constructor?.name === 'Socket' && !h.destroyed);
  return { timers: pending.length, timerOrigins: pending, sockets: sockets.length };
}

const codeSpace = () =>
  require('node:v8')
    .getHeapSpaceStatistics()
    .filter((space) => /code/.test(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0);

async function sample(api, round, phase, extra) {
  await idle(api);
  // Let the timers that follow a load (the tree's follow-up flush, the page's debounces) run out.
  await sleep(120);
  await idle(api);
  // The last-known copy is written a moment after it changed: written now, its timer is gone (again while a background
  // load, the window's own watcher's, ended meanwhile and scheduled another).
  for (let i = 0; i < 10; i++) {
    await api.lastKnown.flush();
    await idle(api);
    if (!pendingTimers().some((origin) => /LastKnownTickets/.test(origin))) break;
  }
  const collect = async () => {
    for (let i = 0; i < 3; i++) {
      global.gc();
      await turn();
    }
  };
  // The soak's own records of the timers and disposables made meanwhile (weak references, origins) are dropped for
  // those collected, before the heap is read: they are the soak's memory, not the extension's.
  await collect();
  pendingTimers();
  counts();
  await collect();
  const heapUsed = process.memoryUsage().heapUsed;
  const stats = api.ticketService.stats();
  return {
    round,
    phase,
    // The heap the extension's data takes: compiled code (V8's JIT warming up as functions get hot, bounded by the
    // code there is) is left out and reported on its own.
    heapMb: (heapUsed - codeSpace()) / 1024 / 1024,
    codeMb: codeSpace() / 1024 / 1024,
    ...counts(),
    serviceListeners: api.inspect.serviceListeners(),
    ...activeResources(),
    cacheEntries: stats.cachedEntries,
    cacheCap: stats.cacheCap,
    panelsOpen: stand.panels.size,
    ...extra,
  };
}

(async () => {
  const api = activate(stand, input.storageDir);
  const failures = [];
  await api.auth.signInWith(input.credentials);
  const { tickets } = await control('GET', 'tickets');
  // The tickets a user keeps coming back to (the warm-up opens and hovers each once, so that what is kept of them is
  // in memory before the first sample), and ids of the right shape that no ticket has: a hover over one costs one
  // "not found", then the cache answers.
  const ids = tickets.slice(0, input.universe).map((t) => t.ticketId);
  const unknown = Array.from({ length: input.universe }, (_, i) => `9${String(i).padStart(4, '0')}SOAK`);
  const watcher = api.watcher.createInstance({
    id: 'soak',
    storageDir: path.join(input.storageDir, 'soak-watcher'),
    intervalMs: 1,
    heartbeatMs: 1000,
    focused: false,
  });
  const done = { refresh: 0, panels: 0, watcher: 0, hovers: 0, accounts: 0 };
  let cursor = 0;
  const nextId = () => ids[cursor++ % ids.length];

  const phases = {
    async refresh(n) {
      for (let i = 0; i < n; i++) {
        await command('aliyunTickets.explorer.refresh');
        await showView();
        done.refresh++;
      }
    },
    async panels(n) {
      for (let i = 0; i < n; i++) {
        const id = nextId();
        await command('aliyunTickets.openTicket', id);
        api.panels.receiveFromPage(id, { type: 'ready' });
        await idle(api);
        api.panels.receiveFromPage(id, { type: 'refresh' });
        await idle(api);
        for (const panel of [...stand.panels]) panel.dispose();
        done.panels++;
      }
    },
    async watcher(n) {
      for (let i = 0; i < n; i++) {
        await watcher.tick();
        // The next poll is due one interval (1 ms) after this one.
        await sleep(2);
        done.watcher++;
      }
      const view = watcher.view();
      if (view?.mode !== 'polling') failures.push(`the soak's watcher did not poll (mode ${view?.mode})`);
    },
    async hovers(n) {
      const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
      for (let i = 0; i < n; i++) {
        const id = i % 2 ? unknown[(i >> 1) % unknown.length] : nextId();
        const line = `  // see ticket ${id} for the workaround`;
        const document = { lineAt: () => ({ text: line }), lineCount: 1, uri: { scheme: 'file' } };
        const position = { line: 0, character: line.indexOf(id) + 2 };
        // As the editor does: every registered hover provider is asked (the RequestId one answers nothing here).
        const hovers = await Promise.all(
          registered.hoverProviders.map((provider) => provider.provideHover(document, position, token)),
        );
        if (!hovers.some(Boolean)) failures.push(`no hover over ${id}`);
        done.hovers++;
      }
    },
    async accounts(n) {
      for (let i = 0; i < n; i++) {
        const demo = api.accounts.list().find((a) => a.active);
        await api.auth.signInWith(input.otherCredentials);
        await showView();
        await api.accounts.switchTo(demo.id);
        const other = api.accounts.list().find((a) => !a.active);
        await api.auth.signOut(other.id);
        await api.auth.signOut();
        await api.auth.signInWith(input.credentials);
        await showView();
        done.accounts++;
      }
      if (api.accounts.list().length !== 1) failures.push(`${api.accounts.list().length} accounts after the cycles`);
    },
  };

  // A warm-up round first, as long as the others: code loaded, every ticket of the set opened and hovered, connections
  // open, buffers at their high-water marks (the first few hundred cycles grow the heap once, then it stays). Not
  // compared. `only` (node bench/soak.mjs --only accounts,hovers) runs some phases: to find which one leaks.
  const chosen = Object.entries(phases).filter(([name]) => !input.only || input.only.includes(name));
  for (const [name, run] of chosen) {
    const atLeast = name === 'panels' ? ids.length : name === 'hovers' ? 2 * ids.length : 1;
    await run(Math.max(atLeast, Math.ceil(input.sizes[name] / input.rounds)));
  }
  await sample(api, 0, 'warm-up');
  await control('DELETE', 'requests');
  for (const key of Object.keys(done)) done[key] = 0;

  const samples = [];
  for (let round = 1; round <= input.rounds; round++) {
    for (const [name, run] of chosen) {
      const t0 = performance.now();
      await run(Math.ceil(input.sizes[name] / input.rounds));
      samples.push(await sample(api, round, name, { ms: performance.now() - t0 }));
      // SOAK_SNAPSHOTS=dir writes a heap snapshot after each round's last phase (to compare when the heap grows).
      if (process.env.SOAK_SNAPSHOTS && name === chosen.at(-1)[0])
        require('node:v8').writeHeapSnapshot(path.join(process.env.SOAK_SNAPSHOTS, `round-${round}.heapsnapshot`));
      // The requests the phase sent; the emulator's log is emptied (it is not the extension's memory, but it grows).
      samples[samples.length - 1].requests = (await control('DELETE', 'requests')).cleared;
    }
  }
  await watcher.dispose();
  process.stdout.write(JSON.stringify({ samples, done, failures }) + '\n');
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
