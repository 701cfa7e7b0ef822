// The ticket details webviews: one panel per ticket (opening it again reveals it), restored after a window reload
// (serializer, state {ticketId}). What one panel does (load, render, handle the page's clicks) is in ticketPanel.ts.
import * as vscode from 'vscode';
import { isTicketId } from '../open-ticket/ticketId';
import type { PanelState } from './protocol';
import { firstTabTitle } from './loadedView';
import { DETAILS_VIEW_TYPE, TicketPanel, type TicketPanelsDeps } from './ticketPanel';
import { onDidChangeSettings } from '../../settings/configuration';

export { DETAILS_VIEW_TYPE, type TicketPanel, type TicketPanelsDeps };

/**
 * How long a new panel with nothing known waits for the ticket before its first document says "Loading…". bench:ui in
 * code-server: the answers (two requests on loopback) come 15–40 ms after the key, and a new webview's host page is
 * ready for its document 100 ms or more after it; a server farther away is answered after "Loading…", as before.
 */
const LOADING_DOCUMENT_AFTER_MS = 50;

export class TicketPanels implements vscode.WebviewPanelSerializer<PanelState>, vscode.Disposable {
  private readonly panels = new Map<string, TicketPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly opened = new vscode.EventEmitter<TicketPanel>();
  /** A panel opened (or was restored after a reload); its onDidRender says what it shows. */
  readonly onDidOpenPanel = this.opened.event;

  /** Built on first use; deferredPanels.ts registers the serializer at activation and hands restored panels to it. */
  constructor(private readonly deps: TicketPanelsDeps) {
    this.subscriptions.push(
      deps.service.onDidChange((event) => {
        // Someone else (explorer refresh, hover) saw this ticket change: show the newer data.
        if (event.ticketId) this.panels.get(event.ticketId)?.reloadQuietly();
      }),
      onDidChangeSettings(['details.autoRefreshSeconds'], () => {
        for (const panel of this.panels.values()) panel.autoRefresh.restart();
      }),
    );
  }

  /**
   * Shows the ticket: reveals its panel when one is open, else opens one and loads the data. focusDialogId: scrolled
   * to that note ('' = the description) once it is on screen.
   */
  open(ticketId: string, focusDialogId?: string): void {
    const existing = this.panels.get(ticketId);
    if (existing && focusDialogId !== undefined) existing.focusNote(focusDialogId);
    if (existing) {
      // Revealing an inactive panel makes it active (which announces it); an active one announces nothing by itself.
      if (existing.active) this.announce(ticketId);
      existing.reveal();
      return;
    }
    const known = this.deps.known?.(ticketId);
    const webviewPanel = vscode.window.createWebviewPanel(
      DETAILS_VIEW_TYPE,
      firstTabTitle(ticketId, known),
      vscode.ViewColumn.Active,
      this.webviewOptions(),
    );
    this.adopt(webviewPanel, ticketId).focusNote(focusDialogId);
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

  /** The reply text waiting for this ticket: the open panel's, else the stored draft's. */
  draftText(ticketId: string): string {
    return this.panels.get(ticketId)?.acting?.draftText() ?? this.deps.acting?.drafts.get(ticketId).text ?? '';
  }

  /** Replaces the reply text of this ticket (an agent's draft): in the open panel at once, else in the stored draft. */
  async replaceDraftText(ticketId: string, text: string): Promise<void> {
    const acting = this.panels.get(ticketId)?.acting;
    if (acting) return acting.replaceText(text);
    const drafts = this.deps.acting?.drafts;
    if (drafts) await drafts.save(ticketId, { ...drafts.get(ticketId), text });
  }

  /** Another account (or none): nothing of the previous one stays in any panel; each loads again for the new one. */
  resetForAccount(signedIn: boolean): void {
    for (const panel of this.panels.values()) panel.resetForAccount(signedIn);
  }

  /** The same account with new credentials, or a setting changed: fetch everything anew. */
  reloadAll(): void {
    for (const panel of this.panels.values()) void panel.load(true);
  }

  dispose(): void {
    this.opened.dispose();
    this.subscriptions.forEach((s) => s.dispose());
    for (const panel of [...this.panels.values()]) panel.dispose();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, ticketId: string): TicketPanel {
    const panel = new TicketPanel(webviewPanel, ticketId, this.deps, {
      onDispose: () => this.panels.delete(ticketId),
      onDidBecomeActive: () => this.announce(ticketId),
    });
    this.panels.set(ticketId, panel);
    this.opened.fire(panel);
    // A known ticket is painted as it was known and refreshed in place once painted (quietly: no "Refreshing…"), so
    // that asking (the HTTP client, signing, the emulator or a proxy on the same machine) does not share the cores with
    // the window making the webview. Else the requests go out a turn later: the extension host sends VS Code the new
    // panel when this turn ends, and asking ended 2–20 ms after createWebviewPanel in bench:ui (11 ms in a window's
    // first panel). The answers are still in long before the webview is ready for its document.
    if (panel.showsKnown) panel.afterFirstPaint(() => void panel.load(false, true), 'refresh');
    else setTimeout(() => void panel.load(false), 0);
    // The extension host sends VS Code the new panel only when this turn ends (its messages go out on a timer): the
    // first document waits a turn, so that the window starts making the webview at once (it takes longer to be ready
    // for the document than the panel takes to write it). "Loading…" waits longer: the answers usually come first, and
    // then the window gets one document instead of two, each of which its webview host posts and parses.
    setTimeout(() => panel.start(), panel.showsKnown ? 0 : LOADING_DOCUMENT_AFTER_MS);
    // The Tickets view follows the ticket once its page painted (afterFirstPaint.ts): revealing a row redraws the view
    // on the window's main thread, which the new webview shares.
    if (webviewPanel.active) panel.afterFirstPaint(() => this.announce(ticketId));
    // The tab's icon too: a new icon makes the window restyle its tab strip and fetch the picture while it is making
    // the webview (a CPU profile of bench:ui: 8 ms of tab relabelling and a style pass before the webview's host page
    // started; a bare webview has no icon).
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    panel.afterFirstPaint(
      () =>
        (webviewPanel.iconPath = {
          light: vscode.Uri.joinPath(media, 'ticket-light.svg'),
          dark: vscode.Uri.joinPath(media, 'ticket-dark.svg'),
        }),
      'icon',
    );
    return panel;
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
