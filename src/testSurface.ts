// The integration tests' view into a running extension, and the only code that knows what they need. extension.ts
// loads this module only when context.extensionMode is Test (the extension-host test runner); in a user's window it
// is never evaluated, so nothing here (log lines, panel HTML) is kept in memory, and activate() returns nothing: every
// extension in the host can read our exports, and this surface reads tickets and signs in with the user's key.
import type * as vscode from 'vscode';
import type { Credentials } from './api/types';
import type { AuthSession } from './auth/session';
import type { Accounts } from './auth/accounts/accounts';
import type { ActingUi } from './features/details/actingAdapter';
import type { ActingState } from './features/details/protocol';
import type { TicketPanel, TicketPanels } from './features/details/ticketPanels';
import type { UnreadNotes } from './features/details/unread';
import type { TicketService } from './tickets/types';
import type { NewTicketForm } from './features/new-ticket/newTicketForm';
import type { ToFormMessage } from './features/new-ticket/protocol';
import type {
  WatcherHandle,
  WatcherInstance,
  WatcherInstanceOptions,
  WatcherWindow,
} from './features/watcher/register';
import type { InboxHandle } from './features/inbox/register';
import type { ReferencesHandle } from './features/references/register';
import type { ReferencedTicket } from './features/references/references';
import type { SearchHandle } from './features/search/register';
import type { SearchResult } from './features/search/searchResults';
import type { InboxItem } from './features/inbox/inboxModel';
import type { LastKnownTickets } from './tickets/lastKnown';
import { liveListenerCount } from './common/emitter';

/** What activate() returns in ExtensionMode.Test. It gives no access to the secret. */
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
    actingState(ticketId: string): ActingState | undefined;
    /** The text in the panel's reply box as the extension holds it ('' when none or no panel). */
    draftText(ticketId: string): string;
    /** Answer the Close question and the file picker in place of a person; undefined restores the real ones. */
    answerQuestions(ui: Partial<ActingUi> | undefined): void;
    /** Unread answers from support in the ticket, as far as loaded. */
    unreadCount(ticketId: string): number;
    /** The note the ticket's page was last told to scroll to ('' = the description). */
    focusedNote(ticketId: string): string | undefined;
  };
  explorer: {
    /** The Tickets view's data provider: getChildren / getTreeItem as VS Code calls them. */
    treeDataProvider: vscode.TreeDataProvider<unknown>;
    /** The view's title, description (after it), message (above the list) and activity-bar badge, as shown. */
    viewText(): { title?: string; description?: string; message?: string; badge?: number };
  };
  newTicket: {
    /** The New Ticket form: receive() takes a message as the page would post it; postedMessages() what the page was told. */
    form: Pick<NewTicketForm, 'receive' | 'isOpen' | 'currentDraft'> & { postedMessages(): ToFormMessage[] };
  };
  /** Tickets in This Workspace: the ids found in the workspace's files, with their status and places. */
  references: {
    /** Reads the files again and asks for every status (the view's Refresh); resolves when done. */
    refresh(): Promise<void>;
    tickets(): ReferencedTicket[];
    viewMessage(): string | undefined;
  };
  inbox: {
    /** The Inbox's rows, as the view lists them (newest first). */
    items(): InboxItem[];
    /** The view's description, as shown. */
    description(): string | undefined;
    /** Its rows as VS Code gets them, and their tooltips on hover (resolveTreeItem). */
    treeDataProvider: vscode.TreeDataProvider<InboxItem>;
  };
  search: {
    /** The rows Search Tickets… lists for this text once the server answered (the same code as the quick pick). */
    run(query: string): Promise<SearchResult[]>;
    /** Opens a result as picking it in the quick pick does. */
    open(result: SearchResult): void;
    /** Conversations read in the background for the index so far. */
    backfillReads(): number;
    /** Unfinished tickets whose conversation the background fill would still read now (0: indexed and unchanged). */
    backfillDue(): number;
    /** The fill stopped at a failure only a new sign-in fixes. */
    backfillStoppedForSignIn(): boolean;
  };
  /** The last-known tickets of the account shown (what offline panels and the search index read). */
  lastKnown: {
    /** Writes what is pending to disk now. */
    flush(): Promise<void>;
    /** Tickets known, with how many notes each. */
    known(): Array<{ ticketId: string; notes: number; savedAt: number }>;
  };
  /** The window's watcher: the status bar, marks, and extra instances over shared storage (two "windows" in one host). */
  watcher: WatcherHandle & {
    /** The text of every notification this window's watchers showed, oldest first. */
    notificationsShown(): string[];
    /** Another watcher over the same kind of storage, driven by the caller's ticks. */
    createInstance(options: WatcherInstanceOptions): WatcherInstance;
  };
  auth: {
    isSignedIn(): Promise<boolean>;
    /** Sign in without the input boxes: checked with one signed call, then saved. Rejects like the flow does. */
    signInWith(credentials: Credentials, endpoint?: string): Promise<void>;
    /** Signs out of one account (default: the one shown). */
    signOut(accountId?: string): Promise<void>;
  };
  accounts: {
    /** Saved accounts (no secrets: id, label, endpoint), and which one is shown. */
    list(): Array<{ id: string; label: string; endpoint?: string; active: boolean }>;
    switchTo(accountId: string): Promise<void>;
  };
  /**
   * The registered language model tools by name (what vscode.lm.invokeTool reaches): tests call prepareInvocation
   * to read the confirmation VS Code would show (in test runs VS Code confirms its own dialog without showing it).
   */
  agentTools: Record<string, vscode.LanguageModelTool<unknown>>;
  /** For "no secret anywhere" checks. */
  inspect: {
    /** Lines written to the log channel (already redacted), most recent last. */
    logLines(): string[];
    /** Everything the extension keeps in globalState and workspaceState, as JSON. */
    storedState(): string;
    /** Listeners on the services' own emitters (src/common/emitter.ts) not yet removed. */
    serviceListeners(): number;
  };
}

/** How many recent log lines are kept for the "no secret anywhere" checks. */
const RECENT_LINES = 500;
/** How many of the notifications shown and of the messages posted to the New Ticket page are kept. */
const RECENT_EVENTS = 200;

/** Appends and drops the oldest beyond `max`. */
function keepRecent<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

/** Collects what the services report while the tests run; `api()` then builds the surface activate() returns. */
export class TestSurface {
  private readonly logLines: string[] = [];
  /** The open panels by ticket id. */
  private readonly panels = new Map<string, TicketPanel>();
  private readonly formMessages: ToFormMessage[] = [];
  private readonly notifications: string[] = [];

  /** For TicketLog: every line as written (already redacted). */
  readonly onLogLine = (line: string): void => keepRecent(this.logLines, line, RECENT_LINES);

  /** The ticket panels, once built: each panel from its opening until it closes. */
  watchPanels(panels: TicketPanels): void {
    panels.onDidOpenPanel((panel) => {
      this.panels.set(panel.ticketId, panel);
      panel.onDidRender(() => {
        if (panel.closed && this.panels.get(panel.ticketId) === panel) this.panels.delete(panel.ticketId);
      });
    });
  }

  /** The New Ticket form, once built: what it posts to its page. */
  watchForm(form: NewTicketForm): void {
    form.onDidPost((message) => keepRecent(this.formMessages, message, RECENT_EVENTS));
  }

  api(services: {
    context: vscode.ExtensionContext;
    /** The extension's globalState as its features see it (common/orderedMemento.ts: writes on their way included). */
    globalState: vscode.Memento;
    ticketService: TicketService;
    explorer: {
      treeDataProvider: vscode.TreeDataProvider<unknown>;
      view: { title?: string; description?: string; message?: string; badge?: { value: number } };
    };
    auth: AuthSession;
    accounts: Accounts;
    /** Built on first use, like the features they stand for (the code loads then). */
    agentTools: () => Record<string, vscode.LanguageModelTool<unknown>>;
    newTicket: () => NewTicketForm;
    watcher: WatcherWindow;
    /** Answers to the Close question and file picker the panels use in place of a person's (the tests set them). */
    actingAnswers: Partial<ActingUi>;
    unread: UnreadNotes;
    inbox: InboxHandle;
    lastKnown: LastKnownTickets;
    search: SearchHandle;
    references: ReferencesHandle;
  }): AliyunTicketsTestApi {
    const { context, ticketService, explorer, auth, accounts, agentTools, newTicket, watcher, actingAnswers, unread } =
      services;
    watcher.handle.onDidNotify((text) => keepRecent(this.notifications, text, RECENT_EVENTS));
    const formMessages = this.formMessages;
    const { inbox, lastKnown, search, references } = services;
    const dump = (memento: vscode.Memento) => Object.fromEntries(memento.keys().map((key) => [key, memento.get(key)]));
    return {
      ticketService,
      panels: {
        htmlFor: (ticketId) => this.panels.get(ticketId)?.document(),
        openTicketIds: () => [...this.panels.keys()],
        receiveFromPage: (ticketId, message) => this.panels.get(ticketId)?.receive(message),
        actingState: (ticketId) => this.panels.get(ticketId)?.actingState(),
        draftText: (ticketId) => this.panels.get(ticketId)?.acting?.draftText() ?? '',
        answerQuestions: (ui) => {
          if (ui) Object.assign(actingAnswers, ui);
          else for (const key of Object.keys(actingAnswers)) delete actingAnswers[key as keyof ActingUi];
        },
        unreadCount: (ticketId) => unread.count(ticketId),
        focusedNote: (ticketId) => this.panels.get(ticketId)?.focusedNote(),
      },
      inbox: {
        items: () => inbox.items(),
        description: () => inbox.view.description,
        treeDataProvider: inbox.treeDataProvider,
      },
      references: {
        refresh: () => references.refresh(),
        tickets: () => references.tickets(),
        viewMessage: () => references.view.message,
      },
      search: {
        run: (query) => search.run(query),
        open: (result) => search.open(result),
        backfillReads: () => search.backfill.reads,
        backfillDue: () => search.backfill.due(),
        backfillStoppedForSignIn: () => search.backfill.stoppedForSignIn,
      },
      lastKnown: {
        flush: () => lastKnown.flush(),
        known: () =>
          lastKnown.all().map((k) => ({ ticketId: k.ticketId, notes: k.notes?.length ?? 0, savedAt: k.savedAt })),
      },
      explorer: {
        treeDataProvider: explorer.treeDataProvider,
        viewText: () => ({
          title: explorer.view.title,
          description: explorer.view.description,
          message: explorer.view.message,
          badge: explorer.view.badge?.value,
        }),
      },
      newTicket: {
        form: {
          receive: (raw) => newTicket().receive(raw),
          isOpen: () => newTicket().isOpen(),
          currentDraft: () => newTicket().currentDraft(),
          postedMessages: () => [...formMessages],
        },
      },
      watcher: {
        ...watcher.handle,
        notificationsShown: () => [...this.notifications],
        createInstance: (options) => watcher.addInstance(options),
      },
      auth: {
        isSignedIn: () => auth.isSignedIn(),
        signInWith: (credentials, endpoint) => auth.signInWith(credentials, endpoint),
        signOut: (accountId) => auth.signOut(accountId),
      },
      accounts: {
        list: () => accounts.list().map((account) => ({ ...account, active: account.id === accounts.active()?.id })),
        switchTo: (accountId) => accounts.switchTo(accountId),
      },
      get agentTools() {
        return agentTools();
      },
      inspect: {
        logLines: () => [...this.logLines],
        storedState: () =>
          JSON.stringify({ global: dump(services.globalState), workspace: dump(context.workspaceState) }),
        serviceListeners: liveListenerCount,
      },
    };
  }
}
