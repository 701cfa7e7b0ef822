// The UI benchmark's yardstick (bench/ui.mjs): a quick pick whose Enter opens a webview of static HTML with no
// script, the least any webview costs in this window. Activated at start-up like the extension it is compared with.
// Its second row, "scripted", opens a webview made as the ticket panel's is (scripts on, the find widget, a resource
// root, an inline script and style by nonce) with next to nothing in it: the bench's untimed warm-up, so that what a
// window pays once for its first webview with a script is paid by neither side of the comparison. Its third,
// "typeset", is the scripted one showing a line of text in each face of a ticket page (TYPE_SAMPLES): the window sets
// up each font face, size and fallback font the first time one of its webviews shows it (a Chromium trace of a
// window's first ticket panel: 36 font look-ups in its first layout, 12-16 ms, and 8 fallbacks for Chinese text, 4-5
// ms; in a later panel's, 14 look-ups in 1.5 ms and no fallback), which is the window's, not the panel's. With it,
// the first panel's look-ups took 0.2 ms and its fallbacks 3 ms. Its tree view "Bare Rows", in the Tickets sidebar,
// opens the bare webview on a click: the yardstick of a click on a ticket's row in the Tickets view.
'use strict';
const crypto = require('node:crypto');
const vscode = require('vscode');

/**
 * The text styles of a ticket page (media/details.css: the title, headings, badges and times, names and status, ids
 * in the editor's font), each as a class of one line in Latin and Chinese (the demo tickets' language).
 */
const TYPE_SAMPLES = {
  title: 'font-size: 1.5em; font-weight: bold;',
  heading: 'font-size: 1.1em; font-weight: bold;',
  text: '',
  name: 'font-weight: 600;',
  small: 'font-size: 0.9em;',
  badge: 'font-size: 0.9em; font-weight: 600;',
  id: 'font-size: 0.9em; font-family: var(--vscode-editor-font-family);',
  code: 'font-family: var(--vscode-editor-font-family);',
};
const typeSamples = () => ({
  style: Object.entries(TYPE_SAMPLES)
    .map(([name, css]) => `.${name} { margin: 0; ${css} }`)
    .join(' '),
  body: Object.keys(TYPE_SAMPLES)
    .map((name) => `<p class="${name}">Ticket 0005PYGCW 工单续费失败</p>`)
    .join(''),
});

/** The tree view's rows (bench/ui.mjs clicks one per bare click), each opening the bare webview as the pick's "bare". */
const BARE_ROWS = Array.from({ length: 8 }, (_, i) => `Bare row ${i + 1}`);

exports.activate = (context) => {
  let opened = 0;
  /** Opens a webview: `row` 'bare' static HTML; 'scripted' and 'typeset' made as a ticket panel is. */
  const openWebview = (row) => {
    const scripted = row === 'scripted' || row === 'typeset';
    opened += 1;
    const panel = vscode.window.createWebviewPanel(
      'ticketsBench.bare',
      `Bare ${opened}`,
      vscode.ViewColumn.Active,
      scripted ? { enableScripts: true, enableFindWidget: true, localResourceRoots: [context.extensionUri] } : {},
    );
    if (scripted) {
      const nonce = crypto.randomBytes(16).toString('base64');
      const csp = `default-src 'none'; style-src ${panel.webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
      const samples = row === 'typeset' ? typeSamples() : { style: '', body: '' };
      panel.webview.html = `<!DOCTYPE html><html lang="${vscode.env.language}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><style nonce="${nonce}">h1 { font-weight: normal; } ${samples.style}</style></head><body><h1 id="bare-webview">Scripted webview ${opened}</h1>${samples.body}<script nonce="${nonce}">acquireVsCodeApi().setState({ opened: ${opened} });</script></body></html>`;
      return;
    }
    const csp = `default-src 'none'; style-src ${panel.webview.cspSource} 'unsafe-inline';`;
    panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"></head><body><h1 id="bare-webview">Bare webview ${opened}</h1><p>Static HTML, no script.</p></body></html>`;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('ticketsBench.openBare', () => {
      const pick = vscode.window.createQuickPick();
      pick.title = 'Open Bare Webview';
      pick.items = [{ label: 'bare' }, { label: 'scripted' }, { label: 'typeset' }];
      pick.onDidAccept(() => {
        const row = pick.selectedItems[0]?.label;
        pick.hide();
        openWebview(row);
      });
      pick.onDidHide(() => pick.dispose());
      pick.show();
    }),
    // A click on a bare row: the yardstick of a click on a ticket's row in the Tickets view, the same gesture in the
    // same sidebar (a tree item's command, run by the extension host), opening the bare webview.
    vscode.commands.registerCommand('ticketsBench.openBareRow', () => openWebview('bare')),
    vscode.window.registerTreeDataProvider('ticketsBench.bareRows', {
      getChildren: (element) => (element ? [] : BARE_ROWS),
      getTreeItem: (label) => ({
        label,
        command: { command: 'ticketsBench.openBareRow', title: 'Open', arguments: [] },
      }),
    }),
  );
};
