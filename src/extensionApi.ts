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
    /** A message as if the ticket's page had posted it (it goes through the same checks). */
    receiveFromPage(ticketId: string, message: unknown): void;
    /** The acting part of the panel: buttons shown, write under way, draft attachments, last notice. */
    actingState(ticketId: string): import('./features/details/protocol').ActingState | undefined;
    /** Answer the Close question and the file picker in place of a person; undefined restores the real ones. */
    answerQuestions(ui: Partial<import('./features/details/actingAdapter').ActingUi> | undefined): void;
    /** Unread answers from support in the ticket, as far as loaded. */
    unreadCount(ticketId: string): number;
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
  /** For "no secret anywhere" checks. */
  inspect: {
    /** Lines written to the log channel (already redacted), most recent last. */
    logLines(): string[];
    /** Everything the extension keeps in globalState and workspaceState, as JSON. */
    storedState(): string;
  };
}
