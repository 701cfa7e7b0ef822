// The extension as VS Code runs it, minus VS Code: dist/extension.js activated with the vscode stand-in, signed in
// against an emulator (another process), its Tickets view driven the way the workbench drives a TreeDataProvider.
// Started by bench/run.mjs:  node --expose-gc bench/view-child.cjs '<{ url, credentials, mode, pageSize }>'
//   mode 'requests': requests spent opening the view, by a refresh with nothing changed, and by 100 hovers on one id,
//                    counted from the emulator's request log.
//   mode 'memory':   heap growth with every status group paged to the end, and getChildren time of the biggest group.
// Prints one JSON line.
'use strict';
const path = require('node:path');
const { install, context, registered } = require('./vscode-standin.cjs');

const root = path.resolve(__dirname, '..');
const input = JSON.parse(process.argv[2]);
install({
  'aliyunTickets.endpoint': input.url,
  'aliyunTickets.explorer.pageSize': input.pageSize ?? 50,
  'aliyunTickets.explorer.groupByStatus': true,
  'aliyunTickets.explorer.autoRefreshSeconds': 0,
  'aliyunTickets.hover.requireContext': true,
  // The watcher's polls are measured on their own (watcher.mjs); here they would land in the view's request counts.
  'aliyunTickets.watcher.enabled': false,
});

async function control(method, route) {
  const res = await fetch(`${input.url}/__emulator/${route}`, { method });
  return res.json();
}

/** Waits until the emulator has seen no new request for `quietMs` (prefetches run in the background). */
async function settle(quietMs = 300) {
  let last = -1;
  for (;;) {
    const { requests } = await control('GET', 'requests');
    const pending = requests.filter((r) => r.status === 0).length;
    if (requests.length === last && pending === 0) return requests;
    last = requests.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

function countByAction(requests) {
  const out = {};
  for (const r of requests) out[r.action] = (out[r.action] ?? 0) + 1;
  return out;
}

const tree = () => registered.treeProviders.get('aliyunTickets.explorer');

/** What the workbench does when the view opens or repaints: roots, their items, children of expanded groups, theirs. */
async function showView() {
  const provider = tree();
  const roots = await provider.getChildren(undefined);
  const shown = [];
  for (const group of roots) {
    const item = provider.getTreeItem(group);
    shown.push({ node: group, item });
    if (item.collapsibleState === 2) {
      for (const child of await provider.getChildren(group))
        shown.push({ node: child, item: provider.getTreeItem(child) });
    }
  }
  return { roots, shown };
}

async function requestsMode(api) {
  await control('DELETE', 'requests');
  await showView();
  const openedRequests = await settle();
  const opened = countByAction(openedRequests);
  // One ListTickets per status group; the badge's count of tickets that wait for the user is its own (one ListTickets
  // of both statuses, tickets/attention.ts): told apart by the statuses asked.
  const statusesOf = (r) => Object.keys({ ...r.query, ...r.body }).filter((k) => k.startsWith('StatusList.')).length;
  const groupLists = openedRequests.filter((r) => r.action === 'ListTickets' && statusesOf(r) === 1).length;
  const rows = new Set(
    (await showView()).shown.filter((s) => s.node.kind === 'ticket').map((s) => s.node.ticket.ticketId),
  );
  const expandedRows = rows.size;
  // GetTicket for a ticket that is not a row of an expanded group: spent on something nobody can see.
  const outsideExpanded = openedRequests.filter(
    (r) => r.action === 'GetTicket' && !rows.has(r.body.TicketId ?? r.query.TicketId),
  ).length;
  await settle();

  await control('DELETE', 'requests');
  await registered.commands.get('aliyunTickets.explorer.refresh')();
  await showView();
  const refreshedRequests = await settle();
  const refreshed = countByAction(refreshedRequests);
  // A refresh asks the age of a row that has none yet (passed over for the first load's budget, ages.ts), never again
  // the age of a row that has one.
  const aged = new Set(
    openedRequests.filter((r) => r.action === 'GetTicket').map((r) => r.body.TicketId ?? r.query.TicketId),
  );
  const askedAgain = refreshedRequests.filter(
    (r) => r.action === 'GetTicket' && aged.has(r.body.TicketId ?? r.query.TicketId),
  ).length;

  // 100 hovers on one id nobody has fetched yet, through every registered hover provider as VS Code asks them all
  // (the RequestId hover answers nothing here; the ticket hover fetches the ticket).
  const { requests: known } = await control('GET', 'requests');
  const { tickets } = await control('GET', 'tickets');
  const id = tickets.map((t) => t.ticketId).find((tid) => !api.ticketService.peekTicket(tid));
  await control('DELETE', 'requests');
  const line = `  // see ticket ${id} for the workaround`;
  const document = { lineAt: () => ({ text: line }), lineCount: 1, uri: { scheme: 'file' } };
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  const position = { line: 0, character: line.indexOf(id) + 2 };
  const hovers = await Promise.all(
    Array.from({ length: 100 }, async () => {
      const answers = await Promise.all(
        registered.hoverProviders.map((provider) => provider.provideHover(document, position, token)),
      );
      return answers.find(Boolean);
    }),
  );
  const hovered = countByAction(await settle(100));
  return {
    openView: {
      listTickets: opened.ListTickets ?? 0,
      groupLists,
      getTicket: opened.GetTicket ?? 0,
      expandedRows,
      outsideExpanded,
    },
    refreshUnchanged: { listTickets: refreshed.ListTickets ?? 0, getTicket: refreshed.GetTicket ?? 0, askedAgain },
    hover100: { requests: Object.values(hovered).reduce((a, b) => a + b, 0), answered: hovers.filter(Boolean).length },
    ignoredBefore: known.length,
  };
}

async function memoryMode() {
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const provider = tree();
  // Expand every group and press its Load more until the group is complete.
  const roots = await provider.getChildren(undefined);
  let loadMores = 0;
  for (const group of roots) {
    for (;;) {
      const children = await provider.getChildren(group);
      for (const child of children) provider.getTreeItem(child);
      const more = children.find((c) => c.kind === 'loadMore');
      if (!more) break;
      const { command } = provider.getTreeItem(more);
      await registered.commands.get(command.command)(...(command.arguments ?? []));
      loadMores++;
    }
  }
  await settle();
  global.gc();
  const after = process.memoryUsage().heapUsed;
  // The group the budget names: Waiting for your feedback, 2,000 rows in the full run.
  const measured = roots.find((g) => g.status === 3);
  const rows = (await provider.getChildren(measured)).filter((n) => n.kind === 'ticket').length;
  const times = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    await provider.getChildren(measured);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const loaded = (await Promise.all(roots.map((g) => provider.getChildren(g))))
    .flat()
    .filter((n) => n.kind === 'ticket').length;
  return {
    heapGrowthMb: (after - before) / 1024 / 1024,
    loadedRows: loaded,
    loadMores,
    groupRows: rows,
    getChildrenMs: times[Math.floor(times.length / 2)],
  };
}

(async () => {
  const extension = require(path.join(root, 'dist', 'extension.js'));
  const api = extension.activate(context(root, 3));
  await api.auth.signInWith(input.credentials);
  await settle(100);
  const result = input.mode === 'memory' ? await memoryMode() : await requestsMode(api);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
