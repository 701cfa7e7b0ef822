// The rows that describe one ticket in a tooltip or a hover (title; status, severity and id; created; creator), built
// once so the Tickets view's tooltip and the hover on an id say the same thing. Markdown, every server string escaped:
// meant for an untrusted MarkdownString. No vscode import.
import type { Ticket, TicketSummary } from '../api/types';
import { t } from '../common/l10n';
import { escapeMarkdown, markdownText } from '../common/untrustedText';
import { formatLocalTime, formatRelativeTime, severityText, statusLook, statusText, titleText } from './display';

export interface TicketRowsOptions {
  /** Put the status's codicon before it (only where the markdown renders theme icons). */
  statusIcon?: boolean;
  timeZone?: string;
}

/** The rows, each one markdown paragraph. `summary` fills in what the details lack (title, status). */
export function ticketRows(
  details: Ticket,
  nowMs: number,
  options: TicketRowsOptions = {},
  summary?: TicketSummary,
): string[] {
  const title = titleText(details.title || summary?.title, markdownText);
  const status = details.status ?? summary?.status;
  const icon = options.statusIcon ? `$(${statusLook(status?.value).icon}) ` : '';
  const id = markdownText(details.ticketId, 64);
  const absolute = formatLocalTime(details.createTime, options.timeZone);
  const relative = formatRelativeTime(details.createTime, nowMs);
  return [
    `**${title}**`,
    `${icon}${t('{0} · Severity: {1} · {2}', escapeMarkdown(statusText(status)), escapeMarkdown(severityText(details.severity)), id)}`,
    absolute ? t('Created {0} \\({1}\\)', escapeMarkdown(relative), escapeMarkdown(absolute)) : t('Created: unknown'),
    t('Creator: {0}', markdownText(details.creatorId, 64) || t('unknown')),
  ];
}
