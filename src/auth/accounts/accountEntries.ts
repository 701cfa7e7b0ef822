// Each saved account's sign-in is one SecretStorage entry of its own (accountSecretKey): how it is written and read,
// and the words a user gets when VS Code's secret storage refuses. Only vscode's types.
import type * as vscode from 'vscode';
import { nodeCrypto } from '../../api/nodeModules';
import { t } from '../../common/l10n';
import { accountLabelText, parseStoredSignIn, type StoredSignIn } from '../credentialInput';
import { SecretStorageError } from '../credentialStore';
import {
  ACCOUNT_INDEX_KEY,
  accountSecretKey,
  parseAccountIndex,
  type AccountIndex,
  type AccountInfo,
} from './accountIndex';

/** A new account's id (never reused, so a removed account's leftovers cannot be mistaken for a new one's). */
export function newAccountId(): string {
  return nodeCrypto().randomUUID();
}

/** Saves an account's sign-in; throws SecretStorageError when the keychain refuses. */
export async function writeAccountEntry(
  secrets: vscode.SecretStorage,
  id: string,
  signIn: StoredSignIn,
): Promise<void> {
  try {
    await secrets.store(accountSecretKey(id), JSON.stringify(signIn));
  } catch (error) {
    throw new SecretStorageError(
      t(
        'VS Code could not save your credentials in its secret storage ({0}). Nothing was saved.',
        String((error as Error)?.message ?? error),
      ),
    );
  }
}

/** An account's sign-in, or undefined when it is missing, unreadable or the keychain refuses. */
export async function readAccountEntry(secrets: vscode.SecretStorage, id: string): Promise<StoredSignIn | undefined> {
  const raw = await secrets.get(accountSecretKey(id)).then(undefined, () => undefined);
  const signIn = parseStoredSignIn(raw);
  return signIn instanceof Error ? undefined : signIn;
}

/** An account's sign-in, or an error that names the account and says what to do. */
export async function readAccountSignIn(secrets: vscode.SecretStorage, account: AccountInfo): Promise<StoredSignIn> {
  let raw: string | undefined;
  try {
    raw = await secrets.get(accountSecretKey(account.id));
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

/** The account's entry is absent or damaged (not merely unreadable for now: a keychain that cannot answer). */
export async function accountEntryGone(secrets: Pick<vscode.SecretStorage, 'get'>, id: string): Promise<boolean> {
  try {
    const signIn = parseStoredSignIn(await secrets.get(accountSecretKey(id)));
    return signIn === undefined || signIn instanceof Error;
  } catch {
    return false;
  }
}

/** The stored index (undefined inside: none stored, or unreadable JSON); undefined when the keychain failed. */
export function readAccountIndex(
  secrets: Pick<vscode.SecretStorage, 'get'>,
): Promise<{ index: AccountIndex | undefined } | undefined> {
  return Promise.resolve(secrets.get(ACCOUNT_INDEX_KEY)).then(
    (raw) => ({ index: parseAccountIndex(raw) }),
    () => undefined,
  );
}
