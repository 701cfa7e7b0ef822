// What the extension derives from an account (last-known tickets, seen marks, the search index) is kept per account
// and removed with it. Until Accounts hands features its account-scoped store, this is that store: JSON documents in
// one folder per account id under the extension's global storage (every window of the profile reads the same files).
// Features see only AccountData, so moving onto the accounts' store changes the one place that builds it.
// No vscode import.
import { promises as fs } from 'fs';
import { SharedFiles, type SharedStore, type WriteOptions } from '../features/watcher/sharedFiles';
import { accountsFolder, accountStorageDir, isAccountId } from '../common/accountScope';

/** JSON documents of one account, by name. */
export interface AccountDocuments extends SharedStore {
  remove(name: string): Promise<void>;
  /** The names of the documents stored. */
  names(): Promise<string[]>;
}

/** The account-scoped storage features are handed. */
export interface AccountData {
  /** The account shown now; undefined while signed out (nothing is read or kept then). */
  activeId(): string | undefined;
  documents(accountId: string): AccountDocuments;
  /** Everything of this account goes (sign-out, removal). */
  removeAccount(accountId: string): Promise<void>;
  /** Ids of accounts that have documents, so data of accounts no longer saved can be removed. */
  storedAccounts(): Promise<string[]>;
}

class FolderDocuments extends SharedFiles implements AccountDocuments {
  constructor(private readonly folder: string) {
    super(folder);
  }
  /**
   * Writes into the account's folder only while it is there: Accounts makes it for the account signed in, and removes
   * it with the account. A write that finishes after the account went (signed out in this or another window) is
   * dropped rather than bringing the folder, and the account's data, back.
   */
  override write(name: string, value: unknown, options: WriteOptions = {}): Promise<void> {
    return super.write(name, value, { folder: options.folder ?? 'existing' });
  }
  async names(): Promise<string[]> {
    const entries = await fs.readdir(this.folder).catch(() => [] as string[]);
    return entries.filter((e) => e.endsWith('.json')).map((e) => e.slice(0, -'.json'.length));
  }
}

/** Each account's documents in its own folder (common/accountScope.ts says where that is). */
export class AccountFolders implements Omit<AccountData, 'activeId'> {
  /** `globalStorageDir`: context.globalStorageUri.fsPath. */
  constructor(private readonly globalStorageDir: string) {}

  documents(accountId: string): AccountDocuments {
    if (!isAccountId(accountId)) throw new Error('not an account id');
    return new FolderDocuments(accountStorageDir(this.globalStorageDir, accountId));
  }

  async removeAccount(accountId: string): Promise<void> {
    if (!isAccountId(accountId)) return;
    await fs.rm(accountStorageDir(this.globalStorageDir, accountId), { recursive: true, force: true });
  }

  async storedAccounts(): Promise<string[]> {
    const entries = await fs.readdir(accountsFolder(this.globalStorageDir)).catch(() => [] as string[]);
    return entries.filter(isAccountId);
  }
}

/** A Memento-like store (context.globalState). */
interface KeyValue {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
  keys?(): readonly string[];
}

/** Keys of a per-account entry in globalState: `<key>.<accountId>`. */
export function accountEntryKey(key: string, accountId: string): string {
  return `${key}.${accountId}`;
}

/**
 * The global store seen through the active account: each key is the account's own entry (nothing read or written
 * while signed out). Small documents read synchronously (seen marks) live here; they go with the account too.
 */
export function accountScopedState(store: KeyValue, activeId: () => string | undefined): KeyValue {
  return {
    get: <T>(key: string) => {
      const id = activeId();
      return id ? store.get<T>(accountEntryKey(key, id)) : undefined;
    },
    update: (key, value) => {
      const id = activeId();
      return id ? store.update(accountEntryKey(key, id), value) : Promise.resolve();
    },
  };
}

/**
 * Removes what belongs to accounts no longer saved: their folders, and their entries of the given global keys.
 * Called once the account list is known and whenever it changes (sign-out, removal, another window's change).
 */
export async function removeGoneAccounts(
  data: Pick<AccountData, 'storedAccounts' | 'removeAccount'>,
  saved: readonly string[],
  state: KeyValue,
  scopedKeys: readonly string[],
): Promise<void> {
  const keep = new Set(saved);
  for (const id of await data.storedAccounts()) if (!keep.has(id)) await data.removeAccount(id);
  for (const key of state.keys?.() ?? []) {
    // The same key without an account (an earlier version kept one for all accounts) goes too.
    if (scopedKeys.includes(key)) await state.update(key, undefined);
    const base = scopedKeys.find((k) => key.startsWith(`${k}.`));
    if (base && !keep.has(key.slice(base.length + 1))) await state.update(key, undefined);
  }
}
