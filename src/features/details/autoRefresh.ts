// A panel's own refresh timer: every aliyunTickets.details.autoRefreshSeconds (read when started; 0 = off) it asks
// whether now is a good moment (on screen, not loading, no write under way) and then refreshes.
export class AutoRefresh {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly seconds: () => number,
    private readonly shouldRefresh: () => boolean,
    private readonly refresh: () => void,
  ) {}

  /** (Re)starts with the current setting. */
  restart(): void {
    this.stop();
    const seconds = this.seconds();
    if (seconds > 0) this.timer = setInterval(() => this.shouldRefresh() && this.refresh(), seconds * 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
