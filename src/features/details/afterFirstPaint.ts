// What a new panel changes in the window besides its webview waits until the page painted: its tab's title once the
// ticket loaded and its icon, the Tickets view following the ticket, the answers it shows marked seen (the Inbox and the
// bell redraw) and the recent tickets (a memento write). A bare webview changes none of these, and the window's main
// thread, which the workbench shares with every webview, was laying out the tab strip again for the new title (50 ms in
// a CPU profile of bench:ui under load) and relabelling the tabs for the icon (8 ms) while the webview host still had
// our document to parse and write. A page that never says it painted (a background tab, whose page VS Code may have
// unloaded) gets them after a short wait instead of never.

export class AfterFirstPaint {
  private done = false;
  private closed = false;
  /** What waits, by what it changes: a later task of the same kind replaces one not run yet (the newest title wins). */
  private readonly waiting = new Map<string, () => void>();
  private fallback: ReturnType<typeof setTimeout> | undefined;

  constructor(paintWaitMs = 1500) {
    this.fallback = setTimeout(() => this.painted(), paintWaitMs);
    this.fallback.unref?.();
  }

  /** Runs `task` now if the page painted (or the wait is over), else right after that. */
  run(kind: string, task: () => void): void {
    if (this.closed) return;
    if (this.done) task();
    else this.waiting.set(kind, task);
  }

  /** Drops the task of this kind that waits, if any (what it would change was set otherwise meanwhile). */
  cancel(kind: string): void {
    this.waiting.delete(kind);
  }

  /** The page painted: what waited runs now, in the order it came; later tasks run at once. */
  painted(): void {
    if (this.done || this.closed) return;
    this.done = true;
    clearTimeout(this.fallback);
    this.fallback = undefined;
    const tasks = [...this.waiting.values()];
    this.waiting.clear();
    for (const task of tasks) task();
  }

  /** The panel closed: nothing that waits runs any more. */
  dispose(): void {
    this.closed = true;
    clearTimeout(this.fallback);
    this.fallback = undefined;
    this.waiting.clear();
  }
}

/** A panel's tab title: a new one waits for the first paint; one that must change at once (another account) does. */
export class TabTitle {
  constructor(
    private readonly afterPaint: AfterFirstPaint,
    private readonly show: (title: string) => void,
  ) {}

  later(title: string): void {
    this.afterPaint.run('title', () => this.show(title));
  }

  now(title: string): void {
    this.afterPaint.cancel('title');
    this.show(title);
  }
}
