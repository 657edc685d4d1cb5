// The failover pair built from every listing shape Micetro may return: both perspectives, one record per
// relationship without dhcpServerRef, only one side readable, 8.1 records that name the servers only by name.
import assert from 'node:assert/strict';
import { buildFailoverPairs, otherSide, pairScopeCount, readOnlyReason, sideOn, type FailoverPair } from '../../src/failover';
import { relationship, server } from './fixtures';

const A = server(1, { name: 'dhcp-a' });
const B = server(2, { name: 'dhcp-b' });
const ISC = server(3, { name: 'isc-1', type: 'ISC' });
const SERVERS = [A, B, ISC];

const onA = relationship('a-b', 'dhcp-a', 'dhcp-b', {
  primaryServerRef: A.ref,
  secondaryServerRef: B.ref,
  dhcpServerRef: A.ref,
  dhcpScopeRefs: ['DHCPScopes/a1'],
  state: 'Normal',
  percentage: 70,
  enableAuth: true,
});
const onB = { ...onA, failoverServerType: 'SecondaryServer' as const, dhcpServerRef: B.ref, dhcpScopeRefs: ['DHCPScopes/b1'], state: 'CommunicationInterrupted' };

const sides = (pair: FailoverPair) => ({
  primary: [pair.primary.server.ref, pair.primary.state, pair.primary.scopeRefs],
  secondary: [pair.secondary.server.ref, pair.secondary.state, pair.secondary.scopeRefs],
});

describe('failover pairs', () => {
  it('joins both perspectives into one pair, each side with its own state and instance refs', () => {
    const pairs = buildFailoverPairs([onB, onA], SERVERS);
    assert.equal(pairs.length, 1);
    assert.deepEqual(sides(pairs[0]), {
      primary: [A.ref, 'Normal', ['DHCPScopes/a1']],
      secondary: [B.ref, 'CommunicationInterrupted', ['DHCPScopes/b1']],
    });
    assert.equal(pairs[0].percentage, 70);
    assert.equal(pairs[0].enableAuth, true);
  });

  it('reads one record per relationship without dhcpServerRef as the side its role names', () => {
    const single = relationship('a-b', 'dhcp-a', 'dhcp-b', { primaryServerRef: A.ref, secondaryServerRef: B.ref, dhcpScopeRefs: ['DHCPScopes/a1'] });
    const [pair] = buildFailoverPairs([single], SERVERS);
    assert.deepEqual(sides(pair), { primary: [A.ref, undefined, ['DHCPScopes/a1']], secondary: [B.ref, undefined, []] });
    assert.equal(pairScopeCount(pair), 1);
  });

  it('builds the pair from the secondary alone when the primary cannot be read', () => {
    const [pair] = buildFailoverPairs([onB], SERVERS);
    assert.deepEqual(sides(pair), { primary: [A.ref, undefined, []], secondary: [B.ref, 'CommunicationInterrupted', ['DHCPScopes/b1']] });
    assert.equal(otherSide(pair, pair.secondary), pair.primary);
    assert.equal(sideOn(pair, B.ref), pair.secondary);
    assert.equal(sideOn(pair, ISC.ref), undefined);
  });

  it('resolves 8.1 records (no primaryServerRef / secondaryServerRef) by server name', () => {
    const old = relationship('a-b', 'DHCP-A', 'dhcp-b', { dhcpServerRef: B.ref, failoverServerType: 'SecondaryServer', dhcpScopeRefs: ['DHCPScopes/b1'] });
    const [pair] = buildFailoverPairs([old], SERVERS);
    assert.equal(pair.primary.server, A, 'names match as Micetro spells them, case aside');
    assert.equal(pair.secondary.server, B);
    assert.deepEqual(pair.secondary.scopeRefs, ['DHCPScopes/b1']);
  });

  it('keeps a relationship whose partner Micetro does not list, read-only', () => {
    const [pair] = buildFailoverPairs([relationship('a-x', 'dhcp-a', 'dhcp-hidden', { dhcpServerRef: A.ref })], SERVERS);
    assert.equal(pair.secondary.server.name, 'dhcp-hidden');
    assert.equal(pair.secondary.server.type, 'Unknown');
    assert.match(readOnlyReason(pair) ?? '', /dhcp-hidden/);
  });

  it('says why an ISC relationship is read-only, and a Microsoft–Microsoft one is not', () => {
    const [isc] = buildFailoverPairs([relationship('isc-fo', 'isc-1', 'dhcp-b', { dhcpServerRef: ISC.ref })], SERVERS);
    assert.equal(readOnlyReason(isc), 'Read-only: isc-1 (ISC) is not a Microsoft DHCP server; this extension changes only Microsoft–Microsoft failover relationships.');
    assert.equal(readOnlyReason(buildFailoverPairs([onA], SERVERS)[0]), undefined);
  });

  it('keeps apart two relationships with one name on other servers', () => {
    const pairs = buildFailoverPairs([onA, relationship('a-b', 'dhcp-b', 'isc-1', { dhcpServerRef: B.ref })], SERVERS);
    assert.equal(pairs.length, 2);
  });
});
