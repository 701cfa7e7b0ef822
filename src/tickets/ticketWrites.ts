// The write actions on a ticket (reply, close, reopen, rate, upload an attachment) over the signed-in client. Writes go
// straight to the client: never joined with another caller's request, never cached, never retried here (the client
// alone decides what is safe to retry). After a write that may have changed the ticket, its cached data is dropped
// so every view loads it again.
import type { EvaluateTicketInput, ReplyTicketOptions, RequestOptions, TicketNote, UploadOptions } from '../api/types';
import { signedOutError } from '../api/errors';
import { toTicketApiError } from './sharedRequests';
import { CUSTOMER_ROLE } from './status';
import type { TicketService } from './types';

/** The part of TicketClient (src/api/client.ts) the writes use. */
export interface TicketWriteClient {
  replyTicket(ticketId: string, content: string, options?: ReplyTicketOptions): Promise<string>;
  closeTicket(ticketId: string, options?: RequestOptions): Promise<void>;
  reopenTicket(ticketId: string, content: string, options?: RequestOptions): Promise<string>;
  evaluateTicket(ticketId: string, rating: EvaluateTicketInput, options?: RequestOptions): Promise<void>;
  uploadAttachment(fileName: string, bytes: Uint8Array, options?: UploadOptions): Promise<string>;
}

export class TicketWrites {
  constructor(
    private readonly getClient: () => Promise<TicketWriteClient | undefined> | TicketWriteClient | undefined,
    private readonly service: Pick<TicketService, 'invalidate' | 'getNotes'>,
    /** Told the DialogId of each reply sent as confidential, before the conversation is read again (never kept). */
    private readonly onConfidentialReply?: (ticketId: string, dialogId: string) => void,
  ) {}

  /** Sends a reply; resolves with its DialogId. */
  async reply(ticketId: string, content: string, options: ReplyTicketOptions = {}): Promise<string> {
    const dialogId = await this.write(ticketId, (client) => client.replyTicket(ticketId, content, options));
    if (options.encrypt && dialogId) this.onConfidentialReply?.(ticketId, dialogId);
    return dialogId;
  }

  close(ticketId: string, options: RequestOptions = {}): Promise<void> {
    return this.write(ticketId, (client) => client.closeTicket(ticketId, options));
  }

  reopen(ticketId: string, reason: string, options: RequestOptions = {}): Promise<string> {
    return this.write(ticketId, (client) => client.reopenTicket(ticketId, reason, options));
  }

  rate(ticketId: string, rating: EvaluateTicketInput, options: RequestOptions = {}): Promise<void> {
    return this.write(ticketId, (client) => client.evaluateTicket(ticketId, rating, options));
  }

  /** Uploads one file; resolves with the ObjectKey a reply names it by. Changes no ticket. */
  async upload(fileName: string, bytes: Uint8Array, options: UploadOptions = {}): Promise<string> {
    const client = await this.client();
    try {
      return await client.uploadAttachment(fileName, bytes, options);
    } catch (error) {
      throw toTicketApiError(error);
    }
  }

  /**
   * After a reply whose fate is unknown: loads the conversation afresh and returns the note that carries `content`
   * from the user (role 3) written since `sinceMs` (a minute of clock difference allowed), if there is one.
   */
  async findReply(
    ticketId: string,
    content: string,
    sinceMs: number,
    options: RequestOptions = {},
  ): Promise<TicketNote | undefined> {
    const notes = await this.service.getNotes(ticketId, { force: true, signal: options.signal });
    const wanted = normalize(content);
    return notes.find(
      (note) =>
        note.userRole === CUSTOMER_ROLE &&
        normalize(note.content) === wanted &&
        (!note.createTime || note.createTime >= sinceMs - 60_000),
    );
  }

  private async client(): Promise<TicketWriteClient> {
    const client = await this.getClient();
    if (!client) throw signedOutError();
    return client;
  }

  private async write<T>(ticketId: string, run: (client: TicketWriteClient) => Promise<T>): Promise<T> {
    const client = await this.client();
    try {
      return await run(client);
    } catch (error) {
      throw toTicketApiError(error);
    } finally {
      // Done, refused or unknown: what is cached may be out of date either way.
      this.service.invalidate(ticketId);
    }
  }
}

/** Compares texts as the server may return them: line ends and surrounding space do not matter. */
function normalize(text: string): string {
  return String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
}
