// What every node of both views is: a stable hierarchical id, its parent (for reveal) and its TreeItem.
import type * as vscode from 'vscode';

export interface TreeNode {
  /** Stable across refreshes (`server:<ref>/relationship:<name>/scope:<ref>`), so expansion survives. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  toTreeItem(): vscode.TreeItem;
}

/** `kind;tag1;tag2` with the tags sorted and unique; menus match them with `viewItem =~ /…/`. */
export function contextValue(kind: string, tags: readonly string[]): string {
  return [kind, ...[...new Set(tags)].sort()].join(';');
}
