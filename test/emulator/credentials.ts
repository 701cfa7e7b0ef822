// Fixed keys the emulator knows. They only work against the emulator; they are shaped like real ones (LTAI…, STS.…)
// so that redaction code and tests see realistic values.

export interface EmulatorCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** A plain AccessKey pair. */
export const DEMO_CREDENTIALS: EmulatorCredentials = Object.freeze({
  accessKeyId: 'LTAI5tEmuDemoKey7Q2xW9pK',
  accessKeySecret: 'EmuDemoSecret0nlyForLocalTests9Zq',
});

/** Temporary STS credentials with a valid token. */
export const STS_CREDENTIALS: EmulatorCredentials = Object.freeze({
  accessKeyId: 'STS.NUEmuStsKey4xGm8Pq2VbT7',
  accessKeySecret: 'EmuStsSecretH5nR2wLk8Yt3Cv6Jd',
  securityToken: 'CAISEmuValidStsToken+AbCdEf0123456789/GhIjKlMnOpQrStUvWxYz==',
});

/** STS credentials whose token has expired: every call gets InvalidSecurityToken.Expired. */
export const EXPIRED_STS_CREDENTIALS: EmulatorCredentials = Object.freeze({
  accessKeyId: 'STS.NUEmuExpiredKey9Lk3Hs6Dw',
  accessKeySecret: 'EmuExpiredStsSecretQ8mZ1xN4pR7',
  securityToken: 'CAISEmuExpiredStsToken+ZyXwVu9876543210/TsRqPoNmLkJi==',
});

/** An AccessKey that exists but was disabled in the console: Forbidden.AccessKeyDisabled. */
export const DISABLED_CREDENTIALS: EmulatorCredentials = Object.freeze({
  accessKeyId: 'LTAI5tEmuDisabledKey3Rf8Yh',
  accessKeySecret: 'EmuDisabledSecretT2bK9wQ5nM1',
});

/**
 * A plain AccessKey of another Alibaba Cloud account, one with no tickets: its requests see that account's own
 * (empty) tickets, never the demo account's (the two-account tests switch to it).
 */
export const OTHER_ACCOUNT_CREDENTIALS: EmulatorCredentials = Object.freeze({
  accessKeyId: 'LTAI5tEmuOtherAccount4Nz7',
  accessKeySecret: 'EmuOtherAccountSecretP3kW8vR5',
});

export interface KnownKey {
  /** The Alibaba Cloud account the key belongs to; absent: the demo account, which owns the seeded tickets. */
  account?: string;
  accessKeySecret: string;
  /** Set for STS keys: the only token accepted with this key. */
  securityToken?: string;
  tokenExpired?: boolean;
  disabled?: boolean;
}

export function defaultKeys(): Map<string, KnownKey> {
  return new Map<string, KnownKey>([
    [DEMO_CREDENTIALS.accessKeyId, { accessKeySecret: DEMO_CREDENTIALS.accessKeySecret }],
    [
      STS_CREDENTIALS.accessKeyId,
      { accessKeySecret: STS_CREDENTIALS.accessKeySecret, securityToken: STS_CREDENTIALS.securityToken },
    ],
    [
      EXPIRED_STS_CREDENTIALS.accessKeyId,
      {
        accessKeySecret: EXPIRED_STS_CREDENTIALS.accessKeySecret,
        securityToken: EXPIRED_STS_CREDENTIALS.securityToken,
        tokenExpired: true,
      },
    ],
    [DISABLED_CREDENTIALS.accessKeyId, { accessKeySecret: DISABLED_CREDENTIALS.accessKeySecret, disabled: true }],
    [
      OTHER_ACCOUNT_CREDENTIALS.accessKeyId,
      { accessKeySecret: OTHER_ACCOUNT_CREDENTIALS.accessKeySecret, account: 'other' },
    ],
  ]);
}
