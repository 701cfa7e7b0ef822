// Shows a failure as a notification with the buttons ERROR_ACTIONS (common/errors.ts) gives its kind. The thin vscode
// edge of the error policy: which buttons is decided there, this file only shows them and runs the choice.
import * as vscode from 'vscode';
import { isTicketApiError } from '../api/errors';
import { Commands } from './commands';
import { runErrorAction } from './errorActionRunner';
import { canAskSupportAbout, errorActionLabel, errorActions, type ErrorAction } from './errors';
import { rememberError } from './recentErrors';
import { errorText } from './errorText';
import { t } from './l10n';
import { notificationText } from './untrustedText';

export interface ErrorActions {
  /** Retry is offered only when the caller can retry. */
  retry?: () => unknown;
}

/** Shows the error as a notification with the buttons that fit its kind. `context` prefixes it ("Loading tickets failed."). */
export async function showTicketError(error: unknown, actions: ErrorActions = {}, context?: string): Promise<void> {
  // The sentence may quote the server: made safe for a notification like any outside text.
  const sentence = notificationText(errorText(error), 600);
  const requestId = isTicketApiError(error) ? error.requestId : undefined;
  // Kept (in memory) so a ticket about this request starts with everything the error knew.
  rememberError(error);
  // Buttons are message items carrying what they do, so the choice never depends on the (translated) text.
  type Button = vscode.MessageItem & { action: ErrorAction | 'copyRequestId' | 'createTicket' | 'showLog' };
  const buttons: Button[] = [];
  for (const action of errorActions(error)) {
    if (action === 'showDetails' || (action === 'retry' && !actions.retry)) continue;
    buttons.push({ title: errorActionLabel(action), action });
  }
  if (requestId) buttons.push({ title: t('Copy RequestId'), action: 'copyRequestId' });
  if (requestId && canAskSupportAbout(error))
    buttons.push({ title: t('Create Ticket about This Request'), action: 'createTicket' });
  // In a notification the details are the log (the panel and the view show them inline instead); signed out is no
  // fault and the table gives it no details to show.
  if (errorActions(error).includes('showDetails')) buttons.push({ title: t('Show Log'), action: 'showLog' });
  const choice = await vscode.window.showErrorMessage(context ? `${context} ${sentence}` : sentence, ...buttons);
  if (!choice) return; // Dismissed.
  switch (choice.action) {
    case 'copyRequestId':
      if (requestId) await vscode.env.clipboard.writeText(requestId);
      return;
    case 'createTicket':
      await vscode.commands.executeCommand(Commands.createTicketAboutRequest, requestId);
      return;
    case 'showLog':
      await vscode.commands.executeCommand(Commands.showLog);
      return;
    default:
      await runErrorAction(choice.action, { retry: actions.retry });
      return;
  }
}
