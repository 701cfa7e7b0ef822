// Checks on what the user types into the sign-in boxes, and what a stored sign-in looks like.
// No vscode import: unit tests call these directly. Messages never repeat what was typed (it may be a secret).
import type { Credentials } from '../api/types';
import { t } from '../common/l10n';

/** What an account's SecretStorage entry holds: a key pair, or which outside source to read each time. */
export type StoredSignIn =
  | { kind: 'accessKey'; accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { kind: 'environment' }
  | { kind: 'cliProfile'; profile: string };

/**
 * The single entry versions before per-account entries kept the signed-in account's sign-in in. Accounts moves it into
 * that account's own entry once and deletes it (accounts/legacyMigration.ts).
 */
export const LEGACY_SECRET_KEY = 'aliyunTickets.credentials';

/** undefined when the id is acceptable, else a message for the input box. */
export function validateAccessKeyIdInput(value: string): string | undefined {
  const id = value.trim();
  if (!id) return t('Enter your AccessKey ID. It starts with "LTAI" (or "STS." for temporary credentials).');
  if (/\s/.test(id)) return t('An AccessKey ID has no spaces.');
  if (!/^[A-Za-z0-9.]+$/.test(id))
    return t('An AccessKey ID has only letters, digits and dots. Did you paste the secret here?');
  if (id.length < 12) return t('That is too short for an AccessKey ID (they have 16 to 30 characters).');
  if (id.length > 128) return t('That is too long for an AccessKey ID.');
  if (/^sts\./i.test(id) && !id.startsWith('STS.')) return t('Temporary AccessKey IDs start with "STS." in capitals.');
  return undefined;
}

export function validateSecretInput(value: string): string | undefined {
  const secret = value.trim();
  if (!secret) return t('Enter the AccessKey Secret that belongs to this AccessKey ID.');
  if (/\s/.test(secret)) return t('An AccessKey Secret has no spaces.');
  if (secret.length < 8) return t('That is too short for an AccessKey Secret (they have 30 characters).');
  return undefined;
}

export function validateSecurityTokenInput(value: string): string | undefined {
  const token = value.trim();
  if (!token) return t('Temporary (STS.) AccessKeys need their security token.');
  if (/\s/.test(token)) return t('A security token has no spaces.');
  return undefined;
}

export function isStsAccessKeyId(accessKeyId: string): boolean {
  return accessKeyId.trim().startsWith('STS.');
}

/** Builds the credentials from the three boxes, trimmed; the token only for STS ids. */
export function credentialsFromInput(
  accessKeyId: string,
  accessKeySecret: string,
  securityToken?: string,
): Credentials {
  const id = accessKeyId.trim();
  const credentials: Credentials = { accessKeyId: id, accessKeySecret: accessKeySecret.trim() };
  if (isStsAccessKeyId(id) && securityToken?.trim()) credentials.securityToken = securityToken.trim();
  return credentials;
}

/** Parses the stored JSON; undefined for nothing stored, an Error for something unreadable. */
export function parseStoredSignIn(raw: string | undefined): StoredSignIn | undefined | Error {
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return new Error(t('The saved sign-in could not be read.'));
  }
  if (!value || typeof value !== 'object') return new Error(t('The saved sign-in could not be read.'));
  const v = value as Record<string, unknown>;
  if (v.kind === 'environment') return { kind: 'environment' };
  if (v.kind === 'cliProfile' && typeof v.profile === 'string' && v.profile)
    return { kind: 'cliProfile', profile: v.profile };
  if (
    v.kind === 'accessKey' &&
    typeof v.accessKeyId === 'string' &&
    typeof v.accessKeySecret === 'string' &&
    v.accessKeyId &&
    v.accessKeySecret
  ) {
    const stored: StoredSignIn = { kind: 'accessKey', accessKeyId: v.accessKeyId, accessKeySecret: v.accessKeySecret };
    if (typeof v.securityToken === 'string' && v.securityToken) stored.securityToken = v.securityToken;
    return stored;
  }
  return new Error(t('The saved sign-in is incomplete.'));
}

const ENVIRONMENT_LABEL = 'Environment credentials';
const CLI_PROFILE_LABEL = /^aliyun CLI profile "([^]*)"$/;
const ACCESS_KEY_LABEL = /^(Temporary )?AccessKey …(\S{1,8})$/;

/**
 * The account's stored name and identity (the account index keeps it, and a new sign-in with the same label and site
 * replaces the old one), so it is the same in every display language: English. People see accountLabelText() of it.
 * Never the whole AccessKey id: its last 4 characters are enough for the user to tell keys apart.
 */
export function accountLabel(signIn: StoredSignIn): string {
  switch (signIn.kind) {
    case 'environment':
      return ENVIRONMENT_LABEL;
    case 'cliProfile':
      return `aliyun CLI profile "${signIn.profile}"`; // l10n-exempt: the stored identity, shown by accountLabelText
    case 'accessKey': {
      const kind = isStsAccessKeyId(signIn.accessKeyId) ? 'Temporary AccessKey' : 'AccessKey'; // l10n-exempt: as above
      return `${kind} …${signIn.accessKeyId.slice(-4)}`;
    }
  }
}

/** An account's stored label (accountLabel) as the user reads it, in the display language; any other label as it is. */
export function accountLabelText(label: string): string {
  if (label === ENVIRONMENT_LABEL) return t('Environment credentials');
  const profile = CLI_PROFILE_LABEL.exec(label);
  if (profile) return t('aliyun CLI profile "{0}"', profile[1]);
  const key = ACCESS_KEY_LABEL.exec(label);
  if (key) return key[1] ? t('Temporary AccessKey …{0}', key[2]) : t('AccessKey …{0}', key[2]);
  return label;
}

/** The sign-in's account name in the display language (messages, the Accounts menu). */
export function accountName(signIn: StoredSignIn): string {
  return accountLabelText(accountLabel(signIn));
}
