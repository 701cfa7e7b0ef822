// What the ticket panel does to a ticket: the reply (its draft, attachments and sending), Close, Reopen and Rate. One
// per panel; it gives each new page the acting part. It keeps the draft in the DraftStore until the server confirmed
// the send, never starts a second write while one is under way, and after a reply whose fate is unknown reloads the
// conversation and looks for the reply before offering to send again. Text that leaves in clear passes the secret
// guard first. No vscode import (the panel hands in its UI calls: actingDeps.ts). The busy rule, the guard and the
// notice are shared by the reply and the three ticket actions (the attachments live in replyAttachments.ts).
import { isTicketApiError } from '../../api/errors';
import { errorText } from '../../common/errorText';
import type { EvaluateTicketInput, Ticket, TicketStatus } from '../../api/types';
import { t } from '../../common/l10n';
import { ticketActions } from '../../tickets/ticketActions';
import { guardText } from '../secret-guard/guard';
import type { PickedFile, TicketActingDeps } from './actingDeps';
import { actingPartMessage } from './actingHtml';
import type { ActingState, BusyAction, DraftText, FromPageMessage, ToPageMessage } from './protocol';
import { MissedMessages } from './missedMessages';
import { checkReplyArrived } from './replyArrival';
import { statusRefusal } from './refusal';
import { ReplyAttachments } from './replyAttachments';
import { ReplyDraft } from './replyDraft';
import { ratedText } from './sentRatings';

export type { PickedFile, TicketActingDeps };

export class TicketActing {
  private actions: ActingState['actions'] = { reply: false, close: false, reopen: false, rate: false };
  private busy: BusyAction | undefined;
  /** The ticket's status as last loaded: a refusal is explained by it. */
  private status: TicketStatus | undefined;
  private offline = false;
  private notice: ActingState['notice'];
  /** The draft as typed reaches storage a moment later, or when the panel closes (the page sends every change). */
  private readonly draft: ReplyDraft;
  private readonly attachments: ReplyAttachments;
  private disposed = false;
  private readonly mustDeliver: MissedMessages;
  private replacePageDraft: boolean;

  constructor(private readonly deps: TicketActingDeps) {
    this.replacePageDraft = deps.replacePageDraft === true;
    this.mustDeliver = new MissedMessages((message) => deps.post(message));
    this.draft = new ReplyDraft(deps.ticketId, deps.drafts, () => this.attachments.uploaded());
    this.attachments = new ReplyAttachments(
      {
        upload: (name, bytes, options) => deps.writes.upload(name, bytes, options),
        changed: () => this.postState(),
        persist: () => this.draft.persist(),
      },
      this.draft.storedAttachments,
    );
    this.draft.loadStored(
      (draft) => this.deliver({ type: 'draft', draft, replace: true }),
      () => this.disposed,
    );
  }

  /** The ticket as loaded: which actions its status makes sensible (none `offline`: a kept reply says why). */
  setTicket(ticket: Pick<Ticket, 'status'> | undefined, offline = false): void {
    this.status = ticket?.status;
    const next = ticketActions(ticket?.status?.value);
    // Rated from here already: the panel says so instead (the API reads no rating back).
    if (next.rate && this.deps.ratings?.get(this.deps.ticketId)) next.rate = false;
    if (JSON.stringify(next) === JSON.stringify(this.actions) && offline === this.offline) return;
    this.actions = next;
    this.offline = offline;
    // An error was about what the old status allowed (a refused reply): it goes once the status moved on.
    if (this.notice?.kind === 'error') this.notice = undefined;
    this.postState();
  }

  /** The page (re)started: it gets the acting part, the state and the stored draft (used only if it has none). */
  onReady(): void {
    this.deps.post(actingPartMessage());
    this.postState();
    const missed = this.mustDeliver.take();
    if (!missed.some((m) => m.type === 'draft'))
      this.deps.post({
        type: 'draft',
        draft: { text: this.draft.text, encrypt: this.draft.encrypt },
        replace: this.replacePageDraft,
      });
    this.replacePageDraft = false;
    for (const message of missed) this.deliver(message);
  }

  /** Posts a message the page must not miss: kept for its next 'ready' when it is not there now. */
  private deliver(message: ToPageMessage): void {
    this.mustDeliver.deliver(message);
  }

  /** What the page shows now (for tests and the panel). */
  state(): ActingState {
    return {
      actions: this.actions,
      busy: this.busy,
      attachments: this.attachments.views(),
      notice: this.notice,
      offline: this.offline,
      // Where Rate would be offered.
      rated: ticketActions(this.status?.value).rate ? ratedText(this.deps.ratings?.get(this.deps.ticketId)) : undefined,
    };
  }

  /** The reply text as the panel last heard it. */
  draftText(): string {
    return this.draft.text;
  }

  /**
   * Puts `text` in the reply box (an agent drafted it and the user agreed): kept at once, shown in the page, the
   * Confidential switch and the attachments left as they are.
   */
  async replaceText(text: string): Promise<void> {
    this.draft.text = text;
    await this.draft.persist();
    this.deliver({ type: 'draft', draft: { text, encrypt: this.draft.encrypt }, replace: true });
  }

  /** Handles a page message that concerns acting; false when it is not one. */
  handle(message: FromPageMessage): boolean {
    switch (message.type) {
      case 'draftChanged':
        this.draft.set(message.draft);
        return true;
      case 'send':
        void this.send(message.draft);
        return true;
      case 'pickFiles':
        void this.pick();
        return true;
      case 'dropFile':
        void this.attach(message.name, message.bytes.byteLength, () => Promise.resolve(message.bytes));
        return true;
      case 'removeAttachment':
        this.remove(message.id);
        return true;
      case 'discardDraft':
        void this.discard();
        return true;
      case 'closeTicket':
        void this.close();
        return true;
      case 'reopen':
        void this.reopen(message.reason);
        return true;
      case 'rate':
        void this.rate({ solved: message.solved, score: message.score, content: message.comment.trim() || undefined });
        return true;
      default:
        return false;
    }
  }

  /**
   * The page is gone: what was typed last is written now. 'drop' when another account is signed in: the storage of the
   * one this part was made for may be gone with it (signing out removes it), and nothing may be written there again.
   */
  dispose(pendingDraft: 'write' | 'drop' = 'write'): void {
    // Uploads under way finish and are kept with the draft; only the page is gone.
    this.disposed = true;
    this.draft.close(pendingDraft);
  }

  private postState(): void {
    if (!this.disposed) this.deps.post({ type: 'acting', state: this.state() });
  }

  private setNotice(kind: 'error' | 'warning' | 'success', text: string): void {
    this.notice = { kind, text };
  }

  private async pick(): Promise<void> {
    const files = await this.deps.pickFiles();
    await Promise.all(files.map((file) => this.attach(file.name, file.size, () => file.read(), file.regular)));
  }

  /** Adds an attachment and uploads it at once (with progress); a refused or failed one stays listed with the reason. */
  attach(name: string, size: number, read: () => PromiseLike<Uint8Array>, regular = true): Promise<void> {
    this.notice = undefined;
    return this.attachments.add(name, size, read, regular);
  }

  private remove(id: string): void {
    // The reply being sent names its attachments already.
    if (this.busy === 'send' || this.busy === 'check') return;
    this.attachments.remove(id);
  }

  /** Starts a write unless one is under way; returns false if it did not start. */
  private begin(busy: BusyAction): boolean {
    if (this.busy) return false;
    this.busy = busy;
    this.notice = undefined;
    this.postState();
    return true;
  }

  private end(): void {
    this.busy = undefined;
    this.postState();
  }

  private async send(draft: DraftText): Promise<void> {
    if (this.busy) return;
    this.draft.set(draft);
    const problem = this.sendProblem();
    if (problem) {
      this.setNotice('error', problem);
      this.postState();
      return;
    }
    this.begin('send');
    // Credentials in a reply that is not Confidential: the user chooses before anything leaves (busy meanwhile).
    const { text, encrypt } = this.draft;
    const guarded = encrypt ? { text, confidential: true } : await this.guard(text, 'reply');
    if (!guarded) return this.end();
    if (guarded.confidential && !encrypt) {
      this.draft.encrypt = true;
      this.deliver({ type: 'draft', draft: { text, encrypt: true }, replace: true });
    }
    const content = guarded.text;
    const objectKeys = this.attachments.uploaded().map((a) => a.objectKey);
    const startedAt = (this.deps.now ?? Date.now)();
    try {
      await this.draft.persist();
      await this.deps.writes.reply(this.deps.ticketId, content, {
        encrypt: this.draft.encrypt,
        attachments: objectKeys.length ? objectKeys : undefined,
      });
      await this.sent(t('Reply sent.'), objectKeys);
      this.deps.onReplied?.();
    } catch (error) {
      if (isTicketApiError(error) && error.kind === 'unknownOutcome') {
        await this.checkArrived(content, startedAt, error, objectKeys);
      } else {
        // A refusal may come from a status that moved since the panel loaded: the reloaded ticket says which.
        if (isTicketApiError(error) && error.kind === 'badRequest') await this.reloadQuietly();
        this.setNotice(
          'error',
          statusRefusal('reply', error, this.status) ??
            t('The reply was not sent: {0} Your text and attachments are kept.', errorText(error)),
        );
        this.end();
      }
    }
  }

  /** The user let go of a reply the ticket no longer takes: text and attachments go, from the page and storage. */
  private async discard(): Promise<void> {
    if (this.busy) return;
    this.attachments.clear();
    await this.draft.emptied(false);
    this.notice = undefined;
    this.deliver({ type: 'draft', draft: { text: '', encrypt: false }, replace: true });
    this.postState();
  }

  /** What stops a send before it starts (the server judges the rest). */
  private sendProblem(): string | undefined {
    if (!this.draft.text.trim()) return t('Write a reply before sending.');
    return this.attachments.problem();
  }

  /**
   * The server took the reply: the draft goes, the box empties, the conversation shows the reply. Files attached while
   * it was sending were not part of it: they stay, uploaded, in the draft for the next reply, and the notice says so.
   */
  private async sent(notice: string, sentKeys: readonly string[]): Promise<void> {
    const kept = this.attachments.removeSent(sentKeys);
    await this.draft.emptied(kept.length > 0);
    this.deliver({ type: 'draft', draft: { text: '', encrypt: false }, replace: true });
    this.setNotice(
      'success',
      kept.length
        ? t('{0} {1} was added while it was sending and waits for your next reply.', notice, kept.join(t(', ')))
        : notice,
    );
    // The reply shows in the conversation and the buttons follow the new status as the write ends.
    await this.reloadQuietly();
    this.end();
  }

  /** After an unknown outcome: is the reply in the conversation now? Only then is the draft dropped. */
  private async checkArrived(
    content: string,
    startedAt: number,
    error: unknown,
    sentKeys: readonly string[],
  ): Promise<void> {
    this.busy = 'check';
    this.setNotice('warning', t('No clear answer from the server: checking whether your reply arrived…'));
    this.postState();
    const check = await checkReplyArrived(
      () => this.deps.writes.findReply(this.deps.ticketId, content, startedAt),
      error,
    );
    if (check.arrived) {
      await this.sent(check.notice, sentKeys);
      this.deps.onReplied?.();
      return;
    }
    this.setNotice('error', check.notice);
    await this.reloadQuietly();
    this.end();
  }

  private async close(): Promise<void> {
    if (this.busy || !(await this.deps.confirmClose())) return;
    await this.act(
      'close',
      t('Ticket closed.'),
      (reason) => t('The ticket was not closed: {0}', reason),
      () => this.deps.writes.close(this.deps.ticketId),
    );
  }

  private async reopen(reason: string): Promise<void> {
    if (!reason.trim()) {
      this.setNotice('error', t('Say why the ticket is reopened: the reason is sent to support.'));
      this.postState();
      return;
    }
    const done = await this.act(
      'reopen',
      t('Ticket reopened.'),
      (reason) => t('The ticket was not reopened: {0}', reason),
      async (text) => {
        await this.deps.writes.reopen(this.deps.ticketId, text ?? reason);
        // Done again later, it may be rated again.
        await this.deps.ratings?.remember(this.deps.ticketId, undefined);
      },
      { text: reason, outgoing: 'reopen' },
    );
    if (done) this.deliver({ type: 'formDone', form: 'reopen' });
  }

  private async rate(rating: EvaluateTicketInput): Promise<void> {
    const done = await this.act(
      'rate',
      t('Thank you: your rating was sent.'),
      (reason) => t('The rating was not sent: {0}', reason),
      async (text) => {
        await this.deps.writes.rate(this.deps.ticketId, { ...rating, content: text ?? rating.content });
        await this.deps.ratings?.remember(this.deps.ticketId, { solved: rating.solved, score: rating.score });
      },
      rating.content ? { text: rating.content, outgoing: 'rating' } : undefined,
    );
    if (done) this.deliver({ type: 'formDone', form: 'rate' });
  }

  /** The secret guard before `text` leaves in clear: the text to send, or undefined (cancelled, with a notice). */
  private async guard(
    text: string,
    outgoing: 'reply' | 'reopen' | 'rating',
  ): Promise<{ text: string; confidential: boolean } | undefined> {
    const guarded = await guardText(text, outgoing, this.deps.askAboutSecrets);
    if (!guarded) {
      this.setNotice('warning', t('Nothing was sent: the text looks like it contains credentials. Your text is kept.'));
      this.postState();
    }
    return guarded;
  }

  /** One write (its text through the secret guard first) with its notice; the ticket is reloaded afterwards whatever happened (the status may have moved). */
  private async act(
    busy: 'close' | 'reopen' | 'rate',
    success: string,
    failure: (reason: string) => string,
    run: (guardedText?: string) => PromiseLike<unknown>,
    text?: { text: string; outgoing: 'reopen' | 'rating' },
  ): Promise<boolean> {
    if (!this.begin(busy)) return false;
    // The text it sends passes the secret guard first; a Cancel ends the action with nothing sent.
    const guarded = text && (await this.guard(text.text, text.outgoing));
    if (text && !guarded) {
      this.end();
      return false;
    }
    let failed: { error: unknown } | undefined;
    try {
      await run(guarded ? guarded.text : undefined);
    } catch (error) {
      failed = { error };
    }
    // The status may have moved either way: the buttons follow it as the write ends, and a refusal is told by it.
    await this.reloadQuietly();
    if (!failed) this.setNotice('success', success);
    else this.setNotice('error', statusRefusal(busy, failed.error, this.status) ?? failure(errorText(failed.error)));
    this.end();
    return !failed;
  }

  private async reloadQuietly(): Promise<void> {
    try {
      await this.deps.reload();
    } catch {
      // The panel shows its own loading errors.
    }
  }
}
