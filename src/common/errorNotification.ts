// Shows a failure as a notification with the buttons ERROR_ACTIONS (common/errors.ts) gives its kind. The thin vscode
// edge of the error policy: which buttons is decided there, this file only shows them and runs the choice.
import * as vscode from 'vscode';
import { describeError, isTicketApiError } from '../api/errors';
import { BuiltinCommands, Commands } from './commands';
import { ERROR_ACTION_LABELS, errorActions } from './errors';

export interface ErrorActions {
  /** Retry is offered only when the caller can retry. */
  retry?: () => unknown;
}

const COPY_REQUEST_ID = 'Copy RequestId';
/** In a notification the details are the log (the panel and the view show them inline instead). */
const SHOW_LOG = 'Show Log';

/** Shows the error as a notification with the buttons that fit its kind. `context` prefixes it ("Loading tickets failed."). */
export async function showTicketError(error: unknown, actions: ErrorActions = {}, context?: string): Promise<void> {
  const sentence = describeError(error);
  const requestId = isTicketApiError(error) ? error.requestId : undefined;
  const buttons: string[] = [];
  for (const action of errorActions(error)) {
    if (action === 'showDetails' || (action === 'retry' && !actions.retry)) continue;
    buttons.push(ERROR_ACTION_LABELS[action]);
  }
  if (requestId) buttons.push(COPY_REQUEST_ID);
  buttons.push(SHOW_LOG);
  const choice = await vscode.window.showErrorMessage(context ? `${context} ${sentence}` : sentence, ...buttons);
  switch (choice) {
    case ERROR_ACTION_LABELS.signIn:
      await vscode.commands.executeCommand(Commands.signIn);
      return;
    case ERROR_ACTION_LABELS.openSettings:
      await vscode.commands.executeCommand(BuiltinCommands.openSettings, 'aliyunTickets.endpoint');
      return;
    case ERROR_ACTION_LABELS.openAnotherTicket:
      await vscode.commands.executeCommand(Commands.openTicket);
      return;
    case ERROR_ACTION_LABELS.retry:
      await actions.retry?.();
      return;
    case COPY_REQUEST_ID:
      if (requestId) await vscode.env.clipboard.writeText(requestId);
      return;
    case SHOW_LOG:
      await vscode.commands.executeCommand(Commands.showLog);
      return;
    default:
      // Dismissed.
      return;
  }
}
