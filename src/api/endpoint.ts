// The endpoint is user-editable (a setting), so it is checked before any signed request leaves: a typo or a hostile
// workspace value must never send the user's signature to plain HTTP on the network or to an unexpected scheme.
import { TicketApiError } from './errors';
import { messageText, type MessageText } from './messageText';

export const DEFAULT_ENDPOINT = 'https://workorder.aliyuncs.com';

function configError(text: MessageText): TicketApiError {
  return new TicketApiError({ code: 'InvalidEndpoint', kind: 'config', text });
}

/** 127.0.0.0/8, localhost and [::1]: the only hosts that may be spoken to over plain http (the local emulator). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return !!parts && parts.slice(1).every((p) => Number(p) <= 255) && parts[1] === '127';
}

/**
 * Checks an endpoint and returns it normalized as `scheme://host[:port]` (no trailing slash). A bare host name
 * ("workorder.aliyuncs.com") means https. Throws TicketApiError kind 'config' for anything else than https, or http on
 * a loopback host; the message never repeats credentials embedded in the URL.
 */
export function validateEndpoint(url: string): string {
  const raw = typeof url === 'string' ? url.trim() : '';
  if (!raw)
    throw configError(
      messageText(
        'The Ticket API endpoint is empty. Use https://workorder.aliyuncs.com (China site) or https://workorder.ap-southeast-1.aliyuncs.com (international site).',
      ),
    );
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[^/:]+:\d+(\/|$)/.test(raw) ? raw : `https://${raw}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw configError(
      messageText('The Ticket API endpoint is not a valid URL. Use e.g. https://workorder.aliyuncs.com.'),
    );
  }
  const scheme = parsed.protocol;
  if (scheme !== 'https:' && scheme !== 'http:') {
    throw configError(messageText('The Ticket API endpoint must use https (got "{0}").', scheme.replace(/:$/, '')));
  }
  if (parsed.username || parsed.password) {
    throw configError(
      messageText(
        'The Ticket API endpoint must not contain a user name or password; sign in with an AccessKey instead.',
      ),
    );
  }
  if (!parsed.hostname) throw configError(messageText('The Ticket API endpoint has no host name.'));
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash) {
    throw configError(
      messageText(
        'The Ticket API endpoint must be just a scheme and host, such as https://{0} (no path or query).',
        parsed.host,
      ),
    );
  }
  if (scheme === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw configError(
      messageText(
        'Refusing to send signed requests over plain http to {0}: use https://{0}. Plain http is allowed only for a local emulator on 127.0.0.1, localhost or [::1].',
        parsed.host,
      ),
    );
  }
  return `${scheme}//${parsed.host}`;
}
