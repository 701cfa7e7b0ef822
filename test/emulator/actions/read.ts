// GetTicket, ListTickets and ListTicketNotes.
import { StoredTicket } from '../model';
import {
  illegalParam,
  Outcome,
  repeatList,
  statusFromParam,
  statusWire,
  strictInt,
  success,
  ticketWire,
} from '../wire';
import type { ActionContext } from './context';

/** The ticket named by TicketId, or the illegal.param answer when it is missing or unknown. */
export function existingTicket(ctx: ActionContext): StoredTicket | Outcome {
  const ticketId = ctx.params.get('TicketId');
  if (!ticketId) return illegalParam(ctx.requestId, 'Illegal param: TicketId is required.');
  const ticket = ctx.store.tickets.get(ticketId);
  if (!ticket) return illegalParam(ctx.requestId, `Illegal param: ticket ${ticketId} does not exist.`);
  return ticket;
}

export function isTicket(value: StoredTicket | Outcome): value is StoredTicket {
  return 'ticketId' in value;
}

export function getTicket(ctx: ActionContext): Outcome {
  const ticket = existingTicket(ctx);
  if (!isTicket(ticket)) return ticket;
  return { status: 200, body: { ...success(ctx.requestId), Data: ticketWire(ticket, ctx.language) } };
}

export function listTickets(ctx: ActionContext): Outcome {
  const { params, requestId } = ctx;
  const pageNumber = strictInt(params.get('PageNumber'));
  const pageSize = strictInt(params.get('PageSize'));
  if (pageNumber === undefined || pageNumber < 1)
    return illegalParam(requestId, 'Illegal param: PageNumber must be an integer ≥ 1.');
  if (pageSize === undefined || pageSize < 10 || pageSize > 100)
    return illegalParam(requestId, 'Illegal param: PageSize must be an integer from 10 to 100.');

  let list = ctx.store.sortedTickets();

  const statuses = repeatList(params, 'StatusList');
  if (statuses.length > 0) {
    const wanted = new Set<number>();
    for (const s of statuses) {
      const value = statusFromParam(s);
      if (value === undefined)
        return illegalParam(requestId, `Illegal param: StatusList value ${s} is not a ticket status.`);
      wanted.add(value);
    }
    list = list.filter((t) => wanted.has(t.status));
  }
  // The reference documents Keyword as fuzzy on Description; the console also finds titles, and so does this emulator.
  const keyword = params.get('Keyword');
  if (keyword) {
    const k = keyword.toLowerCase();
    list = list.filter((t) => t.description.toLowerCase().includes(k) || t.title.toLowerCase().includes(k));
  }
  const startRaw = params.get('StartDate');
  const endRaw = params.get('EndDate');
  if (startRaw !== undefined || endRaw !== undefined) {
    const start = strictInt(startRaw);
    const end = strictInt(endRaw);
    // The API wants both; a lone bound or a non-number is refused rather than silently ignored.
    if (start === undefined || end === undefined)
      return illegalParam(requestId, 'Illegal param: StartDate and EndDate must both be epoch milliseconds.');
    list = list.filter((t) => t.createTime >= start && t.createTime <= end);
  }
  const ticketId = params.get('TicketId');
  if (ticketId) list = list.filter((t) => t.ticketId === ticketId);
  const idList = params.get('TicketIdList');
  if (idList) {
    const ids = new Set(
      idList
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    list = list.filter((t) => ids.has(t.ticketId));
  }

  const offset = (pageNumber - 1) * pageSize;
  const page = list.slice(offset, offset + pageSize);
  return {
    status: 200,
    body: {
      ...success(requestId),
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: list.length,
      Data: page.map((t) => ({ TicketId: t.ticketId, Title: t.title, Status: statusWire(t, ctx.language) })),
    },
  };
}

/** Oldest first. Reading does not change a note's read Status (the reference says nothing of what does). */
export function listTicketNotes(ctx: ActionContext): Outcome {
  const ticket = existingTicket(ctx);
  if (!isTicket(ticket)) return ticket;
  const notes = [...(ctx.store.notes.get(ticket.ticketId) ?? [])].sort(
    (a, b) => a.createTime - b.createTime || a.dialogId - b.dialogId,
  );
  return {
    status: 200,
    body: {
      ...success(ctx.requestId),
      Data: notes.map((n) => ({
        DialogId: n.dialogId,
        CreateTime: n.createTime,
        Type: n.type,
        Status: n.readStatus,
        Tip: '',
        Dialog: { Content: n.content, Schema: n.schema },
        User: { Name: n.userName, Role: n.role },
        Attachments: n.attachments.map((a) => ({ Name: a.name, Url: a.url })),
      })),
    },
  };
}
