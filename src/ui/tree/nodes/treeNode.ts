// What every node of both views is: a stable hierarchical id, its parent (for reveal) and its TreeItem.
import type * as vscode from 'vscode';

export interface TreeNode {
  /** Stable across refreshes (`server:<ref>/relationship:<name>/scope:<ref>`, see nodeId), so expansion survives. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  toTreeItem(): vscode.TreeItem;
}

/**
 * `parent/kind:key` with the key percent-encoded, so a name holding `/` or `:` cannot make two nodes share an id
 * (VS Code refuses a tree with duplicate ids). Each key part is encoded apart: keys may be pairs.
 */
export function nodeId(parent: string | undefined, kind: string, ...key: string[]): string {
  const own = `${kind}:${key.map(encodeURIComponent).join(':')}`;
  return parent === undefined ? own : `${parent}/${own}`;
}

/** `kind;tag1;tag2` with the tags sorted and unique; menus match them with `viewItem =~ /…/`. */
export function contextValue(kind: string, tags: readonly string[]): string {
  return [kind, ...[...new Set(tags)].sort()].join(';');
}
