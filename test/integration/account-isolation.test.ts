// Two accounts in the real extension host: account A (the demo key, which owns the seeded tickets) leaves a panel open
// in front and one behind, reply drafts (one Confidential), a New Ticket draft, hovers, the Tickets view and seen
// marks; after switching to account B (another Alibaba Cloud account, which owns no tickets) nothing of A is on screen
// or in reach, and after signing out nothing of either is, nor anything they left in the extension's storage.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  AliyunTicketsTestApi,
  DEMO_CREDENTIALS,
  OTHER_ACCOUNT_CREDENTIALS,
  activateExtension,
  calmWorkbench,
  emulator,
  ui,
  waitFor,
  type EmulatorTicket,
} from './harness';
import { CONFIDENTIAL_DRAFTS, PLAIN_DRAFT_CONTROL } from '../fixtures/confidential';

/** Every label of every open editor tab (background tabs included): what the tab strip shows. */
function tabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
}

/**
 * What of account A the tab titles still show. A panel's title reaches the tab strip through the window and back
 * (`tabGroups`), which lags behind the panel under load: wait for it before looking.
 */
async function tabTitlesFound(found: (where: string, text: string) => string[]): Promise<string[]> {
  const titles = () => found('the tab titles', tabLabels().join('\n'));
  await waitFor('the tab titles to settle', () => (titles().length === 0 ? true : undefined)).catch(() => undefined);
  return titles();
}

async function hoverText(ticketId: string): Promise<string> {
  const document = await vscode.workspace.openTextDocument({ content: `// see ticket ${ticketId}\n`, language: 'ts' });
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(0, 16),
    )) ?? [];
  return hovers
    .flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n');
}

/** Every ticket id and label the Tickets view shows, groups opened. */
async function treeText(api: AliyunTicketsTestApi): Promise<string> {
  const provider = api.explorer.treeDataProvider;
  const out: string[] = [];
  const walk = async (element: unknown, depth: number) => {
    const children = ((await provider.getChildren(element as never)) ?? []) as unknown[];
    for (const child of children) {
      const item = await provider.getTreeItem(child as never);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      out.push(`${label} ${String(item.description ?? '')} ${String(item.tooltip ?? '')}`);
      if (depth < 2 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await walk(child, depth + 1);
    }
  };
  await walk(undefined, 0);
  return out.join('\n');
}

/** The rows Open Ticket lists before anything is typed (its recent tickets), read in the workbench. */
async function openTicketRows(): Promise<string[]> {
  void vscode.commands.executeCommand('aliyunTickets.openTicket');
  try {
    // Its code loads on first use: on a busy machine that takes a while.
    const state = await ui.quickInputShowing(/Open Ticket/, 30_000);
    return state.rows;
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
}

/**
 * What of the account's tickets the features keep in memory besides the screen: the last-known tickets (offline
 * panels, the search index), the Inbox, the watcher's marks, and what Search Tickets… finds for `query` (signed in).
 */
async function keptTicketIds(api: AliyunTicketsTestApi, query?: string): Promise<string[]> {
  return [
    ...api.lastKnown.known().map((k) => k.ticketId),
    ...api.inbox.items().map((item) => item.ticketId),
    ...api.watcher.markedTicketIds(),
    ...(query === undefined ? [] : (await api.search.run(query)).map((result) => result.ticketId)),
  ];
}

describe('account isolation: nothing of one account after switching to another, nothing of either after sign-out', function () {
  this.timeout(120_000);
  let api: AliyunTicketsTestApi;
  let front: EmulatorTicket;
  let behind: EmulatorTicket;
  const PLAIN_DRAFT = PLAIN_DRAFT_CONTROL;
  /** The runner looks for it on disk after the session (browser profile included): it must be nowhere. */
  const CONFIDENTIAL_DRAFT = CONFIDENTIAL_DRAFTS['confidential reply draft'];
  const NEW_TICKET_TITLE = 'New ticket title typed under account A';

  /** What of account A must not be seen: its tickets' titles and descriptions, its drafts. */
  const traces = () => [front.title, behind.title, PLAIN_DRAFT, CONFIDENTIAL_DRAFT, NEW_TICKET_TITLE];
  const found = (where: string, text: string) =>
    traces()
      .filter((trace) => text.includes(trace))
      .map((t) => `${where}: ${t}`);

  before(async () => {
    api = await activateExtension();
    while (await api.auth.isSignedIn()) await api.auth.signOut();
    await emulator.reset();
    await calmWorkbench();
    const tickets = await emulator.tickets();
    // Two tickets the user can reply to, with a title long enough to be told apart in any text.
    const replyable = tickets.filter((t) => t.status >= 1 && t.status <= 3 && t.title.length > 8);
    [front, behind] = [replyable[0], replyable[1]];
  });

  after(async () => {
    while (await api.auth.isSignedIn()) await api.auth.signOut();
    await calmWorkbench();
  });

  it('leaves nothing of account A on screen or in reach after switching to account B, which owns no tickets', async () => {
    await api.auth.signInWith(DEMO_CREDENTIALS);
    for (const ticket of [behind, front]) {
      await vscode.commands.executeCommand('aliyunTickets.openTicket', ticket.ticketId);
      // Loaded, not "Loading…" (which names the ticket id too).
      await waitFor(`panel ${ticket.ticketId} with its title`, () => {
        const html = api.panels.htmlFor(ticket.ticketId);
        return html?.includes(ticket.ticketId) &&
          !/class="state loading/.test(html) &&
          api.panels.actingState(ticket.ticketId)?.actions.reply
          ? true
          : undefined;
      });
    }
    await waitFor('the tab titles to name the tickets', () =>
      tabLabels().some((label) => label.includes(behind.title.slice(0, 20))) ? true : undefined,
    );
    api.panels.receiveFromPage(front.ticketId, { type: 'draftChanged', draft: { text: PLAIN_DRAFT, encrypt: false } });
    api.panels.receiveFromPage(behind.ticketId, {
      type: 'draftChanged',
      draft: { text: CONFIDENTIAL_DRAFT, encrypt: true },
    });
    await waitFor('the drafts', () =>
      api.panels.draftText(front.ticketId) === PLAIN_DRAFT &&
      api.panels.draftText(behind.ticketId) === CONFIDENTIAL_DRAFT
        ? true
        : undefined,
    );
    await api.newTicket.form.receive({ type: 'draftChanged', draft: { title: NEW_TICKET_TITLE, description: 'd' } });
    assert.strictEqual((await api.newTicket.form.currentDraft()).title, NEW_TICKET_TITLE);
    assert.match(await hoverText(front.ticketId), new RegExp(front.ticketId));
    assert.ok((await treeText(api)).includes(front.ticketId), "the Tickets view lists A's tickets");
    await api.lastKnown.flush();
    assert.ok(
      (await keptTicketIds(api, front.title)).includes(front.ticketId),
      "A's ticket is known (last-known, search) before the switch",
    );
    // The control for B's list below: A's own list holds the tickets A opened.
    if (ui.available()) {
      const rows = (await openTicketRows()).join('\n');
      assert.ok(
        [front.ticketId, behind.ticketId].some((id) => rows.includes(id)),
        `Open Ticket lists A's recent tickets: ${rows}`,
      );
    }

    // Account B: another Alibaba Cloud account, with no tickets at all.
    await api.auth.signInWith(OTHER_ACCOUNT_CREDENTIALS);
    assert.strictEqual(api.accounts.list().find((a) => a.active)?.label, 'AccessKey …4Nz7');

    // The panels: the ticket is not B's, so each shows only the error; no title, conversation or reply box of A's.
    for (const ticket of [front, behind]) {
      const html = await waitFor(
        `panel ${ticket.ticketId} to load for account B`,
        () => {
          const text = api.panels.htmlFor(ticket.ticketId);
          return text && !/class="state loading/.test(text) && !/Loading/.test(text) ? text : undefined;
        },
        20_000,
      );
      assert.deepStrictEqual(found(`panel ${ticket.ticketId}`, html), []);
      if (ticket.description.length > 20)
        assert.ok(!html.includes(ticket.description.slice(0, 40)), 'no description of A');
      assert.deepStrictEqual(api.panels.actingState(ticket.ticketId)?.actions, {
        reply: false,
        close: false,
        reopen: false,
        rate: false,
      });
      assert.strictEqual(api.panels.draftText(ticket.ticketId), '', "no draft of A's in the reply box");
    }
    assert.deepStrictEqual(await tabTitlesFound(found), [], 'background tabs too');
    assert.deepStrictEqual(found('the Tickets view', await treeText(api)), []);
    assert.ok(!(await treeText(api)).includes(front.ticketId), "the Tickets view lists none of A's tickets");
    assert.deepStrictEqual(found('a hover', await hoverText(front.ticketId)), []);
    assert.strictEqual((await api.newTicket.form.currentDraft()).title, '', "New Ticket shows B's (empty) draft");
    assert.strictEqual(api.panels.unreadCount(front.ticketId), 0);
    assert.strictEqual(api.watcher.statusBar().visible, false, 'no bell of A in the status bar');
    const aIds = [front.ticketId, behind.ticketId];
    const kept = await keptTicketIds(api, front.title);
    assert.deepStrictEqual(
      kept.filter((id) => aIds.includes(id)),
      [],
      "none of A's tickets in B's last-known tickets, Inbox, marks or search",
    );
    if (ui.available()) {
      const rows = (await openTicketRows()).join('\n');
      assert.deepStrictEqual(found('Open Ticket', rows), []);
      assert.ok(!aIds.some((id) => rows.includes(id)), `Open Ticket lists none of A's recent tickets: ${rows}`);
    }
  });

  it('after signing out of both, nothing of either is on screen or left in the extension’s storage', async () => {
    while (await api.auth.isSignedIn()) await api.auth.signOut();
    for (const ticket of [front, behind]) {
      const html = await waitFor(`panel ${ticket.ticketId} signed out`, () => {
        const text = api.panels.htmlFor(ticket.ticketId);
        return text && /signed out/i.test(text) ? text : undefined;
      });
      assert.deepStrictEqual(found(`panel ${ticket.ticketId}`, html), []);
      // Signed out is no fault: the panel offers Sign In, not the log, and does not alarm.
      const state = html.match(/<section class="state[\s\S]*?<\/section>/)?.[0] ?? '';
      assert.deepStrictEqual(
        [...state.matchAll(/data-action="(\w+)"/g)].map((m) => m[1]),
        ['signIn'],
        state,
      );
      assert.ok(!state.includes('role="alert"'), `signed out is said as a fact, not an alert: ${state}`);
      assert.strictEqual(api.panels.draftText(ticket.ticketId), '');
      assert.ok(!api.panels.actingState(ticket.ticketId)?.actions.reply, 'no reply box signed out');
    }
    assert.deepStrictEqual(await tabTitlesFound(found), []);
    assert.strictEqual((await api.newTicket.form.currentDraft()).title, '');
    assert.strictEqual(api.watcher.statusBar().visible, false);
    assert.deepStrictEqual(
      (await keptTicketIds(api)).filter((id) => id === front.ticketId || id === behind.ticketId),
      [],
      'signed out: nothing of A kept in memory',
    );
    const stored = api.inspect.storedState();
    assert.deepStrictEqual(found('globalState', stored), []);
    assert.ok(!stored.includes(front.ticketId) && !stored.includes(behind.ticketId), `no ticket id stored: ${stored}`);
  });
});
