// The UI benchmark's yardstick (bench/ui.mjs): a quick pick whose Enter opens a webview of static HTML with no
// script, the least any webview costs in this window. Activated at start-up like the extension it is compared with.
'use strict';
const vscode = require('vscode');

exports.activate = (context) => {
  let opened = 0;
  context.subscriptions.push(
    vscode.commands.registerCommand('ticketsBench.openBare', () => {
      const pick = vscode.window.createQuickPick();
      pick.title = 'Open Bare Webview';
      pick.items = [{ label: 'bare' }];
      pick.onDidAccept(() => {
        pick.hide();
        opened += 1;
        const panel = vscode.window.createWebviewPanel(
          'ticketsBench.bare',
          `Bare ${opened}`,
          vscode.ViewColumn.Active,
          {},
        );
        const csp = `default-src 'none'; style-src ${panel.webview.cspSource} 'unsafe-inline';`;
        panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"></head><body><h1 id="bare-webview">Bare webview ${opened}</h1><p>Static HTML, no script.</p></body></html>`;
      });
      pick.onDidHide(() => pick.dispose());
      pick.show();
    }),
  );
};
