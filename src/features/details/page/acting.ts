// The acting part of the page: the reply box (grows with the text, Ctrl/Cmd+Enter sends, confidential switch,
// attachments by picker or drop), Close / Reopen / Rate and their forms. What is typed goes to the page state at once
// (a tab switch keeps it) and to the extension shortly after (closing the panel or a reload keeps it). Every label
// and file name is set as text, never as HTML; the words are the extension's (PageStrings, in the display language).
import { formatMessage } from '../../../common/l10n';
import { findSecrets, maskSecrets } from '../../secret-guard/secretShapes';
import {
  MAX_DROP_BYTES,
  type ActingState,
  type DraftText,
  type PageStrings,
  type PanelState,
  type ToPageMessage,
} from '../protocol';
import { attachmentItem } from './attachmentItem';
import type { PageState } from './pageState';
import type { VsCodeApi } from './vscodeApi';

type Form = 'reopen' | 'rate';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
}

/** Each action button's words (keys of PageStrings): idle, and while its write is under way. */
const BUSY_LABELS: Record<string, [keyof PageStrings, keyof PageStrings]> = {
  'send-button': ['sendReply', 'sending'],
  'reopen-submit': ['reopenTicket', 'reopening'],
  'rate-submit': ['sendRating', 'sending'],
  'close-button': ['closeTicket', 'closing'],
};

export class ActingPage {
  private readonly section = byId<HTMLElement>('acting');
  private readonly notice = byId<HTMLElement>('acting-notice');
  private readonly replyForm = byId<HTMLFormElement>('reply-form');
  private readonly text = byId<HTMLTextAreaElement>('reply-text');
  private readonly encrypt = byId<HTMLInputElement>('reply-encrypt');
  private readonly list = byId<HTMLUListElement>('attachment-list');
  private readonly dropZone = byId<HTMLElement>('drop-zone');
  private readonly forms: Record<Form, HTMLFormElement> = { reopen: byId('reopen-form'), rate: byId('rate-form') };
  private readonly openers: Record<Form, HTMLButtonElement> = {
    reopen: byId('reopen-button'),
    rate: byId('rate-button'),
  };
  private state: ActingState | undefined;
  private localProblem: string | undefined;

  constructor(
    private readonly vscode: VsCodeApi<PanelState>,
    private readonly pageState: PageState,
    private readonly strings: PageStrings,
  ) {
    const saved = pageState.get();
    if (saved.draft) this.showDraft(saved.draft);
    if (saved.reopen) {
      byId<HTMLTextAreaElement>('reopen-reason').value = saved.reopen.reason;
      this.forms.reopen.hidden = !saved.reopen.open;
    }
    if (saved.rate) this.restoreRating(saved.rate);
    this.wire();
  }

  /** Messages for this part of the page; false when the message is not one. */
  handle(message: ToPageMessage): boolean {
    switch (message.type) {
      case 'acting':
        this.state = message.state;
        this.render();
        return true;
      case 'draft': {
        // The page's own text is newer than what the extension stored, except after a send or a switch (replace). A
        // text withheld from the page's state (savedDraft) is only the extension's, so its copy is the one to show.
        const own = this.pageState.get().draft;
        if (message.replace || !own?.text) {
          this.showDraft(message.draft);
          this.pageState.update({ draft: savedDraft(message.draft) });
          // A kept draft shows (read-only) or goes with its text.
          this.render();
        } else if (own.text !== message.draft.text || own.encrypt !== message.draft.encrypt) {
          // The page kept text the extension has not stored (typed just before a reload, which took the extension's
          // pending write with it): the extension stores it now, so closing the panel keeps it.
          this.vscode.postMessage({ type: 'draftChanged', draft: this.currentDraft() });
        }
        return true;
      }
      case 'formDone':
        this.resetForm(message.form);
        return true;
      default:
        return false;
    }
  }

  private wire(): void {
    this.text.addEventListener('input', () => {
      this.grow();
      this.draftEdited();
    });
    this.encrypt.addEventListener('change', () => this.draftEdited());
    this.text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.send();
      }
    });
    this.replyForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    byId('attach-button').addEventListener('click', () => this.vscode.postMessage({ type: 'pickFiles' }));
    byId('discard-button').addEventListener('click', () => this.vscode.postMessage({ type: 'discardDraft' }));
    this.list.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest<HTMLElement>('button[data-remove]') : null;
      if (button?.dataset.remove) this.vscode.postMessage({ type: 'removeAttachment', id: button.dataset.remove });
    });
    this.wireDrop();
    byId('close-button').addEventListener('click', () => this.vscode.postMessage({ type: 'closeTicket' }));
    for (const form of ['reopen', 'rate'] as Form[]) {
      this.openers[form].addEventListener('click', () => this.openForm(form));
      this.forms[form].addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          this.closeForm(form);
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          this.forms[form].requestSubmit();
        }
      });
      this.forms[form].querySelector(`[data-cancel="${form}"]`)?.addEventListener('click', () => this.closeForm(form));
      this.forms[form].addEventListener('input', () => this.saveForms());
    }
    this.forms.reopen.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitReopen();
    });
    this.forms.rate.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitRating();
    });
  }

  private wireDrop(): void {
    const zone = this.dropZone;
    const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    zone.addEventListener('dragover', (event) => {
      if (!hasFiles(event) || this.replyForm.classList.contains('kept')) return;
      event.preventDefault();
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (event) => {
      zone.classList.remove('dragging');
      if (!hasFiles(event)) return;
      event.preventDefault();
      for (const file of Array.from(event.dataTransfer?.files ?? [])) void this.dropFile(file);
    });
  }

  private async dropFile(file: File): Promise<void> {
    if (file.size > MAX_DROP_BYTES) {
      this.localProblem = formatMessage(
        this.strings.fileTooLarge,
        file.name,
        (file.size / 1024 / 1024).toFixed(1),
        MAX_DROP_BYTES / 1024 / 1024,
      );
      this.render();
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    this.vscode.postMessage({ type: 'dropFile', name: file.name, bytes });
  }

  private currentDraft(): DraftText {
    return { text: this.text.value, encrypt: this.encrypt.checked };
  }

  private draftEdited(): void {
    const draft = this.currentDraft();
    this.pageState.update({ draft: savedDraft(draft) });
    // Every change at once: the page can go any moment (Ctrl+W right after typing) and takes no timer with it. The
    // extension writes each change it is told (details/replyDraft.ts).
    this.vscode.postMessage({ type: 'draftChanged', draft });
  }

  private send(): void {
    if (this.state?.busy || this.replyForm.classList.contains('kept')) return;
    this.localProblem = undefined;
    this.vscode.postMessage({ type: 'send', draft: this.currentDraft() });
  }

  private showDraft(draft: DraftText): void {
    this.text.value = draft.text;
    this.encrypt.checked = draft.encrypt;
    this.grow();
  }

  /** The box grows with its text (up to most of the window), then scrolls. */
  private grow(): void {
    this.text.style.height = 'auto';
    this.text.style.height = `${Math.min(this.text.scrollHeight + 2, Math.max(160, window.innerHeight * 0.6))}px`;
  }

  private openForm(form: Form): void {
    for (const other of ['reopen', 'rate'] as Form[]) if (other !== form) this.forms[other].hidden = true;
    this.forms[form].hidden = false;
    this.saveForms();
    const first = this.forms[form].querySelector<HTMLElement>('textarea, input');
    first?.focus();
  }

  private closeForm(form: Form): void {
    this.forms[form].hidden = true;
    this.saveForms();
    this.openers[form].focus();
  }

  private resetForm(form: Form): void {
    this.forms[form].reset();
    this.forms[form].hidden = true;
    byId('rate-problem').hidden = true;
    byId('reopen-problem').hidden = true;
    this.saveForms();
  }

  private rating(): { solved?: boolean; score?: number; comment: string } {
    const solved = this.forms.rate.querySelector<HTMLInputElement>('input[name="solved"]:checked')?.value;
    const score = this.forms.rate.querySelector<HTMLInputElement>('input[name="score"]:checked')?.value;
    return {
      solved: solved === undefined ? undefined : solved === 'yes',
      score: score === undefined ? undefined : Number(score),
      comment: byId<HTMLTextAreaElement>('rate-comment').value,
    };
  }

  private restoreRating(saved: NonNullable<PanelState['rate']>): void {
    this.forms.rate.hidden = !saved.open;
    byId<HTMLTextAreaElement>('rate-comment').value = saved.comment;
    if (saved.solved !== undefined) {
      const radio = this.forms.rate.querySelector<HTMLInputElement>(
        `input[name="solved"][value="${saved.solved ? 'yes' : 'no'}"]`,
      );
      if (radio) radio.checked = true;
    }
    if (saved.score !== undefined) {
      const radio = this.forms.rate.querySelector<HTMLInputElement>(`input[name="score"][value="${saved.score}"]`);
      if (radio) radio.checked = true;
    }
  }

  private saveForms(): void {
    const rating = this.rating();
    this.pageState.update({
      // Only the page keeps these until they are sent: a key typed in them is kept masked (the guard would stop it).
      reopen: {
        open: !this.forms.reopen.hidden,
        reason: maskSecrets(byId<HTMLTextAreaElement>('reopen-reason').value),
      },
      rate: { open: !this.forms.rate.hidden, ...rating, comment: maskSecrets(rating.comment) },
    });
  }

  /** The reason is asked for beside its box, as the rating's missing choices are. */
  private submitReopen(): void {
    const reason = byId<HTMLTextAreaElement>('reopen-reason').value;
    const problem = byId('reopen-problem');
    problem.textContent = this.strings.sayWhyReopen;
    problem.hidden = reason.trim() !== '';
    if (!problem.hidden) return byId('reopen-reason').focus();
    this.vscode.postMessage({ type: 'reopen', reason });
  }

  private submitRating(): void {
    const rating = this.rating();
    const problem = byId('rate-problem');
    if (rating.solved === undefined || rating.score === undefined) {
      problem.textContent = rating.solved === undefined ? this.strings.sayWhetherSolved : this.strings.chooseScore;
      problem.hidden = false;
      return;
    }
    problem.hidden = true;
    this.vscode.postMessage({ type: 'rate', solved: rating.solved, score: rating.score, comment: rating.comment });
  }

  private render(): void {
    const state = this.state;
    if (!state) return;
    const { actions, busy } = state;
    // A reply the status no longer takes stays in view, read-only, until it can be sent again or is discarded.
    const kept = !actions.reply && (this.text.value.trim() !== '' || state.attachments.length > 0);
    this.section.hidden = !(actions.reply || kept || actions.close || actions.reopen || actions.rate);
    this.replyForm.hidden = !actions.reply && !kept;
    this.replyForm.classList.toggle('kept', kept);
    // Why it is not sent: the ticket's status, or no server to send it to.
    byId('reply-kept').hidden = !kept || state.offline === true;
    byId('reply-kept-offline').hidden = !kept || state.offline !== true;
    byId('send-button').hidden = kept;
    byId('discard-button').hidden = !kept;
    byId('attach-button').hidden = kept;
    byId('drop-hint').hidden = kept;
    this.dropZone.hidden = kept && state.attachments.length === 0;
    byId('close-button').hidden = !actions.close;
    this.openers.reopen.hidden = !actions.reopen;
    this.openers.rate.hidden = !actions.rate;
    byId('rated-note').hidden = !state.rated;
    byId('rated-note').textContent = state.rated ?? '';
    if (!actions.reopen) this.forms.reopen.hidden = true;
    if (!actions.rate) this.forms.rate.hidden = true;

    const busyButton =
      busy === 'send' || busy === 'check'
        ? 'send-button'
        : busy === 'reopen'
          ? 'reopen-submit'
          : busy === 'rate'
            ? 'rate-submit'
            : busy === 'close'
              ? 'close-button'
              : '';
    for (const [id, [idle, working]] of Object.entries(BUSY_LABELS)) {
      const button = byId<HTMLButtonElement>(id);
      button.textContent = this.strings[id === busyButton ? (busy === 'check' ? 'checking' : working) : idle];
      // One write at a time: every action button waits while one is under way.
      button.disabled = busy !== undefined;
    }
    const sending = busy === 'send' || busy === 'check';
    this.text.readOnly = sending || kept;
    this.encrypt.disabled = sending || kept;
    byId<HTMLButtonElement>('attach-button').disabled = sending;
    byId<HTMLButtonElement>('discard-button').disabled = busy !== undefined;
    this.replyForm.setAttribute('aria-busy', String(sending));

    this.list.replaceChildren(...state.attachments.map((a) => attachmentItem(a, sending || kept, this.strings)));

    const notice = this.localProblem ? { kind: 'error' as const, text: this.localProblem } : state.notice;
    this.notice.hidden = !notice;
    this.notice.className = `banner ${notice?.kind ?? ''}`;
    this.notice.setAttribute('role', notice?.kind === 'error' ? 'alert' : 'status');
    this.notice.textContent = notice?.text ?? '';
  }
}

/**
 * What of the reply box goes into the page's saved state, which VS Code stores in clear (a file on the desktop, the
 * browser's IndexedDB on the web): never the text of a draft marked Confidential, nor a text holding something shaped
 * like a key (the extension keeps both in SecretStorage and gives them back after a tab switch).
 */
export function savedDraft(draft: DraftText): DraftText {
  return draft.encrypt || findSecrets(draft.text).length > 0 ? { text: '', encrypt: draft.encrypt } : draft;
}
