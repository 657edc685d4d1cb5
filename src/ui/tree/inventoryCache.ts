// What the views show, fetched once and kept until a refresh or a change invalidates it.
// Cost model: the server list is one request, a server's relationships one request, a server's scopes one
// listing (paged by the client), never one request per scope; the scopes' networks come from their ranges, each
// read once (see rangeCache.ts: a few by ref, many with one listing). No vscode import: the benchmark runs it in Node.
// Scope listings are kept only for the server they are for: a filter that also matches another server's ref
// (a partial match) never pulls that server's scopes in.
import type { MicetroApi } from '../../api/micetroApi';
import type { DHCPFailoverRelationship, DHCPScope, DHCPServer } from '../../api/types';
import { RangeCache } from './rangeCache';

/** The reads the views need. */
export type InventorySource = Pick<MicetroApi, 'getDHCPServers' | 'getDHCPFailoverRelationships' | 'getDHCPScopes' | 'getRange' | 'getRanges'>;

/** The scope listing filter for one server (quoted, as real clients send it). */
const scopesOfServerFilter = (serverRef: string) => `dhcpServerRef="${serverRef}"`;

/**
 * Above this many servers without a cached scope list, one listing of every scope is cheaper than one per server.
 * Relationships are small, so any missing list is read with one listing of all of them.
 */
const SCOPES_BULK_THRESHOLD = 3;

export class InventoryCache {
  private servers?: Promise<DHCPServer[]>;
  private readonly relationships = new Map<string, Promise<DHCPFailoverRelationship[]>>();
  private readonly scopes = new Map<string, Promise<DHCPScope[]>>();
  private readonly ranges: RangeCache;

  /** `source` is asked on every load, so the cache follows the current connection. */
  constructor(private readonly currentSource: () => InventorySource) {
    this.ranges = new RangeCache(currentSource);
  }

  private get source(): InventorySource {
    return this.currentSource();
  }

  getServers(): Promise<DHCPServer[]> {
    if (!this.servers) {
      const load = this.source.getDHCPServers();
      this.servers = load;
      load.catch(() => {
        if (this.servers === load) this.servers = undefined;
      });
    }
    return this.servers;
  }

  async getServer(ref: string): Promise<DHCPServer | undefined> {
    return (await this.getServers()).find((server) => server.ref === ref);
  }

  /** The relationships `serverRef` takes part in, from its perspective. */
  getRelationships(serverRef: string): Promise<DHCPFailoverRelationship[]> {
    return this.relationships.get(serverRef) ?? remember(this.relationships, serverRef, this.source.getDHCPFailoverRelationships(serverRef));
  }

  /** Every relationship from every server's perspective, keyed by server ref. */
  async getAllRelationships(): Promise<Map<string, DHCPFailoverRelationship[]>> {
    const servers = await this.getServers();
    const lists = await Promise.all(this.relationshipLists(servers));
    return new Map(servers.map((server, index) => [server.ref, lists[index]]));
  }

  /** Like getAllRelationships, but a server whose relationships cannot be read is left out instead of failing all. */
  async getReadableRelationships(): Promise<Map<string, DHCPFailoverRelationship[]>> {
    const servers = await this.getServers();
    const lists = await Promise.allSettled(this.relationshipLists(servers));
    return new Map(
      servers.flatMap((server, index) => {
        const list = lists[index];
        return list.status === 'fulfilled' ? [[server.ref, list.value] as const] : [];
      }),
    );
  }

  /** Each server's relationships; the ones not cached come from one listing of every relationship. */
  private relationshipLists(servers: readonly DHCPServer[]): Promise<DHCPFailoverRelationship[]>[] {
    const missing = servers.filter((server) => !this.relationships.has(server.ref));
    if (missing.length > 0) {
      const everything = this.source.getDHCPFailoverRelationships();
      for (const server of missing) {
        const entry = everything.then((all) => all.filter((relationship) => relationship.dhcpServerRef === server.ref));
        void remember(this.relationships, server.ref, entry);
      }
    }
    return servers.map((server) => this.getRelationships(server.ref));
  }

  /** The scope instances on `serverRef`, each with its network. */
  getScopes(serverRef: string): Promise<DHCPScope[]> {
    const load = () => this.source.getDHCPScopes({ filter: scopesOfServerFilter(serverRef) }).then((all) => this.ranges.withNetworks(all.filter((scope) => scope.dhcpServerRef === serverRef)));
    return this.scopes.get(serverRef) ?? remember(this.scopes, serverRef, load());
  }

  /** Every scope instance on every server, keyed by server ref. */
  async getAllScopes(): Promise<Map<string, DHCPScope[]>> {
    const servers = await this.getServers();
    const missing = servers.filter((server) => !this.scopes.has(server.ref));
    if (missing.length > SCOPES_BULK_THRESHOLD) {
      const everything = this.source.getDHCPScopes().then(async (listed) => {
        const all = await this.ranges.withNetworks(listed);
        const byServer = new Map<string, DHCPScope[]>();
        for (const scope of all) {
          let list = byServer.get(scope.dhcpServerRef);
          if (!list) byServer.set(scope.dhcpServerRef, (list = []));
          list.push(scope);
        }
        return byServer;
      });
      for (const server of missing) {
        void remember(this.scopes, server.ref, everything.then((byServer) => byServer.get(server.ref) ?? []));
      }
    }
    const lists = await Promise.all(servers.map((server) => this.getScopes(server.ref)));
    return new Map(servers.map((server, index) => [server.ref, lists[index]]));
  }

  /** Forgets what was read about these servers (their relationships and scopes) and the server list. */
  invalidateServers(serverRefs: Iterable<string>): void {
    this.servers = undefined;
    for (const ref of serverRefs) {
      this.relationships.delete(ref);
      this.scopes.delete(ref);
    }
  }

  /** Forgets these servers' scope lists only. */
  invalidateScopes(serverRefs: Iterable<string>): void {
    for (const ref of serverRefs) this.scopes.delete(ref);
  }

  /** Forgets the server list and every relationship (states change over time); scope lists stay. */
  invalidateStates(): void {
    this.servers = undefined;
    this.relationships.clear();
  }

  clear(): void {
    this.servers = undefined;
    this.relationships.clear();
    this.scopes.clear();
    this.ranges.clear();
  }
}

/** Caches a load; a failed one is forgotten so the next expansion (or Retry) asks again. */
function remember<T>(map: Map<string, Promise<T>>, key: string, load: Promise<T>): Promise<T> {
  map.set(key, load);
  load.catch(() => {
    if (map.get(key) === load) map.delete(key);
  });
  return load;
}
