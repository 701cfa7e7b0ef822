// The ticket panels as activation sees them: the webview serializer is registered at once (VS Code restores panels
// through it after a reload), the panels' code (TicketPanels, rendering, acting; dist/features.js) loads when the first
// panel opens or is restored. The first panel's webview is asked for before that code loads.
import * as vscode from 'vscode';
import { WebviewTypes } from '../../common/commands';
import { DETAILS_VIEW_TYPE, detailsWebviewOptions } from './panelDeps';
import type { TicketLog } from '../../log/log';
import type { PanelState } from './protocol';
import type { TicketPanels } from './ticketPanels';

export class DeferredPanels implements vscode.Disposable {
  private panels: TicketPanels | undefined;
  private readonly serializer: vscode.Disposable;
  /** Panels made before the panels' code was there, by ticket: handed to it a turn later. */
  private readonly making = new Map<string, { webviewPanel: vscode.WebviewPanel; focusDialogId?: string }>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    /** Where a failure to load the panels' code goes (a broken install; the panel made for it closes again). */
    private readonly log: Pick<TicketLog, 'error'>,
    private readonly create: () => TicketPanels,
  ) {
    const serializer: vscode.WebviewPanelSerializer<PanelState> = {
      deserializeWebviewPanel: (webviewPanel, state) => this.deserializeWebviewPanel(webviewPanel, state),
    };
    this.serializer = vscode.window.registerWebviewPanelSerializer(WebviewTypes.details, serializer);
  }

  /** Restores a panel VS Code kept across a reload. */
  deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: PanelState | undefined): Thenable<void> {
    return this.loaded().deserializeWebviewPanel(webviewPanel, state);
  }

  /** Shows the ticket: reveals its panel when one is open, else opens one and loads the data. */
  open(ticketId: string, focusDialogId?: string): void {
    const making = this.making.get(ticketId);
    if (making) {
      if (focusDialogId !== undefined) making.focusDialogId = focusDialogId;
      return making.webviewPanel.reveal();
    }
    if (this.panels) return this.panels.open(ticketId, focusDialogId);
    // The window's first panel: VS Code is asked for its webview now, and the panels' code (tens of milliseconds, a
    // few hundred on a loaded machine) loads a turn later, once the extension host sent the request (its messages
    // leave when a turn ends): the window makes the webview meanwhile instead of after.
    const webviewPanel = vscode.window.createWebviewPanel(
      DETAILS_VIEW_TYPE,
      ticketId,
      vscode.ViewColumn.Active,
      detailsWebviewOptions(this.extensionUri),
    );
    const entry = { webviewPanel, focusDialogId };
    this.making.set(ticketId, entry);
    let closed = false;
    const closing = webviewPanel.onDidDispose(() => (closed = true));
    setTimeout(() => {
      this.making.delete(ticketId);
      closing.dispose();
      if (closed) return;
      try {
        this.loaded().openIn(webviewPanel, ticketId, entry.focusDialogId);
      } catch (error) {
        webviewPanel.dispose();
        this.log.error(`The ticket panel of ${ticketId} could not be opened`, error);
      }
    }, 0);
  }

  /** Loads the panels' code now (a panel is about to open: Open Ticket's box is on screen). */
  prepare(): void {
    this.loaded();
  }

  /** The reply text waiting for this ticket: the open panel's, else the stored draft's. */
  draftText(ticketId: string): string {
    return this.loaded().draftText(ticketId);
  }

  /** Replaces the reply text of this ticket (an agent's draft): in the open panel at once, else in the stored draft. */
  replaceDraftText(ticketId: string, text: string): Promise<void> {
    return this.loaded().replaceDraftText(ticketId, text);
  }

  /** Another account or none: nothing of the previous one stays in the open panels (none before the panels load). */
  resetForAccount(signedIn: boolean): void {
    this.panels?.resetForAccount(signedIn);
  }

  /** The same account with new credentials, or a setting changed: open panels fetch everything anew. */
  reloadAll(): void {
    this.panels?.reloadAll();
  }

  dispose(): void {
    for (const { webviewPanel } of this.making.values()) webviewPanel.dispose();
    this.making.clear();
    this.serializer.dispose();
    this.panels?.dispose();
  }

  private loaded(): TicketPanels {
    this.panels ??= this.create();
    return this.panels;
  }
}
