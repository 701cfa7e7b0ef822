// The hover's markdown as plain data, so unit tests can check escaping without VS Code. ticketHovers.ts turns it
// into a vscode.MarkdownString with isTrusted limited to `enabledCommands`.
import type { Ticket } from '../../api/types';
import { Commands } from '../../common/commands';
import { t } from '../../common/l10n';
import { commandUri } from '../../tickets/display';
import { markdownText } from '../../common/untrustedText';
import { ticketRows } from '../../tickets/ticketRows';

export interface HoverContent {
  markdown: string;
  /** The only commands its links may run. */
  enabledCommands: string[];
  /** True only when the markdown holds icons we put there (ticket text is escaped either way). */
  supportThemeIcons: boolean;
}

export function ticketHoverMarkdown(ticket: Ticket, nowMs: number, timeZone?: string): HoverContent {
  const lines = [
    ...ticketRows(ticket, nowMs, { statusIcon: true, timeZone }),
    `${link(t('Open Ticket'), Commands.openTicket, ticket.ticketId, t('Open the ticket details'))} · ${link(t('Copy ID'), Commands.copyTicketId, ticket.ticketId, t('Copy the ticket ID'))}`,
  ];
  return {
    markdown: lines.join('\n\n'),
    enabledCommands: [Commands.openTicket, Commands.copyTicketId],
    supportThemeIcons: true,
  };
}

/** One line: the id and a Sign In link. */
export function signedOutHoverMarkdown(ticketId: string): HoverContent {
  const id = markdownText(ticketId, 64);
  return {
    markdown: t(
      'Alibaba Cloud ticket {0}: [Sign In]({1} "Sign in to Alibaba Cloud") to see it\\.',
      id,
      commandUri(Commands.signIn),
    ),
    enabledCommands: [Commands.signIn],
    supportThemeIcons: false,
  };
}

/** One line: the id and why it could not be shown. Only the reason's first line: a stack after it never shows. */
export function errorHoverMarkdown(ticketId: string, reason: string): HoverContent {
  const id = markdownText(ticketId, 64);
  const firstLine = reason.trim().split(/[\r\n\u2028\u2029\u0085]/, 1)[0];
  return {
    markdown: t('Alibaba Cloud ticket {0}: {1}', id, markdownText(firstLine, 300)),
    enabledCommands: [],
    supportThemeIcons: false,
  };
}

function link(text: string, command: string, ticketId: string, title: string): string {
  return `[${text}](${commandUri(command, [ticketId])} "${title}")`;
}
