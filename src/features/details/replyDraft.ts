// The reply being written, as the extension holds it for one panel: the text and the Confidential switch, in memory and
// in the account's drafts at every change the page reports. Not a moment later: the window can be reloaded or closed
// right after typing, and VS Code stops the extension host with it (a timer waiting to write dies with it, and a write
// made as the window goes never reaches its storage). A confidential text lives in SecretStorage and arrives a moment
// after the panel opens. No vscode import.
import type { AccountDrafts, StoredAttachment } from './draftStore';
import type { DraftText } from './protocol';

export class ReplyDraft {
  text: string;
  encrypt: boolean;
  /** The attachments stored with the draft when the panel opened. */
  readonly storedAttachments: StoredAttachment[];
  /** The page is gone and another account signed in: nothing more is written to this one's drafts. */
  private dropped = false;

  constructor(
    private readonly ticketId: string,
    private readonly drafts: AccountDrafts,
    /** The uploaded attachments, written with the text. */
    private readonly attachments: () => StoredAttachment[],
  ) {
    const draft = drafts.get(ticketId);
    this.text = draft.text;
    this.encrypt = draft.encrypt;
    this.storedAttachments = draft.attachments;
  }

  /**
   * The stored draft as load() finds it, unless the user typed first: a confidential text from SecretStorage, or a
   * draft whose memento copy the browser lost (the account folder's copy). `arrived` shows it.
   */
  loadStored(arrived: (draft: DraftText) => void, gone: () => boolean): void {
    if (this.text) return;
    void this.drafts.load(this.ticketId).then((loaded) => {
      if (gone() || this.text || !loaded.text) return;
      this.text = loaded.text;
      this.encrypt = loaded.encrypt;
      arrived({ text: this.text, encrypt: this.encrypt });
    });
  }

  /** What the page shows now: kept at once. */
  set(draft: DraftText): void {
    this.text = draft.text;
    this.encrypt = draft.encrypt;
    void this.persist().catch(() => undefined);
  }

  persist(): Promise<void> {
    if (this.dropped) return Promise.resolve();
    return this.drafts.save(this.ticketId, { text: this.text, encrypt: this.encrypt, attachments: this.attachments() });
  }

  /** Sent or discarded: the text goes; the stored draft too, unless attachments stay for the next reply. */
  async emptied(keepAttachments: boolean): Promise<void> {
    this.text = '';
    this.encrypt = false;
    if (keepAttachments) await this.persist();
    else await this.drafts.clear(this.ticketId);
  }

  /** The page is gone: what it typed is stored already; 'drop': another account is signed in, nothing more is written. */
  close(pending: 'write' | 'drop'): void {
    if (pending === 'drop') this.dropped = true;
  }
}
