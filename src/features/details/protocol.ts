// Messages between the details page (src/features/details/page, bundled to media/details.js) and the extension. The
// page posts 'ready' once it listens; only then does the extension post the body (posting earlier is how blank webviews
// happen). Messages from the page are checked field by field: the page shows other people's text, so treat it as
// untrusted. The `data-action` attributes of rendered buttons come from CLICK_ACTIONS, so page and renderer agree.

/** Buttons whose click becomes a message with no fields: `<button data-action="refresh">` posts {type: 'refresh'}. */
export const CLICK_ACTIONS = ['refresh', 'retry', 'signIn', 'showLog', 'openSettings', 'openTicket'] as const;
export type ClickAction = (typeof CLICK_ACTIONS)[number];

/** The action of attachment links: their click posts the note and attachment indexes (never a URL). */
export const OPEN_ATTACHMENT_ACTION = 'openAttachment';

/** `data-action="…"` for a rendered element (typed: a misspelt action does not compile). */
export function dataAction(action: ClickAction | typeof OPEN_ATTACHMENT_ACTION): string {
  return `data-action="${action}"`;
}

export function isClickAction(value: unknown): value is ClickAction {
  return typeof value === 'string' && (CLICK_ACTIONS as readonly string[]).includes(value);
}

/** Extension -> page. */
export type ToPageMessage = { type: 'render'; body: string };

/** Page -> extension. */
export type FromPageMessage =
  | { type: 'ready' }
  | { type: ClickAction }
  | { type: typeof OPEN_ATTACHMENT_ACTION; note: number; attachment: number };

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
  if (message.type === 'ready') return { type: 'ready' };
  if (isClickAction(message.type)) return { type: message.type };
  if (message.type === OPEN_ATTACHMENT_ACTION) {
    const note = typeof message.note === 'string' ? Number(message.note) : message.note;
    const attachment = typeof message.attachment === 'string' ? Number(message.attachment) : message.attachment;
    return isIndex(note) && isIndex(attachment) ? { type: OPEN_ATTACHMENT_ACTION, note, attachment } : undefined;
  }
  return undefined;
}
