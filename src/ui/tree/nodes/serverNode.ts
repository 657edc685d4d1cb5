// A DHCP server: its relationships are its children.
import * as vscode from 'vscode';
import type { DHCPServer } from '../../../api/types';
import { markdownFacts } from '../markdownFacts';
import { plainText } from '../../plainText';
import { contextValue, nodeId, type TreeNode } from './treeNode';

export const serverNodeId = (ref: string) => nodeId(undefined, 'server', ref);

export class ServerNode implements TreeNode {
  readonly parent = undefined;

  constructor(
    public server: DHCPServer,
    /** Undefined until the server's relationships were read. */
    public relationshipCount: number | undefined,
  ) {}

  get id(): string {
    return serverNodeId(this.server.ref);
  }

  toTreeItem(): vscode.TreeItem {
    const { server } = this;
    const ok = server.state === 'OK';
    const item = new vscode.TreeItem(
      plainText(server.name),
      this.relationshipCount === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    const parts: string[] = [];
    if (this.relationshipCount !== undefined) {
      parts.push(`${this.relationshipCount} relationship${this.relationshipCount === 1 ? '' : 's'}`);
    }
    if (!ok) parts.push(server.state);
    if (server.type !== 'MSDHCP') parts.push(server.type);
    item.description = plainText(parts.join(' · '));
    item.iconPath = ok ? new vscode.ThemeIcon('server') : new vscode.ThemeIcon('server', new vscode.ThemeColor('list.errorForeground'));
    item.tooltip = markdownFacts(server.name, [
      ['Address', server.address],
      ['Type', server.type],
      ['State', server.state],
      ['Failover relationships', this.relationshipCount === undefined ? 'not read yet' : String(this.relationshipCount)],
    ]);
    item.contextValue = contextValue('server', [
      ok ? 'ok' : 'notOk',
      server.state === 'Service Down' ? 'stopped' : 'running',
      server.type === 'MSDHCP' ? 'microsoft' : 'other',
    ]);
    return item;
  }
}
