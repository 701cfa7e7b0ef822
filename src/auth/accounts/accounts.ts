// Several saved sign-ins, one active. The active account's sign-in stays in the original single SecretStorage entry
// (CredentialStore), so everything that reads "the" sign-in keeps working and a sign-in saved by an earlier version is
// simply the first account; every other account has its own entry, and the index (accountIndex.ts) names them.
// Switching swaps entries: the old active one goes to its own entry, the chosen one into the active entry, and the
// recent-tickets list follows the same way (one list per account). CredentialStore then reports the change, and the
// extension drops every cache and reloads every panel, as for any sign-in change.
// Only vscode's types: unit tests run this over an in-memory SecretStorage and Memento.
import type * as vscode from 'vscode';
import { nodeCrypto } from '../../api/nodeModules';
import { t } from '../../common/l10n';
import { accountLabel, accountLabelText, parseStoredSignIn, type StoredSignIn } from '../credentialInput';
import { SecretStorageError, type CredentialStore } from '../credentialStore';
import { RECENT_TICKETS_KEY } from '../../features/open-ticket/recentTickets';
import {
  ACCOUNT_INDEX_KEY,
  accountRecentKey,
  accountSecretKey,
  parseAccountIndex,
  sameAccount,
  type AccountIndex,
  type AccountInfo,
} from './accountIndex';

export class Accounts implements vscode.Disposable {
  private index: AccountIndex = { accounts: [] };
  private readonly listeners = new Set<() => void>();
  private readonly changeEmitter = {
    fire: () => {
      for (const listener of [...this.listeners]) {
        try {
          listener();
        } catch {
          // One failing listener must not keep the others from hearing of the change.
        }
      }
    },
    dispose: () => this.listeners.clear(),
  };
  readonly ready: Promise<void>;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Changes run one at a time: a switch must not interleave with an add. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly store: CredentialStore,
    private readonly state: vscode.Memento,
  ) {
    this.ready = this.load();
    this.subscriptions.push(
      secrets.onDidChange((event) => {
        if (event.key === ACCOUNT_INDEX_KEY)
          void this.exclusive(() => this.load()).then(() => this.changeEmitter.fire());
      }),
      // Signed out elsewhere (another window of an older version, or the store cleared): the active account is gone.
      store.onDidChange((signIn) => {
        if (!signIn && this.index.active) void this.exclusive(() => this.forgetActive());
      }),
    );
  }

  /** The list or the active account changed (here or in another window). */
  onDidChange(listener: () => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  list(): readonly AccountInfo[] {
    return this.index.accounts;
  }

  active(): AccountInfo | undefined {
    return this.index.accounts.find((a) => a.id === this.index.active);
  }

  /** The active account's endpoint; undefined when it follows the aliyunTickets.endpoint setting (or signed out). */
  activeEndpoint(): string | undefined {
    return this.active()?.endpoint;
  }

  /**
   * Saves a checked sign-in as an account and makes it the active one. A sign-in with the same label and endpoint as a
   * saved account replaces that account (signing in again with a rotated secret). Throws SecretStorageError.
   */
  add(signIn: StoredSignIn, endpoint: string | undefined): Promise<AccountInfo> {
    return this.exclusive(async () => {
      await this.ready;
      const info: AccountInfo = { id: newAccountId(), label: accountLabel(signIn), ...(endpoint ? { endpoint } : {}) };
      const existing = this.index.accounts.find((a) => sameAccount(a, info));
      if (existing) info.id = existing.id;
      const previous = this.active();
      if (previous && previous.id !== info.id) await this.stashActive(previous);
      const accounts = existing
        ? this.index.accounts.map((a) => (a.id === info.id ? info : a))
        : [...this.index.accounts, info];
      await this.saveIndex({ active: info.id, accounts });
      if (previous && previous.id !== info.id) await this.swapRecent(previous.id, info.id);
      await this.secrets.delete(accountSecretKey(info.id)).then(undefined, () => undefined);
      await this.store.write(signIn);
      this.changeEmitter.fire();
      return info;
    });
  }

  /** Makes a saved account the active one. Throws SecretStorageError, or Error when its entry is gone. */
  switchTo(id: string): Promise<void> {
    return this.exclusive(async () => {
      await this.ready;
      const target = this.index.accounts.find((a) => a.id === id);
      if (!target) throw new Error(t('That account is no longer saved.'));
      const previous = this.active();
      if (previous?.id === id) return;
      const signIn = await this.readAccount(target);
      if (previous) await this.stashActive(previous);
      await this.saveIndex({ ...this.index, active: id });
      await this.swapRecent(previous?.id, id);
      await this.store.write(signIn);
      await this.secrets.delete(accountSecretKey(id)).then(undefined, () => undefined);
      this.changeEmitter.fire();
    });
  }

  /**
   * Signs out of one account: its entry, its recent list and its place in the list go. When it was the active one and
   * others are saved, the first of them becomes active; the result says which (undefined: signed out entirely).
   */
  remove(id: string): Promise<{ removed?: AccountInfo; nowActive?: AccountInfo }> {
    return this.exclusive(async () => {
      await this.ready;
      const removed = this.index.accounts.find((a) => a.id === id);
      if (!removed) return {};
      const rest = this.index.accounts.filter((a) => a.id !== id);
      if (this.index.active !== id) {
        await this.saveIndex({ ...this.index, accounts: rest });
        await this.deleteSecret(accountSecretKey(id));
        await this.state.update(accountRecentKey(id), undefined);
        this.changeEmitter.fire();
        return { removed, nowActive: this.active() };
      }
      // The active one: move to the next account whose entry can still be read, else sign out.
      for (const next of rest) {
        let signIn: StoredSignIn;
        try {
          signIn = await this.readAccount(next);
        } catch {
          continue;
        }
        await this.saveIndex({ active: next.id, accounts: rest });
        await this.swapRecent(undefined, next.id);
        await this.store.write(signIn);
        await this.deleteSecret(accountSecretKey(next.id));
        this.changeEmitter.fire();
        return { removed, nowActive: next };
      }
      await this.saveIndex({ accounts: [] });
      await this.state.update(RECENT_TICKETS_KEY, undefined);
      await this.store.clear();
      this.changeEmitter.fire();
      return { removed };
    });
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changeEmitter.dispose();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Reads the index; the first time, a sign-in saved before accounts existed becomes the first account. */
  private async load(): Promise<void> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(ACCOUNT_INDEX_KEY);
    } catch {
      raw = undefined;
    }
    const index = parseAccountIndex(raw);
    const current = await this.store.read();
    if (!index) {
      // Migration: the single saved sign-in (if any) is account one and keeps following the endpoint setting.
      this.index = current ? { active: newAccountId(), accounts: [] } : { accounts: [] };
      if (current && this.index.active) {
        this.index.accounts.push({ id: this.index.active, label: accountLabel(current) });
        await this.saveIndex(this.index).catch(() => undefined);
      }
      return;
    }
    this.index = index;
    if (!current && index.active) await this.forgetActive();
  }

  /** The active entry is empty (signed out elsewhere): drop the active account from the list. */
  private async forgetActive(): Promise<void> {
    const active = this.index.active;
    if (!active) return;
    if (await this.store.read()) return;
    await this.saveIndex({ accounts: this.index.accounts.filter((a) => a.id !== active) }).catch(() => undefined);
    this.changeEmitter.fire();
  }

  private async stashActive(previous: AccountInfo): Promise<void> {
    const signIn = await this.store.read();
    if (!signIn) return;
    try {
      await this.secrets.store(accountSecretKey(previous.id), JSON.stringify(signIn));
    } catch (error) {
      throw new SecretStorageError(
        t(
          'VS Code could not keep the sign-in of {0} in its secret storage ({1}). Nothing was changed.',
          accountLabelText(previous.label),
          String((error as Error)?.message ?? error),
        ),
      );
    }
  }

  private async readAccount(account: AccountInfo): Promise<StoredSignIn> {
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(accountSecretKey(account.id));
    } catch (error) {
      throw new SecretStorageError(
        t(
          "Could not read the sign-in of {0} from VS Code's secret storage ({1}).",
          accountLabelText(account.label),
          String((error as Error)?.message ?? error),
        ),
      );
    }
    const signIn = parseStoredSignIn(raw);
    if (!signIn || signIn instanceof Error)
      throw new Error(
        t('The saved sign-in of {0} is gone or unreadable: sign in to it again.', accountLabelText(account.label)),
      );
    return signIn;
  }

  private async saveIndex(index: AccountIndex): Promise<void> {
    this.index = { ...(index.active ? { active: index.active } : {}), accounts: index.accounts };
    try {
      await this.secrets.store(ACCOUNT_INDEX_KEY, JSON.stringify(this.index));
    } catch (error) {
      throw new SecretStorageError(
        t(
          'VS Code could not save the list of accounts in its secret storage ({0}).',
          String((error as Error)?.message ?? error),
        ),
      );
    }
  }

  private async deleteSecret(key: string): Promise<void> {
    await this.secrets.delete(key).then(undefined, () => undefined);
  }

  /** The recent-tickets list is per account: the active one's is the usual key, the others' wait under their id. */
  private async swapRecent(fromId: string | undefined, toId: string): Promise<void> {
    if (fromId) await this.state.update(accountRecentKey(fromId), this.state.get(RECENT_TICKETS_KEY));
    await this.state.update(RECENT_TICKETS_KEY, this.state.get(accountRecentKey(toId)));
    await this.state.update(accountRecentKey(toId), undefined);
  }
}

function newAccountId(): string {
  return nodeCrypto().randomUUID();
}
