// Which write actions make sense for a ticket in a given status. The API documents none of this; the rules below are
// the inferred ones of shared/reference/ticket-api.md (and the emulator's table). They decide what the panel OFFERS:
// the server has the last word, and its refusal is shown in plain words.
import { isFinished, isSolved, isStatusValue } from './status';

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
  if (!isStatusValue(status)) return { reply: false, close: false, reopen: false, rate: false };
  return { reply: !isFinished(status), close: !isFinished(status), reopen: isSolved(status), rate: isSolved(status) };
}
