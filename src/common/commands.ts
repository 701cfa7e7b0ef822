// Every command id and context key the extension uses, defined once. package.json's `contributes` must agree with
// this file; test/unit/common/commands.test.ts checks it (every contributed command registered, every registered one
// contributed or listed as internal, every context key in a `when` clause defined here). No vscode import.

/** Our commands, by what they do. Register and execute them only through these names. */
export const Commands = {
  signIn: 'aliyunTickets.signIn',
  signOut: 'aliyunTickets.signOut',
  showLog: 'aliyunTickets.showLog',
  openTicket: 'aliyunTickets.openTicket',
  copyTicketId: 'aliyunTickets.copyTicketId',
  revealInExplorer: 'aliyunTickets.revealInExplorer',
  explorerRefresh: 'aliyunTickets.explorer.refresh',
  /** The title-bar Filter button: always asks (VS Code passes it the selected row, which is no filter). */
  explorerFilter: 'aliyunTickets.explorer.filter',
  /** Applies the filter it is given (other features, tests); internal, in no menu or the palette. */
  explorerApplyFilter: 'aliyunTickets.explorer.applyFilter',
  explorerClearFilter: 'aliyunTickets.explorer.clearFilter',
  explorerGroupByStatus: 'aliyunTickets.explorer.groupByStatus',
  explorerShowFlat: 'aliyunTickets.explorer.showFlat',
  explorerOpen: 'aliyunTickets.explorer.open',
  explorerRefreshTicket: 'aliyunTickets.explorer.refreshTicket',
  explorerLoadMore: 'aliyunTickets.explorer.loadMore',
  explorerRetryList: 'aliyunTickets.explorer.retryList',
  explorerShowError: 'aliyunTickets.explorer.showError',
  switchAccount: 'aliyunTickets.switchAccount',
  addAccount: 'aliyunTickets.addAccount',
  newTicket: 'aliyunTickets.newTicket',
  createTicketFromSelection: 'aliyunTickets.createTicketFromSelection',
  /** From the RequestId hover and terminal links, with the RequestId and where it was found. */
  createTicketAboutRequest: 'aliyunTickets.createTicketAboutRequest',
  /** An Inbox row: opens the ticket at that answer and marks it seen (tree only). */
  inboxOpen: 'aliyunTickets.inbox.open',
  referencesRefresh: 'aliyunTickets.references.refresh',
  inboxMarkAllSeen: 'aliyunTickets.inbox.markAllSeen',
  searchTickets: 'aliyunTickets.searchTickets',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/**
 * Commands registered but deliberately not in package.json (called only by other code, never from a menu or the
 * palette). The tree-only ones are contributed and hidden from the palette by `when: false` instead.
 */
export const INTERNAL_COMMANDS: readonly CommandId[] = [Commands.explorerApplyFilter];

/**
 * Our webview panel types (package.json's onWebviewPanel activation events name them): VS Code restores such panels
 * after a reload through the serializer registered for the type at activation.
 */
export const WebviewTypes = {
  details: 'aliyunTickets.details',
  newTicketForm: 'aliyunTickets.newTicketForm',
} as const;

/** Our sidebar's tree views (package.json's `views`): activation declares them, their features fill them. */
export const Views = {
  explorer: 'aliyunTickets.explorer',
  inbox: 'aliyunTickets.inbox',
  references: 'aliyunTickets.references',
} as const;

/** VS Code's own commands that we execute. */
export const BuiltinCommands = {
  setContext: 'setContext',
  /**
   * Opens a resource; given an http(s) URL as a string, the opener opens that string as it is. (A vscode.Uri is
   * decoded and re-encoded on the way: `encodeURI(uri.toString(true))` turns %2B, %26 and %23 into +, & and #.)
   */
  open: 'vscode.open',
  openSettings: 'workbench.action.openSettings',
  /**
   * Marks a Get Started walkthrough step done, given "<extension id>#<walkthrough id>#<step id>" (VS Code's welcome
   * page). It records the step even while the walkthrough service has not started.
   */
  markWalkthroughStepDone: 'welcome.markStepComplete',
} as const;

/** Context keys we set (with BuiltinCommands.setContext) and read in package.json `when` clauses. */
export const ContextKeys = {
  /** true while a sign-in is saved. */
  signedIn: 'aliyunTickets.signedIn',
  /** The Tickets view's ExplorerState: idle, ready, empty, error, signedOut. */
  explorerState: 'aliyunTickets.explorer.state',
  /** The TicketErrorKind of the failed load while explorerState is error; '' otherwise. */
  explorerErrorKind: 'aliyunTickets.explorer.errorKind',
  /** true while a filter is active. */
  explorerFiltered: 'aliyunTickets.explorer.filtered',
  /**
   * The Get Started walkthrough's steps done from state (features/walkthrough/walkthroughProgress.ts): true once a
   * ticket was shown in a panel, the Tickets view was on screen, a ticket's hover was shown, the server took a reply,
   * and more than one account was saved or another one shown. Kept true across restarts.
   */
  walkthroughOpenedTicket: 'aliyunTickets.walkthrough.openedTicket',
  walkthroughSawTicketsView: 'aliyunTickets.walkthrough.sawTicketsView',
  walkthroughSawHover: 'aliyunTickets.walkthrough.sawHover',
  walkthroughReplied: 'aliyunTickets.walkthrough.replied',
  walkthroughUsedAccounts: 'aliyunTickets.walkthrough.usedAccounts',
} as const;

export type ContextKey = (typeof ContextKeys)[keyof typeof ContextKeys];
