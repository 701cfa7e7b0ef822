// The aliyunTickets.endpoint setting is checked when it is read and whenever it changes, so a refused endpoint (plain
// http to another machine, not a URL) is reported at once with a way to fix it, not on the first hover.
import * as vscode from 'vscode';
import { describeError } from '../api/errorWording';
import { validateEndpoint } from '../api/endpoint';
import { errorText } from '../common/errorText';
import { t } from '../common/l10n';
import { openSetting } from '../settings/configuration';
import { settingId } from '../settings/settings';
import { notificationText } from '../common/untrustedText';

export function reportUnusableEndpoint(endpoint: string, log: { warn(message: string): void }): void {
  try {
    validateEndpoint(endpoint);
  } catch (error) {
    log.warn(`The ${settingId('endpoint')} setting is not usable: ${describeError(error)}`);
    const message = t(
      'The {0} setting is not usable: {1}',
      settingId('endpoint'),
      notificationText(errorText(error), 600),
    );
    void vscode.window.showErrorMessage(message, t('Open Settings')).then((choice) => {
      if (choice) void openSetting('endpoint');
    });
  }
}
