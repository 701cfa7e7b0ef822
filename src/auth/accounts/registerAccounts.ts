// Wires several accounts into the window: Switch Account and Add Account commands, the status-bar item, the Tickets
// view's account name, and a reload of everything shown when the account (or its site) changes.
import * as vscode from 'vscode';
import type { Accounts } from './accounts';
import { activeAccountName, createAccountStatusBar, endpointOf, pickAccount } from './accountsUi';
import { Commands } from '../../common/commands';
import { onDidChangeSettings } from '../../settings/configuration';

export interface AccountsWiring {
  accounts: Accounts;
  auth: { addAccount(): Promise<boolean>; signOut(accountId?: string): Promise<void> };
  explorer: { setAccount(name: string | undefined): void; refresh(): Promise<void> };
  settingEndpoint: () => string;
  /**
   * The active account's site changed: drop the client and every cache, reload the panels. (A change of credentials
   * does this already through CredentialStore; two accounts may share a key and differ only in their site.)
   */
  onSwitched: () => void;
}

export function registerAccounts(context: vscode.ExtensionContext, wiring: AccountsWiring): void {
  const { accounts, auth, explorer, settingEndpoint } = wiring;
  let shown = '';
  /** The view names the account once there is a choice (with one account, the status bar is enough). */
  const nameInView = () =>
    explorer.setAccount(accounts.list().length > 1 ? activeAccountName(accounts, settingEndpoint()) : undefined);
  const update = () => {
    const active = accounts.active();
    nameInView();
    const now = active ? `${active.id} ${endpointOf(active, settingEndpoint())}` : '';
    if (now === shown) return;
    // From one account to another (not signing in from signed out, which the sign-in change handles).
    const switched = !!shown && !!now;
    const endpointChanged = switched && shown.split(' ')[1] !== now.split(' ')[1];
    shown = now;
    if (endpointChanged) wiring.onSwitched();
    if (switched) void explorer.refresh();
  };
  void accounts.ready.then(() => {
    const active = accounts.active();
    shown = active ? `${active.id} ${endpointOf(active, settingEndpoint())}` : '';
    nameInView();
  });
  context.subscriptions.push(
    accounts.onDidChange(update),
    onDidChangeSettings(['endpoint'], nameInView),
    createAccountStatusBar(accounts, settingEndpoint),
    vscode.commands.registerCommand(Commands.switchAccount, () =>
      pickAccount({
        accounts,
        settingEndpoint,
        addAccount: () => auth.addAccount(),
        signOut: (id) => auth.signOut(id),
      }),
    ),
    vscode.commands.registerCommand(Commands.addAccount, () => auth.addAccount()),
  );
}
