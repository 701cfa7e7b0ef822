/**
 * Runs at most `max` tasks at once; the rest wait in FIFO order. A queued task whose signal fires before
 * its turn is dropped without running. pauseFor() holds every task that has not started yet (the server said
 * "too many requests, wait"): one throttled answer slows the others instead of letting them fail too.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly queue: Array<{ start: () => void; signal?: AbortSignal }> = [];
  /** Waits behind everything in `queue` (prefetching that must not delay what a user is looking at). */
  private readonly backgroundQueue: Array<{ start: () => void; signal?: AbortSignal }> = [];
  private peak = 0;
  private pausedUntil = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly max: number) {
    if (!(max >= 1)) {
      throw new RangeError('maxConcurrent must be at least 1');
    }
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length + this.backgroundQueue.length;
  }

  /** The most tasks that ran at one time. */
  get maxSeen(): number {
    return this.peak;
  }

  /**
   * Runs task when a slot is free. If signal fires while the task waits (or has already fired), the task never runs
   * and the returned promise rejects with `onAbortedWhileQueued()`.
   */
  run<T>(
    task: () => Promise<T>,
    signal: AbortSignal | undefined,
    onAbortedWhileQueued: () => Error,
    background = false,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        // The 'abort' event has already fired: queued, this task would wait for it forever.
        reject(onAbortedWhileQueued());
        return;
      }
      const start = () => {
        this.running++;
        this.peak = Math.max(this.peak, this.running);
        let settled: Promise<T>;
        try {
          settled = task();
        } catch (err) {
          settled = Promise.reject(err);
        }
        settled.then(resolve, reject).finally(() => {
          this.running--;
          this.next();
        });
      };
      // Both queues are empty whenever a slot is free and no pause holds them (next() drains them), so a free slot
      // outside a pause means "run now".
      if (this.running < this.max && !this.paused()) {
        start();
        return;
      }
      const onAbort = () => {
        for (const held of [this.queue, this.backgroundQueue]) {
          const index = held.indexOf(entry);
          if (index >= 0) {
            held.splice(index, 1);
            reject(onAbortedWhileQueued());
          }
        }
      };
      const entry = {
        signal,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          start();
        },
      };
      (background ? this.backgroundQueue : this.queue).push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves a queued background task (found by its signal) to the end of the foreground queue. */
  promote(signal: AbortSignal): void {
    const index = this.backgroundQueue.findIndex((entry) => entry.signal === signal);
    if (index >= 0) {
      const [entry] = this.backgroundQueue.splice(index, 1);
      this.queue.push(entry);
    }
  }

  /** Starts nothing new for `ms` (a longer pause already under way is kept). */
  pauseFor(ms: number, now = Date.now()): void {
    if (!(ms > 0) || now + ms <= this.pausedUntil) return;
    this.pausedUntil = now + ms;
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => {
      this.pauseTimer = undefined;
      this.pausedUntil = 0;
      this.next();
    }, ms);
    // A pause must not keep a process alive on its own (tests, a closing extension host).
    this.pauseTimer.unref?.();
  }

  private paused(): boolean {
    return Date.now() < this.pausedUntil;
  }

  private next(): void {
    if (this.paused()) return;
    while (this.running < this.max && this.queue.length + this.backgroundQueue.length > 0) {
      // An entry is dropped from its queue when its signal fires, so every entry here is still wanted.
      (this.queue.length > 0 ? this.queue : this.backgroundQueue).shift()!.start();
    }
  }
}
