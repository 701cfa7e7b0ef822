/**
 * Runs at most `max` tasks at once; the rest wait in FIFO order. A queued task whose signal fires before
 * its turn is dropped without running.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly queue: Array<{ start: () => void; signal?: AbortSignal }> = [];
  private peak = 0;

  constructor(readonly max: number) {
    if (!(max >= 1)) {
      throw new RangeError('maxConcurrent must be at least 1');
    }
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** The most tasks that ran at one time. */
  get maxSeen(): number {
    return this.peak;
  }

  /**
   * Runs task when a slot is free. If signal fires while the task waits, it is removed from the queue and
   * the returned promise rejects with `onAbortedWhileQueued()`.
   */
  run<T>(task: () => Promise<T>, signal: AbortSignal | undefined, onAbortedWhileQueued: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
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
      if (this.running < this.max) {
        start();
        return;
      }
      const entry = { start, signal };
      this.queue.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          const index = this.queue.indexOf(entry);
          if (index >= 0) {
            this.queue.splice(index, 1);
            reject(onAbortedWhileQueued());
          }
        },
        { once: true },
      );
    });
  }

  private next(): void {
    while (this.running < this.max && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      if (entry.signal?.aborted) {
        continue;
      }
      entry.start();
    }
  }
}
