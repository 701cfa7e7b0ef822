// One account's sign-in: a JSON entry in VS Code's SecretStorage (the OS keychain), never settings, globalState or
// files. Read once and kept in memory (silent reuse), re-read when another window changes the entry. Accounts
// (accounts/accounts.ts) keeps one per saved account and decides which is signed in.
import type * as vscode from 'vscode';
import { Emitter } from '../common/emitter';
import { t } from '../common/l10n';
import { parseStoredSignIn, type StoredSignIn } from './credentialInput';

type Listener = (signIn: StoredSignIn | undefined) => void;

export class SecretStorageError extends Error {
  override readonly name = 'SecretStorageError';
}

export class CredentialStore {
  private cached: Promise<StoredSignIn | undefined> | undefined;
  private readonly changes = new Emitter<StoredSignIn | undefined>();
  private readonly subscription: vscode.Disposable;
  /** What listeners were last told (JSON, kept in memory only), to skip repeats. */
  private lastEmitted: string | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** The SecretStorage entry (accountSecretKey of the account). */
    readonly key: string,
    private readonly onProblem: (message: string) => void = () => {},
  ) {
    // Fires for changes made in other windows too (secrets are shared between windows).
    this.subscription = secrets.onDidChange((event) => {
      if (event.key !== key) return;
      this.cached = undefined;
      void this.read().then((signIn) => this.emit(signIn));
    });
  }

  /** The saved sign-in, or undefined when signed out. Never throws: an unreadable entry counts as signed out. */
  read(): Promise<StoredSignIn | undefined> {
    if (!this.cached) {
      this.cached = (async () => {
        const signIn = await this.load();
        if (this.lastEmitted === undefined) this.lastEmitted = signIn ? JSON.stringify(signIn) : '';
        return signIn;
      })();
    }
    return this.cached;
  }

  private async load(): Promise<StoredSignIn | undefined> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(this.key);
    } catch (error) {
      this.onProblem(
        t("Could not read your saved sign-in from VS Code's secret storage ({0}). Sign in again.", keychainText(error)),
      );
      return undefined;
    }
    const parsed = parseStoredSignIn(raw);
    if (parsed instanceof Error) {
      this.onProblem(t('{0} Sign in again.', parsed.message));
      return undefined;
    }
    return parsed;
  }

  /** Saves the sign-in; throws SecretStorageError (with a message for the user) when the keychain refuses. */
  async write(signIn: StoredSignIn): Promise<void> {
    try {
      await this.secrets.store(this.key, JSON.stringify(signIn));
    } catch (error) {
      throw new SecretStorageError(
        t(
          'VS Code could not save your credentials in its secret storage ({0}). Nothing was saved.',
          keychainText(error),
        ),
      );
    }
    this.cached = Promise.resolve(signIn);
    this.emit(signIn);
  }

  /** Deletes the entry; throws SecretStorageError when the keychain refuses. */
  async clear(): Promise<void> {
    this.cached = Promise.resolve(undefined);
    try {
      await this.secrets.delete(this.key);
    } catch (error) {
      throw new SecretStorageError(
        t('VS Code could not delete your credentials from its secret storage ({0}).', keychainText(error)),
      );
    } finally {
      this.emit(undefined);
    }
  }

  onDidChange(listener: Listener): vscode.Disposable {
    return this.changes.event(listener);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }

  private emit(signIn: StoredSignIn | undefined): void {
    // Our own store() also comes back through secrets.onDidChange: tell listeners once per real change.
    const fingerprint = signIn ? JSON.stringify(signIn) : '';
    if (fingerprint === this.lastEmitted) return;
    this.lastEmitted = fingerprint;
    this.changes.fire(signIn);
  }
}

/** The keychain's own error text, short; it never holds our secret (we never put the secret in a message). */
function keychainText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text || t('unknown error');
}
