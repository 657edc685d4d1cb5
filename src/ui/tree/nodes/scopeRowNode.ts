// A row of the Scopes view: one scope with its authority, like Micetro's IPAM page. A failover scope is one
// row for its two instances (authority `dhcp-a ⇄ dhcp-b`); any other scope instance is a row of its own.
import * as vscode from 'vscode';
import type { FailoverPair } from '../../../failover';
import { pairName } from '../relationshipText';
import { readOnlyReason, scopeCidr } from '../../../failover';
import { scopeTexts, scopeTooltip } from './scopeNode';
import { plainText } from '../../plainText';
import { contextValue, type TreeNode } from './treeNode';
import { scopeRowSearchText, type ScopeInstance } from '../scopeRows';



export class ScopeRowNode implements TreeNode {
  readonly parent = undefined;

  constructor(
    readonly id: string,
    /** The primary's instance first for a failover scope. */
    public instances: ScopeInstance[],
  ) {}

  get relationship(): FailoverPair | undefined {
    return this.instances[0].relationship;
  }

  get authority(): string {
    return this.relationship ? pairName(this.relationship) : this.instances[0].server.name;
  }

  /** The text the Scopes filter matches: CIDR, name, authority, server names, relationship. */
  get searchText(): string {
    return scopeRowSearchText(this.instances);
  }

  toTreeItem(): vscode.TreeItem {
    const { scope } = this.instances[0];
    const relationship = this.relationship;
    const item = new vscode.TreeItem(plainText(scopeCidr(scope)), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = plainText([...scopeTexts(scope), this.authority, relationship?.name, scope.enabled ? '' : 'disabled'].filter(Boolean).join(' · '));
    item.iconPath = new vscode.ThemeIcon(relationship ? 'arrow-swap' : 'symbol-namespace');
    item.tooltip = scopeTooltip(scope, this.authority, relationship?.name);
    item.contextValue = contextValue('scope', [
      relationship ? 'failover' : 'standalone',
      scope.enabled ? 'enabled' : 'disabled',
      ...(relationship && readOnlyReason(relationship) ? ['readOnly'] : []),
    ]);
    return item;
  }
}
