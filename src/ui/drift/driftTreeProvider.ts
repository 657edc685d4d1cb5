// The Drift view: every drifted or one-sided scope the last checks found, grouped by relationship. A drifted scope
// offers Compare with Partner (inline) and, as its children, "Replicate from <server>…" for each copy, which run
// Replicate Scope with a Servers-view node of that copy. It follows the marks as they change.
import * as vscode from 'vscode';
import type { DHCPScope, DHCPServer } from '../../api/types';
import {
  describeChanges,
  isOutOfSync,
  markKey,
  markStillHolds,
  markText,
  otherSide,
  readOnlyReason,
  relationshipKey,
  relationshipMarkText,
  type DriftMark,
  type DriftMarkStore,
  type FailoverPair,
  type FailoverSide,
} from '../../failover';
import { commandInvocation } from '../commands/commandMap';
import { plainText } from '../plainText';
import type { InventoryCache } from '../tree/inventoryCache';
import { markdownFacts } from '../tree/markdownFacts';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { ScopeNode } from '../tree/nodes/scopeNode';
import { ServerNode } from '../tree/nodes/serverNode';
import { nodeId, type TreeNode } from '../tree/nodes/treeNode';
import { pairName } from '../tree/relationshipText';
import { compareNames, sortByNetwork } from '../tree/sortKeys';

const DRIFT_VIEW_ID = 'dhcpFailover.drift';

/** A Servers-view node of the copy of a scope on `side`'s server, as Replicate Scope and Compare take it. */
function copyNode(pair: FailoverPair, side: FailoverSide, scope: DHCPScope): ScopeNode {
  return new ScopeNode(new RelationshipNode(new ServerNode(side.server, undefined), pair), scope);
}

class DriftRelationshipNode implements TreeNode {
  readonly parent = undefined;

  constructor(
    readonly pair: FailoverPair,
    readonly marks: DriftMark[],
  ) {}

  get id(): string {
    return nodeId(undefined, 'drift', relationshipKey(this.pair));
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(plainText(this.pair.name), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = plainText(`${pairName(this.pair)} · ${relationshipMarkText(this.marks)}`);
    item.iconPath = new vscode.ThemeIcon('arrow-swap');
    item.tooltip = markdownFacts(this.pair.name, [
      ['Primary server', this.pair.primary.server.name],
      ['Secondary server', this.pair.secondary.server.name],
      ['Drift', relationshipMarkText(this.marks)],
      ...(readOnlyReason(this.pair) ? ([['Changes', readOnlyReason(this.pair) ?? '']] as [string, string][]) : []),
    ]);
    item.contextValue = 'driftRelationship';
    return item;
  }
}

/**
 * A drifted or one-sided scope: a ScopeNode of the copy Compare starts from (the primary's when it has one), so
 * Compare with Partner takes it as it takes a Servers-view node.
 */
class DriftScopeNode extends ScopeNode {
  constructor(
    readonly group: DriftRelationshipNode,
    readonly mark: DriftMark,
  ) {
    const { pair } = mark;
    super(new RelationshipNode(new ServerNode(mark.primary ? pair.primary.server : pair.secondary.server, undefined), pair), (mark.primary ?? mark.secondary) as DHCPScope);
  }

  override get id(): string {
    return nodeId(undefined, 'drift', markKey(this.mark.pair, this.mark.network));
  }

  /** The copies that can be replicated from: both of a drifted scope of a relationship this extension may change. */
  get sources(): Array<{ side: FailoverSide; scope: DHCPScope }> {
    const { pair, primary, secondary, result } = this.mark;
    if (result.status !== 'drifted' || readOnlyReason(pair) || !primary || !secondary) return [];
    return [
      { side: pair.primary, scope: primary },
      { side: pair.secondary, scope: secondary },
    ];
  }

  override toTreeItem(): vscode.TreeItem {
    const { pair, network, result } = this.mark;
    const readOnly = readOnlyReason(pair);
    const item = new vscode.TreeItem(plainText(network), this.sources.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = plainText(markText(this.mark));
    item.iconPath = new vscode.ThemeIcon(result.status === 'drifted' ? 'diff' : 'warning', new vscode.ThemeColor('list.warningForeground'));
    const [primary, secondary] = [pair.primary.server.name, pair.secondary.server.name];
    const facts: Array<[string, string]> = [
      ['Relationship', pair.name],
      ['Drift', markText(this.mark)],
    ];
    if (result.status === 'drifted') facts.push([`${primary} → ${secondary}`, describeChanges(result.differences)]);
    if (result.status === 'missing') {
      const holder = result.missingOn === 'primary' ? secondary : primary;
      const lacking = result.missingOn === 'primary' ? primary : secondary;
      facts.push(['Replicate', `cannot create the missing copy on ${lacking}: remove the scope from failover on ${holder} and add it to the relationship again`]);
    }
    if (readOnly) facts.push(['Changes', readOnly]);
    item.tooltip = markdownFacts(network, facts);
    item.contextValue = ['driftScope', result.status, ...(readOnly ? ['readOnly'] : [])].join(';');
    return item;
  }
}

/** "Replicate from <server>…": runs Replicate Scope from that copy (it confirms first). */
class DriftReplicateNode implements TreeNode {
  constructor(
    readonly parent: DriftScopeNode,
    readonly side: FailoverSide,
    readonly scope: DHCPScope,
  ) {}

  get id(): string {
    return nodeId(this.parent.id, 'replicateFrom', this.side.server.ref);
  }

  toTreeItem(): vscode.TreeItem {
    const { pair } = this.parent.mark;
    const to: DHCPServer = otherSide(pair, this.side).server;
    const item = new vscode.TreeItem(plainText(`Replicate from ${this.side.server.name}…`), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = plainText(`overwrites the copy on ${to.name}`);
    item.iconPath = new vscode.ThemeIcon('sync');
    item.contextValue = 'driftReplicate';
    item.command = commandInvocation('dhcpFailover.replicateScope', 'Replicate Scope', copyNode(pair, this.side, this.scope));
    return item;
  }
}

export class DriftTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<TreeNode>;
  private readonly subscription: { dispose(): void };
  private refreshQueued = false;

  constructor(
    private readonly marks: DriftMarkStore,
    private readonly inventory: InventoryCache,
  ) {
    this.view = vscode.window.createTreeView(DRIFT_VIEW_ID, { treeDataProvider: this });
    // A check marks scope after scope: the view is rebuilt once per burst.
    this.subscription = marks.onDidChange(() => {
      if (this.refreshQueued) return;
      this.refreshQueued = true;
      setImmediate(() => {
        this.refreshQueued = false;
        this.changed.fire(undefined);
      });
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node instanceof DriftRelationshipNode) {
      return sortByNetwork(node.marks.filter(isOutOfSync), (mark) => (mark.primary ?? mark.secondary) as DHCPScope).map((mark) => new DriftScopeNode(node, mark));
    }
    if (node instanceof DriftScopeNode) return node.sources.map(({ side, scope }) => new DriftReplicateNode(node, side, scope));
    if (node) return [];
    await this.dropGone();
    const groups = new Map<string, DriftMark[]>();
    for (const mark of this.marks.all()) {
      const key = relationshipKey(mark.pair);
      groups.set(key, [...(groups.get(key) ?? []), mark]);
    }
    return [...groups.values()]
      .filter((marks) => marks.some(isOutOfSync))
      .map((marks) => new DriftRelationshipNode(marks[0].pair, marks))
      .sort((a, b) => compareNames(a.pair.name, b.pair.name));
  }

  /** Drops the marks whose copies the servers' listings (as the views hold them) no longer show unchanged. */
  private async dropGone(): Promise<void> {
    const stale: DriftMark[] = [];
    for (const mark of this.marks.all()) {
      const copies = [
        [mark.pair.primary.server.ref, mark.primary],
        [mark.pair.secondary.server.ref, mark.secondary],
      ] as const;
      for (const [serverRef, copy] of copies) {
        if (!copy) continue;
        const listed = await this.inventory.getScopes(serverRef).catch(() => undefined);
        const now = listed?.find((scope) => scope.ref === copy.ref);
        if (listed && (!now || !markStillHolds(mark, now))) stale.push(mark);
      }
    }
    this.marks.delete(stale);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.view.dispose();
  }
}
