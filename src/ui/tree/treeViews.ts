// Both views and their shared cache: what a command calls after it changed something.
import { sideOn } from '../../failover';
import type { InventoryCache } from './inventoryCache';
import type { ScopesTreeProvider } from './scopesTreeProvider';
import type { ServersTreeProvider } from './serversTreeProvider';

/** Work that follows every change, once the views show it (Check for Drift re-reading its marked scopes). */
export type AfterChangeStep = (serverRefs: readonly string[]) => Promise<void>;

export class TreeViews {
  private readonly afterChangeSteps = new Set<AfterChangeStep>();

  constructor(
    readonly inventory: InventoryCache,
    readonly servers: ServersTreeProvider,
    readonly scopes: ScopesTreeProvider,
  ) {}

  /** Re-reads only these servers and refreshes their nodes (and the Scopes list, which holds them too). */
  async afterChange(serverRefs: Iterable<string>): Promise<void> {
    const refs = [...new Set(serverRefs)];
    await this.servers.refreshServers(refs);
    this.scopes.refresh();
    for (const step of this.afterChangeSteps) await step(refs);
  }

  /** Runs `step` after every afterChange, which waits for it (so a command ends once its marks are current). */
  onAfterChange(step: AfterChangeStep): { dispose(): void } {
    this.afterChangeSteps.add(step);
    return { dispose: () => this.afterChangeSteps.delete(step) };
  }

  /**
   * Server and relationship states may have moved (simulator controls, auto-refresh): re-reads them and refreshes
   * only the servers whose state or relationships changed, so a periodic refresh does not re-render the whole tree.
   */
  async refreshStates(): Promise<void> {
    const before = await this.stateSignatures();
    this.inventory.invalidateStates();
    const after = await this.stateSignatures();
    const sameServers = before && after && before.size === after.size && [...before.keys()].every((ref) => after.has(ref));
    if (!sameServers) {
      this.servers.refresh();
      this.scopes.refresh();
      return;
    }
    const changed = [...after].filter(([ref, signature]) => before.get(ref)?.state !== signature.state).map(([ref]) => ref);
    if (changed.length === 0) return;
    // Scopes joined or left a relationship elsewhere (another Micetro user): that server's scope list is stale too.
    this.inventory.invalidateScopes(changed.filter((ref) => before.get(ref)?.scopeRefs !== after.get(ref)?.scopeRefs));
    await this.servers.showServers(changed);
    this.scopes.refresh();
  }

  /** Refresh: forgets everything read. */
  refreshAll(): void {
    this.inventory.clear();
    this.servers.refresh();
    this.scopes.refresh();
  }

  /**
   * Each server's state and relationships as one comparable string, and the scope refs of its relationships as
   * another; undefined when they cannot be read.
   */
  private async stateSignatures(): Promise<Map<string, { state: string; scopeRefs: string }> | undefined> {
    try {
      const servers = await this.inventory.getServers();
      const { pairs } = await this.inventory.getAllPairs();
      return new Map(
        servers.map((server) => {
          const own = pairs.filter((pair) => sideOn(pair, server.ref) !== undefined);
          const scopeRefs = JSON.stringify(own.map((pair) => [pair.name, (sideOn(pair, server.ref)?.scopeRefs ?? []).slice().sort()]));
          return [server.ref, { state: JSON.stringify([server, own]), scopeRefs }];
        }),
      );
    } catch {
      return undefined;
    }
  }

  /** Another connection: the same ids may now mean other objects. */
  reset(): void {
    this.inventory.clear();
    this.servers.reset();
    this.scopes.reset();
  }
}
