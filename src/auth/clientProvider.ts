// Builds the TicketClient the extension talks through, from the settings (signature version, proxy) and the signed-in
// account (its credentials and its site, read together). One client (one keep-alive pool) at a time, for one account
// on one endpoint: it signs only while that account is still the signed-in one on that endpoint, so a client built
// before a switch can never sign with one account's key for another account's endpoint.
import { CREDENTIALS_UNAVAILABLE, signedOutError, TicketApiError } from '../api/errors';
import { isLoopbackHost, validateEndpoint } from '../api/endpoint';
import type { Credentials, RequestLogEvent, SignatureVersion, TicketClientOptions } from '../api/types';
import type { NetworkOptions } from '../api/network/options';
import { messageText, type MessageText } from '../api/messageText';
import type { TicketClient } from '../api/client';
import type { StoredSignIn } from './credentialInput';
import type { ExternalCredentialSources } from './externalCredentials';

export interface ClientSettings {
  /** The aliyunTickets.endpoint setting: the site of accounts that follow it. */
  endpoint: string;
  signatureVersion: SignatureVersion;
  /** VS Code's http.proxy (VS Code does not apply it to undici, our HTTP client); empty means none. */
  proxy?: string;
  /** VS Code's http.noProxy, http.proxyAuthorization, http.proxyStrictSSL and system certificates (src/network). */
  network?: NetworkOptions;
}

/** Who is signed in: the account, its sign-in and its own site (absent: it follows the setting). */
export interface SignedInSession {
  accountId: string;
  signIn: StoredSignIn;
  endpoint?: string;
}

export interface ClientProviderOptions {
  readSession: () => Promise<SignedInSession | undefined>;
  settings: () => ClientSettings;
  sources: ExternalCredentialSources;
  onRequest: (event: RequestLogEvent) => void;
  /** Also told of the signed-in account's attempts only (not the probe client's): RejectedSignIn watches them. */
  onSessionRequest?: (event: RequestLogEvent) => void;
  /** Builds a client; the composition root passes one that loads the client's code on first use (src/lazy/load.ts). */
  createClient: (options: TicketClientOptions) => TicketClient;
}

export class ClientProvider {
  private client: TicketClient | undefined;
  /** The account and endpoint the client signs for. */
  private clientFor: string | undefined;
  /** Values the log must hide exactly: every credential this window has used. */
  private readonly seenSecrets = new Set<string>();

  constructor(private readonly options: ClientProviderOptions) {}

  /**
   * The client for the signed-in account; undefined when signed out. Throws TicketApiError 'config' for a bad endpoint.
   */
  async getClient(): Promise<TicketClient | undefined> {
    const session = await this.options.readSession();
    if (!session) return undefined;
    const { endpoint, signatureVersion, proxy, network } = this.validatedSettings(session.endpoint);
    const target = `${session.accountId}\n${endpoint}`;
    if (this.client && this.clientFor !== target) this.reset();
    if (!this.client) {
      const { accountId } = session;
      // Credentials are read per request: environment variables and CLI profiles (rotating STS tokens) stay current.
      this.client = this.options.createClient({
        endpoint,
        signatureVersion,
        proxy,
        network,
        credentials: async () => {
          const current = await this.options.readSession();
          // Another account (or site) since this client was built: it signs nothing more.
          if (!current || current.accountId !== accountId || this.endpointOf(current) !== endpoint)
            throw signedOutError();
          return this.credentialsFor(current.signIn);
        },
        onRequest: (event) => {
          this.options.onRequest(event);
          this.options.onSessionRequest?.(event);
        },
      });
      this.clientFor = target;
    }
    return this.client;
  }

  /**
   * A one-off client for checking credentials before they are saved (sign-in), on `endpoint` (the site chosen at
   * sign-in) or else the current one. Close it after use.
   */
  probeClient(credentials: Credentials, endpointOverride?: string): TicketClient {
    this.remember(credentials);
    const { endpoint, signatureVersion, proxy, network } = this.validatedSettings(endpointOverride);
    return this.options.createClient({
      endpoint,
      signatureVersion,
      proxy,
      network,
      credentials,
      onRequest: this.options.onRequest,
    });
  }

  /** The key pair a saved sign-in stands for (outside sources are read now). */
  async credentialsFor(signIn: StoredSignIn): Promise<Credentials> {
    let credentials: Credentials | undefined;
    switch (signIn.kind) {
      case 'accessKey':
        credentials = {
          accessKeyId: signIn.accessKeyId,
          accessKeySecret: signIn.accessKeySecret,
          securityToken: signIn.securityToken,
        };
        break;
      case 'environment':
        credentials = await this.options.sources.fromEnvironment();
        if (!credentials)
          throw sourceGone(
            messageText(
              'The ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET environment variables are no longer set. Sign in again.',
            ),
          );
        break;
      case 'cliProfile':
        credentials = (await this.options.sources.fromCliProfile(signIn.profile))?.credentials;
        if (!credentials)
          throw sourceGone(
            messageText('The aliyun CLI profile "{0}" is gone or has no AccessKey. Sign in again.', signIn.profile),
          );
        break;
    }
    this.remember(credentials);
    return credentials;
  }

  /** Drops the client (settings or sign-in changed); the next request builds a new one. */
  reset(): void {
    const old = this.client;
    this.client = undefined;
    this.clientFor = undefined;
    void Promise.resolve(old?.close()).catch(() => undefined);
  }

  knownSecrets(): string[] {
    return [...this.seenSecrets];
  }

  dispose(): void {
    this.reset();
  }

  private endpointOf(session: SignedInSession): string | undefined {
    try {
      return validateEndpoint(session.endpoint ?? this.options.settings().endpoint);
    } catch {
      return undefined;
    }
  }

  private validatedSettings(endpointOverride?: string): ClientSettings {
    const settings = this.options.settings();
    const endpoint = validateEndpoint(endpointOverride ?? settings.endpoint);
    // A local emulator is never behind the corporate proxy (which could not reach this machine's loopback anyway).
    const proxy = isLoopbackHost(new URL(endpoint).hostname) ? undefined : settings.proxy;
    return {
      endpoint,
      signatureVersion: settings.signatureVersion === 'v1' ? 'v1' : 'v3',
      proxy,
      network: settings.network,
    };
  }

  private remember(credentials: Credentials): void {
    for (const value of [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken]) {
      if (value) this.seenSecrets.add(value);
    }
  }
}

/**
 * kind 'config' so describeError shows this very sentence (errorText in the display language, the log in English);
 * the UI offers Sign In for CREDENTIALS_UNAVAILABLE.
 */
function sourceGone(text: MessageText): TicketApiError {
  return new TicketApiError({ code: CREDENTIALS_UNAVAILABLE, kind: 'config', text });
}
