// The vscode side of acting on a ticket: the services a panel needs to act, the modal question before closing, and
// the file picker. Kept thin; the logic is in ticketActing.ts.
import * as vscode from 'vscode';
import { t } from '../../common/l10n';
import type { CategoryNames } from '../../tickets/categoryNames';
import type { TicketWrites } from '../../tickets/ticketWrites';
import { dialogLine } from '../../common/untrustedText';
import type { AccountScope } from '../../common/accountScope';
import type { DraftStore } from './draftStore';
import { accountRatings } from './sentRatings';
import { TicketActing, type PickedFile } from './ticketActing';
import type { ToPageMessage } from './protocol';
import type { UnreadNotes } from './unread';
import { getSetting } from '../../settings/configuration';
import type { AskAboutSecrets } from '../secret-guard/guard';
import { askAboutSecrets } from '../secret-guard/guardPrompt';
import { askBeforeOpeningAttachment } from './attachmentOpener';

export interface PanelActingDeps {
  writes: TicketWrites;
  drafts: DraftStore;
  unread: UnreadNotes;
  categories: CategoryNames;
  /** aliyunTickets.details.autoRefreshSeconds, read when a panel opens or the setting changes. */
  autoRefreshSeconds: () => number;
  /** The modal question and the file picker (the extension-host tests answer them in place of a person). */
  ui: ActingUi;
  /** The signed-in account's scope (undefined: signed out); a panel's acting part keeps the one it was made with. */
  scope: () => AccountScope | undefined;
  /** The server took a reply (the Get Started walkthrough's "Reply to support" step is done). */
  onReplied?: () => void;
  /** The acting part of one panel; `fresh`: the page may show another account's draft, which it must drop. */
  create(ticketId: string, page: ActingPage, fresh?: boolean): TicketActing;
}

/** What a panel offers its acting part. */
export interface ActingPage {
  /** False when the page is not there to take it. */
  post(message: ToPageMessage): boolean;
  reload(): Promise<void>;
  /** The ticket's title as loaded, for the Close question. */
  title(): string;
}

/** Builds PanelActingDeps: TicketActing per panel over the shared services. */
export function panelActing(services: Omit<PanelActingDeps, 'create'>): PanelActingDeps {
  return {
    ...services,
    create: (ticketId, page, fresh) =>
      new TicketActing({
        ticketId,
        writes: services.writes,
        drafts: services.drafts.forScope(services.scope()),
        ratings: accountRatings(services.scope()?.memento),
        replacePageDraft: fresh,
        post: (message) => page.post(message),
        reload: () => page.reload(),
        confirmClose: () => services.ui.confirmClose(ticketId, page.title()),
        pickFiles: () => services.ui.pickFiles(),
        askAboutSecrets: (question) => services.ui.askAboutSecrets(question),
        onReplied: services.onReplied,
      }),
  };
}

export interface ActingUi {
  confirmClose(ticketId: string, title: string): PromiseLike<boolean>;
  pickFiles(): PromiseLike<PickedFile[]>;
  /** The secret guard's question (reply, reopen reason, rating comment, new ticket). */
  askAboutSecrets: AskAboutSecrets;
  /** The question before an attachment link opens in the browser. */
  confirmOpenAttachment(question: string, detail: string): PromiseLike<boolean>;
}

/** Refreshing more often than this helps nobody and costs API calls. */
const MIN_AUTO_REFRESH_SECONDS = 15;

/** The setting as used: 0 = off, anything from 1 to 14 raised to 15. */
export function autoRefreshSeconds(): number {
  const value = getSetting('details.autoRefreshSeconds');
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 0;
  return Math.max(MIN_AUTO_REFRESH_SECONDS, Math.round(value));
}

/** The ActingUi a person meets. */
export const defaultActingUi: ActingUi = {
  confirmClose: (ticketId, title) => confirmClose(ticketId, title),
  pickFiles: () => pickFiles(),
  askAboutSecrets: (question) => askAboutSecrets(question),
  confirmOpenAttachment: (question, detail) => askBeforeOpeningAttachment(question, detail),
};

async function confirmClose(ticketId: string, title: string): Promise<boolean> {
  const name = dialogLine(title, 80);
  const close = t('Close Ticket');
  const answer = await vscode.window.showWarningMessage(
    name
      ? t('Close ticket {0} ({1})?', dialogLine(ticketId, 64), name)
      : t('Close ticket {0}?', dialogLine(ticketId, 64)),
    { modal: true, detail: t('Support stops working on it. You can reopen it later with a reason.') },
    close,
  );
  return answer === close;
}

async function pickFiles(): Promise<PickedFile[]> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: t('Attach'),
    title: t('Attach files to the reply'),
  });
  if (!uris?.length) return [];
  return Promise.all(
    uris.map(async (uri) => {
      const stat = await vscode.workspace.fs.stat(uri);
      const name = uri.path.split('/').pop() || t('attachment');
      // A pipe or a device reports size 0 and reading it may never end: only regular files are read.
      const regular = (stat.type & vscode.FileType.File) !== 0;
      return { name, size: stat.size, regular, read: () => vscode.workspace.fs.readFile(uri) };
    }),
  );
}
