// How many tickets wait for the user, decided in one place: the activity-bar badge, the status bar and their tooltips
// all show this count, so they never disagree. "Waits for the user" is needsYou() (status.ts): support waits for the
// user's feedback, or asks the user to confirm a solution. The count is the server's TotalCount for those statuses
// (one ListTickets of the smallest page, which also gives the newest of them), never a count within a cut-off list.
//
// It is made of parts, each with its own source: 'waiting' is the one above; another source (unseen answers from
// support, say) adds its own part with setPart(), and the badge and the status bar show the sum with a line per part.
// No vscode import.
import type { StatusValue, TicketSummary } from '../api/types';
import { Emitter } from '../common/emitter';
import { t } from '../common/l10n';
import { statusLabel, titleText } from './display';
import { needsYouStatuses, needsYouStatusNames } from './status';
import type { FetchOptions, TicketService } from './types';

/** The smallest page ListTickets allows: the count's request also names the newest tickets, this many. */
export const ATTENTION_PAGE_SIZE = 10;

export interface AttentionTicket {
  ticketId: string;
  title: string;
  status: StatusValue;
}

/** One source of the count: how many, the newest of them (newest first), and the tooltip line that says what it counts. */
export interface AttentionPart {
  count: number;
  tickets: AttentionTicket[];
  /** The tooltip's line for this part: what it counts, named as the list the user finds them in names them. */
  describe(count: number): string;
  /** The part in the sum ("26 waiting for you" in "29 in all: 26 waiting for you + 3 new answers"). */
  short(count: number): string;
}

export const WAITING_PART = 'waiting';
/** Answers from support the user has not seen yet (details/unread.ts, the Inbox). */
export const ANSWERS_PART = 'answers';

export class AttentionCount {
  private readonly parts = new Map<string, AttentionPart>();
  private readonly changes = new Emitter<void>();
  private generation = 0;
  private running?: Promise<void>;

  constructor(private readonly service: Pick<TicketService, 'listTickets'>) {}

  /** The sum of the parts; undefined before anything was counted (or after reset). */
  get total(): number | undefined {
    if (this.parts.size === 0) return undefined;
    let sum = 0;
    for (const part of this.parts.values()) sum += part.count;
    return sum;
  }

  /** The newest tickets of every part, newest first by part order, each once. */
  tickets(): AttentionTicket[] {
    const seen = new Set<string>();
    const out: AttentionTicket[] = [];
    for (const part of this.ordered())
      for (const ticket of part.tickets) if (!seen.has(ticket.ticketId) && seen.add(ticket.ticketId)) out.push(ticket);
    return out;
  }

  /** The ticket a click opens: the most recent one that waits for the user. */
  mostRecent(): AttentionTicket | undefined {
    return this.tickets()[0];
  }

  /** Sets (or with undefined removes) a part of the count; listeners hear of it. */
  setPart(key: string, part: AttentionPart | undefined): void {
    if (part) this.parts.set(key, part);
    else this.parts.delete(key);
    this.changes.fire();
  }

  /**
   * Counts the tickets that wait for the user again (one ListTickets). Calls while one is under way share it, unless
   * forced (the server is asked again after it). A failure keeps the last count.
   */
  refresh(options: Pick<FetchOptions, 'force' | 'signal' | 'background'> = {}): Promise<void> {
    if (this.running && !options.force) return this.running;
    // Only the latest request's answer counts (a forced one may overtake an older one).
    const generation = ++this.generation;
    const run = this.service
      .listTickets(
        { pageNumber: 1, pageSize: ATTENTION_PAGE_SIZE, statuses: needsYouStatusNames() },
        { force: options.force, signal: options.signal, background: options.background },
      )
      .then(
        (page) => {
          if (generation !== this.generation) return;
          this.setPart(WAITING_PART, {
            count: page.totalCount,
            tickets: page.tickets.map(attentionTicket),
            describe: waitingText,
            short: (n) => t('{0} waiting for you', n),
          });
        },
        () => undefined,
      )
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }

  /** The parts, the tickets that wait for the user first. */
  private ordered(): AttentionPart[] {
    return [...this.parts.entries()]
      .sort(([a], [b]) => (a === WAITING_PART ? -1 : b === WAITING_PART ? 1 : 0))
      .map(([, part]) => part);
  }

  /** Signed out, or another account: nothing is counted until the next refresh. */
  reset(): void {
    this.generation++;
    this.running = undefined;
    if (this.parts.size === 0) return;
    this.parts.clear();
    this.changes.fire();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changes.event(listener);
  }

  /**
   * The sum as the user can check it against the lists, when more than one part counts: "29 in all: 26 waiting for
   * you + 3 new answers" (the badge says 29; the two groups that wait for the user say 20 and 6, the Inbox 3). One
   * ticket can be in both parts: a waiting ticket with an answer not read yet.
   */
  sumText(): string | undefined {
    const counted = this.ordered().filter((part) => part.count > 0);
    if (counted.length < 2) return undefined;
    return t('{0} in all: {1}', this.total ?? 0, counted.map((part) => part.short(part.count)).join(' + '));
  }

  /**
   * The tooltip: the sum (sumText), per part what it counts and its newest tickets ("… and N more"), then what a
   * click does. Ticket ids and titles come from the server: forSurface is the surface's function of
   * common/untrustedText.ts (a plain-text tooltip's).
   */
  tooltip(forSurface: (text: string, maxLength: number) => string): string {
    const sum = this.sumText();
    const lines: string[] = sum ? [sum] : [];
    for (const part of this.ordered()) {
      if (part.count <= 0) continue;
      lines.push(part.describe(part.count));
      for (const ticket of part.tickets)
        lines.push(
          t(
            '{0} {1} ({2})',
            forSurface(ticket.ticketId, 64),
            titleText(ticket.title, forSurface),
            statusLabel(ticket.status),
          ),
        );
      if (part.tickets.length > 0 && part.count > part.tickets.length)
        lines.push(t('… and {0} more tickets', part.count - part.tickets.length));
    }
    const first = this.mostRecent();
    if (first) lines.push(t('Click to open the most recent: {0}.', forSurface(first.ticketId, 64)));
    return lines.join('\n');
  }

  /** The screen reader's sentence for the count: what it is made of, when answers are part of it. */
  accessibilityLabel(): string {
    const sum = this.sumText();
    if (sum) return t('Alibaba Cloud tickets: {0}', sum);
    const total = this.total ?? 0;
    return total === 1 ? t('1 Alibaba Cloud ticket waits for you') : t('{0} Alibaba Cloud tickets wait for you', total);
  }
}

function attentionTicket(summary: TicketSummary): AttentionTicket {
  return { ticketId: summary.ticketId, title: summary.title, status: summary.status.value };
}

/**
 * The answers part: how many answers from support are unseen (none: the part goes). Its words in the sum are the
 * Inbox's description ("3 new answers"), so the sum names what the Inbox shows.
 */
export function answersPart(count: number): AttentionPart | undefined {
  if (count <= 0) return undefined;
  return {
    count,
    tickets: [],
    describe: (n) =>
      n === 1
        ? t('1 new answer from support, listed in the Inbox.')
        : t('{0} new answers from support, listed in the Inbox.', n),
    short: newAnswersText,
  };
}

/** "3 new answers": the Inbox's description and the answers' part of the sum. */
export function newAnswersText(count: number): string {
  return count === 1 ? t('1 new answer') : t('{0} new answers', count);
}

/**
 * What the 'waiting' part counts, as its tooltip line says it: the statuses named as the Tickets view's groups (and a
 * flat list's rows) name them, so "20 Waiting for your feedback" and "6 To be confirmed" visibly make the 26.
 */
export function waitingText(count: number): string {
  const statuses = needsYouStatuses().map(statusLabel).join(t(', '));
  return count === 1
    ? t('1 ticket waits for you ({0}).', statuses)
    : t('{0} tickets wait for you ({1}).', count, statuses);
}
