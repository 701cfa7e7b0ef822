// A fake clock for a child that runs the extension: timers (setTimeout, setInterval) on a monotonic clock the child
// moves on by hand, Date on a wall clock (the monotonic one plus an offset that can jump, as after a laptop's sleep).
// Install it before anything else loads, so that every timer the extension makes is one of these. Used by the idle
// bench (idle-child.cjs) and the several-windows harness (window-child.cjs), whose windows all start from one wall time.
'use strict';

/**
 * Replaces the timers and Date of this process. `wallStart`: the wall time at monotonic 0 (default: now).
 * Returns the clock: `mono` and `wallOffset` (read and written by the caller), the queue of pending timers, how often
 * each origin (the line that made the timer) fired, and advance().
 */
function installFakeClock(wallStart = Date.now(), monoStart = 0) {
  const real = { setTimeout, clearTimeout, setInterval, clearInterval, Date };
  const clock = {
    mono: monoStart,
    wallOffset: wallStart,
    /** Pending timers: { fn, args, ms, interval, origin, at }. */
    queue: new Set(),
    /** Timers fired, by origin. */
    fired: new Map(),
    real,
    realSleep: (ms) => new Promise((resolve) => real.setTimeout(resolve, ms)),
    /**
     * Moves the monotonic clock on by `ms`, firing what falls due in order; after each, `settle()` lets the work it
     * started (requests, files: real I/O the fake clock does not move) finish.
     */
    async advance(ms, settle) {
      const target = clock.mono + ms;
      for (;;) {
        let next;
        for (const entry of clock.queue) if (entry.at <= target && (!next || entry.at < next.at)) next = entry;
        if (!next) break;
        clock.mono = next.at;
        if (next.interval) next.at += next.ms;
        else clock.queue.delete(next);
        clock.fired.set(next.origin, (clock.fired.get(next.origin) ?? 0) + 1);
        try {
          next.fn(...next.args);
        } catch {
          // A timer's own failure is the extension's to report.
        }
        await settle();
      }
      clock.mono = target;
      await settle();
    },
  };
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
      this.entry.at = clock.mono + this.entry.ms;
      return this;
    }
    close() {
      clock.queue.delete(this.entry);
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
    entry.at = clock.mono + entry.ms;
    clock.queue.add(entry);
    return (entry.timer = new FakeTimer(entry));
  }
  global.setTimeout = (fn, ms, ...args) => schedule(fn, ms, args, false);
  global.setInterval = (fn, ms, ...args) => schedule(fn, ms, args, true);
  global.clearTimeout = global.clearInterval = (timer) => {
    if (timer instanceof FakeTimer) clock.queue.delete(timer.entry);
    else if (timer !== undefined) real.clearTimeout(timer);
  };
  class FakeDate extends real.Date {
    constructor(...args) {
      if (args.length) super(...args);
      else super(clock.wallOffset + clock.mono);
    }
    static now() {
      return clock.wallOffset + clock.mono;
    }
  }
  global.Date = FakeDate;
  return clock;
}

module.exports = { installFakeClock };
