// Data an earlier version kept in globalState for whoever was signed in (recent tickets swapped in and out per
// account, reply drafts, seen notes, the New Ticket draft, the category cache) and the watcher's files, moved once into
// the accounts' scopes (common/accountScope.ts) so that each account's data is its own from then on. Signed out, or for
// an account no longer saved, it is deleted. Runs while the accounts load (Accounts' afterLoad), before any feature
// reads. No vscode import.
import { promises as fs } from 'fs';
import * as path from 'path';
import type { AccountScope } from '../common/accountScope';
import { DraftStore } from './details/draftStore';
import { SEEN_NOTES_KEY } from './details/unread';
import { NEW_TICKET_DRAFT_KEY, NEW_TICKET_SECRET_KEY } from './new-ticket/draft';
import { RECENT_TICKETS_KEY } from './open-ticket/recentTickets';

/** The keys of the earlier layout (l10n-exempt: storage keys). */
export const LEGACY_KEYS = {
  recentTickets: 'aliyunTickets.recentTickets',
  /** + '.' + account id: an inactive account's recent list. */
  recentTicketsOf: 'aliyunTickets.recentTickets.',
  /** + ticket id. */
  draft: 'aliyunTickets.draft.',
  seenNotes: 'aliyunTickets.seenNotes',
  newTicketDraft: 'aliyunTickets.newTicket.draft',
  /** SecretStorage. */
  newTicketSecret: 'aliyunTickets.newTicket.draftSecret',
  categoryNames: 'aliyunTickets.categoryNames',
} as const;

export interface LegacyStorage {
  globalState: {
    keys(): readonly string[];
    get<T>(key: string): T | undefined;
    update(key: string, value: unknown): PromiseLike<void>;
  };
  secrets: { get(key: string): PromiseLike<string | undefined>; delete(key: string): PromiseLike<void> };
  globalStorageDir: string;
}

export async function moveLegacyData(
  storage: LegacyStorage,
  accounts: { activeId?: string; ids: string[]; scopeOf(accountId: string): AccountScope },
): Promise<void> {
  const state = storage.globalState;
  const active = accounts.activeId ? accounts.scopeOf(accounts.activeId) : undefined;
  const move = async (legacyKey: string, scope: AccountScope | undefined, key: string) => {
    const value = state.get<unknown>(legacyKey);
    if (value === undefined) return;
    if (scope && scope.memento.get(key) === undefined) await scope.memento.update(key, value);
    await state.update(legacyKey, undefined);
  };
  await move(LEGACY_KEYS.recentTickets, active, RECENT_TICKETS_KEY);
  await move(LEGACY_KEYS.seenNotes, active, SEEN_NOTES_KEY);
  await move(LEGACY_KEYS.newTicketDraft, active, NEW_TICKET_DRAFT_KEY);
  await state.update(LEGACY_KEYS.categoryNames, undefined);
  const drafts = new DraftStore(() => active);
  for (const key of state.keys()) {
    if (key.startsWith(LEGACY_KEYS.recentTicketsOf)) {
      const id = key.slice(LEGACY_KEYS.recentTicketsOf.length);
      await move(key, accounts.ids.includes(id) ? accounts.scopeOf(id) : undefined, RECENT_TICKETS_KEY);
    } else if (key.startsWith(LEGACY_KEYS.draft)) {
      // Through the draft store, so that a confidential text lands in SecretStorage, not in the scope's memento.
      const value = state.get<{ text?: unknown; encrypt?: unknown; attachments?: unknown }>(key);
      const ticketId = key.slice(LEGACY_KEYS.draft.length);
      if (active && value && typeof value.text === 'string')
        await drafts.save(ticketId, {
          text: value.text,
          encrypt: value.encrypt === true,
          attachments: Array.isArray(value.attachments) ? value.attachments : [],
        });
      await state.update(key, undefined);
    }
  }
  const secret = await Promise.resolve(storage.secrets.get(LEGACY_KEYS.newTicketSecret)).catch(() => undefined);
  if (secret !== undefined) {
    if (active) await active.secrets.store(NEW_TICKET_SECRET_KEY, secret);
    await storage.secrets.delete(LEGACY_KEYS.newTicketSecret);
  }
  // The watcher's files of the earlier layout hold ticket titles and support excerpts under a hash of the key: they
  // are caches, so they go (each account's watcher starts afresh in its own folder).
  await fs.rm(path.join(storage.globalStorageDir, 'watcher'), { recursive: true, force: true });
}
