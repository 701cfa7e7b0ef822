// The sidebar's tree views as activation declares them (a vscode edge of src/common, as errorNotification.ts): each
// view is created at once (VS Code shows a view's content only from a provider registered for it) over a stand-in
// provider, and the feature that fills it gets that same view when its code loads (createTreeView below). The
// stand-in asks for the feature's code on VS Code's first request for rows, which comes only when the view is on
// screen.
import * as vscode from 'vscode';

type AnyProvider = vscode.TreeDataProvider<unknown>;

/** Forwards VS Code's calls to the feature's provider, once there is one (`load` makes sure there is). */
class DeclaredTreeProvider implements vscode.TreeDataProvider<unknown> {
  private target: AnyProvider | undefined;
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly load: () => void) {}

  connect(target: AnyProvider): void {
    this.forwarding?.dispose();
    this.target = target;
    this.forwarding = target.onDidChangeTreeData?.((element) => this.changed.fire(element));
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    return this.loaded().getChildren(element);
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.loaded().getTreeItem(element);
  }

  getParent(element: unknown): vscode.ProviderResult<unknown> {
    return this.loaded().getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: unknown, token: vscode.CancellationToken) {
    const target = this.loaded();
    return target.resolveTreeItem ? target.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }

  private loaded(): AnyProvider {
    if (!this.target) this.load();
    if (!this.target) throw new Error('The view’s feature did not connect its rows.');
    return this.target;
  }
}

const declared = new Map<string, { view: vscode.TreeView<unknown>; provider: DeclaredTreeProvider }>();

/**
 * Creates the view `id` now, over a stand-in provider; `load` loads the code that fills it (and calls createTreeView
 * below for it). Returns the registration to dispose.
 */
export function declareTreeView(
  id: string,
  options: Omit<vscode.TreeViewOptions<unknown>, 'treeDataProvider'>,
  load: () => void,
): vscode.Disposable {
  const provider = new DeclaredTreeProvider(load);
  const view = vscode.window.createTreeView(id, { ...options, treeDataProvider: provider });
  declared.set(id, { view, provider });
  return {
    dispose: () => {
      declared.delete(id);
      view.dispose();
      provider.dispose();
    },
  };
}

/**
 * A row's tooltip, for a provider's resolveTreeItem: VS Code asks for it when the pointer rests on the row. Set in
 * getTreeItem, every row sent costs its parse (the extension host reads a Markdown tooltip for its links): in
 * extension-host profiles of bench:ui, drawing the Tickets sidebar (the Tickets view's rows and the Inbox's) took 190 ms
 * of its CPU with the tooltips in the rows and 30 ms with them on hover. `markdown` is made of escaped outside text
 * (untrustedText.ts): not trusted, no theme icons.
 */
export function rowTooltip(markdown: string): vscode.MarkdownString {
  return new vscode.MarkdownString(markdown);
}

/**
 * The feature's view `id` over its provider: the view activation declared (options other than the provider are the
 * declaration's), else a new one. Every feature creates its tree view here.
 */
export function createTreeView<T>(id: string, options: vscode.TreeViewOptions<T>): vscode.TreeView<T> {
  const found = declared.get(id);
  if (!found) return vscode.window.createTreeView(id, options);
  found.provider.connect(options.treeDataProvider as AnyProvider);
  return found.view as vscode.TreeView<T>;
}
