// Remove Failover Relationship with documented commands only, against scripted answers: the scopes leave first
// (with the chosen action, on the server that keeps them), then the Empty relationship goes without a deconfigure
// parameter, then the other server is read back, so a Micetro that ignored the action cannot leave two enabled
// copies unnoticed. A failure between the steps says what exists now and how to finish.
import assert from 'node:assert/strict';
import type { DHCPScope } from '../../src/api/types';
import { buildFailoverPairs } from '../../src/failover';
import { removeFailoverPair, type RemovalClient } from '../../src/ui/commands/relationshipRemoval';
import { relationship, scope, server } from './fixtures';

const A = server(1, { name: 'dhcp-a' });
const B = server(2, { name: 'dhcp-b' });
const onA = relationship('site-fo', 'dhcp-a', 'dhcp-b', { dhcpServerRef: A.ref, primaryServerRef: A.ref, secondaryServerRef: B.ref, dhcpScopeRefs: ['DHCPScopes/a1'] });
const onB = { ...onA, failoverServerType: 'SecondaryServer' as const, dhcpServerRef: B.ref, dhcpScopeRefs: ['DHCPScopes/b1'] };
const [pair] = buildFailoverPairs([onA, onB], [A, B]);

/** A client whose answers the test sets; every call is recorded with its arguments. */
function scripted(answers: { fresh?: string[]; scopes?: DHCPScope[]; failRemoveRelationship?: boolean; failRead?: boolean } = {}) {
  const calls: Array<[string, ...unknown[]]> = [];
  const client: RemovalClient = {
    getDHCPFailoverRelationship: async (serverRef, name) => {
      calls.push(['getDHCPFailoverRelationship', serverRef, name]);
      if (answers.failRead) throw new Error('no access');
      return { ...(serverRef === A.ref ? onA : onB), dhcpScopeRefs: answers.fresh ?? (serverRef === A.ref ? ['DHCPScopes/a1'] : ['DHCPScopes/b1']) };
    },
    removeScopesFromFailoverRelationship: async (...args) => void calls.push(['removeScopesFromFailoverRelationship', ...args]),
    removeDHCPFailoverRelationships: async (...args) => {
      calls.push(['removeDHCPFailoverRelationships', ...args]);
      if (answers.failRemoveRelationship) throw new Error('ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST');
    },
    getDHCPScopes: async (options = {}) => {
      calls.push(['getDHCPScopes', options.filter]);
      const ref = options.filter?.replace(/^dhcpServerRef="(.*)"$/, '$1');
      return (answers.scopes ?? []).filter((s) => s.dhcpServerRef === ref);
    },
  };
  return { client, calls };
}

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));
const keptOnA = scope('10.0.1.0/24', { ref: 'DHCPScopes/a1', dhcpServerRef: A.ref });

describe('Remove Failover Relationship', () => {
  it('removes the keeper’s fresh scope refs with the action first, then the relationship without a deconfigure parameter', async () => {
    const { client, calls } = scripted({ fresh: ['DHCPScopes/a1', 'DHCPScopes/a2'], scopes: [keptOnA] });
    const outcome = await removeFailoverPair(client, { pair, keeper: pair.primary, action: 'Disable' }, describeError);
    assert.deepEqual(calls.slice(0, 3), [
      ['getDHCPFailoverRelationship', A.ref, 'site-fo'],
      ['removeScopesFromFailoverRelationship', A.ref, 'site-fo', ['DHCPScopes/a1', 'DHCPScopes/a2'], 'Disable'],
      ['removeDHCPFailoverRelationships', [{ dhcpServerRef: A.ref, dhcpFailoverRelationshipName: 'site-fo' }]],
    ]);
    assert.deepEqual(outcome.enabledCopies, []);
  });

  it('keeps the scopes on the secondary when it is chosen, with its own instance refs', async () => {
    const { client, calls } = scripted();
    await removeFailoverPair(client, { pair, keeper: pair.secondary, action: 'Delete' }, describeError);
    assert.deepEqual(calls[1], ['removeScopesFromFailoverRelationship', B.ref, 'site-fo', ['DHCPScopes/b1'], 'Delete']);
  });

  it('finds enabled copies left on the other server (a Micetro that ignored the action) by ref, range or network', async () => {
    const copy = scope('10.0.1.0/24', { ref: 'DHCPScopes/b1', dhcpServerRef: B.ref });
    const sameRange = scope('Office', { ref: 'DHCPScopes/b9', dhcpServerRef: B.ref, rangeRef: keptOnA.rangeRef });
    const disabled = scope('10.0.1.0/24', { ref: 'DHCPScopes/b2', dhcpServerRef: B.ref, enabled: false });
    const unrelated = scope('10.0.7.0/24', { ref: 'DHCPScopes/b7', dhcpServerRef: B.ref });
    const { client } = scripted({ scopes: [keptOnA, copy, sameRange, disabled, unrelated] });
    const outcome = await removeFailoverPair(client, { pair, keeper: pair.primary, action: 'Disable' }, describeError);
    assert.deepEqual(
      outcome.enabledCopies?.map((s) => s.ref),
      ['DHCPScopes/b1', 'DHCPScopes/b9'],
    );
  });

  it('says what exists and how to finish when the relationship cannot be removed after its scopes left', async () => {
    const { client } = scripted({ failRemoveRelationship: true });
    await assert.rejects(
      removeFailoverPair(client, { pair, keeper: pair.primary, action: 'Disable' }, describeError),
      new Error(
        'The scopes were removed from site-fo and disabled on dhcp-b, but the relationship itself could not be removed: ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST. Run Remove Failover Relationship again to finish.',
      ),
    );
  });

  it('changes nothing when the keeper’s record cannot be read', async () => {
    const { client, calls } = scripted({ failRead: true });
    await assert.rejects(removeFailoverPair(client, { pair, keeper: pair.primary, action: 'Delete' }, describeError), /Nothing was changed: .*no access/);
    assert.deepEqual(
      calls.map(([name]) => name),
      ['getDHCPFailoverRelationship'],
    );
  });

  it('removes an Empty relationship with one call', async () => {
    const [empty] = buildFailoverPairs([{ ...onA, dhcpScopeRefs: [] }], [A, B]);
    const { client, calls } = scripted();
    assert.deepEqual(await removeFailoverPair(client, { pair: empty, keeper: empty.primary }, describeError), { enabledCopies: [] });
    assert.deepEqual(calls, [['removeDHCPFailoverRelationships', [{ dhcpServerRef: A.ref, dhcpFailoverRelationshipName: 'site-fo' }]]]);
  });
});
