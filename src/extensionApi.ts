// What activate() returns in ExtensionMode.Test only: a small surface for the integration tests (run inside a real
// extension host). Not a public API: in a normal window activate() returns nothing. It gives no access to the secret.
import type { Credentials } from './api/types';
import type { TicketService } from './tickets/types';

export interface AliyunTicketsTestApi {
  /** The shared ticket service (cache, de-dup, concurrency cap). */
  ticketService: TicketService;
  panels: {
    /** The full HTML document the details panel of this ticket shows now; undefined when it is not open. */
    htmlFor(ticketId: string): string | undefined;
    /** Tickets with an open details panel. */
    openTicketIds(): string[];
  };
  explorer: {
    /** The Tickets view's data provider: getChildren / getTreeItem as VS Code calls them. */
    treeDataProvider: import('vscode').TreeDataProvider<unknown>;
    /** The view's description (after its title) and message (above the list), as shown. */
    viewText(): { description?: string; message?: string };
  };
  auth: {
    isSignedIn(): Promise<boolean>;
    /** Sign in without the input boxes: checked with one signed call, then saved. Rejects like the flow does. */
    signInWith(credentials: Credentials): Promise<void>;
    signOut(): Promise<void>;
  };
  /**
   * The registered language model tools by name (what vscode.lm.invokeTool reaches): tests call prepareInvocation
   * to read the confirmation VS Code would show (in test runs VS Code confirms its own dialog without showing it).
   */
  agentTools: Record<string, import('vscode').LanguageModelTool<unknown>>;
  /** For "no secret anywhere" checks. */
  inspect: {
    /** Lines written to the log channel (already redacted), most recent last. */
    logLines(): string[];
    /** Everything the extension keeps in globalState and workspaceState, as JSON. */
    storedState(): string;
  };
}
