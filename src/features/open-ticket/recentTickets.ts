// Recently opened tickets, offered first by Open Ticket. Kept in the signed-in account's scope (common/accountScope.ts):
// ids and titles only, never credentials; nothing while signed out. The store is structural (get/update) so unit tests
// can pass a Map-backed one.

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

/** The key in the account's scope. */
export const RECENT_TICKETS_KEY = 'recentTickets';
export const MAX_RECENT_TICKETS = 20;
const MAX_TITLE_LENGTH = 200;

export class RecentTickets {
  constructor(
    /** The signed-in account's store; undefined while signed out. */
    private readonly store: () => KeyValueStore | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  list(): RecentTicket[] {
    return this.listIn(this.store());
  }

  private listIn(store: KeyValueStore | undefined): RecentTicket[] {
    const raw = store?.get<unknown>(RECENT_TICKETS_KEY);
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((r): r is RecentTicket => !!r && typeof r.ticketId === 'string' && typeof r.title === 'string')
      .map((r) => ({ ticketId: r.ticketId, title: r.title, openedAt: Number(r.openedAt) || 0 }));
  }

  /** Moves the ticket to the front (with its latest title) and keeps the list short. */
  async remember(ticketId: string, title: string | undefined): Promise<void> {
    const store = this.store();
    if (!store) return;
    const previous = this.listIn(store);
    const known = previous.find((r) => r.ticketId === ticketId);
    const entry: RecentTicket = {
      ticketId,
      title: (title ?? known?.title ?? '').slice(0, MAX_TITLE_LENGTH),
      openedAt: this.now(),
    };
    const next = [entry, ...previous.filter((r) => r.ticketId !== ticketId)].slice(0, MAX_RECENT_TICKETS);
    await store.update(RECENT_TICKETS_KEY, next);
  }
}
