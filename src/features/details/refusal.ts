// What the panel says when the server refuses a write because of the ticket's status (it moved since the panel
// loaded it: support closed it, another window rated it). The server's own text names status numbers and API actions;
// the user reads the status's name and what it means for what they tried. Whether the status is the reason is judged
// from the reloaded ticket (ticketActions), not from the server's wording, which is not documented. No vscode import.
import { isTicketApiError } from '../../api/errors';
import type { TicketStatus } from '../../api/types';
import { t } from '../../common/l10n';
import { statusText } from '../../tickets/display';
import { ticketActions, type TicketActions } from '../../tickets/ticketActions';

/** The refused sentence for `action`, when the ticket's status (as reloaded) no longer allows it; else undefined. */
export function statusRefusal(
  action: keyof TicketActions,
  error: unknown,
  status: TicketStatus | undefined,
): string | undefined {
  if (!isTicketApiError(error) || error.kind !== 'badRequest' || !status) return undefined;
  if (ticketActions(status.value)[action]) return undefined;
  const name = statusText(status);
  switch (action) {
    case 'reply':
      return t(
        'Support takes no replies on this ticket now: it is {0}. Your text and attachments are kept below; to send them, reopen the ticket if that is offered.',
        name,
      );
    case 'close':
      return t('The ticket was not closed: it is {0} now.', name);
    case 'reopen':
      return t('The ticket was not reopened: it is {0} now, and only a finished ticket can be reopened.', name);
    case 'rate':
      return t('The rating was not sent: the ticket is {0} now, and only a finished ticket can be rated.', name);
  }
}
