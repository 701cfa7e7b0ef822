// Wires several accounts into the window: Switch Account and Add Account commands, the status-bar item, the Tickets
// view's account name, and a reload of everything shown when the account (or its site) changes.
import * as vscode from 'vscode';
import type { Accounts } from './accounts';
import { ADD_ACCOUNT_COMMAND, SWITCH_ACCOUNT_COMMAND, activeAccountName, createAccountStatusBar, endpointOf, pickAccount } from './accountsUi';

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
  const update = () => {
    const active = accounts.active();
    explorer.setAccount(activeAccountName(accounts, settingEndpoint()));
    const now = active ? `${active.id} ${endpointOf(active, settingEndpoint())}` : '';
    if (now === shown) return;
    const endpointChanged = !!shown && !!now && shown.split(' ')[1] !== now.split(' ')[1];
    shown = now;
    if (endpointChanged) wiring.onSwitched();
    void explorer.refresh();
  };
  void accounts.ready.then(() => {
    const active = accounts.active();
    shown = active ? `${active.id} ${endpointOf(active, settingEndpoint())}` : '';
    explorer.setAccount(activeAccountName(accounts, settingEndpoint()));
  });
  context.subscriptions.push(
    accounts.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('aliyunTickets.endpoint')) explorer.setAccount(activeAccountName(accounts, settingEndpoint()));
    }),
    createAccountStatusBar(accounts, settingEndpoint),
    vscode.commands.registerCommand(SWITCH_ACCOUNT_COMMAND, () =>
      pickAccount({ accounts, settingEndpoint, addAccount: () => auth.addAccount(), signOut: (id) => auth.signOut(id) }),
    ),
    vscode.commands.registerCommand(ADD_ACCOUNT_COMMAND, () => auth.addAccount()),
  );
}
