// Where a drafted reply waits for the user: the ticket panel's reply box reads it, the user edits and sends it.
// No vscode import: the store takes the small part of a Memento it needs.

/** What the draft tool needs from the reply box: read what is there, put text in it, show it. */
export interface ReplyDrafts {
  /** The text waiting in the ticket's reply box ('' when none). */
  getDraft(ticketId: string): string;
  /** Replaces the text of the ticket's draft (kept across reloads until the user sends or clears it). */
  setDraft(ticketId: string, text: string): Promise<void>;
  /** Shows the ticket's panel, where the reply box is. */
  open(ticketId: string): Promise<void> | void;
}

/** The part of vscode.Memento used (globalState). */
export interface DraftMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/**
 * One globalState entry per ticket, `aliyunTickets.draft.<ticketId>` = { text, encrypt, attachments, savedAt }: the
 * layout the ticket panel's reply box keeps its drafts in, so a panel opened after the tool ran shows the text.
 */
export const DRAFT_KEY_PREFIX = 'aliyunTickets.draft.';

/** Drafts in the extension's global storage: they outlive the panel, a reload and a window. */
export class MementoReplyDrafts implements ReplyDrafts {
  constructor(
    private readonly memento: DraftMemento,
    private readonly openPanel: (ticketId: string) => unknown,
    private readonly now: () => number = Date.now,
  ) {}

  getDraft(ticketId: string): string {
    const text = this.stored(ticketId).text;
    return typeof text === 'string' ? text : '';
  }

  /** Replaces the text only: the confidential switch and attachments the user set on the draft stay as they were. */
  async setDraft(ticketId: string, text: string): Promise<void> {
    const previous = this.stored(ticketId);
    await this.memento.update(DRAFT_KEY_PREFIX + ticketId, {
      text,
      encrypt: previous.encrypt === true,
      attachments: Array.isArray(previous.attachments) ? previous.attachments : [],
      savedAt: this.now(),
    });
  }

  async open(ticketId: string): Promise<void> {
    await this.openPanel(ticketId);
  }

  private stored(ticketId: string): Record<string, unknown> {
    const value = this.memento.get<unknown>(DRAFT_KEY_PREFIX + ticketId);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }
}
