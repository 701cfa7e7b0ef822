// What TicketActing (ticketActing.ts) needs from the panel and the services: the writes, the account's drafts, the
// page, and the few UI calls (a modal question, the file picker, the secret guard's question).
import type { AskAboutSecrets } from '../secret-guard/guard';
import type { TicketWrites } from '../../tickets/ticketWrites';
import type { AccountDrafts } from './draftStore';
import type { AccountRatings } from './sentRatings';
import type { ToPageMessage } from './protocol';

/** A file the user picked: its size first, the bytes only when it is not too large. */
export interface PickedFile {
  name: string;
  size: number;
  /** False for a pipe, a device or a folder: refused without reading it. */
  regular?: boolean;
  read(): PromiseLike<Uint8Array>;
}

export interface TicketActingDeps {
  ticketId: string;
  writes: Pick<TicketWrites, 'reply' | 'close' | 'reopen' | 'rate' | 'upload' | 'findReply'>;
  /** The drafts of the account the panel shows the ticket for. */
  drafts: AccountDrafts;
  /** The ratings sent from here (the API reads none back): Rate is not offered again for a rated ticket. */
  ratings?: AccountRatings;
  /**
   * The page may hold another account's draft in its saved state (the panel was open across a switch): the first
   * draft it gets replaces whatever it has.
   */
  replacePageDraft?: boolean;
  /** Posts to the page; false when there is no page to take it (hidden: it is rebuilt and says 'ready' later). */
  post(message: ToPageMessage): boolean;
  /** Loads the ticket and its conversation afresh (the panel shows them). */
  reload(): PromiseLike<unknown>;
  /** Asks before closing (a modal question); true = close. */
  confirmClose(): PromiseLike<boolean>;
  /** The file picker; empty when cancelled. */
  pickFiles(): PromiseLike<PickedFile[]>;
  /** The secret guard's question, asked before text with credentials in it leaves in clear. */
  askAboutSecrets: AskAboutSecrets;
  /** The server took a reply (the Get Started walkthrough's "Reply to support" step completes on it). */
  onReplied?(): void;
  now?: () => number;
}
