// The aliyunTickets.endpoint setting is checked when it is read and whenever it changes, so a refused endpoint (plain
// http to another machine, not a URL) is reported at once with a way to fix it, not on the first hover.
import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { validateEndpoint } from '../api/endpoint';
import { BuiltinCommands } from '../common/commands';
import { errorText } from '../common/errorText';
import { t } from '../common/l10n';
import { notificationText } from '../common/untrustedText';

export function reportUnusableEndpoint(endpoint: string, log: { warn(message: string): void }): void {
  try {
    validateEndpoint(endpoint);
  } catch (error) {
    log.warn(`The aliyunTickets.endpoint setting is not usable: ${describeError(error)}`);
    const message = t(
      'The {0} setting is not usable: {1}',
      'aliyunTickets.endpoint',
      notificationText(errorText(error), 600),
    );
    void vscode.window.showErrorMessage(message, t('Open Settings')).then((choice) => {
      if (choice) void vscode.commands.executeCommand(BuiltinCommands.openSettings, 'aliyunTickets.endpoint');
    });
  }
}
