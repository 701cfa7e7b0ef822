// The ticket details webviews: one panel per ticket (opening it again reveals it), restored after a window reload
// (serializer, state {ticketId}), data posted only after the page says 'ready', attachment links opened only after
// the user confirmed where they go. Acting on the ticket (reply, close, reopen, rate) is TicketActing's job.
import * as vscode from 'vscode';
import { describeError } from '../../api/errors';
import type { TicketNote } from '../../api/types';
import type { TicketService } from '../../tickets/types';
import type { TicketLog } from '../../log/log';
import { isTicketId } from '../open-ticket/ticketId';
import type { RecentTickets } from '../open-ticket/recentTickets';
import { sanitizeInline } from '../../tickets/display';
import { openAttachment } from './attachments';
import { parsePageMessage, type ActingState, type FromPageMessage, type PanelState, type ToPageMessage } from './protocol';
import { createNonce, errorView, renderTicketBody, renderTicketHtml, type DetailsView, type PageResources } from './render';
import { TicketActing } from './ticketActing';
import type { PanelActingDeps } from './actingAdapter';

export const DETAILS_VIEW_TYPE = 'aliyunTickets.details';

export interface TicketPanelsDeps {
  extensionUri: vscode.Uri;
  service: TicketService;
  signIn: () => Promise<boolean>;
  recent: RecentTickets;
  log: TicketLog;
  /** Whether an error means the user should sign in (again). */
  needsSignIn: (error: unknown) => boolean;
  /** Whether an error means the aliyunTickets.endpoint setting needs fixing. */
  needsSettings: (error: unknown) => boolean;
  /** A panel opened or became the active one (the explorer reveals the ticket in its tree). Failures are ignored. */
  onDidShowTicket?: (ticketId: string) => PromiseLike<unknown> | void;
  /** Reply, close, reopen, rate, unread marks, category names and auto-refresh (absent: the panel only reads). */
  acting?: PanelActingDeps;
}

export class TicketPanels implements vscode.WebviewPanelSerializer<PanelState>, vscode.Disposable {
  private readonly panels = new Map<string, TicketPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly deps: TicketPanelsDeps) {
    this.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(DETAILS_VIEW_TYPE, this),
      deps.service.onDidChange((event) => {
        // Someone else (explorer refresh, hover) saw this ticket change: show the newer data.
        if (event.ticketId) this.panels.get(event.ticketId)?.reloadQuietly();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('aliyunTickets.details.autoRefreshSeconds')) for (const panel of this.panels.values()) panel.restartAutoRefresh();
      }),
    );
  }

  /** Shows the ticket: reveals its panel when one is open, else opens one and loads the data. */
  open(ticketId: string): void {
    const existing = this.panels.get(ticketId);
    if (existing) {
      // Revealing an inactive panel makes it active (which announces it); an active one announces nothing by itself.
      if (existing.active) this.announce(ticketId);
      existing.reveal();
      return;
    }
    const webviewPanel = vscode.window.createWebviewPanel(DETAILS_VIEW_TYPE, ticketId, vscode.ViewColumn.Active, this.webviewOptions());
    this.adopt(webviewPanel, ticketId);
  }

  /** VS Code calls this after a window reload for each panel that was open (state saved by the page). */
  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: PanelState | undefined): Promise<void> {
    const ticketId = state?.ticketId;
    if (!isTicketId(ticketId) || this.panels.has(ticketId)) {
      webviewPanel.dispose();
      return;
    }
    webviewPanel.webview.options = this.webviewOptions();
    this.adopt(webviewPanel, ticketId);
  }

  /** The full HTML document the panel for this ticket shows now (for tests); undefined when no panel is open. */
  htmlFor(ticketId: string): string | undefined {
    return this.panels.get(ticketId)?.currentHtml();
  }

  /** For tests: a message as if the page of this ticket's panel had posted it (checked like any page message). */
  receiveFromPage(ticketId: string, raw: unknown): void {
    this.panels.get(ticketId)?.receive(raw);
  }

  /** For tests: what the acting part of this ticket's panel shows (buttons, busy, attachments, notice). */
  actingState(ticketId: string): ActingState | undefined {
    return this.panels.get(ticketId)?.actingState();
  }

  openTicketIds(): string[] {
    return [...this.panels.keys()];
  }

  /** Signed out: drop the data from every panel; they show a Sign In button instead. */
  showSignedOut(): void {
    for (const panel of this.panels.values()) panel.showSignedOut();
  }

  /** Signed in again or the endpoint changed: fetch everything anew. */
  reloadAll(): void {
    for (const panel of this.panels.values()) void panel.load(true);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    for (const panel of [...this.panels.values()]) panel.dispose();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, ticketId: string): void {
    const panel = new TicketPanel(webviewPanel, ticketId, this.deps, {
      onDispose: () => this.panels.delete(ticketId),
      onDidBecomeActive: () => this.announce(ticketId),
    });
    this.panels.set(ticketId, panel);
    void panel.load(false);
    if (webviewPanel.active) this.announce(ticketId);
  }

  private announce(ticketId: string): void {
    // Best effort: a tree that cannot show the ticket (filtered out, failed to load) says so itself.
    void Promise.resolve()
      .then(() => this.deps.onDidShowTicket?.(ticketId))
      .catch(() => undefined);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'media')],
    };
  }
}

class TicketPanel {
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
  private readonly acting: TicketActing | undefined;
  /** Answers from support marked "New" in this panel (they stay marked while it is open). */
  private readonly newNotes = new Set<string>();
  private categoryName: string | undefined;
  private autoRefresh: ReturnType<typeof setInterval> | undefined;
  /** The body last posted, so an auto-refresh that changed nothing posts nothing. */
  private postedBody: string | undefined;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly ticketId: string,
    private readonly deps: TicketPanelsDeps,
    private readonly events: { onDispose: () => void; onDidBecomeActive: () => void },
  ) {
    this.wasActive = panel.active;
    this.view = { kind: 'loading', ticketId };
    const acting = deps.acting;
    this.acting = acting
      ? new TicketActing({
          ticketId,
          writes: acting.writes,
          drafts: acting.drafts,
          post: (message) => {
            if (!this.ready || this.disposed) return false;
            void this.panel.webview.postMessage(message);
            return true;
          },
          reload: () => this.load(true, true),
          confirmClose: () => acting.ui.confirmClose(ticketId, this.view.kind === 'ticket' ? this.view.ticket.title : ''),
          pickFiles: () => acting.ui.pickFiles(),
        })
      : undefined;
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    this.resources = {
      cspSource: panel.webview.cspSource,
      nonce: createNonce(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'details.css')).toString(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'details.js')).toString(),
    };
    panel.iconPath = { light: vscode.Uri.joinPath(media, 'ticket-light.svg'), dark: vscode.Uri.joinPath(media, 'ticket-dark.svg') };
    panel.title = ticketId;
    // Set once: later data goes by message, so the page (and its scroll position) is not reloaded.
    panel.webview.html = this.currentHtml();
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw) =>
        // Sign-in, the modal question or the browser may fail: say so in the log rather than as an unhandled rejection.
        this.onMessage(parsePageMessage(raw)).catch((error) => this.deps.log.error(`Ticket ${ticketId}: handling a click failed`, error)),
      ),
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
    this.restartAutoRefresh();
  }

  /** While the panel is on screen it reloads every aliyunTickets.details.autoRefreshSeconds (0 = never). */
  restartAutoRefresh(): void {
    if (this.autoRefresh) clearInterval(this.autoRefresh);
    this.autoRefresh = undefined;
    const seconds = this.deps.acting?.autoRefreshSeconds() ?? 0;
    if (seconds <= 0) return;
    this.autoRefresh = setInterval(() => {
      // Not while hidden, loading, or while a write is under way (its own reload follows).
      if (this.panel.visible && !this.loading && !this.acting?.state().busy && this.view.kind === 'ticket') void this.load(true, true);
    }, seconds * 1000);
  }

  /** The answers marked New were on screen: they no longer count as unread (they stay marked in this panel). */
  private markSeen(): void {
    if (!this.panel.visible || this.view.kind !== 'ticket') return;
    void Promise.resolve(this.deps.acting?.unread.markSeen(this.ticketId)).catch(() => undefined);
  }

  get active(): boolean {
    return this.panel.active;
  }

  receive(raw: unknown): void {
    this.onMessage(parsePageMessage(raw)).catch((error) => this.deps.log.error(`Ticket ${this.ticketId}: handling a message failed`, error));
  }

  actingState(): ActingState | undefined {
    return this.acting?.state();
  }

  reveal(): void {
    this.panel.reveal();
  }

  currentHtml(): string {
    return renderTicketHtml(this.view, this.resources);
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
    if (!(quiet && previous)) this.setView(previous ? { ...previous, refreshing: true, refreshError: undefined } : { kind: 'loading', ticketId: this.ticketId });
    return this.fetch(force, controller.signal, previous).catch((error) => this.deps.log.error(`Ticket ${this.ticketId}: showing the data failed`, error));
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
    this.panel.title = this.ticketId;
    this.setView({
      kind: 'error',
      ticketId: this.ticketId,
      message: 'You are signed out. Sign in to see this ticket.',
      offerSignIn: true,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loading?.abort();
    if (this.autoRefresh) clearInterval(this.autoRefresh);
    this.acting?.dispose();
    this.events.onDispose();
    this.subscriptions.forEach((s) => s.dispose());
    this.panel.dispose();
  }

  private async fetch(force: boolean, signal: AbortSignal, previous: Extract<DetailsView, { kind: 'ticket' }> | undefined): Promise<void> {
    const [ticket, notes] = await Promise.allSettled([
      this.deps.service.getTicket(this.ticketId, { force, signal }),
      this.deps.service.getNotes(this.ticketId, { force, signal }),
    ]);
    if (signal.aborted || this.disposed) return;
    this.loading = undefined;
    if (ticket.status === 'rejected') {
      const error = ticket.reason;
      this.deps.log.warn(`Loading ticket ${this.ticketId} failed: ${describeError(error)}`);
      if (previous && !this.deps.needsSignIn(error)) {
        this.setView({ ...previous, refreshing: false, refreshError: describeError(error) });
      } else {
        this.notes = [];
        this.setView(errorView(this.ticketId, error, this.deps));
      }
      return;
    }
    if (notes.status === 'rejected') this.deps.log.warn(`Loading the conversation of ${this.ticketId} failed: ${describeError(notes.reason)}`);
    // A refresh whose conversation request fails keeps the conversation already on screen (it replaced it with the
    // error, so one failed Refresh made the whole conversation disappear) and says so in the refresh banner.
    const keepNotes = notes.status === 'rejected' && previous !== undefined && !previous.notesError;
    this.notes = notes.status === 'fulfilled' ? notes.value : keepNotes ? this.notes : [];
    this.acting?.setTicket(ticket.value);
    if (notes.status === 'fulfilled') for (const id of this.deps.acting?.unread.update(this.ticketId, this.notes) ?? []) this.newNotes.add(id);
    this.categoryName = this.deps.acting?.categories.peek(ticket.value.categoryId) ?? this.categoryName;
    if (!this.categoryName && ticket.value.categoryId) this.lookUpCategory(ticket.value.categoryId);
    this.setView({
      kind: 'ticket',
      ticket: ticket.value,
      notes: this.notes,
      notesError: notes.status === 'rejected' && !keepNotes ? describeError(notes.reason) : undefined,
      refreshError: notes.status === 'rejected' && keepNotes ? describeError(notes.reason) : undefined,
      categoryName: this.categoryName,
      newNotes: this.newNotes,
    });
    this.markSeen();
    this.panel.title = panelTitle(this.ticketId, ticket.value.title);
    // Recent = opened by the user: a refresh or a background reload must not move the ticket to the top again.
    if (!previous) void Promise.resolve(this.deps.recent.remember(this.ticketId, ticket.value.title)).catch(() => undefined);
  }

  /** The category's name arrives later than the ticket (first time: the catalogue is loaded); shown when it does. */
  private lookUpCategory(categoryId: string): void {
    const categories = this.deps.acting?.categories;
    if (!categories) return;
    categories.lookup(categoryId).then(
      (name) => {
        if (!name || this.disposed || this.view.kind !== 'ticket' || this.view.ticket.categoryId !== categoryId) return;
        this.categoryName = name;
        this.setView({ ...this.view, categoryName: name });
      },
      (error) => this.deps.log.warn(`Category names could not be loaded: ${describeError(error)}`),
    );
  }

  private setView(view: DetailsView): void {
    this.view = view;
    this.post();
  }

  private post(): void {
    if (!this.ready || this.disposed) return;
    const body = renderTicketBody(this.view);
    if (body === this.postedBody) return;
    this.postedBody = body;
    const message: ToPageMessage = { type: 'render', body };
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: FromPageMessage | undefined): Promise<void> {
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.postedBody = undefined;
        this.post();
        this.acting?.onReady();
        return;
      case 'refresh':
      case 'retry':
        void this.load(true);
        return;
      case 'signIn':
        if (await this.deps.signIn()) void this.load(true);
        return;
      case 'showLog':
        this.deps.log.show();
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'aliyunTickets.endpoint');
        return;
      case 'openTicket':
        // Asks for an id (this panel stays, so the mistyped id remains visible for comparison).
        await vscode.commands.executeCommand('aliyunTickets.openTicket');
        return;
      case 'openAttachment':
        await openAttachment(this.notes, message.note, message.attachment, {
          confirm: async (question, detail) => (await vscode.window.showWarningMessage(question, { modal: true, detail }, 'Open')) === 'Open',
          openExternal: (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
        });
        return;
      default:
        this.acting?.handle(message);
        return;
    }
  }
}

/** "0005PYGCW · Title", short, one line. */
function panelTitle(ticketId: string, title: string): string {
  const clean = sanitizeInline(title || '', 40);
  return clean ? `${ticketId} · ${clean}` : ticketId;
}
