// Which HTTP proxy a request goes through. VS Code patches Node's http/https modules for its proxy settings but not
// undici, so the client picks the proxy itself: an explicit proxy URL (the extension passes VS Code's http.proxy),
// else the usual HTTPS_PROXY / HTTP_PROXY environment variables with NO_PROXY; VS Code's http.noProxy and
// http.proxyAuthorization arrive as NetworkOptions (network/options.ts). Proxy URLs may carry a user name and
// password: they are turned into a Proxy-Authorization value here and never appear in a message.
import { TicketApiError } from './errors';
import { messageText, type MessageText } from './messageText';
import { isLoopbackHost } from './endpoint';
import type { NetworkOptions } from './network/options';

export interface ProxyConfig {
  /** scheme://host:port of the proxy, without credentials (what undici connects to). */
  uri: string;
  /** host:port, for messages. */
  display: string;
  /** "Basic …" when the URL had a user name; a secret. */
  authorization?: string;
  /** The password (decoded and as written), so that errors can be scrubbed of it (defence in depth). */
  secrets: string[];
}

export type ProxyEnvironment = Record<string, string | undefined>;

/** `source` names where the URL came from (the option, an environment variable); `problem` completes the sentence. */
function invalidProxy(source: MessageText, problem: MessageText): TicketApiError {
  return new TicketApiError({
    code: 'InvalidProxy',
    kind: 'config',
    text: messageText(
      '{0} is not a usable proxy: {1} Use the form http://proxy.example.com:8080 (or http://user:password@proxy.example.com:8080).',
      source,
      problem,
    ),
  });
}

/**
 * Parses a proxy URL: http:// or https://, a bare "host:port" meaning http://. Returns undefined for an empty value
 * (not set). Throws TicketApiError kind 'config' naming `source` but never repeating the value (it may hold a password).
 */
export function parseProxyUrl(
  value: string | undefined,
  source: MessageText = messageText('The proxy URL'),
): ProxyConfig | undefined {
  const raw = typeof value === 'string' ? value.trim() : '';
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw invalidProxy(source, messageText('it is not a valid URL.'));
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') {
    throw invalidProxy(
      source,
      /^socks/i.test(scheme)
        ? messageText('only http:// and https:// proxies are supported (got a SOCKS proxy).')
        : messageText('only http:// and https:// proxies are supported (got "{0}").', scheme),
    );
  }
  if (!parsed.hostname) throw invalidProxy(source, messageText('it has no host name.'));
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash) {
    throw invalidProxy(source, messageText('it must be just a scheme, host and port (no path or query).'));
  }
  const port = parsed.port || (scheme === 'https' ? '443' : '80');
  const display = `${parsed.hostname}:${port}`;
  let authorization: string | undefined;
  const secrets: string[] = [];
  if (parsed.username || parsed.password) {
    let user: string;
    let password: string;
    try {
      user = decodeURIComponent(parsed.username);
      password = decodeURIComponent(parsed.password);
    } catch {
      throw invalidProxy(source, messageText('its user name or password is not correctly percent-encoded.'));
    }
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    // Not the user name: a short one ("user") would be cut out of ordinary words in messages.
    secrets.push(...[password, parsed.password].filter(Boolean));
  }
  return { uri: `${scheme}://${display}`, display, authorization, secrets };
}

/** The first non-empty variable of `names`, with its name. Lower case first, as curl and undici read them. */
function firstSet(env: ProxyEnvironment, names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/**
 * Whether NO_PROXY lists `target`. Entries are separated by commas or spaces: "*" (everything), a host name (itself
 * and its subdomains), ".example.com" or "*.example.com" (the domain and its subdomains), an IP address; each may end
 * in ":port" to match that port only.
 */
export function matchesNoProxy(target: URL, noProxy: string | undefined): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || defaultPort(target.protocol);
  for (const item of (noProxy ?? '').toLowerCase().split(/[\s,]+/)) {
    if (!item) continue;
    if (item === '*') return true;
    // "[::1]:8080", "host:8080", "::1" (a bare IPv6 address has several colons and no port).
    const withPort =
      /^\[([^\]]+)\](?::(\d+))?$/.exec(item) ?? (item.split(':').length === 2 ? /^([^:]+):(\d+)$/.exec(item) : null);
    const entryHost = withPort ? withPort[1] : item;
    const entryPort = withPort ? withPort[2] : undefined;
    if (entryPort && entryPort !== port) continue;
    const domain = entryHost.replace(/^\*?\./, '');
    if (!domain) continue;
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

/**
 * The proxy for requests to `endpoint` (a validated scheme://host[:port]). VS Code's `http.noProxy` (`network.noProxy`)
 * excludes hosts from any proxy. Otherwise an explicit proxy always applies, loopback included (so a local proxy can be
 * tested against the local emulator), and the environment decides when there is none: never for loopback hosts (the
 * emulator must keep working behind a corporate proxy), not for NO_PROXY hosts, else HTTPS_PROXY (https) or HTTP_PROXY
 * (http). `network.proxyAuthorization` (VS Code's `http.proxyAuthorization`) replaces the URL's user and password.
 * Throws TicketApiError kind 'config' for a proxy URL that cannot be used.
 */
export function proxyForEndpoint(
  endpoint: string,
  explicit: string | undefined,
  env: ProxyEnvironment,
  network: NetworkOptions = {},
): ProxyConfig | undefined {
  const target = new URL(endpoint);
  if (network.noProxy && matchesNoProxy(target, network.noProxy.join(','))) return undefined;
  const chosen = chooseProxy(target, explicit, env);
  const authorization = network.proxyAuthorization?.trim();
  if (!chosen || !authorization) return chosen;
  return {
    ...chosen,
    authorization,
    secrets: [...chosen.secrets, authorization, authorization.replace(/^\S+\s+/, '')],
  };
}

function chooseProxy(target: URL, explicit: string | undefined, env: ProxyEnvironment): ProxyConfig | undefined {
  const fromOption = parseProxyUrl(explicit);
  if (fromOption) return fromOption;
  if (isLoopbackHost(target.hostname)) return undefined;
  const names =
    target.protocol === 'https:'
      ? ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']
      : ['http_proxy', 'HTTP_PROXY'];
  const chosen = firstSet(env, names);
  if (!chosen) return undefined;
  if (matchesNoProxy(target, firstSet(env, ['no_proxy', 'NO_PROXY'])?.value)) return undefined;
  return parseProxyUrl(chosen.value, messageText('The {0} environment variable', chosen.name));
}
