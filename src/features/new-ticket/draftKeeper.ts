// Where the New Ticket draft lives: the signed-in account's scope (the SecretInfo field in its SecretStorage, the rest
// in its memento), in memory only while signed out. Writes go in order, so the last edit wins even when the storage
// answers slowly. What the user types is written at each change the page reports, not a moment later: the window can
// be reloaded or closed right after typing, and VS Code stops the extension host with it (a timer waiting to write dies
// with it). No vscode import: unit-tested with the in-memory scope.
import type { AccountScope } from '../../common/accountScope';
import {
  EMPTY_DRAFT,
  NEW_TICKET_DRAFT_KEY,
  NEW_TICKET_SECRET_KEY,
  isDraftEmpty,
  parseDraft,
  type TicketDraft,
} from './draft';

export class NewTicketDraftKeeper {
  private draft: TicketDraft | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    /** The signed-in account's scope; undefined while signed out. */
    private readonly scope: () => AccountScope | undefined,
    private readonly warn: (message: string) => void,
  ) {}

  /** The draft in memory, read from the account's storage the first time. */
  async load(): Promise<TicketDraft> {
    if (!this.draft) {
      const scope = this.scope();
      const stored = scope?.memento.get<unknown>(NEW_TICKET_DRAFT_KEY);
      const secret = scope
        ? await Promise.resolve(scope.secrets.get(NEW_TICKET_SECRET_KEY)).catch(() => undefined)
        : undefined;
      this.draft ??= stored
        ? parseDraft({ ...(stored as object), secret: secret ?? '' })
        : { ...EMPTY_DRAFT, secret: secret ?? '' };
    }
    return this.draft;
  }

  /** The draft in memory as it is now (undefined: not read yet, or forgotten). */
  peek(): TicketDraft | undefined {
    return this.draft;
  }

  /** Drops the copy in memory (another account is signed in): the next load reads that account's draft. */
  forget(): void {
    this.draft = undefined;
  }

  /** The page's latest draft as the user types: kept, and written to the account signed in now. */
  keep(draft: TicketDraft): void {
    void this.save(draft);
  }

  /** The form closes: resolves once every change it reported is written. */
  flush(): Promise<void> {
    return this.saving;
  }

  /** Replaces the draft and writes it to the account that is signed in now. */
  save(draft: TicketDraft): Promise<void> {
    this.draft = draft;
    return this.write(draft, this.scope());
  }

  private write(draft: TicketDraft, scope: AccountScope | undefined): Promise<void> {
    const { secret, ...rest } = draft;
    // The account the edit was made under keeps it, even if another is signed in by the time it is written.
    if (!scope) return this.saving;
    this.saving = this.saving
      .then(async () => {
        await scope.memento.update(NEW_TICKET_DRAFT_KEY, isDraftEmpty(draft) ? undefined : rest);
        if (secret) await scope.secrets.store(NEW_TICKET_SECRET_KEY, secret);
        else await scope.secrets.delete(NEW_TICKET_SECRET_KEY);
      })
      .catch((error) => this.warn(`New Ticket: the draft could not be saved: ${String(error)}`));
    return this.saving;
  }

  clear(): Promise<void> {
    return this.save({ ...EMPTY_DRAFT });
  }
}
