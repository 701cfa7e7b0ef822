// The state rules of the write actions, in one table: from which statuses each action is accepted, what status it
// leads to, and whether the rule is documented or only inferred (ticket-api.md: "Which status allows reply / close /
// reopen / rate: not documented"). The actions read this table and nothing else; the README shows it.
import type { StatusValue } from './model';

export type WriteActionName = 'ReplyTicket' | 'CloseTicket' | 'ReopenTicket' | 'EvaluateTicket' | 'CreateTicket';

export interface StateRule {
  /** Statuses the action is accepted in; undefined for CreateTicket (no ticket yet). */
  allowedFrom?: readonly StatusValue[];
  /** Status after the action, per status before it; a status not listed stays as it was. */
  next: Partial<Record<StatusValue | 'new', StatusValue>>;
  /** What else happens, in words (for the README). */
  effect: string;
  source: 'documented' | 'inferred';
}

export const STATE_RULES: Record<WriteActionName, StateRule> = {
  ReplyTicket: {
    allowedFrom: [1, 2, 3, 4, 5],
    next: { 3: 4, 5: 4 },
    effect:
      'adds your note (User.Role 3, Status 2 read) with the FileNameList attachments; waiting for you (3) or to be confirmed (5) becomes feedback received (4)',
    source: 'inferred',
  },
  CloseTicket: {
    allowedFrom: [1, 2, 3, 4, 5],
    next: { 1: 6, 2: 6, 3: 6, 4: 6, 5: 6 },
    effect: 'the ticket is completed (6)',
    source: 'inferred',
  },
  ReopenTicket: {
    allowedFrom: [5, 6],
    next: { 5: 1, 6: 1 },
    effect: 'adds the Content as your note; the ticket is pending response again (1)',
    source: 'inferred',
  },
  EvaluateTicket: {
    allowedFrom: [5, 6],
    next: { 5: 6 },
    effect: 'stores Solved, Score (1..5) and Content; a ticket to be confirmed (5) is completed (6)',
    source: 'inferred',
  },
  CreateTicket: {
    next: { new: 1 },
    effect:
      'adds a ticket with CategoryId, Severity, Title (first line of the description when empty), Description, Email, FileNameList and SecretInfo; it lists first, pending response (1)',
    source: 'inferred',
  },
};

/** The refusal message when `status` does not allow `action`, or undefined when it does. */
export function refusal(action: WriteActionName, ticketId: string, status: StatusValue): string | undefined {
  const allowed = STATE_RULES[action].allowedFrom;
  if (!allowed || allowed.includes(status)) return undefined;
  return `Illegal param: the status of ticket ${ticketId} (${status}) does not allow ${action}; allowed in status ${allowed.join(', ')}.`;
}

/** The status after `action` on a ticket in `status`. */
export function nextStatus(action: WriteActionName, status: StatusValue | 'new'): StatusValue | undefined {
  return STATE_RULES[action].next[status];
}
