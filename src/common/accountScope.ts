// The account-scoped store: how a feature keeps what belongs to the signed-in account (recent tickets, reply drafts,
// seen notes, watcher snapshots, caches, indexes) so that isolation holds by construction.
//
//   ActiveAccount (the composition root hands it to features; src/auth's Accounts implements it)
//     current(): AccountScope | undefined        the signed-in account's scope; undefined while signed out
//     onDidChangeAccount(listener)                one event per change of who is signed in: sign-in, switch, sign-out,
//                                                 removal, or new credentials for the same account (AccountChange)
//   AccountScope (one per saved account, stable across windows and restarts)
//     accountId                                   random and stable; never derived from the key
//     memento                                     get / update / keys, in globalState under this account only
//     secrets                                     get / store / delete, in SecretStorage under this account only
//                                                 (what is confidential: Confidential drafts, SecretInfo)
//     storageDir                                  a folder of its own under globalStorageUri (created by whoever
//                                                 writes first: mkdir -p), shared by the profile's windows
//   Removing an account (Sign Out, Remove Account) deletes all three: every memento key, every secret, the folder.
//   Features never enumerate or clear other accounts' data, and never build storage keys from anything but their
//   own scope: a feature that holds a scope holds only that account's data.
//
// Rules of use:
// - Take the scope when an operation starts and use that one to its end (a write that finishes after a switch lands
//   in the account it began in, never in the next one).
// - On onDidChangeAccount drop every in-memory copy of the previous scope's data (what is on screen included).
// - Nothing confidential goes to memento or storageDir: they are stored in clear on disk.
// No vscode import: unit tests use the in-memory implementation below.
import * as path from 'path';

/** An account id's shape (accountIndex.ts makes them random): file-name and storage-key safe, so never escaped. */
export const ACCOUNT_ID_SOURCE = '[A-Za-z0-9-]{1,64}';
const ACCOUNT_ID = new RegExp(`^${ACCOUNT_ID_SOURCE}$`);
export const isAccountId = (id: unknown): id is string => typeof id === 'string' && ACCOUNT_ID.test(id);

/** The folder that holds every account's folder, under the extension's global storage. */
export function accountsFolder(globalStorageDir: string): string {
  return path.join(globalStorageDir, 'accounts');
}

/** An account's own folder (`storageDir`): `<globalStorage>/accounts/<accountId>`, the one statement of that layout. */
export function accountStorageDir(globalStorageDir: string, accountId: string): string {
  return path.join(accountsFolder(globalStorageDir), accountId);
}

/**
 * The memento key of when the account was first signed in on this machine (epoch ms), written by src/auth when it
 * saves a new account: answers from support older than that are not "new" (details/unread.ts). Absent for an account
 * saved by a version that did not record it.
 */
export const FIRST_SIGN_IN_KEY = 'firstSignInAt';

export interface ScopedMemento {
  get<T>(key: string): T | undefined;
  /** undefined deletes the key. */
  update(key: string, value: unknown): PromiseLike<void>;
  /** This account's keys (without the scope's prefix). */
  keys(): readonly string[];
}

export interface ScopedSecrets {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface AccountScope {
  readonly accountId: string;
  readonly memento: ScopedMemento;
  readonly secrets: ScopedSecrets;
  /** Absolute path of this account's folder (may not exist yet). */
  readonly storageDir: string;
}

export type AccountChangeKind =
  /** From signed out to an account. */
  | 'signedIn'
  /** From one account to another. */
  | 'switched'
  /** From an account to signed out (its data may be gone already: signed out means removed). */
  | 'signedOut'
  /** The same account with other credentials (signed in again with a rotated key) or another site. */
  | 'credentials';

export interface AccountChange {
  kind: AccountChangeKind;
  /** The account before the change (undefined: was signed out). */
  previous?: AccountScope;
  /** The account now (undefined: signed out). */
  current?: AccountScope;
}

export interface ActiveAccount {
  current(): AccountScope | undefined;
  onDidChangeAccount(listener: (change: AccountChange) => void): { dispose(): void };
}

/** A scope in memory: for unit tests, and for whatever must not outlive the window. */
export class MemoryAccountScope implements AccountScope {
  readonly values = new Map<string, unknown>();
  readonly secretValues = new Map<string, string>();
  readonly memento: ScopedMemento = {
    get: <T>(key: string) => this.values.get(key) as T | undefined,
    update: async (key, value) => {
      if (value === undefined) this.values.delete(key);
      else this.values.set(key, JSON.parse(JSON.stringify(value)));
    },
    keys: () => [...this.values.keys()],
  };
  readonly secrets: ScopedSecrets = {
    get: async (key) => this.secretValues.get(key),
    store: async (key, value) => void this.secretValues.set(key, value),
    delete: async (key) => void this.secretValues.delete(key),
  };

  constructor(
    readonly accountId = 'memory',
    readonly storageDir = '',
  ) {}
}
