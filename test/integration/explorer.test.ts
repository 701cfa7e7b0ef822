// The Tickets view as VS Code sees it: the tree data provider's getChildren / getTreeItem against the emulator's 150
// demo tickets — status groups with the server's counts, newest first, paging with "Load more" until every ticket
// is there (never a silent stop at 100), the flat list, and the filter.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { STATUS_LABELS, STATUS_NAMES, type StatusValue } from '../../src/api/types';
import {
  AliyunTicketsTestApi,
  DEMO_CREDENTIALS,
  EmulatorTicket,
  activateExtension,
  calmWorkbench,
  emulator,
  setSetting,
  skipWithoutBrowserPage,
  ui,
  waitFor,
} from './harness';

interface Node {
  id: string;
  kind: 'group' | 'ticket' | 'loadMore' | 'message';
  ticket?: { ticketId: string };
  status?: number;
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('explorer (tree data provider)', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;
  let tree: vscode.TreeDataProvider<unknown>;
  let all: EmulatorTicket[];

  const children = async (node?: Node) => ((await tree.getChildren(node)) ?? []) as Node[];
  const item = async (node: Node) => tree.getTreeItem(node);
  const ticketIds = (nodes: Node[]) => nodes.filter((n) => n.kind === 'ticket').map((n) => n.ticket!.ticketId);
  /** Newest first, as the API lists them. */
  const expectedOrder = (tickets: EmulatorTicket[]) =>
    [...tickets].sort((a, b) => b.createTime - a.createTime).map((t) => t.ticketId);

  /** Root children once loading has settled (no "Loading…" message). */
  async function root(): Promise<Node[]> {
    return waitFor(
      'the tree to load',
      async () => {
        const nodes = await children();
        return nodes.length &&
          !nodes.some((n) => n.kind === 'message' && /loading/i.test(labelOf(tree.getTreeItem(n) as vscode.TreeItem)))
          ? nodes
          : undefined;
      },
      20_000,
    );
  }

  /** Clicks "Load more" under `parent` (runs its command as VS Code would) until it is gone; returns the tickets. */
  async function loadEverything(parent?: Node): Promise<{ ids: string[]; clicks: number }> {
    let clicks = 0;
    for (;;) {
      const nodes = parent ? await children(parent) : await root();
      const more = nodes.find((n) => n.kind === 'loadMore');
      if (!more) return { ids: ticketIds(nodes), clicks };
      const command = (await item(more)).command;
      assert.ok(command, 'Load more runs a command when clicked');
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      clicks++;
      assert.ok(clicks < 20, 'Load more never ends');
    }
  }

  before(async () => {
    api = await activateExtension();
    assert.ok(api.explorer?.treeDataProvider, 'activate() exports explorer.treeDataProvider');
    tree = api.explorer.treeDataProvider;
    await emulator.reset();
    all = await emulator.tickets();
    if (!(await api.auth.isSignedIn())) await api.auth.signInWith(DEMO_CREDENTIALS);
    await calmWorkbench();
    await vscode.commands.executeCommand('aliyunTickets.explorer.clearFilter');
  });

  after(async () => {
    await setSetting('explorer.groupByStatus', undefined);
    await setSetting('explorer.pageSize', undefined);
    await vscode.commands.executeCommand('aliyunTickets.explorer.clearFilter');
  });

  it('groups tickets by status, with each group labelled and counted as the server counts', async () => {
    await setSetting('explorer.groupByStatus', true);
    await setSetting('explorer.pageSize', 10);
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    const groups = (await root()).filter((n) => n.kind === 'group');
    assert.strictEqual(groups.length, 6, 'one group per status');
    for (const group of groups) {
      const treeItem = await item(group);
      const [, shownCount, label] = /^(\d+) (.*)$/.exec(labelOf(treeItem)) ?? [];
      const status = Number(Object.entries(STATUS_LABELS).find(([, l]) => l === label)?.[0]) as StatusValue;
      assert.ok(status, `group label ${labelOf(treeItem)} is a count and a status`);
      const count = all.filter((t) => t.status === status).length;
      assert.strictEqual(Number(shownCount), count, `${label} shows its count ${count} first`);
    }
  });

  it('pages a group 10 at a time, newest first, and "Load more" brings the rest', async () => {
    const group = (await root()).find(
      (n) => n.kind === 'group' && labelOf(tree.getTreeItem(n) as vscode.TreeItem).endsWith(` ${STATUS_LABELS[3]}`),
    )!;
    const first = await children(group);
    assert.strictEqual(ticketIds(first).length, 10, 'the first page');
    assert.ok(
      first.some((n) => n.kind === 'loadMore'),
      'a Load more row while more exist',
    );
    const expected = expectedOrder(all.filter((t) => t.status === 3));
    assert.deepStrictEqual(ticketIds(first), expected.slice(0, 10));
    const { ids, clicks } = await loadEverything(group);
    assert.deepStrictEqual(ids, expected, 'every ticket of the group, in order, no duplicates');
    assert.ok(clicks >= 2);
  });

  it('the flat list pages past 100 tickets to all 150', async () => {
    await setSetting('explorer.groupByStatus', false);
    await setSetting('explorer.pageSize', 100);
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    const first = await root();
    assert.strictEqual(ticketIds(first).length, 100);
    assert.ok(
      first.some((n) => n.kind === 'loadMore'),
      'Load more after 100',
    );
    const { ids } = await loadEverything();
    assert.strictEqual(ids.length, all.length);
    assert.deepStrictEqual(ids, expectedOrder(all));
  });

  it('switching from the groups to the flat list: every row shows its age at once, without a refresh or pointing at it', async () => {
    await setSetting('explorer.groupByStatus', true);
    await setSetting('explorer.pageSize', 10);
    // No age known to start with: signed out and in again (ages and cached tickets are the account's).
    while (await api.auth.isSignedIn()) await api.auth.signOut();
    await api.auth.signInWith(DEMO_CREDENTIALS);
    // VS Code's part: the groups, then the rows of every group that shows expanded (the load's ages go to them).
    for (const group of (await root()).filter((n) => n.kind === 'group')) {
      if ((await item(group)).collapsibleState === vscode.TreeItemCollapsibleState.Expanded) await children(group);
    }
    await setSetting('explorer.groupByStatus', false);
    const withoutAge = async () => {
      const rows = (await root()).filter((n) => n.kind === 'ticket');
      assert.strictEqual(rows.length, 10, 'the flat list shows its first page');
      const missing: string[] = [];
      for (const row of rows) {
        // "0005PYGCW · 3d · title": the age follows the id (rowLead); without it the title does.
        const label = labelOf(await item(row));
        const lead = `${row.ticket!.ticketId} · `;
        if (!label.startsWith(lead) || !/^(now|\d+(m|h|d|w|mo|y)) · /.test(label.slice(lead.length)))
          missing.push(`${row.ticket!.ticketId} (${label})`);
      }
      return missing;
    };
    await waitFor(
      'every row of the flat list with its age',
      async () => (await withoutAge()).length === 0,
      15_000,
    ).catch(async (error: Error) =>
      assert.fail(`${error.message}; rows without an age: ${(await withoutAge()).join(', ')}`),
    );
  });

  it('filters by status and keyword (as the server does), and clearing the filter brings everything back', async () => {
    await vscode.commands.executeCommand('aliyunTickets.explorer.applyFilter', {
      statuses: [STATUS_NAMES[3]],
      keyword: 'RDS',
    });
    const { ids } = await loadEverything();
    const expected = expectedOrder(
      all.filter((t) => t.status === 3 && (t.title + t.description).toLowerCase().includes('rds')),
    );
    assert.ok(expected.length > 0, 'the demo seed has matches');
    assert.deepStrictEqual(ids, expected);
    // The description is cut off after the long title in a sidebar of usual width: the list says it too.
    const shown = await waitFor('the filter shown', () =>
      api.explorer.viewText().message ? api.explorer.viewText() : undefined,
    );
    assert.match(shown.description ?? '', /“RDS”/);
    assert.match(shown.message ?? '', /^Filtered: .*“RDS”.*Clear Filter/);
    await vscode.commands.executeCommand('aliyunTickets.explorer.clearFilter');
    const back = await loadEverything();
    assert.strictEqual(back.ids.length, all.length);
    const text = api.explorer.viewText();
    assert.deepStrictEqual([text.description, text.message], [undefined, undefined]);
  });

  it('a ticket row opens the ticket when clicked', async () => {
    const node = (await root()).find((n) => n.kind === 'ticket')!;
    const command = (await item(node)).command;
    assert.ok(command, 'ticket rows have a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await waitFor('the panel', () => api.panels.openTicketIds().includes(node.ticket!.ticketId));
    await calmWorkbench();
  });
  it("a row's tooltip waits for the pointer: none with the row, then from the cached details without a request, or fetched once", async () => {
    const top = await root();
    const group = top.find((n) => n.kind === 'group');
    const rows = (group ? await children(group) : top).filter((n) => n.kind === 'ticket').slice(0, 2);
    assert.strictEqual(rows.length, 2, 'two ticket rows to point at');
    const token = new vscode.CancellationTokenSource().token;
    const tooltipOf = (treeItem: vscode.TreeItem) =>
      typeof treeItem.tooltip === 'string' ? treeItem.tooltip : (treeItem.tooltip?.value ?? '');
    const askedAbout = async (ticketId: string) =>
      (await emulator.requests())
        .filter((r) => (r.body.TicketId ?? r.query.TicketId) === ticketId)
        .map((r) => r.action);

    const [known, unknown] = rows.map((n) => n.ticket!.ticketId);
    await api.ticketService.getTicket(known);
    api.ticketService.invalidate(unknown);
    await emulator.clearRequests();
    for (const row of rows) {
      const treeItem = await item(row);
      assert.strictEqual(treeItem.tooltip, undefined, `${row.ticket!.ticketId}'s row is sent without its tooltip`);
      const resolved = (await tree.resolveTreeItem!(treeItem, row, token)) ?? treeItem;
      const ticket = all.find((t) => t.ticketId === row.ticket!.ticketId)!;
      assert.ok(tooltipOf(resolved).includes(ticket.ticketId), `the tooltip names the ticket: ${tooltipOf(resolved)}`);
    }
    assert.deepStrictEqual(await askedAbout(known), [], 'a ticket whose details are cached: no request');
    assert.deepStrictEqual(await askedAbout(unknown), ['GetTicket'], 'one that is not: its details, once');
    // A group's too: sent without it, made when pointed at (its name and count).
    await setSetting('explorer.groupByStatus', true);
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    const groupNode = (await root()).find((n) => n.kind === 'group');
    assert.ok(groupNode, 'grouped by status: a group row');
    const groupItem = await item(groupNode);
    assert.strictEqual(groupItem.tooltip, undefined, 'the group is sent without its tooltip');
    const resolvedGroup = (await tree.resolveTreeItem!(groupItem, groupNode, token)) ?? groupItem;
    assert.match(tooltipOf(resolvedGroup), /\d+ tickets?/, `the group's tooltip counts: ${tooltipOf(resolvedGroup)}`);
  });

  it('one count of what waits for the user: the badge, the status bar and the two groups agree, whatever the filter and the layout', async () => {
    const waiting = all.filter((t) => t.status === 3 || t.status === 5);
    await setSetting('explorer.groupByStatus', true);
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    const groups = ((await api.explorer.treeDataProvider.getChildren()) ?? []) as Array<{
      kind: string;
      status?: number;
      list?: { totalCount: number };
    }>;
    const groupSum = groups
      .filter((g) => g.kind === 'group' && (g.status === 3 || g.status === 5))
      .reduce((n, g) => n + g.list!.totalCount, 0);
    assert.strictEqual(groupSum, waiting.length, 'the groups');
    // The count is the waiting tickets plus the answers from support not seen yet (the Inbox's rows; the suites
    // before may have left some): one number wherever it is shown.
    const answers = () => api.inbox.items().length;
    const counted = (badge: number | undefined) => badge === waiting.length + answers() || undefined;
    await waitFor('the badge', () => counted(api.explorer.viewText().badge));
    const bar = await waitFor('the status bar', () =>
      api.watcher.statusBar().visible && api.watcher.statusBar().text === `$(bell-dot) ${waiting.length + answers()}`
        ? api.watcher.statusBar()
        : undefined,
    );
    // The tooltip says what it counts, lists the newest ten with how many more, and what a click opens.
    const newest = [...waiting].sort((a, b) => b.createTime - a.createTime || (a.ticketId < b.ticketId ? -1 : 1));
    const unseen = answers();
    // With answers to read, the first line is the sum in the lists' words ("29 in all: 26 waiting for you + 3 new
    // answers"), the Inbox's description last.
    const [sum, ...lines] = unseen === 0 ? ['', ...bar.tooltip.split('\n')] : bar.tooltip.split('\n');
    if (unseen > 0)
      assert.strictEqual(
        sum,
        `${waiting.length + unseen} in all: ${waiting.length} waiting for you + ${unseen === 1 ? '1 new answer' : `${unseen} new answers`}`,
      );
    assert.strictEqual(
      lines[0],
      `${waiting.length} tickets wait for you (Waiting for your feedback, To be confirmed).`,
    );
    assert.deepStrictEqual(
      lines.slice(1, 11).map((l) => l.split(' ')[0]),
      newest.slice(0, 10).map((t) => t.ticketId),
    );
    assert.strictEqual(lines[11], `… and ${waiting.length - 10} more tickets`);
    assert.deepStrictEqual(
      lines.slice(12, -1),
      unseen === 0
        ? []
        : [
            unseen === 1
              ? '1 new answer from support, listed in the Inbox.'
              : `${unseen} new answers from support, listed in the Inbox.`,
          ],
      'the answers not seen yet, in a line of their own',
    );
    assert.strictEqual(lines.at(-1), `Click to open the most recent: ${newest[0].ticketId}.`);

    await vscode.commands.executeCommand('aliyunTickets.explorer.applyFilter', { keyword: 'RDS' });
    await waitFor('the badge with a filter on', () => counted(api.explorer.viewText().badge));
    await setSetting('explorer.groupByStatus', false);
    await waitFor('the badge in the flat list', () =>
      counted(api.explorer.viewText().badge) && api.explorer.viewText().description ? true : undefined,
    );
    await vscode.commands.executeCommand('aliyunTickets.explorer.clearFilter');
    await waitFor('the badge unfiltered and flat', () => counted(api.explorer.viewText().badge));
    await setSetting('explorer.groupByStatus', true);
  });

  it('the title-bar Filter asks even with a row selected (VS Code passes it the row) and keeps the filter when dismissed', async function () {
    skipWithoutBrowserPage(this);
    await vscode.commands.executeCommand('aliyunTickets.explorer.applyFilter', { keyword: 'OSS' });
    await waitFor('the filter', () => /“OSS”/.test(api.explorer.viewText().description ?? '') || undefined);
    const group = (await root()).find((n) => n.kind === 'group')!;
    void vscode.commands.executeCommand('aliyunTickets.explorer.filter', group);
    await ui.quickInputShowing(/Filter Tickets \(1\/3\)/);
    await ui.pressInQuickInput('Escape');
    await waitFor('the prompt to close', async () => !(await ui.quickInput()).visible || undefined);
    assert.match(api.explorer.viewText().description ?? '', /“OSS”/, 'the filter is still on');
    await vscode.commands.executeCommand('aliyunTickets.explorer.clearFilter');
  });

  it('a creation-date range typed in the last step of the filter (as its hint shows) filters the list', async function () {
    skipWithoutBrowserPage(this);
    // The groups are counted below: grouped, whatever the tests before left.
    await setSetting('explorer.groupByStatus', true);
    const day = (ms: number) => new Date(ms).toLocaleDateString('en-CA');
    const start = day(Date.now() - 30 * 86_400_000);
    const end = day(Date.now());
    void vscode.commands.executeCommand('aliyunTickets.explorer.filter');
    await ui.answer(/Filter Tickets \(1\/3\)/, '');
    await ui.answer(/Filter Tickets \(2\/3\)/, '');
    await ui.answer(/Filter Tickets \(3\/3\)/, `${start} to ${end}`);
    const shown = await waitFor('the range filter', () =>
      api.explorer.viewText().message ? api.explorer.viewText() : undefined,
    );
    assert.match(shown.description ?? '', new RegExp(`${start} – ${end}`));
    const from = new Date(`${start}T00:00:00`).getTime();
    const expected = all.filter((t) => t.createTime >= from).length;
    assert.ok(expected > 0 && expected < all.length, 'the range holds some of the demo tickets');
    let counted = 0;
    for (const group of (await root()).filter((n) => n.kind === 'group'))
      counted += Number(/^\d+/.exec(labelOf(await item(group)))?.[0]);
    assert.strictEqual(counted, expected, 'the groups count the tickets created in the range');
    await vscode.commands.executeCommand('aliyunTickets.explorer.clearFilter');
  });

  it('a failed refresh keeps the loaded rows and says above them that it failed and when to retry', async () => {
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    const before = (await root()).map((n) => n.id);
    const badge = api.explorer.viewText().badge;
    await emulator.inject({ kind: 'throttle', action: 'ListTickets', retryAfterMs: 20_000, times: 20 });
    try {
      await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
      const message = await waitFor('the failure above the list', () => api.explorer.viewText().message);
      assert.match(
        message,
        /^Refresh failed at \d\d:\d\d \(Too many requests: wait 20 s\)\. Showing the tickets loaded before/,
      );
      assert.deepStrictEqual(
        (await root()).map((n) => n.id),
        before,
        'every group and row is still there',
      );
      assert.strictEqual(api.explorer.viewText().badge, badge, 'and the badge');
    } finally {
      await emulator.clearFaults();
    }
  });
  it('requests spent (emulator log): a refresh is one ListTickets per group and at most 50 GetTicket; a second one with nothing changed, no GetTicket', async () => {
    await setSetting('explorer.groupByStatus', true);
    await setSetting('explorer.pageSize', 50);
    await vscode.commands.executeCommand('workbench.view.extension.aliyunTickets');
    const settle = async () => {
      // The ages are fetched in the background after the tree painted: wait until the log stops growing.
      let seen = -1;
      for (let i = 0; i < 40; i++) {
        const now = (await emulator.requests()).length;
        if (now === seen) return;
        seen = now;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    await settle();
    await emulator.clearRequests();
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    await settle();
    const first = await emulator.requests();
    assert.strictEqual(
      first.filter((r) => r.action === 'ListTickets').length,
      7,
      'one ListTickets per status group and one for the count',
    );
    assert.ok(first.filter((r) => r.action === 'GetTicket').length <= 50, 'at most one page of ages');
    await emulator.clearRequests();
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    await settle();
    const second = await emulator.requests();
    assert.strictEqual(second.filter((r) => r.action === 'ListTickets').length, 7);
    assert.deepStrictEqual(
      second
        .filter((r) => r.action === 'GetTicket')
        .map((r) => (r as { body?: Record<string, string> }).body?.TicketId),
      [],
      'nothing changed: no GetTicket',
    );
  });
});
