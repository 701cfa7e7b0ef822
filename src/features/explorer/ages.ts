// The age in each Tickets-view row needs the ticket's creation time, which only GetTicket gives (ListTickets has
// none). This decides which rows get one, within a request budget, and remembers the answers. No vscode import.
//
// Budget: a load or refresh fetches the ages of at most one page (AGE_PAGE = 50) of the rows it shows (in expanded
// groups, or the flat list); a group the user expands, or a page the user loads with Load more, gets up to one page
// of its own. Creation times never change, so a known one is never fetched again. A row passed over because the
// budget ran out gets its age in the next load with budget left (a refresh, the other layout, a filter), so every row
// on screen gets one within a few refreshes, and then a refresh in which nothing changed sends no GetTicket. A row
// whose fetch failed is not retried by a refresh, only when the user expands its group again or points at it (the
// tooltip fetches the ticket, which gives the age; when that fails the tooltip says why). A ticket read before (its
// last-known copy, kept across reloads) gives its creation time without a request and spends no budget.
import type { TicketService } from '../../tickets/types';

/** At most this many ages are fetched per load, per expanded group and per Load more: one page of the API's default size. */
export const AGE_PAGE = 50;
/** Remembered creation times (one number each). */
const MAX_REMEMBERED = 5000;

type Pending = 'fetching' | 'failed' | 'skipped';

/** Creation times kept from earlier reads (tickets/lastKnown.ts). */
export interface KnownCreateTimes {
  /** What is in memory now. */
  peek(ticketId: string): number | undefined;
  /** A read of the stored copies under way (right after a reload), to wait for before asking the server. */
  reading(): Promise<void> | undefined;
}

export class TicketAges {
  private readonly createTimes = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  private loadBudget = AGE_PAGE;

  constructor(
    private readonly service: Pick<TicketService, 'getTicket'>,
    /** Called when a row's age became known (or failed), to repaint it. */
    private readonly onDidLearn: (ticketId: string) => void,
    private readonly known?: KnownCreateTimes,
  ) {}

  /** The creation time, when known. */
  createTime(ticketId: string): number | undefined {
    return this.createTimes.get(ticketId);
  }

  /** Keeps a creation time learnt elsewhere (a hover, a tooltip, a panel fetched the ticket). */
  remember(ticketId: string, createTime: number): void {
    if (!Number.isFinite(createTime) || createTime <= 0) return;
    if (this.createTimes.size >= MAX_REMEMBERED && !this.createTimes.has(ticketId)) {
      this.createTimes.delete(this.createTimes.keys().next().value as string);
    }
    this.createTimes.set(ticketId, createTime);
    this.pending.delete(ticketId);
  }

  /**
   * A new load, refresh, layout or filter: a fresh budget for the rows it shows that have no age yet (failed rows
   * excepted).
   */
  startLoad(): void {
    this.loadBudget = AGE_PAGE;
  }

  /** Signed out or another endpoint: nothing known carries over. */
  clear(): void {
    this.createTimes.clear();
    this.pending.clear();
    this.loadBudget = AGE_PAGE;
  }

  /**
   * Rows the tree is showing (children of an expanded group, or the flat list), top first: those without an age,
   * within the load's budget.
   */
  rowsShown(ticketIds: readonly string[]): void {
    for (const ticketId of ticketIds) {
      const pending = this.pending.get(ticketId);
      if (this.createTimes.has(ticketId) || pending === 'fetching' || pending === 'failed') continue;
      if (this.rememberKnown(ticketId)) continue;
      if (this.loadBudget > 0) {
        this.loadBudget--;
        this.fetch(ticketId);
      } else {
        this.pending.set(ticketId, 'skipped');
      }
    }
  }

  /** Rows the user asked for (expanded their group, loaded their page): up to one page of them, failed ones again. */
  rowsRequested(ticketIds: readonly string[]): void {
    let budget = AGE_PAGE;
    for (const ticketId of ticketIds) {
      if (budget <= 0) break;
      if (this.createTimes.has(ticketId) || this.pending.get(ticketId) === 'fetching') continue;
      if (this.rememberKnown(ticketId)) continue;
      budget--;
      this.fetch(ticketId);
    }
  }

  /** Takes the creation time from a copy in memory; true when there was one. */
  private rememberKnown(ticketId: string): boolean {
    const createTime = this.known?.peek(ticketId);
    if (createTime === undefined) return false;
    this.remember(ticketId, createTime);
    return this.createTimes.has(ticketId);
  }

  private fetch(ticketId: string): void {
    this.pending.set(ticketId, 'fetching');
    const reading = this.known?.reading();
    if (!reading) return this.request(ticketId);
    const afterRead = () => {
      if (this.rememberKnown(ticketId)) this.onDidLearn(ticketId);
      else this.request(ticketId);
    };
    reading.then(afterRead, afterRead);
  }

  private request(ticketId: string): void {
    this.service.getTicket(ticketId, { background: true }).then(
      (ticket) => {
        this.remember(ticketId, ticket.createTime);
        if (!this.createTimes.has(ticketId)) this.pending.set(ticketId, 'failed');
        this.onDidLearn(ticketId);
      },
      () => {
        // The row's tooltip asks again when pointed at, and says why if it still fails.
        this.pending.set(ticketId, 'failed');
      },
    );
  }
}
