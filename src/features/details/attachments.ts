// Which attachment URLs may become links. Attachment URLs come from the server (other people's input), so only
// https links are clickable, and only after the user has seen where they lead (the extension asks before opening).
// No vscode import: unit tests call this directly.
import type { TicketNote } from '../../api/types';
import { t } from '../../common/l10n';
import { dialogLine } from '../../common/untrustedText';

export type AttachmentTarget =
  | {
      clickable: true;
      /** The whole URL, byte for byte as the API gave it: only ever handed to the browser. */
      url: string;
      host: string;
      /** Origin and path only. The query of a presigned OSS URL (Signature, OSSAccessKeyId, security-token) grants
       * access to the file, so it is never shown: not in the page, its tooltips, or the question before opening. */
      display: string;
    }
  | { clickable: false; reason: string };

/** Decides whether an attachment URL is offered as a link; anything but a well-formed https URL stays plain text. */
export function attachmentTarget(rawUrl: unknown): AttachmentTarget {
  if (typeof rawUrl !== 'string' || rawUrl.trim() === '') return { clickable: false, reason: t('no link') };
  const text = rawUrl.trim();
  // Control characters, spaces and bidi overrides in a URL are a spoofing trick, never a real download link.
  if (/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(text)) {
    return { clickable: false, reason: t('not a plain https link') };
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { clickable: false, reason: t('not a valid link') };
  }
  if (parsed.protocol !== 'https:') return { clickable: false, reason: t('only https links open') };
  if (!parsed.hostname) return { clickable: false, reason: t('not a valid link') };
  // user:password@host hides the real host behind a friendly-looking prefix.
  if (parsed.username || parsed.password) return { clickable: false, reason: t('link carries a user name') };
  return {
    clickable: true,
    // The text as the API gave it, not the parser's rewrite (which changes case, ports and escapes): a presigned URL's
    // signature covers its bytes.
    url: text,
    host: parsed.hostname,
    display: `${parsed.origin}${parsed.pathname}`,
  };
}

/** What opening an attachment needs from VS Code (a modal question, the browser); tests pass their own. */
export interface AttachmentOpener {
  /** Asks the user; resolves true only when they chose to open. */
  confirm(message: string, detail: string): PromiseLike<boolean>;
  openExternal(url: string): PromiseLike<unknown>;
}

/**
 * A click on attachment `attachmentIndex` of note `noteIndex` (indexes from the page, never a URL): looks the URL up in
 * the notes the extension holds, and opens it only when it is https and the user, told the host and where it leads,
 * says so. The question shows the URL without its query (see AttachmentTarget.display). Returns what happened.
 */
export async function openAttachment(
  notes: ReadonlyArray<TicketNote>,
  noteIndex: number,
  attachmentIndex: number,
  opener: AttachmentOpener,
): Promise<'opened' | 'declined' | 'notALink'> {
  const attachment = notes[noteIndex]?.attachments?.[attachmentIndex];
  const target = attachmentTarget(attachment?.url);
  // l10n-exempt: outcomes for the caller, not words.
  if (!attachment || !target.clickable) return 'notALink';
  const confirmed = await opener.confirm(
    t('Open the attachment in your browser? It goes to {0}.', dialogLine(target.host, 253)),
    `${dialogLine(attachment.name || t('attachment'), 200)}\n\n${dialogLine(target.display, 1000)}`,
  );
  // l10n-exempt: an outcome, not words.
  if (!confirmed) return 'declined';
  await opener.openExternal(target.url);
  // l10n-exempt: an outcome, not words.
  return 'opened';
}
