import type {
  ListTicketsQuery,
  RequestOptions,
  StatusValue,
  Ticket,
  TicketNote,
  TicketPage,
  TicketSummary,
} from '../api/types';

export interface FetchOptions {
  signal?: AbortSignal;
  /** Skip the cache and ask the server (the Refresh button). */
  force?: boolean;
  /** Prefetching: waits behind every request someone is waiting for (hovers, tooltips, panels). */
  background?: boolean;
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
  /** A request is likely soon (a ticket id is on screen): open the connection now, if signed in. */
  warm(): void;
  /** Forget one ticket, or everything (sign-out, endpoint change). */
  invalidate(ticketId?: string): void;
  /**
   * Called after invalidate() and when a fetch shows that a ticket changed (status or title differ from what was
   * cached). ticketId is undefined when everything was dropped. Returns a disposer.
   */
  onDidChange(listener: (event: TicketChangeEvent) => void): { dispose(): void };
}

/** What the server answered for one ticket: its details or its whole conversation. */
export type TicketLoadEvent =
  | { kind: 'ticket'; ticketId: string; ticket: Ticket }
  | { kind: 'notes'; ticketId: string; notes: TicketNote[] }
  /** A ListTickets page (titles and statuses of the tickets on it). */
  | { kind: 'page'; tickets: TicketSummary[] };

export interface TicketChangeEvent {
  /** undefined: everything may have changed (sign-in / sign-out / endpoint change). */
  ticketId?: string;
  /**
   * Set when the change is a status the service just learned (a GetTicket or ListTickets answer) that differs from the
   * one it had seen before for this ticket (previousStatus): the ticket moved, and every view of it should follow.
   */
  status?: StatusValue;
  previousStatus?: StatusValue;
}

/** The part of TicketClient (src/api/client.ts) the service uses; structural, so tests can pass the real client. */
export interface TicketClientLike {
  getTicket(ticketId: string, options?: RequestOptions): Promise<Ticket>;
  listTickets(query: ListTicketsQuery, options?: RequestOptions): Promise<TicketPage>;
  listTicketNotes(ticketId: string, options?: RequestOptions): Promise<TicketNote[]>;
  /** Opens connections before a request needs them (TicketClient.warm). */
  warm?(): void;
}

export interface TicketServiceOptions {
  /** The signed-in client, or undefined when signed out (requests then fail with kind 'signedOut'). */
  getClient: () => Promise<TicketClientLike | undefined> | TicketClientLike | undefined;
  /** How long a ticket or its notes stay fresh. Default 120 000 ms. */
  ttlMs?: number;
  /** How long a ListTickets page stays fresh (short: the explorer wants new tickets soon). Default 20 000 ms. */
  listTtlMs?: number;
  /** How long a "no such ticket" answer is remembered, so hovers on a wrong id don't ask again and again. Default 60 000 ms. */
  notFoundTtlMs?: number;
  /** Entries per cache (tickets, notes, pages each). Default 500. */
  maxEntries?: number;
  /** Requests in flight at once; more wait in a queue. Default 4. */
  maxConcurrent?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Counters for tests, benchmarks and the log. */
export interface TicketServiceStats {
  /** Requests handed to the client so far. */
  requestsStarted: number;
  inFlight: number;
  queued: number;
  /** The most requests that were in flight at one time. */
  maxInFlightSeen: number;
  cacheHits: number;
  /** Callers that joined a request already under way instead of sending their own. */
  joined: number;
  /** Entries held by the caches (tickets, conversations, list pages), and the most they may hold together. */
  cachedEntries: number;
  cacheCap: number;
}
