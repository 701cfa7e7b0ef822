// Messages between the details page (media/details.js) and the extension. The page posts 'ready' once it listens;
// only then does the extension post the body (posting earlier is how blank webviews happen).
// Messages from the page are checked field by field: the page shows other people's text, so treat it as untrusted.

/** Extension -> page. */
export type ToPageMessage = { type: 'render'; body: string };

/** Page -> extension. */
export type FromPageMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'retry' }
  | { type: 'signIn' }
  | { type: 'showLog' }
  | { type: 'openSettings' }
  | { type: 'openTicket' }
  | { type: 'openAttachment'; note: number; attachment: number };

/** The state the page keeps with vscode.setState (and VS Code hands back to the serializer after a reload). */
export interface PanelState {
  ticketId: string;
  scrollY?: number;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 100_000;
}

/** Returns the message if it is one the page may send, else undefined. */
export function parsePageMessage(raw: unknown): FromPageMessage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'retry':
    case 'signIn':
    case 'showLog':
    case 'openSettings':
    case 'openTicket':
      return { type: message.type };
    case 'openAttachment': {
      const note = typeof message.note === 'string' ? Number(message.note) : message.note;
      const attachment = typeof message.attachment === 'string' ? Number(message.attachment) : message.attachment;
      return isIndex(note) && isIndex(attachment) ? { type: 'openAttachment', note, attachment } : undefined;
    }
    default:
      return undefined;
  }
}
