// What the views show, fetched once and kept until a refresh or a change invalidates it.
// Cost model: the server list is one request, a server's relationships one request, a server's scopes one
// listing (paged by the client), never one request per scope; the scopes' networks come from their ranges, each
// read once (see rangeCache.ts: a few by ref, many with one listing). Scope listings are kept only for the server
// they are for: a filter that also matches another server's ref (a partial match) never pulls that server's scopes in.
// Every server's relationships: one all-servers listing, kept only for the servers it covers from their own side
// (each of their relationships has a record with their dhcpServerRef), plus one request per server it does not
// cover, 4 at a time in the background; expanding a server (or a command needing its relationships) reads it at
// once instead, so it never waits behind hundreds of queued reads or the listing. On the simulator that is 2 requests for the demo (the ISC server, with no relationship, is
// read on its own); on a Micetro whose listing names no server it is 1 + one per server, and the listing is not
// asked again until the next full refresh. No vscode import: the benchmark runs it in Node.
import type { MicetroApi } from '../../api/micetroApi';
import { scopesOnServer } from '../../api/scopesOnServer';
import type { DHCPFailoverRelationship, DHCPScope, DHCPServer } from '../../api/types';
import { buildFailoverPairs, pairKey, sideOn, type FailoverPair } from '../../failover/failoverPair';
import { concurrencyLimit } from './concurrencyLimit';
import { RangeCache } from './rangeCache';

/** The reads the views need. */
export type InventorySource = Pick<MicetroApi, 'getDHCPServers' | 'getDHCPFailoverRelationships' | 'getDHCPScopes' | 'getDHCPScopesPage' | 'getRange' | 'getRanges'>;


/**
 * Above this many servers without a cached scope list, one listing of every scope is cheaper than one per server.
 * Relationships are small, so any missing list is read with one listing of all of them.
 */
const SCOPES_BULK_THRESHOLD = 3;

/** How many servers' relationships are read at once when each is read on its own. */
const RELATIONSHIP_READS_AT_ONCE = 4;

/** Every relationship once, and the servers whose own relationships could not be read. */
export interface PairListing {
  pairs: FailoverPair[];
  unreadable: DHCPServer[];
}

/** The all-servers listing as one record per relationship, and how many relationships name each server. */
interface RelationshipLevelListing {
  records: DHCPFailoverRelationship[];
  counts: Map<string, number>;
}

export class InventoryCache {
  private servers?: Promise<DHCPServer[]>;
  /** The relationship records read from each server (its perspective), and the ones already read. */
  private readonly relationships = new Map<string, Promise<DHCPFailoverRelationship[]>>();
  private readonly settled = new Map<string, DHCPFailoverRelationship[]>();
  /** Every pair, from the records read; forgotten whenever a record list is read again. */
  private allPairs?: Promise<PairListing>;
  private readonly limit = concurrencyLimit(RELATIONSHIP_READS_AT_ONCE);
  /** Servers whose own read (not the all-servers listing, not a queued read) is on the wire or done. */
  private readonly readStarted = new Set<string>();
  /**
   * False once the all-servers listing did not name its servers: it is not asked again until clear(), unless it gave
   * one record per relationship (relationshipLevel), which the next reading after a change or a refresh asks again.
   */
  private bulkUsable = true;
  /** The all-servers listing last asked: whether it named its servers (its covered servers' records are kept by then). */
  private bulkListing?: Promise<boolean>;
  /** The all-servers listing asked together with the server list, for the reading of every relationship that follows. */
  private bulkAhead?: Promise<DHCPFailoverRelationship[]>;
  /**
   * The all-servers listing when it names no server it was read from but names both servers of every record (one
   * record per relationship): enough for every relationship and its count, so no server is read for those alone.
   */
  private relationshipLevel?: RelationshipLevelListing;
  private relationshipsSeen = false;
  private statesSeen = false;
  private readonly scopes = new Map<string, Promise<DHCPScope[]>>();
  /** Each server's scope listing as it came, before the networks were filled in. */
  private readonly listed = new Map<string, Promise<DHCPScope[]>>();
  /** The server's scopes on the first page of that listing that holds any. */
  private readonly firstListed = new Map<string, Promise<DHCPScope[]>>();
  /** Counts scope invalidations, so a listing that was asked before one does not fill the cache after it. */
  private scopesGeneration = 0;
  private everyScopeLoaded = false;
  private readonly ranges: RangeCache;
  /** The reading of every server's scopes in flight or done, for the scope lists' current generation. */
  private allScopesLoad?: { generation: number; load: Promise<Map<string, DHCPScope[]>> };

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
      // Whoever lists the servers with no relationship read reads every server's next (the views' counts and rows),
      // and the all-servers listing needs nothing from the server list: both go out in the same round trip.
      if (this.bulkUsable && this.relationships.size === 0) {
        const ahead = this.source.getDHCPFailoverRelationships();
        ahead.catch(() => undefined);
        this.bulkAhead = ahead;
      }
      load.catch(() => {
        if (this.servers === load) this.servers = undefined;
      });
    }
    return this.servers;
  }

  async getServer(ref: string): Promise<DHCPServer | undefined> {
    return (await this.getServers()).find((server) => server.ref === ref);
  }

  /** The relationships `serverRef` takes part in; the partner's side is filled from what was read of it already. */
  async getPairs(serverRef: string): Promise<FailoverPair[]> {
    const own = await this.records(serverRef, true);
    const servers = await this.getServers();
    const partners = [...this.settled].filter(([ref]) => ref !== serverRef).flatMap(([, records]) => records);
    // The relationship-level listing fills in the partner's side of the relationships the server's own (fresh) read
    // names, never adds one it does not; it comes first, so what the server's own records say of its side wins.
    const named = new Set(own.map(pairKey));
    const listed = (this.relationshipLevel?.records ?? []).filter((record) => named.has(pairKey(record)));
    return buildFailoverPairs([...listed, ...own, ...partners], servers).filter((pair) => sideOn(pair, serverRef) !== undefined);
  }

  /**
   * Every relationship once, from every server that could be read (a server that cannot be read is listed in
   * `unreadable`, and its relationships still show from their partner's side). Fails only when no server could be read.
   */
  getAllPairs(): Promise<PairListing> {
    // Built once while no relationship is read again: the Scopes view asks on every load, with thousands of records.
    if (!this.allPairs) {
      const listing = this.listAllPairs();
      this.allPairs = listing;
      listing.catch(() => {
        if (this.allPairs === listing) this.allPairs = undefined;
      });
    }
    return this.allPairs;
  }

  /** The relationships among the records read so far (no request): what a view shows while the rest are read. */
  pairsReadSoFar(servers: readonly DHCPServer[]): FailoverPair[] {
    return buildFailoverPairs([...(this.relationshipLevel?.records ?? []), ...[...this.settled.values()].flat()], servers);
  }

  /**
   * Whether the relationships are read one server at a time (1 + one round trip per 4 servers): true once the
   * all-servers listing turned out not to name its servers, false while it can; waits for its answer when in flight.
   */
  async readsRelationshipsOneByOne(): Promise<boolean> {
    // A reading asked before this call asks the listing as soon as the server list is here.
    await this.getServers().catch(() => undefined);
    if (!this.bulkUsable) return true;
    return (await this.bulkListing) === false;
  }

  private async listAllPairs(): Promise<PairListing> {
    const servers = await this.getServers();
    const lists = await Promise.allSettled(this.relationshipLists(servers));
    const unreadable = servers.filter((_, index) => lists[index].status === 'rejected');
    const failed = lists.find((list): list is PromiseRejectedResult => list.status === 'rejected');
    if (failed && unreadable.length === servers.length) throw failed.reason;
    const records = lists.flatMap((list) => (list.status === 'fulfilled' ? list.value : []));
    // A server's own records, where read, fill in its side of the relationship-level ones.
    return { pairs: buildFailoverPairs([...(this.relationshipLevel?.records ?? []), ...records], servers), unreadable };
  }

  /**
   * How many relationships each server takes part in, each as soon as its own records arrive (the all-servers
   * listing asked once, every server it does not cover on its own, RELATIONSHIP_READS_AT_ONCE at a time), so a view
   * can show the servers first and fill the counts in. A server that cannot be read rejects its own promise.
   */
  relationshipCounts(servers: readonly DHCPServer[]): Promise<number>[] {
    return this.relationshipLists(servers).map((records, index) =>
      records.then((own) => {
        const ref = servers[index].ref;
        const counted = this.relationshipLevel?.counts.get(ref);
        // Counted from the relationship-level listing unless the server's own records were read.
        if (counted !== undefined && !this.settled.has(ref)) return counted;
        return buildFailoverPairs(own, servers).filter((pair) => sideOn(pair, ref) !== undefined).length;
      }),
    );
  }

  /**
   * Whether Micetro reports failover states: undefined until a relationship was read, then whether any record read
   * since the last clear() carried one (a real Micetro may never send them).
   */
  get reportsStates(): boolean | undefined {
    return this.relationshipsSeen ? this.statesSeen : undefined;
  }

  /**
   * The records read from `serverRef`, each as that server sees it. `now` (an expansion, a command): read at once
   * unless its own read is already on the wire, never waiting behind the background reads or the all-servers listing.
   */
  private records(serverRef: string, now = false): Promise<DHCPFailoverRelationship[]> {
    const known = this.relationships.get(serverRef);
    if (known && (!now || this.settled.has(serverRef) || this.readStarted.has(serverRef))) return known;
    if (now) return this.rememberRecords(serverRef, this.readNow(serverRef));
    const queued: Promise<DHCPFailoverRelationship[]> = this.readQueued(serverRef, () => this.relationships.get(serverRef) === queued);
    return this.rememberRecords(serverRef, queued);
  }

  private readNow(serverRef: string): Promise<DHCPFailoverRelationship[]> {
    this.readStarted.add(serverRef);
    return this.source.getDHCPFailoverRelationships(serverRef);
  }

  /**
   * A background read, RELATIONSHIP_READS_AT_ONCE at a time. When its turn comes after an expansion read the server
   * (or a refresh forgot it), it asks nothing and answers the server's records as they are now.
   */
  private readQueued(serverRef: string, stillCurrent: () => boolean): Promise<DHCPFailoverRelationship[]> {
    // Queued a microtask later, once the caller has kept the entry `stillCurrent` compares. The slot is held only
    // while this server's own request is on the wire, never while waiting on another task.
    return Promise.resolve()
      .then(() => this.limit(async () => (stillCurrent() ? this.readNow(serverRef) : undefined)))
      .then((records) => records ?? this.records(serverRef));
  }

  private rememberRecords(serverRef: string, load: Promise<DHCPFailoverRelationship[]>): Promise<DHCPFailoverRelationship[]> {
    this.settled.delete(serverRef);
    this.allPairs = undefined;
    void load.then(
      (records) => {
        if (this.relationships.get(serverRef) !== load) return;
        this.settled.set(serverRef, records);
        if (records.length > 0) this.relationshipsSeen = true;
        if (records.some((record) => record.state !== undefined)) this.statesSeen = true;
      },
      () => undefined,
    );
    return remember(this.relationships, serverRef, load);
  }

  /**
   * Each server's records. With more than one server to read, the all-servers listing is asked once, and its
   * records kept for each server it covers; every other server is read on its own (RELATIONSHIP_READS_AT_ONCE at a time).
   */
  private relationshipLists(servers: readonly DHCPServer[]): Promise<DHCPFailoverRelationship[]>[] {
    const missing = servers.filter((server) => !this.relationships.has(server.ref));
    if (missing.length > 1 && this.bulkUsable) {
      const answer = this.bulkAhead ?? this.source.getDHCPFailoverRelationships();
      this.bulkAhead = undefined;
      const everything = answer.then(
        async (records) => {
          // Answers that arrived with it (an expanded server's own read) are handled first: splitting it and filling
          // 500 servers' counts takes the event loop for a while.
          await new Promise((resolve) => setImmediate(resolve));
          const split = splitByServer(records, servers);
          if (!split) {
            this.bulkUsable = false;
            this.relationshipLevel = relationshipLevelListing(records, servers);
          }
          return split;
        },
        () => undefined,
      );
      const covered: Array<Promise<unknown>> = [];
      for (const server of missing) {
        const entry: Promise<DHCPFailoverRelationship[]> = everything.then((split) => {
          const own = split?.get(server.ref);
          if (own) return own;
          if (this.relationshipLevel?.counts.has(server.ref)) {
            // Not read: the listing gave its relationships; an expansion or a command reads its own records.
            if (this.relationships.get(server.ref) === entry) this.relationships.delete(server.ref);
            return [];
          }
          return this.readQueued(server.ref, () => this.relationships.get(server.ref) === entry);
        });
        void this.rememberRecords(server.ref, entry);
        // Kept (rememberRecords' own callback runs first) as soon as the listing is split, when it covers the server.
        covered.push(everything.then((split) => (split?.has(server.ref) ? entry.catch(() => undefined) : undefined)));
      }
      this.bulkListing = Promise.all(covered).then(() => everything).then((split) => split !== undefined);
    }
    // Where the relationship-level listing named a server, a reading of every relationship needs nothing of its own.
    return servers.map((server) =>
      !this.relationships.has(server.ref) && this.relationshipLevel?.counts.has(server.ref) ? Promise.resolve([]) : this.records(server.ref),
    );
  }

  /** The scope instances on `serverRef`, each with its network. */
  getScopes(serverRef: string): Promise<DHCPScope[]> {
    return this.scopes.get(serverRef) ?? remember(this.scopes, serverRef, this.listedScopes(serverRef).then((scopes) => this.ranges.withNetworks(scopes)));
  }

  /**
   * The scope instances on `serverRef` as soon as some are here: each with its network when the networks are known,
   * else as listed, with `networks` settling once they are (the first time, every IPAM range is listed: many pages).
   * While a listing of many pages is read, the server's scopes on its first page come first, with `rest` settling
   * with the whole listing (where Micetro's filter also matches other servers, one server's listing can be 13 pages).
   */
  async getScopesFirst(serverRef: string): Promise<{ scopes: DHCPScope[]; networks?: Promise<unknown>; rest?: Promise<DHCPScope[]> }> {
    const withNetworks = this.getScopes(serverRef);
    const listed = this.listed.get(serverRef) ?? withNetworks;
    const firstPage = this.firstListed.get(serverRef);
    // When several have arrived, the first in the list wins: the scopes with their networks, then the whole listing.
    return Promise.race([
      withNetworks.then((scopes) => ({ scopes })),
      listed.then((scopes) => ({ scopes, networks: withNetworks })),
      ...(firstPage ? [firstPage.then((scopes) => ({ scopes, networks: withNetworks, rest: listed }))] : []),
    ]);
  }

  private listedScopes(serverRef: string): Promise<DHCPScope[]> {
    const known = this.listed.get(serverRef);
    if (known) return known;
    // Settles with the first page that holds any of the server's scopes; later pages change nothing.
    let firstPageHere!: (scopes: DHCPScope[]) => void;
    this.firstListed.set(serverRef, new Promise((resolve) => (firstPageHere = resolve)));
    const load = scopesOnServer(this.source, serverRef, (scopes) => scopes.length > 0 && firstPageHere(scopes));
    return remember(this.listed, serverRef, load);
  }

  /**
   * Every scope instance on every server, keyed by server ref. The one listing of every scope fills a server's
   * entry only once it arrives, so expanding a relationship meanwhile reads its own server's scopes (one listing)
   * instead of waiting for all of them.
   */
  getAllScopes(): Promise<Map<string, DHCPScope[]>> {
    // Callers asking at once (the Scopes view paging its rest in, a command picking a scope) share one reading.
    const generation = this.scopesGeneration;
    if (this.allScopesLoad?.generation !== generation) {
      const load = this.readAllScopes(generation);
      this.allScopesLoad = { generation, load };
      load.catch(() => {
        if (this.allScopesLoad?.load === load) this.allScopesLoad = undefined;
      });
    }
    return this.allScopesLoad.load;
  }

  private async readAllScopes(generation: number): Promise<Map<string, DHCPScope[]>> {
    const servers = await this.getServers();
    const missing = servers.filter((server) => !this.scopes.has(server.ref));
    let everything: Promise<Map<string, DHCPScope[]>> | undefined;
    if (missing.length > SCOPES_BULK_THRESHOLD) {
      everything = this.source.getDHCPScopes().then(async (listed) => {
        const all = await this.ranges.withNetworks(listed);
        const byServer = new Map<string, DHCPScope[]>(missing.map((server) => [server.ref, []]));
        for (const scope of all) byServer.get(scope.dhcpServerRef)?.push(scope);
        if (generation === this.scopesGeneration) for (const [ref, list] of byServer) if (!this.scopes.has(ref)) this.scopes.set(ref, Promise.resolve(list));
        return byServer;
      });
    }
    const lists = await Promise.all(
      servers.map((server) => (everything && missing.includes(server) ? everything.then((byServer) => byServer.get(server.ref) ?? []) : this.getScopes(server.ref))),
    );
    if (generation === this.scopesGeneration) this.everyScopeLoaded = true;
    return new Map(servers.map((server, index) => [server.ref, lists[index]]));
  }

  /**
   * The first `limit` scope instances of the all-scopes listing (one request), keyed by server ref, as listed (their
   * networks may not be known yet). `complete` when that page holds every scope: then it is kept, with networks, as
   * every server's scope list, and the scopes returned have their networks.
   */
  async getFirstScopesPage(limit: number): Promise<{ byServer: Map<string, DHCPScope[]>; complete: boolean }> {
    const generation = this.scopesGeneration;
    // The page does not wait for the server list: on a fresh connection both are one round trip, together.
    const [servers, page] = await Promise.all([this.getServers(), this.source.getDHCPScopesPage({ offset: 0, limit })]);
    const complete = page.items.length >= page.totalResults;
    if (!complete) return { byServer: byServerRef(page.items), complete };
    const byServer = byServerRef(await this.ranges.withNetworks(page.items));
    if (generation === this.scopesGeneration) {
      for (const server of servers) this.scopes.set(server.ref, Promise.resolve(byServer.get(server.ref) ?? []));
      this.everyScopeLoaded = true;
    }
    return { byServer, complete };
  }

  /** True once every server's scope list is here (the Scopes view can filter them without asking Micetro). */
  get allScopesLoaded(): boolean {
    return this.everyScopeLoaded;
  }

  /**
   * The scope instances whose name contains `text` (Micetro's `name=@"…"` filter, case-insensitive: one listing),
   * each with its network, keyed by server ref; never cached (a filter is asked once per view load).
   */
  async getScopesNamed(text: string): Promise<Map<string, DHCPScope[]>> {
    const quoted = text.replace(/[\\"]/g, (ch) => `\\${ch}`);
    const listed = await this.source.getDHCPScopes({ filter: `name=@"${quoted}"` });
    return byServerRef(await this.ranges.withNetworks(listed));
  }

  /** Forgets what was read about these servers (their relationships and scopes) and the server list. */
  invalidateServers(serverRefs: Iterable<string>): void {
    this.allPairs = undefined;
    this.forgetRelationshipLevel();
    this.scopesGeneration++;
    this.everyScopeLoaded = false;
    this.servers = undefined;
    for (const ref of serverRefs) {
      this.relationships.delete(ref);
      this.settled.delete(ref);
      this.readStarted.delete(ref);
      this.scopes.delete(ref);
      this.listed.delete(ref);
      this.firstListed.delete(ref);
    }
  }

  /** A relationship-level listing read before a change is out of date; the next reading asks for it again. */
  private forgetRelationshipLevel(): void {
    if (!this.relationshipLevel) return;
    this.relationshipLevel = undefined;
    this.bulkUsable = true;
  }

  /** Forgets these servers' scope lists only. */
  invalidateScopes(serverRefs: Iterable<string>): void {
    this.scopesGeneration++;
    this.everyScopeLoaded = false;
    for (const ref of serverRefs) {
      this.scopes.delete(ref);
      this.listed.delete(ref);
      this.firstListed.delete(ref);
    }
  }

  /** Forgets the server list and every relationship (states change over time); scope lists stay. */
  invalidateStates(): void {
    this.allPairs = undefined;
    this.bulkAhead = undefined;
    this.forgetRelationshipLevel();
    this.servers = undefined;
    this.relationships.clear();
    this.settled.clear();
    this.readStarted.clear();
  }

  clear(): void {
    this.allPairs = undefined;
    this.scopesGeneration++;
    this.everyScopeLoaded = false;
    this.servers = undefined;
    this.relationships.clear();
    this.settled.clear();
    this.readStarted.clear();
    this.scopes.clear();
    this.listed.clear();
    this.firstListed.clear();
    this.ranges.clear();
    this.bulkUsable = true;
    this.bulkListing = undefined;
    this.bulkAhead = undefined;
    this.relationshipLevel = undefined;
    this.relationshipsSeen = false;
    this.statesSeen = false;
  }
}

function byServerRef(scopes: readonly DHCPScope[]): Map<string, DHCPScope[]> {
  const byServer = new Map<string, DHCPScope[]>();
  for (const scope of scopes) {
    let list = byServer.get(scope.dhcpServerRef);
    if (!list) byServer.set(scope.dhcpServerRef, (list = []));
    list.push(scope);
  }
  return byServer;
}

/** Caches a load; a failed one is forgotten so the next expansion (or Retry) asks again. */
function remember<T>(map: Map<string, Promise<T>>, key: string, load: Promise<T>): Promise<T> {
  map.set(key, load);
  load.catch(() => {
    if (map.get(key) === load) map.delete(key);
  });
  return load;
}

/**
 * The all-servers listing split per server, for the servers it covers: a server is covered when every relationship
 * that names it has a record read from it. Undefined when a record names no known server (Micetro may list each
 * relationship once, without dhcpServerRef), so nothing of the listing is trusted.
 */
/**
 * A listing of one record per relationship (no dhcpServerRef) whose every record names two listed servers: its
 * relationships, and how many each server takes part in (0 is not given: a server it names nowhere is read on its own).
 */
function relationshipLevelListing(records: DHCPFailoverRelationship[], servers: readonly DHCPServer[]): RelationshipLevelListing | undefined {
  if (records.length === 0 || records.some((record) => record.dhcpServerRef !== undefined)) return undefined;
  const known = new Set(servers.map((server) => server.ref));
  const pairs = buildFailoverPairs(records, servers);
  if (!pairs.every((pair) => known.has(pair.primary.server.ref) && known.has(pair.secondary.server.ref))) return undefined;
  const counts = new Map<string, number>();
  for (const pair of pairs) {
    for (const ref of new Set([pair.primary.server.ref, pair.secondary.server.ref])) counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return { records, counts };
}

function splitByServer(records: readonly DHCPFailoverRelationship[], servers: readonly DHCPServer[]): Map<string, DHCPFailoverRelationship[]> | undefined {
  const known = new Set(servers.map((server) => server.ref));
  if (!records.every((record) => record.dhcpServerRef !== undefined && known.has(record.dhcpServerRef))) return undefined;
  const byServer = new Map<string, DHCPFailoverRelationship[]>();
  for (const record of records) {
    const ref = record.dhcpServerRef as string;
    byServer.set(ref, [...(byServer.get(ref) ?? []), record]);
  }
  // How many relationships name each server, counted in one pass (not one pass over every pair per server).
  const named = new Map<string, number>();
  for (const pair of buildFailoverPairs(records, servers)) {
    for (const ref of new Set([pair.primary.server.ref, pair.secondary.server.ref])) named.set(ref, (named.get(ref) ?? 0) + 1);
  }
  for (const [ref, own] of byServer) if (named.get(ref) !== own.length) byServer.delete(ref);
  return byServer;
}
