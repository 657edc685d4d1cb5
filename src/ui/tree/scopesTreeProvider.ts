// The Scopes view: every scope with its authority and failover relationship, filterable by text.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { InventoryCache } from './inventoryCache';
import { PagedTreeProvider } from './pagedTreeProvider';
import { ScopeRowNode } from './nodes/scopeRowNode';
import type { TreeNode } from './nodes/treeNode';
import { buildScopeRows } from './scopeRows';

const SCOPES_VIEW_ID = 'dhcpFailover.scopes';
const FILTER_KEY = 'dhcpFailover.scopesFilter';

export class ScopesTreeProvider extends PagedTreeProvider {
  readonly view: vscode.TreeView<TreeNode>;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly inventory: InventoryCache,
    private readonly workspaceState: vscode.Memento,
    log: vscode.LogOutputChannel,
  ) {
    super(log, 'the scopes');
    this.view = vscode.window.createTreeView(SCOPES_VIEW_ID, { treeDataProvider: this });
    void this.showFilter();
  }

  /** The text filter, kept per workspace; empty when none. */
  get filter(): string {
    return this.workspaceState.get<string>(FILTER_KEY, '');
  }

  async setFilter(text: string): Promise<void> {
    await this.workspaceState.update(FILTER_KEY, text.trim());
    await this.showFilter();
    this.reset();
  }

  /** Selects the row of the scope instance `scopeRef`, when it is on a page shown. */
  async revealScope(scopeRef: string): Promise<void> {
    const rows = await this.getChildren();
    const row = rows.find((node) => node instanceof ScopeRowNode && node.instances.some((instance) => instance.scope.ref === scopeRef));
    if (row) await this.reveal(row, this.view, false);
  }

  protected async loadChildren(node: TreeNode | undefined): Promise<TreeNode[]> {
    if (node) return [];
    await this.connection.whenSettled();
    if (this.connection.current.kind === 'none') return [];
    const servers = await this.inventory.getServers();
    const [{ pairs }, scopes] = await Promise.all([this.inventory.getAllPairs(), this.inventory.getAllScopes()]);
    const rows = buildScopeRows(servers, pairs, scopes).map((row) =>
      this.reuse(row.id, ScopeRowNode, () => new ScopeRowNode(row.id, row.instances), (existing) => (existing.instances = row.instances)),
    );
    const filter = this.filter.toLowerCase();
    return filter ? rows.filter((row) => row.searchText.includes(filter)) : rows;
  }

  private async showFilter(): Promise<void> {
    const filter = this.filter;
    this.view.description = filter ? `Filtered: "${filter}"` : undefined;
    await vscode.commands.executeCommand('setContext', 'dhcpFailover.scopesFiltered', filter !== '');
  }
}
