// The facts of one failed request that support asks for first: RequestId, error code and message, HostId, the
// gateway's Recommend link, the decoded AccessDeniedDetail, the API action and endpoint. They come from our own
// errors (TicketApiError keeps them all) or from the text around a RequestId in a log, a terminal or a file (the
// JSON envelope or the aliyun CLI's "Key: value" lines). No vscode import: unit-tested in plain Node.
// Everything here is outside text (a server's or a log's): each value is one plain line, cut, before it lands in a
// draft; nothing is sent until the user presses Submit, and the secret guard reads the draft then.
import type { AccessDeniedDetail } from '../../api/types';
import { isTicketApiError } from '../../api/errors';
import { plainLine } from '../../common/untrustedText';

export interface ErrorFacts {
  requestId: string;
  code?: string;
  message?: string;
  httpStatus?: number;
  hostId?: string;
  /** The gateway's diagnosis link (only https links are kept). */
  recommend?: string;
  accessDenied?: AccessDeniedDetail;
  /** The API action that failed ("GetTicket", "RunInstances"). */
  action?: string;
  /** Where the request went ("https://workorder.aliyuncs.com"). */
  endpoint?: string;
}

const MAX = { code: 100, message: 600, host: 200, link: 600, action: 100, detail: 200 };

function line(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = plainLine(String(value), max);
  return text === '' ? undefined : text;
}

/** Only an https link is worth showing as the diagnosis; anything else (javascript:, a path) is dropped. */
function httpsLink(value: unknown): string | undefined {
  const text = line(value, MAX.link);
  if (!text || /\s/.test(text)) return undefined;
  try {
    return new URL(text).protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}

function detail(value: unknown): AccessDeniedDetail | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const out: AccessDeniedDetail = {};
  for (const [key, raw] of Object.entries(parsed as Record<string, unknown>).slice(0, 20)) {
    const k = line(key, 60);
    const v = line(raw, MAX.detail);
    if (k && v && /^[A-Za-z][\w.]*$/.test(k)) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The facts an error of ours carries, when it names a RequestId (without one support cannot look the request up). */
export function factsOfError(error: unknown): ErrorFacts | undefined {
  if (!isTicketApiError(error) || !error.requestId) return undefined;
  return clean({
    requestId: error.requestId,
    code: error.code,
    // Our own sentence frames the server's; the server's words are what support reads.
    message: error.message,
    httpStatus: error.httpStatus || undefined,
    hostId: error.hostId,
    recommend: error.recommend,
    accessDenied: error.accessDeniedDetail,
    action: error.action,
    endpoint: error.endpoint,
  });
}

/** Every field made one plain, cut line; the link kept only when it is https. */
function clean(facts: ErrorFacts): ErrorFacts {
  const out: ErrorFacts = { requestId: facts.requestId };
  const code = line(facts.code, MAX.code);
  if (code) out.code = code;
  const message = line(facts.message, MAX.message);
  if (message) out.message = message;
  if (facts.httpStatus && Number.isInteger(facts.httpStatus)) out.httpStatus = facts.httpStatus;
  const hostId = line(facts.hostId, MAX.host);
  if (hostId) out.hostId = hostId;
  const recommend = httpsLink(facts.recommend);
  if (recommend) out.recommend = recommend;
  const accessDenied = detail(facts.accessDenied);
  if (accessDenied) out.accessDenied = accessDenied;
  const action = line(facts.action, MAX.action);
  if (action) out.action = action;
  const endpoint = line(facts.endpoint, MAX.host);
  if (endpoint) out.endpoint = endpoint;
  return out;
}

/** The keys of the envelope (and of the aliyun CLI's error lines) and the fact each one is. */
const TEXT_KEYS: ReadonlyArray<[RegExp, keyof ErrorFacts]> = [
  [/^(?:Code|ErrorCode)$/i, 'code'],
  [/^(?:Message|ErrorMessage)$/i, 'message'],
  [/^HostId$/i, 'hostId'],
  [/^Recommend$/i, 'recommend'],
  [/^AccessDeniedDetail$/i, 'accessDenied'],
  [/^(?:Action|ApiName|x-acs-action)$/i, 'action'],
  [/^(?:Endpoint)$/i, 'endpoint'],
];

/** "Key": "value" (JSON, the value may hold escaped quotes) or Key: value (the CLI's lines, a log's). */
const KEY_VALUE = /"?([A-Za-z][\w-]{1,30})"?\s*[:=]\s*(?:"((?:[^"\\]|\\.){0,4000})"|([^\s,}][^,}\n]*))/g;

/**
 * The facts written in the text around a RequestId (a JSON envelope, the aliyun CLI's error, a log line). Only the
 * first value of each key is taken; a RequestId other than `requestId` in the text makes nothing of it count (it is
 * another request's answer).
 */
export function factsFromText(text: string, requestId: string): ErrorFacts {
  const raw: Record<string, unknown> = {};
  const sample = text.slice(0, 20_000);
  const ids = new Set(sample.match(/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/g) ?? []);
  ids.delete(requestId);
  if (ids.size > 0) return { requestId };
  for (const match of sample.matchAll(KEY_VALUE)) {
    const fact = TEXT_KEYS.find(([key]) => key.test(match[1]))?.[1];
    if (!fact || fact in raw) continue;
    const quoted = match[2];
    let value: string = quoted !== undefined ? quoted : (match[3] ?? '').trim();
    if (quoted !== undefined) {
      try {
        value = JSON.parse(`"${quoted}"`) as string;
      } catch {
        // Not valid JSON escapes: the text as written.
      }
    }
    raw[fact] = value;
  }
  return clean({ ...raw, requestId } as ErrorFacts);
}

/** The facts of one request from two sources, the first one's value winning for each field. */
export function mergeFacts(first: ErrorFacts | undefined, second: ErrorFacts | undefined): ErrorFacts | undefined {
  if (!first) return second;
  if (!second || second.requestId !== first.requestId) return first;
  const out: ErrorFacts = { ...second };
  for (const [key, value] of Object.entries(first))
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  return out;
}
