// The action table: every Workorder action the emulator answers, its handler, and whether it writes.
import { getAttachmentUploadUrl } from './attachments';
import { listCategories, listProducts } from './catalog';
import type { ActionDefinition } from './context';
import { getTicket, listTicketNotes, listTickets } from './read';
import { closeTicket, createTicket, evaluateTicket, reopenTicket, replyTicket } from './write';

export const ACTIONS = {
  GetTicket: { handler: getTicket, write: false },
  ListTickets: { handler: listTickets, write: false },
  ListTicketNotes: { handler: listTicketNotes, write: false },
  ReplyTicket: { handler: replyTicket, write: true },
  CloseTicket: { handler: closeTicket, write: true },
  ReopenTicket: { handler: reopenTicket, write: true },
  EvaluateTicket: { handler: evaluateTicket, write: true },
  CreateTicket: { handler: createTicket, write: true },
  ListProducts: { handler: listProducts, write: false },
  ListCategories: { handler: listCategories, write: false },
  GetAttachmentUploadUrl: { handler: getAttachmentUploadUrl, write: false },
} satisfies Record<string, ActionDefinition>;

export type ActionName = keyof typeof ACTIONS;

export function actionDefinition(action: string): ActionDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action as ActionName] : undefined;
}

export type { ActionContext, ActionDefinition } from './context';
