// Auto-refresh that runs only while the view is visible: hidden views cost no requests. When the view shows again
// after the interval has passed, it refreshes at once. No vscode import.

/** Intervals below this (except 0 = off) are raised to it: the Ticket API throttles. */
export const MIN_AUTO_REFRESH_SECONDS = 30;

export function normalizeAutoRefreshSeconds(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) return 0;
  return Math.max(MIN_AUTO_REFRESH_SECONDS, Math.round(n));
}

export class RefreshTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private visible = false;
  private intervalMs = 0;
  /** While set (the view shows its offline list), refreshes come this often instead (even with auto-refresh off). */
  private retryMs: number | undefined;
  private lastRefresh: number;

  constructor(
    private readonly onRefresh: () => Promise<unknown> | unknown,
    private readonly now: () => number = Date.now,
  ) {
    this.lastRefresh = now();
  }

  /** 0 turns auto-refresh off. */
  setIntervalSeconds(seconds: number): void {
    this.intervalMs = normalizeAutoRefreshSeconds(seconds) * 1000;
    this.schedule();
  }

  /** The view is offline: refresh every `ms` while it is visible; undefined goes back to the interval. */
  setRetry(ms: number | undefined): void {
    if (ms === this.retryMs) return;
    this.retryMs = ms;
    this.schedule();
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.schedule();
  }

  /** Someone refreshed by hand (or the tree loaded): the next automatic one counts from now. */
  markRefreshed(): void {
    this.lastRefresh = this.now();
    this.schedule();
  }

  /**
   * The window has the focus again, perhaps after the laptop slept: a refresh that is overdue by the wall clock runs now
   * (once), instead of when the timer's own clock, stopped during the sleep, gets there.
   */
  catchUp(): void {
    const every = this.retryMs ?? this.intervalMs;
    if (this.visible && every > 0 && this.now() - this.lastRefresh >= every) this.schedule();
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    this.clear();
    this.visible = false;
  }

  private schedule(): void {
    this.clear();
    const every = this.retryMs ?? this.intervalMs;
    if (!this.visible || every === 0) return;
    const due = Math.max(0, this.lastRefresh + every - this.now());
    this.timer = setTimeout(() => void this.fire(), due);
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    this.lastRefresh = this.now();
    try {
      await this.onRefresh();
    } catch {
      // The view shows its own error state; the timer keeps going.
    }
    this.schedule();
  }

  private clear(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
