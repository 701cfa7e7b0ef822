// The shape of a ticket id, defined once, and the words and links that carry one. Open Ticket (what a user types),
// hover/link detection (what a file contains), command arguments and the default idPattern setting in
// package.json all come from here (a unit test checks package.json against DEFAULT_ID_PATTERN). No vscode import;
// the refusals are in the display language through t().
//
// Ids are upper-case letters and digits; the documented ones are 0005PYGCW and 001571BTXC, and every id we have seen
// is 9 or 10 characters long with at least one digit. Lower-case input is the same id: Open Ticket and the hover
// detection both accept it and upper-case it before anything is sent.

import { t } from '../common/l10n';

export const TICKET_ID_MIN_LENGTH = 9;
export const TICKET_ID_MAX_LENGTH = 10;
/** An example for messages and placeholders. */
export const EXAMPLE_TICKET_ID = '0005PYGCW';

/** A ticket id the API can have (already upper-case). */
const ID_SHAPE = new RegExp(`^(?=[A-Z]*[0-9])[0-9A-Z]{${TICKET_ID_MIN_LENGTH},${TICKET_ID_MAX_LENGTH}}$`);

/**
 * The default pattern that finds ids in text. Stricter than the id shape, because a hover sends what it matches to
 * the server: it must start with a digit (so upper-case words and constants never match) and hold a letter from G to
 * Z (so hex - hashes, addresses, colours - never matches), with nothing alphanumeric around it. All upper-case or all
 * lower-case, never mixed (camelCase identifiers stay out); lower case needs three letters or more, so a number with
 * a unit ("1234567ms") is not an id.
 */
export const DEFAULT_ID_PATTERN =
  `(?<![0-9A-Za-z_])(?:(?=[0-9A-Z]*[G-Z])[0-9][0-9A-Z]{${TICKET_ID_MIN_LENGTH - 1},${TICKET_ID_MAX_LENGTH - 1}}` +
  `|(?=[0-9a-z]*[g-z])(?=(?:[0-9]*[a-z]){3})[0-9][0-9a-z]{${TICKET_ID_MIN_LENGTH - 1},${TICKET_ID_MAX_LENGTH - 1}})(?![0-9A-Za-z_])`;

/** The words that mark an id in prose: "ticket", "工单" (Chinese for work order), "work order". */
export const TICKET_WORD = /ticket|工单|work[\s_-]?order/i;
/** The same words as a label in front of a typed id: "ticket 0005PYGCW", "工单: 0005PYGCW", "work order #…". */
export const TICKET_LABEL_PREFIX = /^(?:ticket|工单|work[\s_-]*order)\s*(?:id)?\s*[:#：]?\s*/i;

/** Hosts of the Alibaba Cloud consoles, whose links may carry a ticket id. */
export const CONSOLE_HOST = /(^|\.)(aliyun\.com|alibabacloud\.com)$/i;

/** Upper-cases an id as typed or found (ids are case-insensitive; the API knows them upper-case). */
export function normalizeTicketId(text: string): string {
  return text.trim().toUpperCase();
}

/** True when `value` (already normalized) has the shape of a ticket id. */
export function isTicketIdShape(value: unknown): value is string {
  return typeof value === 'string' && ID_SHAPE.test(value);
}

/** Why a normalized candidate is not an id, or undefined when it is one. */
export function ticketIdProblem(candidate: string): string | undefined {
  const bad = [...candidate].find((ch) => !/[0-9A-Z]/.test(ch));
  if (bad !== undefined) return t('A ticket ID has only letters and digits (found "{0}").', bad);
  if (candidate.length < TICKET_ID_MIN_LENGTH || candidate.length > TICKET_ID_MAX_LENGTH) {
    return t(
      'A ticket ID has {0} or {1} letters and digits, like {2} (this has {3}).',
      TICKET_ID_MIN_LENGTH,
      TICKET_ID_MAX_LENGTH,
      EXAMPLE_TICKET_ID,
      candidate.length,
    );
  }
  if (!/[0-9]/.test(candidate)) return t('A ticket ID contains digits, like {0}.', EXAMPLE_TICKET_ID);
  return undefined;
}

/**
 * The raw text of a ticket id in a command argument: the id itself, `[id]` (command links), `{ ticketId }`, or a
 * Tickets-view row (`{ kind: 'ticket', ticket: { ticketId } }`, what VS Code passes to context-menu commands).
 * Undefined when the argument carries none. Not checked against the shape: callers decide what a bad one means.
 */
export function ticketIdTextOf(arg: unknown): string | undefined {
  const candidate = Array.isArray(arg) ? arg[0] : arg;
  if (typeof candidate === 'string') return candidate;
  if (candidate && typeof candidate === 'object') {
    const record = candidate as { kind?: unknown; ticket?: { ticketId?: unknown }; ticketId?: unknown };
    if (record.kind === 'ticket' && typeof record.ticket?.ticketId === 'string') return record.ticket.ticketId;
    if (typeof record.ticketId === 'string') return record.ticketId;
  }
  return undefined;
}
