// Which write actions make sense for a ticket in a given status. The API documents none of this; the rules below are
// the inferred ones of shared/reference/ticket-api.md (and the emulator's table). They decide what the panel OFFERS:
// the server has the last word, and its refusal is shown in plain words.
import type { StatusValue } from '../api/types';
import { COMPLETED, TO_BE_CONFIRMED } from './status';

export interface TicketActions {
  /** Reply under the conversation: while support is still on it (statuses 1–5). */
  reply: boolean;
  /** Close: any status before "completed" (6). */
  close: boolean;
  /** Reopen (with a reason): once support considers it done (5 to be confirmed, 6 completed). */
  reopen: boolean;
  /** Rate (solved, 1–5 stars, comment): at 5 or 6. */
  rate: boolean;
}

export function ticketActions(status: number | undefined): TicketActions {
  const value = (typeof status === 'number' && status >= 1 && status <= 6 ? status : 0) as StatusValue | 0;
  if (value === 0) return { reply: false, close: false, reopen: false, rate: false };
  return {
    reply: value !== COMPLETED,
    close: value !== COMPLETED,
    reopen: value === TO_BE_CONFIRMED || value === COMPLETED,
    rate: value === TO_BE_CONFIRMED || value === COMPLETED,
  };
}
