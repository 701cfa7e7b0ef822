// Parameter builders for the read actions: each checks its input and puts every parameter where the official API
// metadata puts it (query string or form body; see ticket-api.md). Pure, so they are tested without a server.
import { TicketApiError } from './errors';
import { messageText, type MessageText } from './messageText';
import type { CatalogLanguage, ListTicketsQuery } from './types';

/** Where each parameter travels: the query string or the form body (as the official API metadata says). */
export interface ActionParams {
  query: Record<string, string>;
  body: Record<string, string>;
}

/** Code of the errors raised by our own argument checks, before anything is sent. */
export const INVALID_ARGUMENT = 'InvalidArgument';

/** A refusal of our own, before anything is signed or sent; describeError shows `text` (translated) as it is. */
export function invalidArgument(action: string, text: MessageText): TicketApiError {
  return new TicketApiError({ code: INVALID_ARGUMENT, kind: 'badRequest', text, action });
}

/** Ticket ids are letters and digits (documented ones: 0005PYGCW, 001571BTXC); we allow - and _ to be lenient. */
const TICKET_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether an action would accept this ticket id as it is (so it is also safe as a file name). */
export const isAcceptedTicketId = (id: string): boolean => TICKET_ID.test(id);

export function checkTicketId(ticketId: unknown, action: string): string {
  const id = typeof ticketId === 'string' ? ticketId.trim() : '';
  if (!TICKET_ID.test(id)) {
    throw new TicketApiError({
      code: 'InvalidTicketId',
      kind: 'notFound',
      text: messageText('{0}: the ticket id must be letters and digits (such as 0005PYGCW).', action),
      action,
    });
  }
  return id;
}

/** GetTicket: TicketId in the form body. */
export function getTicketParams(ticketId: string): ActionParams {
  return { query: {}, body: { TicketId: checkTicketId(ticketId, 'GetTicket') } };
}

/** ListTicketNotes: TicketId in the query string. */
export function listTicketNotesParams(ticketId: string): ActionParams {
  return { query: { TicketId: checkTicketId(ticketId, 'ListTicketNotes') }, body: {} };
}

/**
 * ListTickets: PageNumber/PageSize in the query string; StartDate, EndDate, Keyword, TicketIdList and StatusList.N in
 * the form body.
 * The API wants both dates or neither: a lone startDate ends "now", a lone endDate starts at 0.
 */
export function listTicketsParams(input: ListTicketsQuery, now: number = Date.now()): ActionParams {
  const q: Partial<ListTicketsQuery> = input ?? {};
  const bad = (text: MessageText) =>
    new TicketApiError({
      code: 'InvalidParameter',
      kind: 'badRequest',
      text,
      action: 'ListTickets',
    });
  const pageNumber = Math.floor(Number(q.pageNumber ?? 1));
  if (!Number.isFinite(pageNumber) || pageNumber < 1)
    throw bad(messageText('ListTickets: pageNumber must be 1 or more.'));
  const rawSize = Math.floor(Number(q.pageSize ?? 20));
  if (!Number.isFinite(rawSize)) throw bad(messageText('ListTickets: pageSize must be a number.'));
  const pageSize = Math.min(100, Math.max(10, rawSize)); // the API accepts 10..100
  const query: Record<string, string> = { PageNumber: String(pageNumber), PageSize: String(pageSize) };
  const body: Record<string, string> = {};
  if (q.startDate !== undefined || q.endDate !== undefined) {
    const start = Math.floor(Number(q.startDate ?? 0));
    const end = Math.floor(Number(q.endDate ?? now));
    if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end < start)
      throw bad(messageText('ListTickets: the date range is not valid.'));
    body.StartDate = String(start);
    body.EndDate = String(end);
  }
  if (q.keyword !== undefined && q.keyword !== '') body.Keyword = String(q.keyword);
  if (q.ticketIds !== undefined && q.ticketIds.length > 0) {
    body.TicketIdList = q.ticketIds.map((id) => checkTicketId(id, 'ListTickets')).join(',');
  }
  (q.statuses ?? []).forEach((status, i) => {
    body[`StatusList.${i + 1}`] = String(status);
  });
  return { query, body };
}

const LANGUAGES: readonly CatalogLanguage[] = ['zh', 'en', 'jp'];

function checkLanguage(language: unknown, action: string): CatalogLanguage | undefined {
  if (language === undefined || language === '') return undefined;
  if (!LANGUAGES.includes(language as CatalogLanguage)) {
    throw invalidArgument(
      action,
      messageText(
        '{0}: language must be zh, en or jp (got {1}).',
        action,
        JSON.stringify(String(language)).slice(0, 40),
      ),
    );
  }
  return language as CatalogLanguage;
}

function optionalText(value: unknown, field: string, action: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(action, messageText('{0}: {1} must be text.', action, field));
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** ListProducts: Name (fuzzy) and Language, both in the query string. */
export function listProductsParams(options: { name?: string; language?: CatalogLanguage } = {}): ActionParams {
  const o = options ?? {};
  const query: Record<string, string> = {};
  const name = optionalText(o.name, 'name', 'ListProducts');
  const language = checkLanguage(o.language, 'ListProducts');
  if (name !== undefined) query.Name = name;
  if (language !== undefined) query.Language = language;
  return { query, body: {} };
}

/** ListCategories: ProductId and Name in the form body, Language in the query string. */
export function listCategoriesParams(
  productId: string | number,
  options: { name?: string; language?: CatalogLanguage } = {},
): ActionParams {
  const o = options ?? {};
  const id =
    typeof productId === 'number' && Number.isFinite(productId)
      ? String(productId)
      : typeof productId === 'string'
        ? productId.trim()
        : '';
  if (!id)
    throw invalidArgument(
      'ListCategories',
      messageText('ListCategories: a product id is required (from listProducts).'),
    );
  const body: Record<string, string> = { ProductId: id };
  const query: Record<string, string> = {};
  const name = optionalText(o.name, 'name', 'ListCategories');
  const language = checkLanguage(o.language, 'ListCategories');
  if (name !== undefined) body.Name = name;
  if (language !== undefined) query.Language = language;
  return { query, body };
}

/** GetAttachmentUploadUrl: FileName in the form body. */
export function attachmentUploadUrlParams(fileName: string): ActionParams {
  const name = typeof fileName === 'string' ? fileName.trim() : '';
  if (!name) throw invalidArgument('GetAttachmentUploadUrl', messageText('The attachment needs a file name.'));
  if (/[\\/]/.test(name) || /[\x00-\x1f]/.test(name)) {
    throw invalidArgument(
      'GetAttachmentUploadUrl',
      messageText('The attachment file name must be a plain name, without folders or control characters.'),
    );
  }
  if (name.length > 200)
    throw invalidArgument(
      'GetAttachmentUploadUrl',
      messageText('The attachment file name is longer than 200 characters.'),
    );
  return { query: {}, body: { FileName: name } };
}
