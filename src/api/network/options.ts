// VS Code's network settings as plain options for the API client (no vscode import: the extension reads the
// settings, src/api applies them). undici is not patched by VS Code the way Node's https module is, so each of these
// must be applied by us for our requests to behave like VS Code's own.

export interface NetworkOptions {
  /**
   * Hosts never sent through the proxy (VS Code's `http.noProxy`): the same entry forms as NO_PROXY ("example.com",
   * ".example.com", "*.example.com", "10.0.0.1", "host:8443", "*").
   */
  noProxy?: readonly string[];
  /**
   * The Proxy-Authorization header value to send (VS Code's `http.proxyAuthorization`, e.g. "Basic …" or
   * "Negotiate …"). Overrides a user name and password in the proxy URL. A secret: never logged or shown.
   */
  proxyAuthorization?: string;
  /**
   * Verify TLS certificates (VS Code's `http.proxyStrictSSL`, default true). False accepts any certificate, from
   * the endpoint and from an https proxy alike: the request signature still never reveals the AccessKey secret,
   * but ticket text could then be read by whoever sits in between.
   */
  strictSSL?: boolean;
  /**
   * The certificate authorities to trust, PEM (VS Code's `http.systemCertificates`: see systemCertificates.ts).
   * Absent: Node's bundled roots plus NODE_EXTRA_CA_CERTS, as Node does by default.
   */
  ca?: readonly string[];
}

export interface TlsConnectOptions {
  ca?: string[];
  rejectUnauthorized?: boolean;
}

/** The TLS options for undici's `connect` / `requestTls` / `proxyTls`: only what was asked for. */
export function tlsConnectOptions(options: NetworkOptions | undefined): TlsConnectOptions {
  const tls: TlsConnectOptions = {};
  if (options?.ca && options.ca.length > 0) tls.ca = [...options.ca];
  if (options?.strictSSL === false) tls.rejectUnauthorized = false;
  return tls;
}
