// ReplyTicket, CloseTicket, ReopenTicket, EvaluateTicket and CreateTicket. Which status allows what, and what it
// leads to, comes from the one table in stateRules.ts; a status that does not allow the action gets illegal.param.
import type { StoredAttachment, StoredTicket } from '../model';
import { nextStatus, refusal, WriteActionName } from '../stateRules';
import { fileNameList, illegalParam, Outcome, success } from '../wire';
import type { ActionContext } from './context';
import { existingTicket, isTicket } from './read';

/** The refusal to answer when the ticket's status does not allow `action` (checked after the parameters). */
function refused(action: WriteActionName, ctx: ActionContext, ticket: StoredTicket): Outcome | undefined {
  const message = refusal(action, ticket.ticketId, ticket.status);
  return message ? illegalParam(ctx.requestId, message) : undefined;
}

function moveOn(action: WriteActionName, ticket: StoredTicket): void {
  ticket.status = nextStatus(action, ticket.status) ?? ticket.status;
}

/** FileNameList entries as attachments: uploaded ones link to the emulator's signed GET URL. */
function attachmentsOf(ctx: ActionContext, keys: string[]): StoredAttachment[] {
  return keys.map((key) => {
    const upload = ctx.store.uploads.get(key);
    if (upload) return { name: upload.fileName, url: ctx.uploads.sign('GET', key) };
    return {
      name: key,
      url: `https://workorder-attachments.oss-cn-hangzhou.aliyuncs.com/uploads/${encodeURIComponent(key)}`,
    };
  });
}

function booleanParam(ctx: ActionContext, name: string): boolean | Outcome {
  const value = ctx.params.get(name);
  if (value !== 'true' && value !== 'false')
    return illegalParam(ctx.requestId, `Illegal param: ${name} must be true or false.`);
  return value === 'true';
}

export function replyTicket(ctx: ActionContext): Outcome {
  const ticket = existingTicket(ctx);
  if (!isTicket(ticket)) return ticket;
  const content = ctx.params.get('Content');
  if (!content) return illegalParam(ctx.requestId, 'Illegal param: Content is required.');
  const encrypt = booleanParam(ctx, 'Encrypt');
  if (typeof encrypt !== 'boolean') return encrypt;
  const refusedNow = refused('ReplyTicket', ctx, ticket);
  if (refusedNow) return refusedNow;
  const note = ctx.store.addNote(ticket.ticketId, {
    content,
    role: 3,
    attachments: attachmentsOf(ctx, fileNameList(ctx.params.get('FileNameList'))),
  });
  moveOn('ReplyTicket', ticket);
  return { status: 200, body: { ...success(ctx.requestId), Data: String(note.dialogId) } };
}

export function closeTicket(ctx: ActionContext): Outcome {
  const ticket = existingTicket(ctx);
  if (!isTicket(ticket)) return ticket;
  const refusedNow = refused('CloseTicket', ctx, ticket);
  if (refusedNow) return refusedNow;
  moveOn('CloseTicket', ticket);
  return { status: 200, body: { ...success(ctx.requestId) } };
}

export function reopenTicket(ctx: ActionContext): Outcome {
  const ticket = existingTicket(ctx);
  if (!isTicket(ticket)) return ticket;
  const content = ctx.params.get('Content');
  if (!content) return illegalParam(ctx.requestId, 'Illegal param: Content is required.');
  const refusedNow = refused('ReopenTicket', ctx, ticket);
  if (refusedNow) return refusedNow;
  ctx.store.addNote(ticket.ticketId, { content, role: 3 });
  moveOn('ReopenTicket', ticket);
  return { status: 200, body: { ...success(ctx.requestId), Data: ticket.ticketId } };
}

export function evaluateTicket(ctx: ActionContext): Outcome {
  const ticket = existingTicket(ctx);
  if (!isTicket(ticket)) return ticket;
  const solved = booleanParam(ctx, 'Solved');
  if (typeof solved !== 'boolean') return solved;
  const score = ctx.params.get('Score');
  if (!score || !/^[1-5]$/.test(score)) return illegalParam(ctx.requestId, 'Illegal param: Score must be 1 to 5.');
  const refusedNow = refused('EvaluateTicket', ctx, ticket);
  if (refusedNow) return refusedNow;
  ctx.store.evaluations.set(ticket.ticketId, {
    solved,
    score: Number(score),
    content: ctx.params.get('Content') ?? '',
  });
  moveOn('EvaluateTicket', ticket);
  return { status: 200, body: { ...success(ctx.requestId) } };
}

function secretInfoOf(raw: string | undefined): { content: string; fileNames: string[] } | string | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = JSON.parse(raw) as { Content?: unknown; FileNameList?: unknown };
    const files = parsed.FileNameList ?? [];
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      !Array.isArray(files) ||
      !files.every((f) => typeof f === 'string')
    )
      throw new Error('shape');
    return { content: typeof parsed.Content === 'string' ? parsed.Content : '', fileNames: files as string[] };
  } catch {
    return 'Illegal param: SecretInfo must be JSON {"Content": string, "FileNameList": [string]}.';
  }
}

export function createTicket(ctx: ActionContext): Outcome {
  const { params, requestId } = ctx;
  const categoryId = params.get('CategoryId');
  const description = params.get('Description');
  const severity = params.get('Severity');
  if (!categoryId) return illegalParam(requestId, 'Illegal param: CategoryId is required.');
  if (!description) return illegalParam(requestId, 'Illegal param: Description is required.');
  if (severity !== '1' && severity !== '2') return illegalParam(requestId, 'Illegal param: Severity must be 1 or 2.');
  const secret = secretInfoOf(params.get('SecretInfo'));
  if (typeof secret === 'string') return illegalParam(requestId, secret);
  const email = params.get('Email');
  // The address support writes to: the server refuses one it cannot write to, whatever the client checked (the
  // emulator's stand-in for an undeliverable domain is the reserved top-level domain .invalid, RFC 2606).
  if (email && (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || /\.invalid$/i.test(email)))
    return illegalParam(requestId, `Illegal param: Email ${email} is not a valid e-mail address.`);
  const ticket = ctx.store.addTicket({
    title: params.get('Title') || description.split('\n')[0].slice(0, 60),
    description,
    categoryId,
    severity: Number(severity) as 1 | 2,
    status: nextStatus('CreateTicket', 'new') ?? 1,
    ...(params.get('CreatorId') ? { creatorId: params.get('CreatorId') } : {}),
    ...(email ? { email } : {}),
    attachments: attachmentsOf(ctx, fileNameList(params.get('FileNameList'))),
    ...(secret ? { secretInfo: secret } : {}),
  });
  return { status: 200, body: { ...success(requestId), Data: ticket.ticketId } };
}
