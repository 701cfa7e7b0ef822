import type { ListTicketsQuery, Ticket, TicketNote, TicketPage } from '../api/types';

export interface FetchOptions {
  signal?: AbortSignal;
  /** Skip the cache and ask the server (the Refresh button). */
  force?: boolean;
}

/**
 * The one way features read tickets: a cache (LRU + TTL) shared by the explorer, hovers and the webview,
 * in-flight de-duplication (many callers for one id send one request) and a cap on concurrent requests.
 * Throws TicketApiError (kind 'signedOut' when there are no credentials).
 */
export interface TicketService {
  getTicket(ticketId: string, options?: FetchOptions): Promise<Ticket>;
  getNotes(ticketId: string, options?: FetchOptions): Promise<TicketNote[]>;
  listTickets(query: ListTicketsQuery, options?: FetchOptions): Promise<TicketPage>;
  /** The cached ticket if fresh, without any request (cheap hovers and tooltips). */
  peekTicket(ticketId: string): Ticket | undefined;
  /** Forget one ticket, or everything (sign-out, endpoint change). */
  invalidate(ticketId?: string): void;
}
