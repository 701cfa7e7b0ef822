// Activation: declares to VS Code what it needs registered at once (every command, the three sidebar views, the
// panels' serializers, the agent tools), over thin stand-ins, and nothing else: activation stays a few milliseconds on
// a busy machine. The window itself (services, features: src/window.ts, dist/window.js) is built on the first use of
// any of them (a command, a view on screen asking for rows, a panel restored, a tool call) or a moment after
// activation, for what runs in the background (the watcher, the workspace's ticket ids, hovers, the status bar).
import * as vscode from 'vscode';
import { registerDeferredAgentTools } from './features/agent-tools/deferredTools';
import { Commands, Views, WebviewTypes } from './common/commands';
import { setL10n } from './common/l10n';
import { declareCommands, declarePanelSerializers, deferredApi } from './lazy/declarations';
import { loadClient, loadFeatures, loadTestSurface, loadWindow } from './lazy/load';
import { declareTreeView } from './common/treeViews';
import type { AliyunTicketsTestApi } from './testSurface';
import type { WindowHandle } from './window';

/** How long after activation the window is built when nothing asked for it sooner. */
export const WINDOW_START_DELAY_MS = 1_000;

/** The window once built (deactivate waits for its pending state writes). */
let window: WindowHandle | undefined;

export function activate(context: vscode.ExtensionContext): AliyunTicketsTestApi | undefined {
  // Before anything builds text: every user-facing string goes through common/l10n.ts.
  setL10n((message, ...args) => vscode.l10n.t(message, ...args), vscode.env.language);

  const start = (): WindowHandle => {
    if (!window) {
      // The stand-ins step aside before the window registers the real commands and serializers under their names.
      clearTimeout(timer);
      commands.dispose();
      serializers.dispose();
      window = loadWindow().startWindow(context, {
        features: loadFeatures,
        client: loadClient,
        testSurface: loadTestSurface,
      });
    }
    return window;
  };
  const timer = setTimeout(start, WINDOW_START_DELAY_MS);
  const commands = declareCommands(Object.values(Commands), start);
  const serializers = declarePanelSerializers(Object.values(WebviewTypes), (type, panel, state) =>
    start().restorePanel(type, panel, state),
  );
  const tools = registerDeferredAgentTools(() => start().agentTools());
  context.subscriptions.push(
    { dispose: () => clearTimeout(timer) },
    commands,
    serializers,
    ...tools.disposables,
    declareTreeView(Views.explorer, { showCollapseAll: true }, start),
    declareTreeView(Views.inbox, {}, start),
    declareTreeView(Views.references, {}, start),
  );

  // Every extension in this host can read our exports, and the test surface reads tickets and signs in with the
  // user's key: only the extension-host test runner gets it (its module loads with the window).
  return context.extensionMode === vscode.ExtensionMode.Test ? deferredApi(() => start().api) : undefined;
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is in context.subscriptions; a draft saved just before a reload still reaches globalState.
  const stored = window?.flushState();
  window = undefined;
  return stored;
}
