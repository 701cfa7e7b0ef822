// What each explorer node looks like, as plain data (label, description, icon and colour ids, tooltip markdown), so
// unit tests check it without VS Code. explorerView.ts maps it onto vscode.TreeItem.
import { describeError, isTicketApiError } from '../../api/errors';
import type { Ticket, TicketSummary } from '../../api/types';
import {
  escapeMarkdown,
  formatAge,
  formatLocalTime,
  formatRelativeTime,
  sanitizeInline,
  severityText,
  statusLook,
  statusText,
  titleText,
} from '../../tickets/display';
import type { ExplorerNode, GroupNode, LoadMoreNode, MessageNode, TicketNode } from './model';
import { Commands } from '../../common/commands';
import { ERROR_ACTION_LABELS } from '../../common/errors';

export const OPEN_COMMAND = Commands.openTicket;
export const LOAD_MORE_COMMAND = Commands.explorerLoadMore;
export const RETRY_LIST_COMMAND = Commands.explorerRetryList;

export interface NodeLook {
  label: string;
  description?: string;
  /** Codicon id and theme colour id. */
  icon?: { id: string; color?: string };
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: { command: string; title: string; arguments: unknown[] };
  /** Markdown (escaped, untrusted, no icons) when known without a request. */
  tooltip?: string;
  /** Characters of the label to highlight (the group that needs you). */
  highlight?: [number, number];
  accessibilityLabel: string;
}

/**
 * details: the cached ticket, when there is one; createTime: the creation time remembered from an earlier fetch
 * (it never changes), so the age shows without a new request.
 */
export function nodeLook(node: ExplorerNode, details: Ticket | undefined, nowMs: number, pageSize: number, createTime?: number): NodeLook {
  switch (node.kind) {
    case 'group':
      return groupLook(node);
    case 'ticket':
      return ticketLook(node, details, nowMs, details?.createTime ?? createTime);
    case 'loadMore':
      return loadMoreLook(node, pageSize);
    case 'message':
      return messageLook(node);
  }
}

function groupLook(node: GroupNode): NodeLook {
  const look = statusLook(node.status);
  const count = node.list.totalCount;
  const label = look.label;
  // Only "waiting for your feedback" is highlighted: support is blocked on the user there.
  const attention = look.value === 3 && count > 0;
  return {
    label,
    description: node.list.error && node.list.pagesLoaded === 0 ? 'failed to load' : String(count),
    icon: { id: look.icon, color: look.color },
    contextValue: attention ? 'ticketGroup.attention' : 'ticketGroup',
    // Finished tickets stay folded: they are history, and the list can be long.
    collapsible: count === 0 && !node.list.error ? 'none' : look.value === 6 ? 'collapsed' : 'expanded',
    highlight: attention ? [0, label.length] : undefined,
    tooltip: `${escapeMarkdown(label)}: ${count} ticket${count === 1 ? '' : 's'}${attention ? ' \\- support is waiting for you' : ''}`,
    accessibilityLabel: `${label}, ${count} ticket${count === 1 ? '' : 's'}`,
  };
}

function ticketLook(node: TicketNode, details: Ticket | undefined, nowMs: number, createTime: number | undefined): NodeLook {
  const ticket = node.ticket;
  const look = statusLook(ticket.status?.value);
  const title = titleText(ticket.title);
  const id = sanitizeInline(ticket.ticketId, 64);
  const age = createTime !== undefined ? formatAge(createTime, nowMs) : '';
  return {
    label: title,
    description: age ? `${id} · ${age}` : id,
    icon: { id: look.icon, color: look.color },
    contextValue: 'ticket',
    collapsible: 'none',
    command: { command: OPEN_COMMAND, title: 'Open Ticket', arguments: [ticket.ticketId] },
    tooltip: details ? ticketTooltip(ticket, details, nowMs) : undefined,
    accessibilityLabel: `${title}, ticket ${id}, ${statusText(ticket.status)}${age ? `, created ${formatRelativeTime(createTime!, nowMs)}` : ''}`,
  };
}

function loadMoreLook(node: LoadMoreNode, pageSize: number): NodeLook {
  const list = node.list;
  const next = Math.min(pageSize, list.remaining);
  return {
    label: list.loadingMore ? 'Loading…' : `Load ${next} more`,
    description: `${list.tickets.length} of ${list.totalCount} shown`,
    icon: { id: list.loadingMore ? 'loading~spin' : 'ellipsis' },
    contextValue: 'loadMore',
    collapsible: 'none',
    command: { command: LOAD_MORE_COMMAND, title: 'Load More', arguments: [list.key] },
    accessibilityLabel: `Load ${next} more tickets, ${list.tickets.length} of ${list.totalCount} shown`,
  };
}

/**
 * The few words that fit a sidebar row for the common failures (the full sentence, with what to do, goes in the
 * tooltip): a sidebar row cuts a whole sentence off before the part that says how long to wait.
 */
export function shortFailure(error: unknown): string | undefined {
  if (!isTicketApiError(error)) return undefined;
  switch (error.kind) {
    case 'throttled': {
      if (error.retryAfterMs === undefined) return 'Too many requests: wait a minute';
      const s = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      return `Too many requests: wait ${s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min`}`;
    }
    case 'server':
      return `Server error${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}: try again later`;
    case 'network':
      return 'Could not reach the Ticket API';
    case 'timeout':
      return 'The Ticket API did not answer in time';
    case 'malformed':
      return 'Unreadable answer from the Ticket API';
    case 'permission':
      return 'No permission to list tickets';
    default:
      return undefined;
  }
}

function messageLook(node: MessageNode): NodeLook {
  const text = sanitizeInline(node.error ? describeError(node.error) : node.text, 200);
  const short = node.error ? shortFailure(node.error) : undefined;
  return {
    label: short ?? `Couldn't load: ${text}`,
    description: 'click to retry',
    icon: { id: 'error', color: 'list.errorForeground' },
    contextValue: 'loadError',
    collapsible: 'none',
    command: { command: RETRY_LIST_COMMAND, title: ERROR_ACTION_LABELS.retry, arguments: [node.list.key] },
    tooltip: escapeMarkdown(text),
    accessibilityLabel: `Could not load tickets: ${text}. Activate to retry.`,
  };
}

/** The lazily filled tooltip: title, status, severity, creation time, creator. Escaped; meant for an untrusted MarkdownString. */
export function ticketTooltip(summary: TicketSummary, details: Ticket, nowMs: number, timeZone?: string): string {
  const title = escapeMarkdown(titleText(details.title || summary.title));
  const created = formatLocalTime(details.createTime, timeZone);
  const rows = [
    `**${title}**`,
    `${escapeMarkdown(sanitizeInline(details.ticketId, 64))} · ${escapeMarkdown(statusText(details.status ?? summary.status))}`,
    `Severity: ${escapeMarkdown(severityText(details.severity))}`,
    created ? `Created: ${escapeMarkdown(created)} \\(${escapeMarkdown(formatRelativeTime(details.createTime, nowMs))}\\)` : 'Created: unknown',
    `Creator: ${escapeMarkdown(sanitizeInline(details.creatorId, 64)) || 'unknown'}`,
  ];
  return rows.join('\n\n');
}

/** Tooltip when the details could not be fetched: the title and one line of why. */
export function ticketTooltipError(summary: TicketSummary, reason: string): string {
  const title = escapeMarkdown(titleText(summary.title));
  return `**${title}**\n\n${escapeMarkdown(sanitizeInline(summary.ticketId, 64))}\n\nDetails unavailable: ${escapeMarkdown(sanitizeInline(reason, 300))}`;
}
