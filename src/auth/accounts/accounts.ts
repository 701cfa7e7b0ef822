// The one owner of who is signed in. Several saved accounts, one active: each account's sign-in lives in its own
// SecretStorage entry (accountEntries.ts), the index (accountIndex.ts) names them and says which is active, and each
// account has its scope (accountScopes.ts: globalState keys, secrets and a folder of its own) that features are handed
// through current(). Switching only changes the index's active id: the active account's endpoint and credentials
// are read together (session()), so no client signs with one account's key for another's endpoint. One event,
// onDidChangeAccount, tells of every change of the active account, here or in another window; removing an account
// removes its data (removeAccountData). A sign-in saved by an earlier version (one entry for the active account, recent
// lists swapped in and out) is moved into this layout once, at load.
// Only vscode's types: unit tests run this over an in-memory SecretStorage and Memento.
import type * as vscode from 'vscode';
import { promises as fs } from 'fs';
import {
  accountsFolder,
  FIRST_SIGN_IN_KEY,
  isAccountId,
  type AccountChange,
  type AccountChangeKind,
  type AccountScope,
  type ActiveAccount,
} from '../../common/accountScope';
import { Emitter } from '../../common/emitter';
import { t } from '../../common/l10n';
import { accountLabel, LEGACY_SECRET_KEY, parseStoredSignIn, type StoredSignIn } from '../credentialInput';
import { CredentialStore, SecretStorageError } from '../credentialStore';
import { ACCOUNT_INDEX_KEY, accountSecretKey, sameAccount, type AccountIndex, type AccountInfo } from './accountIndex';
import {
  accountEntryGone,
  newAccountId,
  readAccountEntry,
  readAccountIndex,
  readAccountSignIn,
  writeAccountEntry,
} from './accountEntries';
import { accountsWithData, createAccountScope, removeAccountData, type ScopeStorage } from './accountScopes';

/** The active account with its sign-in and scope, read together. */
export interface ActiveSession {
  account: AccountInfo;
  signIn: StoredSignIn;
  scope: AccountScope;
}

export interface AccountsStorage extends ScopeStorage {
  secrets: vscode.SecretStorage;
}

/** The saved accounts as the load found them, for moving an earlier version's data into their scopes. */
export interface LoadedAccounts {
  activeId?: string;
  ids: string[];
  scopeOf(accountId: string): AccountScope;
}

export class Accounts implements ActiveAccount, vscode.Disposable {
  private index: AccountIndex = { accounts: [] };
  /** The active account's entry (undefined: signed out). */
  private entry: CredentialStore | undefined;
  private entrySubscription: vscode.Disposable | undefined;
  private readonly scopes = new Map<string, AccountScope>();
  /** The keychain answered with the list at least once (see listKnown). */
  private indexRead = false;
  private readonly listChanges = new Emitter<void>();
  private readonly accountChanges = new Emitter<AccountChange>();
  /** What listeners were last told: active id and a fingerprint of its sign-in and site (memory only). */
  private shown: { id?: string; fingerprint: string } = { fingerprint: '' };
  /** Resolves once the index is read (and an earlier version's sign-in moved); current() is undefined before. */
  readonly ready: Promise<void>;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Changes run one at a time: a switch must not interleave with an add. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: AccountsStorage,
    private readonly onProblem: (message: string) => void = () => {},
    /** Runs once the accounts are known, before `ready` resolves (the composition root moves old data then). */
    private readonly afterLoad?: (loaded: LoadedAccounts) => Promise<void>,
  ) {
    this.ready = this.exclusive(() => this.load());
    this.subscriptions.push(
      storage.secrets.onDidChange((event) => {
        // Another window added, switched or removed an account.
        if (event.key === ACCOUNT_INDEX_KEY) void this.exclusive(() => this.reloadIndex());
      }),
    );
  }

  /** The list or the active account changed (here or in another window). */
  onDidChange(listener: () => void): vscode.Disposable {
    return this.listChanges.event(listener);
  }

  /** Who is signed in changed (sign-in, switch, sign-out, new credentials or site), here or in another window. */
  onDidChangeAccount(listener: (change: AccountChange) => void): vscode.Disposable {
    return this.accountChanges.event(listener);
  }

  /** Whether list() is the stored list: false until the keychain answered (only then may unlisted data go). */
  get listKnown(): boolean {
    return this.indexRead;
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

  /** The signed-in account's scope; undefined while signed out (and before `ready`). */
  current(): AccountScope | undefined {
    const active = this.active();
    return active ? this.scopeOf(active.id) : undefined;
  }

  /** Any saved account's scope (the legacy-data move gives each account its own recent list). */
  scopeOf(accountId: string): AccountScope {
    let scope = this.scopes.get(accountId);
    if (!scope) {
      scope = createAccountScope(this.storage, accountId);
      this.scopes.set(accountId, scope);
    }
    return scope;
  }

  /** The active account's sign-in, or undefined when signed out. Never throws (an unreadable entry is reported). */
  async read(): Promise<StoredSignIn | undefined> {
    return (await this.session())?.signIn;
  }

  /** The active account, its sign-in and scope, consistent with each other; undefined when signed out. */
  async session(): Promise<ActiveSession | undefined> {
    await this.ready;
    for (;;) {
      const account = this.active();
      const entry = this.entry;
      if (!account || !entry) return undefined;
      const signIn = await entry.read();
      // A switch while the entry was read: read the new account's instead.
      if (entry !== this.entry) continue;
      return signIn ? { account, signIn, scope: this.scopeOf(account.id) } : undefined;
    }
  }

  /**
   * Saves a checked sign-in as an account and makes it the active one. A sign-in with the same label and endpoint as a
   * saved account replaces that account's entry (signing in again with a rotated secret). Throws SecretStorageError,
   * and then nothing changed.
   */
  add(signIn: StoredSignIn, endpoint: string | undefined): Promise<AccountInfo> {
    return this.exclusive(async () => {
      // The list could not be read when the window started: read it now, so that saving keeps the other accounts.
      if (!this.indexRead) await this.reloadIndex();
      const info: AccountInfo = { id: newAccountId(), label: accountLabel(signIn), ...(endpoint ? { endpoint } : {}) };
      const existing = this.index.accounts.find((a) => sameAccount(a, info));
      if (existing) info.id = existing.id;
      const before = existing ? await readAccountEntry(this.storage.secrets, existing.id) : undefined;
      await writeAccountEntry(this.storage.secrets, info.id, signIn);
      const accounts = existing
        ? this.index.accounts.map((a) => (a.id === info.id ? info : a))
        : [...this.index.accounts, info];
      try {
        await this.saveIndex({ active: info.id, accounts });
      } catch (error) {
        // Nothing changed: the new entry goes (or the replaced account keeps its old key).
        if (before) await writeAccountEntry(this.storage.secrets, info.id, before).catch(() => undefined);
        else await this.deleteSecret(accountSecretKey(info.id));
        throw error;
      }
      // Before the sign-in is announced: what support answered before it is not new (details/unread.ts).
      if (!existing) await this.scopeOf(info.id).memento.update(FIRST_SIGN_IN_KEY, Date.now());
      await this.settle();
      return info;
    });
  }

  /** Makes a saved account the active one. Throws Error when its entry is gone (and then nothing changed). */
  switchTo(id: string): Promise<void> {
    return this.exclusive(async () => {
      const target = this.index.accounts.find((a) => a.id === id);
      if (!target) throw new Error(t('That account is no longer saved.'));
      if (this.index.active === id) return;
      await readAccountSignIn(this.storage.secrets, target);
      await this.saveIndex({ ...this.index, active: id });
      await this.settle();
    });
  }

  /**
   * Signs out of one account: its entry, its place in the list and all its data (accountScopes.ts) go. When it was
   * the active one and others are saved, the first whose entry can be read becomes active; the result says which
   * (undefined: signed out entirely). Listeners hear of the change before the data is deleted, so they stop using it.
   */
  remove(id: string): Promise<{ removed?: AccountInfo; nowActive?: AccountInfo }> {
    return this.exclusive(async () => {
      const removed = this.index.accounts.find((a) => a.id === id);
      if (!removed) return {};
      const rest = this.index.accounts.filter((a) => a.id !== id);
      let active = this.index.active === id ? undefined : this.index.active;
      if (this.index.active === id) {
        for (const next of rest) {
          if (
            await readAccountSignIn(this.storage.secrets, next).then(
              () => true,
              () => false,
            )
          ) {
            active = next.id;
            break;
          }
        }
      }
      await this.saveIndex({ ...(active ? { active } : {}), accounts: rest });
      await this.settle();
      await this.forget(id);
      return { removed, nowActive: this.active() };
    });
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.entrySubscription?.dispose();
    this.entry?.dispose();
    this.listChanges.dispose();
    this.accountChanges.dispose();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Reads the index; moves a sign-in saved by an earlier version into its account's entry; drops orphaned data. */
  private async load(): Promise<void> {
    const read = await readAccountIndex(this.storage.secrets);
    if (!read) {
      // The keychain cannot answer: signed out for now, and nothing is moved or removed (whose data is orphaned is
      // not known). The list is read again when it changes (another window) or in the next window.
      this.onProblem(t("Could not read your saved accounts from VS Code's secret storage. Sign in again."));
      this.index = { accounts: [] };
      return;
    }
    this.indexRead = true;
    let index = read.index;
    const legacyRaw = await this.storage.secrets.get(LEGACY_SECRET_KEY).then(undefined, () => undefined);
    const legacy = parseStoredSignIn(legacyRaw);
    if (legacy instanceof Error) this.onProblem(t('{0} Sign in again.', legacy.message));
    const usable = legacy && !(legacy instanceof Error) ? legacy : undefined;
    try {
      if (!index && usable) {
        // Before accounts existed: the single saved sign-in is account one and keeps following the endpoint setting.
        const id = newAccountId();
        await writeAccountEntry(this.storage.secrets, id, usable);
        index = { active: id, accounts: [{ id, label: accountLabel(usable) }] };
        await this.saveIndex(index);
      } else if (index?.active && usable && !(await readAccountEntry(this.storage.secrets, index.active))) {
        // Accounts of the previous layout: the active account's sign-in was in the single entry.
        await writeAccountEntry(this.storage.secrets, index.active, usable);
      }
      if (legacyRaw !== undefined) await this.deleteSecret(LEGACY_SECRET_KEY);
    } catch (error) {
      // The keychain refused: keep the earlier version's entry and try again next time.
      this.onProblem(error instanceof Error ? error.message : String(error));
    }
    this.index = index ?? { accounts: [] };
    this.useEntry(this.index.active);
    // Signed out in a window of an earlier version, or the entry is damaged: the active account is gone. A keychain
    // that cannot answer now (locked, not ready yet) is no reason to delete the account and all it kept: it stays,
    // signed out until its entry can be read (CredentialStore reports the problem then).
    if (this.index.active && (await accountEntryGone(this.storage.secrets, this.index.active))) {
      await this.saveIndex({ accounts: this.index.accounts.filter((a) => a.id !== this.index.active) }).catch(
        () => undefined,
      );
      this.useEntry(undefined);
    }
    await this.makeActiveFolder();
    await this.noteShown();
    await this.afterLoad?.({
      activeId: this.index.active,
      ids: this.index.accounts.map((a) => a.id),
      scopeOf: (id) => this.scopeOf(id),
    }).catch(() => undefined);
    for (const orphan of await this.orphans()) await this.forget(orphan);
  }

  /** Another window changed the index: follow it. */
  private async reloadIndex(): Promise<void> {
    // A keychain that cannot answer now says nothing about the accounts: this window keeps the list it has (an empty
    // one would remove every account's data here, see removeGoneAccounts).
    const read = await readAccountIndex(this.storage.secrets);
    if (!read) return;
    this.indexRead = true;
    const next = read.index ?? { accounts: [] };
    // Our own saves come back here too.
    if (JSON.stringify(next) === JSON.stringify(this.index)) return;
    this.index = next;
    await this.settle();
  }

  /** After the index changed: the active entry follows, listeners hear of the list and of the account change. */
  private async settle(): Promise<void> {
    if (this.entry?.key !== (this.index.active ? accountSecretKey(this.index.active) : undefined))
      this.useEntry(this.index.active);
    await this.makeActiveFolder();
    this.listChanges.fire();
    await this.announce();
  }

  /**
   * The active account's folder exists while it is saved: features write inside it, and a write that comes after the
   * account was removed (in another window) finds no folder and is dropped rather than making it again.
   */
  private async makeActiveFolder(): Promise<void> {
    if (this.index.active)
      await fs.mkdir(this.scopeOf(this.index.active).storageDir, { recursive: true }).catch(() => undefined);
  }

  private useEntry(id: string | undefined): void {
    this.entrySubscription?.dispose();
    this.entry?.dispose();
    this.entry = id ? new CredentialStore(this.storage.secrets, accountSecretKey(id), this.onProblem) : undefined;
    // The active account's key changed in another window (signed in again there with a rotated secret).
    this.entrySubscription = this.entry?.onDidChange(() => void this.exclusive(() => this.announce()));
  }

  /** Tells listeners when the active account, its site or its credentials changed since they were last told. */
  private async announce(): Promise<void> {
    const previous = this.shown;
    await this.noteShown();
    const now = this.shown;
    if (now.id === previous.id && now.fingerprint === previous.fingerprint) return;
    const kind: AccountChangeKind = !previous.id
      ? 'signedIn'
      : !now.id
        ? 'signedOut'
        : previous.id !== now.id
          ? 'switched'
          : 'credentials';
    this.accountChanges.fire({
      kind,
      previous: previous.id ? this.scopeOf(previous.id) : undefined,
      current: now.id ? this.scopeOf(now.id) : undefined,
    });
  }

  private async noteShown(): Promise<void> {
    const active = this.active();
    const signIn = active ? await this.entry?.read() : undefined;
    // Kept in memory only; never shown or logged.
    this.shown =
      active && signIn
        ? { id: active.id, fingerprint: JSON.stringify([signIn, active.endpoint ?? '']) }
        : { fingerprint: '' };
  }

  /** Deletes an account's entry and everything it left (globalState keys, secrets, its folder). */
  private async forget(id: string): Promise<void> {
    await this.deleteSecret(accountSecretKey(id));
    await removeAccountData(this.storage, id);
    this.scopes.delete(id);
  }

  /** Data of accounts no longer saved (a window closed while removing one). */
  private async orphans(): Promise<string[]> {
    const saved = new Set(this.index.accounts.map((a) => a.id));
    const folders = await fs.readdir(accountsFolder(this.storage.globalStorageDir)).catch(() => [] as string[]);
    return [...new Set([...accountsWithData(this.storage), ...folders])].filter(
      (id) => isAccountId(id) && !saved.has(id),
    );
  }

  private async saveIndex(index: AccountIndex): Promise<void> {
    const next = { ...(index.active ? { active: index.active } : {}), accounts: index.accounts };
    try {
      await this.storage.secrets.store(ACCOUNT_INDEX_KEY, JSON.stringify(next));
    } catch (error) {
      throw new SecretStorageError(
        t(
          'VS Code could not save the list of accounts in its secret storage ({0}).',
          String((error as Error)?.message ?? error),
        ),
      );
    }
    this.index = next;
  }

  private async deleteSecret(key: string): Promise<void> {
    await this.storage.secrets.delete(key).then(undefined, () => undefined);
  }
}
