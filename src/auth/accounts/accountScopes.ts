// Each saved account's scope over VS Code's storage (see common/accountScope.ts for the contract): globalState keys
// under `aliyunTickets.scope.<id>/`, SecretStorage entries under the same prefix (their names listed in globalState,
// since SecretStorage cannot list its keys in our minimum VS Code), and the folder `<globalStorage>/accounts/<id>`.
// removeAccountData deletes all three. Only vscode's types: unit tests pass in-memory stand-ins.
import type * as vscode from 'vscode';
import { promises as fs } from 'fs';
import {
  ACCOUNT_ID_SOURCE,
  accountStorageDir,
  type AccountScope,
  type ScopedMemento,
  type ScopedSecrets,
} from '../../common/accountScope';

/** What a scope needs of the extension context. */
export interface ScopeStorage {
  globalState: vscode.Memento;
  secrets: Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'>;
  /** context.globalStorageUri.fsPath */
  globalStorageDir: string;
}

// l10n-exempt: storage keys
const prefixOf = (accountId: string) => `aliyunTickets.scope.${accountId}/`;
const secretListKey = (accountId: string) => `aliyunTickets.scopeSecrets.${accountId}`; // l10n-exempt: a storage key

export function createAccountScope(storage: ScopeStorage, accountId: string): AccountScope {
  const prefix = prefixOf(accountId);
  const state = storage.globalState;
  const memento: ScopedMemento = {
    get: <T>(key: string) => state.get<T>(prefix + key),
    update: (key, value) => state.update(prefix + key, value),
    keys: () =>
      state
        .keys()
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length)),
  };
  const listed = () => new Set(state.get<string[]>(secretListKey(accountId)) ?? []);
  // Names are listed before the value is written, so a crash in between leaves a name to delete, never a lost secret.
  const secrets: ScopedSecrets = {
    get: (key) => storage.secrets.get(prefix + key),
    store: async (key, value) => {
      const names = listed();
      if (!names.has(key)) await state.update(secretListKey(accountId), [...names, key]);
      await storage.secrets.store(prefix + key, value);
    },
    delete: async (key) => {
      await storage.secrets.delete(prefix + key);
      const names = listed();
      if (names.delete(key)) await state.update(secretListKey(accountId), names.size ? [...names] : undefined);
    },
  };
  return { accountId, memento, secrets, storageDir: accountStorageDir(storage.globalStorageDir, accountId) };
}

/** Deletes everything the account left: its globalState keys, its secrets, its folder. Best effort, all of it. */
export async function removeAccountData(storage: ScopeStorage, accountId: string): Promise<void> {
  const prefix = prefixOf(accountId);
  const state = storage.globalState;
  const secretNames = state.get<string[]>(secretListKey(accountId)) ?? [];
  await Promise.allSettled([
    ...secretNames.map((name) => storage.secrets.delete(prefix + name)),
    ...state
      .keys()
      .filter((k) => k.startsWith(prefix))
      .map((k) => state.update(k, undefined)),
    fs.rm(accountStorageDir(storage.globalStorageDir, accountId), { recursive: true, force: true }),
  ]);
  await Promise.resolve(state.update(secretListKey(accountId), undefined)).catch(() => undefined);
}

const SCOPED_KEY = new RegExp(`^aliyunTickets\\.scope(?:Secrets)?\\.(${ACCOUNT_ID_SOURCE})(?:/|$)`); // l10n-exempt: a storage key

/** Accounts whose data is stored but that are no longer saved (removed in a window that crashed first). */
export function accountsWithData(storage: ScopeStorage): string[] {
  const ids = new Set<string>();
  for (const key of storage.globalState.keys()) {
    const match = SCOPED_KEY.exec(key);
    if (match) ids.add(match[1]);
  }
  return [...ids];
}
