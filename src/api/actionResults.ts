// Reading the Data of the write, catalogue and upload actions into our types. Lenient where the answer is only a
// confirmation (a write that succeeded must not turn into an error because an id came back as a number), strict where
// we need the value (the upload URL, the product and category lists).
import { TicketApiError } from './errors';
import type { ProductDirectory, TicketCategory } from './types';

type Json = Record<string, unknown>;

function malformed(action: string, detail: string, requestId: unknown): TicketApiError {
  return new TicketApiError({
    code: 'MalformedResponse',
    kind: 'malformed',
    // l10n-exempt: for the log; describeError has its own sentence for this kind
    message: `${action}: the Ticket API answer could not be read (${detail}).`,
    httpStatus: 200,
    requestId: typeof requestId === 'string' ? requestId.slice(0, 100) : undefined,
    action,
  });
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Data as an id (ReplyTicket's DialogId, CreateTicket's and ReopenTicket's ticket id); '' when absent. */
export function dataId(envelope: Json): string {
  return text(envelope.Data);
}

export function toProductDirectories(envelope: Json): ProductDirectory[] {
  const action = 'ListProducts';
  const data = envelope.Data ?? [];
  if (!Array.isArray(data)) throw malformed(action, 'Data is not a list', envelope.RequestId);
  return data.map((item, i) => {
    if (!isObject(item)) throw malformed(action, `Data[${i}] is not an object`, envelope.RequestId);
    const products = item.ProductList ?? [];
    if (!Array.isArray(products)) throw malformed(action, `Data[${i}].ProductList is not a list`, envelope.RequestId);
    return {
      directoryId: text(item.DirectoryId),
      directoryName: text(item.DirectoryName),
      products: products
        .filter(isObject)
        .map((p) => ({ productId: text(p.ProductId), productName: text(p.ProductName) })),
    };
  });
}

export function toCategories(envelope: Json): TicketCategory[] {
  const data = envelope.Data ?? [];
  if (!Array.isArray(data)) throw malformed('ListCategories', 'Data is not a list', envelope.RequestId);
  return data.filter(isObject).map((c) => ({ categoryId: text(c.CategoryId), categoryName: text(c.CategoryName) }));
}

export interface UploadTarget {
  objectKey: string;
  putSignedUrl: string;
  getSignedUrl: string;
}

export function toUploadTarget(envelope: Json): UploadTarget {
  const action = 'GetAttachmentUploadUrl';
  const data = envelope.Data;
  if (!isObject(data)) throw malformed(action, 'Data is missing', envelope.RequestId);
  const objectKey = text(data.ObjectKey);
  const putSignedUrl = text(data.PutSignedUrl);
  if (!objectKey) throw malformed(action, 'ObjectKey is missing', envelope.RequestId);
  if (!putSignedUrl) throw malformed(action, 'PutSignedUrl is missing', envelope.RequestId);
  return { objectKey, putSignedUrl, getSignedUrl: text(data.GetSignedUrl) };
}
