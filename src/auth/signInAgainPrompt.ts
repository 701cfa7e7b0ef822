// The one prompt RejectedSignIn asks for: the saved sign-in is refused, Sign In runs the sign-in flow.
import * as vscode from 'vscode';
import { Commands } from '../common/commands';
import { t } from '../common/l10n';

export function promptSignInAgain(expired: boolean): void {
  const message = expired
    ? t('Your sign-in to Alibaba Cloud has expired. Sign in again to keep your tickets up to date.')
    : t('Alibaba Cloud no longer accepts your saved sign-in. Sign in again to keep your tickets up to date.');
  void vscode.window
    .showWarningMessage(message, t('Sign In'))
    .then((choice) => choice && vscode.commands.executeCommand(Commands.signIn));
}
