// The vscode stand-in of the benchmarks (bench/vscode-standin.cjs), with what a long run needs on top: webview panels
// (each panel is recorded so the soak can close it as the user would), a Tickets view whose visibility and a window
// whose focus the soak changes, and counters of what the extension holds: live event listeners and disposables not yet
// disposed. Counting goes through weak references, so an emitter the extension let go of is not counted (it is no leak)
// and the counting itself holds nothing alive.
'use strict';
const standin = require('../vscode-standin.cjs');

/** Every emitter and disposable the extension made through the stand-in, weakly. */
const emitters = new Set();
const disposables = new Set();

function sweep(set) {
  for (const ref of set) if (!ref.deref()) set.delete(ref);
}

function install(settings) {
  const vscode = standin.install(settings);
  const BaseDisposable = vscode.Disposable;
  const BaseEmitter = vscode.EventEmitter;

  class CountedDisposable extends BaseDisposable {
    constructor(fn) {
      super(fn);
      this.disposed = false;
      disposables.add(new WeakRef(this));
    }
    dispose() {
      if (this.disposed) return;
      this.disposed = true;
      super.dispose();
    }
    static from(...items) {
      return new CountedDisposable(() => items.forEach((d) => d?.dispose?.()));
    }
  }

  class CountedEmitter {
    constructor() {
      this.listeners = new Set();
      emitters.add(new WeakRef(this));
      this.event = (listener, thisArg, bucket) => {
        const bound = thisArg ? listener.bind(thisArg) : listener;
        this.listeners.add(bound);
        const d = new CountedDisposable(() => this.listeners.delete(bound));
        if (Array.isArray(bucket)) bucket.push(d);
        return d;
      };
    }
    fire(value) {
      for (const l of [...this.listeners]) l(value);
    }
    dispose() {
      this.listeners.clear();
    }
  }
  // Keep instanceof checks against the base working.
  Object.setPrototypeOf(CountedEmitter.prototype, BaseEmitter.prototype);

  vscode.Disposable = CountedDisposable;
  vscode.EventEmitter = CountedEmitter;

  // Window focus and the Tickets view's visibility, as the soak sets them.
  const windowState = new CountedEmitter();
  vscode.window.state = { focused: true };
  vscode.window.onDidChangeWindowState = windowState.event;
  const views = [];
  vscode.window.createTreeView = (id, options) => {
    standin.registered.treeProviders.set(id, options.treeDataProvider);
    const visibility = new CountedEmitter();
    const none = () => new CountedDisposable();
    const view = {
      id,
      visible: true,
      badge: undefined,
      description: undefined,
      message: undefined,
      title: undefined,
      selection: [],
      onDidChangeVisibility: visibility.event,
      onDidChangeSelection: none,
      onDidExpandElement: none,
      onDidCollapseElement: none,
      reveal: async () => undefined,
      dispose: () => undefined,
      setVisible(visible) {
        if (view.visible === visible) return;
        view.visible = visible;
        visibility.fire({ visible });
      },
    };
    views.push(view);
    return view;
  };

  // Webview panels: the page is not run; the soak speaks for it (ready, refresh) through the test surface.
  const panels = new Set();
  vscode.window.createWebviewPanel = (viewType, title) => {
    const received = new CountedEmitter();
    const viewState = new CountedEmitter();
    const disposed = new CountedEmitter();
    let open = true;
    const panel = {
      viewType,
      title,
      iconPath: undefined,
      visible: true,
      active: true,
      viewColumn: 1,
      webview: {
        html: '',
        options: {},
        cspSource: 'vscode-webview:',
        asWebviewUri: (uri) => uri,
        postMessage: async () => open,
        onDidReceiveMessage: received.event,
      },
      onDidChangeViewState: viewState.event,
      onDidDispose: disposed.event,
      reveal: () => undefined,
      dispose: () => {
        if (!open) return;
        open = false;
        panels.delete(panel);
        disposed.fire();
      },
    };
    panels.add(panel);
    return panel;
  };

  return {
    vscode,
    panels,
    views,
    setFocused(focused) {
      vscode.window.state.focused = focused;
      windowState.fire({ focused });
    },
  };
}

/** Listeners on live emitters and disposables not yet disposed, after the caller's GC. */
function counts() {
  sweep(emitters);
  sweep(disposables);
  let listeners = 0;
  for (const ref of emitters) listeners += ref.deref()?.listeners.size ?? 0;
  let undisposed = 0;
  for (const ref of disposables) if (ref.deref()?.disposed === false) undisposed++;
  return { listeners, disposables: undisposed };
}

module.exports = { install, counts, context: standin.context, registered: standin.registered };
