// What a ticket panel shows after a load: the ticket with its conversation, the old data with a refresh banner when
// part of the load failed, or the error alone. Pure: the panel (ticketPanel.ts) runs the requests and applies this.
import type { Ticket, TicketNote } from '../../api/types';
import { needsSignIn } from '../../common/errors';
import { errorText } from '../../common/errorText';
import { panelTitleText } from '../../common/untrustedText';
import { errorView, type DetailsView } from './render';

export type TicketView = Extract<DetailsView, { kind: 'ticket' }>;

/**
 * The ticket could not be loaded: a panel that showed it keeps it with the reason in its refresh banner (unless the
 * user must sign in: then nothing of it stays); one that showed nothing shows the error.
 */
export function viewAfterFailedLoad(ticketId: string, error: unknown, previous: TicketView | undefined): DetailsView {
  if (previous && !needsSignIn(error)) return { ...previous, refreshing: false, refreshError: errorText(error) };
  return errorView(ticketId, error);
}

/**
 * The ticket loaded; its conversation may not have. A refresh whose conversation request fails keeps the conversation
 * already on screen and says so in the refresh banner: one failed Refresh must not take the whole conversation off
 * the screen. Returns the view and the notes it shows.
 */
export function viewAfterLoad(
  ticket: Ticket,
  notes: PromiseSettledResult<TicketNote[]>,
  previous: TicketView | undefined,
  notesOnScreen: TicketNote[],
  extra: Pick<TicketView, 'categoryName' | 'newNotes'> & {
    /** Which of the user's notes were sent as Confidential (lastKnown.ts remembers their ids). */
    sentConfidential?: { isConfidential(dialogId: string): boolean };
  },
): { view: TicketView; notes: TicketNote[] } {
  const { sentConfidential, ...marks } = extra;
  const failed = notes.status === 'rejected' ? notes.reason : undefined;
  const keepNotes = failed !== undefined && previous !== undefined && !previous.notesError;
  const shown = notes.status === 'fulfilled' ? notes.value : keepNotes ? notesOnScreen : [];
  return {
    notes: shown,
    view: {
      kind: 'ticket',
      ticket,
      notes: shown,
      notesError: failed !== undefined && !keepNotes ? errorText(failed) : undefined,
      refreshError: failed !== undefined && keepNotes ? errorText(failed) : undefined,
      confidentialNotes: new Set(
        shown.filter((n) => sentConfidential?.isConfidential(n.dialogId)).map((n) => n.dialogId),
      ),
      ...marks,
    },
  };
}

/**
 * The tab's first title: a known ticket's (its ticket and conversation, which the panel paints at once: panelTitle),
 * else the id. The panel is made with it, so a known ticket's tab is not relabelled while the window makes the webview.
 */
export function firstTabTitle(
  ticketId: string,
  known: { ticket?: { title: string }; notes?: readonly unknown[] } | undefined,
): string {
  return known?.ticket && known.notes ? panelTitle(ticketId, known.ticket.title) : ticketId;
}

/** The tab's title: "0005PYGCW · Title", short, one line. */
export function panelTitle(ticketId: string, title: string): string {
  const id = panelTitleText(ticketId, 64);
  const clean = panelTitleText(title || '', 40);
  return clean ? `${id} · ${clean}` : id;
}
