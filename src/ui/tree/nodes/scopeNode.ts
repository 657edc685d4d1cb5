// One scope instance of a relationship, on the server its parent relationship was read from.
import * as vscode from 'vscode';
import type { DHCPScope } from '../../../api/types';
import { readOnlyReason, scopeCidr } from '../../../failover';
import { markdownFacts } from '../markdownFacts';
import { plainText } from '../../plainText';
import { contextValue, nodeId, type TreeNode } from './treeNode';
import type { RelationshipNode } from './relationshipNode';

export class ScopeNode implements TreeNode {
  constructor(
    readonly parent: RelationshipNode,
    public scope: DHCPScope,
  ) {}

  get id(): string {
    return nodeId(this.parent.id, 'scope', this.scope.ref);
  }

  toTreeItem(): vscode.TreeItem {
    const { scope } = this;
    const item = new vscode.TreeItem(plainText(scopeCidr(scope)), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = plainText([...scopeTexts(scope), scope.enabled ? '' : 'disabled'].filter(Boolean).join(' · '));
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.tooltip = scopeTooltip(scope, this.parent.parent.server.name, this.parent.pair.name);
    item.contextValue = contextValue('scope', ['failover', scope.enabled ? 'enabled' : 'disabled', ...(readOnlyReason(this.parent.pair) ? ['readOnly'] : [])]);
    return item;
  }
}

/** The scope's own name (when it is not just its network) and its description, for a node's description. */
export function scopeTexts(scope: DHCPScope): string[] {
  return [scope.name === scopeCidr(scope) ? '' : scope.name, scope.description];
}

export function scopeTooltip(scope: DHCPScope, authority: string, relationshipName: string | undefined): vscode.MarkdownString {
  return markdownFacts(scopeCidr(scope), [
    ['Name', scope.name],
    ['Description', scope.description || '(none)'],
    ['Authority', authority],
    ['Failover relationship', relationshipName ?? 'none'],
    ['Enabled', scope.enabled ? 'yes' : 'no'],
    ['Free addresses', String(scope.available)],
    ...(scope.superscope ? ([['Superscope', scope.superscope]] as [string, string][]) : []),
  ]);
}
