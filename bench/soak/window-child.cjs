// One VS Code window of a profile that has several (issue 23, item 2): dist/extension.js activated with the soak's
// vscode stand-in, its globalState and SecretStorage the profile's, kept by the parent process
// (test/unit/windows/profile.ts) as VS Code's main process keeps them for every window: a secret read or written goes
// to the parent, which tells every window of the change (secrets.onDidChange, this one included); globalState is read
// from this window's copy and a change is sent to the parent, which passes it on to the other windows. The global
// storage folder is the same folder in every window. Timers run on a fake clock (fakeClock.cjs) that the parent moves
// on in step in every window, all from the same wall time, so the watcher's lease (a file with wall-clock times) sees
// one clock. The parent drives the window with calls over the IPC channel ({kind: 'call', id, op, args}) and gets
// {kind: 'result', id, value | error}.
//   fork('bench/soak/window-child.cjs', [JSON.stringify({ url, storageDir, wallStart, monoStart, focused })])
'use strict';
const input = JSON.parse(process.argv[2]);
const clock = require('./fakeClock.cjs').installFakeClock(input.wallStart, input.monoStart);
const { install, registered } = require('./standin.cjs');
const { activate, showView, command } = require('./harness.cjs');

const stand = install({
  'aliyunTickets.endpoint': input.url,
  'aliyunTickets.explorer.pageSize': 50,
  'aliyunTickets.watcher.intervalSeconds': input.watcherIntervalSeconds,
});
const shown = [];
for (const kind of ['showErrorMessage', 'showWarningMessage', 'showInformationMessage']) {
  stand.vscode.window[kind] = async (message) => {
    shown.push(String(message));
    return undefined;
  };
}

// ------------------------------------------------------------------ the profile's storage, kept by the parent
let nextRequest = 1;
const pending = new Map();
function ask(op, fields) {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    process.send({ kind: 'storage', id, op, ...fields });
  });
}
const secretChanged = new stand.vscode.EventEmitter();
const secrets = {
  get: (key) => ask('secret.get', { key }),
  store: (key, value) => ask('secret.store', { key, value }).then(() => undefined),
  delete: (key) => ask('secret.delete', { key }).then(() => undefined),
  onDidChange: secretChanged.event,
};
const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const state = new Map(Object.entries(input.state ?? {}));
const globalState = {
  get: (key, fallback) => (state.has(key) ? copy(state.get(key)) : fallback),
  update: async (key, value) => {
    if (value === undefined) state.delete(key);
    else state.set(key, copy(value));
    await ask('state.update', { key, value: copy(value) });
  },
  keys: () => [...state.keys()],
  setKeysForSync: () => undefined,
};

/** Until nothing is in flight: requests, files, the parent's answers (real I/O the fake clock does not move). */
async function settle() {
  for (let quiet = 0; quiet < 4;) {
    const s = api.ticketService.stats();
    const files = process.getActiveResourcesInfo().some((kind) => kind.startsWith('FSReq'));
    const busy = files || s.inFlight > 0 || s.queued > 0 || pending.size > 0;
    quiet = busy ? 0 : quiet + 1;
    await (busy ? clock.realSleep(5) : new Promise((resolve) => setImmediate(resolve)));
  }
}

// ------------------------------------------------------------------ what the window shows
const text = (value) => (value && typeof value === 'object' && 'value' in value ? value.value : value);

/** Every row of every view (two levels: groups and their rows), as the workbench would paint them. */
async function viewRows() {
  const rows = [];
  for (const [id, provider] of registered.treeProviders) {
    const roots = (await provider.getChildren(undefined)) ?? [];
    for (const node of roots) {
      const item = await provider.getTreeItem(node);
      rows.push({ view: id, label: text(item.label), description: item.description, tooltip: text(item.tooltip) });
      if (item.collapsibleState !== 2) continue;
      for (const child of (await provider.getChildren(node)) ?? []) {
        const row = await provider.getTreeItem(child);
        rows.push({ view: id, label: text(row.label), description: row.description, tooltip: text(row.tooltip) });
      }
    }
  }
  return rows;
}

/** The text of a page's document, without its stylesheet and script. */
const pageText = (html) =>
  (html ?? '')
    .replace(/<(style|script)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

async function screen() {
  const panels = api.panels.openTicketIds().map((ticketId) => ({
    ticketId,
    text: pageText(api.panels.htmlFor(ticketId)),
    draft: api.panels.draftText(ticketId),
  }));
  return {
    signedIn: await api.auth.isSignedIn(),
    accounts: api.accounts.list().map((a) => ({ label: a.label, active: a.active })),
    rows: await viewRows(),
    viewText: api.explorer.viewText(),
    tabs: [...stand.panels].map((p) => p.title),
    panels,
    statusBar: api.watcher.statusBar(),
    marks: [...api.watcher.markedTicketIds()],
    inbox: api.inbox.items(),
    watcher: api.watcher.view(),
    notifications: [...shown],
  };
}

// ------------------------------------------------------------------ what the parent asks
const ops = {
  advance: ({ ms }) => clock.advance(ms, settle),
  settle: () => settle(),
  now: () => ({ mono: clock.mono, wall: Date.now(), pid: process.pid }),
  signIn: ({ credentials }) => api.auth.signInWith(credentials),
  signOut: () => api.auth.signOut(),
  switchTo: async ({ label }) => {
    const account = api.accounts.list().find((a) => a.label === label);
    if (!account) throw new Error(`no account ${label}`);
    await api.accounts.switchTo(account.id);
  },
  accounts: () => api.accounts.list(),
  screen,
  showView: () => showView(),
  openPanel: async ({ ticketId }) => {
    await command('aliyunTickets.openTicket', ticketId);
    api.panels.receiveFromPage(ticketId, { type: 'ready' });
    await settle();
    return api.panels.draftText(ticketId);
  },
  /** The reply box changed as the page tells it (every keystroke). */
  type: ({ ticketId, text, encrypt = false }) =>
    api.panels.receiveFromPage(ticketId, { type: 'draftChanged', draft: { text, encrypt } }),
  draftText: ({ ticketId }) => api.panels.draftText(ticketId),
  closePanel: ({ ticketId }) => {
    for (const panel of stand.panels) if (panel.title.includes(ticketId)) panel.dispose();
  },
  focus: ({ focused }) => stand.setFocused(focused),
  watcherView: () => api.watcher.view(),
};

let api;
process.on('message', (message) => {
  if (message.kind === 'answer') {
    const request = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) request?.reject(new Error(message.error));
    else request?.resolve(message.value);
  } else if (message.kind === 'secretChanged') {
    secretChanged.fire({ key: message.key });
  } else if (message.kind === 'stateChanged') {
    if (message.value === undefined) state.delete(message.key);
    else state.set(message.key, message.value);
  } else if (message.kind === 'call') {
    Promise.resolve()
      .then(() => ops[message.op](message.args ?? {}))
      .then(
        (value) => process.send({ kind: 'result', id: message.id, value: copy(value) }),
        (error) => process.send({ kind: 'result', id: message.id, error: String(error?.stack ?? error) }),
      );
  }
});

stand.setFocused(input.focused !== false);
api = activate(stand, input.storageDir, { globalState, secrets });
process.send({ kind: 'ready', pid: process.pid });
