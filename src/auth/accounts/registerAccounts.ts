// Wires several accounts into the window: Switch Account and Add Account commands, the status-bar item, the Tickets
// view's account name, and a refresh of the Tickets view when another account is shown. (Caches, the client and the
// panels follow the session-change event, common/sessionChange.ts.)
import * as vscode from 'vscode';
import type { Accounts } from './accounts';
import { activeAccountName, createAccountStatusBar, pickAccount } from './accountsUi';
import { Commands } from '../../common/commands';
import { onDidChangeSettings } from '../../settings/configuration';

export interface AccountsWiring {
  accounts: Accounts;
  auth: { addAccount(): Promise<boolean>; signOut(accountId?: string): Promise<void> };
  explorer: { setAccount(name: string | undefined): void; refresh(): Promise<void> };
  settingEndpoint: () => string;
}

export function registerAccounts(wiring: AccountsWiring): vscode.Disposable[] {
  const { accounts, auth, explorer, settingEndpoint } = wiring;
  /** The view names the account once there is a choice (with one account, the status bar is enough). */
  const nameInView = () =>
    explorer.setAccount(accounts.list().length > 1 ? activeAccountName(accounts, settingEndpoint()) : undefined);
  void accounts.ready.then(nameInView);
  return [
    accounts.onDidChange(nameInView),
    accounts.onDidChangeAccount((change) => {
      // From one account to another (signing in and out the view follows through its welcome content).
      if (change.kind === 'switched') void explorer.refresh();
    }),
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
  ];
}
