// Recently opened tickets, offered first by Open Ticket. Kept in globalState: ids and titles only, never credentials.
// The store is structural (get/update) so unit tests can pass a Map-backed one.

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface RecentTicket {
  ticketId: string;
  title: string;
  /** Epoch ms of the last open. */
  openedAt: number;
}

export const RECENT_TICKETS_KEY = 'aliyunTickets.recentTickets';
export const MAX_RECENT_TICKETS = 20;
const MAX_TITLE_LENGTH = 200;

export class RecentTickets {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  list(): RecentTicket[] {
    const raw = this.store.get<unknown>(RECENT_TICKETS_KEY);
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((r): r is RecentTicket => !!r && typeof r.ticketId === 'string' && typeof r.title === 'string')
      .map((r) => ({ ticketId: r.ticketId, title: r.title, openedAt: Number(r.openedAt) || 0 }));
  }

  /** Moves the ticket to the front (with its latest title) and keeps the list short. */
  async remember(ticketId: string, title: string | undefined): Promise<void> {
    const previous = this.list();
    const known = previous.find((r) => r.ticketId === ticketId);
    const entry: RecentTicket = {
      ticketId,
      title: (title ?? known?.title ?? '').slice(0, MAX_TITLE_LENGTH),
      openedAt: this.now(),
    };
    const next = [entry, ...previous.filter((r) => r.ticketId !== ticketId)].slice(0, MAX_RECENT_TICKETS);
    await this.store.update(RECENT_TICKETS_KEY, next);
  }

  async clear(): Promise<void> {
    await this.store.update(RECENT_TICKETS_KEY, undefined);
  }
}
