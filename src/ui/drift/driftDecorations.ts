// Check for Drift's marks on the tree items of both views: a description part ("drifted: 2 differences: …") and a
// themed decoration (badge, colour, tooltip) through a FileDecorationProvider on the item's resourceUri, a URI of our
// own scheme naming the mark's key. Everything shown is text (server names, networks): no markdown, no icons.
import * as vscode from 'vscode';
import type { DHCPScope } from '../../api/types';
import {
  isOutOfSync,
  markKey,
  markStillHolds,
  markText,
  relationshipKey,
  relationshipMarkText,
  scopeCidr,
  type DriftMark,
  type DriftMarkStore,
  type FailoverPair,
} from '../../failover';
import { plainText } from '../plainText';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { ScopeNode } from '../tree/nodes/scopeNode';
import { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import type { TreeNode } from '../tree/nodes/treeNode';

export const DRIFT_SCHEME = 'dhcp-failover-drift';

const scopeUri = (key: string) => vscode.Uri.from({ scheme: DRIFT_SCHEME, path: '/scope', query: key });
const relationshipUri = (key: string) => vscode.Uri.from({ scheme: DRIFT_SCHEME, path: '/relationship', query: key });

/** The relationship key inside a mark's key (the mark's key is the relationship's with the network appended). */
export function relationshipKeyOf(key: string): string {
  const parts = JSON.parse(key) as string[];
  return JSON.stringify(parts.slice(0, 3));
}

/** The relationship and scope copies a tree node shows, when it shows a failover scope or a relationship. */
function markedSubject(node: TreeNode): { pair: FailoverPair; scopes?: DHCPScope[] } | undefined {
  if (node instanceof ScopeNode) return { pair: node.parent.pair, scopes: [node.scope] };
  if (node instanceof ScopeRowNode) {
    const pair = node.relationship;
    return pair && { pair, scopes: node.instances.map((instance) => instance.scope) };
  }
  if (node instanceof RelationshipNode) return { pair: node.pair };
  return undefined;
}

/** The mark key of a node showing a failover scope (for re-rendering only the nodes whose mark changed). */
export function nodeMarkKeys(node: TreeNode): string[] {
  const subject = markedSubject(node);
  if (!subject) return [];
  if (!subject.scopes) return [relationshipKey(subject.pair)];
  return [markKey(subject.pair, scopeCidr(subject.scopes[0]))];
}

export class DriftDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: DriftMarkStore) {
    this.subscription = store.onDidChange((keys) => {
      const relationships = new Set(keys.map(relationshipKeyOf));
      this.changed.fire([...keys.map(scopeUri), ...[...relationships].map(relationshipUri)]);
    });
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== DRIFT_SCHEME) return undefined;
    if (uri.path === '/relationship') {
      const marks = this.store.all().filter((mark) => relationshipKey(mark.pair) === uri.query);
      const outOfSync = marks.filter(isOutOfSync).length;
      if (outOfSync === 0) return undefined;
      return new vscode.FileDecoration(String(Math.min(outOfSync, 99)), plainText(relationshipMarkText(marks)), new vscode.ThemeColor('list.warningForeground'));
    }
    const mark = this.store.byKey(uri.query);
    return mark && scopeDecoration(mark);
  }

  /**
   * Adds a node's mark to its item. A mark whose scope the listing now shows changed (renamed, disabled, another
   * instance) is stale: it is not shown, and dropped.
   */
  adorn(node: TreeNode, item: vscode.TreeItem): void {
    const subject = markedSubject(node);
    if (!subject) return;
    const { pair, scopes } = subject;
    if (!scopes) {
      const text = relationshipMarkText(this.store.ofRelationship(pair));
      item.resourceUri = relationshipUri(relationshipKey(pair));
      if (text) addToItem(item, text);
      return;
    }
    const network = scopeCidr(scopes[0]);
    item.resourceUri = scopeUri(markKey(pair, network));
    const mark = this.store.get(pair, network);
    if (!mark) return;
    if (!scopes.every((scope) => markStillHolds(mark, scope))) {
      // Not while VS Code is asking for the item: the store's listeners re-render this very node.
      queueMicrotask(() => this.store.delete([mark]));
      return;
    }
    addToItem(item, markText(mark));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The description (already shown as text) gets the mark as its last part, the tooltip a "Drift" line. */
function addToItem(item: vscode.TreeItem, text: string): void {
  const description = typeof item.description === 'string' ? item.description : '';
  item.description = [description, plainText(text)].filter(Boolean).join(' · ');
  if (item.tooltip instanceof vscode.MarkdownString) {
    item.tooltip.appendMarkdown('Drift: ');
    item.tooltip.appendText(plainText(text));
    item.tooltip.appendMarkdown('  \n');
  }
}

function scopeDecoration(mark: DriftMark): vscode.FileDecoration {
  const tooltip = plainText(markText(mark));
  switch (mark.result.status) {
    case 'inSync':
      return new vscode.FileDecoration('✓', tooltip);
    case 'drifted':
      return new vscode.FileDecoration('≠', tooltip, new vscode.ThemeColor('list.warningForeground'));
    case 'missing':
      return new vscode.FileDecoration('1', tooltip, new vscode.ThemeColor('list.errorForeground'));
    case 'failed':
      return new vscode.FileDecoration('?', tooltip);
  }
}
