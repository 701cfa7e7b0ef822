// The control API under /__emulator/ (same port as the API): a route table from "METHOD path" to a handler over the
// emulator's in-process methods. Tests, the integration harness and the demo script drive the emulator through it.
import { Fault, validateFault } from './faults';
import type { Language, NoteInput, StatusValue, StoredAttachment, TicketInput } from './model';
import type { SeedName } from './seed';
import type { TicketEmulator } from './server';

export const CONTROL_PREFIX = '/__emulator/';

/** [HTTP status, JSON body]. */
type Answer = [number, unknown];
type Handler = (emu: TicketEmulator, body: unknown, match: RegExpExecArray) => Answer;

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Matched against the path after /__emulator/. */
  path: RegExp;
  handler: Handler;
}

const bad = (error: string): Answer => [400, { error }];

const ROUTES: Route[] = [
  {
    method: 'POST',
    path: /^faults$/,
    handler: (emu, body) => {
      const list = Array.isArray(body) ? body : [body];
      for (const f of list) {
        const problem = validateFault(f);
        if (problem) return bad(problem);
      }
      for (const f of list) emu.inject(f as Fault);
      return [200, { ok: true, pending: emu.pendingFaults }];
    },
  },
  { method: 'GET', path: /^faults$/, handler: (emu) => [200, { pending: emu.pendingFaults }] },
  {
    method: 'DELETE',
    path: /^faults$/,
    handler: (emu) => {
      emu.clearFaults();
      return [200, { ok: true }];
    },
  },
  {
    method: 'POST',
    path: /^reset$/,
    handler: (emu, body) => {
      const parsed = body as { seed?: SeedName; language?: Language } | undefined;
      emu.reset(parsed?.seed, parsed?.language);
      return [200, { ok: true, seed: emu.seed, language: emu.language, tickets: emu.allTickets().length }];
    },
  },
  {
    method: 'POST',
    path: /^latency$/,
    handler: (emu, body) => {
      const ms = (body as { ms?: unknown } | undefined)?.ms;
      if (typeof ms !== 'number' || !(ms >= 0)) return bad('ms (number ≥ 0) is required');
      emu.setLatency(ms);
      return [200, { ok: true, ms }];
    },
  },
  {
    method: 'POST',
    path: /^clock$/,
    handler: (emu, body) => {
      const offsetMs = (body as { offsetMs?: unknown } | undefined)?.offsetMs;
      if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) return bad('offsetMs (number) is required');
      emu.setClockOffset(offsetMs);
      return [200, { ok: true, offsetMs }];
    },
  },
  {
    method: 'POST',
    path: /^keys\/disable$/,
    handler: (emu, body) => {
      const id = (body as { accessKeyId?: unknown } | undefined)?.accessKeyId;
      if (typeof id !== 'string' || !emu.hasKey(id)) return bad('accessKeyId of a known key is required');
      emu.disableKey(id);
      return [200, { ok: true }];
    },
  },
  {
    method: 'GET',
    path: /^requests$/,
    handler: (emu) => [
      200,
      { connectionCount: emu.connectionCount, peakInFlight: emu.peakInFlightCount, requests: emu.requests },
    ],
  },
  {
    method: 'DELETE',
    path: /^requests$/,
    handler: (emu) => {
      const cleared = emu.requests.length;
      emu.clearRequests();
      return [200, { ok: true, cleared }];
    },
  },
  { method: 'GET', path: /^uploads$/, handler: (emu) => [200, { uploads: emu.uploadRequests }] },
  {
    method: 'POST',
    path: /^tickets$/,
    handler: (emu, body) => {
      const parsed = body as { ticket?: TicketInput; notes?: NoteInput[] } | TicketInput | undefined;
      const input = parsed && 'ticket' in parsed ? parsed.ticket : (parsed as TicketInput | undefined);
      const notes = parsed && 'ticket' in parsed ? parsed.notes : undefined;
      if (!input || typeof input.title !== 'string') return bad('ticket.title (string) is required');
      return [200, { ok: true, ticket: emu.addTicket(input, notes ?? []) }];
    },
  },
  { method: 'GET', path: /^tickets$/, handler: (emu) => [200, { tickets: emu.allTickets() }] },
  {
    method: 'GET',
    path: /^tickets\/([^/]+)$/,
    handler: (emu, _body, m) => {
      const ticket = emu.getTicket(decodeURIComponent(m[1]));
      if (!ticket) return [404, { error: `no ticket ${m[1]}` }];
      return [
        200,
        { ticket, notes: emu.notesOf(ticket.ticketId), evaluation: emu.getEvaluation(ticket.ticketId) ?? null },
      ];
    },
  },
  {
    method: 'POST',
    path: /^tickets\/([^/]+)\/status$/,
    handler: (emu, body, m) => {
      const status = (body as { status?: unknown } | undefined)?.status;
      if (!(typeof status === 'number' && Number.isInteger(status) && status >= 1 && status <= 6))
        return bad('status (1..6) is required');
      return [200, { ok: true, ticket: emu.setTicketStatus(decodeURIComponent(m[1]), status as StatusValue) }];
    },
  },
  {
    method: 'POST',
    path: /^tickets\/([^/]+)\/notes$/,
    handler: (emu, body, m) => {
      const note = body as
        { content?: unknown; attachments?: StoredAttachment[]; readStatus?: 1 | 2; userName?: string } | undefined;
      if (typeof note?.content !== 'string' || note.content === '') return bad('content (string) is required');
      const added = emu.addSupportNote(decodeURIComponent(m[1]), note.content, {
        attachments: note.attachments,
        readStatus: note.readStatus,
        userName: note.userName,
      });
      return [200, { ok: true, note: added }];
    },
  },
];

/** Answers one control request. */
export function handleControl(emu: TicketEmulator, method: string, path: string, rawBody: Buffer): Answer {
  const rest = path.slice(CONTROL_PREFIX.length);
  const candidates = ROUTES.filter((r) => r.path.test(rest));
  const route = candidates.find((r) => r.method === method);
  if (!route) return [candidates.length > 0 ? 405 : 404, { error: `no control endpoint ${method} ${path}` }];
  try {
    const text = rawBody.toString('utf8').trim();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    return route.handler(emu, body, route.path.exec(rest)!);
  } catch (err) {
    return bad(`bad control request: ${(err as Error).message}`);
  }
}
