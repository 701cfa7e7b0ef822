// The reply being written, as the extension holds it for one panel: the text and the Confidential switch in memory at
// once, in the account's drafts a moment after typing pauses, and at once for a confidential text (the page keeps no
// copy of it), a send, or the panel closing. A confidential text lives in SecretStorage and arrives a moment after
// the panel opens. No vscode import.
import { PendingWrite } from '../../common/pendingWrite';
import type { AccountDrafts, StoredAttachment } from './draftStore';
import type { DraftText } from './protocol';

export class ReplyDraft {
  text: string;
  encrypt: boolean;
  /** The attachments stored with the draft when the panel opened. */
  readonly storedAttachments: StoredAttachment[];
  private readonly write = new PendingWrite(() =>
    this.drafts.save(this.ticketId, { text: this.text, encrypt: this.encrypt, attachments: this.attachments() }),
  );

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

  /** A confidential text arrives from SecretStorage (unless the user typed first): `arrived` shows it. */
  loadConfidential(arrived: (text: string) => void, gone: () => boolean): void {
    if (!this.encrypt || this.text) return;
    void this.drafts.load(this.ticketId).then((loaded) => {
      if (gone() || this.text || !loaded.text || !this.encrypt) return;
      this.text = loaded.text;
      arrived(this.text);
    });
  }

  /** typing: written a moment later; a confidential text and anything else: at once. */
  set(draft: DraftText, typing = false): void {
    this.text = draft.text;
    this.encrypt = draft.encrypt;
    if (typing && !draft.encrypt) this.write.soon();
    else void this.persist();
  }

  persist(): Promise<void> {
    return this.write.now();
  }

  /** Sent or discarded: the text goes; the stored draft too, unless attachments stay for the next reply. */
  async emptied(keepAttachments: boolean): Promise<void> {
    this.text = '';
    this.encrypt = false;
    if (keepAttachments) await this.persist();
    else await this.drafts.clear(this.ticketId);
  }

  /** The page is gone: 'write' what was typed last, or 'drop' it (another account is signed in). */
  close(pending: 'write' | 'drop'): void {
    if (pending === 'drop') this.write.cancel();
    else void this.write.flush().catch(() => undefined);
  }
}
