// Where a drafted reply waits for the user: the ticket panel's reply box reads it, the user edits and sends it.
// No vscode import: the store takes the small part of a Memento it needs.

/** What the draft tool needs from the reply box: put text in it, show it. */
export interface ReplyDrafts {
  /** The draft waiting in the ticket's reply box ('' when none). */
  getDraft(ticketId: string): string;
  /** Replaces the ticket's draft with `text` (kept across reloads until the user sends or clears it). */
  setDraft(ticketId: string, text: string): Promise<void>;
  /** Shows the ticket's panel, where the reply box is. */
  open(ticketId: string): Promise<void> | void;
}

/** The part of vscode.Memento used (globalState). */
export interface DraftMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** Key in globalState: { [ticketId]: { text, updatedAt } }. The panel's reply box reads and clears the same entry. */
export const REPLY_DRAFTS_KEY = 'aliyunTickets.replyDrafts';

export interface StoredDraft {
  text: string;
  /** Epoch ms of the last change. */
  updatedAt: number;
}

/** Drafts per ticket in the extension's global storage: they outlive the panel, a reload and a window. */
export class MementoReplyDrafts implements ReplyDrafts {
  constructor(
    private readonly memento: DraftMemento,
    private readonly openPanel: (ticketId: string) => unknown,
    private readonly now: () => number = Date.now,
  ) {}

  getDraft(ticketId: string): string {
    const entry = this.all()[ticketId];
    return typeof entry?.text === 'string' ? entry.text : '';
  }

  async setDraft(ticketId: string, text: string): Promise<void> {
    await this.memento.update(REPLY_DRAFTS_KEY, { ...this.all(), [ticketId]: { text, updatedAt: this.now() } });
  }

  async open(ticketId: string): Promise<void> {
    await this.openPanel(ticketId);
  }

  private all(): Record<string, StoredDraft> {
    const value = this.memento.get<unknown>(REPLY_DRAFTS_KEY);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, StoredDraft>) : {};
  }
}
