// A load that failed: one line in place of the children, retried by a click or its Retry action; never a pop-up per node.
import * as vscode from 'vscode';
import { commandInvocation } from '../../commands/commandMap';
import { describeError } from '../../log';
import { plainText } from '../../plainText';
import { nodeId, type TreeNode } from './treeNode';

export class ErrorNode implements TreeNode {
  readonly message: string;

  constructor(
    readonly parent: TreeNode | undefined,
    error: unknown,
  ) {
    this.message = describeError(error);
  }

  get id(): string {
    return nodeId(this.parent?.id, 'error');
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(plainText(`Could not load: ${this.message}`), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.tooltip = `${this.message}\n\nRetry, or see the DHCP Failover log for details.`;
    item.contextValue = 'error';
    // A click retries too, not only the inline action.
    item.command = commandInvocation('dhcpFailover.retry', 'Retry', this);
    return item;
  }
}
