// The emulator's stand-in for the object store behind GetAttachmentUploadUrl: signed PUT and GET URLs on the same
// port (/__uploads/<ObjectKey>?Expires=…&Signature=…), checked like a presigned OSS URL: the signature covers the
// method, the key and the expiry; an expired or altered URL gets 403 with an XML error body. A PUT that also carries an
// Authorization header is refused (OSS allows one authentication at a time), so a client leaking its API
// Authorization to the store is caught.
import * as http from 'http';
import { createHash, createHmac, randomBytes } from 'crypto';
import type { Fault } from './faults';
import type { EmulatorStore } from './store';

export const UPLOAD_PATH = '/__uploads/';
/** The `action` a fault names to meet a request to a signed URL (faults without an action never do). */
export const UPLOAD_FAULT_ACTION = 'PutAttachment';
/** How long a signed URL stays valid. */
export const SIGNED_URL_TTL_MS = 15 * 60_000;
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export interface UploadRecord {
  seq: number;
  method: string;
  objectKey: string;
  status: number;
  /** Bytes that arrived with the request. */
  size: number;
  /** Whether an Authorization header came with it (it never should). */
  hadAuthorization: boolean;
  /** Fault kind that answered it, if any. */
  fault?: string;
}

export class UploadSigner {
  private readonly secret = randomBytes(16).toString('hex');

  constructor(
    private readonly baseUrl: string,
    private readonly now: () => number,
  ) {}

  private signature(method: string, objectKey: string, expires: string): string {
    return createHmac('sha256', this.secret).update(`${method}\n${objectKey}\n${expires}`).digest('hex');
  }

  sign(method: 'PUT' | 'GET', objectKey: string): string {
    const expires = String(Math.floor((this.now() + SIGNED_URL_TTL_MS) / 1000));
    const path = objectKey.split('/').map(encodeURIComponent).join('/');
    return `${this.baseUrl}${UPLOAD_PATH}${path}?Expires=${expires}&Signature=${this.signature(method, objectKey, expires)}`;
  }

  /** undefined when the URL is valid for `method`, else the OSS-style error code and message. */
  check(method: string, objectKey: string, query: URLSearchParams): { code: string; message: string } | undefined {
    const expires = query.get('Expires') ?? '';
    const signature = query.get('Signature') ?? '';
    if (!/^\d+$/.test(expires) || signature !== this.signature(method, objectKey, expires)) {
      return {
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided.',
      };
    }
    if (Number(expires) * 1000 < this.now()) return { code: 'AccessDenied', message: 'Request has expired.' };
    return undefined;
  }
}

function sendXml(res: http.ServerResponse, status: number, code: string, message: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n</Error>\n`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** Answers a request under UPLOAD_PATH; returns what was recorded. */
export function handleUpload(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
  store: EmulatorStore,
  signer: UploadSigner,
  seq: number,
): UploadRecord {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const objectKey = url.pathname.slice(UPLOAD_PATH.length).split('/').map(decodeURIComponent).join('/');
  const record: UploadRecord = {
    seq,
    method,
    objectKey,
    status: 0,
    size: body.length,
    hadAuthorization: req.headers.authorization !== undefined,
  };
  const answer = (status: number, code?: string, message?: string) => {
    record.status = status;
    if (code) sendXml(res, status, code, message ?? code);
  };
  if (method !== 'PUT' && method !== 'GET') {
    answer(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    return record;
  }
  if (record.hadAuthorization) {
    answer(
      400,
      'InvalidArgument',
      'Authorization header is invalid: only one authentication method is allowed (the URL is already signed).',
    );
    return record;
  }
  const problem = signer.check(method, objectKey, url.searchParams);
  if (problem) {
    answer(403, problem.code, problem.message);
    return record;
  }
  const upload = store.uploads.get(objectKey);
  if (!upload) {
    answer(404, 'NoSuchKey', 'The specified key does not exist.');
    return record;
  }
  if (method === 'PUT') {
    if (body.length > MAX_UPLOAD_BYTES) {
      answer(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
      return record;
    }
    upload.bytes = Buffer.from(body);
    record.status = 200;
    res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"`, 'content-length': '0' });
    res.end();
    return record;
  }
  if (!upload.bytes) {
    answer(404, 'NoSuchKey', 'The specified key does not exist.');
    return record;
  }
  record.status = 200;
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(upload.bytes.length) });
  res.end(upload.bytes);
  return record;
}

/** A fault on a signed-URL request: 'status' answers an XML error, 'drop' and the rest close the connection unanswered. */
export function answerUploadFault(
  fault: Fault,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  seq: number,
): UploadRecord {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const record: UploadRecord = {
    seq,
    method: (req.method ?? 'GET').toUpperCase(),
    objectKey: decodeURIComponent(url.pathname.slice(UPLOAD_PATH.length)),
    status: 0,
    size: Number(req.headers['content-length'] ?? 0),
    hadAuthorization: req.headers.authorization !== undefined,
    fault: fault.kind,
  };
  if (fault.kind === 'status') {
    record.status = fault.status;
    sendXml(
      res,
      fault.status,
      fault.code ?? 'InternalError',
      fault.message ?? 'We encountered an internal error. Please try again.',
    );
  } else {
    req.socket.destroy();
  }
  return record;
}
