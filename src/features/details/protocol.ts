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

/**
 * The page's own words that change while it runs (busy buttons, attachment states, its own checks), in the display
 * language. The extension builds them with t() (pageStrings.ts) and sends them with the acting part ('actingPart');
 * the page reads them with parsePageStrings and ships no text of its own. `{0}`, `{1}` are filled in by the page
 * (formatMessage of common/l10n.ts).
 */
export const PAGE_STRING_KEYS = [
  'sendReply',
  'sending',
  'checking',
  'reopenTicket',
  'reopening',
  'sendRating',
  'closeTicket',
  'closing',
  /** {0}: percent */
  'uploadingPercent',
  /** {0}: why */
  'notUploaded',
  'uploadFailed',
  /** {0}: file name */
  'uploadingFile',
  'remove',
  /** {0}: file name */
  'removeFile',
  'sayWhetherSolved',
  'sayWhyReopen',
  'chooseScore',
  /** {0}: file name, {1}: its size in MB, {2}: the limit in MB */
  'fileTooLarge',
] as const;
export type PageStrings = Record<(typeof PAGE_STRING_KEYS)[number], string>;

/**
 * The page's strings as the 'actingPart' message brought them, field by field: a field that is missing or not a short
 * string shows as its key (a visible bug, not an English copy hidden in the page).
 */
export function parsePageStrings(raw: unknown): PageStrings {
  const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const strings = {} as PageStrings;
  for (const key of PAGE_STRING_KEYS) {
    const value = given[key];
    strings[key] = typeof value === 'string' && value.length <= 1000 ? value : key;
  }
  return strings;
}

/** An attachment of the reply being written, as the page shows it. */
export interface DraftAttachmentView {
  /** Local id, for Remove. */
  id: string;
  name: string;
  size: number;
  state: 'uploading' | 'uploaded' | 'failed';
  /** 0..1 while uploading. */
  progress: number;
  /** Why the upload failed, in words. */
  error?: string;
}

/** A write under way (its button shows progress; no second one starts). */
export type BusyAction = 'send' | 'close' | 'reopen' | 'rate' | 'check';

/** Everything below the conversation: which actions show, what is going on, and what the last one said. */
export interface ActingState {
  /** Which actions the ticket's status makes sensible (none until the ticket loaded). */
  actions: { reply: boolean; close: boolean; reopen: boolean; rate: boolean };
  busy?: BusyAction;
  attachments: DraftAttachmentView[];
  notice?: { kind: 'error' | 'warning' | 'success'; text: string };
  /** What the user rated (in place of Rate, which is not offered again). */
  rated?: string;
  /** The panel shows its last-known copy: nothing can be sent until the server answers (a reply typed stays kept). */
  offline?: boolean;
}

/** The text part of a draft reply. */
export interface DraftText {
  text: string;
  encrypt: boolean;
}

/** Extension -> page. */
export type ToPageMessage =
  | { type: 'render'; body: string }
  /**
   * The acting part (the reply box, the ticket buttons and their forms: actingHtml.ts) and its words, sent when the
   * page says 'ready' and before any 'acting' message: the first document carries only what it shows.
   */
  | { type: 'actingPart'; html: string; strings: PageStrings }
  | { type: 'acting'; state: ActingState }
  /** Puts this text in the reply box: `replace` after a send (empties it); otherwise only when the page has none. */
  | { type: 'draft'; draft: DraftText; replace: boolean }
  /** A form (reopen, rate) did its job: empty and hide it. */
  | { type: 'formDone'; form: 'reopen' | 'rate' }
  /** Scroll to this note and mark it (an inbox entry or a search result was opened); '' = the description. */
  | { type: 'focusNote'; dialogId: string };

/** Page -> extension. */
export type FromPageMessage =
  | { type: 'ready' }
  /** The body of the last 'render' is on screen (posted after the frame that painted it). */
  | { type: 'rendered' }
  | { type: ClickAction }
  | { type: typeof OPEN_ATTACHMENT_ACTION; note: number; attachment: number }
  | { type: 'draftChanged'; draft: DraftText }
  | { type: 'send'; draft: DraftText }
  | { type: 'pickFiles' }
  | { type: 'dropFile'; name: string; bytes: Uint8Array }
  | { type: 'removeAttachment'; id: string }
  /** The reply kept from a ticket that takes none now goes: text and attachments. */
  | { type: 'discardDraft' }
  | { type: 'closeTicket' }
  | { type: 'reopen'; reason: string }
  | { type: 'rate'; solved: boolean; score: number; comment: string };

/** The state the page keeps with vscode.setState (and VS Code hands back to the serializer after a reload). */
export interface PanelState {
  ticketId: string;
  scrollY?: number;
  /** The reply box as typed (survives a tab switch before the extension has it). */
  draft?: DraftText;
  /** The open reopen / rate forms and what is typed in them. */
  reopen?: { open: boolean; reason: string };
  rate?: { open: boolean; solved?: boolean; score?: number; comment: string };
}

/**
 * Largest file the page reads from a drop: the API layer's MAX_ATTACHMENT_BYTES (src/api/upload.ts, which the page
 * cannot import: it is Node code). A unit test keeps the two equal.
 */
export const MAX_DROP_BYTES = 20 * 1024 * 1024;

/** Longest text a reply, reason or comment may have (far more than anyone types; stops a runaway paste). */
export const MAX_TEXT_LENGTH = 100_000;
/** Longest file name kept. */
const MAX_NAME_LENGTH = 255;

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

function parseDraft(value: unknown): DraftText | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const draft = value as Record<string, unknown>;
  return isText(draft.text) && typeof draft.encrypt === 'boolean'
    ? { text: draft.text, encrypt: draft.encrypt }
    : undefined;
}

/** Bytes posted by the page arrive as a Uint8Array (or, from some hosts, a plain ArrayBuffer). */
function parseBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return undefined;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 100_000;
}

/** Returns the message if it is one the page may send, else undefined. */
export function parsePageMessage(raw: unknown): FromPageMessage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const message = raw as Record<string, unknown>;
  if (message.type === 'ready' || message.type === 'rendered') return { type: message.type };
  if (isClickAction(message.type)) return { type: message.type };
  if (message.type === OPEN_ATTACHMENT_ACTION) {
    const note = typeof message.note === 'string' ? Number(message.note) : message.note;
    const attachment = typeof message.attachment === 'string' ? Number(message.attachment) : message.attachment;
    return isIndex(note) && isIndex(attachment) ? { type: OPEN_ATTACHMENT_ACTION, note, attachment } : undefined;
  }
  switch (message.type) {
    case 'draftChanged':
    case 'send': {
      const draft = parseDraft(message.draft);
      return draft ? { type: message.type, draft } : undefined;
    }
    case 'pickFiles':
    case 'discardDraft':
    case 'closeTicket':
      return { type: message.type };
    case 'dropFile': {
      const bytes = parseBytes(message.bytes);
      const name = typeof message.name === 'string' ? message.name.slice(0, MAX_NAME_LENGTH) : '';
      return bytes && name.trim() ? { type: 'dropFile', name, bytes } : undefined;
    }
    case 'removeAttachment':
      return typeof message.id === 'string' && message.id.length <= 64
        ? { type: 'removeAttachment', id: message.id }
        : undefined;
    case 'reopen':
      return isText(message.reason) ? { type: 'reopen', reason: message.reason } : undefined;
    case 'rate': {
      const { solved, score, comment } = message;
      const scoreOk = typeof score === 'number' && Number.isInteger(score) && score >= 1 && score <= 5;
      return typeof solved === 'boolean' && scoreOk && isText(comment)
        ? { type: 'rate', solved, score, comment }
        : undefined;
    }
    default:
      return undefined;
  }
}
