// One signed attempt of an action: credentials checked, then the HTTP request built and signed (V3 by default, V1 on
// request) with a fresh nonce and date. The client calls this per attempt, so every retry is signed anew; the waits
// between attempts (and around a slow credential source) end at once when the caller aborts.
import { TicketApiError, abortedError, signedOutError } from './errors';
import type { HttpRequest } from './http';
import { messageText, type MessageText } from './messageText';
import type { ActionParams } from './params';
import { formEncode, canonicalQueryString, formatAcsDate, newNonce, signV1, signV3, v1CommonParams } from './sign';
import type { Credentials, SignatureVersion } from './types';

export const API_VERSION = '2021-06-10';
const USER_AGENT = 'aliyun-tickets-vscode/0.1';
const PRINTABLE = /^[\x21-\x7e]+$/;

/** Credentials as a source gave them, checked: missing ones mean signed out; stray characters are a paste slip. */
export function checkCredentials(value: unknown): Credentials {
  const c = value as Partial<Credentials> | undefined | null;
  if (!c || !c.accessKeyId || !c.accessKeySecret) {
    throw signedOutError();
  }
  const invalid = (text: MessageText) => new TicketApiError({ code: 'InvalidCredentials', kind: 'config', text });
  if (typeof c.accessKeyId !== 'string' || !PRINTABLE.test(c.accessKeyId))
    throw invalid(messageText('The AccessKey ID contains spaces or characters that are not allowed; paste it again.'));
  if (typeof c.accessKeySecret !== 'string' || !PRINTABLE.test(c.accessKeySecret))
    throw invalid(
      messageText('The AccessKey Secret contains spaces or characters that are not allowed; paste it again.'),
    );
  if (
    c.securityToken !== undefined &&
    c.securityToken !== '' &&
    (typeof c.securityToken !== 'string' || !PRINTABLE.test(c.securityToken))
  ) {
    throw invalid(
      messageText('The STS security token contains spaces or characters that are not allowed; paste it again.'),
    );
  }
  return {
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    securityToken: c.securityToken || undefined,
  };
}

export interface SignedRequestInput {
  action: string;
  params: ActionParams;
  credentials: Credentials;
  /** scheme://host[:port], validated. */
  origin: string;
  signatureVersion: SignatureVersion;
  nowMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export function buildSignedRequest(input: SignedRequestInput): HttpRequest {
  const { action, params, credentials, origin, nowMs, timeoutMs, signal } = input;
  const host = origin.replace(/^https?:\/\//, '');
  const body = formEncode(params.body);
  const hasBody = body !== '';
  const nonce = newNonce();
  if (input.signatureVersion === 'v1') {
    const common = v1CommonParams({ action, version: API_VERSION, credentials, nonce, epochMs: nowMs });
    const query = { ...params.query, ...common };
    const { signature } = signV1('POST', { ...query, ...params.body }, credentials.accessKeySecret);
    const headers: Record<string, string> = { host, 'user-agent': USER_AGENT, accept: 'application/json' };
    if (hasBody) headers['content-type'] = 'application/x-www-form-urlencoded';
    return {
      origin,
      method: 'POST',
      path: `/?${canonicalQueryString({ ...query, Signature: signature })}`,
      headers,
      body: hasBody ? body : undefined,
      timeoutMs,
      signal,
      action,
    };
  }
  const headers: Record<string, string> = {
    host,
    'x-acs-action': action,
    'x-acs-version': API_VERSION,
    'x-acs-date': formatAcsDate(nowMs),
    'x-acs-signature-nonce': nonce,
  };
  if (hasBody) headers['content-type'] = 'application/x-www-form-urlencoded';
  const signed = signV3({ method: 'POST', pathname: '/', query: params.query, headers, body }, credentials);
  const queryString = canonicalQueryString(params.query);
  // signV3 returns a headers object of its own: the unsigned ones are added to it rather than to a copy.
  const sent = signed.headers;
  sent['user-agent'] = USER_AGENT;
  sent.accept = 'application/json';
  return {
    origin,
    method: 'POST',
    path: queryString ? `/?${queryString}` : '/',
    headers: sent,
    body: hasBody ? body : undefined,
    timeoutMs,
    signal,
    action,
  };
}

/** Settles with `work`, or rejects as soon as the signal fires (a slow credential store must not hold a cancel). */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (err) => {
        signal.removeEventListener('abort', abort);
        reject(err);
      },
    );
  });
}

/** Waits `ms`, or rejects with 'aborted' as soon as the signal fires. */
export function sleep(ms: number, signal: AbortSignal | undefined, action: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(action));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(action));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
