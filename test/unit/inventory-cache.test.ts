// The views' cache: what it asks the client for, and when it asks again.
import assert from 'node:assert/strict';
import type { DHCPFailoverRelationship, DHCPScope, ListAllOptions, ListOptions } from '../../src/api/types';
import { buildFailoverPairs, type FailoverPair } from '../../src/failover';
import { InventoryCache, type InventorySource } from '../../src/ui/tree/inventoryCache';
import { buildScopeRows } from '../../src/ui/tree/scopeRows';
import { relationship, scope, server } from './fixtures';

/** Relationship "r" between servers 1 and 2, as `perspective` (in the given role) lists it. */
const endpoint = (perspective: string, role: 'PrimaryServer' | 'SecondaryServer', scopeRefs: string[]): DHCPFailoverRelationship =>
  relationship('r', 'dhcp-1', 'dhcp-2', {
    primaryServerRef: 'DHCPServers/1',
    secondaryServerRef: 'DHCPServers/2',
    failoverServerType: role,
    dhcpScopeRefs: scopeRefs,
    dhcpServerRef: perspective,
  });

/** Six servers; 1 and 2 share relationship "r" holding 10.0.1.0/24 (DHCPScopes/11 on 1, DHCPScopes/21 on 2). */
/**
 * A listing of one record per relationship that names a partner Micetro does not list: it cannot stand for the
 * servers' own records, so every server is read on its own.
 */
const ONE_BY_ONE = (): DHCPFailoverRelationship[] => [relationship('x', 'dhcp-1', 'dhcp-elsewhere')];

class FakeSource implements InventorySource {
  readonly calls: string[] = [];
  /** Servers whose own listing fails. */
  readonly failing = new Set<string>();
  /** What the all-servers listing answers; by default every record, each with its server's ref. */
  everything = (): DHCPFailoverRelationship[] => this.relationships;
  private inFlight = 0;
  mostAtOnce = 0;
  servers = [1, 2, 3, 4, 5, 6].map((n) => server(n));
  relationships = [endpoint('DHCPServers/1', 'PrimaryServer', ['DHCPScopes/11']), endpoint('DHCPServers/2', 'SecondaryServer', ['DHCPScopes/21'])];
  scopes = [
    scope('10.0.1.0/24', { ref: 'DHCPScopes/11', dhcpServerRef: 'DHCPServers/1' }),
    scope('10.0.2.0/24', { ref: 'DHCPScopes/12', dhcpServerRef: 'DHCPServers/1' }),
    scope('10.0.1.0/24', { ref: 'DHCPScopes/21', dhcpServerRef: 'DHCPServers/2' }),
  ];

  async getDHCPServers() {
    this.calls.push('servers');
    return this.servers;
  }

  async getDHCPFailoverRelationships(ref?: string) {
    this.calls.push(`relationships ${ref ?? 'all'}`);
    this.inFlight++;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.inFlight);
    // Answer on a later turn, so that reads started together overlap.
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight--;
    if (ref === undefined) return this.everything();
    if (this.failing.has(ref)) throw new Error('down');
    return this.relationships.filter((r) => r.dhcpServerRef === ref);
  }

  async getDHCPScopes(options: ListOptions = {}) {
    this.calls.push(`scopes ${options.filter ?? 'all'}`);
    const ref = options.filter?.replace(/^dhcpServerRef="(.*)"$/, '$1');
    return this.scopes.filter((s) => !ref || s.dhcpServerRef === ref || (this.partialFilter && s.dhcpServerRef.startsWith(ref)));
  }

  async getDHCPScopesPage(options: ListOptions & { offset: number; limit: number }) {
    this.calls.push(`scopes page ${options.offset}+${options.limit}`);
    return { items: this.scopes.slice(options.offset, options.offset + options.limit), totalResults: this.scopes.length };
  }

  /** Numeric range ref → its network, as a real Micetro holds ranges. */
  ranges = new Map<string, string>();
  /** The listing answers every scope, as a partial `dhcpServerRef` match may. */
  partialFilter = false;

  async getRange(ref: string) {
    this.calls.push(`range ${ref}`);
    const name = this.ranges.get(ref);
    if (name === undefined) throw new Error(`no range ${ref}`);
    return { ref, name, from: '', to: '' };
  }

  async getRanges() {
    this.calls.push('ranges');
    return [...this.ranges].map(([ref, name]) => ({ ref, name, from: '', to: '' }));
  }
}

/** Waits, turn by turn, until `condition` holds (fails after 1,000 turns). */
async function eventually(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 1000) assert.fail('the condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The pairs that `serverRef` takes part in, as `[name, primary's scope refs, secondary's scope refs]`. */
const shown = (pairs: readonly FailoverPair[]) => pairs.map((pair) => [pair.name, pair.primary.scopeRefs, pair.secondary.scopeRefs]);

/** A source whose scopes name their ranges by number, as a real Micetro answers. */
function numericRanges(count: number): FakeSource {
  const source = new FakeSource();
  source.scopes = Array.from({ length: count }, (_, i) => scope(`10.1.${i}.0/24`, { ref: `DHCPScopes/${100 + i}`, rangeRef: `Ranges/${i + 1}`, dhcpServerRef: 'DHCPServers/1' }));
  source.scopes.forEach((s, i) => source.ranges.set(`Ranges/${i + 1}`, s.name));
  return source;
}

describe('InventoryCache: scope networks from ranges, and scope listings per server', () => {
  it('reads a few unknown ranges one by one, once each, and fills every scope’s network', async () => {
    const source = numericRanges(3);
    source.scopes.push(scope('10.1.0.0/24', { ref: 'DHCPScopes/200', rangeRef: 'Ranges/1', dhcpServerRef: 'DHCPServers/1', name: 'Lab' }));
    const cache = new InventoryCache(() => source);
    const scopes = await cache.getScopes('DHCPServers/1');
    assert.deepEqual(scopes.map((s) => s.network), ['10.1.0.0/24', '10.1.1.0/24', '10.1.2.0/24', '10.1.0.0/24']);
    assert.deepEqual(source.calls.filter((call) => call.startsWith('range')).sort(), ['range Ranges/1', 'range Ranges/2', 'range Ranges/3']);
    cache.invalidateScopes(['DHCPServers/1']);
    await cache.getScopes('DHCPServers/1');
    assert.equal(source.calls.filter((call) => call.startsWith('range')).length, 3, 'ranges stay cached across a scope reload');
  });

  it('reads many unknown ranges with one listing of every range', async () => {
    const source = numericRanges(30);
    const scopes = await new InventoryCache(() => source).getScopes('DHCPServers/1');
    assert.equal(scopes[29].network, '10.1.29.0/24');
    assert.deepEqual(source.calls.filter((call) => call.startsWith('range')), ['ranges']);
  });

  it('gives the scopes as listed first when their networks are still being read, and with them once they are', async () => {
    const source = numericRanges(30);
    const slowRanges = source.getRanges.bind(source);
    let answerRanges!: () => void;
    source.getRanges = async () => {
      await new Promise<void>((resolve) => (answerRanges = resolve));
      return slowRanges();
    };
    const cache = new InventoryCache(() => source);
    const first = await cache.getScopesFirst('DHCPServers/1');
    assert.equal(first.scopes.length, 30);
    assert.equal(first.scopes[29].network, undefined);
    assert.ok(first.networks);
    answerRanges();
    await first.networks;
    const again = await cache.getScopesFirst('DHCPServers/1');
    assert.equal(again.scopes[29].network, '10.1.29.0/24');
    assert.equal(again.networks, undefined);
    assert.deepEqual(source.calls.filter((call) => call.startsWith('scopes')), ['scopes dhcpServerRef="DHCPServers/1"']);
  });

  it('gives a server’s scopes on the first page of a long listing first, with the rest of the listing after', async () => {
    const source = numericRanges(4);
    const whole = source.getDHCPScopes.bind(source);
    let answerRest!: () => void;
    source.getDHCPScopes = async (options: ListAllOptions<DHCPScope> = {}) => {
      const scopes = await whole(options);
      // Another server's scope on the first page, as a partial filter match lists it: never shown.
      options.onPage?.([...scopes.slice(0, 2), scope('10.9.0.0/24', { ref: 'DHCPScopes/900', dhcpServerRef: 'DHCPServers/10' })]);
      await new Promise<void>((resolve) => (answerRest = resolve));
      options.onPage?.(scopes.slice(2));
      return scopes;
    };
    const cache = new InventoryCache(() => source);
    const first = await cache.getScopesFirst('DHCPServers/1');
    assert.deepEqual(first.scopes.map((s) => s.ref), ['DHCPScopes/100', 'DHCPScopes/101']);
    assert.ok(first.rest && first.networks, 'the rest and the networks settle later');
    answerRest();
    assert.equal((await first.rest).length, 4);
    await first.networks;
    const again = await cache.getScopesFirst('DHCPServers/1');
    assert.equal(again.scopes.length, 4);
    assert.equal(again.rest, undefined);
    assert.equal(source.calls.filter((call) => call.startsWith('scopes')).length, 1, 'one listing');
  });

  it('asks Micetro for the scopes whose name contains a text, quoted, while not every scope is loaded', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    await cache.getScopesNamed('a "b" \\c');
    assert.deepEqual(source.calls, ['scopes name=@"a \\"b\\" \\\\c"']);
    assert.equal(cache.allScopesLoaded, false);
    await cache.getAllScopes();
    assert.equal(cache.allScopesLoaded, true);
    cache.invalidateScopes(['DHCPServers/1']);
    assert.equal(cache.allScopesLoaded, false);
  });

  it('keeps a first page of the scope listing that holds every scope as every server’s list, and only then', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    const partial = await cache.getFirstScopesPage(2);
    assert.equal(partial.complete, false);
    assert.deepEqual([...partial.byServer.values()].flat().length, 2);
    assert.equal(cache.allScopesLoaded, false);
    const whole = await cache.getFirstScopesPage(10);
    assert.equal(whole.complete, true);
    assert.equal(cache.allScopesLoaded, true);
    const calls = source.calls.length;
    assert.equal((await cache.getAllScopes()).get('DHCPServers/1')?.length, 2);
    assert.equal(source.calls.length, calls, 'every scope came with the page');
  });

  it('shows a scope whose range cannot be read by its name, and asks again on the next load', async () => {
    const source = numericRanges(1);
    source.ranges.clear();
    const cache = new InventoryCache(() => source);
    assert.equal((await cache.getScopes('DHCPServers/1'))[0].network, undefined);
    cache.invalidateScopes(['DHCPServers/1']);
    await cache.getScopes('DHCPServers/1');
    assert.equal(source.calls.filter((call) => call.startsWith('range')).length, 2);
  });

  it('keeps only the server’s own scopes when the filter also matches another server', async () => {
    const source = new FakeSource();
    source.partialFilter = true;
    source.scopes.push(scope('10.9.9.0/24', { ref: 'DHCPScopes/99', dhcpServerRef: 'DHCPServers/10' }));
    const cache = new InventoryCache(() => source);
    assert.deepEqual((await cache.getScopes('DHCPServers/1')).map((s) => s.ref), ['DHCPScopes/11', 'DHCPScopes/12']);
  });
});

describe('InventoryCache', () => {
  it('takes the all-servers listing for the servers it covers from their own side, and reads the others on their own', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    const { pairs, unreadable } = await cache.getAllPairs();
    assert.deepEqual(shown(pairs), [['r', ['DHCPScopes/11'], ['DHCPScopes/21']]]);
    assert.deepEqual(unreadable, []);
    await cache.getPairs('DHCPServers/2');
    // Servers 3 to 6 are named by no record: the listing says nothing about them, so each is asked.
    assert.deepEqual(source.calls, ['servers', 'relationships all', ...[3, 4, 5, 6].map((n) => `relationships DHCPServers/${n}`)]);
  });

  it('takes every relationship and its count from a listing of one record per relationship, reading only the servers it names nowhere', async () => {
    const source = new FakeSource();
    // As the primary sees it, read from no server in particular.
    source.everything = () => [relationship('r', 'dhcp-1', 'dhcp-2', { dhcpScopeRefs: ['DHCPScopes/11'] })];
    const cache = new InventoryCache(() => source);
    const servers = await cache.getServers();
    assert.deepEqual(await Promise.all(cache.relationshipCounts(servers)), [1, 1, 0, 0, 0, 0]);
    assert.deepEqual(shown((await cache.getAllPairs()).pairs), [['r', ['DHCPScopes/11'], []]], 'the secondary’s side is not read for it');
    assert.deepEqual(source.calls, ['servers', 'relationships all', ...[3, 4, 5, 6].map((n) => `relationships DHCPServers/${n}`)]);
    source.calls.length = 0;
    // Expanding the secondary reads its own records, and its side shows its scopes.
    assert.deepEqual(shown(await cache.getPairs('DHCPServers/2')), [['r', ['DHCPScopes/11'], ['DHCPScopes/21']]]);
    assert.deepEqual(source.calls, ['relationships DHCPServers/2']);
    source.calls.length = 0;
    cache.invalidateServers(['DHCPServers/2']);
    await cache.getAllPairs();
    assert.deepEqual(source.calls, ['servers', 'relationships all'], 'after a change, the listing again (servers 3 to 6 were read on their own and kept)');
  });

  it('lets the relationship-level listing fill in a partner’s side, never add a relationship the server’s own read lacks', async () => {
    const source = new FakeSource();
    // Read before someone removed "gone" on Micetro: the listing still names it, server 2's own read no longer does.
    source.everything = () => [relationship('r', 'dhcp-1', 'dhcp-2', { dhcpScopeRefs: ['DHCPScopes/11'] }), relationship('gone', 'dhcp-1', 'dhcp-2')];
    const cache = new InventoryCache(() => source);
    await Promise.all(cache.relationshipCounts(await cache.getServers()));
    assert.deepEqual(shown(await cache.getPairs('DHCPServers/2')), [['r', ['DHCPScopes/11'], ['DHCPScopes/21']]]);
  });

  it('does not ask again for a listing that named no server and could not stand for them', async () => {
    const source = new FakeSource();
    source.everything = ONE_BY_ONE;
    const cache = new InventoryCache(() => source);
    await cache.getAllPairs();
    source.calls.length = 0;
    cache.invalidateStates();
    await cache.getAllPairs();
    assert.equal(source.calls.includes('relationships all'), false);
    assert.deepEqual((await cache.getPairs('DHCPServers/2')).map((pair) => pair.name), ['r'], 'each server shows the relationship');
  });

  it('does not trust a listing with a record for a server it does not know', async () => {
    const source = new FakeSource();
    source.everything = () => [...source.relationships, { ...source.relationships[0], dhcpServerRef: 'DHCPServers/99' }];
    const cache = new InventoryCache(() => source);
    await cache.getAllPairs();
    assert.ok(source.calls.includes('relationships DHCPServers/1') && source.calls.includes('relationships DHCPServers/2'));
  });

  it('keeps a listing only for a server whose every relationship it lists from that server', async () => {
    const source = new FakeSource();
    // Only the primary's record: server 2 is named, but its own side is missing.
    source.everything = () => [source.relationships[0]];
    const cache = new InventoryCache(() => source);
    const { pairs } = await cache.getAllPairs();
    assert.deepEqual(shown(pairs), [['r', ['DHCPScopes/11'], ['DHCPScopes/21']]]);
    assert.equal(source.calls.includes('relationships DHCPServers/1'), false, 'server 1 is covered');
    assert.ok(source.calls.includes('relationships DHCPServers/2'), 'server 2 is read on its own');
  });

  it('shows a relationship from the one side that can be read, and names the server that could not', async () => {
    const source = new FakeSource();
    source.everything = () => [];
    source.failing.add('DHCPServers/2');
    const cache = new InventoryCache(() => source);
    const { pairs, unreadable } = await cache.getAllPairs();
    assert.deepEqual(shown(pairs), [['r', ['DHCPScopes/11'], []]]);
    assert.deepEqual(
      unreadable.map((s) => s.ref),
      ['DHCPServers/2'],
    );
    assert.equal(pairs[0].secondary.server.ref, 'DHCPServers/2');
  });

  it('reads servers on their own at most 4 at a time', async () => {
    const source = new FakeSource();
    source.servers = Array.from({ length: 12 }, (_, i) => server(i + 1));
    source.everything = ONE_BY_ONE;
    const cache = new InventoryCache(() => source);
    await cache.getAllPairs();
    assert.equal(source.calls.filter((call) => call.startsWith('relationships DHCPServers/')).length, 12);
    assert.equal(source.mostAtOnce, 4);
  });

  it('reads an expanded server at once, ahead of the background reads, and its queued read then asks nothing', async () => {
    const source = new FakeSource();
    source.servers = Array.from({ length: 40 }, (_, i) => server(i + 1));
    source.everything = ONE_BY_ONE;
    const cache = new InventoryCache(() => source);
    const servers = await cache.getServers();
    const counts = cache.relationshipCounts(servers);
    // Once the listing turned out to name no server, 40 reads queue, 4 at a time: expand the last one meanwhile.
    await eventually(() => source.calls.includes('relationships DHCPServers/1'));
    const expanded = cache.getPairs('DHCPServers/40');
    assert.equal(source.calls.at(-1), 'relationships DHCPServers/40', 'the expansion asks at once');
    await expanded;
    const readsBefore = source.calls.filter((call) => call.startsWith('relationships DHCPServers/')).length;
    assert.ok(readsBefore < 12, `the expansion did not wait for the queue (${readsBefore} reads by then)`);
    await Promise.all(counts);
    const reads = source.calls.filter((call) => call === 'relationships DHCPServers/40').length;
    assert.equal(reads, 1, 'its queued background read asks nothing');
    assert.equal(source.calls.filter((call) => call.startsWith('relationships DHCPServers/')).length, 40);
    assert.ok(source.mostAtOnce <= 5, 'background reads stay 4 at a time (the expansion beside them)');
  });

  it('tells when relationships are read one server at a time, and gives the ones read so far', async () => {
    const demo = new InventoryCache(() => new FakeSource());
    await demo.getAllPairs();
    assert.equal(await demo.readsRelationshipsOneByOne(), false, 'the listing names its servers');
    const source = new FakeSource();
    source.everything = ONE_BY_ONE;
    const cache = new InventoryCache(() => source);
    const servers = await cache.getServers();
    assert.deepEqual(cache.pairsReadSoFar(servers), [], 'nothing read yet');
    const every = cache.getAllPairs();
    assert.equal(await cache.readsRelationshipsOneByOne(), true);
    await every;
    assert.deepEqual(shown(cache.pairsReadSoFar(servers)), [['r', ['DHCPScopes/11'], ['DHCPScopes/21']]]);
  });

  it('counts each server’s relationships as its own records arrive, with the same requests as the whole listing', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    const servers = await cache.getServers();
    const counts = await Promise.all(cache.relationshipCounts(servers));
    assert.deepEqual(counts, [1, 1, 0, 0, 0, 0]);
    assert.deepEqual(source.calls, ['servers', 'relationships all', ...[3, 4, 5, 6].map((n) => `relationships DHCPServers/${n}`)]);
    await cache.getAllPairs();
    assert.equal(source.calls.length, 6, 'the counts filled the cache');
  });

  it('frees a read’s slot when there is no source to read from any more (disconnected meanwhile)', async () => {
    const source = new FakeSource();
    source.servers = Array.from({ length: 12 }, (_, i) => server(i + 1));
    source.everything = ONE_BY_ONE;
    let connected = true;
    const cache = new InventoryCache(() => {
      if (!connected) throw new Error('not connected');
      return source;
    });
    const servers = await cache.getServers();
    const counts = cache.relationshipCounts(servers);
    connected = false;
    const settled = await Promise.allSettled(counts);
    assert.ok(settled.every((count) => count.status === 'rejected'));
    connected = true;
    cache.clear();
    assert.equal((await Promise.all(cache.relationshipCounts(servers))).length, 12, 'later reads still run');
  });

  it('fills the partner’s side from what was read of it, without asking for it', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    assert.deepEqual(shown(await cache.getPairs('DHCPServers/1')), [['r', ['DHCPScopes/11'], []]]);
    await cache.getPairs('DHCPServers/2');
    assert.deepEqual(shown(await cache.getPairs('DHCPServers/1')), [['r', ['DHCPScopes/11'], ['DHCPScopes/21']]]);
    assert.deepEqual(source.calls, ['relationships DHCPServers/1', 'servers', 'relationships DHCPServers/2']);
  });

  it('tells whether Micetro reports failover states', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    assert.equal(cache.reportsStates, undefined);
    await cache.getAllPairs();
    assert.equal(cache.reportsStates, false, 'no record carried a state');
    source.relationships = source.relationships.map((record) => ({ ...record, state: 'Normal' }));
    cache.clear();
    await cache.getAllPairs();
    assert.equal(cache.reportsStates, true);
  });

  it('reads a server’s scopes once, and again only after that server was invalidated', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    await cache.getScopes('DHCPServers/1');
    await cache.getScopes('DHCPServers/1');
    await cache.getScopes('DHCPServers/2');
    cache.invalidateServers(['DHCPServers/1']);
    await cache.getScopes('DHCPServers/1');
    await cache.getScopes('DHCPServers/2');
    assert.deepEqual(source.calls, ['scopes dhcpServerRef="DHCPServers/1"', 'scopes dhcpServerRef="DHCPServers/2"', 'scopes dhcpServerRef="DHCPServers/1"']);
  });

  it('after a change on one server, re-reads its scopes alone and its relationships alone', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    await cache.getAllPairs();
    await cache.getAllScopes();
    source.calls.length = 0;
    cache.invalidateServers(['DHCPServers/2']);
    const { pairs } = await cache.getAllPairs();
    await cache.getAllScopes();
    assert.deepEqual(source.calls, ['servers', 'relationships DHCPServers/2', 'scopes dhcpServerRef="DHCPServers/2"']);
    assert.deepEqual(shown(pairs), [['r', ['DHCPScopes/11'], ['DHCPScopes/21']]]);
  });

  it('does not keep a failed load: the next read asks again', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    source.failing.add('DHCPServers/1');
    await assert.rejects(cache.getPairs('DHCPServers/1'), /down/);
    source.failing.clear();
    assert.equal((await cache.getPairs('DHCPServers/1')).length, 1);
    assert.equal(source.calls.filter((call) => call === 'relationships DHCPServers/1').length, 2);
  });

  it('fails the whole listing only when no server could be read', async () => {
    const source = new FakeSource();
    source.everything = () => [];
    for (const s of source.servers) source.failing.add(s.ref);
    const cache = new InventoryCache(() => source);
    await assert.rejects(cache.getAllPairs(), /down/);
  });
});

describe('buildScopeRows', () => {
  it('makes one row for both instances of a failover scope (primary first) and one per other instance', async () => {
    const source = new FakeSource();
    const cache = new InventoryCache(() => source);
    const rows = buildScopeRows(await cache.getServers(), (await cache.getAllPairs()).pairs, await cache.getAllScopes());
    assert.deepEqual(
      rows.map((row) => [row.id, row.instances.map((instance) => instance.scope.ref)]),
      [
        ['relationship:dhcp-1:dhcp-2:r/scope:Ranges%2F10.0.1.0%2F24', ['DHCPScopes/11', 'DHCPScopes/21']],
        ['scope:DHCPScopes%2F12', ['DHCPScopes/12']],
      ],
    );
    assert.equal(rows[0].instances[0].server.ref, rows[0].instances[0].relationship?.primary.server.ref, 'the primary’s instance first');
  });

  it('pairs a side nobody read by the IPAM ranges of the other side’s scopes (one record per relationship)', async () => {
    const source = new FakeSource();
    source.everything = () => [relationship('r', 'dhcp-1', 'dhcp-2', { dhcpScopeRefs: ['DHCPScopes/11'] })];
    const cache = new InventoryCache(() => source);
    const rows = buildScopeRows(await cache.getServers(), (await cache.getAllPairs()).pairs, await cache.getAllScopes());
    assert.deepEqual(
      rows.map((row) => [row.id, row.instances.map((instance) => instance.scope.ref)]),
      [
        ['relationship:dhcp-1:dhcp-2:r/scope:Ranges%2F10.0.1.0%2F24', ['DHCPScopes/11', 'DHCPScopes/21']],
        ['scope:DHCPScopes%2F12', ['DHCPScopes/12']],
      ],
    );
    assert.equal(source.calls.includes('relationships DHCPServers/2'), false, 'without reading the secondary');
  });

  it('joins the instances of a named scope by their network, and sorts rows by network', () => {
    const named = (ref: string, serverRef: string): DHCPScope => scope('London office', { ref, dhcpServerRef: serverRef, rangeRef: 'Ranges/10.0.9.0/24' });
    const rows = buildScopeRows(
      [server(1), server(2)],
      buildFailoverPairs([endpoint('DHCPServers/1', 'PrimaryServer', ['DHCPScopes/31']), endpoint('DHCPServers/2', 'SecondaryServer', ['DHCPScopes/32'])], [server(1), server(2)]),
      new Map([
        ['DHCPServers/1', [named('DHCPScopes/31', 'DHCPServers/1'), scope('10.0.10.0/24', { ref: 'DHCPScopes/33', dhcpServerRef: 'DHCPServers/1' })]],
        ['DHCPServers/2', [named('DHCPScopes/32', 'DHCPServers/2'), scope('10.0.2.0/24', { ref: 'DHCPScopes/34', dhcpServerRef: 'DHCPServers/2' })]],
      ]),
    );
    assert.deepEqual(
      rows.map((row) => [row.id, row.instances.map((instance) => instance.scope.ref)]),
      [
        ['scope:DHCPScopes%2F34', ['DHCPScopes/34']],
        ['relationship:dhcp-1:dhcp-2:r/scope:Ranges%2F10.0.9.0%2F24', ['DHCPScopes/31', 'DHCPScopes/32']],
        ['scope:DHCPScopes%2F33', ['DHCPScopes/33']],
      ],
    );
  });

  it('keeps apart two pairs whose relationships share a name and a network', () => {
    const side = (primary: number, secondary: number, perspective: number, ref: string) =>
      relationship('site-fo', `dhcp-${primary}`, `dhcp-${secondary}`, {
        dhcpServerRef: `DHCPServers/${perspective}`,
        failoverServerType: perspective === primary ? 'PrimaryServer' : 'SecondaryServer',
        dhcpScopeRefs: [ref],
      });
    const servers = [1, 2, 3, 4].map((n) => server(n));
    const rows = buildScopeRows(
      servers,
      buildFailoverPairs([side(1, 2, 1, 'DHCPScopes/41'), side(1, 2, 2, 'DHCPScopes/42'), side(3, 4, 3, 'DHCPScopes/43'), side(3, 4, 4, 'DHCPScopes/44')], servers),
      new Map(servers.map((s, i) => [s.ref, [scope('10.0.0.0/24', { ref: `DHCPScopes/${41 + i}`, dhcpServerRef: s.ref })]])),
    );
    assert.deepEqual(
      rows.map((row) => row.instances.map((instance) => instance.server.name)),
      [
        ['dhcp-1', 'dhcp-2'],
        ['dhcp-3', 'dhcp-4'],
      ],
    );
    assert.equal(new Set(rows.map((row) => row.id)).size, 2);
  });
});
