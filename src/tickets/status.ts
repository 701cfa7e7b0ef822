// What each ticket status means to the user, defined once: which one support is waiting on (the badge and the
// highlighted group), which ask the user to act, which are finished (folded away), and the order of the groups.
// Values and names are the API's (src/api/types.ts). No vscode import.
import { STATUS_NAMES, type SeverityValue, type StatusName, type StatusValue } from '../api/types';

/** Waiting for support to pick the ticket up. */
export const PENDING = 1 satisfies StatusValue;
/** Support is working on it. */
export const PROCESSING = 2 satisfies StatusValue;
/** Support waits for the user's feedback: the activity-bar badge counts these, and their group comes first. */
export const WAITING_FOR_YOU = 3 satisfies StatusValue;
/** The user answered; support's turn again. */
export const FEEDBACK_RECEIVED = 4 satisfies StatusValue;
/** Support thinks it is solved and asks the user to confirm. */
export const TO_BE_CONFIRMED = 5 satisfies StatusValue;
/** Finished: history, folded in the Tickets view. */
export const COMPLETED = 6 satisfies StatusValue;

/** Statuses where the user is the one who has to act. */
export const NEEDS_YOU: ReadonlySet<StatusValue> = new Set<StatusValue>([WAITING_FOR_YOU, TO_BE_CONFIRMED]);
/** Statuses of finished tickets. */
export const FINISHED: ReadonlySet<StatusValue> = new Set<StatusValue>([COMPLETED]);
/** Statuses in which support, not the user, is expected to write next (the watcher reads their notes in turn). */
export const SUPPORTS_TURN: ReadonlySet<StatusValue> = new Set<StatusValue>([PENDING, PROCESSING, FEEDBACK_RECEIVED]);
/** Statuses in which support considers the ticket solved: it can be reopened and rated. */
export const SOLVED: ReadonlySet<StatusValue> = new Set<StatusValue>([TO_BE_CONFIRMED, COMPLETED]);

/** Every status value, in the order support moves a ticket along. */
export const ALL_STATUSES: readonly StatusValue[] = [
  PENDING,
  PROCESSING,
  WAITING_FOR_YOU,
  FEEDBACK_RECEIVED,
  TO_BE_CONFIRMED,
  COMPLETED,
];

/** Group order in the Tickets view: what needs the user first, finished work last. */
export const STATUS_GROUP_ORDER: readonly StatusValue[] = [
  WAITING_FOR_YOU,
  TO_BE_CONFIRMED,
  PENDING,
  PROCESSING,
  FEEDBACK_RECEIVED,
  COMPLETED,
];

/** Who wrote a note (TicketNote.userRole, the API's User.Role): a support agent, or the customer (the user). */
export const SUPPORT_ROLE = 2;
export const CUSTOMER_ROLE = 3;

/** The author of a note, as a key (each surface words it); anything else is a third participant. */
export function noteAuthor(userRole: number | undefined): 'support' | 'you' | 'participant' {
  // l10n-exempt: keys, not words.
  return userRole === SUPPORT_ROLE ? 'support' : userRole === CUSTOMER_ROLE ? 'you' : 'participant';
}

export const SEVERITY_COMMON = 1 satisfies SeverityValue;
export const SEVERITY_URGENT = 2 satisfies SeverityValue;

/** One of the six status values. */
export function isStatusValue(value: unknown): value is StatusValue {
  return typeof value === 'number' && Number.isInteger(value) && value >= PENDING && value <= COMPLETED;
}

/** A status value from the wire, or 1 (pending) when it is none of the six. */
export function toStatusValue(value: unknown): StatusValue {
  const n = Number(value);
  return isStatusValue(n) ? n : PENDING;
}

export function isWaitingForYou(value: number | undefined): boolean {
  return value === WAITING_FOR_YOU;
}

export function isFinished(value: number | undefined): boolean {
  return value !== undefined && FINISHED.has(value as StatusValue);
}

export function needsYou(value: number | undefined): boolean {
  return value !== undefined && NEEDS_YOU.has(value as StatusValue);
}

/** Support writes next in this status. */
export function isSupportsTurn(value: number | undefined): boolean {
  return value !== undefined && SUPPORTS_TURN.has(value as StatusValue);
}

/** Support considers it solved and waits for the user to confirm. */
export function isToBeConfirmed(value: number | undefined): boolean {
  return value === TO_BE_CONFIRMED;
}

/** Support considers the ticket solved (to be confirmed, or completed). */
export function isSolved(value: number | undefined): boolean {
  return value !== undefined && SOLVED.has(value as StatusValue);
}

/** Orders "needs you" tickets: waiting for feedback (support is blocked) before to be confirmed. */
export function compareUrgency(a: StatusValue, b: StatusValue): number {
  return Number(isWaitingForYou(b)) - Number(isWaitingForYou(a));
}

/** The API names of the statuses of tickets still open (everything but finished), for a ListTickets query. */
export function unfinishedStatusNames(): StatusName[] {
  return ALL_STATUSES.filter((value) => !isFinished(value)).map(statusName);
}

/** The API names of the statuses of finished tickets. */
export function finishedStatusNames(): StatusName[] {
  return ALL_STATUSES.filter(isFinished).map(statusName);
}

/** The API names of the statuses where the user has to act. */
export function needsYouStatusNames(): StatusName[] {
  return ALL_STATUSES.filter(needsYou).map(statusName);
}

/** The statuses that wait for the user, in the Tickets view's group order. */
export function needsYouStatuses(): StatusValue[] {
  return STATUS_GROUP_ORDER.filter(needsYou);
}

/** The API's name of a status value ("wait_feedback"). */
export function statusName(value: StatusValue): StatusName {
  return STATUS_NAMES[value];
}

/** The status value of an API status name. */
export function statusValueOf(name: StatusName): StatusValue {
  const entry = Object.entries(STATUS_NAMES).find(([, n]) => n === name);
  return toStatusValue(entry?.[0]);
}
