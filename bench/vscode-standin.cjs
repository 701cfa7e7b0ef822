// A minimal `vscode` module for the benchmark: enough of the API for activate() and the Tickets view's tree data
// provider to run in plain Node. Registrations are recorded (so the bench can drive the tree and hovers); anything not
// modelled here is a no-op that returns a disposable. Install with install(settings) before requiring dist/extension.js.
'use strict';
const Module = require('node:module');

class Disposable {
  constructor(fn = () => undefined) {
    this.fn = fn;
  }
  dispose() {
    this.fn();
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d?.dispose?.()));
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return new Disposable(() => this.listeners.delete(listener));
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  constructor(scheme, path, query = '') {
    this.scheme = scheme;
    this.path = path;
    this.query = query;
    this.fsPath = path;
  }
  static parse(text) {
    const u = new URL(text);
    return new Uri(u.protocol.replace(':', ''), u.pathname, u.search.slice(1));
  }
  static file(path) {
    return new Uri('file', path);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, [base.path, ...parts].join('/'));
  }
  with() {
    return this;
  }
  toString() {
    return `${this.scheme}:${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

class MarkdownString {
  constructor(value = '') {
    this.value = value;
  }
  appendMarkdown(text) {
    this.value += text;
    return this;
  }
  appendText(text) {
    this.value += text;
    return this;
  }
  appendCodeblock(text) {
    this.value += text;
    return this;
  }
}

class TreeItem {
  constructor(label, collapsibleState = 0) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}

class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}
class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}
class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(a, b, c, d) {
    this.start = typeof a === 'number' ? new Position(a, b) : a;
    this.end = typeof a === 'number' ? new Position(c, d) : b;
  }
}
class Hover {
  constructor(contents, range) {
    this.contents = contents;
    this.range = range;
  }
}
class DocumentLink {
  constructor(range, target) {
    this.range = range;
    this.target = target;
  }
}

/** Records what the extension registered, for the bench to drive. */
const registered = { commands: new Map(), treeProviders: new Map(), hoverProviders: [], linkProviders: [] };

function outputChannel() {
  const noop = () => undefined;
  return {
    info: noop,
    warn: noop,
    error: noop,
    debug: noop,
    trace: noop,
    append: noop,
    appendLine: noop,
    show: noop,
    hide: noop,
    clear: noop,
    dispose: noop,
  };
}

function create(settings) {
  const configuration = (section) => ({
    get: (key, fallback) => {
      const value = settings[`${section}.${key}`];
      return value === undefined ? fallback : value;
    },
    has: (key) => settings[`${section}.${key}`] !== undefined,
    inspect: () => undefined,
    update: async () => undefined,
  });
  const configListeners = new EventEmitter();
  const api = {
    Disposable,
    EventEmitter,
    Uri,
    MarkdownString,
    TreeItem,
    ThemeIcon,
    ThemeColor,
    Position,
    Range,
    Hover,
    DocumentLink,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    UIKind: { Desktop: 1, Web: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    commands: {
      registerCommand: (id, fn) => {
        registered.commands.set(id, fn);
        return new Disposable(() => registered.commands.delete(id));
      },
      executeCommand: async (id, ...args) => registered.commands.get(id)?.(...args),
    },
    workspace: {
      getConfiguration: (section) => configuration(section),
      onDidChangeConfiguration: configListeners.event,
      workspaceFolders: undefined,
      // Tickets in This Workspace: no folder is open in the bench, so nothing is searched or read.
      textDocuments: [],
      findFiles: async () => [],
      onDidSaveTextDocument: () => new Disposable(),
      onDidChangeWorkspaceFolders: () => new Disposable(),
    },
    window: {
      createOutputChannel: () => outputChannel(),
      createTreeView: (id, options) => {
        registered.treeProviders.set(id, options.treeDataProvider);
        const visible = new EventEmitter();
        const selection = new EventEmitter();
        const expand = new EventEmitter();
        const collapse = new EventEmitter();
        return {
          visible: true,
          badge: undefined,
          description: undefined,
          message: undefined,
          selection: [],
          onDidChangeVisibility: visible.event,
          onDidChangeSelection: selection.event,
          onDidExpandElement: expand.event,
          onDidCollapseElement: collapse.event,
          reveal: async () => undefined,
          dispose: () => undefined,
        };
      },
      registerTreeDataProvider: (id, provider) => {
        registered.treeProviders.set(id, provider);
        return new Disposable();
      },
      registerWebviewPanelSerializer: () => new Disposable(),
      createWebviewPanel: () => {
        throw new Error('the bench opens no webview');
      },
      showErrorMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      showInputBox: async () => undefined,
      showQuickPick: async () => undefined,
      setStatusBarMessage: () => new Disposable(),
      withProgress: async (_options, task) =>
        task(
          { report: () => undefined },
          { isCancellationRequested: false, onCancellationRequested: () => new Disposable() },
        ),
      onDidChangeActiveTextEditor: () => new Disposable(),
      onDidChangeVisibleTextEditors: () => new Disposable(),
      visibleTextEditors: [],
      // New Ticket's terminal links and the watcher's status-bar item and focus tracking.
      registerTerminalLinkProvider: () => new Disposable(),
      createStatusBarItem: () => ({
        text: '',
        tooltip: '',
        command: undefined,
        name: undefined,
        show: () => undefined,
        hide: () => undefined,
        dispose: () => undefined,
      }),
      onDidChangeWindowState: () => new Disposable(),
      state: { focused: true },
    },
    languages: {
      registerHoverProvider: (selector, provider) => {
        registered.hoverProviders.push(provider);
        return new Disposable();
      },
      registerDocumentLinkProvider: (selector, provider) => {
        registered.linkProviders.push(provider);
        return new Disposable();
      },
      // Tickets in This Workspace: its diagnostics and quick fix.
      createDiagnosticCollection: () => ({ set: () => undefined, clear: () => undefined, dispose: () => undefined }),
      registerCodeActionsProvider: () => new Disposable(),
    },
    CodeActionKind: { QuickFix: 'quickfix' },
    // The agent tools register at activation; the bench never invokes them.
    lm: { registerTool: () => new Disposable() },
    authentication: {
      registerAuthenticationProvider: () => new Disposable(),
      onDidChangeSessions: () => new Disposable(),
      getSession: async () => undefined,
    },
    env: {
      clipboard: { writeText: async () => undefined },
      openExternal: async () => true,
      language: 'en',
      uiKind: 1,
    },
    // English, as VS Code's l10n.t gives it without a bundle: {0}, {1}, … replaced by the arguments.
    l10n: {
      t: (message, ...args) => String(message).replace(/\{(\d+)\}/g, (m, i) => (i < args.length ? String(args[i]) : m)),
    },
  };
  // Anything else the extension touches: a no-op namespace whose functions return disposables.
  const fallback = (name) =>
    new Proxy(function () {}, {
      get: (_t, key) => (key === 'then' ? undefined : fallback(`${name}.${String(key)}`)),
      apply: () => new Disposable(),
      construct: () => ({}),
    });
  return new Proxy(api, { get: (target, key) => (key in target ? target[key] : fallback(String(key))) });
}

/** An ExtensionContext with in-memory state and secrets. */
function context(extensionPath, mode = 3) {
  const memento = () => {
    const data = new Map();
    return {
      get: (k, d) => (data.has(k) ? data.get(k) : d),
      update: async (k, v) => void data.set(k, v),
      keys: () => [...data.keys()],
      setKeysForSync: () => undefined,
    };
  };
  const secrets = new Map();
  const secretChanged = new EventEmitter();
  return {
    subscriptions: [],
    extensionMode: mode,
    extensionUri: Uri.file(extensionPath),
    extensionPath,
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async (k) => secrets.get(k),
      store: async (k, v) => {
        secrets.set(k, v);
        secretChanged.fire({ key: k });
      },
      delete: async (k) => {
        secrets.delete(k);
        secretChanged.fire({ key: k });
      },
      onDidChange: secretChanged.event,
    },
    logUri: Uri.file('/tmp'),
    globalStorageUri: Uri.file('/tmp'),
    storageUri: undefined,
    asAbsolutePath: (p) => `${extensionPath}/${p}`,
  };
}

/** Makes require('vscode') return the stand-in. */
function install(settings = {}) {
  const vscode = create(settings);
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return vscode;
    return load.call(this, request, ...rest);
  };
  return vscode;
}

module.exports = { install, context, registered };
