// The client methods the New Ticket form uses (src/api TicketClient), so its parts can be tested with a fake.
import type { CatalogLanguage, ProductDirectory, RequestOptions, TicketCategory, UploadOptions } from '../../api/types';
import type { CreateTicketApi } from './submit';

export interface NewTicketClient extends CreateTicketApi {
  listProducts(query?: { language?: CatalogLanguage }, options?: RequestOptions): Promise<ProductDirectory[]>;
  listCategories(
    productId: string,
    query?: { language?: CatalogLanguage },
    options?: RequestOptions,
  ): Promise<TicketCategory[]>;
  uploadAttachment(fileName: string, bytes: Uint8Array, options?: UploadOptions): Promise<string>;
}
