// What both views share: node instances reused by id (so reveal and per-node refresh find them), long child
// lists paged with a "Load more" node, and a failed load shown as an error node with Retry.
import * as vscode from 'vscode';
import { logError } from '../log';
import { ErrorNode } from './nodes/errorNode';
import { LoadMoreNode } from './nodes/loadMoreNode';
import type { TreeNode } from './nodes/treeNode';

/** Children shown per page. */
export const PAGE_SIZE = 200;

export abstract class PagedTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly shown = new Map<string, number>();
  private readonly nodes = new Map<string, TreeNode>();
  /** The error and "Load more" nodes this provider made, so commands know whose they are. */
  private readonly made = new WeakSet<TreeNode>();

  constructor(
    protected readonly log: vscode.LogOutputChannel,
    private readonly what: string,
  ) {}

  /** Adds what another feature knows about a node to its item (Check for Drift's marks); set by the wiring. */
  adorn?: (node: TreeNode, item: vscode.TreeItem) => void;

  /** Every child of `node` (of the root when undefined); throws when the load fails. */
  protected abstract loadChildren(node: TreeNode | undefined): Promise<TreeNode[]>;

  /** A node that cannot be shown (an answer it cannot describe) shows as an error in its place, never a broken view. */
  getTreeItem(node: TreeNode): vscode.TreeItem {
    try {
      const item = node.toTreeItem();
      this.adorn?.(node, item);
      return item;
    } catch (error) {
      logError(this.log, `Showing ${node.id}`, error);
      const item = this.mark(new ErrorNode(node.parent, error)).toTreeItem();
      // The failed node's own id: several siblings may fail, and ids must stay unique.
      item.id = node.id;
      return item;
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    let children: TreeNode[];
    try {
      children = await this.loadChildren(node);
    } catch (error) {
      logError(this.log, `Loading ${node ? node.id : this.what}`, error);
      return [this.mark(new ErrorNode(node, error))];
    }
    const key = node?.id ?? '';
    const limit = this.shown.get(key) ?? PAGE_SIZE;
    if (children.length <= limit) return children;
    return [...children.slice(0, limit), this.mark(new LoadMoreNode(node, children.length - limit, PAGE_SIZE))];
  }

  /** True for an error or "Load more" node of this view. */
  owns(node: TreeNode): boolean {
    return this.made.has(node);
  }

  /** Shows the next page of the list `node` ends. */
  showMore(node: LoadMoreNode): void {
    const key = node.parent?.id ?? '';
    this.shown.set(key, (this.shown.get(key) ?? PAGE_SIZE) + PAGE_SIZE);
    this.changed.fire(node.parent);
  }

  /** Loads the children of the node that failed again. */
  retry(node: ErrorNode): void {
    this.changed.fire(node.parent);
  }

  /** Reloads everything shown. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Shows these nodes' items again (what `adorn` adds changed), without reloading anything. */
  rerender(match: (node: TreeNode) => boolean): void {
    for (const node of this.nodes.values()) if (match(node)) this.changed.fire(node);
  }

  /** Forgets every node (the connection changed: the same ids may mean other objects). */
  reset(): void {
    this.nodes.clear();
    this.shown.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private mark<T extends TreeNode>(node: T): T {
    this.made.add(node);
    return node;
  }

  /** Selects a node the user can see; a hidden view is not forced open, and a failed reveal is only logged. */
  protected async reveal(node: TreeNode, view: vscode.TreeView<TreeNode>, expand: boolean): Promise<void> {
    if (!view.visible) return;
    try {
      await view.reveal(node, { select: true, focus: false, expand });
    } catch (error) {
      this.log.debug(`Could not reveal ${node.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  protected findNode(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** The node with this id from the last load, updated, or a new one: VS Code tracks nodes by identity. */
  protected reuse<T extends TreeNode>(id: string, kind: abstract new (...args: never[]) => T, create: () => T, update: (node: T) => void): T {
    const existing = this.nodes.get(id);
    if (existing instanceof kind) {
      update(existing);
      return existing;
    }
    const node = create();
    this.nodes.set(id, node);
    return node;
  }
}
