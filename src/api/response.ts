// Turning an HTTP answer into our types or a TicketApiError. Pure (no network, no clock), so it can be fuzzed:
// whatever the bytes, it returns a value or throws a TicketApiError, nothing else.
import { TicketApiError, fromResponse, sanitizeError } from './errors';
import { redactSecrets } from './redact';
import { messageText, renderText, type MessageText } from './messageText';
import type {
  AccessDeniedDetail,
  SeverityValue,
  StatusValue,
  Ticket,
  TicketAttachment,
  TicketNote,
  TicketPage,
  TicketSummary,
} from './types';
import { SEVERITY_LABELS, STATUS_LABELS } from './types';

export interface RawResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(detail: string, action: string | undefined, httpStatus: number, requestId?: string): TicketApiError {
  return new TicketApiError({
    code: 'MalformedResponse',
    kind: 'malformed',
    // l10n-exempt: for the log; describeError has its own sentence for this kind
    message: `${action ? `${action}: ` : ''}the Ticket API answer could not be read (${detail}).`,
    httpStatus,
    requestId,
    action,
  });
}

/**
 * x-acs-retry-after, in ms. The reference says "how long to wait" without a unit we could verify; the official SDK
 * (@alicloud/openapi-core getThrottlingTimeLeft -> @darabonba/typescript getBackoffDelay) feeds the raw number into a
 * millisecond sleep, and our emulator follows it, so we read MILLISECONDS. Should the gateway ever mean seconds, the
 * client still never waits less than its own exponential backoff (see TicketClient.retryDelay), so a small value
 * cannot turn into a tight retry loop. Fractions are accepted; anything unparsable is ignored.
 */
export function parseRetryAfter(headers: Record<string, string>): number | undefined {
  const raw = headers['x-acs-retry-after'];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  if (!/^\d{1,12}(\.\d+)?$/.test(text)) return undefined;
  return Math.ceil(Number(text));
}

function parseAccessDeniedDetail(value: unknown): AccessDeniedDetail | undefined {
  if (isObject(value)) return value as AccessDeniedDetail;
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? (parsed as AccessDeniedDetail) : undefined;
  } catch {
    return undefined;
  }
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Proxies and gateways answer with markup (HTML, sometimes XML); JSON never starts with '<'. */
function looksLikeHtml(body: string): boolean {
  return /^\s*</.test(body);
}

/**
 * Parses the JSON envelope and decides success or failure (HTTP ≥ 400 or Success === false). Success bodies carry a
 * numeric Code (0 or 200) and may carry an AccessDeniedDetail string: neither makes them a failure.
 */
export function parseEnvelope(
  response: RawResponse,
  action?: string,
  knownSecrets: ReadonlyArray<string | undefined> = [],
): Json {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers);
  let parsed: unknown;
  let parseFailed = false;
  // JSON.parse straight away (no trimmed copy of the body first): an empty or blank body fails it like any non-JSON.
  try {
    parsed = JSON.parse(response.body);
  } catch {
    parseFailed = true;
  }
  if (!isObject(parsed)) {
    const blank = !/\S/.test(response.body);
    const shape = blank
      ? messageText('an empty body')
      : parseFailed
        ? looksLikeHtml(response.body)
          ? messageText('an HTML page instead of JSON')
          : messageText('invalid JSON')
        : messageText('JSON that is not an object');
    if (status >= 400) {
      // A proxy or gateway error page: the status still says what happened (5xx is retried).
      const err = fromResponse({ httpStatus: status, code: '', action, retryAfterMs }, knownSecrets);
      return throwWith(err, messageText('{0}: the server sent {1}', err.text ?? err.message, shape));
    }
    throw malformed(`HTTP ${status} with ${renderText(shape)}`, action, status);
  }
  const requestId = scalarText(parsed.RequestId);
  if (status >= 400 || parsed.Success === false) {
    const code = scalarText(parsed.Code) ?? '';
    const message = scalarText(parsed.Message) ?? scalarText(parsed.Recommend);
    throw fromResponse(
      {
        httpStatus: status,
        code: code === '0' || code === '200' ? '' : code,
        serverMessage: message,
        requestId,
        hostId: scalarText(parsed.HostId),
        recommend: scalarText(parsed.Recommend),
        accessDeniedDetail: parseAccessDeniedDetail(parsed.AccessDeniedDetail),
        retryAfterMs,
        action,
      },
      knownSecrets,
    );
  }
  if (status < 200 || status >= 300) throw malformed(`unexpected HTTP ${status}`, action, status, requestId);
  return parsed;
}

function throwWith(err: TicketApiError, text: MessageText): never {
  throw new TicketApiError({
    code: err.code,
    kind: err.kind,
    text,
    httpStatus: err.httpStatus,
    requestId: err.requestId,
    hostId: err.hostId,
    recommend: err.recommend,
    retryAfterMs: err.retryAfterMs,
    action: err.action,
  });
}

// ---------------------------------------------------------------- wire shapes -> our types

class Shape {
  constructor(
    readonly action: string,
    readonly requestId: string | undefined,
  ) {}

  fail(detail: string): never {
    throw malformed(detail, this.action, 200, this.requestId);
  }

  text(value: unknown, field: string): string {
    if (value === undefined || value === null) return '';
    const text = scalarText(value);
    if (text === undefined) this.fail(`${field} is not text`);
    return text;
  }

  time(value: unknown, field: string): number {
    if (value === undefined || value === null || value === '') return 0;
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)
          ? Number(value)
          : NaN;
    if (!Number.isFinite(n)) this.fail(`${field} is not a time`);
    return n;
  }

  int(value: unknown, field: string): number {
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
          ? Number(value)
          : NaN;
    if (!Number.isInteger(n)) this.fail(`${field} is not a whole number`);
    return n;
  }

  object(value: unknown, field: string): Json {
    if (!isObject(value)) this.fail(`${field} is missing`);
    return value;
  }

  list(value: unknown, field: string): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(`${field} is not a list`);
    return value;
  }

  status(value: unknown, field: string): { value: StatusValue; label: string } {
    const wire = this.object(value, field);
    const n = this.int(wire.Value, `${field}.Value`);
    if (n < 1 || n > 6) this.fail(`${field}.Value ${n} is not a known status`);
    const v = n as StatusValue;
    return { value: v, label: this.text(wire.Label, `${field}.Label`) || STATUS_LABELS[v] };
  }

  severity(value: unknown, field: string): { value: SeverityValue; label: string } {
    const wire = this.object(value, field);
    const n = this.int(wire.Value, `${field}.Value`);
    if (n !== 1 && n !== 2) this.fail(`${field}.Value ${n} is not a known severity`);
    const v = n as SeverityValue;
    return { value: v, label: this.text(wire.Label, `${field}.Label`) || SEVERITY_LABELS[v] };
  }
}

export function toTicket(envelope: Json, action = 'GetTicket'): Ticket {
  const s = new Shape(action, scalarText(envelope.RequestId));
  const data = s.object(envelope.Data, 'Data');
  const ticketId = s.text(data.TicketId, 'TicketId');
  if (!ticketId) s.fail('TicketId is missing');
  return {
    ticketId,
    title: s.text(data.Title, 'Title'),
    description: s.text(data.Description, 'Description'),
    createTime: s.time(data.CreateTime, 'CreateTime'),
    creatorId: s.text(data.CreatorId, 'CreatorId'),
    categoryId: s.text(data.CategoryId, 'CategoryId'),
    status: s.status(data.Status, 'Status'),
    severity: s.severity(data.Severity, 'Severity'),
  };
}

export function toTicketPage(envelope: Json, action = 'ListTickets'): TicketPage {
  const s = new Shape(action, scalarText(envelope.RequestId));
  const tickets: TicketSummary[] = s.list(envelope.Data, 'Data').map((item, i) => {
    const row = s.object(item, `Data[${i}]`);
    const ticketId = s.text(row.TicketId, `Data[${i}].TicketId`);
    if (!ticketId) s.fail(`Data[${i}].TicketId is missing`);
    return {
      ticketId,
      title: s.text(row.Title, `Data[${i}].Title`),
      status: s.status(row.Status, `Data[${i}].Status`),
    };
  });
  const count = (value: unknown, field: string, fallback: number) =>
    value === undefined || value === null ? fallback : Math.max(0, s.int(value, field));
  return {
    tickets,
    totalCount: count(envelope.TotalCount, 'TotalCount', tickets.length),
    pageNumber: count(envelope.PageNumber, 'PageNumber', 1),
    pageSize: count(envelope.PageSize, 'PageSize', tickets.length),
  };
}

export function toTicketNotes(envelope: Json, action = 'ListTicketNotes'): TicketNote[] {
  const s = new Shape(action, scalarText(envelope.RequestId));
  return s.list(envelope.Data, 'Data').map((item, i) => {
    const row = s.object(item, `Data[${i}]`);
    const dialog = row.Dialog === undefined || row.Dialog === null ? {} : s.object(row.Dialog, `Data[${i}].Dialog`);
    const user = row.User === undefined || row.User === null ? {} : s.object(row.User, `Data[${i}].User`);
    const attachments: TicketAttachment[] = s.list(row.Attachments, `Data[${i}].Attachments`).map((a, j) => {
      const att = s.object(a, `Data[${i}].Attachments[${j}]`);
      return { name: s.text(att.Name, 'Attachments.Name'), url: s.text(att.Url, 'Attachments.Url') };
    });
    return {
      dialogId: s.text(row.DialogId, `Data[${i}].DialogId`),
      createTime: s.time(row.CreateTime, `Data[${i}].CreateTime`),
      content: s.text(dialog.Content, `Data[${i}].Dialog.Content`),
      userName: s.text(user.Name, `Data[${i}].User.Name`),
      userRole: user.Role === undefined || user.Role === null ? 0 : s.int(user.Role, `Data[${i}].User.Role`),
      attachments,
      unread: row.Status === 1 || row.Status === '1',
    };
  });
}

export type ParsedResult<A extends string> = A extends 'GetTicket'
  ? Ticket
  : A extends 'ListTickets'
    ? TicketPage
    : A extends 'ListTicketNotes'
      ? TicketNote[]
      : Json;

/**
 * The whole response path for one action: envelope, failure mapping, wire shape to our type. Throws only
 * TicketApiError (anything else escaping would be a bug, so it is converted to 'malformed' as a last resort).
 */
export function parseActionResponse<A extends string>(
  action: A,
  response: RawResponse,
  knownSecrets: ReadonlyArray<string | undefined> = [],
): ParsedResult<A> {
  try {
    const envelope = parseEnvelope(response, action, knownSecrets);
    switch (action) {
      case 'GetTicket':
        return toTicket(envelope) as ParsedResult<A>;
      case 'ListTickets':
        return toTicketPage(envelope) as ParsedResult<A>;
      case 'ListTicketNotes':
        return toTicketNotes(envelope) as ParsedResult<A>;
      default:
        return envelope as ParsedResult<A>;
    }
  } catch (err) {
    if (err instanceof TicketApiError) throw sanitizeError(err, knownSecrets);
    const text = err instanceof Error ? err.message : String(err);
    throw malformed(redactSecrets(text, knownSecrets).slice(0, 200), action, response.status);
  }
}
