// The Create Scope form model in plain Node: validation as typed, the pool following the network, the relationship
// choices (primary only, state gates), and exactly what is created.
import assert from 'node:assert/strict';
import type { DHCPFailoverRelationship, DHCPScope, IPAMRange } from '../../src/api/types';
import {
  createScopeBlockers,
  createScopeIssues,
  createScopeSetup,
  initialCreateScopeState,
  isScopeReady,
  knownRanges,
  rangeListNote,
  rangeSuggestions,
  scopeServerContext,
  addressBlocksToSend,
  scopeToSend,
  updateScopeValues,
  type CreateScopeState,
} from '../../src/wizards/createScopeForm';
import { relationship, scope, server } from './fixtures';

const servers = [server(1, { name: 'dhcp-a' }), server(2, { name: 'dhcp-b' }), server(3, { name: 'isc-1', type: 'ISC' })];

/** Relationship `name` seen from dhcp-a in `role`, in `state`; Empty has no scopes. */
function rel(name: string, state: string | undefined, role: DHCPFailoverRelationship['failoverServerType'] = 'PrimaryServer'): DHCPFailoverRelationship {
  const [primary, secondary] = role === 'PrimaryServer' ? ['dhcp-a', 'dhcp-b'] : ['dhcp-b', 'dhcp-a'];
  return relationship(name, primary, secondary, { failoverServerType: role, dhcpScopeRefs: state === 'Empty' ? [] : ['DHCPScopes/9'], state });
}

const context = scopeServerContext(
  'DHCPServers/1',
  [scope('10.1.0.0/24'), scope('10.2.0.0/16')],
  [rel('a-normal', 'Normal'), rel('a-empty', 'Empty'), rel('a-interrupted', 'CommunicationInterrupted'), rel('b-primary', 'Normal', 'SecondaryServer')],
);

function typed(patch: Parameters<typeof updateScopeValues>[1], state: CreateScopeState = initialCreateScopeState(createScopeSetup(servers, 'DHCPServers/1'))) {
  return updateScopeValues(state, patch);
}

describe('wizard model: create scope', () => {
  it('offers only Microsoft DHCP servers and starts on the server it was opened from', () => {
    const setup = createScopeSetup(servers, 'DHCPServers/1', 'a-normal');
    assert.deepEqual(setup.servers.map((server) => server.name), ['dhcp-a', 'dhcp-b']);
    const state = initialCreateScopeState(setup);
    assert.equal(state.values.serverRef, 'DHCPServers/1');
    assert.equal(state.values.relationshipName, 'a-normal');
    assert.equal(initialCreateScopeState(createScopeSetup(servers)).values.serverRef, '');
  });

  it('lists only relationships the server is primary of, with their state; not-Normal ones are not selectable', () => {
    assert.deepEqual(context.relationships, [
      { name: 'a-empty', partner: 'dhcp-b', stateLabel: 'Empty' },
      {
        name: 'a-interrupted',
        partner: 'dhcp-b',
        stateLabel: 'Communication interrupted',
        disabledReason: 'Scopes can be added only while the relationship is Normal; it is Communication interrupted.',
      },
      { name: 'a-normal', partner: 'dhcp-b', stateLabel: 'Normal' },
    ]);
    const realMicetro = scopeServerContext('DHCPServers/1', [], [rel('no-state', undefined)]);
    assert.equal(realMicetro.relationships[0].disabledReason, undefined, 'a real Micetro sends no state: allowed');
  });

  it('fills the pool from the network until the user edits it', () => {
    let state = typed({ network: '10.5.0.0/24' });
    assert.deepEqual([state.values.poolFrom, state.values.poolTo], ['10.5.0.1', '10.5.0.254']);
    state = typed({ network: '10.5.0.0/23' }, state);
    assert.deepEqual([state.values.poolFrom, state.values.poolTo], ['10.5.0.1', '10.5.1.254']);
    state = typed({ poolFrom: '10.5.0.50' }, state);
    state = typed({ network: '10.6.0.0/24' }, state);
    assert.equal(state.values.poolFrom, '10.5.0.50', 'a hand-edited pool is left alone');
    assert.match(createScopeIssues(state.values, context).poolFrom ?? '', /must start inside 10\.6\.0\.0\/24/);
  });

  it('validates as typed: CIDR form, overlap with the server’s scopes, start ≤ end, exclusions inside the pool', () => {
    assert.match(createScopeIssues(typed({ network: '10.5.0.0' }).values, context).network ?? '', /CIDR form/);
    assert.match(createScopeIssues(typed({ network: '10.2.3.0/24' }).values, context).network ?? '', /overlaps the scope 10\.2\.0\.0\/16/);
    assert.match(createScopeIssues(typed({ network: '10.5.0.0/24', poolFrom: '10.5.0.200', poolTo: '10.5.0.100' }).values, context).poolTo ?? '', /must not come before/);
    const exclusions = typed({ network: '10.5.0.0/24', exclusions: [{ from: '10.5.0.10', to: '10.5.0.20' }, { from: '10.5.1.1', to: '10.5.1.2' }, { from: 'x', to: '' }] });
    assert.match(createScopeIssues(exclusions.values, context).exclusions ?? '', /Exclusion 2: must lie inside the address pool/);
    assert.match(createScopeIssues(typed({ network: '10.5.0.0/24', exclusions: [{ from: 'x', to: '' }] }).values, context).exclusions ?? '', /Exclusion 1: enter two IPv4 addresses/);
    assert.deepEqual(createScopeIssues(typed({ network: '10.5.0.0/24' }).values, context), {});
  });

  it('is ready only when the chosen server’s scopes are loaded and every rule passes', () => {
    const state = typed({ network: '10.5.0.0/24' });
    assert.equal(isScopeReady(state.values, undefined), false, 'the overlap rule has not run yet');
    assert.equal(isScopeReady(state.values, { ...context, serverRef: 'DHCPServers/2' }), false, 'data of another server');
    assert.equal(isScopeReady(state.values, context), true);
    assert.equal(isScopeReady(typed({ serverRef: '' }, state).values, context), false);
    assert.equal(createScopeIssues(typed({ serverRef: '' }, state).values, context).serverRef, 'Choose the DHCP server the scope is created on.');
  });

  it('refuses a relationship that cannot take scopes now or that this server is not primary of', () => {
    assert.match(createScopeIssues(typed({ network: '10.5.0.0/24', relationshipName: 'a-interrupted' }).values, context).relationshipName ?? '', /only while the relationship is Normal/);
    assert.match(createScopeIssues(typed({ network: '10.5.0.0/24', relationshipName: 'b-primary' }).values, context).relationshipName ?? '', /not the primary of a relationship named "b-primary"/);
    assert.equal(createScopeIssues(typed({ network: '10.5.0.0/24', relationshipName: 'a-empty' }).values, context).relationshipName, undefined);
  });

  it('says why Create cannot run: every field, touched or not, and the server data still loading', () => {
    const empty = initialCreateScopeState(createScopeSetup(servers, 'DHCPServers/1'));
    assert.deepEqual(createScopeBlockers(empty.values, context), [
      'Enter an IPv4 network in CIDR form, e.g. 10.1.20.0/24.',
      'Enter the first address of the pool, e.g. 10.1.20.10.',
      'Enter the last address of the pool, e.g. 10.1.20.200.',
    ]);
    const typedIn = typed({ network: '10.5.0.0/24' });
    assert.deepEqual(createScopeBlockers(typedIn.values, context), []);
    assert.deepEqual(createScopeBlockers(typedIn.values, undefined), ["Wait until this server's scopes and relationships are read (the overlap check needs them)."]);
    assert.deepEqual(createScopeBlockers(typed({ serverRef: '' }, typedIn).values, undefined), ['Choose the DHCP server the scope is created on.']);
  });

  it('clears the relationship when the server changes', () => {
    const state = typed({ relationshipName: 'a-normal' });
    assert.equal(typed({ serverRef: 'DHCPServers/2' }, state).values.relationshipName, '');
  });

  it('creates exactly the scope typed, named by its canonical network', () => {
    const state = typed({ network: ' 10.5.0.7/24 ', description: ' Lab ', exclusions: [{ from: ' 10.5.0.10', to: '10.5.0.20 ' }] });
    assert.deepEqual(scopeToSend(state.values, 'Ranges/17'), {
      name: '10.5.0.0/24',
      rangeRef: 'Ranges/17',
      dhcpServerRef: 'DHCPServers/1',
      description: 'Lab',
      enabled: true,
    });
    assert.deepEqual(addressBlocksToSend(state.values), {
      pool: { from: '10.5.0.1', to: '10.5.0.254' },
      exclusions: [{ from: '10.5.0.10', to: '10.5.0.20' }],
    });
    assert.deepEqual(state.touched.sort(), ['exclusions', 'network']);
  });

  it('takes an optional free-text name: checked as typed, sent as the name with the network as range', () => {
    const state = typed({ network: '10.5.0.0/24', name: '  London office ' });
    assert.deepEqual(createScopeIssues(state.values, context), {});
    assert.deepEqual(state.touched.sort(), ['name', 'network']);
    const sent = scopeToSend(state.values, 'Ranges/17');
    assert.deepEqual([sent.name, sent.rangeRef], ['London office', 'Ranges/17']);
    assert.equal(scopeToSend(typed({ network: '10.5.0.0/24', name: '   ' }).values, 'Ranges/17').name, '10.5.0.0/24', 'blank = named by the network');
    assert.match(createScopeIssues(typed({ network: '10.5.0.0/24', name: 'x'.repeat(256) }).values, context).name ?? '', /at most 255/);
    assert.equal(createScopeIssues(typed({ network: '10.5.0.0/24', name: 'x'.repeat(255) }).values, context).name, undefined);
    assert.match(createScopeIssues(typed({ network: '10.5.0.0/24', name: 'London\toffice' }).values, context).name ?? '', /control characters/);
    assert.match(createScopeIssues(typed({ network: '10.5.0.0/24', name: '10.6.0.0/24' }).values, context).name ?? '', /another network than 10\.5\.0\.0\/24/);
    assert.equal(createScopeIssues(typed({ network: '10.5.0.0/24', name: '10.5.0.0/24' }).values, context).name, undefined);
    assert.equal(isScopeReady(typed({ network: '10.5.0.0/24', name: 'a\nb' }).values, context), false);
    assert.deepEqual(createScopeBlockers(typed({ network: '10.5.0.0/24', name: 'a\nb' }).values, context), ['Remove the control characters (tabs, line breaks…) from the scope name.']);
  });

  it('checks overlaps against existing scopes by their range, also when they carry a free-text name', () => {
    const office: DHCPScope = { ...scope('10.3.0.0/16'), name: 'Office', ref: 'DHCPScopes/7' };
    const legacy: DHCPScope = { ...scope('10.4.0.0/24'), rangeRef: 'Ranges/12' };
    const withNames = scopeServerContext('DHCPServers/1', [office, legacy, { ...scope('x'), name: 'Lab', rangeRef: 'Ranges/13' }], []);
    assert.deepEqual(withNames.existingNetworks, ['10.3.0.0/16', '10.4.0.0/24'], 'a scope with neither a CIDR range nor a CIDR name has no known network');
    assert.match(createScopeIssues(typed({ network: '10.3.4.0/24' }).values, withNames).network ?? '', /overlaps the scope 10\.3\.0\.0\/16/);
    assert.match(createScopeIssues(typed({ network: '10.4.0.0/25' }).values, withNames).network ?? '', /overlaps the scope 10\.4\.0\.0\/24/);
  });

  describe('existing IPAM ranges', () => {
    const range = (name: string): IPAMRange => ({ ref: `Ranges/${name}`, name, from: '', to: '', subnet: true });
    const complete = knownRanges({ items: [range('10.6.0.0/24'), range('10.1.0.0/24'), range('10.5.0.0/24')], totalResults: 3 });

    it('offers the ranges the server has no scope in, in address order', () => {
      assert.deepEqual(rangeSuggestions(complete, context), ['10.5.0.0/24', '10.6.0.0/24'], '10.1.0.0/24 has a scope on this server');
      assert.deepEqual(rangeSuggestions(undefined, context), []);
    });

    it('a picked range fills the network and, while the pool is not edited, the pool', () => {
      const picked = typed({ network: rangeSuggestions(complete, context)[0] });
      assert.deepEqual([picked.values.network, picked.values.poolFrom, picked.values.poolTo], ['10.5.0.0/24', '10.5.0.1', '10.5.0.254']);
      const edited = typed({ network: '10.6.0.0/24' }, typed({ poolFrom: '10.5.0.50' }));
      assert.deepEqual([edited.values.network, edited.values.poolFrom], ['10.6.0.0/24', '10.5.0.50'], 'an edited pool is kept');
    });

    it('says beside the network that Micetro has no range for it, only when every range was read', () => {
      const missing = typed({ network: '10.9.0.0/24' }).values;
      assert.equal(createScopeIssues(missing, context, complete).network, 'No IPAM range 10.9.0.0/24 in Micetro: tick Create the range, or pick one.');
      assert.equal(isScopeReady(missing, context, complete), false);
      assert.equal(createScopeIssues({ ...missing, createRange: true }, context, complete).network, undefined, 'asked to create it');
      assert.equal(createScopeIssues(typed({ network: '10.5.0.0/24' }).values, context, complete).network, undefined);
      const cut = knownRanges({ items: [range('10.5.0.0/24')], totalResults: 800 });
      assert.equal(createScopeIssues(missing, context, cut).network, undefined, 'a cut list cannot tell; Create checks the range');
      assert.equal(isScopeReady(missing, context, cut), true);
    });

    it('says when the list is not every range', () => {
      assert.equal(rangeListNote(complete), undefined);
      assert.equal(rangeListNote(knownRanges({ items: [], totalResults: 800 })), 'Showing the first 500 ranges; type any other network.');
      assert.match(rangeListNote(undefined) ?? '', /Could not read the IPAM ranges/);
    });
  });
});
