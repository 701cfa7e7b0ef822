// What a failed connection means, as a TicketApiError naming its cause: a timeout, a socket failure (refused,
// unresolved, reset), a proxy that refused the tunnel or wants credentials, a certificate (tlsErrors.ts). Whether any
// byte of the request left decides `notSent`, which actionPolicy.ts reads before retrying a write. http.ts sends.
import { TicketApiError } from '../errors';
import { messageText } from '../messageText';
import type { ProxyConfig } from '../proxy';
import { certificateError, certificateFailureCode } from './tlsErrors';

export function timeoutError(timeoutMs: number, action?: string): TicketApiError {
  return new TicketApiError({
    code: 'Timeout',
    kind: 'timeout',
    // l10n-exempt: for the log; describeError has its own sentence for this kind
    message: `The Ticket API did not answer within ${Math.round(timeoutMs / 100) / 10} s.`,
    action,
  });
}

/**
 * Failures of opening the connection: no byte of the request was written, so even a write may be sent again. Anything
 * else (reset, closed socket) may come after the request left, and a write then has an unknown outcome.
 */
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The status a proxy answered the CONNECT with, from undici's "Proxy response (407) !== 200 when HTTP Tunneling". */
function proxyRefusal(err: unknown): number | undefined {
  const message = (err as { message?: unknown } | undefined)?.message;
  const match = typeof message === 'string' ? /^Proxy response \((\d{3})\)/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

/** A failure on the way through the proxy; names the proxy's host:port, never its credentials. */
function proxyError(err: unknown, host: string, proxy: ProxyConfig, action?: string): TicketApiError {
  const status = proxyRefusal(err);
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  const cause = e?.cause?.code || e?.code || 'unknown error';
  // Each sentence whole ("Could not reach <host> through the proxy <proxy>: <reason>"), so it translates as one.
  if (status === 407) {
    const text = proxy.authorization
      ? messageText(
          'Could not reach {0} through the proxy {1}: the proxy did not accept the user name and password in the proxy URL (HTTP 407).',
          host,
          proxy.display,
        )
      : messageText(
          'Could not reach {0} through the proxy {1}: the proxy requires a user name and password (HTTP 407); give them in the proxy URL, as http://user:password@host:port.',
          host,
          proxy.display,
        );
    return new TicketApiError({ code: 'ProxyAuthenticationRequired', kind: 'network', text, action, notSent: true });
  }
  const text =
    status !== undefined
      ? messageText(
          'Could not reach {0} through the proxy {1}: the proxy refused to connect to it (HTTP {2}).',
          host,
          proxy.display,
          status,
        )
      : cause === 'ECONNREFUSED'
        ? messageText(
            'Could not reach {0} through the proxy {1}: the proxy refused the connection (is the proxy running, and is the port right?).',
            host,
            proxy.display,
          )
        : cause === 'ENOTFOUND' || cause === 'EAI_AGAIN'
          ? messageText(
              "Could not reach {0} through the proxy {1}: the proxy's host name could not be resolved.",
              host,
              proxy.display,
            )
          : cause === 'UND_ERR_SOCKET' || cause === 'ECONNRESET' || cause === 'EPIPE'
            ? messageText(
                'Could not reach {0} through the proxy {1}: the connection was closed before a complete answer arrived.',
                host,
                proxy.display,
              )
            : messageText(
                'Could not reach {0} through the proxy {1}: a network error occurred ({2}).',
                host,
                proxy.display,
                cause,
              );
  // A refused CONNECT (any status) or a proxy that cannot be reached: the tunnel never carried the request.
  const notSent = status !== undefined || CONNECT_FAILURES.has(cause);
  return new TicketApiError({
    code: status === 403 ? 'ProxyForbidden' : 'ProxyError',
    kind: 'network',
    text,
    action,
    notSent,
  });
}

/** Maps undici / socket failures to a network error naming the cause (codes like ECONNREFUSED hold no secret). */
export function networkError(err: unknown, origin: string, action?: string, proxy?: ProxyConfig): TicketApiError {
  const e = err as { code?: string; cause?: { code?: string }; message?: string } | undefined;
  const cause = e?.cause?.code || e?.code || 'unknown error';
  const host = origin.replace(/^https?:\/\//, '');
  const certificate = certificateFailureCode(err);
  if (certificate) return certificateError(certificate, host, proxy?.display, action);
  if (proxy) return proxyError(err, host, proxy, action);
  const text =
    cause === 'ECONNREFUSED'
      ? messageText('Could not reach {0}: the connection was refused.', host)
      : cause === 'ENOTFOUND' || cause === 'EAI_AGAIN'
        ? messageText('Could not reach {0}: the host name could not be resolved.', host)
        : cause === 'UND_ERR_SOCKET' || cause === 'ECONNRESET' || cause === 'EPIPE'
          ? messageText('Could not reach {0}: the connection was closed before a complete answer arrived.', host)
          : messageText('Could not reach {0}: a network error occurred ({1}).', host, cause);
  return new TicketApiError({
    code: 'NetworkError',
    kind: 'network',
    text,
    action,
    notSent: CONNECT_FAILURES.has(cause),
  });
}
