// Scrolling a ticket panel to one note (an inbox entry, a link to an answer): the request waits until the conversation
// is on the page, then goes once. No vscode import.
export class NoteFocus {
  /** The note to scroll to once the conversation is on the page ('' = the description). */
  private pending: string | undefined;
  /** The note the page was last told to scroll to. */
  private last: string | undefined;

  /** post: false while the page cannot take it (no conversation on it yet, or hidden). */
  constructor(private readonly post: (dialogId: string) => boolean) {}

  request(dialogId: string | undefined): void {
    if (dialogId === undefined) return;
    this.pending = dialogId;
    this.flush();
  }

  /** The conversation may be on the page now: sends what waits. */
  flush(): void {
    if (this.pending === undefined || !this.post(this.pending)) return;
    this.last = this.pending;
    this.pending = undefined;
  }

  lastSent(): string | undefined {
    return this.last;
  }
}
