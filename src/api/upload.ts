// Attachment upload, step two: PUT the file's bytes to the signed URL that GetAttachmentUploadUrl returned. The URL
// is checked before a byte leaves (https only; http only to a loopback host when the API endpoint is loopback too, as
// for the local emulator), the size limit is checked before any request, progress is reported as the bytes go out,
// the caller can abort, and nothing is retried: the signed URL carries its own authorisation, so our Authorization
// header and AccessKey never go with it.
import { Readable } from 'stream';
import type { Dispatcher } from 'undici';
import { TicketApiError, abortedError } from './errors';
import { isLoopbackHost } from './endpoint';
import { invalidArgument } from './params';
import { messageText, type MessageText } from './messageText';

/**
 * Largest attachment we upload: 20 MB. The API does not document a limit; this is our choice, large enough for logs
 * and screenshots, small enough to send over a slow link within UPLOAD_TIMEOUT_MS.
 */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** One upload may take this long in all (the API calls' 10 s would cut off a large file on a slow link). */
export const UPLOAD_TIMEOUT_MS = 5 * 60_000;
const CHUNK_BYTES = 64 * 1024;
const ACTION = 'UploadAttachment';

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** The bytes as a Uint8Array, or a clear refusal (empty, too large, not bytes) before any request. */
export function checkAttachment(fileName: string, bytes: Uint8Array): Uint8Array {
  if (!(bytes instanceof Uint8Array))
    throw invalidArgument(ACTION, messageText("The attachment must be the file's bytes (a Uint8Array or Buffer)."));
  if (bytes.byteLength === 0)
    throw invalidArgument(
      ACTION,
      messageText('"{0}" is empty; attach a file with content.', String(fileName).slice(0, 100)),
    );
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new TicketApiError({
      code: 'AttachmentTooLarge',
      kind: 'badRequest',
      text: messageText(
        '"{0}" is {1}; attachments can be at most {2}.',
        String(fileName).slice(0, 100),
        megabytes(bytes.byteLength),
        megabytes(MAX_ATTACHMENT_BYTES),
      ),
      action: ACTION,
    });
  }
  return bytes;
}

/**
 * The signed URL as a URL we may PUT to. `endpoint` is the API endpoint in use (scheme://host[:port]): plain http is
 * accepted only when both it and the upload host are loopback (the emulator); otherwise https only.
 */
export function checkUploadUrl(url: string, endpoint: string): URL {
  const refuse = (text: MessageText) =>
    new TicketApiError({
      code: 'InsecureUploadUrl',
      kind: 'malformed',
      text,
      action: ACTION,
    });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse(
      messageText('The Ticket API gave an upload address that is not a valid URL, so the file was not sent.'),
    );
  }
  if (parsed.username || parsed.password)
    throw refuse(
      messageText(
        'The Ticket API gave an upload address that contains a user name or password, so the file was not sent.',
      ),
    );
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname) && isLoopbackHost(new URL(endpoint).hostname))
    return parsed;
  throw refuse(
    messageText(
      'The Ticket API gave an upload address that does not use https ({0}), so the file was not sent.',
      `${parsed.protocol.replace(/:$/, '')}://${parsed.host}`,
    ),
  );
}

export interface PutOptions {
  signal?: AbortSignal;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  timeoutMs?: number;
}

/** The error code an object store put in its XML error body (<Code>SignatureDoesNotMatch</Code>), if any. */
function storeCode(body: string): string | undefined {
  const match = /<Code>([A-Za-z0-9._-]{1,80})<\/Code>/.exec(body);
  return match?.[1];
}

/** PUTs `bytes` once. Rejects with TicketApiError: aborted, timeout, network, server (5xx) or badRequest (refused). */
export async function putToSignedUrl(
  dispatcher: Dispatcher,
  url: URL,
  bytes: Uint8Array,
  options: PutOptions = {},
): Promise<void> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortedError(ACTION);
  const total = bytes.byteLength;
  const report = (sent: number) => {
    try {
      onProgress?.(sent, total);
    } catch {
      // A failing progress callback must not fail the upload.
    }
  };
  const controller = new AbortController();
  let why: 'timeout' | 'aborted' | undefined;
  const onAbort = () => {
    why ??= 'aborted';
    controller.abort();
  };
  const timer = setTimeout(() => {
    why ??= 'timeout';
    controller.abort();
  }, options.timeoutMs ?? UPLOAD_TIMEOUT_MS);
  signal?.addEventListener('abort', onAbort, { once: true });
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let offset = 0; offset < total; offset += CHUNK_BYTES) {
      const end = Math.min(total, offset + CHUNK_BYTES);
      yield bytes.subarray(offset, end);
      report(end);
    }
  }
  report(0);
  try {
    const response = await dispatcher.request({
      origin: url.origin,
      method: 'PUT',
      path: `${url.pathname}${url.search}`,
      // Only the length: the signed URL is the authorisation, and a Content-Type it was not signed with breaks it.
      headers: { 'content-length': String(total) },
      body: Readable.from(chunks(), { objectMode: false }),
      signal: controller.signal,
    });
    const text = await response.body.text();
    if (response.statusCode >= 200 && response.statusCode < 300) return;
    const code = storeCode(text);
    const detail = `HTTP ${response.statusCode}${code ? `, ${code}` : ''}`;
    throw new TicketApiError({
      code: code ?? `HTTP${response.statusCode}`,
      kind: response.statusCode >= 500 ? 'server' : 'badRequest',
      text: messageText('The attachment upload was refused ({0}); attach the file again.', detail),
      httpStatus: response.statusCode,
      action: ACTION,
    });
  } catch (err) {
    if (why === 'aborted') throw abortedError(ACTION);
    if (why === 'timeout') {
      throw new TicketApiError({
        code: 'Timeout',
        kind: 'timeout',
        text: messageText(
          'The attachment upload did not finish within {0} s.',
          Math.round((options.timeoutMs ?? UPLOAD_TIMEOUT_MS) / 1000),
        ),
        action: ACTION,
      });
    }
    if (err instanceof TicketApiError) throw err;
    const e = err as { code?: string; cause?: { code?: string } } | undefined;
    const cause = e?.cause?.code || e?.code || 'unknown error';
    throw new TicketApiError({
      code: 'NetworkError',
      kind: 'network',
      text: messageText('The attachment upload to {0} failed: the connection was lost ({1}).', url.host, cause),
      action: ACTION,
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
