// Shows every saved account in VS Code's Accounts menu (with Sign Out per account there). A session is only a marker:
// its id is the account's id and its accessToken an opaque random value, never the AccessKey secret, since other
// extensions may ask VS Code for our sessions.
import * as vscode from 'vscode';
import { nodeCrypto } from '../api/nodeModules';
import type { Accounts } from './accounts/accounts';
import { t } from '../common/l10n';
import { accountLabelText } from './credentialInput';

export const AUTH_PROVIDER_ID = 'aliyun-tickets';
/** The provider's name in the Accounts menu, in the display language (read once, at registration). */
export function authProviderLabel(): string {
  return t('Alibaba Cloud Tickets');
}

export class TicketsAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changeEmitter =
    new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changeEmitter.event;
  /** The sessions last reported, by account id. */
  private current = new Map<string, vscode.AuthenticationSession>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly accounts: Accounts,
    private readonly addAccount: () => Promise<boolean>,
    private readonly signOut: (accountId: string) => Promise<void>,
  ) {
    this.subscriptions.push(accounts.onDidChange(() => this.update()));
    void accounts.ready.then(() => this.update());
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    await this.accounts.ready;
    this.update();
    // The account shown first: VS Code treats the first session as the preferred one.
    const active = this.accounts.active()?.id;
    return [...this.current.values()].sort((a, b) => Number(b.id === active) - Number(a.id === active));
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const signedIn = await this.addAccount();
    const active = this.accounts.active();
    this.update();
    const session = signedIn && active ? this.current.get(active.id) : undefined;
    if (!session) throw new Error(t('Sign-in to Alibaba Cloud Tickets was cancelled.'));
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.signOut(sessionId);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changeEmitter.dispose();
  }

  private update(): void {
    const next = new Map<string, vscode.AuthenticationSession>();
    for (const account of this.accounts.list()) {
      const known = this.current.get(account.id);
      const label = accountLabelText(account.label);
      next.set(account.id, known && known.account.label === label ? known : toSession(account.id, label));
    }
    const added = [...next.values()].filter((s) => !this.current.has(s.id));
    const removed = [...this.current.values()].filter((s) => !next.has(s.id));
    const changed = [...next.values()].filter((s) => this.current.has(s.id) && this.current.get(s.id) !== s);
    this.current = next;
    if (added.length || removed.length || changed.length) this.changeEmitter.fire({ added, removed, changed });
  }
}

function toSession(id: string, label: string): vscode.AuthenticationSession {
  return { id, accessToken: nodeCrypto().randomUUID(), account: { id, label }, scopes: [] };
}
