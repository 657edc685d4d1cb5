// A failover relationship as one server sees it: its scopes on that server are its children.
import * as vscode from 'vscode';
import type { DHCPFailoverRelationship } from '../../../api/types';
import { formatDuration, healthOf, stateLabel } from '../../../failover';
import { healthIcon } from '../healthIcon';
import { markdownFacts } from '../markdownFacts';
import { modeSummary, partnerName } from '../relationshipText';
import { plainText } from '../../plainText';
import { contextValue, nodeId, type TreeNode } from './treeNode';
import { serverNodeId, type ServerNode } from './serverNode';

export const relationshipNodeId = (serverRef: string, name: string) => nodeId(serverNodeId(serverRef), 'relationship', name);

export class RelationshipNode implements TreeNode {
  constructor(
    readonly parent: ServerNode,
    public relationship: DHCPFailoverRelationship,
  ) {}

  get id(): string {
    return relationshipNodeId(this.parent.server.ref, this.relationship.name);
  }

  toTreeItem(): vscode.TreeItem {
    const relationship = this.relationship;
    const scopeCount = relationship.dhcpScopeRefs.length;
    const health = healthOf(relationship.state, scopeCount);
    const state = stateLabel(relationship.state, scopeCount);
    const item = new vscode.TreeItem(
      plainText(relationship.name),
      scopeCount === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.description = plainText(`${modeSummary(relationship)} · ${state} · with ${partnerName(relationship)}`);
    item.iconPath = healthIcon(health);
    item.tooltip = relationshipTooltip(relationship, state);
    const stateTag = relationship.state ? relationship.state[0].toLowerCase() + relationship.state.slice(1) : scopeCount ? 'configured' : 'empty';
    item.contextValue = contextValue('relationship', [
      stateTag,
      `health-${health}`,
      relationship.failoverServerType === 'PrimaryServer' ? 'primary' : 'secondary',
      scopeCount > 0 ? 'hasScopes' : 'noScopes',
    ]);
    return item;
  }
}

/** Every parameter, never the shared secret. */
function relationshipTooltip(relationship: DHCPFailoverRelationship, state: string): vscode.MarkdownString {
  const auth = relationship.enableAuth === undefined ? 'unknown' : relationship.enableAuth ? 'on' : 'off';
  const split =
    relationship.failoverMode === 'LoadBalance'
      ? `${relationship.primaryServer} ${relationship.percentage} %, ${relationship.secondaryServer} ${100 - relationship.percentage} %`
      : `${relationship.percentage} % of addresses reserved for ${relationship.secondaryServer}`;
  return markdownFacts(relationship.name, [
    ['State', state],
    ['Mode', relationship.failoverMode === 'LoadBalance' ? 'Load balance' : 'Hot standby'],
    [relationship.failoverMode === 'LoadBalance' ? 'Split' : 'Reserve', split],
    ['Primary server', relationship.primaryServer],
    ['Secondary server', relationship.secondaryServer],
    ['Maximum client lead time', formatDuration(relationship.mclt)],
    ['State switchover interval', relationship.safePeriod > 0 ? formatDuration(relationship.safePeriod) : 'off'],
    ['Message authentication', auth],
    ['Scopes', String(relationship.dhcpScopeRefs.length)],
  ]);
}
