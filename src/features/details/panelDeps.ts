// What a ticket panel needs from the rest of the extension (TicketPanels hands the same to each panel).
import type * as vscode from 'vscode';
import type { Ticket, TicketNote } from '../../api/types';
import { WebviewTypes } from '../../common/commands';
import type { TicketLog } from '../../log/log';
import type { KnownTicket } from '../../tickets/lastKnown';
import type { TicketService } from '../../tickets/types';
import type { RecentTickets } from '../open-ticket/recentTickets';
import type { PanelActingDeps } from './actingAdapter';

export const DETAILS_VIEW_TYPE = WebviewTypes.details;

export interface TicketPanelsDeps {
  extensionUri: vscode.Uri;
  service: TicketService;
  signIn: () => Promise<boolean>;
  recent: RecentTickets;
  log: TicketLog;
  /** A panel opened or became the active one (the explorer reveals the ticket in its tree). Failures are ignored. */
  onDidShowTicket?: (ticketId: string) => PromiseLike<unknown> | void;
  /**
   * What is already known of a ticket (src/tickets/lastKnown.ts: what the server last said): a panel whose ticket and
   * conversation are known paints them at once, in its first document, and refreshes them in place.
   */
  known?: (ticketId: string) => { ticket?: Ticket; notes?: readonly TicketNote[] } | undefined;
  /** Reply, close, reopen, rate, unread marks, category names and auto-refresh (absent: the panel only reads). */
  acting?: PanelActingDeps;
  /** What the server last said about a ticket: shown, marked offline, when the server cannot be reached. */
  lastKnown?: {
    load(): Promise<void>;
    get(ticketId: string): KnownTicket | undefined;
    /** The user sent this note as Confidential (the conversation marks it; the server's notes do not say). */
    isConfidential(dialogId: string): boolean;
  };
}
