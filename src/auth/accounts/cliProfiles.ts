// Every profile in the aliyun CLI's ~/.aliyun/config.json, for the sign-in list: the ones we can use (AK and StsToken
// keep their keys in the file) and, for the others, why not. Those modes get their keys by an exchange this extension
// does not do (a role assumed through STS, the ECS metadata service, a CloudSSO browser sign-in, …); hiding them would
// leave the user wondering where their profile went. No vscode import.
import { SUPPORTED_CLI_MODES } from '../../api/credentials';
import { t } from '../../common/l10n';

export interface CliProfileSummary {
  name: string;
  mode: string;
  /** Set when the profile cannot be used: one or two sentences saying why and what to do instead. */
  unusable?: string;
  current: boolean;
}

/** What to do instead of a profile whose mode needs a token exchange. */
function instead(): string {
  return t(
    'Sign in with the AccessKey of a RAM user allowed to use the Ticket API, or export temporary keys as ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN before starting VS Code.',
  );
}

/** Why a profile of this mode cannot be used, in the display language. */
function whyUnusable(mode: string): string {
  switch (mode) {
    case 'RamRoleArn':
      return t(
        "It assumes a RAM role through STS (AssumeRole) with the profile's AccessKey; this extension does not call STS.",
      );
    case 'ChainableRamRoleArn':
      return t('It assumes a RAM role through STS, starting from another profile; this extension does not call STS.');
    case 'EcsRamRole':
      return t(
        'It takes temporary keys from the ECS instance metadata service, which exists only on that ECS instance.',
      );
    case 'CloudSSO':
      return t('It gets temporary keys through a CloudSSO sign-in in the browser, which this extension does not do.');
    case 'OIDC':
      return t(
        'It exchanges an OIDC token (such as ACK RRSA) for temporary keys through STS, which this extension does not do.',
      );
    case 'External':
      return t('It runs an external program for its keys, which this extension does not do.');
    case 'CredentialsURI':
      return t('It fetches its keys from a URL, which this extension does not do.');
    case 'RsaKeyPair':
      return t('It uses the retired RSA key-pair exchange.');
    case 'BearerToken':
      return t('It holds a bearer token, which the Ticket API does not accept.');
    default:
      return t('Its mode {0} gets keys in a way this extension does not support.', mode);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The profiles of a config file's text; [] for text that is not a config (the sign-in list then offers none). */
export function listCliProfiles(fileText: string): CliProfileSummary[] {
  let config: unknown;
  try {
    config = JSON.parse(fileText);
  } catch {
    return [];
  }
  const root = (config && typeof config === 'object' ? config : {}) as { current?: unknown; profiles?: unknown };
  const profiles = Array.isArray(root.profiles) ? (root.profiles as Array<Record<string, unknown>>) : [];
  const current = text(root.current) || 'default';
  const seen = new Set<string>();
  const result: CliProfileSummary[] = [];
  for (const profile of profiles) {
    if (!profile || typeof profile !== 'object') continue;
    const name = text(profile.name);
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const mode = text(profile.mode) || 'AK';
    let unusable: string | undefined;
    if (!(SUPPORTED_CLI_MODES as readonly string[]).includes(mode)) {
      unusable = t('{0} {1}', whyUnusable(mode), instead());
    } else if (!text(profile.access_key_id) || !text(profile.access_key_secret)) {
      // l10n-exempt: the command to run, as typed
      unusable = t('It has no AccessKey ID or Secret: run "{0}".', `aliyun configure --profile ${name}`);
    } else if (mode === 'StsToken' && !text(profile.sts_token)) {
      unusable = t('It is in StsToken mode but has no sts_token.');
    }
    result.push({ name, mode, current: name === current, ...(unusable ? { unusable } : {}) });
  }
  // The CLI's current profile first, then the file's order.
  return result.sort((a, b) => Number(b.current) - Number(a.current));
}
