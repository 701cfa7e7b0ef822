// Credential sources users already have: the standard environment variables and the aliyun CLI's config file.
// Pure functions over an env object / a file path / file text, so they are testable without touching the real ones.
import { promises as fs } from 'fs';
import { nodeOs } from './nodeModules';
import * as path from 'path';
import { TicketApiError } from './errors';
import { messageText, type MessageText } from './messageText';
import type { Credentials } from './types';

export const ENV_ACCESS_KEY_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
export const ENV_ACCESS_KEY_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
export const ENV_SECURITY_TOKEN = 'ALIBABA_CLOUD_SECURITY_TOKEN';
export const ENV_PROFILE = 'ALIBABA_CLOUD_PROFILE';

/** Modes of an aliyun CLI profile that carry usable keys directly (others need a token exchange we do not do). */
export const SUPPORTED_CLI_MODES = ['AK', 'StsToken'] as const;

export interface FoundCredentials {
  credentials: Credentials;
  /** Where they came from, for the UI: "environment variables" or "aliyun CLI profile 'default'". */
  source: string;
}

function configError(code: string, text: MessageText): TicketApiError {
  return new TicketApiError({ code, kind: 'config', text });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (and _SECURITY_TOKEN for STS). Undefined when neither id nor secret is set;
 * a 'config' error when only one of them is.
 */
export function credentialsFromEnvironment(
  env: Record<string, string | undefined> = process.env,
): FoundCredentials | undefined {
  const accessKeyId = text(env[ENV_ACCESS_KEY_ID]);
  const accessKeySecret = text(env[ENV_ACCESS_KEY_SECRET]);
  const securityToken = text(env[ENV_SECURITY_TOKEN]);
  if (!accessKeyId && !accessKeySecret) return undefined;
  if (!accessKeyId || !accessKeySecret) {
    throw configError(
      'IncompleteEnvironmentCredentials',
      messageText(
        '{0} is not set: set both {1} and {2}.',
        accessKeyId ? ENV_ACCESS_KEY_SECRET : ENV_ACCESS_KEY_ID,
        ENV_ACCESS_KEY_ID,
        ENV_ACCESS_KEY_SECRET,
      ),
    );
  }
  if (accessKeyId.startsWith('STS.') && !securityToken) {
    throw configError(
      'MissingSecurityToken',
      messageText('The AccessKey ID is an STS key: also set {0}.', ENV_SECURITY_TOKEN),
    );
  }
  return {
    credentials: { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) },
    source: 'environment variables',
  };
}

/** ~/.aliyun/config.json for a given home directory. */
export function defaultAliyunConfigPath(home: string = nodeOs().homedir()): string {
  return path.join(home, '.aliyun', 'config.json');
}

/**
 * Reads credentials from the text of an aliyun CLI config file. The profile is `profileName`, else the file's
 * "current", else "default". AK and StsToken profiles are supported; any other mode is a clear 'config' error.
 */
export function parseAliyunCliConfig(fileText: string, profileName?: string): FoundCredentials {
  let config: unknown;
  try {
    config = JSON.parse(fileText);
  } catch {
    throw configError(
      'InvalidCliConfig',
      messageText('The aliyun CLI config file (~/.aliyun/config.json) is not valid JSON.'),
    );
  }
  const root = (typeof config === 'object' && config !== null ? config : {}) as {
    current?: unknown;
    profiles?: unknown;
  };
  const profiles = Array.isArray(root.profiles) ? (root.profiles as Array<Record<string, unknown>>) : [];
  const wanted = text(profileName) || text(root.current) || 'default';
  const profile = profiles.find((p) => typeof p === 'object' && p !== null && text(p.name) === wanted);
  if (!profile) {
    const names = profiles.map((p) => text(p?.name)).filter(Boolean);
    throw configError(
      'CliProfileNotFound',
      names.length
        ? messageText(
            'The aliyun CLI config has no profile named \'{0}\' (profiles: {1}). Run "aliyun configure --profile {0}".',
            wanted,
            names.join(', '),
          )
        : messageText(
            'The aliyun CLI config has no profile named \'{0}\'. Run "aliyun configure --profile {0}".',
            wanted,
          ),
    );
  }
  const mode = text(profile.mode) || 'AK';
  if (!(SUPPORTED_CLI_MODES as readonly string[]).includes(mode)) {
    throw configError(
      'UnsupportedCliMode',
      messageText(
        "The aliyun CLI profile '{0}' uses mode {1}, which this extension does not support: use a profile in AK or StsToken mode, or the {2} / {3} environment variables, or sign in with an AccessKey.",
        wanted,
        mode,
        ENV_ACCESS_KEY_ID,
        ENV_ACCESS_KEY_SECRET,
      ),
    );
  }
  const accessKeyId = text(profile.access_key_id);
  const accessKeySecret = text(profile.access_key_secret);
  const securityToken = text(profile.sts_token);
  if (!accessKeyId || !accessKeySecret) {
    throw configError(
      'IncompleteCliProfile',
      messageText(
        'The aliyun CLI profile \'{0}\' has no AccessKey ID or Secret. Run "aliyun configure --profile {0}".',
        wanted,
      ),
    );
  }
  if (mode === 'StsToken' && !securityToken) {
    throw configError(
      'MissingSecurityToken',
      messageText("The aliyun CLI profile '{0}' is in StsToken mode but has no sts_token.", wanted),
    );
  }
  return {
    credentials: { accessKeyId, accessKeySecret, ...(mode === 'StsToken' ? { securityToken } : {}) },
    source: `aliyun CLI profile '${wanted}'`,
  };
}

/** Reads an aliyun CLI config file; undefined when the file does not exist. */
export async function credentialsFromAliyunCli(
  filePath: string = defaultAliyunConfigPath(),
  profileName?: string,
): Promise<FoundCredentials | undefined> {
  let fileText: string;
  try {
    fileText = await fs.readFile(filePath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw configError(
      'UnreadableCliConfig',
      messageText(
        'The aliyun CLI config file could not be read ({0}).',
        (err as NodeJS.ErrnoException).code ?? 'error',
      ),
    );
  }
  return parseAliyunCliConfig(fileText, profileName);
}

export interface FindCredentialsOptions {
  env?: Record<string, string | undefined>;
  /** Default ~/.aliyun/config.json. */
  aliyunConfigPath?: string;
}

/**
 * The credentials a user already has, in the order the Alibaba Cloud tools use: environment variables first, then the
 * aliyun CLI profile (ALIBABA_CLOUD_PROFILE, else the file's current profile). Undefined when neither exists.
 */
export async function findCredentials(options: FindCredentialsOptions = {}): Promise<FoundCredentials | undefined> {
  const env = options.env ?? process.env;
  const fromEnv = credentialsFromEnvironment(env);
  if (fromEnv) return fromEnv;
  return credentialsFromAliyunCli(
    options.aliyunConfigPath ?? defaultAliyunConfigPath(),
    text(env[ENV_PROFILE]) || undefined,
  );
}
