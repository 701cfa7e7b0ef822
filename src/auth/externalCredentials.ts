// Credentials the user already has outside VS Code: the ALIBABA_CLOUD_* environment variables and the aliyun CLI's
// ~/.aliyun/config.json. Sign-in offers them when present; the saved sign-in then only names the source, and the key
// is read from there for each request (so a rotated STS token in the CLI profile keeps working).
import type { Credentials } from '../api/types';

export interface CliProfileCredentials {
  profile: string;
  credentials: Credentials;
}

export interface ExternalCredentialSources {
  fromEnvironment(): Promise<Credentials | undefined>;
  /** The named profile, or the CLI's current one when no name is given; undefined when unusable. */
  fromCliProfile(profile?: string): Promise<CliProfileCredentials | undefined>;
}

/** Reads the sources through the API layer's credential readers. */
export function createExternalCredentialSources(): ExternalCredentialSources {
  return {
    async fromEnvironment() {
      const accessKeyId = process.env.ALIBABA_CLOUD_ACCESS_KEY_ID?.trim();
      const accessKeySecret = process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET?.trim();
      if (!accessKeyId || !accessKeySecret) return undefined;
      const securityToken = process.env.ALIBABA_CLOUD_SECURITY_TOKEN?.trim() || undefined;
      return { accessKeyId, accessKeySecret, securityToken };
    },
    // PENDING: wired to the API layer's aliyun CLI profile reader when it lands.
    async fromCliProfile() {
      return undefined;
    },
  };
}
