// What the soak children share: the extension as built (dist/extension.js) activated with the soak's vscode stand-in
// (standin.cjs) over a storage folder of their own, signed in against the emulator's URL, and the few moves the
// workbench makes for it (run a command, paint the Tickets view, wait until the ticket service is idle).
'use strict';
const path = require('node:path');
const { install, counts, context, registered } = require('./standin.cjs');

const root = path.resolve(__dirname, '..', '..');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const turn = () => new Promise((resolve) => setImmediate(resolve));
const command = (id, ...args) => registered.commands.get(id)(...args);

/** The stand-in with the settings every soak uses; call before activate(). */
function standIn(url) {
  return install({
    'aliyunTickets.endpoint': url,
    'aliyunTickets.explorer.pageSize': 50,
    'aliyunTickets.explorer.groupByStatus': true,
    'aliyunTickets.hover.requireContext': true,
  });
}

/**
 * activate() with global storage in `storageDir`; returns the test surface (ExtensionMode.Test). `shared`: the
 * globalState and secrets of the profile when several windows share them (window-child.cjs); default in memory.
 */
function activate(stand, storageDir, shared = {}) {
  const ctx = { ...context(root, 3), ...shared };
  ctx.globalStorageUri = stand.vscode.Uri.file(storageDir);
  ctx.logUri = stand.vscode.Uri.file(storageDir);
  return require(path.join(root, 'dist', 'extension.js')).activate(ctx);
}

/** Until the service has nothing in flight or queued for a few turns in a row (background loads included). */
async function idle(api) {
  for (let quiet = 0; quiet < 5;) {
    const s = api.ticketService.stats();
    quiet = s.inFlight === 0 && s.queued === 0 ? quiet + 1 : 0;
    await (quiet ? turn() : sleep(2));
  }
}

/**
 * What the workbench does when the view repaints: roots, their items, the children of expanded groups and theirs.
 * Returns the ticket rows shown.
 */
async function showView() {
  const provider = registered.treeProviders.get('aliyunTickets.explorer');
  const rows = [];
  for (const group of await provider.getChildren(undefined)) {
    const item = provider.getTreeItem(group);
    if (item.collapsibleState !== 2) continue;
    for (const child of await provider.getChildren(group)) {
      provider.getTreeItem(child);
      if (child.kind === 'ticket') rows.push({ ticketId: child.ticket.ticketId, status: child.ticket.status.value });
    }
  }
  return rows;
}

module.exports = { standIn, activate, idle, showView, sleep, turn, command, counts, registered };
