// The client methods the New Ticket form uses (src/api TicketClient), so its parts can be tested with a fake.
import type { UploadOptions } from '../../api/types';
import type { CatalogClient } from '../../tickets/categoryNames';
import type { CreateTicketApi } from './submit';

export interface NewTicketClient extends CreateTicketApi, CatalogClient {
  uploadAttachment(fileName: string, bytes: Uint8Array, options?: UploadOptions): Promise<string>;
}
