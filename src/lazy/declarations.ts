// What activation registers before the window's code is there (src/extension.ts): every command and both panel
// serializers, as thin stand-ins. The first call to one builds the window (src/window.ts): the stand-ins step aside
// first, so the window registers the real ones under the same names, and the call goes on to them.
import * as vscode from 'vscode';

/**
 * Registers each command in `ids` as a stand-in. Its first call runs `start` (which must dispose the stand-ins
 * returned here before the real commands are registered), then runs the real command with the same arguments.
 */
export function declareCommands(ids: readonly string[], start: () => void): vscode.Disposable {
  const stubs = ids.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      start();
      return vscode.commands.executeCommand(id, ...args);
    }),
  );
  return { dispose: () => stubs.splice(0).forEach((stub) => stub.dispose()) };
}

/**
 * Registers a serializer for each panel type: VS Code restores panels after a reload through the serializer registered
 * at activation. `restore` builds the window (disposing these first) and hands the panel to it.
 */
export function declarePanelSerializers(
  types: readonly string[],
  restore: (type: string, panel: vscode.WebviewPanel, state: unknown) => Thenable<void>,
): vscode.Disposable {
  const registrations = types.map((type) =>
    vscode.window.registerWebviewPanelSerializer(type, {
      deserializeWebviewPanel: (panel, state: unknown) => restore(type, panel, state),
    }),
  );
  return { dispose: () => registrations.splice(0).forEach((registration) => registration.dispose()) };
}

/**
 * The extension-host tests' view into the extension, built on first read: reading any of its properties builds the
 * window. `then` is not one of them: VS Code and the tests await activate()'s result, which reads it.
 */
export function deferredApi<T extends object>(api: () => T | undefined): T {
  return new Proxy({} as T, {
    get: (_target, key) => (key === 'then' ? undefined : Reflect.get(api() ?? {}, key)),
  });
}
