// The agent tools' behaviour, without vscode: check the model's input, read through the ticket service, answer with
// text (format.ts). Failures are answers too (a sentence, never a stack), so the model can tell the user what to do.
// No tool writes to the Ticket API: drafting puts text where the user reviews and sends it.
import type { ListTicketsQuery, StatusName, Ticket, TicketNote, TicketSummary } from '../../api/types';
import { STATUS_NAMES } from '../../api/types';
import type { TicketService } from '../../tickets/types';
import {
  finishedStatusNames,
  isFinished,
  needsYou,
  needsYouStatusNames,
  statusValueOf,
  unfinishedStatusNames,
} from '../../tickets/status';
import { parseDateRange, validateKeyword } from '../explorer/filter';
import { parseTicketIdInput } from '../open-ticket/ticketId';
import {
  DRAFT_MAX,
  describeFailure,
  draftConfirmation,
  formatFailure,
  formatTicket,
  formatTicketList,
  type DraftConfirmation,
} from './format';
import { agentDraftText as cleanDraft, modelSpan as span } from '../../common/untrustedText';
import type { ReplyDrafts } from './replyDrafts';

export { TOOL_NAMES } from './toolNames';

export interface AgentToolDeps {
  service: TicketService;
  drafts: ReplyDrafts;
  now?: () => number;
}

/** What list tickets accepts as status: a group or one of the API's status names. */
export const STATUS_CHOICES = ['any', 'waiting_for_you', 'open', 'completed', ...Object.values(STATUS_NAMES)] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

export const DEFAULT_PAGE_SIZE = 20;
/** How long the draft confirmation waits for the ticket's title (VS Code calls a slower prepare unresponsive at 3 s). */
const PREPARE_WAIT_MS = 2_000;
export const MAX_PAGE_SIZE = 100;

const ALL_STATUSES = Object.values(STATUS_NAMES);

function statusesFor(choice: StatusChoice): StatusName[] {
  switch (choice) {
    case 'any':
      return ALL_STATUSES;
    case 'waiting_for_you':
      return needsYouStatusNames();
    case 'open':
      return unfinishedStatusNames();
    case 'completed':
      return finishedStatusNames();
    default:
      return [choice];
  }
}

function field(input: unknown, name: string): unknown {
  return input && typeof input === 'object' ? (input as Record<string, unknown>)[name] : undefined;
}

/** The ticket id in the model's input (an id, "ticket 0005PYGCW" or a console URL), or a sentence saying what is wrong. */
function ticketIdOf(input: unknown): { ok: true; ticketId: string } | { ok: false; message: string } {
  const raw = field(input, 'ticketId');
  if (typeof raw !== 'string')
    return { ok: false, message: 'Give ticketId: a ticket id like 0005PYGCW, or a console link to the ticket.' };
  const parsed = parseTicketIdInput(raw);
  return parsed.ok ? parsed : { ok: false, message: `${parsed.message} (ticketId was ${span(raw, 60, 'empty')})` };
}

export class AgentTools {
  private readonly now: () => number;

  constructor(private readonly deps: AgentToolDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** A ticket and its whole conversation. A conversation that fails to load still gives the ticket (and says so). */
  async getTicket(input: unknown, signal?: AbortSignal): Promise<string> {
    const id = ticketIdOf(input);
    if (!id.ok) return `Reading the ticket failed: ${id.message}`;
    const { ticketId } = id;
    let ticket: Ticket;
    let notes: TicketNote[] | undefined;
    let notesError: unknown;
    try {
      const notesRequest = this.deps.service.getNotes(ticketId, { signal }).then(
        (value) => (notes = value),
        (error: unknown) => (notesError = error),
      );
      ticket = await this.deps.service.getTicket(ticketId, { signal });
      await notesRequest;
    } catch (error) {
      return formatFailure(`Reading ticket ${ticketId}`, error);
    }
    return formatTicket(ticket, notes, this.now(), notesError).text;
  }

  /** One page of the user's tickets: waiting for the user first, then the rest, newest first in each group. */
  async listTickets(input: unknown, signal?: AbortSignal): Promise<string> {
    const parsed = this.parseListInput(input);
    if (!parsed.ok) return `Listing tickets failed: ${parsed.message}`;
    const { statuses, base, page, pageSize, filter } = parsed;
    const waiting = statuses.filter((name) => needsYou(statusValueOf(name)));
    const others = statuses.filter((name) => !needsYou(statusValueOf(name)));
    const offset = (page - 1) * pageSize;
    try {
      const first = waiting.length
        ? await this.slice(base, waiting, offset, pageSize, signal)
        : { tickets: [], total: 0 };
      const room = pageSize - first.tickets.length;
      const rest = others.length
        ? await this.slice(base, others, Math.max(0, offset - first.total), room, signal)
        : { tickets: [], total: 0 };
      return formatTicketList({
        tickets: [...first.tickets, ...rest.tickets],
        total: first.total + rest.total,
        waitingTotal: first.total,
        page,
        pageSize,
        filter,
      });
    } catch (error) {
      return formatFailure('Listing tickets', error);
    }
  }

  /**
   * The confirmation VS Code shows before the draft tool runs; undefined when the input is unusable (invoke then
   * answers why, and stores nothing). Reads only: the ticket's title when cached, and the draft already there.
   */
  async prepareDraft(input: unknown, signal?: AbortSignal): Promise<DraftConfirmation | undefined> {
    const id = ticketIdOf(input);
    const text = field(input, 'text');
    if (!id.ok || typeof text !== 'string') return undefined;
    const draft = cleanDraft(text);
    if (!draft || draft.length > DRAFT_MAX) return undefined;
    // The title tells the user which ticket this is; the confirmation waits for it only briefly (cached mostly).
    let timer: number | NodeJS.Timeout | undefined;
    const title = await Promise.race([
      this.deps.service.getTicket(id.ticketId, { signal }).then(
        (ticket) => ticket.title,
        () => undefined,
      ),
      new Promise<undefined>((resolve) => (timer = setTimeout(resolve, PREPARE_WAIT_MS))),
    ]);
    clearTimeout(timer);
    return draftConfirmation(id.ticketId, draft, title, this.deps.drafts.getDraft(id.ticketId).length);
  }

  /** Puts the text into the ticket's reply box and shows the panel. Runs only after the user confirmed. */
  async draftReply(input: unknown, signal?: AbortSignal): Promise<string> {
    const id = ticketIdOf(input);
    if (!id.ok) return `Drafting the reply failed: ${id.message}`;
    const raw = field(input, 'text');
    const draft = typeof raw === 'string' ? cleanDraft(raw) : '';
    if (!draft) return 'Drafting the reply failed: give text, the reply to put in the reply box.';
    if (draft.length > DRAFT_MAX) {
      return `Drafting the reply failed: the text has ${draft.length} characters; keep a reply under ${DRAFT_MAX}.`;
    }
    const { ticketId } = id;
    let ticket: Ticket;
    try {
      // The ticket must exist and be readable with the signed-in account before a draft waits for it.
      ticket = await this.deps.service.getTicket(ticketId, { signal });
    } catch (error) {
      return formatFailure(`Drafting a reply to ticket ${ticketId}`, error);
    }
    try {
      await this.deps.drafts.setDraft(ticketId, draft);
    } catch (error) {
      return `Drafting a reply to ticket ${ticketId} failed: the draft could not be stored (${describeFailure(error)}).`;
    }
    let shown = true;
    try {
      await this.deps.drafts.open(ticketId);
    } catch {
      shown = false;
    }
    const completed = isFinished(ticket.status?.value);
    return [
      `The draft reply (${draft.length} characters) is in the reply box of ticket ${ticketId}` +
        (shown ? ', and its panel is open.' : '; its panel could not be opened (the user can open the ticket).'),
      'Nothing was sent: the user reads, edits and sends it from the panel.',
      completed ? 'Note: this ticket is completed; support may not accept a reply until it is reopened.' : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  private parseListInput(input: unknown):
    | {
        ok: true;
        statuses: StatusName[];
        base: Omit<ListTicketsQuery, 'pageNumber' | 'pageSize' | 'statuses'>;
        page: number;
        pageSize: number;
        filter: string;
      }
    | { ok: false; message: string } {
    const status = field(input, 'status') ?? 'any';
    if (typeof status !== 'string' || !(STATUS_CHOICES as readonly string[]).includes(status)) {
      return { ok: false, message: `status must be one of ${STATUS_CHOICES.join(', ')}.` };
    }
    const page = field(input, 'page') ?? 1;
    if (typeof page !== 'number' || !Number.isInteger(page) || page < 1)
      return { ok: false, message: 'page must be a whole number from 1.' };
    const pageSize = field(input, 'pageSize') ?? DEFAULT_PAGE_SIZE;
    if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      return { ok: false, message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}.` };
    }
    const base: Omit<ListTicketsQuery, 'pageNumber' | 'pageSize' | 'statuses'> = {};
    const filter: string[] = status === 'any' ? [] : [`status ${status}`];
    const keyword = field(input, 'keyword');
    if (keyword !== undefined && typeof keyword !== 'string') return { ok: false, message: 'keyword must be text.' };
    if (keyword?.trim()) {
      const problem = validateKeyword(keyword);
      if (problem) return { ok: false, message: problem };
      base.keyword = keyword.trim();
      filter.push(`keyword ${span(base.keyword, 100)}`);
    }
    const from = field(input, 'createdFrom');
    const to = field(input, 'createdTo');
    if ((from !== undefined && typeof from !== 'string') || (to !== undefined && typeof to !== 'string')) {
      return { ok: false, message: 'createdFrom and createdTo must be dates like 2026-11-01.' };
    }
    if (from?.trim() || to?.trim()) {
      // A lone "to" date means everything created up to it.
      const range = parseDateRange(
        `${from?.trim() || '2000-01-01'}${to?.trim() ? ` to ${to.trim()}` : ''}`,
        this.now(),
      );
      if (!range.ok)
        return { ok: false, message: `${range.message} (createdFrom / createdTo are dates like 2026-11-01.)` };
      if (range.range) {
        base.startDate = range.range.startDate;
        base.endDate = range.range.endDate;
        filter.push(`created ${from?.trim() || 'any time'} to ${to?.trim() || 'now'}`);
      }
    }
    return {
      ok: true,
      statuses: statusesFor(status as StatusChoice),
      base,
      page,
      pageSize,
      filter: filter.join(' · '),
    };
  }

  /**
   * Tickets [offset, offset + count) of one ListTickets query, and how many match in all. The API pages in sizes of
   * 10 to 100, so the window is cut from the one or two API pages that hold it (cached by the service).
   */
  private async slice(
    base: Omit<ListTicketsQuery, 'pageNumber' | 'pageSize' | 'statuses'>,
    statuses: StatusName[],
    offset: number,
    count: number,
    signal?: AbortSignal,
  ): Promise<{ tickets: TicketSummary[]; total: number }> {
    const apiSize = Math.min(MAX_PAGE_SIZE, Math.max(10, count));
    const query = (pageNumber: number): ListTicketsQuery => ({ ...base, statuses, pageNumber, pageSize: apiSize });
    if (count <= 0) {
      const page = await this.deps.service.listTickets(query(1), { signal });
      return { tickets: [], total: page.totalCount };
    }
    const firstPage = Math.floor(offset / apiSize) + 1;
    const lastPage = Math.floor((offset + count - 1) / apiSize) + 1;
    const first = await this.deps.service.listTickets(query(firstPage), { signal });
    const tickets = [...first.tickets];
    if (lastPage > firstPage && first.totalCount > firstPage * apiSize) {
      tickets.push(...(await this.deps.service.listTickets(query(lastPage), { signal })).tickets);
    }
    const start = offset - (firstPage - 1) * apiSize;
    return { tickets: tickets.slice(start, start + count), total: first.totalCount };
  }
}
