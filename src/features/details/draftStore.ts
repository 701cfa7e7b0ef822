// Draft replies kept outside the page, one per ticket, in the extension's global storage: they survive a tab switch,
// closing the panel, a window reload and a failed send, and are removed only when the server confirmed the reply.
// Uploaded attachments are kept by ObjectKey (the file itself is already on the server). No vscode import.
import type { KeyValueStore } from '../../tickets/categoryNames';

export interface StoredAttachment {
  name: string;
  size: number;
  objectKey: string;
}

export interface Draft {
  text: string;
  encrypt: boolean;
  attachments: StoredAttachment[];
  /** When the draft was last changed (epoch ms): old drafts can be told apart. */
  savedAt: number;
}

const PREFIX = 'aliyunTickets.draft.';

export function emptyDraft(): Draft {
  return { text: '', encrypt: false, attachments: [], savedAt: 0 };
}

/** A draft holds something worth keeping. */
export function hasContent(draft: Pick<Draft, 'text' | 'attachments'>): boolean {
  return draft.text.trim() !== '' || draft.attachments.length > 0;
}

export class DraftStore {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  get(ticketId: string): Draft {
    return parseDraft(this.store.get<unknown>(PREFIX + ticketId)) ?? emptyDraft();
  }

  /** Saves the draft; an empty one is removed instead (nothing to keep). */
  async save(ticketId: string, draft: Omit<Draft, 'savedAt'>): Promise<void> {
    if (!hasContent(draft) && !draft.encrypt) return this.clear(ticketId);
    await this.store.update(PREFIX + ticketId, { ...draft, savedAt: this.now() });
  }

  async clear(ticketId: string): Promise<void> {
    await this.store.update(PREFIX + ticketId, undefined);
  }
}

/** Storage is only as trustworthy as its last writer: keep what has the right shape, drop the rest. */
function parseDraft(raw: unknown): Draft | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value.text !== 'string') return undefined;
  const attachments = Array.isArray(value.attachments)
    ? value.attachments.filter(
        (a): a is StoredAttachment =>
          !!a &&
          typeof a === 'object' &&
          typeof a.name === 'string' &&
          typeof a.size === 'number' &&
          typeof a.objectKey === 'string' &&
          a.objectKey !== '',
      )
    : [];
  return {
    text: value.text,
    encrypt: value.encrypt === true,
    attachments: attachments.map((a) => ({ name: a.name, size: a.size, objectKey: a.objectKey })),
    savedAt: typeof value.savedAt === 'number' ? value.savedAt : 0,
  };
}
