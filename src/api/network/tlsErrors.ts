// What to tell the user when a TLS certificate is refused. The common case in companies is a proxy or firewall that
// inspects TLS: it re-signs every site with its own CA, which the system trusts but Node does not by default.
import { TicketApiError } from '../errors';
import { UNTRUSTED_CERTIFICATE } from './codes';
import { messageText, type MessageText } from '../messageText';

/** Node's codes for "the chain ends in a CA nobody told us to trust". */
const UNTRUSTED_ISSUER = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** The other refusals, each a reason that completes "Could not reach <host> securely: …". */
const OTHER_CERTIFICATE_PROBLEMS: Record<string, () => MessageText> = {
  CERT_HAS_EXPIRED: () => messageText('its certificate has expired'),
  CERT_NOT_YET_VALID: () => messageText('its certificate is not valid yet (is this computer’s clock right?)'),
  ERR_TLS_CERT_ALTNAME_INVALID: () => messageText('its certificate is for another host name'),
  CERT_REVOKED: () => messageText('its certificate was revoked'),
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
  const problem = Object.hasOwn(OTHER_CERTIFICATE_PROBLEMS, code) ? OTHER_CERTIFICATE_PROBLEMS[code]() : undefined;
  const where = proxy ? messageText('{0} through the proxy {1}', host, proxy) : host;
  const text = problem
    ? messageText('Could not reach {0} securely: {1} ({2}).', where, problem, code)
    : messageText(
        'Could not reach {0} securely: its certificate is signed by a CA this computer\'s Node does not trust ({1}). A proxy or firewall is probably inspecting TLS. Trust its CA: keep "http.systemCertificates" on and have the CA in the operating system\'s certificate store, or point the NODE_EXTRA_CA_CERTS environment variable at its PEM file and restart VS Code. Ask your IT department for the CA if you do not have it. As a last resort, "http.proxyStrictSSL": false turns certificate checks off.',
        where,
        code,
      );
  return new TicketApiError({ code: UNTRUSTED_CERTIFICATE, kind: 'network', text, action });
}
