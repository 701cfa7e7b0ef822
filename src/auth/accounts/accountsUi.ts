// The visible side of several accounts: the status-bar item (which account and site the window shows), the Switch
// Account quick pick (switch, add, sign out of one), and the site picker used at sign-in.
import * as vscode from 'vscode';
import { validateEndpoint } from '../../api/endpoint';
import { errorText } from '../../common/errorText';
import type { Accounts } from './accounts';
import { accountDisplayName, type AccountInfo } from './accountIndex';
import { SITES, shortSiteName, siteLabel, siteOf } from './sites';
import { Commands } from '../../common/commands';
import { t } from '../../common/l10n';
import { accountLabelText } from '../credentialInput';
import { onDidChangeSettings } from '../../settings/configuration';
import { settingId } from '../../settings/settings';
import { notificationText, quickPickText, statusBarText, statusBarTooltipText } from '../../common/untrustedText';

/** The endpoint an account's requests go to: its own, else the setting. */
export function endpointOf(account: Pick<AccountInfo, 'endpoint'> | undefined, settingEndpoint: string): string {
  return account?.endpoint ?? settingEndpoint;
}

/** "AccessKey …W9pK · International" for the active account, undefined when signed out. */
export function activeAccountName(accounts: Accounts, settingEndpoint: string): string | undefined {
  const active = accounts.active();
  return active ? accountDisplayName(active, shortSiteName(endpointOf(active, settingEndpoint))) : undefined;
}

/** Shows the active account in the status bar; a click opens Switch Account. Hidden while signed out. */
export function createAccountStatusBar(accounts: Accounts, settingEndpoint: () => string): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('aliyunTickets.account', vscode.StatusBarAlignment.Left, 0);
  item.name = t('Alibaba Cloud Tickets Account');
  item.command = Commands.switchAccount;
  const update = () => {
    const name = activeAccountName(accounts, settingEndpoint());
    if (!name) {
      item.hide();
      return;
    }
    item.text = `$(account) ${statusBarText(name)}`;
    item.tooltip =
      accounts.list().length > 1
        ? t('Alibaba Cloud Tickets: showing the tickets of {0}. Click to switch account.', statusBarTooltipText(name))
        : t(
            'Alibaba Cloud Tickets: showing the tickets of {0}. Click to add or switch accounts.',
            statusBarTooltipText(name),
          );
    item.show();
  };
  void accounts.ready.then(update);
  const subscriptions = [accounts.onDidChange(update), onDidChangeSettings(['endpoint'], update)];
  return { dispose: () => [item, ...subscriptions].forEach((d) => d.dispose()) };
}

type AccountPick = vscode.QuickPickItem & { run?: () => Promise<unknown> };

export interface SwitchAccountDeps {
  accounts: Accounts;
  settingEndpoint: () => string;
  addAccount: () => Promise<unknown>;
  signOut: (accountId: string) => Promise<unknown>;
}

/** Switch Account: every saved account (the active one marked), Add Account…, and Sign Out of the active one. */
export async function pickAccount(deps: SwitchAccountDeps): Promise<void> {
  await deps.accounts.ready;
  const active = deps.accounts.active();
  const items: AccountPick[] = deps.accounts.list().map((account) => {
    const site = shortSiteName(endpointOf(account, deps.settingEndpoint()));
    return {
      label: `${account.id === active?.id ? '$(check)' : '$(account)'} ${quickPickText(accountLabelText(account.label))}`,
      description: site,
      detail: account.id === active?.id ? t('Shown now') : undefined,
      run: account.id === active?.id ? undefined : () => deps.accounts.switchTo(account.id),
    };
  });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({
    label: `$(add) ${t('Add Account…')}`,
    detail: t('Sign in with another AccessKey, STS token, environment or aliyun CLI profile, on any site'),
    run: deps.addAccount,
  });
  if (active)
    items.push({
      label: `$(sign-out) ${t('Sign Out of {0}', quickPickText(accountLabelText(active.label)))}`,
      run: () => deps.signOut(active.id),
    });
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Alibaba Cloud Tickets: Switch Account'),
    placeHolder:
      items.length > 3 ? t('Which account should this window show?') : t('Only one account is saved: add another'),
    // Run from the palette over a ticket panel, the palette hands the focus back to the panel's webview as it closes,
    // and the webview takes it a moment later (microsoft/vscode#93950): a pick that closed on focus out would vanish.
    ignoreFocusOut: true,
  });
  if (!picked?.run) return;
  try {
    await picked.run();
  } catch (error) {
    void vscode.window.showErrorMessage(
      notificationText(error instanceof Error && !('kind' in error) ? error.message : errorText(error), 600),
    );
  }
}

type SitePick = vscode.QuickPickItem & { endpoint?: string | null };

/**
 * Asks which site to sign in to. The aliyunTickets.endpoint setting's site comes first (and is what Enter picks).
 * Returns the endpoint to store (undefined: follow the setting), or null when dismissed.
 */
export async function pickSite(settingEndpoint: string): Promise<string | undefined | null> {
  const settingSite = siteOf(settingEndpoint);
  const items: SitePick[] = [
    {
      label: `$(settings-gear) ${settingSite ? siteLabel(settingSite) : shortSiteName(settingEndpoint)}`,
      description: t('from the {0} setting', settingId('endpoint')),
      detail: settingEndpoint,
      endpoint: undefined,
    },
    ...SITES.filter((site) => site !== settingSite).map((site) => ({
      label: `$(globe) ${siteLabel(site)}`,
      detail: site.endpoint,
      endpoint: site.endpoint,
    })),
    {
      label: `$(edit) ${t('Custom endpoint…')}`,
      detail: t('An https:// Ticket API endpoint of your own'),
      endpoint: null,
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Sign In to Alibaba Cloud Tickets: Site'),
    placeHolder: t(
      'Which Alibaba Cloud site is the account on? (China accounts: aliyun.com; International / Japan: alibabacloud.com)',
    ),
    ignoreFocusOut: true,
  });
  if (!picked) return null;
  if (picked.endpoint !== null) return picked.endpoint;
  const typed = await vscode.window.showInputBox({
    title: t('Sign In to Alibaba Cloud Tickets: Custom Endpoint'),
    // l10n-exempt: an example URL
    prompt: t('The Ticket API endpoint, such as {0}', 'https://workorder.cn-hangzhou.aliyuncs.com'),
    value: 'https://',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        validateEndpoint(value);
        return undefined;
      } catch (error) {
        return errorText(error);
      }
    },
  });
  return typed === undefined ? null : validateEndpoint(typed);
}
