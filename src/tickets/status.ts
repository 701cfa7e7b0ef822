// What each ticket status means to the user, defined once: which one support is waiting on (the badge and the
// highlighted group), which ask the user to act, which are finished (folded away), and the order of the groups.
// Values and names are the API's (src/api/types.ts). No vscode import.
import { STATUS_NAMES, type SeverityValue, type StatusName, type StatusValue } from '../api/types';

/** Support waits for the user's feedback: the activity-bar badge counts these, and their group comes first. */
export const WAITING_FOR_YOU = 3 satisfies StatusValue;
/** Support thinks it is solved and asks the user to confirm. */
export const TO_BE_CONFIRMED = 5 satisfies StatusValue;
/** Finished: history, folded in the Tickets view. */
export const COMPLETED = 6 satisfies StatusValue;

/** Statuses where the user is the one who has to act. */
export const NEEDS_YOU: ReadonlySet<StatusValue> = new Set<StatusValue>([WAITING_FOR_YOU, TO_BE_CONFIRMED]);
/** Statuses of finished tickets. */
export const FINISHED: ReadonlySet<StatusValue> = new Set<StatusValue>([COMPLETED]);

/** Group order in the Tickets view: what needs the user first, finished work last. */
export const STATUS_GROUP_ORDER: readonly StatusValue[] = [WAITING_FOR_YOU, TO_BE_CONFIRMED, 1, 2, 4, COMPLETED];

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

/** A status value from the wire, or 1 (pending) when it is none of the six. */
export function toStatusValue(value: unknown): StatusValue {
  const n = Number(value);
  return (Number.isInteger(n) && n >= 1 && n <= 6 ? n : 1) as StatusValue;
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

/** The API's name of a status value ("wait_feedback"). */
export function statusName(value: StatusValue): StatusName {
  return STATUS_NAMES[value];
}

/** The status value of an API status name. */
export function statusValueOf(name: StatusName): StatusValue {
  const entry = Object.entries(STATUS_NAMES).find(([, n]) => n === name);
  return toStatusValue(entry?.[0]);
}
