// Idle costs nothing, and sleep and wake (issue 23, items 4 and 5): the built extension with the soak's vscode stand-in
// and the emulator in this process, under a fake clock that the child moves on by hand. Timers (setTimeout,
// setInterval) run on a monotonic clock that stops while the laptop sleeps, Date on the wall clock that jumps, as on a
// real machine. Three scenes, each counted by the timers that fired (by where they were made) and the requests the
// emulator received (by action):
//   idle     ten minutes with the window unfocused and the views hidden
//   visible  ten minutes with the Tickets view on screen and the window focused, while the search index fills
//   wake     the laptop slept three hours (the STS token expired meanwhile); the first two minutes after waking
//   indexed  signed in again, the Tickets view on screen once the fill has read every unfinished ticket
// Started by bench/soak.mjs:  node bench/soak/idle-child.cjs '<{ emulatorBundle, storageDir, minutes }>'
// Prints one JSON line.
'use strict';

// ------------------------------------------------------------------ the clock, before anything else loads
const real = { setTimeout, clearTimeout, setInterval, clearInterval, Date };
let mono = 0;
let wallOffset = real.Date.now();
const queue = new Set();
const fired = new Map();
let nextId = 1;

class FakeTimer {
  constructor(entry) {
    this.entry = entry;
    this.id = nextId++;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  hasRef() {
    return true;
  }
  refresh() {
    this.entry.at = mono + this.entry.ms;
    return this;
  }
  close() {
    queue.delete(this.entry);
  }
  [Symbol.toPrimitive]() {
    return this.id;
  }
}

function schedule(fn, ms, args, interval) {
  const origin =
    (new Error().stack ?? '')
      .split('\n')[3]
      ?.trim()
      .replace(/\(.*[/\\]/, '(') ?? '?';
  const entry = { fn, args, ms: Math.max(1, Number(ms) || 0), interval, origin };
  entry.at = mono + entry.ms;
  queue.add(entry);
  return (entry.timer = new FakeTimer(entry));
}
global.setTimeout = (fn, ms, ...args) => schedule(fn, ms, args, false);
global.setInterval = (fn, ms, ...args) => schedule(fn, ms, args, true);
global.clearTimeout = global.clearInterval = (timer) => {
  if (timer instanceof FakeTimer) queue.delete(timer.entry);
  else if (timer !== undefined) real.clearTimeout(timer);
};
class FakeDate extends real.Date {
  constructor(...args) {
    if (args.length) super(...args);
    else super(wallOffset + mono);
  }
  static now() {
    return wallOffset + mono;
  }
}
global.Date = FakeDate;

const realSleep = (ms) => new Promise((resolve) => real.setTimeout(resolve, ms));

// ------------------------------------------------------------------ the extension and the emulator
const input = JSON.parse(process.argv[2]);
const { TicketEmulator, STS_CREDENTIALS, DEMO_CREDENTIALS } = require(input.emulatorBundle);
const { standIn, activate, showView } = require('./harness.cjs');

/**
 * Until nothing is in flight here or at the emulator and no file operation is under way (the watcher's lease and
 * snapshot are files), for a few real turns: requests and files are real I/O, which the fake clock does not move.
 */
async function settle(api, emu) {
  for (let quiet = 0; quiet < 4;) {
    const s = api.ticketService.stats();
    const files = process.getActiveResourcesInfo().some((kind) => kind.startsWith('FSReq'));
    const busy = files || s.inFlight > 0 || s.queued > 0 || emu.requests.some((r) => r.status === 0);
    quiet = busy ? 0 : quiet + 1;
    await (busy ? realSleep(5) : new Promise((resolve) => setImmediate(resolve)));
  }
}

/** Moves the monotonic clock on by `ms`, firing what falls due in order and letting its requests finish. */
async function advance(api, emu, ms) {
  const target = mono + ms;
  for (;;) {
    let next;
    for (const entry of queue) if (entry.at <= target && (!next || entry.at < next.at)) next = entry;
    if (!next) break;
    mono = next.at;
    if (next.interval) next.at += next.ms;
    else queue.delete(next);
    fired.set(next.origin, (fired.get(next.origin) ?? 0) + 1);
    try {
      next.fn(...next.args);
    } catch {
      // A timer's own failure is the extension's to report.
    }
    await settle(api, emu);
  }
  mono = target;
  await settle(api, emu);
}

/** What one scene cost: timers fired by origin (the HTTP client's own left out: they serve a request), requests. */
function cost(emu, minutes) {
  const timers = {};
  for (const [origin, n] of fired) if (!/undici/.test(origin)) timers[origin] = n;
  const requests = {};
  for (const r of emu.requests) {
    // The watcher asks for one page of 100 unfinished tickets; the Tickets view for pages of its own size per group.
    const pageSize = r.body.PageSize ?? r.query.PageSize;
    const key = r.action === 'ListTickets' && pageSize === '100' ? 'ListTickets (watcher)' : r.action;
    requests[key] = (requests[key] ?? 0) + 1;
  }
  const total = (o) => Object.values(o).reduce((a, b) => a + b, 0);
  return {
    minutes,
    timers,
    requests,
    timersPerMinute: total(timers) / minutes,
    requestsPerMinute: total(requests) / minutes,
  };
}

function reset(emu) {
  fired.clear();
  emu.clearRequests();
}

(async () => {
  const emu = await TicketEmulator.start({ seed: 'demo', language: 'en' });
  const stand = standIn(emu.url);
  const prompts = [];
  for (const kind of ['showErrorMessage', 'showWarningMessage', 'showInformationMessage']) {
    stand.vscode.window[kind] = async (message, ...items) => {
      prompts.push({ kind, message: String(message), items: items.filter((i) => typeof i === 'string') });
      return undefined;
    };
  }
  const api = activate(stand, input.storageDir);
  await api.auth.signInWith(STS_CREDENTIALS);
  await showView();
  // The window settles: the deferred watcher starts, the first checks run, the search index warms up.
  await advance(api, emu, 2 * 60_000);
  const minutes = input.minutes;

  // Idle: unfocused, every view hidden.
  stand.setFocused(false);
  for (const view of stand.views) view.setVisible(false);
  await advance(api, emu, 60_000);
  reset(emu);
  await advance(api, emu, minutes * 60_000);
  const idle = cost(emu, minutes);

  // The Tickets view on screen, the window focused.
  stand.setFocused(true);
  stand.views.find((v) => v.id === 'aliyunTickets.explorer')?.setVisible(true);
  await showView();
  await advance(api, emu, 60_000);
  reset(emu);
  let reads = api.search.backfillReads();
  await advance(api, emu, minutes * 60_000);
  const visible = { ...cost(emu, minutes), fillReads: api.search.backfillReads() - reads };

  // Sleep: the lid closes (the window loses the focus), the wall clock jumps three hours while timers stand still, the
  // STS token expires meanwhile; the lid opens (the focus comes back). Then two minutes.
  stand.setFocused(false);
  await advance(api, emu, 1000);
  reset(emu);
  prompts.length = 0;
  wallOffset += 3 * 3600_000;
  emu.expireToken(STS_CREDENTIALS.accessKeyId);
  stand.setFocused(true);
  reads = api.search.backfillReads();
  await advance(api, emu, 2 * 60_000);
  const woken = {
    ...cost(emu, 2),
    fillReads: api.search.backfillReads() - reads,
    fillDue: api.search.backfillDue(),
    fillStoppedForSignIn: api.search.backfillStoppedForSignIn(),
  };
  const wake = {
    ...woken,
    // The Tickets view's refreshes: its timer's runs (a catch-up is one that falls due at once).
    viewRefreshes: Object.entries(woken.timers)
      .filter(([origin]) => /RefreshTimer/.test(origin))
      .reduce((sum, [, n]) => sum + n, 0),
    watcherPolls: woken.requests['ListTickets (watcher)'] ?? 0,
    prompts: [...prompts],
    signInPrompts: prompts.filter((p) => p.items.includes('Sign In')).length,
  };

  // Signed in again (a long-term key this time): the fill starts again, and the view stays on screen until it has read
  // every unfinished ticket (the demo has 150; at most an hour), then ten more minutes.
  await api.auth.signInWith(DEMO_CREDENTIALS);
  await showView();
  for (let waited = 0; api.search.backfillDue() > 0 && waited < 60; waited++) await advance(api, emu, 60_000);
  reset(emu);
  reads = api.search.backfillReads();
  await advance(api, emu, minutes * 60_000);
  const indexed = {
    ...cost(emu, minutes),
    fillReads: api.search.backfillReads() - reads,
    dueAtStart: api.search.backfillDue(),
  };

  process.stdout.write(JSON.stringify({ idle, visible, indexed, wake, pendingTimers: queue.size }) + '\n');
  await emu.stop();
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
