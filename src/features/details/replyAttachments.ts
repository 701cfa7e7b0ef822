// The attachments of a reply being written: each uploads as soon as it is added (with progress), a refused or failed
// one stays listed with the reason until removed, and removing one still uploading cancels its upload. Only uploaded
// ones are kept with the draft (by ObjectKey). No vscode import.
import { MAX_ATTACHMENT_BYTES } from '../../api/upload';
import { errorText } from '../../common/errorText';
import { t } from '../../common/l10n';
import type { UploadOptions } from '../../api/types';
import type { StoredAttachment } from './draftStore';
import type { DraftAttachmentView } from './protocol';

interface Entry extends DraftAttachmentView {
  objectKey?: string;
  abort?: AbortController;
}

export interface ReplyAttachmentsDeps {
  upload(fileName: string, bytes: Uint8Array, options: UploadOptions): Promise<string>;
  /** The list changed (progress included): show it. */
  changed(): void;
  /** An attachment finished uploading or was removed: keep the draft. */
  persist(): Promise<void> | void;
}

const MB = 1024 * 1024;

/**
 * Why a picked file cannot be attached, known before reading it (New Ticket uses the same rule): not a regular file (a
 * pipe or a device reports size 0 and reading it may never end), or over the API's limit.
 */
export function attachableProblem(regular: boolean, size: number): string | undefined {
  if (!regular) return t('Not a regular file (a pipe, a device or a folder): only files can be attached.');
  if (size > MAX_ATTACHMENT_BYTES) {
    return t(
      '{0} MB is too large: attachments can be at most {1} MB.',
      (size / MB).toFixed(1),
      MAX_ATTACHMENT_BYTES / MB,
    );
  }
  return undefined;
}

export class ReplyAttachments {
  private entries: Entry[];
  private nextId = 1;

  constructor(
    private readonly deps: ReplyAttachmentsDeps,
    stored: ReadonlyArray<StoredAttachment>,
  ) {
    this.entries = stored.map((a) => ({ ...a, id: this.newId(), state: 'uploaded', progress: 1 }));
  }

  /** As the page shows them. */
  views(): DraftAttachmentView[] {
    return this.entries.map(({ id, name, size, state, progress, error }) => ({
      id,
      name,
      size,
      state,
      progress,
      error,
    }));
  }

  /** The uploaded ones, as the draft keeps them. */
  uploaded(): StoredAttachment[] {
    return this.entries
      .filter((a) => a.state === 'uploaded' && a.objectKey)
      .map((a) => ({ name: a.name, size: a.size, objectKey: a.objectKey! }));
  }

  /** What stops a send: one still uploading or one that failed. */
  problem(): string | undefined {
    if (this.entries.some((a) => a.state === 'uploading'))
      return t('Wait until the attachments are uploaded, then send.');
    if (this.entries.some((a) => a.state === 'failed'))
      return t('An attachment could not be uploaded: remove it (or attach it again), then send.');
    return undefined;
  }

  /**
   * A reply took these uploads (by ObjectKey): they go. What was added while it was sending stays for the next reply;
   * returns their names.
   */
  removeSent(objectKeys: readonly string[]): string[] {
    const sent = new Set(objectKeys);
    this.entries = this.entries.filter((a) => !(a.objectKey && sent.has(a.objectKey)));
    return this.entries.map((a) => a.name);
  }

  /**
   * Adds an attachment and uploads it at once; a too large one, or one that is not a regular file (a pipe or device
   * reports size 0 and may never end), is refused without reading it.
   */
  async add(name: string, size: number, read: () => PromiseLike<Uint8Array>, regular = true): Promise<void> {
    const entry: Entry = {
      id: this.newId(),
      name,
      size,
      state: 'uploading',
      progress: 0,
      abort: new AbortController(),
    };
    this.entries.push(entry);
    const problem = attachableProblem(regular, size);
    if (problem) {
      entry.state = 'failed';
      entry.error = problem;
      this.deps.changed();
      return;
    }
    this.deps.changed();
    let lastShown = 0;
    try {
      const bytes = await read();
      const objectKey = await this.deps.upload(name, bytes, {
        signal: entry.abort!.signal,
        onProgress: (sent, total) => {
          entry.progress = total > 0 ? sent / total : 0;
          // Enough to see it move, not a message per chunk.
          if (entry.progress - lastShown >= 0.05 || entry.progress >= 1) {
            lastShown = entry.progress;
            this.deps.changed();
          }
        },
      });
      if (!this.entries.includes(entry)) return; // removed meanwhile
      entry.state = 'uploaded';
      entry.progress = 1;
      entry.objectKey = objectKey;
      await this.deps.persist();
    } catch (error) {
      if (!this.entries.includes(entry)) return;
      entry.state = 'failed';
      entry.error = errorText(error);
    } finally {
      entry.abort = undefined;
      this.deps.changed();
    }
  }

  /** Removes one (cancelling its upload); false when there is no such attachment. */
  remove(id: string): boolean {
    const entry = this.entries.find((a) => a.id === id);
    if (!entry) return false;
    entry.abort?.abort();
    this.entries = this.entries.filter((a) => a !== entry);
    void this.deps.persist();
    this.deps.changed();
    return true;
  }

  /** Removes them all (cancelling uploads under way). */
  clear(): void {
    for (const entry of this.entries) entry.abort?.abort();
    this.entries = [];
    this.deps.changed();
  }

  private newId(): string {
    return `a${this.nextId++}`;
  }
}
