// Draft replies kept outside the page, one per ticket, in the signed-in account's scope (common/accountScope.ts): they
// survive a tab switch, closing the panel, a window reload and a failed send, and are removed only when the server
// confirmed the reply, or with the account. Uploaded attachments are kept by ObjectKey (the file itself is already on
// the server). The text of a draft marked Confidential, or holding a credential (the secret guard's detector: a key an
// agent drafted or the user pasted, which the guard stops only at Send), lives only in the scope's SecretStorage (and
// in memory while the window runs), never in its memento, which is stored in clear. A copy of what the memento holds
// is written to the account's folder too (drafts/<ticket>.json, the same shape: a confidential text is not in it): in
// VS Code for the Web the memento lives in the browser, and a page reloaded at the wrong moment loses its last write;
// the folder is on the extension host's disk. load() takes the newer of the two. No vscode import.
import * as path from 'path';
import type { AccountScope } from '../../common/accountScope';
import { findSecrets } from '../secret-guard/detector';
import { SharedFiles } from '../watcher/sharedFiles';
import { isAcceptedTicketId } from '../../api/params';

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

/** What the memento holds of a draft: its text is '' there when `secretText` (in the scope's SecretStorage instead). */
interface StoredDraft extends Draft {
  secretText?: true;
}

/** Whether the draft's text may only be kept in SecretStorage: marked Confidential, or it holds a credential. */
function textIsSecret(draft: Pick<Draft, 'text' | 'encrypt'>): boolean {
  return draft.encrypt || findSecrets(draft.text).length > 0;
}

/** The scope's key of a ticket's draft (memento: everything but a confidential text; secrets: that text). */
export const DRAFT_KEY_PREFIX = 'draft.';

export function emptyDraft(): Draft {
  return { text: '', encrypt: false, attachments: [], savedAt: 0 };
}

/** A draft holds something worth keeping. */
export function hasContent(draft: Pick<Draft, 'text' | 'attachments'>): boolean {
  return draft.text.trim() !== '' || draft.attachments.length > 0;
}

type Scope = Pick<AccountScope, 'accountId' | 'memento' | 'secrets'> & Partial<Pick<AccountScope, 'storageDir'>>;

/** One account's drafts (a panel keeps the account it opened under: its writes never land in another). */
export interface AccountDrafts {
  get(ticketId: string): Draft;
  load(ticketId: string): Promise<Draft>;
  save(ticketId: string, draft: Omit<Draft, 'savedAt'>): Promise<void>;
  clear(ticketId: string): Promise<void>;
}

export class DraftStore {
  /** Confidential texts read or written in this window, by account and ticket: get() answers without waiting. */
  private readonly confidential = new Map<string, string>();
  /** The folder copies' writes, one after another per draft: the last one made is the one left. */
  private readonly copies = new Map<string, Promise<void>>();

  constructor(
    /** The signed-in account's scope; undefined while signed out (drafts are then kept by the panel only). */
    private readonly scope: () => Scope | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The drafts of `scope` (undefined: signed out, nothing is kept). */
  forScope(scope: Scope | undefined): AccountDrafts {
    return {
      get: (ticketId) => this.get(ticketId, scope),
      load: (ticketId) => this.load(ticketId, scope),
      save: (ticketId, draft) => this.save(ticketId, draft, scope),
      clear: (ticketId) => this.clear(ticketId, scope),
    };
  }

  /** The draft as far as known without waiting: a text kept in SecretStorage only once load() or save() had it. */
  get(ticketId: string, scope = this.scope()): Draft {
    const stored = scope && parseDraft(scope.memento.get<unknown>(DRAFT_KEY_PREFIX + ticketId));
    if (!stored) return emptyDraft();
    const { secretText, ...draft } = stored;
    if (secretText) draft.text = this.confidential.get(memoryKey(scope, ticketId)) ?? '';
    return draft;
  }

  /** The draft with a text kept in SecretStorage read from there. */
  async load(ticketId: string, scope = this.scope()): Promise<Draft> {
    if (!scope) return emptyDraft();
    const key = DRAFT_KEY_PREFIX + ticketId;
    const inMemento = parseDraft(scope.memento.get<unknown>(key));
    const inFolder = parseDraft(await this.readCopy(ticketId, scope));
    // The newer of the two: the folder's when the browser lost the memento's last write.
    const stored = inFolder && inFolder.savedAt > (inMemento?.savedAt ?? 0) ? inFolder : inMemento;
    if (!stored) return emptyDraft();
    const { secretText, ...draft } = stored;
    if (!secretText) return draft;
    const remembered = this.confidential.get(memoryKey(scope, ticketId));
    if (remembered) return { ...draft, text: remembered };
    const text = await Promise.resolve(scope.secrets.get(key)).catch(() => undefined);
    if (text) this.confidential.set(memoryKey(scope, ticketId), text);
    return { ...draft, text: text ?? '' };
  }

  /** Saves the draft; an empty one is removed instead (nothing to keep). */
  async save(ticketId: string, draft: Omit<Draft, 'savedAt'>, scope = this.scope()): Promise<void> {
    if (!scope) return;
    if (!hasContent(draft) && !draft.encrypt) return this.clear(ticketId, scope);
    const key = DRAFT_KEY_PREFIX + ticketId;
    const wasSecret = parseDraft(scope.memento.get<unknown>(key))?.secretText === true;
    if (textIsSecret(draft)) {
      // The secret first: a crash in between leaves the old clear text (if any) rather than losing the new one.
      this.confidential.set(memoryKey(scope, ticketId), draft.text);
      if (draft.text) await scope.secrets.store(key, draft.text);
      else await scope.secrets.delete(key);
      const stored: StoredDraft = { ...draft, text: '', secretText: true, savedAt: this.now() };
      await Promise.all([scope.memento.update(key, stored), this.writeCopy(ticketId, scope, stored)]);
      return;
    }
    this.confidential.delete(memoryKey(scope, ticketId));
    const stored: StoredDraft = { ...draft, savedAt: this.now() };
    await Promise.all([scope.memento.update(key, stored), this.writeCopy(ticketId, scope, stored)]);
    if (wasSecret) await scope.secrets.delete(key);
  }

  async clear(ticketId: string, scope = this.scope()): Promise<void> {
    if (!scope) return;
    const key = DRAFT_KEY_PREFIX + ticketId;
    this.confidential.delete(memoryKey(scope, ticketId));
    await Promise.all([scope.memento.update(key, undefined), this.writeCopy(ticketId, scope, undefined)]);
    // Also when the memento says nothing of it: a window that crashed between the two writes may have left one.
    await scope.secrets.delete(key);
  }

  /** The account folder's copies of drafts; undefined: this scope or ticket has none (memento only). */
  private copiesOf(ticketId: string, scope: Scope): SharedFiles | undefined {
    if (!scope.storageDir || !isAcceptedTicketId(ticketId)) return undefined;
    return new SharedFiles(path.join(scope.storageDir, 'drafts'));
  }

  /** The folder copy: written after the one before it; undefined removes it. A failure leaves the memento's. */
  private writeCopy(ticketId: string, scope: Scope, stored: StoredDraft | undefined): Promise<void> {
    const files = this.copiesOf(ticketId, scope);
    if (!files) return Promise.resolve();
    const key = memoryKey(scope, ticketId);
    // 'inside': the account's folder is there while the account is saved; a signed-out one is not made again.
    const write = () => (stored ? files.write(ticketId, stored, { folder: 'inside' }) : files.remove(ticketId));
    const next = (this.copies.get(key) ?? Promise.resolve()).then(write).catch(() => undefined);
    this.copies.set(key, next);
    void next.then(() => {
      if (this.copies.get(key) === next) this.copies.delete(key);
    });
    return next;
  }

  private async readCopy(ticketId: string, scope: Scope): Promise<unknown> {
    const files = this.copiesOf(ticketId, scope);
    if (!files) return undefined;
    await this.copies.get(memoryKey(scope, ticketId));
    return files.read(ticketId);
  }

  /** Another account is signed in (or none): the confidential texts kept in memory go. */
  forgetMemory(): void {
    this.confidential.clear();
  }
}

function memoryKey(scope: Scope, ticketId: string): string {
  return `${scope.accountId}/${ticketId}`;
}

/** Storage is only as trustworthy as its last writer: keep what has the right shape, drop the rest. */
function parseDraft(raw: unknown): StoredDraft | undefined {
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
  const encrypt = value.encrypt === true;
  // A confidential draft's text is never read from the memento (an earlier version kept it there).
  const secretText = encrypt || value.secretText === true;
  return {
    text: secretText ? '' : value.text,
    encrypt,
    ...(secretText ? { secretText: true as const } : {}),
    attachments: attachments.map((a) => ({ name: a.name, size: a.size, objectKey: a.objectKey })),
    savedAt: typeof value.savedAt === 'number' ? value.savedAt : 0,
  };
}
