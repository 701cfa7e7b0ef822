// Sign-in state for the rest of the extension: the Sign In / Sign Out commands' logic, the Accounts-menu provider,
// and the `aliyunTickets.signedIn` context key (menus and welcome views).
import * as vscode from 'vscode';
import type { Credentials } from '../api/types';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, TicketsAuthProvider } from './authProvider';
import type { ClientProvider } from './clientProvider';
import type { StoredSignIn } from './credentialInput';
import { SecretStorageError, type CredentialStore } from './credentialStore';
import type { ExternalCredentialSources } from './externalCredentials';
import { SignInFlow } from './signIn';
import type { TicketLog } from '../log/log';
import { BuiltinCommands, ContextKeys } from '../common/commands';

export class AuthSession implements vscode.Disposable {
  private readonly flow: SignInFlow;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: CredentialStore,
    clients: ClientProvider,
    sources: ExternalCredentialSources,
    private readonly log: TicketLog,
  ) {
    this.flow = new SignInFlow({ store, clients, sources, log });
    const provider = new TicketsAuthProvider(store, () => this.signIn(), () => this.signOut());
    this.subscriptions.push(
      provider,
      vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, { supportsMultipleAccounts: false }),
      store.onDidChange((signIn) => void this.setContextKey(!!signIn)),
    );
    void store.read().then((signIn) => this.setContextKey(!!signIn));
  }

  async isSignedIn(): Promise<boolean> {
    return !!(await this.store.read());
  }

  /** The interactive flow (one at a time). True when signed in at the end. */
  signIn(): Promise<boolean> {
    return this.flow.run();
  }

  /** Without input boxes: checks the key with one signed call, then saves it (integration tests). */
  signInWith(credentials: Credentials): Promise<void> {
    const signIn: StoredSignIn = { kind: 'accessKey', ...credentials };
    if (!signIn.securityToken) delete signIn.securityToken;
    return this.flow.verifyAndSave(signIn);
  }

  async signOut(): Promise<void> {
    const previous = await this.store.read();
    try {
      await this.store.clear();
      this.log.info('Signed out.');
      // Say what actually happened: only a typed key lived in VS Code; environment / CLI credentials stay where they are.
      const detail = !previous
        ? 'No sign-in was saved.'
        : previous.kind === 'accessKey'
          ? 'Your AccessKey was removed from VS Code.'
          : `The extension no longer reads the ${previous.kind === 'environment' ? 'environment variables' : 'aliyun CLI profile'}; they were left as they are.`;
      // What else went with it (extension.ts clears these when the sign-in changes): nothing of the account stays.
      const cleared = previous ? ' Cached tickets, the recent-tickets list and the content of open ticket panels were cleared.' : '';
      void vscode.window.showInformationMessage(`Signed out of Alibaba Cloud Tickets. ${detail}${cleared}`);
    } catch (error) {
      const message = error instanceof SecretStorageError ? error.message : `Sign-out failed: ${String(error)}`;
      this.log.error(message);
      void vscode.window.showErrorMessage(message);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }

  private async setContextKey(signedIn: boolean): Promise<void> {
    await vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.signedIn, signedIn);
  }
}
