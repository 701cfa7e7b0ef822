// The Inbox: support answers the user has not seen yet, across tickets, newest first. Plain data built from the
// unread answers (details/unread.ts) and the titles known without a request; inboxView.ts maps it onto the tree.
// No vscode import.
import type { TicketNote } from '../../api/types';
import { Commands } from '../../common/commands';
import { t } from '../../common/l10n';
import { escapeMarkdown, markdownText, plainLine, treeText } from '../../common/untrustedText';
import { newAnswersText } from '../../tickets/attention';
import { UNSEEN_ANSWER_ICON, formatAge, formatLocalTime, rowLead, titleText } from '../../tickets/display';
import { normalizeTicketId } from '../../tickets/ticketId';

export interface InboxItem {
  ticketId: string;
  /** The ticket's title as last known; empty when not known yet. */
  title: string;
  dialogId: string;
  /** Who answered (the note's user name). */
  author: string;
  firstLine: string;
  createTime: number;
}

/**
 * Every unseen answer, newest first (ties: ticket id, then dialog id, so the order is stable), each once: a note the
 * data holds twice (a conversation read while support was writing can repeat one), or one ticket kept under two
 * spellings of its id, is still one answer, and one row (the row's id is the ticket and dialog ids: VS Code refuses two
 * rows with one id).
 */
export function inboxItems(
  unread: ReadonlyMap<string, readonly TicketNote[]>,
  titleOf: (ticketId: string) => string | undefined,
): InboxItem[] {
  const items: InboxItem[] = [];
  const listed = new Set<string>();
  for (const [key, notes] of unread) {
    const ticketId = normalizeTicketId(key);
    const title = titleOf(ticketId) ?? titleOf(key) ?? '';
    for (const note of notes) {
      const rowId = inboxRowId(ticketId, note.dialogId);
      if (listed.has(rowId)) continue;
      listed.add(rowId);
      items.push({
        ticketId,
        title,
        dialogId: note.dialogId,
        author: note.userName,
        firstLine: firstLine(note.content),
        createTime: note.createTime,
      });
    }
  }
  return items.sort(
    (a, b) =>
      b.createTime - a.createTime || a.ticketId.localeCompare(b.ticketId) || a.dialogId.localeCompare(b.dialogId),
  );
}

/** The first line of a note that says something (notes often start with a greeting line; that is still the first). */
export function firstLine(content: string): string {
  for (const line of String(content ?? '').split(/\r?\n|\r|\u2028|\u2029/)) {
    const clean = plainLine(line, 500);
    if (clean) return clean;
  }
  return '';
}

/** The row's id in the tree: one answer of one ticket. */
export function inboxRowId(ticketId: string, dialogId: string): string {
  return `${ticketId}/${dialogId}`;
}

export interface InboxItemLook {
  label: string;
  description: string;
  /** Markdown, escaped (untrusted, no icons). */
  tooltip: string;
  accessibilityLabel: string;
  icon: typeof UNSEEN_ANSWER_ICON;
  command: { command: string; title: string; arguments: unknown[] };
}

/**
 * A row: the ticket's id and the answer's age, then the answer's first line (rowLead: a sidebar cuts the end of the
 * line, not what tells two tickets' answers apart); after it who answered and the ticket's title.
 */
export function inboxItemLook(item: InboxItem, nowMs: number, timeZone?: string): InboxItemLook {
  const who = treeText(item.author, 60) || t('Support');
  const line = treeText(item.firstLine, 120) || t('(no text)');
  const age = formatAge(item.createTime, nowMs);
  const id = treeText(item.ticketId, 64);
  const title = item.title ? titleText(item.title, (text) => treeText(text, 60)) : '';
  const when = formatLocalTime(item.createTime, timeZone);
  return {
    label: `${rowLead(id, age)}${line}`,
    description: [who, title].filter(Boolean).join(' · '),
    icon: UNSEEN_ANSWER_ICON,
    tooltip: [
      `**${markdownText(item.ticketId, 64)}** ${titleText(item.title, markdownText)}`,
      escapeMarkdown(t('{0} answered {1}', plainLine(item.author, 60) || t('Support'), when)),
      markdownText(item.firstLine, 500),
    ].join('\n\n'),
    accessibilityLabel: t('Answer from {0} on ticket {1}, {2}: {3}', who, id, age, line),
    command: {
      command: Commands.inboxOpen,
      title: t('Open'),
      arguments: [{ ticketId: item.ticketId, dialogId: item.dialogId }],
    },
  };
}

/** The view's description: how many answers wait. */
export function inboxDescription(count: number): string | undefined {
  return count === 0 ? undefined : newAnswersText(count);
}
