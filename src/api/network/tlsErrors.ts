// What to tell the user when a TLS certificate is refused. The common case in companies is a proxy or firewall that
// inspects TLS: it re-signs every site with its own CA, which the system trusts but Node does not by default.
import { TicketApiError } from '../errors';
import { UNTRUSTED_CERTIFICATE } from './codes';

/** Node's codes for "the chain ends in a CA nobody told us to trust". */
const UNTRUSTED_ISSUER = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

const OTHER_CERTIFICATE_PROBLEMS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet (is this computer’s clock right?)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another host name',
  CERT_REVOKED: 'its certificate was revoked',
};

/** The code of a certificate failure in an undici / socket error, or undefined. */
export function certificateFailureCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  for (const code of [e?.cause?.code, e?.code]) {
    if (typeof code === 'string' && (UNTRUSTED_ISSUER.has(code) || code in OTHER_CERTIFICATE_PROBLEMS)) return code;
  }
  return undefined;
}

/** Certificate failures do not pass on their own: retrying only repeats the refusal. */
export function isCertificateFailure(err: { code?: string }): boolean {
  return err.code === UNTRUSTED_CERTIFICATE;
}

/**
 * A 'network' error saying which certificate was refused and what to do. `host` is the endpoint's host:port;
 * `proxy` the proxy's host:port when the request went through one.
 */
export function certificateError(
  code: string,
  host: string,
  proxy: string | undefined,
  action?: string,
): TicketApiError {
  const via = proxy ? ` through the proxy ${proxy}` : '';
  const problem = OTHER_CERTIFICATE_PROBLEMS[code];
  const message = problem
    ? `Could not reach ${host}${via} securely: ${problem} (${code}).`
    : `Could not reach ${host}${via} securely: its certificate is signed by a CA this computer's Node does not trust (${code}). ` +
      'A proxy or firewall is probably inspecting TLS. Trust its CA: keep "http.systemCertificates" on and have the CA in the ' +
      "operating system's certificate store, or point the NODE_EXTRA_CA_CERTS environment variable at its PEM file and restart VS Code. " +
      'Ask your IT department for the CA if you do not have it. As a last resort, "http.proxyStrictSSL": false turns certificate checks off.';
  return new TicketApiError({ code: UNTRUSTED_CERTIFICATE, kind: 'network', message, action });
}
