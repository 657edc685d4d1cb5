// A failover relationship under one of its servers (its side): its scopes on that server are its children.
import * as vscode from 'vscode';
import { formatDuration, healthOf, otherSide, pairScopeCount, readOnlyReason, sideOn, stateLabel, type FailoverPair, type FailoverSide } from '../../../failover';
import { healthIcon } from '../healthIcon';
import { markdownFacts } from '../markdownFacts';
import { modeSummary } from '../relationshipText';
import { plainText } from '../../plainText';
import { contextValue, nodeId, type TreeNode } from './treeNode';
import { serverNodeId, type ServerNode } from './serverNode';

export const relationshipNodeId = (serverRef: string, name: string) => nodeId(serverNodeId(serverRef), 'relationship', name);

export class RelationshipNode implements TreeNode {
  constructor(
    readonly parent: ServerNode,
    public pair: FailoverPair,
  ) {}

  get id(): string {
    return relationshipNodeId(this.parent.server.ref, this.pair.name);
  }

  /** The side of the server the node is shown under. */
  get side(): FailoverSide {
    return sideOn(this.pair, this.parent.server.ref) ?? this.pair.primary;
  }

  toTreeItem(): vscode.TreeItem {
    const { pair, side } = this;
    const scopeCount = side.scopeRefs.length;
    const health = healthOf(side.state, scopeCount);
    const state = stateLabel(side.state, scopeCount);
    const readOnly = readOnlyReason(pair);
    const item = new vscode.TreeItem(
      plainText(pair.name),
      scopeCount === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.description = plainText(`${modeSummary(pair)} · ${state} · with ${otherSide(pair, side).server.name}${readOnly ? ' · read-only' : ''}`);
    item.iconPath = healthIcon(health);
    item.tooltip = relationshipTooltip(pair, side, state, readOnly);
    const stateTag = side.state ? side.state[0].toLowerCase() + side.state.slice(1) : scopeCount ? 'configured' : 'empty';
    item.contextValue = contextValue('relationship', [
      stateTag,
      `health-${health}`,
      side === pair.primary ? 'primary' : 'secondary',
      scopeCount > 0 ? 'hasScopes' : 'noScopes',
      // Write actions are offered only on Microsoft–Microsoft relationships.
      readOnly ? 'readOnly' : 'microsoft',
    ]);
    return item;
  }
}

/** Every parameter, never the shared secret; why it is read-only when it is. */
function relationshipTooltip(pair: FailoverPair, side: FailoverSide, state: string, readOnly: string | undefined): vscode.MarkdownString {
  const auth = pair.enableAuth === undefined ? 'not reported by Micetro' : pair.enableAuth ? 'on' : 'off';
  const [primary, secondary] = [pair.primary.server.name, pair.secondary.server.name];
  const split =
    pair.mode === 'LoadBalance'
      ? `${primary} ${pair.percentage} %, ${secondary} ${100 - pair.percentage} %`
      : `${pair.percentage} % of addresses reserved for ${secondary}`;
  return markdownFacts(pair.name, [
    [`State on ${side.server.name}`, state],
    ['Mode', pair.mode === 'LoadBalance' ? 'Load balance' : 'Hot standby'],
    [pair.mode === 'LoadBalance' ? 'Split' : 'Reserve', split],
    ['Primary server', primary],
    ['Secondary server', secondary],
    ['Maximum client lead time', formatDuration(pair.mclt)],
    ['State switchover interval', pair.safePeriod > 0 ? formatDuration(pair.safePeriod) : 'off'],
    ['Message authentication', auth],
    ['Scopes', String(pairScopeCount(pair))],
    ...(readOnly ? ([['Changes', readOnly]] as [string, string][]) : []),
  ]);
}
