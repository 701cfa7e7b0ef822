// Open Ticket asks the server about the id in the box while the person reads its row: the row then says the ticket's
// title and status (or that the account has no such ticket), so a wrong id shows before Enter, and Enter opens a
// panel whose ticket and conversation are already in the ticket service's cache, so the panel writes its first document
// at once instead of asking while the window makes the webview. Only reads are asked, through the service (its cache,
// its one request per key): a panel opened while they are under way joins them. No vscode import: unit tests drive it.
import { t } from '../../common/l10n';
import { quickPickText } from '../../common/untrustedText';
import type { TicketStatus } from '../../api/types';
import { toTicketApiError } from '../../tickets/ticketService';
import { statusText, titleText } from '../../tickets/display';
import type { TicketService } from '../../tickets/types';

/** What the server said about a typed id. 'unknown': no answer that says (signed out, offline, throttled, aborted). */
export type TypedTicketLookup =
  { kind: 'found'; title: string; status: TicketStatus | undefined } | { kind: 'notFound' } | { kind: 'unknown' };

/**
 * How long the box's id must stay the same before it is looked up. A pasted id is asked for after this; typed, an id
 * of 10 characters is already one of 9 a key before, and people type a key every 150–300 ms, so the 9-character one
 * is usually not asked for. A person takes longer than this to read the row before pressing Enter.
 */
export const LOOK_UP_AFTER_MS = 120;

/** The ticket and its conversation, as a panel will ask for them (the cache then has both for it). */
export async function lookUpTicket(
  service: Pick<TicketService, 'getTicket' | 'getNotes'>,
  ticketId: string,
  signal: AbortSignal,
): Promise<TypedTicketLookup> {
  const [ticket] = await Promise.allSettled([
    service.getTicket(ticketId, { signal }),
    service.getNotes(ticketId, { signal }),
  ]);
  if (ticket.status === 'fulfilled') return { kind: 'found', title: ticket.value.title, status: ticket.value.status };
  return toTicketApiError(ticket.reason).kind === 'notFound' ? { kind: 'notFound' } : { kind: 'unknown' };
}

/**
 * The typed row's description: the ticket's title and status once known, "not found in this account" when the server
 * said so (Enter still opens it: the panel says why and offers another ticket), else `otherwise`.
 */
export function typedRowDescription(lookup: TypedTicketLookup | undefined, otherwise: string): string {
  if (lookup?.kind === 'found') return `${titleText(lookup.title, quickPickText)} · ${statusText(lookup.status)}`;
  if (lookup?.kind === 'notFound') return t('not found in this account');
  return otherwise;
}

/** The lookups of one Open Ticket box: one id at a time, asked once it stayed in the box LOOK_UP_AFTER_MS. */
export class TypedTicketLookups {
  private readonly results = new Map<string, TypedTicketLookup>();
  private ticketId: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private closed = false;

  constructor(
    private readonly lookUp: (ticketId: string, signal: AbortSignal) => Promise<TypedTicketLookup>,
    /** An answer came for this id, or one was dropped (the box may hold another id by now): its row is drawn again. */
    private readonly onAnswer: (ticketId: string) => void,
    private readonly delayMs = LOOK_UP_AFTER_MS,
  ) {}

  /** What the server said about this id, if it answered. */
  result(ticketId: string): TypedTicketLookup | undefined {
    return this.results.get(ticketId);
  }

  /** The box now holds this id (undefined: none): another id than before stops waiting for the earlier one. */
  typed(ticketId: string | undefined): void {
    if (this.closed || ticketId === this.ticketId) return;
    this.stopWaiting();
    this.ticketId = ticketId;
    if (ticketId === undefined || this.results.has(ticketId)) return;
    this.askLater(ticketId);
  }

  /**
   * Everything the server said may be another account's now (a sign-in, a sign-out, another site): the answers are
   * dropped, the row goes back to what it says without one, and the box's id is asked again.
   */
  forgetAll(): void {
    if (this.closed) return;
    this.results.clear();
    const ticketId = this.ticketId;
    if (ticketId === undefined) return;
    this.stopWaiting();
    this.onAnswer(ticketId);
    this.askLater(ticketId);
  }

  /**
   * The box closed. `opening`: its id is being opened, so a lookup under way is left to finish for the panel (which
   * joins it); otherwise it is aborted. Nothing is reported any more either way.
   */
  close(opening: boolean): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    if (!opening) this.controller?.abort();
  }

  private stopWaiting(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Only this box's wait: a panel that asked for the same ticket keeps its request (the service shares it).
    this.controller?.abort();
    this.controller = undefined;
  }

  private askLater(ticketId: string): void {
    this.timer = setTimeout(() => this.ask(ticketId), this.delayMs);
  }

  private ask(ticketId: string): void {
    const controller = new AbortController();
    this.controller = controller;
    void this.lookUp(ticketId, controller.signal)
      .catch((): TypedTicketLookup => ({ kind: 'unknown' }))
      .then((lookup) => {
        if (this.controller === controller) this.controller = undefined;
        // An aborted wait says nothing about the ticket; an unknown answer is not kept, so the id is asked again.
        if (controller.signal.aborted || this.closed) return;
        if (lookup.kind !== 'unknown') this.results.set(ticketId, lookup);
        this.onAnswer(ticketId);
      });
  }
}
