// The action table: every Workorder action the emulator answers and its handler. Which of them write is the list of
// state rules (stateRules.ts).
import { getAttachmentUploadUrl } from './attachments';
import { listCategories, listProducts } from './catalog';
import type { ActionDefinition } from './context';
import { getTicket, listTicketNotes, listTickets } from './read';
import { closeTicket, createTicket, evaluateTicket, reopenTicket, replyTicket } from './write';

export const ACTIONS = {
  GetTicket: getTicket,
  ListTickets: listTickets,
  ListTicketNotes: listTicketNotes,
  ReplyTicket: replyTicket,
  CloseTicket: closeTicket,
  ReopenTicket: reopenTicket,
  EvaluateTicket: evaluateTicket,
  CreateTicket: createTicket,
  ListProducts: listProducts,
  ListCategories: listCategories,
  GetAttachmentUploadUrl: getAttachmentUploadUrl,
} satisfies Record<string, ActionDefinition['handler']>;

export type ActionName = keyof typeof ACTIONS;

export function actionHandler(action: string): ActionDefinition['handler'] | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action as ActionName] : undefined;
}

export type { ActionContext, ActionDefinition } from './context';
