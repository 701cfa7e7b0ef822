// Checks on what the user types into the sign-in boxes, and what a stored sign-in looks like.
// No vscode import: unit tests call these directly. Messages never repeat what was typed (it may be a secret).
import type { Credentials } from '../api/types';

/** What the single SecretStorage entry holds: a key pair, or which outside source to read each time. */
export type StoredSignIn =
  | { kind: 'accessKey'; accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { kind: 'environment' }
  | { kind: 'cliProfile'; profile: string };

export const SECRET_KEY = 'aliyunTickets.credentials';

/** undefined when the id is acceptable, else a message for the input box. */
export function validateAccessKeyIdInput(value: string): string | undefined {
  const id = value.trim();
  if (!id) return 'Enter your AccessKey ID. It starts with "LTAI" (or "STS." for temporary credentials).';
  if (/\s/.test(id)) return 'An AccessKey ID has no spaces.';
  if (!/^[A-Za-z0-9.]+$/.test(id))
    return 'An AccessKey ID has only letters, digits and dots. Did you paste the secret here?';
  if (id.length < 12) return 'That is too short for an AccessKey ID (they have 16 to 30 characters).';
  if (id.length > 128) return 'That is too long for an AccessKey ID.';
  if (/^sts\./i.test(id) && !id.startsWith('STS.')) return 'Temporary AccessKey IDs start with "STS." in capitals.';
  return undefined;
}

export function validateSecretInput(value: string): string | undefined {
  const secret = value.trim();
  if (!secret) return 'Enter the AccessKey Secret that belongs to this AccessKey ID.';
  if (/\s/.test(secret)) return 'An AccessKey Secret has no spaces.';
  if (secret.length < 8) return 'That is too short for an AccessKey Secret (they have 30 characters).';
  return undefined;
}

export function validateSecurityTokenInput(value: string): string | undefined {
  const token = value.trim();
  if (!token) return 'Temporary (STS.) AccessKeys need their security token.';
  if (/\s/.test(token)) return 'A security token has no spaces.';
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
    return new Error('The saved sign-in could not be read.');
  }
  if (!value || typeof value !== 'object') return new Error('The saved sign-in could not be read.');
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
  return new Error('The saved sign-in is incomplete.');
}

/**
 * A name for the account (Accounts menu, messages). Never the whole AccessKey id: its last 4 characters are enough
 * for the user to tell keys apart.
 */
export function accountLabel(signIn: StoredSignIn): string {
  switch (signIn.kind) {
    case 'environment':
      return 'Environment credentials';
    case 'cliProfile':
      return `aliyun CLI profile "${signIn.profile}"`;
    case 'accessKey': {
      const kind = isStsAccessKeyId(signIn.accessKeyId) ? 'Temporary AccessKey' : 'AccessKey';
      return `${kind} …${signIn.accessKeyId.slice(-4)}`;
    }
  }
}
