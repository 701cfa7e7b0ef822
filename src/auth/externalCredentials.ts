// Credentials the user already has outside VS Code: the ALIBABA_CLOUD_* environment variables and the aliyun CLI's
// ~/.aliyun/config.json. Sign-in offers them when present; the saved sign-in then only names the source, and the key
// is read from there for each request (so a rotated STS token in the CLI profile keeps working).
import {
  ENV_PROFILE,
  credentialsFromAliyunCli,
  credentialsFromEnvironment,
  defaultAliyunConfigPath,
} from '../api/credentials';
import type { Credentials } from '../api/types';
import { promises as fs } from 'fs';
import { listCliProfiles, type CliProfileSummary } from './accounts/cliProfiles';

export interface CliProfileCredentials {
  profile: string;
  credentials: Credentials;
}

export interface ExternalCredentialSources {
  fromEnvironment(): Promise<Credentials | undefined>;
  /** The named profile, or the CLI's current one when no name is given; undefined when unusable. */
  fromCliProfile(profile?: string): Promise<CliProfileCredentials | undefined>;
  /** Every profile of the CLI's config, usable or not (with why); [] without a config file. */
  listCliProfiles?(): Promise<CliProfileSummary[]>;
}

/** Reads the sources through the API layer's readers (src/api/credentials.ts). */
export function createExternalCredentialSources(
  env: Record<string, string | undefined> = process.env,
): ExternalCredentialSources {
  return {
    async fromEnvironment() {
      return credentialsFromEnvironment(env)?.credentials;
    },
    async fromCliProfile(profile?: string) {
      const found = await credentialsFromAliyunCli(
        defaultAliyunConfigPath(),
        profile || env[ENV_PROFILE]?.trim() || undefined,
      );
      if (!found) return undefined;
      // The reader names the profile it used in `source` ("aliyun CLI profile 'work'"): keep that name, so the saved
      // sign-in keeps pointing at the same profile even if the CLI's current profile changes later.
      const name = profile || /'([^']+)'\s*$/.exec(found.source)?.[1] || 'default';
      return { profile: name, credentials: found.credentials };
    },
    async listCliProfiles() {
      const fileText = await fs.readFile(defaultAliyunConfigPath(), 'utf8').catch(() => '');
      return fileText ? listCliProfiles(fileText) : [];
    },
  };
}
