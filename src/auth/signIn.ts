// The sign-in flow: AccessKey ID (checked as you type), secret (password box), STS token (only for STS. ids), one cheap
// signed call to check them, and only then SecretStorage. A rejected key says why and saves nothing; "Try Again"
// keeps the id. Environment / aliyun CLI credentials are offered when present. One flow at a time (no prompt loops).
import * as vscode from 'vscode';
import { isTicketApiError } from '../api/errors';
import { describeError } from '../api/errorWording';
import { errorText } from '../common/errorText';
import { t } from '../common/l10n';
import type { ClientProvider } from './clientProvider';
import {
  accountName,
  credentialsFromInput,
  isStsAccessKeyId,
  validateAccessKeyIdInput,
  validateSecretInput,
  validateSecurityTokenInput,
  type StoredSignIn,
} from './credentialInput';
import { SecretStorageError } from './credentialStore';
import type { ExternalCredentialSources } from './externalCredentials';
import { verifyAndSave } from './verifySignIn';
import type { TicketLog } from '../log/log';
import type { Accounts } from './accounts/accounts';
import { pickSite } from './accounts/accountsUi';
import { shortSiteName } from './accounts/sites';
import { inputWithSiteButton } from './accounts/siteInputBox';
import { dialogLine, notificationText, quickPickText } from '../common/untrustedText';

export interface SignInDeps {
  clients: ClientProvider;
  sources: ExternalCredentialSources;
  log: TicketLog;
  /** A checked sign-in is saved as an account (accounts/accounts.ts). */
  accounts: Accounts;
  /** The aliyunTickets.endpoint setting: the default site. */
  settingEndpoint: () => string;
}

type SourceChoice = vscode.QuickPickItem & { signIn?: StoredSignIn; unusable?: string };

interface AttemptOptions {
  /** Straight to the AccessKey boxes (no environment / CLI choice). */
  accessKeyOnly?: boolean;
  /** Pre-filled AccessKey ID (Try Again). */
  accessKeyId?: string;
  /** Ask which site first (adding an account); otherwise the site is `endpoint`, or the setting's. */
  askSite?: boolean;
  /** The endpoint the account signs in to; absent: it follows the aliyunTickets.endpoint setting. */
  endpoint?: string;
}

/** A key the server refused, kept only until the user has read why (never stored). */
interface Rejection {
  error: unknown;
  /** The account as the user knows it ("AccessKey …W9pK", "aliyun CLI profile "work""). */
  label: string;
  /** The key was typed into the boxes (not an environment / CLI source). */
  typed: boolean;
  typedAccessKeyId?: string;
  endpoint?: string;
}

export class SignInFlow {
  private running: Promise<boolean> | undefined;

  constructor(private readonly deps: SignInDeps) {}

  /**
   * Runs the interactive sign-in (or joins the one whose boxes are open). Resolves true when signed in at the end,
   * including after "Try Again" on a rejected key. Only the boxes and the check hold the lock: an error toast the user
   * ignores never blocks the next Sign In.
   */
  run(options: AttemptOptions = {}): Promise<boolean> {
    if (this.running) return this.running;
    const attempt = this.attempt(options);
    this.running = attempt
      .then(
        (outcome) => outcome === true,
        () => false,
      )
      .finally(() => {
        this.running = undefined;
      });
    return attempt.then((outcome) => (typeof outcome === 'boolean' ? outcome : this.explainFailure(outcome)));
  }

  /**
   * One signed call to `endpoint` (absent: the setting's), then SecretStorage as an account (see verifySignIn.ts).
   * Also used by integration tests without input boxes.
   */
  verifyAndSave(signIn: StoredSignIn, signal?: AbortSignal, endpoint?: string): Promise<void> {
    const { accounts, clients, log } = this.deps;
    return verifyAndSave(
      signIn,
      {
        store: { write: async (checked) => void (await accounts.add(checked, endpoint)) },
        clients: {
          credentialsFor: (s) => clients.credentialsFor(s),
          probeClient: (credentials) => clients.probeClient(credentials, endpoint),
        },
        log,
      },
      signal,
    );
  }

  /** One pass through the boxes and the check: true / false (cancelled), or the rejection to explain. */
  private async attempt(options: AttemptOptions): Promise<boolean | Rejection> {
    if (options.askSite) {
      const endpoint = await pickSite(this.deps.settingEndpoint());
      if (endpoint === null) return false;
      options = { ...options, askSite: false, endpoint };
    }
    let endpoint = options.endpoint;
    const source = options.accessKeyOnly ? 'accessKey' : await this.chooseSource();
    if (source === undefined) return false;
    if (source !== 'accessKey') return this.checkAndSave(source, undefined, endpoint);

    // The site is said in the ID box, whose globe button chooses another (then the box comes back as it was).
    let typed = options.accessKeyId ?? '';
    let id: string | undefined;
    while (id === undefined) {
      const answer = await inputWithSiteButton({
        title: t('Sign In to Alibaba Cloud Tickets: AccessKey ID'),
        prompt: t('The AccessKey ID of a RAM user allowed to use the Ticket API (RAM console → AccessKey).'),
        placeHolder: t('LTAI… (or STS.… for temporary credentials)'),
        value: typed,
        siteName: shortSiteName(endpoint ?? this.deps.settingEndpoint()),
        validate: validateAccessKeyIdInput,
      });
      if (!answer) return false;
      if ('value' in answer) id = answer.value;
      else {
        typed = answer.changeSite;
        const picked = await pickSite(this.deps.settingEndpoint());
        if (picked !== null) endpoint = picked;
      }
    }
    const accessKeyId = id.trim();

    const secret = await vscode.window.showInputBox({
      title: t('Sign In to Alibaba Cloud Tickets: AccessKey Secret'),
      prompt: t('The AccessKey Secret that belongs to this AccessKey ID. It is kept in VS Code secret storage only.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: validateSecretInput,
    });
    if (secret === undefined) return false;

    let token: string | undefined;
    if (isStsAccessKeyId(accessKeyId)) {
      token = await vscode.window.showInputBox({
        title: t('Sign In to Alibaba Cloud Tickets: Security Token'),
        prompt: t('Temporary (STS.) AccessKeys need the security token that came with them.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: validateSecurityTokenInput,
      });
      if (token === undefined) return false;
    }

    const signIn: StoredSignIn = { kind: 'accessKey', ...credentialsFromInput(accessKeyId, secret, token) };
    return this.checkAndSave(signIn, accessKeyId, endpoint);
  }

  private async checkAndSave(
    signIn: StoredSignIn,
    typedAccessKeyId?: string,
    endpoint?: string,
  ): Promise<boolean | Rejection> {
    const outcome = await this.checkWithProgress(signIn, endpoint);
    if (outcome === 'ok') return true;
    if (outcome === 'cancelled' || outcome === 'storageFailed') return false;
    return {
      error: outcome.error,
      label: accountName(signIn),
      typed: signIn.kind === 'accessKey',
      typedAccessKeyId,
      endpoint,
    };
  }

  /** Says why the key was refused; "Try Again" reopens the boxes with the id kept (only the secret is typed again). */
  private async explainFailure(rejection: Rejection): Promise<boolean> {
    const retryLabel = rejection.typed ? t('Try Again') : t('Enter an AccessKey');
    const showLog = t('Show Log');
    const what = rejection.typed
      ? t('Sign-in failed.')
      : t('Sign-in with {0} failed.', notificationText(rejection.label));
    const choice = await vscode.window.showErrorMessage(
      t('{0} {1} Nothing was saved.', what, notificationText(errorText(rejection.error), 600)),
      retryLabel,
      showLog,
    );
    if (choice === showLog) this.deps.log.show();
    if (choice !== retryLabel) return false;
    return this.run({ accessKeyOnly: true, accessKeyId: rejection.typedAccessKeyId, endpoint: rejection.endpoint });
  }

  private async checkWithProgress(
    signIn: StoredSignIn,
    endpoint?: string,
  ): Promise<'ok' | 'cancelled' | 'storageFailed' | { error: unknown }> {
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: t('Checking the credentials with Alibaba Cloud…'),
        cancellable: true,
      },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          await this.verifyAndSave(signIn, controller.signal, endpoint);
          const site = shortSiteName(endpoint ?? this.deps.settingEndpoint());
          void vscode.window.showInformationMessage(
            t('Signed in to Alibaba Cloud Tickets with {0} ({1}).', notificationText(accountName(signIn)), site),
          );
          return 'ok' as const; // l10n-exempt: an outcome code
        } catch (error) {
          if (error instanceof SecretStorageError) {
            this.deps.log.error('Saving the sign-in failed', error);
            void vscode.window.showErrorMessage(notificationText(error.message, 600));
            return 'storageFailed' as const; // l10n-exempt: an outcome code
          }
          // l10n-exempt: an outcome code
          if (isTicketApiError(error) && error.kind === 'aborted') return 'cancelled' as const;
          this.deps.log.warn(`Sign-in check failed: ${describeError(error)}`);
          return { error };
        } finally {
          subscription.dispose();
        }
      },
    );
  }

  /** 'accessKey' to type one; a StoredSignIn for an outside source; undefined when dismissed. */
  private async chooseSource(): Promise<'accessKey' | StoredSignIn | undefined> {
    const items: SourceChoice[] = [];
    const [environment, cli] = await Promise.all([
      this.deps.sources.fromEnvironment().catch(() => undefined),
      this.deps.sources.fromCliProfile().catch(() => undefined),
    ]);
    if (environment) {
      items.push({
        label: `$(terminal) ${t('Use credentials from the environment')}`,
        detail: t(
          '{0} and {1} of this VS Code process',
          'ALIBABA_CLOUD_ACCESS_KEY_ID', // l10n-exempt: a variable name
          'ALIBABA_CLOUD_ACCESS_KEY_SECRET', // l10n-exempt: a variable name
        ),
        signIn: { kind: 'environment' },
      });
    }
    // Every CLI profile: the usable ones to pick, the others (RamRoleArn, EcsRamRole, CloudSSO, …) with why not.
    const profiles =
      (await this.deps.sources.listCliProfiles?.().catch(() => undefined)) ??
      (cli ? [{ name: cli.profile, mode: 'AK', current: true }] : []);
    for (const profile of profiles) {
      const name = quickPickText(profile.name, 80);
      items.push(
        'unusable' in profile && profile.unusable
          ? {
              label: `$(circle-slash) ${t('aliyun CLI profile "{0}" ({1})', name, quickPickText(profile.mode, 40))}`,
              detail: t('Cannot be used: {0}', quickPickText(profile.unusable, 300)),
              unusable: profile.unusable,
            }
          : {
              label: `$(account) ${t('Use aliyun CLI profile "{0}"', name)}`,
              description: profile.current ? t('current') : undefined,
              // l10n-exempt: a file path
              detail: t('{0} (read each time, so rotated keys keep working)', '~/.aliyun/config.json'),
              signIn: { kind: 'cliProfile', profile: profile.name },
            },
      );
    }
    if (items.length === 0) return 'accessKey'; // l10n-exempt: a choice code
    items.unshift({
      label: `$(key) ${t('Enter an AccessKey')}`,
      detail: t('AccessKey ID and Secret (or temporary STS credentials)'),
    });
    for (;;) {
      const picked = await vscode.window.showQuickPick(items, {
        title: t('Sign In to Alibaba Cloud Tickets'),
        placeHolder: t('Which credentials should the extension use?'),
        ignoreFocusOut: true,
        matchOnDetail: true,
      });
      if (!picked) return undefined;
      if (!picked.unusable) return picked.signIn ?? 'accessKey'; // l10n-exempt: a choice code
      // Listed so that the profile is not silently missing; picking it says why, then the list comes back.
      await vscode.window.showWarningMessage(
        t(
          '{0} cannot be used. {1}',
          dialogLine(picked.label.replace(/^\$\([^)]*\) /, '')),
          dialogLine(picked.unusable, 600),
        ),
        { modal: true },
      );
    }
  }
}
