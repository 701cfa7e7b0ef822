// Sign-in state for the rest of the extension: the Sign In / Sign Out commands' logic, the Accounts-menu provider,
// and the `aliyunTickets.signedIn` context key (menus and welcome views).
import * as vscode from 'vscode';
import type { Credentials } from '../api/types';
import { AUTH_PROVIDER_ID, authProviderLabel, TicketsAuthProvider } from './authProvider';
import type { ClientProvider } from './clientProvider';
import { accountLabelText, type StoredSignIn } from './credentialInput';
import { SecretStorageError } from './credentialStore';
import type { ExternalCredentialSources } from './externalCredentials';
import type { SignInDeps, SignInFlow } from './signIn';
import type { TicketLog } from '../log/log';
import type { Accounts } from './accounts/accounts';
import { BuiltinCommands, ContextKeys } from '../common/commands';
import { t } from '../common/l10n';
import { notificationText } from '../common/untrustedText';

export class AuthSession implements vscode.Disposable {
  /** The sign-in flow (input boxes, checks), built on first use: activation only needs to know who is signed in. */
  private flowInstance: SignInFlow | undefined;
  private readonly flowDeps: SignInDeps;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    clients: ClientProvider,
    sources: ExternalCredentialSources,
    private readonly log: TicketLog,
    private readonly accounts: Accounts,
    settingEndpoint: () => string,
    /** Builds the sign-in flow; its code loads on the first sign-in (the composition root decides how). */
    private readonly createFlow: (deps: SignInDeps) => SignInFlow,
  ) {
    this.flowDeps = { clients, sources, log, accounts, settingEndpoint };
    const provider = new TicketsAuthProvider(
      accounts,
      () => this.addAccount(),
      (accountId) => this.signOut(accountId),
    );
    this.subscriptions.push(
      provider,
      vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, authProviderLabel(), provider, {
        supportsMultipleAccounts: true,
      }),
      accounts.onDidChangeAccount((change) => void this.setContextKey(!!change.current)),
    );
    void accounts.ready.then(() => this.setContextKey(!!accounts.current()));
  }

  private get flow(): SignInFlow {
    this.flowInstance ??= this.createFlow(this.flowDeps);
    return this.flowInstance;
  }

  async isSignedIn(): Promise<boolean> {
    return !!(await this.accounts.read());
  }

  /** The interactive flow (one at a time). True when signed in at the end. With accounts saved, it adds one. */
  async signIn(): Promise<boolean> {
    await this.accounts.ready;
    return this.flow.run({ askSite: this.accounts.list().length > 0 });
  }

  /** Another account: which site, then the credentials; it becomes the one shown. */
  addAccount(): Promise<boolean> {
    return this.flow.run({ askSite: true });
  }

  /**
   * Without input boxes: checks the key with one signed call, then saves it as an account (integration tests).
   * `endpoint` is the account's site; absent, it follows the setting.
   */
  signInWith(credentials: Credentials, endpoint?: string): Promise<void> {
    const signIn: StoredSignIn = { kind: 'accessKey', ...credentials };
    if (!signIn.securityToken) delete signIn.securityToken;
    return this.flow.verifyAndSave(signIn, undefined, endpoint);
  }

  /** Signs out of one account (default: the one shown); another saved account, if any, is shown next. */
  async signOut(accountId?: string): Promise<void> {
    await this.accounts.ready;
    const id = accountId ?? this.accounts.active()?.id;
    const wasActive = id === this.accounts.active()?.id;
    const previous = wasActive ? await this.accounts.read() : undefined;
    try {
      const { removed, nowActive } = id ? await this.accounts.remove(id) : {};
      this.log.info(`Signed out${removed ? ` of ${removed.label}` : ''}.`);
      // Say what actually happened: only a typed key lived in VS Code; environment / CLI credentials stay where they are.
      const others = !!nowActive;
      const detail = !removed
        ? t('No sign-in was saved.')
        : !wasActive || !previous || previous.kind === 'accessKey'
          ? others
            ? t('{0} was removed from VS Code.', notificationText(accountLabelText(removed.label)))
            : t('Your AccessKey was removed from VS Code.')
          : previous.kind === 'environment'
            ? t('The extension no longer reads the environment variables; they were left as they are.')
            : t('The extension no longer reads the aliyun CLI profile; it was left as it is.');
      // What else went with it: nothing of the account stays (Accounts.remove deletes its scope; the session-change
      // event clears the caches and the panels).
      const cleared = !removed
        ? undefined
        : !wasActive
          ? t(
              'Its drafts, recent tickets, seen answers, watcher snapshot and cached tickets were removed from this computer.',
            )
          : others
            ? t(
                'Its drafts, recent tickets, seen answers, watcher snapshot and cached tickets were removed from this computer, and open ticket panels reloaded.',
              )
            : t(
                'Its drafts, recent tickets, seen answers, watcher snapshot and cached tickets were removed from this computer, and open ticket panels were cleared.',
              );
      const next =
        wasActive && nowActive ? t('Now showing {0}.', notificationText(accountLabelText(nowActive.label))) : undefined;
      // One sentence after another, spaced as the display language spaces them.
      const message = [detail, cleared, next].reduce<string>(
        (text, sentence) => (sentence ? t('{0} {1}', text, sentence) : text),
        t('Signed out of Alibaba Cloud Tickets.'),
      );
      void vscode.window.showInformationMessage(message);
    } catch (error) {
      const message =
        error instanceof SecretStorageError
          ? error.message
          : t('Sign-out failed: {0}', notificationText(String(error), 600));
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
