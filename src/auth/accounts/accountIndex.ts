// The list of saved sign-ins (accounts) and which one is active. Holds no secret: ids, labels ("AccessKey …W9pK"),
// and the endpoint each signs in to. Kept as one SecretStorage entry next to the accounts' own entries, so that every
// window sees changes (SecretStorage reports changes across windows; globalState does not). No vscode import.
import { isAccountId } from '../../common/accountScope';
import { accountLabelText } from '../credentialInput';

export interface AccountInfo {
  /** Random, stable; names the account's SecretStorage entry and its recent-tickets list. */
  id: string;
  /** accountLabel() of its sign-in (English, its identity); shown through accountLabelText(). */
  label: string;
  /** The Ticket API endpoint of its site; absent: follows the aliyunTickets.endpoint setting. */
  endpoint?: string;
}

export interface AccountIndex {
  active?: string;
  accounts: AccountInfo[];
}

export const ACCOUNT_INDEX_KEY = 'aliyunTickets.accounts';

/** SecretStorage key of an inactive account's sign-in (the active one lives in the original single entry). */
export function accountSecretKey(id: string): string {
  return `aliyunTickets.account.${id}`; // l10n-exempt: a storage key
}

/** globalState key of an inactive account's recent tickets (the active one's list is the usual key). */
export function accountRecentKey(id: string): string {
  return `aliyunTickets.recentTickets.${id}`; // l10n-exempt: a storage key
}

/** Reads the stored JSON; anything unreadable counts as no index (the single saved sign-in is migrated again). */
export function parseAccountIndex(raw: string | undefined): AccountIndex | undefined {
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { active?: unknown; accounts?: unknown };
  if (!Array.isArray(v.accounts)) return undefined;
  const accounts: AccountInfo[] = [];
  for (const entry of v.accounts as Array<Record<string, unknown>>) {
    if (!entry || !isAccountId(entry.id) || typeof entry.label !== 'string') continue;
    if (accounts.some((a) => a.id === entry.id)) continue;
    accounts.push({
      id: entry.id,
      label: entry.label,
      ...(typeof entry.endpoint === 'string' && entry.endpoint ? { endpoint: entry.endpoint } : {}),
    });
  }
  const active = typeof v.active === 'string' && accounts.some((a) => a.id === v.active) ? v.active : undefined;
  return { active, accounts };
}

/** The account a new sign-in replaces: same label (kind and AccessKey id tail, or source) and same endpoint. */
export function sameAccount(
  a: Pick<AccountInfo, 'label' | 'endpoint'>,
  b: Pick<AccountInfo, 'label' | 'endpoint'>,
): boolean {
  return a.label === b.label && (a.endpoint ?? '') === (b.endpoint ?? '');
}

/** What the user sees for an account, in the display language: "AccessKey …W9pK · International". */
export function accountDisplayName(account: Pick<AccountInfo, 'label' | 'endpoint'>, siteName: string): string {
  return `${accountLabelText(account.label)} · ${siteName}`;
}
