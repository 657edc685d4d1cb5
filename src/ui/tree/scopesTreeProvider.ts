// The Scopes view: every scope with its authority and failover relationship, filterable by text. While not every
// scope was read, a filter asks Micetro for the scopes whose name contains the text (one listing); once every scope
// is here, it also matches networks, descriptions, servers and relationships.
import * as vscode from 'vscode';
import type { DHCPScope, DHCPServer } from '../../api/types';
import type { FailoverPair } from '../../failover/failoverPair';
import { logError } from '../log';
import type { ConnectionManager } from '../connection/connectionManager';
import type { InventoryCache } from './inventoryCache';
import { PAGE_SIZE, PagedTreeProvider } from './pagedTreeProvider';
import { ScopeRowNode } from './nodes/scopeRowNode';
import type { TreeNode } from './nodes/treeNode';
import { buildScopeRows, scopeRowSearchText, type ScopeRow } from './scopeRows';

const SCOPES_VIEW_ID = 'dhcpFailover.scopes';
const FILTER_KEY = 'dhcpFailover.scopesFilter';
/** Scope instances asked for first: two pages of rows at most, one request. */
const FIRST_PAGE = 2 * PAGE_SIZE;

/** Rows and what they were built from; each row's filter text is computed the first time a filter needs it. */
interface BuiltRows {
  servers: readonly DHCPServer[];
  pairs: readonly FailoverPair[];
  scopes: ReadonlyMap<string, DHCPScope[]>;
  rows: ScopeRow[];
  texts(): string[];
}

export class ScopesTreeProvider extends PagedTreeProvider {
  readonly view: vscode.TreeView<TreeNode>;
  private built?: BuiltRows;

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
    const filter = this.filter;
    // Not every scope is here: Micetro filters by name (one listing) rather than the view reading every scope.
    const named = filter !== '' && !this.inventory.allScopesLoaded;
    const everyPair = this.inventory.getAllPairs();
    let read = false;
    const done = () => (read = true);
    everyPair.then(done, done);
    const [servers, scopes] = await Promise.all([this.inventory.getServers(), named ? this.inventory.getScopesNamed(filter) : this.readScopes()]);
    let pairs: FailoverPair[];
    // Waits for the all-servers listing's answer (its records kept), or its verdict that it names no servers.
    if (!read) await this.inventory.readsRelationshipsOneByOne();
    if (!read) {
      // Still reading some servers on their own: the ones the listing names nowhere, or, where it names none, every
      // server, a round trip per 4 servers (500 servers: 13 s). The rows show with the relationships read so far,
      // and the view reloads once every one is.
      pairs = this.inventory.pairsReadSoFar(servers);
      const reload = () => this.changed.fire(undefined);
      void everyPair.then(reload, reload);
    } else {
      pairs = (await everyPair).pairs;
    }
    const built = this.rowsOf(servers, pairs, scopes);
    const text = filter.toLowerCase();
    const texts = text ? built.texts() : undefined;
    const shown = texts ? built.rows.filter((_, index) => texts[index].includes(text)) : built.rows;
    return shown.map((row) =>
      this.reuse(row.id, ScopeRowNode, () => new ScopeRowNode(row.id, row.instances), (existing) => (existing.instances = row.instances)),
    );
  }

  /**
   * The rows of this reading of servers, relationships and scopes, built once: the cache answers the same objects
   * until something is read again, so a text filter over every scope only matches (building 50,000 rows takes 200 ms).
   */
  private rowsOf(servers: readonly DHCPServer[], pairs: readonly FailoverPair[], scopes: ReadonlyMap<string, DHCPScope[]>): BuiltRows {
    const last = this.built;
    if (last && last.servers === servers && last.pairs === pairs && last.scopes === scopes) return last;
    const rows = buildScopeRows(servers, pairs, scopes);
    let texts: string[] | undefined;
    this.built = { servers, pairs, scopes, rows, texts: () => (texts ??= rows.map((row) => scopeRowSearchText(row.instances))) };
    return this.built;
  }

  /**
   * Every scope when they are here; else the first page of the listing (one request), with the rest read after it
   * and the view reloaded once it is. A failed rest leaves the first page shown (Refresh asks again).
   */
  private async readScopes(): Promise<ReadonlyMap<string, DHCPScope[]>> {
    if (this.inventory.allScopesLoaded) return this.inventory.getAllScopes();
    const first = await this.inventory.getFirstScopesPage(FIRST_PAGE);
    if (!first.complete) void this.showEveryScope();
    return first.byServer;
  }

  /**
   * Once every scope is read: their rows and filter texts are built (a first build parses 50,000 networks, 200 ms),
   * then the view reloads, so neither that reload nor a text filter typed after it waits for them.
   */
  private async showEveryScope(): Promise<void> {
    try {
      const [servers, { pairs }, scopes] = await Promise.all([this.inventory.getServers(), this.inventory.getAllPairs(), this.inventory.getAllScopes()]);
      this.rowsOf(servers, pairs, scopes).texts();
    } catch (error) {
      logError(this.log, 'Listing every scope', error);
      return;
    }
    this.changed.fire(undefined);
  }

  private async showFilter(): Promise<void> {
    const filter = this.filter;
    this.view.description = filter ? `Filtered: "${filter}"` : undefined;
    await vscode.commands.executeCommand('setContext', 'dhcpFailover.scopesFiltered', filter !== '');
  }
}
