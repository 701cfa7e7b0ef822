// Sending a draft: one CreateTicket, never repeated by us. When the outcome is unknown (5xx, timeout, a connection
// dropped after the request went out) the new tickets of the last minutes are checked for this one before anything
// is offered again. No vscode import: tested in plain Node against the emulator.
import { isTicketApiError } from '../../api/errors';
import type { CreateTicketInput, ListTicketsQuery, RequestOptions, TicketPage, TicketSummary } from '../../api/types';
import { toCreateInput, type TicketDraft } from './draft';

export interface CreateTicketApi {
  createTicket(input: CreateTicketInput, options?: RequestOptions): Promise<string>;
  listTickets(query: ListTicketsQuery, options?: RequestOptions): Promise<TicketPage>;
}

export type SubmitOutcome =
  | {
      kind: 'created';
      ticketId: string;
      /** 'list': the answer was lost, the ticket was found afterwards. */ confirmedBy: 'answer' | 'list';
    }
  | { kind: 'failed'; error: unknown }
  /** The server may have created it, and no new ticket with this title was found: the user decides to send again. */
  | { kind: 'unconfirmed'; error: unknown };

/** How far around the send the search for a just-created ticket looks (creation time; clocks differ a little). */
const LOOK_BEFORE_MS = 10 * 60_000;
const LOOK_AFTER_MS = 10 * 60_000;

/** Whether a listed ticket is the draft just sent: its title, or (no title given) the start of the description. */
export function matchesDraft(summary: TicketSummary, draft: TicketDraft): boolean {
  const title = summary.title.trim();
  if (!title) return false;
  if (draft.title.trim()) return title === draft.title.trim();
  const firstLine = draft.description.trim().split('\n')[0].trim();
  return firstLine !== '' && firstLine.startsWith(title.replace(/…$/, ''));
}

export async function submitDraft(
  api: CreateTicketApi,
  draft: TicketDraft,
  now: () => number = Date.now,
): Promise<SubmitOutcome> {
  const startedAt = now();
  try {
    return { kind: 'created', ticketId: await api.createTicket(toCreateInput(draft)), confirmedBy: 'answer' };
  } catch (error) {
    if (!isTicketApiError(error) || error.kind !== 'unknownOutcome') return { kind: 'failed', error };
    const found = await findJustCreated(api, draft, startedAt, now()).catch(() => undefined);
    return found ? { kind: 'created', ticketId: found, confirmedBy: 'list' } : { kind: 'unconfirmed', error };
  }
}

/** The newest ticket created around `startedAt` that matches the draft, if any (one ListTickets page). */
export async function findJustCreated(
  api: CreateTicketApi,
  draft: TicketDraft,
  startedAt: number,
  now: number,
): Promise<string | undefined> {
  const page = await api.listTickets({
    pageNumber: 1,
    pageSize: 20,
    startDate: Math.max(0, startedAt - LOOK_BEFORE_MS),
    endDate: now + LOOK_AFTER_MS,
  });
  return page.tickets.find((t) => matchesDraft(t, draft))?.ticketId;
}
