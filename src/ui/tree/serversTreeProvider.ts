// The Servers view: DHCP servers → the failover relationships each takes part in → their scopes on that server.
// Expanding a server costs at most one request, a relationship none beyond its server's scope list (read once).
import * as vscode from 'vscode';
import type { DHCPScope } from '../../api/types';
import { scopeCidr } from '../../failover';
import type { ConnectionManager } from '../connection/connectionManager';
import type { InventoryCache } from './inventoryCache';
import { PagedTreeProvider } from './pagedTreeProvider';
import { RelationshipNode, relationshipNodeId } from './nodes/relationshipNode';
import { ScopeNode } from './nodes/scopeNode';
import { ServerNode, serverNodeId } from './nodes/serverNode';
import type { TreeNode } from './nodes/treeNode';
import { NUMERIC_REF } from './scopeRows';
import { compareNames, sortByNetwork } from './sortKeys';

export const SERVERS_VIEW_ID = 'dhcpFailover.servers';

export class ServersTreeProvider extends PagedTreeProvider {
  readonly view: vscode.TreeView<TreeNode>;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly inventory: InventoryCache,
    log: vscode.LogOutputChannel,
  ) {
    super(log, 'the DHCP servers');
    this.view = vscode.window.createTreeView(SERVERS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
  }

  protected async loadChildren(node: TreeNode | undefined): Promise<TreeNode[]> {
    if (!node) return this.loadServers();
    if (node instanceof ServerNode) return this.loadRelationships(node);
    if (node instanceof RelationshipNode) return this.loadScopes(node);
    return [];
  }

  /** After a change on these servers: re-reads only them and refreshes only their nodes. */
  async refreshServers(serverRefs: readonly string[]): Promise<void> {
    this.inventory.invalidateServers(serverRefs);
    await this.showServers(serverRefs);
  }

  /** Puts what the cache now holds about these servers on their nodes, and refreshes only those nodes. */
  async showServers(serverRefs: readonly string[]): Promise<void> {
    for (const ref of serverRefs) {
      const node = this.findNode(serverNodeId(ref));
      if (!(node instanceof ServerNode)) continue;
      // VS Code asks for the TreeItem before the children: read what its description shows first.
      node.server = (await this.inventory.getServer(ref).catch(() => undefined)) ?? node.server;
      node.relationshipCount = await this.inventory.getPairs(ref).then(
        (pairs) => pairs.length,
        () => undefined,
      );
      this.changed.fire(node);
    }
  }

  /** Selects the relationship under `serverRef` and shows it, expanding its server. */
  async revealRelationship(serverRef: string, name: string): Promise<void> {
    const server = this.findNode(serverNodeId(serverRef));
    if (!(server instanceof ServerNode)) return;
    const children = await this.getChildren(server);
    const target = children.find((child) => child.id === relationshipNodeId(serverRef, name));
    if (target) await this.reveal(target, this.view, false);
  }

  /** Selects the server and shows it. */
  async revealServer(serverRef: string): Promise<void> {
    const server = this.findNode(serverNodeId(serverRef));
    if (server) await this.reveal(server, this.view, true);
  }

  /**
   * The servers as soon as their list arrives (one round trip); each server's relationship count fills in as its
   * relationships arrive. A reloaded node keeps the count it showed until the new one is read, so a refresh never
   * blanks it.
   */
  private async loadServers(): Promise<TreeNode[]> {
    await this.connection.whenSettled();
    if (this.connection.current.kind === 'none') return [];
    const servers = (await this.inventory.getServers()).slice().sort((a, b) => compareNames(a.name, b.name));
    // The welcome text for an empty list; the rows need not wait for the workbench to take it.
    void vscode.commands.executeCommand('setContext', 'dhcpFailover.noServers', servers.length === 0);
    const nodes = servers.map((server) =>
      this.reuse(
        serverNodeId(server.ref),
        ServerNode,
        () => new ServerNode(server, undefined),
        (node) => (node.server = server),
      ),
    );
    this.fillRelationshipCounts(nodes);
    return nodes;
  }

  /** One tree change per server whose count changed; a server whose relationships cannot be read shows none. */
  private fillRelationshipCounts(nodes: readonly ServerNode[]): void {
    const counts = this.inventory.relationshipCounts(nodes.map((node) => node.server));
    const unreadable: string[] = [];
    const shown = counts.map(async (count, index) => {
      const node = nodes[index];
      const value = await count.catch(() => {
        unreadable.push(node.server.name);
        return undefined;
      });
      if (node.relationshipCount === value || this.findNode(node.id) !== node) return;
      node.relationshipCount = value;
      this.changed.fire(node);
    });
    void Promise.all(shown).then(() => {
      // Expanding such a server shows the error and Retry.
      if (unreadable.length > 0) this.log.warn(`Could not read the failover relationships of ${unreadable.join(', ')}`);
    });
  }

  private async loadRelationships(node: ServerNode): Promise<TreeNode[]> {
    const pairs = await this.inventory.getPairs(node.server.ref);
    node.relationshipCount = pairs.length;
    return pairs
      .sort((a, b) => compareNames(a.name, b.name))
      .map((pair) =>
        this.reuse(
          relationshipNodeId(node.server.ref, pair.name),
          RelationshipNode,
          () => new RelationshipNode(node, pair),
          (existing) => (existing.pair = pair),
        ),
      );
  }

  /**
   * The server's scope list (read once) joined to the relationship's scope refs: never a request per scope. The
   * scopes show as soon as they are listed (those of its first page, for a listing of many pages); where the rest of
   * the listing or their networks are still being read, the node reloads once they are.
   */
  private async loadScopes(node: RelationshipNode): Promise<TreeNode[]> {
    const refs = new Set(node.side.scopeRefs);
    if (refs.size === 0) return [];
    const first = await this.inventory.getScopesFirst(node.parent.server.ref);
    // Micetro may list the scopes by network (`DHCPScopes/10.0.1.0/24`) rather than by id.
    const byNetwork = [...refs].some((ref) => !NUMERIC_REF.test(ref));
    const membersOf = (scopes: readonly DHCPScope[]) => scopes.filter((scope) => refs.has(scope.ref) || (byNetwork && refs.has(`DHCPScopes/${scopeCidr(scope)}`)));
    let members = membersOf(first.scopes);
    let rest = first.rest;
    // A first page with none of the relationship's scopes would show it empty: wait for the whole listing instead.
    if (members.length === 0 && rest) {
      members = membersOf(await rest);
      rest = undefined;
    }
    const reload = () => this.findNode(node.id) === node && this.changed.fire(node);
    for (const later of [rest, first.networks]) void later?.then(reload, () => undefined);
    return sortByNetwork(members, (scope) => scope)
      .map((scope) =>
        this.reuse(
          `${node.id}/scope:${scope.ref}`,
          ScopeNode,
          () => new ScopeNode(node, scope),
          (existing) => (existing.scope = scope),
        ),
      );
  }
}
