// The ticket panels as activation sees them: the webview serializer is registered at once (VS Code restores panels
// through it after a reload), the panels' code (TicketPanels, rendering, acting; dist/features.js) loads when the first
// panel opens or is restored. The time formats a page needs are built once the window has settled, or when a panel is
// about to open, whichever comes first (prepareTimeFormats says why).
import * as vscode from 'vscode';
import { WebviewTypes } from '../../common/commands';
import { prepareTimeFormats } from '../../tickets/display';
import type { PanelState } from './protocol';
import type { TicketPanels } from './ticketPanels';

/** After this long the window has settled (its views listed): the time formats are built then if no panel came first. */
export const PREPARE_FORMATS_AFTER_MS = 5_000;

export class DeferredPanels implements vscode.Disposable {
  private panels: TicketPanels | undefined;
  private readonly serializer: vscode.Disposable;
  private formatsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly create: () => TicketPanels) {
    this.formatsTimer = setTimeout(() => this.prepareFormats(), PREPARE_FORMATS_AFTER_MS);
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
    this.loaded().open(ticketId, focusDialogId);
  }

  /** Loads the panels' code now (a panel is about to open: Open Ticket's box is on screen). */
  prepare(): void {
    this.loaded();
    this.prepareFormats();
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
    clearTimeout(this.formatsTimer);
    this.serializer.dispose();
    this.panels?.dispose();
  }

  private prepareFormats(): void {
    if (this.formatsTimer === undefined) return;
    clearTimeout(this.formatsTimer);
    this.formatsTimer = undefined;
    prepareTimeFormats();
  }

  private loaded(): TicketPanels {
    this.panels ??= this.create();
    return this.panels;
  }
}
