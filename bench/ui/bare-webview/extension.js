// The UI benchmark's yardstick (bench/ui.mjs): a quick pick whose Enter opens a webview of static HTML with no
// script, the least any webview costs in this window. Activated at start-up like the extension it is compared with.
// Its second row, "scripted", opens a webview made as the ticket panel's is (scripts on, the find widget, a resource
// root, an inline script and style by nonce) with next to nothing in it: the bench's untimed warm-up, so that what a
// window pays once for its first webview with a script is paid by neither side of the comparison.
'use strict';
const crypto = require('node:crypto');
const vscode = require('vscode');

exports.activate = (context) => {
  let opened = 0;
  context.subscriptions.push(
    vscode.commands.registerCommand('ticketsBench.openBare', () => {
      const pick = vscode.window.createQuickPick();
      pick.title = 'Open Bare Webview';
      pick.items = [{ label: 'bare' }, { label: 'scripted' }];
      pick.onDidAccept(() => {
        const scripted = pick.selectedItems[0]?.label === 'scripted';
        pick.hide();
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
          panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><style nonce="${nonce}">h1 { font-weight: normal; }</style></head><body><h1 id="bare-webview">Scripted webview ${opened}</h1><script nonce="${nonce}">acquireVsCodeApi().setState({ opened: ${opened} });</script></body></html>`;
          return;
        }
        const csp = `default-src 'none'; style-src ${panel.webview.cspSource} 'unsafe-inline';`;
        panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"></head><body><h1 id="bare-webview">Bare webview ${opened}</h1><p>Static HTML, no script.</p></body></html>`;
      });
      pick.onDidHide(() => pick.dispose());
      pick.show();
    }),
  );
};
