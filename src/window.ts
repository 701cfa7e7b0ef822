// The window's composition root: builds the services and registers the features, on the first use of anything
// activation declared (src/extension.ts) or a moment after activation. No feature logic lives here.
import * as vscode from 'vscode';
import { ClientProvider } from './auth/clientProvider';
import { reportUnusableEndpoint } from './auth/endpointSetting';
import { createExternalCredentialSources } from './auth/externalCredentials';
import { savedAgainInBrowser } from './auth/browserSecrets';
import { AuthSession } from './auth/session';
import { RejectedSignIn } from './auth/rejectedSignIn';
import { promptSignInAgain } from './auth/signInAgainPrompt';
import { Accounts } from './auth/accounts/accounts';
import { registerAccounts } from './auth/accounts/registerAccounts';
import type { ActingUi } from './features/details/actingAdapter';
import { DeferredPanels } from './features/details/deferredPanels';
import { SeenMarks } from './features/details/seenMarks';
import { SEEN_NOTES_KEY, UnreadNotes } from './features/details/unread';
import { registerInbox } from './features/inbox/register';
import { registerSearch, SEARCH_PAGE_SIZE } from './features/search/register';
import { registerReferences } from './features/references/register';
import { followWalkthroughState, WalkthroughProgress } from './features/walkthrough/walkthroughProgress';
import { AccountFolders, removeGoneAccounts, type AccountData } from './tickets/accountFiles';
import { LastKnownTickets } from './tickets/lastKnown';
import { keepLocalCopy, watchLocalCopySetting } from './tickets/localCopySetting';
import { CategoryNames, catalogLanguage } from './tickets/categoryNames';
import type { DraftStore } from './features/details/draftStore';
import type { PanelState } from './features/details/protocol';
import { moveLegacyData } from './features/legacyData';
import { isOtherAccount, SessionEvents } from './common/sessionChange';
import { forgetErrors } from './common/recentErrors';
import { registerExplorer } from './features/explorer/explorerView';
import { registerHovers } from './features/hover/ticketHovers';
import { registerNewTicket } from './features/new-ticket/register';
import { openPendingTicket, openTicket, PendingTicket } from './features/open-ticket/openTicket';
import { RecentTickets } from './features/open-ticket/recentTickets';
import { deferWatcher } from './features/watcher/deferredWatcher';
import { TicketLog } from './log/log';
import { NETWORK_SETTINGS, readNetworkSettings } from './network/networkSettings';
import { createTicketService } from './tickets';
import { AttentionCount } from './tickets/attention';
import type { AliyunTicketsTestApi } from './testSurface';
import { Commands, WebviewTypes } from './common/commands';
import { FIRST_SIGN_IN_KEY } from './common/accountScope';
import type { TicketClient } from './api/client';
import type * as Features from './lazy/features';
import type * as TestSurfaceModule from './testSurface';
import { affectsSettings, getSetting } from './settings/configuration';
import { OrderedMemento } from './common/orderedMemento';

/** The later bundles, loaded on first use (src/lazy/load.ts, handed over by src/extension.ts). */
export interface WindowLoaders {
  features(): typeof Features;
  client(): typeof TicketClient;
  testSurface(): typeof TestSurfaceModule;
}

/** What activation's declarations forward to once the window is built. */
export interface WindowHandle {
  /** The extension-host tests' view into the extension (ExtensionMode.Test only). */
  api: AliyunTicketsTestApi | undefined;
  /** Restores a panel of this type after a reload (VS Code handed it to the serializer activation registered). */
  restorePanel(type: string, panel: vscode.WebviewPanel, state: unknown): Thenable<void>;
  /** The agent tools, built on first use (their code is in dist/features.js). */
  agentTools(): Record<string, vscode.LanguageModelTool<unknown>>;
  /** Resolves once every globalState update made so far is stored (deactivation waits for it). */
  flushState(): Promise<void>;
}

export function startWindow(context: vscode.ExtensionContext, load: WindowLoaders): WindowHandle {
  const loadFeatures = load.features;
  const loadClient = load.client;
  const loadTestSurface = load.testSurface;
  const settingEndpoint = () => getSetting('endpoint');
  const settings = () => {
    return {
      // The site of accounts that follow the setting; an account with a site of its own brings it (ClientProvider).
      endpoint: settingEndpoint(),
      signatureVersion: getSetting('signatureVersion'),
      proxy: vscode.workspace.getConfiguration('http').get<string>('proxy', ''),
      network: readNetworkSettings((message) => log.info(message)),
    };
  };

  // Every extension in this host can read our exports, and the test surface reads tickets and signs in with the
  // user's key: only the extension-host test runner gets it, and only then is its module loaded.
  const testSurface =
    context.extensionMode === vscode.ExtensionMode.Test ? new (loadTestSurface().TestSurface)() : undefined;

  // Services. The log hides every credential the client provider has seen (it is built before the provider).
  const clients: { provider?: ClientProvider } = {};
  const log = new TicketLog(() => clients.provider?.knownSecrets() ?? [], testSurface?.onLogLine);
  // Every globalState write of the extension goes through this one writer (common/orderedMemento.ts says why).
  const globalState = new OrderedMemento(context.globalState);
  const storage = {
    globalState,
    secrets: savedAgainInBrowser(context.secrets, vscode.env.uiKind === vscode.UIKind.Web),
    globalStorageDir: context.globalStorageUri.fsPath,
  };
  // Who is signed in, and each account's own storage (common/accountScope.ts), handed to the features below.
  const accounts = new Accounts(
    storage,
    (problem) => {
      log.warn(problem);
      void vscode.window.showErrorMessage(problem);
    },
    (loaded) => moveLegacyData(storage, loaded),
  );
  const sources = createExternalCredentialSources();
  // The saved sign-in refused (an STS token that expired during a sleep): one prompt, not one per request.
  const rejectedSignIn = new RejectedSignIn(promptSignInAgain);
  const clientProvider = new ClientProvider({
    // The account's credentials and its site, read together.
    readSession: async () => {
      const session = await accounts.session();
      return session && { accountId: session.account.id, signIn: session.signIn, endpoint: session.account.endpoint };
    },
    settings,
    sources,
    onRequest: (event) => log.request(event),
    onSessionRequest: (event) => rejectedSignIn.observe(event),
    createClient: (options) => new (loadClient())(options),
  });
  clients.provider = clientProvider;
  const ticketService = createTicketService({ getClient: () => clientProvider.getClient() });
  // One event when who is signed in or a setting the requests depend on changes: the client and every cache first.
  const session = new SessionEvents(accounts, (listener) =>
    vscode.workspace.onDidChangeConfiguration((event) => {
      const affected = affectsSettings(event, ['endpoint', 'signatureVersion']);
      if (!affected && !NETWORK_SETTINGS.some((section) => event.affectsConfiguration(section))) return;
      reportUnusableEndpoint(settingEndpoint(), log);
      listener();
    }),
  );
  session.onDidChange(() => {
    rejectedSignIn.reset();
    clientProvider.reset();
    ticketService.invalidate();
    forgetErrors();
  });
  const auth = new AuthSession(
    clientProvider,
    sources,
    log,
    accounts,
    settingEndpoint,
    (deps) => new (loadFeatures().SignInFlow)(deps),
  );
  const accountStore = () => accounts.current()?.memento;
  const recent = new RecentTickets(accountStore);
  const pendingOpen = new PendingTicket();
  // What is derived from an account (last-known tickets, seen marks, the search index) is kept and removed with it.
  const folders = new AccountFolders(context.globalStorageUri.fsPath);
  const accountData: AccountData = {
    activeId: () => accounts.current()?.accountId,
    documents: (id) => folders.documents(id),
    removeAccount: (id) => folders.removeAccount(id),
    storedAccounts: () => folders.storedAccounts(),
  };
  const lastKnown = new LastKnownTickets({ data: accountData, keepLocalCopy });
  context.subscriptions.push(
    lastKnown,
    ticketService.onDidLoad((event) => {
      if (event.kind === 'ticket') lastKnown.rememberTicket(event.ticketId, event.ticket);
      else if (event.kind === 'notes') lastKnown.rememberNotes(event.ticketId, event.notes);
      else lastKnown.rememberTitles(event.tickets);
    }),
    watchLocalCopySetting(lastKnown),
  );
  // Only with the stored list in hand: a keychain that could not answer is no reason to remove anyone's data.
  const removeGone = async () =>
    accounts.listKnown &&
    removeGoneAccounts(
      accountData,
      accounts.list().map((a) => a.id),
      globalState,
      [SEEN_NOTES_KEY],
    ).catch((error) => log.warn(`Removing the data of signed-out accounts failed: ${String(error)}`));
  void accounts.ready.then(() => (removeGone(), lastKnown.load()));
  // Unread answers from support: marked in the ticket panels, listed in the Inbox, counted in the badge. Seen marks
  // are the signed-in account's, in a file of its folder that every window reads and watches (seenMarks.ts).
  const seenMarks = new SeenMarks({
    data: accountData,
    folder: (id) => accounts.scopeOf(id).storageDir,
    legacy: accountStore,
  });
  // Another account, or one fewer: the new one's last-known tickets and seen marks; the data of those gone removed.
  context.subscriptions.push(accounts.onDidChange(() => void (removeGone(), lastKnown.load(), seenMarks.refresh())));
  const unread = new UnreadNotes(seenMarks, () => accountStore()?.get<number>(FIRST_SIGN_IN_KEY));
  // Tickets waiting for the user and unseen answers: one count for the badge and status bar (tickets/attention.ts).
  const attention = new AttentionCount(ticketService);
  // Sidebar explorer, hovers and links on ticket ids.
  const explorer = registerExplorer(
    ticketService,
    unread,
    (current) => loadFeatures().promptForFilter(current),
    attention,
    { read: () => lastKnown.readList(), write: (lists) => lastKnown.saveList(lists) },
    lastKnown.createTimes(),
  );
  const inbox = registerInbox({
    onDidLoad: (listener) => ticketService.onDidLoad(listener),
    unread,
    lastKnown,
    peekTitle: (ticketId) => ticketService.peekTicket(ticketId)?.title,
    openPanel: (ticketId, dialogId) => panels.open(ticketId, dialogId),
  });
  const search = registerSearch({
    lastKnown,
    onDidLoad: (listener) => ticketService.onDidLoad(listener),
    onDidChangeSession: (listener) => session.onDidChange(listener),
    listByKeyword: async (keyword, signal) =>
      (await ticketService.listTickets({ pageNumber: 1, pageSize: SEARCH_PAGE_SIZE, keyword }, { signal })).tickets,
    readNotes: (ticketId) => ticketService.getNotes(ticketId, { background: true }),
    openPanel: (ticketId, focus) => panels.open(ticketId, focus),
    keepLocalCopy,
  });
  // Ticket ids in the workspace's files: their statuses, and a note at each reference of a completed ticket.
  const references = registerReferences({ service: ticketService, account: accounts });
  context.subscriptions.push(explorer, inbox, search, seenMarks, ...references.disposables);
  // The questions the panels and the New Ticket form ask (Close, the file picker, the secret guard): a person's, unless
  // the test surface answers in their place.
  const actingAnswers: Partial<ActingUi> = {};
  // New tickets (form, from a selection, from a RequestId) and the watcher that tells when support answers.
  const execute = (command: string, ...args: unknown[]) => vscode.commands.executeCommand(command, ...args);
  const newTicket = registerNewTicket(
    context,
    {
      account: accounts,
      getClient: () => clientProvider.getClient(),
      signIn: () => auth.signIn(),
      openTicket: (id) => execute(Commands.openTicket, id),
      refreshTickets: () => execute(Commands.explorerRefresh),
      // The secret guard's question before Submit (the test surface may answer it, as it answers the panels').
      askAboutSecrets: (question) =>
        (actingAnswers.askAboutSecrets ?? loadFeatures().defaultActingUi.askAboutSecrets)(question),
      log,
      // The team's templates (.vscode/aliyun-tickets.json) and the product a template or an error names.
      prepareTicket: (start) =>
        loadFeatures().prepareTicket(start, {
          getClient: () => clientProvider.getClient(),
          language: () => catalogLanguage(vscode.env.language),
        }),
    },
    (deps) => {
      const form = new (loadFeatures().NewTicketForm)(deps);
      testSurface?.watchForm(form);
      return form;
    },
  );
  // Activation loads only what the first screen needs (the Tickets view, hovers, accounts). Everything else is built by
  // the factories below, which load its code (src/lazy/load.ts) on first use; the watcher starts a little after
  // activation (deferredWatcher.ts).
  const watcher = deferWatcher(() =>
    loadFeatures().registerWatcher({
      service: ticketService,
      account: accounts,
      openTicket: (id) => execute(Commands.openTicket, id),
      log,
      attention,
      follow: (learned) => explorer.follow(learned),
    }),
  );
  explorer.showMarks(() => watcher.handle.markedTicketIds(), watcher.handle.onDidChangeMarks);
  // The Get Started walkthrough's steps, done from what the user did whether or not its page was open.
  const walkthrough = new WalkthroughProgress({ state: globalState, execute });
  context.subscriptions.push(...followWalkthroughState(walkthrough, { accounts, ticketsView: explorer.view }));
  // Acting on tickets from the panel: writes, drafts kept per ticket, unread answers, category names.
  // Category names in the display language (the catalogue is stored per language; the language is fixed for a window).
  const categories = new CategoryNames({
    getClient: () => clientProvider.getClient(),
    store: accountStore,
    language: catalogLanguage(vscode.env.language),
  });
  const lazy: { drafts?: DraftStore } = {};
  const panels = new DeferredPanels(() => {
    const features = loadFeatures();
    const actingUi: ActingUi = {
      confirmClose: (ticketId, title) =>
        (actingAnswers.confirmClose ?? features.defaultActingUi.confirmClose)(ticketId, title),
      pickFiles: () => (actingAnswers.pickFiles ?? features.defaultActingUi.pickFiles)(),
      askAboutSecrets: (question) =>
        (actingAnswers.askAboutSecrets ?? features.defaultActingUi.askAboutSecrets)(question),
      confirmOpenAttachment: (question, detail) =>
        (actingAnswers.confirmOpenAttachment ?? features.defaultActingUi.confirmOpenAttachment)(question, detail),
    };
    lazy.drafts = new features.DraftStore(() => accounts.current());
    const created = new features.TicketPanels({
      extensionUri: context.extensionUri,
      service: ticketService,
      signIn: () => auth.signIn(),
      recent,
      log,
      // What the server last said about a ticket: a panel paints it at once, then refreshes it in place.
      known: (ticketId) => lastKnown.get(ticketId),
      // A ticket opened from a hover, a link or Open Ticket is shown in the tree too, if the tree is on screen.
      onDidShowTicket: (ticketId) => {
        walkthrough.complete('openTicket');
        watcher.handle.markSeen(ticketId);
        return explorer.reveal(ticketId, { follow: true });
      },
      acting: features.panelActing({
        writes: new features.TicketWrites(
          () => clientProvider.getClient(),
          ticketService,
          (ticketId, dialogId) => void lastKnown.markConfidential(ticketId, dialogId),
        ),
        drafts: lazy.drafts,
        scope: () => accounts.current(),
        unread,
        categories,
        autoRefreshSeconds: features.autoRefreshSeconds,
        ui: actingUi,
        onReplied: () => walkthrough.complete('reply'),
      }),
      lastKnown,
    });
    testSurface?.watchPanels(created);
    return created;
  });
  // Who is signed in changed: nothing of the previous account stays in memory or on screen; a setting changed or the
  // same account has new credentials: the panels load again.
  session.onDidChange((change) => {
    if (!isOtherAccount(change)) return panels.reloadAll();
    unread.reset();
    lazy.drafts?.forgetMemory();
    panels.resetForAccount(change.reason === 'account' && !!change.account.current);
    if (change.reason === 'account' && change.account.kind === 'signedIn')
      openPendingTicket(pendingOpen, (ticketId) => panels.open(ticketId));
  });
  // Tools for the editor's AI agents: read a ticket, list tickets, draft a reply the user confirms and sends.
  let tools: Record<string, vscode.LanguageModelTool<unknown>> | undefined;
  const agentTools = () =>
    (tools ??= loadFeatures().createAgentTools(context, {
      service: ticketService,
      // Drafts land in the panel's reply box: at once when the panel is open (it would otherwise overwrite them).
      drafts: {
        getDraft: (ticketId) => panels.draftText(ticketId),
        setDraft: (ticketId, text) => panels.replaceDraftText(ticketId, text),
        open: (ticketId) => panels.open(ticketId),
      },
    }));
  reportUnusableEndpoint(settingEndpoint(), log);

  // Everything this window registered, disposed with it.
  context.subscriptions.push(
    log,
    accounts,
    session,
    clientProvider,
    auth,
    panels,
    ...registerHovers(ticketService, () => walkthrough.complete('hovers')),
    ...newTicket.disposables,
    ...watcher.disposables,
    ...registerAccounts({ accounts, auth, explorer, settingEndpoint }),
    vscode.commands.registerCommand(Commands.signIn, () => auth.signIn()),
    vscode.commands.registerCommand(Commands.signOut, () => auth.signOut()),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    vscode.commands.registerCommand(Commands.openTicket, (arg?: unknown) =>
      openTicket(
        {
          recent,
          isSignedIn: () => auth.isSignedIn(),
          signIn: () => auth.signIn(),
          openPanel: (ticketId) => panels.open(ticketId),
          pending: pendingOpen,
          prepare: () => panels.prepare(),
          service: ticketService,
        },
        arg,
      ),
    ),
  );

  const api = testSurface?.api({
    context,
    globalState,
    ticketService,
    explorer,
    auth,
    accounts,
    agentTools,
    newTicket: newTicket.form,
    watcher,
    actingAnswers,
    unread,
    inbox,
    lastKnown,
    search,
    references: references.handle,
  });
  return {
    api,
    restorePanel: (type, panel, state) =>
      type === WebviewTypes.newTicketForm
        ? newTicket.form().deserializeWebviewPanel(panel)
        : panels.deserializeWebviewPanel(panel, state as PanelState),
    agentTools,
    flushState: () => globalState.flush(),
  };
}
