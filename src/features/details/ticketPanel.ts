// One ticket details panel: loads the ticket and its conversation into its document, then posts new bodies once the
// page says 'ready'; keeps old data on screen when a refresh fails; opens attachment links only after asking. It feeds
// TicketActing the ticket, marks unread and confidential notes, names the category after the paint, auto-refreshes.
import * as vscode from 'vscode';
import { describeError } from '../../api/errorWording';
import type { TicketNote } from '../../api/types';
import { runErrorAction, type ErrorActionContext } from '../../common/errorActionRunner';
import { signedOutError } from '../../api/errors';
import { t } from '../../common/l10n';
import { openAttachmentAfterAsking } from './attachmentOpener';
import { firstTabTitle, panelTitle, viewAfterFailedLoad, viewAfterLoad, type TicketView } from './loadedView';
import { parsePageMessage, type ActingState, type FromPageMessage, type ToPageMessage } from './protocol';
import { errorView, renderTicketBody, renderTicketHtml, type DetailsView } from './render';
import type { PageResources } from '../../common/pageAssets';
import { pageResources } from '../../common/webviewPage';
import type { TicketActing } from './ticketActing';
import { AutoRefresh } from './autoRefresh';
import { CategoryAfterPaint } from './categoryAfterPaint';
import { AfterFirstPaint, TabTitle } from './afterFirstPaint';
import { NoteFocus } from './noteFocus';
import { isOfflineFailure, offlineCopy, OfflineRetry } from './offline';
import { DETAILS_VIEW_TYPE, type TicketPanelsDeps } from './panelDeps';
export { DETAILS_VIEW_TYPE, type TicketPanelsDeps };

export class TicketPanel {
  private view: DetailsView;
  /** The notes on screen: attachment clicks are looked up here, never taken from the page. */
  private notes: TicketNote[] = [];
  private ready = false;
  private loading: AbortController | undefined;
  private readonly resources: PageResources;
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;
  /** panel.active as last seen, to notice when the panel becomes the active one. */
  private wasActive: boolean;
  /** The reply box and ticket actions, when the panel can act; made anew for each account. */
  private actingPart: TicketActing | undefined;
  /** Nothing loaded from the server yet in this panel (what it shows, if anything, was known before). */
  private firstLoad = true;
  /** Answers from support marked "New" in this panel (they stay marked while it is open). */
  private readonly newNotes = new Set<string>();
  /** Its part in an error's actions: reload; close once another ticket opened (no dead "not found" tabs pile up). */
  private readonly errorActionContext: ErrorActionContext = {
    retry: () => void this.load(true),
    signIn: () => this.deps.signIn(),
    afterSignIn: () => void this.load(true),
    afterOpenTicket: (opened) => {
      if (opened && opened !== this.ticketId) this.dispose();
    },
  };
  /** Restarted by TicketPanels when the setting changes. */
  readonly autoRefresh: AutoRefresh;
  /** The body last posted (an auto-refresh that changed nothing posts nothing), the one in the document last written
   * (a new page shows it before any message), and whether that is the loading view or no document is written yet. */
  private postedBody: string | undefined;
  private documentBody: string | undefined;
  private documentLoading = true;
  private readonly rendered = new vscode.EventEmitter<void>();
  /** What the panel shows changed (the document() after it); fires once more, after dispose, when it closed. */
  readonly onDidRender = this.rendered.event;
  private readonly focus = new NoteFocus(
    (dialogId) =>
      this.view.kind === 'ticket' && this.postedBody !== undefined && this.postIfShown({ type: 'focusNote', dialogId }),
  );
  /** What a new panel changes in the window besides its page waits for its first paint (afterFirstPaint.ts). */
  private readonly afterPaint = new AfterFirstPaint();
  private readonly tabTitle = new TabTitle(this.afterPaint, (title) => (this.panel.title = title));
  private readonly category = new CategoryAfterPaint(
    () => this.deps.acting?.categories,
    (categoryId, categoryName) => {
      if (!this.disposed && this.view.kind === 'ticket' && this.view.ticket.categoryId === categoryId)
        this.setView({ ...this.view, categoryName });
    },
    (error) => this.deps.log.warn(`Category names could not be loaded: ${describeError(error)}`),
  );
  /** While the panel shows the last-known copy: the next try to reach the server. */
  private readonly offlineRetry = new OfflineRetry(
    () => this.panel.visible,
    () => void this.load(true, true),
  );

  constructor(
    private readonly panel: vscode.WebviewPanel,
    readonly ticketId: string,
    private readonly deps: TicketPanelsDeps,
    private readonly events: { onDispose: () => void; onDidBecomeActive: () => void },
  ) {
    this.wasActive = panel.active;
    const known = deps.known?.(ticketId);
    this.view = { kind: 'loading', ticketId };
    this.actingPart = this.makeActing(false);
    if (known?.ticket && known.notes) {
      this.notes = [...known.notes];
      this.acting?.setTicket(known.ticket);
      const categoryName = deps.acting?.categories.peek(known.ticket.categoryId);
      this.view = { kind: 'ticket', ticket: known.ticket, notes: this.notes, categoryName, newNotes: this.newNotes };
      const { title } = known.ticket;
      this.afterPaint.run('recent', () => this.remember(title)); // opened: Open Ticket's recent list, even offline
    }
    panel.title = firstTabTitle(ticketId, known); // a new panel was made with it (nothing sent); a restored one gets it
    this.resources = pageResources(panel.webview, deps.extensionUri, 'details');
    // Later data goes by message (the page and its scroll position stay), but data before 'ready' replaces "Loading…".
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidChangeViewState(() => {
        // Hidden panels lose their page (no retainContextWhenHidden); it says 'ready' again when shown.
        if (!panel.visible) this.ready = false;
        else this.markSeen();
        const becameActive = panel.active && !this.wasActive;
        this.wasActive = panel.active;
        if (becameActive) events.onDidBecomeActive();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    // Not while hidden, loading, or while a write is under way (its own reload follows).
    this.autoRefresh = new AutoRefresh(
      () => deps.acting?.autoRefreshSeconds() ?? 0,
      () => panel.visible && !this.loading && !this.acting?.state().busy && this.view.kind === 'ticket',
      () => void this.load(true, true),
    );
    this.autoRefresh.restart();
  }

  /** A message from the page, checked field by field first. A failure (sign-in, a question) goes to the log. */
  receive(raw: unknown): void {
    this.onMessage(parsePageMessage(raw)).catch((error) =>
      this.deps.log.error(`Ticket ${this.ticketId}: handling a message failed`, error),
    );
  }

  private remember(title: string): void {
    void Promise.resolve(this.deps.recent.remember(this.ticketId, title)).catch(() => undefined);
  }

  /** The answers marked New were on screen: they no longer count as unread (they stay marked in this panel). */
  private markSeen(): void {
    if (!this.panel.visible || this.view.kind !== 'ticket') return;
    void Promise.resolve(this.deps.acting?.unread.markSeen(this.ticketId)).catch(() => undefined);
  }

  get closed(): boolean {
    return this.disposed;
  }
  /** The note the page was last told to scroll to ('' = the description). */
  focusedNote(): string | undefined {
    return this.focus.lastSent();
  }

  /** Scrolls the page to this note ('' = the description) once the conversation is there; undefined: nothing. */
  focusNote(dialogId: string | undefined): void {
    this.focus.request(dialogId);
  }

  get active(): boolean {
    return this.panel.active;
  }
  /** The panel shows what was known before it asked the server (its first load then refreshes it quietly). */
  get showsKnown(): boolean {
    return this.firstLoad && this.view.kind === 'ticket';
  }

  get acting(): TicketActing | undefined {
    return this.actingPart;
  }

  private makeActing(fresh: boolean): TicketActing | undefined {
    return this.deps.acting?.create(
      this.ticketId,
      {
        post: (message) => this.postIfShown(message),
        reload: () => this.load(true, true),
        title: () => (this.view.kind === 'ticket' ? this.view.ticket.title : ''),
      },
      fresh,
    );
  }

  /**
   * Another account is signed in, or none: nothing of the previous one stays, on screen (title, description,
   * conversation, attachment links, reply box and its draft, also in a background tab) or in this object. Signed in,
   * the ticket is then loaded afresh for the new account; one it cannot read shows only the error.
   */
  resetForAccount(signedIn: boolean): void {
    this.loading?.abort();
    this.loading = undefined;
    this.notes = [];
    this.newNotes.clear();
    this.tabTitle.now(this.ticketId);
    this.actingPart?.dispose('drop');
    this.actingPart = this.makeActing(true);
    if (this.ready) this.actingPart?.onReady();
    if (!signedIn) return this.showSignedOut();
    this.setView({ kind: 'loading', ticketId: this.ticketId });
    void this.load(true);
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Runs `task` once the page painted (or after a short wait): what the window need not do before that. */
  afterFirstPaint(task: () => void, kind = 'afterFirstPaint'): void {
    this.afterPaint.run(kind, task);
  }

  /** Writes the first document (what is known, else "Loading…"), unless one is there. TicketPanels calls it. */
  start(): void {
    if (this.documentLoading && !this.ready && !this.disposed) this.writeDocument();
  }

  /** The whole document of what the panel shows now (the page itself gets the body by message). */
  document(body = renderTicketBody(this.view)): string {
    return renderTicketHtml(this.view, this.resources, {}, body);
  }

  /** The acting part: buttons shown, a write under way, draft attachments, the last notice. */
  actingState(): ActingState | undefined {
    return this.acting?.state();
  }

  /**
   * Fetches the ticket and its conversation; force = skip the cache (Refresh). quiet = the data on screen stays as it
   * is until the new data is there (auto-refresh, after an action): no "Refreshing…" flicker.
   */
  load(force: boolean, quiet = false): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const previous = this.view.kind === 'ticket' ? this.view : undefined;
    if (!(quiet && previous))
      this.setView(
        previous
          ? { ...previous, refreshing: true, refreshError: undefined }
          : { kind: 'loading', ticketId: this.ticketId },
      );
    return this.fetch(force, controller.signal, previous).catch((error) =>
      this.deps.log.error(`Ticket ${this.ticketId}: showing the data failed`, error),
    );
  }

  /**
   * The service saw this ticket change (or dropped it): load it again through the cache, unless a load is under way.
   * The old data stays on screen meanwhile. A fetch that brought the change is served from the cache; a list that
   * showed the change dropped the cached ticket, so that one costs a request.
   */
  reloadQuietly(): void {
    if (!this.loading) void this.load(false);
  }

  showSignedOut(): void {
    this.loading?.abort();
    this.loading = undefined;
    this.notes = [];
    this.newNotes.clear();
    this.tabTitle.now(this.ticketId);
    this.actingPart?.setTicket(undefined);
    // The signed-out kind's buttons (ERROR_ACTIONS: Sign In alone), said as a fact rather than an alert.
    this.setView({
      ...errorView(this.ticketId, signedOutError()),
      message: t('You are signed out. Sign in to see this ticket.'),
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loading?.abort();
    this.autoRefresh.stop();
    this.offlineRetry.stop();
    this.category.dispose();
    this.afterPaint.dispose();
    this.acting?.dispose();
    this.events.onDispose();
    this.rendered.fire();
    this.rendered.dispose();
    this.subscriptions.forEach((s) => s.dispose());
    this.panel.dispose();
  }

  private async fetch(force: boolean, signal: AbortSignal, previous: TicketView | undefined): Promise<void> {
    const [ticket, notes] = await Promise.allSettled([
      this.deps.service.getTicket(this.ticketId, { force, signal }),
      this.deps.service.getNotes(this.ticketId, { force, signal }),
    ]);
    if (signal.aborted || this.disposed) return;
    this.loading = undefined;
    this.offlineRetry.stop();
    if (ticket.status === 'rejected') {
      const error = ticket.reason;
      this.deps.log.warn(`Loading ticket ${this.ticketId} failed: ${describeError(error)}`);
      if (isOfflineFailure(error) && (await this.showOffline(previous))) return;
      const view = viewAfterFailedLoad(this.ticketId, error, previous);
      if (view.kind !== 'ticket') this.notes = [];
      this.setView(view);
      return;
    }
    if (notes.status === 'rejected')
      this.deps.log.warn(`Loading the conversation of ${this.ticketId} failed: ${describeError(notes.reason)}`);
    this.acting?.setTicket(ticket.value);
    if (notes.status === 'fulfilled')
      for (const id of this.deps.acting?.unread.update(this.ticketId, notes.value) ?? []) this.newNotes.add(id);
    const categoryName = this.category.known(ticket.value.categoryId) ?? previous?.categoryName;
    const marks = { categoryName, newNotes: this.newNotes, sentConfidential: this.deps.lastKnown };
    const loaded = viewAfterLoad(ticket.value, notes, previous, this.notes, marks);
    this.notes = loaded.notes;
    this.setView(loaded.view);
    this.afterPaint.run('seen', () => this.markSeen());
    this.tabTitle.later(panelTitle(this.ticketId, ticket.value.title));
    // Recent = opened by the user: a refresh or a background reload must not move the ticket to the top again.
    if (this.firstLoad) this.afterPaint.run('recent', () => this.remember(ticket.value.title));
    this.firstLoad = false;
  }

  /** Server unreachable: an offline panel stays, a new one shows the last-known copy; both retry. Copy on screen? */
  private async showOffline(previous: TicketView | undefined): Promise<boolean> {
    // A panel that painted the known copy has heard nothing from the server yet: it goes offline like a new one.
    const fresh = !previous || this.firstLoad;
    if (!fresh && previous.offlineSince === undefined) return false;
    if (fresh) {
      await this.deps.lastKnown?.load();
      const known = this.deps.lastKnown?.get(this.ticketId);
      if (!known?.ticket || this.disposed) return false;
      // Nothing can be sent until the server answers; a reply being written stays in view, kept (and stored).
      this.acting?.setTicket(undefined, true);
      this.notes = known.notes ?? [];
      this.tabTitle.later(panelTitle(this.ticketId, known.ticket.title));
      const name = this.category.stored(known.ticket.categoryId) ?? previous?.categoryName;
      this.setView(offlineCopy(known.ticket, known.savedAt, this.notes, name));
    } else this.setView({ ...previous, refreshing: false });
    this.offlineRetry.start();
    return true;
  }

  private setView(view: DetailsView): void {
    this.view = view;
    if (!this.ready && this.documentLoading && view.kind !== 'loading' && !this.disposed) this.writeDocument();
    else this.post();
    this.rendered.fire();
  }

  /** A new document for what the panel shows: data in it is painted when VS Code shows it, with no handshake first. */
  private writeDocument(): void {
    this.documentLoading = this.view.kind === 'loading';
    this.panel.webview.html = this.document((this.documentBody = renderTicketBody(this.view)));
  }

  /** Posts when the page is there to take it (a hidden page is rebuilt and says 'ready' again). */
  private postIfShown(message: ToPageMessage): boolean {
    if (!this.ready || this.disposed) return false;
    void this.panel.webview.postMessage(message);
    return true;
  }

  private post(): void {
    if (!this.ready || this.disposed) return;
    const body = renderTicketBody(this.view);
    if (body !== this.postedBody) {
      this.postedBody = body;
      void this.panel.webview.postMessage({ type: 'render', body } satisfies ToPageMessage);
    }
    // Also when a new page's own document shows the body already: a note asked for before the page was ready.
    this.focus.flush();
  }

  private async onMessage(message: FromPageMessage | undefined): Promise<void> {
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // A new page starts from the last document written: the same body is not sent again.
        this.postedBody = this.documentBody;
        this.post();
        this.acting?.onReady();
        return;
      case 'rendered':
        this.afterPaint.painted();
        return this.category.painted();
      case 'refresh':
        void this.load(true);
        return;
      case 'retry':
      case 'signIn':
      case 'openSettings':
        await runErrorAction(message.type, this.errorActionContext);
        return;
      case 'showLog':
        this.deps.log.show();
        return;
      case 'openTicket':
        await runErrorAction('openAnotherTicket', this.errorActionContext);
        return;
      case 'openAttachment':
        await openAttachmentAfterAsking(this.notes, message, this.deps.acting?.ui.confirmOpenAttachment);
        return;
      default:
        this.acting?.handle(message);
        return;
    }
  }
}
