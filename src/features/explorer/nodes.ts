// The explorer's lists and the tree nodes built from them, without vscode. A TicketList is one paged ListTickets
// query (the flat list, or one status group); ExplorerNodes turns lists into nodes and keeps one object per node id,
// because VS Code keys expansion and reveal on element identity. model.ts decides what the lists hold.
import type { TicketApiError } from '../../api/errors';
import type { StatusValue, TicketSummary } from '../../api/types';
import { ticketIdTextOf } from '../../tickets/ticketId';

/** One paged ListTickets query: the flat list, or one status group. */
export class TicketList {
  tickets: TicketSummary[] = [];
  totalCount = 0;
  pagesLoaded = 0;
  error?: TicketApiError;
  loadingMore = false;

  constructor(
    /** 'all' or a status name. */
    readonly key: string,
    readonly status: StatusValue | undefined,
  ) {}

  get remaining(): number {
    return Math.max(0, this.totalCount - this.tickets.length);
  }

  /** More pages exist. Also true when the server's total is ahead of what paging returned so far. */
  get hasMore(): boolean {
    return this.remaining > 0 && this.pagesLoaded > 0;
  }

  /** Adds a loaded page, skipping tickets already shown (tickets created while paging shift later pages). */
  append(tickets: TicketSummary[], totalCount: number, pageNumber: number): void {
    const seen = new Set(this.tickets.map((t) => t.ticketId));
    for (const ticket of tickets) {
      if (!seen.has(ticket.ticketId)) {
        seen.add(ticket.ticketId);
        this.tickets.push(ticket);
      }
    }
    this.pagesLoaded = pageNumber;
    // An empty page means the end, whatever TotalCount said.
    this.totalCount = tickets.length === 0 ? this.tickets.length : Math.max(totalCount, this.tickets.length);
  }
}

export interface GroupNode {
  kind: 'group';
  id: string;
  list: TicketList;
  status: StatusValue;
}
export interface TicketNode {
  kind: 'ticket';
  id: string;
  ticket: TicketSummary;
  parent?: GroupNode;
}
export interface LoadMoreNode {
  kind: 'loadMore';
  id: string;
  list: TicketList;
  parent?: GroupNode;
}
export interface MessageNode {
  kind: 'message';
  id: string;
  /** Plain text (sanitized where shown). */
  text: string;
  error?: TicketApiError;
  list: TicketList;
  parent?: GroupNode;
}
export type ExplorerNode = GroupNode | TicketNode | LoadMoreNode | MessageNode;

/** The ticket id in a command argument: a tree item (context menu), `{ ticketId }`, or the id itself. */
export function ticketIdOf(arg: unknown): string | undefined {
  return ticketIdTextOf(arg);
}

/** Builds nodes from lists; the same id gives the same object for as long as the layout stays. */
export class ExplorerNodes {
  private readonly nodes = new Map<string, ExplorerNode>();

  constructor(private readonly grouped: () => boolean) {}

  clear(): void {
    this.nodes.clear();
  }

  /** The group node of a list in grouped mode (whose subtree a change to the list touches), else undefined. */
  ownerOf(list: TicketList): GroupNode | undefined {
    return list.status !== undefined && this.grouped() ? this.group(list) : undefined;
  }

  /** A list's tickets, then its error or its Load more. */
  children(list: TicketList | undefined, parent: GroupNode | undefined): ExplorerNode[] {
    if (!list) return [];
    const nodes: ExplorerNode[] = list.tickets.map((ticket) => this.ticket(list, ticket));
    if (list.error) {
      nodes.push(
        this.reuse<MessageNode>(`${list.key}/error`, {
          kind: 'message',
          text: list.error.message,
          error: list.error,
          list,
          parent,
        }),
      );
    } else if (list.hasMore) {
      nodes.push(this.reuse<LoadMoreNode>(`${list.key}/more`, { kind: 'loadMore', list, parent }));
    }
    return nodes;
  }

  group(list: TicketList): GroupNode {
    return this.reuse<GroupNode>(`group/${list.key}`, { kind: 'group', list, status: list.status! });
  }

  ticket(list: TicketList, ticket: TicketSummary): TicketNode {
    return this.reuse<TicketNode>(`${list.key}/${ticket.ticketId}`, {
      kind: 'ticket',
      ticket,
      parent: this.ownerOf(list),
    });
  }

  private reuse<T extends ExplorerNode>(id: string, fields: Omit<T, 'id'>): T {
    const existing = this.nodes.get(id) as T | undefined;
    if (existing && existing.kind === fields.kind) {
      Object.assign(existing, fields);
      return existing;
    }
    const node = { id, ...fields } as T;
    this.nodes.set(id, node);
    return node;
  }
}
