// What each explorer node looks like, as plain data (label, description, icon and colour ids, tooltip markdown), so
// unit tests check it without VS Code. explorerView.ts maps it onto vscode.TreeItem.
import { isOfflineFailure } from '../details/offline';
import { isTicketApiError } from '../../api/errors';
import { errorText } from '../../common/errorText';
import type { Ticket, TicketSummary } from '../../api/types';
import {
  formatAge,
  formatLocalTime,
  formatRelativeTime,
  rowLead,
  statusLook,
  UNSEEN_ANSWER_ICON,
  statusText,
  titleText,
} from '../../tickets/display';
import { escapeMarkdown, markdownText, treeText } from '../../common/untrustedText';
import { Commands } from '../../common/commands';
import { errorActionLabel } from '../../common/errors';
import { t } from '../../common/l10n';
import { isFinished, isWaitingForYou } from '../../tickets/status';
import { ticketRows } from '../../tickets/ticketRows';
import type { ExplorerNode, GroupNode, LoadMoreNode, MessageNode, RefreshFailure, TicketNode } from './model';

export interface NodeLook {
  label: string;
  description?: string;
  /** Codicon id and theme colour id. */
  icon?: { id: string; color?: string };
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: { command: string; title: string; arguments: unknown[] };
  /**
   * Markdown (escaped, untrusted, no icons) of a group or a message, which the tree gives when the pointer rests on the
   * row (resolveTreeItem), not with every row drawn. A ticket row's is ticketTooltip, made there too.
   */
  tooltip?: string;
  /** Characters of the label to highlight (the group that needs you). */
  highlight?: [number, number];
  accessibilityLabel: string;
}

/**
 * details: the cached ticket, when there is one (its creation time); createTime: the creation time remembered from an
 * earlier fetch (it never changes), so the age shows without a new request.
 */
export function nodeLook(
  node: ExplorerNode,
  details: Ticket | undefined,
  nowMs: number,
  pageSize: number,
  createTime?: number,
  /** Answers from support not yet seen in the ticket's panel (details/unread.ts). */
  unread = 0,
  /** Support answered since the user last opened it (the watcher's announcement, not yet opened). */
  marked = false,
): NodeLook {
  switch (node.kind) {
    case 'group':
      return groupLook(node);
    case 'ticket':
      return ticketLook(node, nowMs, details?.createTime ?? createTime, unread, marked);
    case 'loadMore':
      return loadMoreLook(node, pageSize);
    case 'message':
      return messageLook(node);
  }
}

function groupLook(node: GroupNode): NodeLook {
  const look = statusLook(node.status);
  const count = node.list.totalCount;
  const failed = node.list.error !== undefined && node.list.pagesLoaded === 0;
  // The count leads the label ("25 Waiting for your feedback"): a narrow sidebar cuts a row from its end, and the
  // description after the label is the first thing to go.
  const countText = failed ? '' : `${count} `;
  const label = `${countText}${look.label}`;
  // Only "waiting for your feedback" is highlighted: support is blocked on the user there.
  const attention = isWaitingForYou(look.value) && count > 0;
  return {
    label,
    description: failed ? t('failed to load') : undefined,
    icon: { id: look.icon, color: look.color },
    contextValue: attention ? 'ticketGroup.attention' : 'ticketGroup',
    // Finished tickets stay folded: they are history, and the list can be long.
    collapsible: count === 0 && !node.list.error ? 'none' : isFinished(look.value) ? 'collapsed' : 'expanded',
    highlight: attention ? [countText.length, label.length] : undefined,
    tooltip: attention
      ? t('{0}: {1} \\- support is waiting for you', escapeMarkdown(look.label), ticketCount(count))
      : t('{0}: {1}', escapeMarkdown(look.label), ticketCount(count)),
    accessibilityLabel: t('{0}, {1}', look.label, ticketCount(count)),
  };
}

/**
 * unread: answers from support a panel loaded and the user has not seen; marked: the watcher announced an answer the
 * user has not opened yet. The row reads "0005PYGCW · 3d · title" (rowLead: a sidebar cuts the title's end, not the
 * id and age); an unseen answer turns the icon into the Inbox's (an icon is never cut) and is said in the description.
 * The accessibility label stays whole, as does the tooltip (ticketTooltip, made on hover).
 */
function ticketLook(
  node: TicketNode,
  nowMs: number,
  createTime: number | undefined,
  unread: number,
  marked: boolean,
): NodeLook {
  const ticket = node.ticket;
  const look = statusLook(ticket.status?.value);
  const title = titleText(ticket.title, treeText);
  const id = treeText(ticket.ticketId, 64);
  const age = createTime !== undefined ? formatAge(createTime, nowMs) : '';
  return {
    label: `${rowLead(id, age)}${title}`,
    description: unread > 0 ? t('● {0} new', unread) : marked ? t('new') : undefined,
    icon: unread > 0 || marked ? UNSEEN_ANSWER_ICON : { id: look.icon, color: look.color },
    contextValue: 'ticket',
    collapsible: 'none',
    command: { command: Commands.openTicket, title: t('Open Ticket'), arguments: [ticket.ticketId] },
    accessibilityLabel: [
      t('{0}, ticket {1}, {2}', title, id, statusText(ticket.status)),
      unread > 0
        ? unread === 1
          ? t('1 unread answer')
          : t('{0} unread answers', unread)
        : marked
          ? t('new answer from support')
          : undefined,
      age ? t('created {0}', formatRelativeTime(createTime!, nowMs)) : undefined,
    ]
      .filter(Boolean)
      .join(t(', ')),
  };
}

function loadMoreLook(node: LoadMoreNode, pageSize: number): NodeLook {
  const list = node.list;
  const next = Math.min(pageSize, list.remaining);
  return {
    label: list.loadingMore ? t('Loading…') : t('Load {0} more', next),
    description: t('{0} of {1} shown', list.tickets.length, list.totalCount),
    icon: { id: list.loadingMore ? 'loading~spin' : 'ellipsis' },
    contextValue: 'loadMore',
    collapsible: 'none',
    command: { command: Commands.explorerLoadMore, title: t('Load More'), arguments: [list.key] },
    accessibilityLabel: t('Load {0} more tickets, {1} of {2} shown', next, list.tickets.length, list.totalCount),
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
      if (error.retryAfterMs === undefined) return t('Too many requests: wait a minute');
      const s = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      return s < 90 ? t('Too many requests: wait {0} s', s) : t('Too many requests: wait {0} min', Math.ceil(s / 60));
    }
    case 'server':
      return error.httpStatus
        ? t('Server error (HTTP {0}): try again later', error.httpStatus)
        : t('Server error: try again later');
    case 'network':
      return t('Could not reach the Ticket API');
    case 'timeout':
      return t('The Ticket API did not answer in time');
    case 'malformed':
      return t('Unreadable answer from the Ticket API');
    case 'permission':
      return t('No permission to list tickets');
    default:
      return undefined;
  }
}

function messageLook(node: MessageNode): NodeLook {
  const outside = node.error ? errorText(node.error) : node.text;
  const text = treeText(outside, 200);
  const short = node.error ? shortFailure(node.error) : undefined;
  return {
    label: short ?? t("Couldn't load: {0}", text),
    description: t('click to retry'),
    icon: { id: 'error', color: 'list.errorForeground' },
    contextValue: 'loadError',
    collapsible: 'none',
    command: { command: Commands.explorerRetryList, title: errorActionLabel('retry'), arguments: [node.list.key] },
    tooltip: markdownText(outside, 200),
    accessibilityLabel: t('Could not load tickets: {0}. Activate to retry.', text),
  };
}

/** "1 ticket" / "3 tickets" ("3 个工单"). */
export function ticketCount(count: number): string {
  return count === 1 ? t('1 ticket') : t('{0} tickets', count);
}

/**
 * The line above the list after a refresh failed and the tree kept what it had: when, why, and when to try again.
 * "Refresh failed at 22:41 (Too many requests: wait 20 s). Showing the tickets loaded before; Refresh again after that wait."
 */
export function refreshFailureText(failure: RefreshFailure, timeZone?: string): string {
  const at = formatLocalTime(failure.at, timeZone).slice(11);
  const why = shortFailure(failure.error) ?? treeText(errorText(failure.error), 120).replace(/[.。]$/, '');
  if (isOfflineRefresh(failure) && failure.asOf !== undefined) {
    // The time alone on the day of the failure, else the date too (a window opened today on yesterday's list).
    const asOf = formatLocalTime(failure.asOf, timeZone);
    const sameDay = asOf.slice(0, 10) === formatLocalTime(failure.at, timeZone).slice(0, 10);
    return t(
      'Offline: as of {0} ({1}). Showing the tickets loaded then; they refresh by themselves when the server answers.',
      sameDay ? asOf.slice(11) : asOf,
      why,
    );
  }
  return failure.error.kind === 'throttled'
    ? t('Refresh failed at {0} ({1}). Showing the tickets loaded before; Refresh again after that wait.', at, why)
    : t('Refresh failed at {0} ({1}). Showing the tickets loaded before; Refresh tries again.', at, why);
}

/**
 * The refresh failed because the network or the server did (not a throttled answer, which says when to try again): the
 * view shows its last list as offline and asks again by itself (explorerView.ts).
 */
export function isOfflineRefresh(failure: RefreshFailure | undefined): boolean {
  return !!failure && isOfflineFailure(failure.error) && failure.error.kind !== 'throttled';
}

/** The lazily filled tooltip: the same rows as the hover on an id (ticketRows). */
export function ticketTooltip(summary: TicketSummary, details: Ticket, nowMs: number, timeZone?: string): string {
  return ticketRows(details, nowMs, { timeZone }, summary).join('\n\n');
}

/** Tooltip when the details could not be fetched: the title and one line of why (and that the age is missing for it). */
export function ticketTooltipError(summary: TicketSummary, reason: string, noAge = false): string {
  const title = titleText(summary.title, markdownText);
  const reasonText = markdownText(reason, 300);
  const why = noAge
    ? t('Details unavailable, so its age is unknown: {0}', reasonText)
    : t('Details unavailable: {0}', reasonText);
  return `**${title}**\n\n${markdownText(summary.ticketId, 64)}\n\n${why}`;
}
