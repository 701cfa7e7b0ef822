// The New Ticket form: one webview panel at a time, restored after a window reload, over a draft kept in the
// signed-in account's scope (the secret field in its SecretStorage; in memory only while signed out) until the server
// confirmed the ticket; another account shows its own draft. Submit sends once;
// the button is disabled while sending and an unknown outcome is checked against the list before Submit is offered again.
import * as vscode from 'vscode';
import { describeError } from '../../api/errorWording';
import { WebviewTypes } from '../../common/commands';
import { showTicketError } from '../../common/errorNotification';
import { errorText } from '../../common/errorText';
import { t } from '../../common/l10n';
import type {
  CatalogLanguage,
  CreateTicketInput,
  ListTicketsQuery,
  ProductDirectory,
  RequestOptions,
  TicketCategory,
  TicketPage,
  UploadOptions,
} from '../../api/types';
import type { AccountChange, AccountScope } from '../../common/accountScope';
import { createNonce } from '../details/render';
import {
  EMPTY_DRAFT,
  NEW_TICKET_DRAFT_KEY,
  NEW_TICKET_SECRET_KEY,
  checkDraft,
  isDraftEmpty,
  parseDraft,
  type DraftProblem,
  type TicketDraft,
} from './draft';
import { mergePrefill, type Prefill } from './prefill';
import { parseFormMessage, type FromFormMessage, type ToFormMessage } from './protocol';
import { withOtherNames } from './productSearch';
import { renderNewTicketHtml } from './render';
import { submitDraft } from './submit';
import { guardTicket, type AskAboutSecrets } from '../secret-guard/guard';
import { notificationText } from '../../common/untrustedText';

export const NEW_TICKET_VIEW_TYPE = WebviewTypes.newTicketForm;

/** The client methods the form uses (src/api TicketClient). */
export interface NewTicketClient {
  createTicket(input: CreateTicketInput, options?: RequestOptions): Promise<string>;
  listTickets(query: ListTicketsQuery, options?: RequestOptions): Promise<TicketPage>;
  listProducts(query?: { language?: CatalogLanguage }, options?: RequestOptions): Promise<ProductDirectory[]>;
  listCategories(
    productId: string,
    query?: { language?: CatalogLanguage },
    options?: RequestOptions,
  ): Promise<TicketCategory[]>;
  uploadAttachment(fileName: string, bytes: Uint8Array, options?: UploadOptions): Promise<string>;
}

export interface NewTicketFormDeps {
  extensionUri: vscode.Uri;
  /** The signed-in account's scope; undefined while signed out. */
  scope: () => AccountScope | undefined;
  /** The signed-in client; undefined while signed out. */
  getClient: () => Promise<NewTicketClient | undefined>;
  signIn: () => Promise<unknown>;
  /** Shows the new ticket in its panel. */
  openTicket: (ticketId: string) => Thenable<unknown> | void;
  /** Reloads the Tickets view so the new ticket shows. */
  refreshTickets: () => Thenable<unknown> | void;
  language: () => CatalogLanguage;
  /** The secret guard's question before Submit sends credentials in clear. */
  askAboutSecrets: AskAboutSecrets;
  log: { info(message: string): void; warn(message: string): void };
}

export class NewTicketForm implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelSubscriptions: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private draft: TicketDraft | undefined;
  private sending = false;
  private saving: Promise<void> = Promise.resolve();
  /** The fields the form marks as wrong now: each edit checks them again, so a fixed one loses its mark. */
  private markedFields = new Set<DraftProblem['field']>();
  /** The summary above the form shows something (a problem, or a sentence about the last Submit). */
  private problemsShown = false;
  /** Every message posted to the page, for the tests' view of what the page was told. */
  private readonly posted: ToFormMessage[] = [];

  /** Built on first use; register.ts registers the serializer at activation and hands restored panels to it. */
  constructor(private readonly deps: NewTicketFormDeps) {}

  /** Opens the form (or reveals it). A prefill is added to the draft, never replacing what the user typed. */
  async open(prefill?: Prefill): Promise<void> {
    const draft = await this.loadDraft();
    if (prefill) {
      this.draft = { ...draft, ...mergePrefill(draft, prefill) };
      await this.saveDraft();
      this.post({ type: 'draft', draft: this.draft });
    }
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      NEW_TICKET_VIEW_TYPE,
      t('New Ticket'),
      vscode.ViewColumn.Active,
      this.webviewOptions(),
    );
    this.adopt(panel);
  }

  /** After a window reload VS Code hands the form back; the draft comes from storage. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.adopt(panel);
  }

  /**
   * Another account, or none: the form shows that account's draft (the other's draft and attachment keys leave the
   * screen and memory). What was typed while signed out goes with the account signed in to, unless it has a draft.
   */
  async accountChanged(change: AccountChange): Promise<void> {
    if (change.kind === 'credentials') return;
    const typedSignedOut =
      change.kind === 'signedIn' && this.draft && !isDraftEmpty(this.draft) ? this.draft : undefined;
    this.draft = undefined;
    const draft = await this.loadDraft();
    if (typedSignedOut && isDraftEmpty(draft)) {
      this.draft = { ...typedSignedOut, attachments: [] };
      await this.saveDraft();
    }
    if (!this.panel) return;
    this.post({ type: 'draft', draft: await this.loadDraft() });
    await this.loadProducts();
  }

  isOpen(): boolean {
    return !!this.panel;
  }

  /** The stored draft (secret included), as the next Submit would send it. */
  async currentDraft(): Promise<TicketDraft> {
    return { ...(await this.loadDraft()) };
  }

  postedMessages(): ToFormMessage[] {
    return [...this.posted];
  }

  /** What the page does, for the extension-host tests: the same path as a real message. */
  receive(raw: unknown): Promise<void> {
    return this.handle(raw);
  }

  dispose(): void {
    this.panel?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'tickets.svg');
    const media = (file: string) =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', file)).toString();
    panel.webview.html = renderNewTicketHtml(
      {
        cspSource: panel.webview.cspSource,
        nonce: createNonce(),
        styleUri: media('newTicket.css'),
        scriptUri: media('newTicket.js'),
      },
      { isMac: process.platform === 'darwin' },
    );
    this.panelSubscriptions = [
      panel.webview.onDidReceiveMessage((raw) => void this.handle(raw)),
      panel.onDidDispose(() => {
        this.panelSubscriptions.forEach((s) => s.dispose());
        this.panelSubscriptions = [];
        this.panel = undefined;
      }),
    ];
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'media')],
    };
  }

  private post(message: ToFormMessage): void {
    this.posted.push(message);
    if (this.posted.length > 200) this.posted.shift();
    void this.panel?.webview.postMessage(message);
  }

  private async handle(raw: unknown): Promise<void> {
    const message = parseFormMessage(raw);
    if (!message) return;
    try {
      await this.dispatch(message);
    } catch (error) {
      this.deps.log.warn(`New Ticket: ${describeError(error)}`);
    }
  }

  private async dispatch(message: FromFormMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post({ type: 'draft', draft: await this.loadDraft() });
        return this.loadProducts();
      case 'retryProducts':
        return this.loadProducts();
      case 'loadCategories':
        return this.loadCategories(message.productId);
      case 'draftChanged':
        // Attachments are the extension's to change (uploads): the page's copy may be older.
        this.draft = { ...message.draft, attachments: (await this.loadDraft()).attachments };
        this.recheck(this.draft);
        return this.saveDraft();
      case 'addAttachments':
        return this.addAttachments();
      case 'removeAttachment': {
        const draft = await this.loadDraft();
        this.draft = { ...draft, attachments: draft.attachments.filter((_, i) => i !== message.index) };
        await this.saveDraft();
        this.post({ type: 'attachments', attachments: this.draft.attachments });
        return;
      }
      case 'submit':
        return this.submit({ ...message.draft, attachments: (await this.loadDraft()).attachments });
      case 'cancel':
        // The draft stays: New Ticket brings it back.
        this.panel?.dispose();
        return;
      case 'discard': {
        // No question first: the draft can be brought back with Undo, so nothing is lost by a slip.
        const discarded = await this.loadDraft();
        await this.clearDraft();
        this.panel?.dispose();
        if (!isDraftEmpty(discarded)) {
          const undo = t('Undo');
          void vscode.window.showInformationMessage(t('The ticket draft was discarded.'), undo).then(async (choice) => {
            if (choice !== undo) return;
            this.draft = discarded;
            await this.saveDraft();
            await this.open();
          });
        }
        return;
      }
    }
  }

  /** Shows what is wrong and remembers which fields that marks. */
  private showProblems(problems: DraftProblem[], message?: string): void {
    this.markedFields = new Set(problems.map((p) => p.field));
    this.problemsShown = problems.length > 0 || !!message;
    this.post({ type: 'problems', problems, ...(message ? { message } : {}) });
  }

  /**
   * After an edit: the marked fields are checked again (a fixed one loses its mark and its line; one still wrong keeps
   * them), no field is newly marked while the user is typing, and the summary's sentence about the last Submit goes
   * (the draft is not the one it was about any more).
   */
  private recheck(draft: TicketDraft): void {
    if (!this.problemsShown) return;
    // A missing product becomes a missing category once a product is chosen: the same mark, moved.
    const watched = new Set(this.markedFields);
    if (watched.has('product')) watched.add('category');
    const problems = checkDraft(draft).filter((p) => watched.has(p.field));
    this.markedFields = new Set(problems.map((p) => p.field));
    this.problemsShown = problems.length > 0;
    this.post({ type: 'problems', problems, live: true });
  }

  private async submit(draft: TicketDraft): Promise<void> {
    if (this.sending) return;
    this.draft = draft;
    await this.saveDraft();
    const problems = checkDraft(draft);
    if (problems.some((p) => p.blocking)) {
      this.showProblems(problems);
      return;
    }
    const client = await this.deps.getClient().catch(() => undefined);
    if (!client) {
      this.showProblems([], t('Sign in to send the ticket. The draft is kept.'));
      const choice = await vscode.window.showWarningMessage(
        t('Sign in to Alibaba Cloud to send the ticket. The draft is kept.'),
        t('Sign In'),
      );
      if (choice) await this.deps.signIn();
      return;
    }
    // Credentials in the title or description: the user chooses (SecretInfo, redacted, or not now) before it leaves.
    const guarded = await guardTicket(draft, this.deps.askAboutSecrets);
    if (!guarded || this.sending) {
      if (!guarded)
        this.post({
          type: 'problems',
          problems,
          message: t('Nothing was sent: the ticket looks like it contains credentials. The draft is kept.'),
        });
      return;
    }
    const outgoing = { ...draft, ...guarded };
    this.sending = true;
    this.post({ type: 'sending', sending: true });
    try {
      const outcome = await submitDraft(client, outgoing);
      if (outcome.kind === 'created') {
        this.deps.log.info(
          `New Ticket: created ${outcome.ticketId}${outcome.confirmedBy === 'list' ? ' (found in the list after an unknown outcome)' : ''}`,
        );
        await this.clearDraft();
        this.panel?.dispose();
        await this.deps.refreshTickets();
        await this.deps.openTicket(outcome.ticketId);
        void vscode.window.showInformationMessage(t('Ticket {0} created.', notificationText(outcome.ticketId, 64)));
        return;
      }
      const sentence = errorText(outcome.error);
      const message =
        outcome.kind === 'unconfirmed'
          ? t(
              '{0} No new ticket with this title was found among the tickets created in the last minutes, so it was probably not created: Submit sends it again. The draft is kept.',
              sentence,
            )
          : t('The ticket was not created. {0} The draft is kept.', sentence);
      this.showProblems(
        problems.filter((p) => !p.blocking),
        message,
      );
      // The buttons come from the error policy. Retry sends again only after a refusal, where the server did nothing;
      // after an unknown outcome the policy offers none, and the next Submit is the user's.
      if (outcome.kind === 'failed') {
        void showTicketError(
          outcome.error,
          { retry: () => this.submit(draft) },
          t('The ticket was not created; the draft is kept.'),
        );
      }
    } finally {
      this.sending = false;
      this.post({ type: 'sending', sending: false });
    }
  }

  private async loadProducts(): Promise<void> {
    try {
      const client = await this.deps.getClient();
      if (!client) {
        this.post({ type: 'productsFailed', message: t('Sign in to load the products. The draft is kept.') });
        return;
      }
      // The other catalogue language too (its names are searched as well: "对象存储" in English, "Object" in Chinese);
      // the form works without it.
      const language = this.deps.language();
      const other: CatalogLanguage = language === 'zh' ? 'en' : 'zh';
      const [shown, others] = await Promise.all([
        client.listProducts({ language }),
        client.listProducts({ language: other }).catch(() => []),
      ]);
      this.post({ type: 'products', directories: withOtherNames(shown, [others]) });
    } catch (error) {
      this.post({ type: 'productsFailed', message: errorText(error) });
    }
  }

  private async loadCategories(productId: string): Promise<void> {
    try {
      const client = await this.deps.getClient();
      if (!client) {
        this.post({ type: 'categoriesFailed', productId, message: t('Sign in to load the categories.') });
        return;
      }
      this.post({
        type: 'categories',
        productId,
        categories: await client.listCategories(productId, { language: this.deps.language() }),
      });
    } catch (error) {
      this.post({ type: 'categoriesFailed', productId, message: errorText(error) });
    }
  }

  private async addAttachments(): Promise<void> {
    const files = await vscode.window.showOpenDialog({
      canSelectMany: true,
      openLabel: t('Attach'),
      title: t('Attach files to the new ticket'),
    });
    if (!files?.length) return;
    const client = await this.deps.getClient().catch(() => undefined);
    if (!client) {
      void vscode.window.showWarningMessage(t('Sign in to upload attachments. The draft is kept.'));
      return;
    }
    for (const file of files) {
      const name = file.path.split('/').pop() || 'attachment';
      try {
        const bytes = await vscode.workspace.fs.readFile(file);
        const objectKey = await client.uploadAttachment(name, bytes, {
          onProgress: (sent, total) =>
            this.post({
              type: 'attachments',
              attachments: this.draft?.attachments ?? [],
              uploading: { name, percent: total ? Math.floor((sent / total) * 100) : 0 },
            }),
        });
        const draft = await this.loadDraft();
        this.draft = { ...draft, attachments: [...draft.attachments, { name, objectKey, size: bytes.byteLength }] };
        await this.saveDraft();
      } catch (error) {
        void showTicketError(error, {}, t('{0} was not attached.', name));
      }
      this.post({ type: 'attachments', attachments: (await this.loadDraft()).attachments });
    }
  }

  private async loadDraft(): Promise<TicketDraft> {
    if (!this.draft) {
      const scope = this.deps.scope();
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

  /** Writes in order: the last edit wins even when the storage answers slowly. Signed out, it stays in memory. */
  private saveDraft(): Promise<void> {
    const draft = this.draft ?? EMPTY_DRAFT;
    const { secret, ...rest } = draft;
    // The account the edit was made under keeps it, even if another is signed in by the time it is written.
    const scope = this.deps.scope();
    if (!scope) return this.saving;
    this.saving = this.saving
      .then(async () => {
        await scope.memento.update(NEW_TICKET_DRAFT_KEY, isDraftEmpty(draft) ? undefined : rest);
        if (secret) await scope.secrets.store(NEW_TICKET_SECRET_KEY, secret);
        else await scope.secrets.delete(NEW_TICKET_SECRET_KEY);
      })
      .catch((error) => this.deps.log.warn(`New Ticket: the draft could not be saved: ${String(error)}`));
    return this.saving;
  }

  private async clearDraft(): Promise<void> {
    this.draft = { ...EMPTY_DRAFT };
    await this.saveDraft();
  }
}
