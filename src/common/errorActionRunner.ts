// Carries out the action a user chose for an error (common/errors.ts decides which actions an error offers): the
// notification's buttons (errorNotification.ts) and the details panel's error view both come here, so Sign In, Open
// Settings, Open Another Ticket and Retry do the same thing wherever they are clicked.
import * as vscode from 'vscode';
import { Commands } from './commands';
import { openSetting } from '../settings/configuration';
import type { ErrorAction } from './errors';

/** What the surface showing the error adds: how it retries, signs in, and what follows a sign-in or another ticket. */
export interface ErrorActionContext {
  /** Retry is offered only when the surface can retry. */
  retry?: () => unknown;
  /** Signs in; true when a sign-in finished. Default: the Sign In command. */
  signIn?: () => PromiseLike<boolean | undefined>;
  /** After a sign-in that finished (a panel reloads). */
  afterSignIn?: () => unknown;
  /** After Open Ticket, with the id opened (undefined when dismissed). */
  afterOpenTicket?: (ticketId: string | undefined) => unknown;
  /** Shows the error's details. Default: the log. */
  showDetails?: () => unknown;
}

export async function runErrorAction(action: ErrorAction, context: ErrorActionContext = {}): Promise<void> {
  switch (action) {
    case 'signIn': {
      const signedIn = context.signIn
        ? await context.signIn()
        : await vscode.commands.executeCommand<boolean | undefined>(Commands.signIn);
      if (signedIn) await context.afterSignIn?.();
      return;
    }
    case 'openSettings':
      // The one setting a 'config' failure is about: the Ticket API endpoint.
      await openSetting('endpoint');
      return;
    case 'openAnotherTicket': {
      const opened = await vscode.commands.executeCommand<string | undefined>(Commands.openTicket);
      await context.afterOpenTicket?.(opened);
      return;
    }
    case 'retry':
      await context.retry?.();
      return;
    case 'showDetails':
      await (context.showDetails ? context.showDetails() : vscode.commands.executeCommand(Commands.showLog));
      return;
  }
}
