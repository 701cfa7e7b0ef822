// Failures shown to the user: one sentence per kind (describeError) plus the action that helps with that kind.
import * as vscode from 'vscode';
import { describeError, isTicketApiError } from '../api/errors';
import { CREDENTIALS_UNAVAILABLE } from '../auth/clientProvider';
import { BuiltinCommands } from './commands';

/** Errors that only a (new) sign-in fixes: signed out, key unknown / disabled / expired, wrong secret. */
export function needsSignIn(error: unknown): boolean {
  if (!isTicketApiError(error)) return false;
  return error.kind === 'signedOut' || error.kind === 'auth' || error.kind === 'signature' || error.code === CREDENTIALS_UNAVAILABLE;
}

/** Errors that a change of the aliyunTickets.endpoint setting fixes (refused or unparsable endpoint). */
export function needsSettings(error: unknown): boolean {
  return isTicketApiError(error) && error.kind === 'config' && error.code !== CREDENTIALS_UNAVAILABLE;
}

export interface ErrorActions {
  signIn: () => Promise<unknown>;
  showLog: () => void;
  retry?: () => unknown;
}

/** Shows the error as a notification with the buttons that fit its kind. `context` prefixes it ("Loading tickets failed."). */
export async function showTicketError(error: unknown, actions: ErrorActions, context?: string): Promise<void> {
  const sentence = describeError(error);
  const buttons: string[] = [];
  if (needsSignIn(error)) buttons.push('Sign In');
  if (actions.retry && isTicketApiError(error) && ['throttled', 'server', 'network', 'timeout', 'malformed'].includes(error.kind)) buttons.push('Retry');
  if (isTicketApiError(error) && error.requestId) buttons.push('Copy RequestId');
  if (needsSettings(error)) buttons.push('Open Settings');
  buttons.push('Show Log');
  const choice = await vscode.window.showErrorMessage(context ? `${context} ${sentence}` : sentence, ...buttons);
  switch (choice) {
    case 'Sign In':
      await actions.signIn();
      return;
    case 'Retry':
      await actions.retry?.();
      return;
    case 'Copy RequestId':
      if (isTicketApiError(error) && error.requestId) await vscode.env.clipboard.writeText(error.requestId);
      return;
    case 'Open Settings':
      await vscode.commands.executeCommand(BuiltinCommands.openSettings, 'aliyunTickets.endpoint');
      return;
    case 'Show Log':
      actions.showLog();
      return;
  }
}
