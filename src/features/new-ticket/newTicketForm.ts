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
import type { CatalogLanguage } from '../../api/types';
import type { AccountChange, AccountScope } from '../../common/accountScope';
import { pageResources } from '../../common/webviewPage';
import { attachFiles } from './attachFiles';
import { loadCategories, loadProducts, type CatalogueDeps } from './catalogue';
import { checkDraft, isDraftEmpty, type DraftProblem, type TicketDraft } from './draft';
import { NewTicketDraftKeeper } from './draftKeeper';
import type { NewTicketClient } from './newTicketClient';
import { mergePrefill, type Prefill } from './prefill';
import { parseFormMessage, type FromFormMessage, type ToFormMessage } from './protocol';
import { renderNewTicketHtml } from './render';
import { submitDraft } from './submit';
import { guardTicket, type AskAboutSecrets } from '../secret-guard/guard';
import { notificationText } from '../../common/untrustedText';

export type { NewTicketClient } from './newTicketClient';
export const NEW_TICKET_VIEW_TYPE = WebviewTypes.newTicketForm;

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
  private readonly drafts: NewTicketDraftKeeper;
  private readonly catalogue: CatalogueDeps;
  private sending = false;
  private readonly postedEmitter = new vscode.EventEmitter<ToFormMessage>();
  /** A message was posted to the page (whether or not the page was there to take it). */
  readonly onDidPost = this.postedEmitter.event;
  /** The fields the form marks as wrong now: each edit checks them again, so a fixed one loses its mark. */
  private markedFields = new Set<DraftProblem['field']>();
  /** The summary above the form shows something (a problem, or a sentence about the last Submit). */
  private problemsShown = false;

  /** Built on first use; register.ts registers the serializer at activation and hands restored panels to it. */
  constructor(private readonly deps: NewTicketFormDeps) {
    this.drafts = new NewTicketDraftKeeper(deps.scope, (message) => deps.log.warn(message));
    this.catalogue = { getClient: deps.getClient, language: deps.language, post: (message) => this.post(message) };
  }

  /** Opens the form (or reveals it). A prefill is added to the draft, never replacing what the user typed. */
  async open(prefill?: Prefill): Promise<void> {
    const draft = await this.drafts.load();
    if (prefill) {
      const merged = { ...draft, ...mergePrefill(draft, prefill) };
      await this.drafts.save(merged);
      this.post({ type: 'draft', draft: merged });
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
    const typed = this.drafts.peek();
    const typedSignedOut = change.kind === 'signedIn' && typed && !isDraftEmpty(typed) ? typed : undefined;
    this.drafts.forget();
    const draft = await this.drafts.load();
    if (typedSignedOut && isDraftEmpty(draft)) await this.drafts.save({ ...typedSignedOut, attachments: [] });
    if (!this.panel) return;
    this.post({ type: 'draft', draft: await this.drafts.load() });
    await loadProducts(this.catalogue);
  }

  isOpen(): boolean {
    return !!this.panel;
  }

  /** The stored draft (secret included), as the next Submit would send it. */
  async currentDraft(): Promise<TicketDraft> {
    return { ...(await this.drafts.load()) };
  }

  /** A message from the page, checked field by field first (the page's messages arrive here). */
  receive(raw: unknown): Promise<void> {
    return this.handle(raw);
  }

  dispose(): void {
    void this.drafts.flush();
    this.postedEmitter.dispose();
    this.panel?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'tickets.svg');
    panel.webview.html = renderNewTicketHtml(pageResources(panel.webview, this.deps.extensionUri, 'newTicket'), {
      isMac: process.platform === 'darwin',
    });
    this.panelSubscriptions = [
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      panel.onDidDispose(() => {
        // What was typed just before closing (Escape, Ctrl+W) is written now, not a moment later.
        void this.drafts.flush();
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
    this.postedEmitter.fire(message);
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
        this.post({ type: 'draft', draft: await this.drafts.load() });
        return loadProducts(this.catalogue);
      case 'retryProducts':
        return loadProducts(this.catalogue);
      case 'loadCategories':
        return loadCategories(this.catalogue, message.productId);
      case 'draftChanged': {
        // Attachments are the extension's to change (uploads): the page's copy may be older.
        const draft = { ...message.draft, attachments: (await this.drafts.load()).attachments };
        this.recheck(draft);
        this.drafts.keep(draft);
        return;
      }
      case 'addAttachments':
        return this.addAttachments();
      case 'removeAttachment': {
        const draft = await this.drafts.load();
        const attachments = draft.attachments.filter((_, i) => i !== message.index);
        await this.drafts.save({ ...draft, attachments });
        this.post({ type: 'attachments', attachments });
        return;
      }
      case 'submit':
        return this.submit({ ...message.draft, attachments: (await this.drafts.load()).attachments });
      case 'cancel':
        // The draft stays (written before the form goes): New Ticket brings it back.
        await this.drafts.flush();
        this.panel?.dispose();
        return;
      case 'discard': {
        // No question first: the draft can be brought back with Undo, so nothing is lost by a slip.
        const discarded = await this.drafts.load();
        await this.drafts.clear();
        this.panel?.dispose();
        if (!isDraftEmpty(discarded)) {
          const undo = t('Undo');
          void vscode.window.showInformationMessage(t('The ticket draft was discarded.'), undo).then(async (choice) => {
            if (choice !== undo) return;
            await this.drafts.save(discarded);
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
    await this.drafts.save(draft);
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
        await this.drafts.clear();
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

  private addAttachments(): Promise<void> {
    return attachFiles({
      getClient: this.deps.getClient,
      attachments: async () => (await this.drafts.load()).attachments,
      add: async (attachment) => {
        const draft = await this.drafts.load();
        await this.drafts.save({ ...draft, attachments: [...draft.attachments, attachment] });
      },
      show: (attachments, uploading) =>
        this.post({ type: 'attachments', attachments, ...(uploading ? { uploading } : {}) }),
    });
  }
}
