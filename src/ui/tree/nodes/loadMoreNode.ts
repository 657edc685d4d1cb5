// The last child of a long list: shows the next page when clicked, so a server with thousands of scopes stays responsive.
import * as vscode from 'vscode';
import { commandInvocation } from '../../commands/commandMap';
import { nodeId, type TreeNode } from './treeNode';

export class LoadMoreNode implements TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly remaining: number,
    readonly pageSize: number,
  ) {}

  get id(): string {
    return nodeId(this.parent?.id, 'loadMore');
  }

  toTreeItem(): vscode.TreeItem {
    const next = Math.min(this.remaining, this.pageSize);
    const item = new vscode.TreeItem(`Load ${next} more…`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${this.remaining.toLocaleString('en-US')} not shown`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = commandInvocation('dhcpFailover.loadMore', 'Load More', this);
    return item;
  }
}
