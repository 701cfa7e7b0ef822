// Turning what a user types or pastes into a ticket id. No vscode import: unit tests call it directly.
// The id's shape lives in src/tickets/ticketId.ts. We forgive what people paste: spaces, lower case, a leading '#',
// "ticket 0005PYGCW", or a console URL that carries the id; an id the API cannot have is refused with the reason
// before any request.
import { t } from '../../common/l10n';
import {
  CONSOLE_HOST,
  isTicketIdShape,
  normalizeTicketId,
  ticketIdProblem,
  ticketIdTextOf,
  TICKET_LABEL_PREFIX,
} from '../../tickets/ticketId';

export type TicketIdParse = { ok: true; ticketId: string } | { ok: false; message: string };

/** Query parameters the console uses for the id. */
const ID_PARAMS = ['ticketid', 'ticket_id', 'ticket', 'workorderid', 'id'];

function checkShape(candidate: string): TicketIdParse {
  const problem = ticketIdProblem(candidate);
  return problem ? { ok: false, message: problem } : { ok: true, ticketId: candidate };
}

function looksLikeId(candidate: string): boolean {
  return checkShape(candidate.toUpperCase()).ok;
}

/** The id carried by a console URL: a ticketId-like query parameter (also in a #/route?query), else a path segment. */
function idFromUrl(url: URL): string | undefined {
  const queries = [url.searchParams];
  const hashQuery = url.hash.indexOf('?');
  if (hashQuery >= 0) queries.push(new URLSearchParams(url.hash.slice(hashQuery + 1)));
  for (const params of queries) {
    for (const [key, value] of params) {
      if (ID_PARAMS.includes(key.toLowerCase()) && looksLikeId(value.trim())) return value.trim().toUpperCase();
    }
  }
  if (!CONSOLE_HOST.test(url.hostname)) return undefined;
  const route = url.pathname + '/' + url.hash.replace(/^#/, '').split('?')[0];
  const segments = route.split('/').filter(Boolean).reverse();
  // A path segment counts only if it is upper-case already: "detail" or "v2" never become ids.
  return segments.find((segment) => /^[A-Z0-9]+$/.test(segment) && looksLikeId(segment));
}

/** Parses input as typed: returns the ticket id or a message that says what is wrong. */
export function parseTicketIdInput(input: string): TicketIdParse {
  const trimmed = (input ?? '').trim();
  if (!trimmed) return { ok: false, message: t('Type or paste a ticket ID, like 0005PYGCW, or a console link.') };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return { ok: false, message: t('That link is not a valid URL.') };
    }
    const fromUrl = idFromUrl(url);
    return fromUrl ? { ok: true, ticketId: fromUrl } : { ok: false, message: t('No ticket ID found in that link.') };
  }
  // "ticket 0005PYGCW", "工单 0005PYGCW", "#0005PYGCW", "0005 PYGCW".
  const withoutLabel = trimmed.replace(TICKET_LABEL_PREFIX, '').replace(/^#/, '');
  const compact = normalizeTicketId(withoutLabel.replace(/[\s\u200b-\u200d\ufeff]+/g, ''));
  return checkShape(compact);
}

/** Whether `value` is already a well-formed (upper-case) id: commands called with an id argument. */
export function isTicketId(value: unknown): value is string {
  return isTicketIdShape(value);
}

/**
 * The id in a command argument (explorer items pass { ticketId } or the row, command links pass [id], hovers pass the
 * id), or a message saying why it is not one; undefined when there is no argument.
 */
export function ticketIdFromArgument(arg: unknown): { ticketId: string } | { error: string } | undefined {
  const raw = ticketIdTextOf(arg);
  if (raw === undefined) return undefined;
  const parsed = parseTicketIdInput(raw);
  return parsed.ok ? { ticketId: parsed.ticketId } : { error: parsed.message };
}
