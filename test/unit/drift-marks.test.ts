// Check for Drift's marks: keyed by relationship (name and both servers) and network, so a refresh's new objects find
// them; stale once the listing shows the copy changed; a relationship's marks summed up; the end-of-check message.
import assert from 'node:assert/strict';
import {
  buildFailoverPairs,
  driftCheckSummary,
  DriftMarkStore,
  failoverScopeInstances,
  markKey,
  markStillHolds,
  markText,
  relationshipKey,
  relationshipMarkText,
  type DriftMark,
  type DriftResult,
  type FailoverPair,
} from '../../src/failover';
import { relationship, scope, server } from './fixtures';

const SERVERS = [server(1), server(2), server(3)];

function pair(name: string, primary = 'dhcp-1', secondary = 'dhcp-2'): FailoverPair {
  const [built] = buildFailoverPairs([relationship(name, primary, secondary, { dhcpServerRef: 'DHCPServers/1' })], SERVERS);
  return built;
}

const DRIFTED: DriftResult = {
  status: 'drifted',
  differences: [
    { kind: 'reservation', action: 'added', key: '10.0.1.40', after: 'x' },
    { kind: 'option', action: 'changed', key: '6', before: 'a', after: 'b' },
  ],
};

function mark(network: string, result: DriftResult, of = pair('fo')): DriftMark {
  return { pair: of, network, result, primary: scope(network), secondary: scope(network, { ref: `DHCPScopes/2-${network}`, dhcpServerRef: 'DHCPServers/2' }) };
}

describe('drift marks', () => {
  it('key a scope by its relationship and network, so a pair read again (a new object) finds its mark', () => {
    const store = new DriftMarkStore();
    store.set(mark('10.0.1.0/24', DRIFTED));
    assert.equal(store.get(pair('fo'), '10.0.1.0/24')?.result.status, 'drifted');
    assert.equal(store.get(pair('fo'), '10.0.2.0/24'), undefined);
    // The same name on other servers is another relationship.
    assert.equal(store.get(pair('fo', 'dhcp-1', 'dhcp-3'), '10.0.1.0/24'), undefined);
    assert.notEqual(relationshipKey(pair('fo')), relationshipKey(pair('fo', 'dhcp-1', 'dhcp-3')));
    assert.notEqual(markKey(pair('a/b'), 'c'), markKey(pair('a'), 'b/c'));
  });

  it('tell listeners which marks were set, dropped or cleared', () => {
    const store = new DriftMarkStore();
    const heard: string[][] = [];
    store.onDidChange((keys) => heard.push([...keys]));
    const one = mark('10.0.1.0/24', DRIFTED);
    store.set(one);
    store.delete([one, mark('10.0.9.0/24', DRIFTED)]);
    store.delete([one]);
    store.set(one);
    store.clear();
    const key = markKey(one.pair, one.network);
    assert.deepEqual(heard, [[key], [key], [key], [key]]);
    assert.equal(store.size, 0);
  });

  it('hold while the copy is listed unchanged, not once it is renamed, disabled or another instance', () => {
    const one = mark('10.0.1.0/24', DRIFTED);
    assert.ok(markStillHolds(one, scope('10.0.1.0/24')));
    assert.ok(markStillHolds(one, scope('10.0.1.0/24', { ref: 'DHCPScopes/2-10.0.1.0/24', available: 3 })), 'free addresses are not configuration');
    assert.ok(!markStillHolds(one, scope('10.0.1.0/24', { description: 'renamed' })));
    assert.ok(!markStillHolds(one, scope('10.0.1.0/24', { enabled: false })));
    assert.ok(!markStillHolds(one, scope('10.0.1.0/24', { ref: 'DHCPScopes/99' })));
  });

  it('say what a scope is in a few words, and sum a relationship up', () => {
    const drifted = mark('10.0.1.0/24', DRIFTED);
    const inSync = mark('10.0.2.0/24', { status: 'inSync' });
    const onlyPrimary = mark('10.0.3.0/24', { status: 'missing', missingOn: 'secondary' });
    const failed = mark('10.0.4.0/24', { status: 'failed', message: 'timeout' });
    assert.equal(markText(drifted), 'drifted: 2 differences: 1 reservation, 1 option');
    assert.equal(markText(inSync), 'in sync');
    assert.equal(markText(onlyPrimary), 'only on dhcp-1');
    assert.equal(markText(mark('10.0.3.0/24', { status: 'missing', missingOn: 'primary' })), 'only on dhcp-2');
    assert.equal(relationshipMarkText([drifted, inSync, inSync]), '1 of 3 scopes drifted');
    assert.equal(relationshipMarkText([drifted, onlyPrimary, inSync]), '2 of 3 scopes drifted');
    assert.equal(relationshipMarkText([inSync, inSync]), '2 scopes in sync');
    assert.equal(relationshipMarkText([inSync, failed]), '1 scope in sync, 1 scope not read');
    assert.equal(relationshipMarkText([]), '');
  });

  it('end a check with its counts and requests, and say when it was cancelled', () => {
    const results: Array<DriftResult | undefined> = [DRIFTED, ...Array.from({ length: 11 }, (): DriftResult => ({ status: 'inSync' }))];
    assert.equal(
      driftCheckSummary({ scopes: 12, relationships: 3, results, copiesRead: 24, cancelled: false }),
      'Checked 12 scopes of 3 relationships: 1 drifted, 11 in sync; 96 requests',
    );
    assert.equal(
      driftCheckSummary({ scopes: 12, relationships: 1, results: [DRIFTED, undefined, { status: 'missing', missingOn: 'primary' }], copiesRead: 2, cancelled: true }),
      'Cancelled after checking 2 of 12 scopes of 1 relationship: 1 drifted, 1 only on one server; 8 requests',
    );
    assert.equal(
      driftCheckSummary({ scopes: 0, relationships: 0, results: [], copiesRead: 0, cancelled: false, unlisted: ['fo-a', 'fo-b'] }),
      'Checked 0 scopes of 0 relationships; 0 requests. Could not list the scopes of fo-a, fo-b (see the log)',
    );
  });
});

describe('the copies a check reads', () => {
  it('are found when Micetro names a relationship’s scopes by network rather than by id', () => {
    const [named] = buildFailoverPairs(
      [
        relationship('fo', 'dhcp-1', 'dhcp-2', { dhcpServerRef: 'DHCPServers/1', dhcpScopeRefs: ['DHCPScopes/10.0.1.0/24'] }),
        relationship('fo', 'dhcp-1', 'dhcp-2', { dhcpServerRef: 'DHCPServers/2', failoverServerType: 'SecondaryServer', dhcpScopeRefs: ['DHCPScopes/10.0.1.0/24'] }),
      ],
      SERVERS,
    );
    const onPrimary = [scope('10.0.1.0/24', { ref: 'DHCPScopes/1' }), scope('10.0.2.0/24', { ref: 'DHCPScopes/2' })];
    const onSecondary = [scope('10.0.1.0/24', { ref: 'DHCPScopes/11', dhcpServerRef: 'DHCPServers/2' })];
    const instances = failoverScopeInstances(named, onPrimary, onSecondary);
    assert.deepEqual(
      instances.map((instance) => [instance.network, instance.primary?.ref, instance.secondary?.ref]),
      [['10.0.1.0/24', 'DHCPScopes/1', 'DHCPScopes/11']],
    );
  });
});
