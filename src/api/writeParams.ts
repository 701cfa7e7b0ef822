// Parameter builders for the write actions (reply, close, reopen, rate, create): each checks its input with a message
// a person understands, before anything is signed or sent, and puts every parameter where the official API metadata
// puts it (ticket-api.md: FileNameList in the query for ReplyTicket but in the body for CreateTicket; SecretInfo is
// JSON in the query). The server stays the judge of everything we cannot know (status rules, category ids).
import { checkTicketId, invalidArgument, type ActionParams } from './params';
import { messageText, type MessageText } from './messageText';
import type { CreateTicketInput, EvaluateTicketInput } from './types';

/** `empty` is the refusal when there is nothing to send ("The reply is empty: write something first."). */
function requiredText(value: unknown, action: string, empty: MessageText): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidArgument(action, empty);
  return value;
}

/** ObjectKeys from uploadAttachment, comma-joined on the wire: so none may be empty or contain a comma. */
function objectKeys(value: unknown, action: string, field = 'attachments'): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw invalidArgument(action, messageText('{0}: {1} must be a list of uploaded attachment keys.', action, field));
  return value.map((key) => {
    if (typeof key !== 'string' || key.trim() === '' || key.includes(',')) {
      throw invalidArgument(
        action,
        messageText('{0}: each attachment must be the key uploadAttachment returned (not empty, no commas).', action),
      );
    }
    return key.trim();
  });
}

/** ReplyTicket: TicketId, Content and Encrypt in the form body; FileNameList (comma-joined) in the query string. */
export function replyTicketParams(
  ticketId: string,
  content: string,
  options: { encrypt?: boolean; attachments?: string[] } = {},
): ActionParams {
  const action = 'ReplyTicket';
  const id = checkTicketId(ticketId, action);
  const text = requiredText(content, action, messageText('The reply is empty: write something first.'));
  const o = options ?? {};
  if (o.encrypt !== undefined && typeof o.encrypt !== 'boolean')
    throw invalidArgument(action, messageText('ReplyTicket: encrypt must be true or false.'));
  const files = objectKeys(o.attachments, action);
  const query: Record<string, string> = {};
  if (files.length > 0) query.FileNameList = files.join(',');
  return { query, body: { TicketId: id, Content: text, Encrypt: o.encrypt ? 'true' : 'false' } };
}

/** CloseTicket: TicketId in the form body. */
export function closeTicketParams(ticketId: string): ActionParams {
  return { query: {}, body: { TicketId: checkTicketId(ticketId, 'CloseTicket') } };
}

/** ReopenTicket: TicketId and Content (the reason, required) in the form body. */
export function reopenTicketParams(ticketId: string, content: string): ActionParams {
  const id = checkTicketId(ticketId, 'ReopenTicket');
  const text = requiredText(
    content,
    'ReopenTicket',
    messageText('The reason for reopening is empty: write something first.'),
  );
  return { query: {}, body: { TicketId: id, Content: text } };
}

/** EvaluateTicket: TicketId, Solved ("true"/"false"), Score ("1".."5") and Content in the form body. */
export function evaluateTicketParams(ticketId: string, rating: EvaluateTicketInput): ActionParams {
  const action = 'EvaluateTicket';
  const id = checkTicketId(ticketId, action);
  const r = (rating ?? {}) as Partial<EvaluateTicketInput>;
  if (typeof r.solved !== 'boolean')
    throw invalidArgument(action, messageText('Say whether the problem was solved (solved: true or false).'));
  if (typeof r.score !== 'number' || !Number.isInteger(r.score) || r.score < 1 || r.score > 5) {
    throw invalidArgument(
      action,
      messageText('The score must be a whole number from 1 to 5 (got {0}).', JSON.stringify(r.score ?? null)),
    );
  }
  if (r.content !== undefined && typeof r.content !== 'string')
    throw invalidArgument(action, messageText('EvaluateTicket: the comment must be text.'));
  const body: Record<string, string> = { TicketId: id, Solved: r.solved ? 'true' : 'false', Score: String(r.score) };
  if (r.content !== undefined && r.content.trim() !== '') body.Content = r.content;
  return { query: {}, body };
}

/** A light check of the e-mail shape: the server decides, this only catches an obvious slip early. */
const EMAIL_SHAPE = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/**
 * CreateTicket: CategoryId, Description, Severity, Title, Email and FileNameList (comma-joined) in the form body;
 * SecretInfo in the query string as JSON {Content, FileNameList[]}, only when there is something secret to send.
 */
export function createTicketParams(input: CreateTicketInput): ActionParams {
  const action = 'CreateTicket';
  const t = (input ?? {}) as Partial<CreateTicketInput>;
  const categoryId =
    typeof t.categoryId === 'number' && Number.isFinite(t.categoryId)
      ? String(t.categoryId)
      : typeof t.categoryId === 'string'
        ? t.categoryId.trim()
        : '';
  if (!categoryId) throw invalidArgument(action, messageText('Choose a product and a category for the new ticket.'));
  if (t.severity !== 1 && t.severity !== 2) {
    throw invalidArgument(
      action,
      messageText('The severity must be 1 (common) or 2 (urgent) (got {0}).', JSON.stringify(t.severity ?? null)),
    );
  }
  const description = requiredText(
    t.description,
    action,
    messageText('The description is empty: write something first.'),
  );
  if (t.title !== undefined && typeof t.title !== 'string')
    throw invalidArgument(action, messageText('CreateTicket: the title must be text.'));
  const body: Record<string, string> = {
    CategoryId: categoryId,
    Description: description,
    Severity: String(t.severity),
  };
  if (t.title !== undefined && t.title.trim() !== '') body.Title = t.title.trim();
  if (t.email !== undefined && t.email !== '') {
    if (typeof t.email !== 'string' || !EMAIL_SHAPE.test(t.email.trim())) {
      throw invalidArgument(
        action,
        messageText('"{0}" does not look like an e-mail address (name@example.com).', String(t.email).slice(0, 80)),
      );
    }
    body.Email = t.email.trim();
  }
  const files = objectKeys(t.attachments, action);
  if (files.length > 0) body.FileNameList = files.join(',');
  const query: Record<string, string> = {};
  if (t.secret !== undefined && t.secret !== null) {
    if (typeof t.secret !== 'object')
      throw invalidArgument(action, messageText('CreateTicket: secret must be { content?, attachments? }.'));
    if (t.secret.content !== undefined && typeof t.secret.content !== 'string')
      throw invalidArgument(action, messageText('CreateTicket: the confidential text must be text.'));
    const secretFiles = objectKeys(t.secret.attachments, action, 'secret.attachments');
    const secretText = t.secret.content ?? '';
    if (secretText.trim() !== '' || secretFiles.length > 0) {
      query.SecretInfo = JSON.stringify({ Content: secretText, FileNameList: secretFiles });
    }
  }
  return { query, body };
}
