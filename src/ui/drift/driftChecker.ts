// Runs Check for Drift and keeps its marks current: a check reads both copies of each failover scope of the
// relationships asked for (bounded by dhcpFailover.drift.concurrency) and marks each as its result arrives; after a
// change on some servers (views.afterChange) the marked scopes there are read again, so a replicate clears its mark.
// Another connection forgets every mark and stops a check that is running.
import type * as vscode from 'vscode';
import type { MicetroApi } from '../../api/micetroApi';
import {
  checkDrift,
  driftCheckSummary,
  failoverScopeInstances,
  readScopeContent,
  relationshipKey,
  type DriftMark,
  type DriftMarkStore,
  type DriftResult,
  type FailoverPair,
  type FailoverScopeInstances,
} from '../../failover';
import type { ConnectionManager } from '../connection/connectionManager';
import { logError } from '../log';
import type { InventoryCache } from '../tree/inventoryCache';

/** How far a running check is: scopes done of scopes to check. */
export type DriftProgress = (done: number, total: number) => void;

interface ScopeToCheck {
  pair: FailoverPair;
  instances: FailoverScopeInstances;
}

export class DriftChecker implements vscode.Disposable {
  private running?: AbortController;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly inventory: InventoryCache,
    readonly marks: DriftMarkStore,
    /** dhcpFailover.drift.concurrency, read at each check. */
    private readonly concurrency: () => number,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = connection.onDidChange(() => {
      this.cancel();
      marks.clear();
    });
  }

  /** True while a check runs (one at a time). */
  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Stops the running check: it reads no further scope; the ones it read keep their marks. */
  cancel(): void {
    this.running?.abort();
  }

  /** Checks every failover scope of `pairs`; returns the message saying what it found. */
  async check(client: MicetroApi, pairs: readonly FailoverPair[], progress: DriftProgress): Promise<string> {
    if (this.running) throw new Error('A drift check is already running; cancel it or wait for it to end.');
    const controller = new AbortController();
    this.running = controller;
    try {
      const unlisted = new Set<FailoverPair>();
      // One server that cannot be listed leaves the other relationships to check.
      const listing = pairs.map(async (pair) => ({
        pair,
        instances: await this.instancesOf(pair).catch((error: unknown) => {
          logError(this.log, `Listing the scopes of ${pair.name} for a drift check`, error);
          unlisted.add(pair);
          return [];
        }),
      }));
      const listed = (await Promise.all(listing)).filter(({ pair }) => !unlisted.has(pair));
      const withScopes = listed.filter(({ instances }) => instances.length > 0);
      // A scope that is no longer in its relationship keeps no mark from an earlier check.
      for (const { pair, instances } of listed) {
        const networks = new Set(instances.map((instance) => instance.network));
        this.marks.delete(this.marks.ofRelationship(pair).filter((mark) => !networks.has(mark.network)));
      }
      const scopes = withScopes.flatMap(({ pair, instances }) => instances.map((scope) => ({ pair, instances: scope })));
      progress(0, scopes.length);
      let done = 0;
      const outcome = await this.read(client, scopes, controller.signal, () => progress(++done, scopes.length));
      return driftCheckSummary({ scopes: scopes.length, relationships: withScopes.length, ...outcome, unlisted: [...unlisted].map((pair) => pair.name) });
    } finally {
      this.running = undefined;
    }
  }

  /**
   * After a change on these servers: the marked scopes of their relationships are read again; a scope no longer
   * in its relationship (or a relationship gone) loses its mark. Never fails the change that called it.
   */
  async recheck(client: MicetroApi, serverRefs: Iterable<string>): Promise<void> {
    const refs = new Set(serverRefs);
    const marked = this.marks.all().filter((mark) => refs.has(mark.pair.primary.server.ref) || refs.has(mark.pair.secondary.server.ref));
    if (marked.length === 0) return;
    try {
      const { pairs } = await this.inventory.getAllPairs();
      const scopes: ScopeToCheck[] = [];
      for (const key of new Set(marked.map((mark) => relationshipKey(mark.pair)))) {
        const own = marked.filter((mark) => relationshipKey(mark.pair) === key);
        const pair = pairs.find((candidate) => relationshipKey(candidate) === key);
        const instances = pair ? await this.instancesOf(pair) : [];
        const networks = new Set(own.map((mark) => mark.network));
        const still = instances.filter((instance) => networks.has(instance.network));
        this.marks.delete(own.filter((mark) => !still.some((instance) => instance.network === mark.network)));
        if (pair) scopes.push(...still.map((instances) => ({ pair, instances })));
      }
      await this.read(client, scopes, undefined, () => undefined);
    } catch (error) {
      // What is marked may no longer be true, and could not be read: better no mark than a wrong one.
      logError(this.log, 'Checking the marked scopes for drift again', error);
      this.marks.delete(marked);
    }
  }

  /** Reads and marks `scopes`, unless the connection changes meanwhile. */
  private async read(client: MicetroApi, scopes: readonly ScopeToCheck[], signal: AbortSignal | undefined, onScope: () => void) {
    const connection = this.connection.current;
    const outcome = await checkDrift(
      scopes.map((scope) => scope.instances),
      (scope) => readScopeContent(client, scope),
      {
        concurrency: this.concurrency(),
        signal,
        onResult: (index, result) => {
          if (this.connection.current !== connection) return;
          this.marks.set(markOf(scopes[index], result));
          onScope();
        },
      },
    );
    return outcome;
  }

  /** The two copies of each scope of `pair`, from both servers' listings (cached by the views). */
  private async instancesOf(pair: FailoverPair): Promise<FailoverScopeInstances[]> {
    const [onPrimary, onSecondary] = await Promise.all([this.inventory.getScopes(pair.primary.server.ref), this.inventory.getScopes(pair.secondary.server.ref)]);
    return failoverScopeInstances(pair, onPrimary, onSecondary);
  }

  dispose(): void {
    this.cancel();
    this.subscription.dispose();
  }
}

function markOf({ pair, instances }: ScopeToCheck, result: DriftResult): DriftMark {
  return { pair, network: instances.network, result, primary: instances.primary, secondary: instances.secondary };
}
