// A write to storage that follows typing: the latest text is kept in memory at once and written a moment after the
// typing stops, or at once when asked (a send, the panel closing). Fewer storage writes per keystroke, and nothing
// typed is lost when the page goes: the page tells the extension every change as it happens, and whoever closes the
// page calls flush(). No vscode import.

/** How long after the last change the write waits. */
export const TYPING_WRITE_DELAY_MS = 300;

export class PendingWrite {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly delayMs = TYPING_WRITE_DELAY_MS,
  ) {}

  /** Something changed: it is written once the changes pause. */
  soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write().catch(() => undefined);
    }, this.delayMs);
  }

  /** Writes now (a pending write is done by this one). */
  now(): Promise<void> {
    this.cancel();
    return this.write();
  }

  /** Writes now if a change waits; else nothing. */
  flush(): Promise<void> {
    return this.timer === undefined ? Promise.resolve() : this.now();
  }

  /** Drops a waiting write (its storage is not this one's to write any more: another account is signed in). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  get waiting(): boolean {
    return this.timer !== undefined;
  }
}
