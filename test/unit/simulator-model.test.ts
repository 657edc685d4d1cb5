// The simulated Micetro's commands on the model directly: success paths and each documented error.
import assert from 'node:assert/strict';
import type { DHCPFailoverRelationship } from '../../src/api/types';
import { SimulatedClock, SimulatorModel } from '../../src/simulator/model';
import type { DataFile } from '../../src/simulator/model/records';
import { SIMULATOR_COMMANDS } from '../../src/simulator/model/simulatorModel';
import { SimulatorError } from '../../src/simulator/simulatorError';
import { createScopeIn } from './fixtures/modelScopes';

const START = Date.UTC(2025, 0, 1);

/** dhcp-a, dhcp-b, dhcp-c (Microsoft), isc-d (ISC); scopes 10.0.1–4.0/24 on a, 10.0.9.0/24 on b. */
function fixture(): SimulatorModel {
  const model = SimulatorModel.empty(new SimulatedClock({ start: START, speed: 0 }));
  const names: Array<[string, 'MSDHCP' | 'ISC']> = [['dhcp-a', 'MSDHCP'], ['dhcp-b', 'MSDHCP'], ['dhcp-c', 'MSDHCP'], ['isc-d', 'ISC']];
  for (const [name, type] of names) {
    model.inventory.addServer({ id: model.inventory.newServerId(), name, address: '192.0.2.1', type, state: 'OK', enabled: true });
  }
  for (let i = 1; i <= 4; i++) createScopeIn(model, { name: `10.0.${i}.0/24`, dhcpServerRef: 'DHCPServers/1', description: `scope ${i}` });
  createScopeIn(model, { name: '10.0.9.0/24', dhcpServerRef: 'DHCPServers/2' });
  return model;
}

/** A copy of a data file as loading it reads it back: plain JSON that a test may spoil. */
function readBack(data: DataFile): DataFile {
  return JSON.parse(JSON.stringify(data)) as DataFile;
}

const A = 'DHCPServers/1';
const B = 'DHCPServers/2';

function rel(name: string, extra: Partial<DHCPFailoverRelationship> & { dhcpScopeRefs?: string[] } = {}) {
  return { dhcpFailoverRelationship: { name, primaryServer: 'dhcp-a', secondaryServer: 'dhcp-b', failoverMode: 'LoadBalance', ...extra } };
}

function add(model: SimulatorModel, name: string, extra: Parameters<typeof rel>[1] = {}) {
  return model.execute('AddDHCPFailoverRelationship', rel(name, extra));
}

function get(model: SimulatorModel, server: string, name: string): DHCPFailoverRelationship {
  return (model.execute('GetDHCPFailoverRelationship', { dhcpServerRef: server, dhcpFailoverRelationshipName: name }) as { dhcpFailoverRelationship: DHCPFailoverRelationship }).dhcpFailoverRelationship;
}

/** Asserts `run` fails with a SimulatorError of this code (and status, and message text). */
function fails(run: () => unknown, code: number, status = 400, text?: RegExp): SimulatorError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof SimulatorError, `expected a SimulatorError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.status, status, error.message);
    if (text) assert.match(error.message, text);
    return error;
  }
  assert.fail('expected the call to fail');
}

function toNormal(model: SimulatorModel) {
  model.execute('SimAdvanceClock', { seconds: 60 });
}

/** A pool or exclusion listing of a scope, for the scripted run. */
function ipam(model: SimulatorModel, command: 'GetDHCPAddressPools' | 'GetDHCPExclusions', dhcpScopeRef: string) {
  return model.execute(command, { dhcpScopeRef }) as { dhcpAddressPools: Array<{ ref: string }>; dhcpExclusions: Array<{ ref: string }> };
}

describe('simulator model: commands', () => {
  describe('unknown commands', () => {
    for (const name of ['AdsdDHCPScopesFromDHCPFailoverRelationship', 'RemoveDHCPFailoverRelationship', 'Nope', 'toString', '__proto__']) {
      it(`rejects ${name}`, () => {
        fails(() => fixture().execute(name, {}), -32601, 404, new RegExp(`Unknown method: ${name}`));
      });
    }
    it('rejects parameters that are not an object', () => {
      fails(() => fixture().execute('GetDHCPFailoverRelationships', [] as unknown as Record<string, unknown>), 87);
    });
    it('marks exactly the commands that change what it stores as mutating (a scripted run of every command)', () => {
      // Each step succeeds from the state the previous ones left; the relationship "ab" goes Empty → Normal →
      // CommunicationInterrupted → PartnerDown → Normal and is removed at the end.
      const model = fixture();
      const relationship = { dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab' };
      // The optional third entry prepares a step outside the commands (through REST).
      const lab = 'DHCPScopes/10.0.50.0/24';
      const refs: Record<string, Record<string, unknown>> = { pool: {}, exclusion: {}, reservation: {}, setProperties: {}, remove: {} };
      const script: Array<[string, Record<string, unknown>, (() => void)?]> = [
        ['GetDHCPFailoverRelationships', {}],
        ['AddRange', { range: { name: '10.0.50.0/24', subnet: true } }],
        ['GetRanges', { filter: 'name="10.0.50.0/24"', offset: 0, limit: 10 }],
        ['GetRange', { rangeRef: 'Ranges/10.0.50.0/24' }],
        ['AddDHCPAddressPool', { dhcpAddressPool: { from: '10.0.50.10', to: '10.0.50.200', dhcpScopeRef: lab } }, () => model.createScope({ name: '10.0.50.0/24', dhcpServerRef: A })],
        ['GetDHCPAddressPools', { dhcpScopeRef: lab }],
        ['GetDHCPAddressPool', refs.pool, () => (refs.pool.dhcpAddressPoolRef = ipam(model, 'GetDHCPAddressPools', lab).dhcpAddressPools[0].ref)],
        ['AddDHCPExclusion', { dhcpExclusion: { from: '10.0.50.10', to: '10.0.50.19', dhcpScopeRef: lab } }],
        ['GetDHCPExclusions', { dhcpScopeRef: lab }],
        ['GetDHCPExclusion', refs.exclusion, () => (refs.exclusion.dhcpExclusionRef = ipam(model, 'GetDHCPExclusions', lab).dhcpExclusions[0].ref)],
        ['GetDHCPReservation', refs.reservation, () => (refs.reservation.dhcpReservationRef = model.addReservation(lab, { name: 'p', clientIdentifier: '00-15-5d-00-00-50', addresses: ['10.0.50.40'] }))],
        ['SetProperties', refs.setProperties, () => Object.assign(refs.setProperties, { ref: refs.reservation.dhcpReservationRef, properties: [{ name: 'description', value: 'moved' }] })],
        ['GetIPAMRecord', { addrRef: 'IPAMRecords/10.0.50.40' }],
        ['RemoveObject', refs.remove, () => (refs.remove.ref = refs.exclusion.dhcpExclusionRef)],
        ['AddDHCPFailoverRelationship', rel('ab')],
        ['GetDHCPFailoverRelationship', relationship],
        ['AddDHCPScopesToDHCPFailoverRelationship', { ...relationship, dhcpScopeRefs: ['DHCPScopes/1', 'DHCPScopes/2'] }],
        ['SimAdvanceClock', { seconds: 60 }],
        ['SimGetClock', {}],
        ['ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'ab', percentage: 70 } }],
        ['SimSetLeases', { dhcpScopeRef: 'DHCPScopes/1', activeLeases: 40 }],
        ['SimChangeScopeCopy', { dhcpScopeRef: 'DHCPScopes/1', setOption: { option: '15', value: 'drift.example' } }],
        ['SimGetScopeDetail', { dhcpScopeRef: 'DHCPScopes/1' }],
        ['SimGetFailoverState', relationship],
        ['ReplicateDHCPFailover', { dhcpServerRef: A, dhcpScopeRef: 'DHCPScopes/1' }, () => model.setScopeOptions('DHCPScopes/1', [{ option: '6', value: '10.9.9.9' }])],
        ['SimCutLink', relationship],
        ['SimSetPartnerDown', relationship],
        ['SimRestoreLink', relationship],
        ['SimStopDHCPServer', { dhcpServerRef: B }],
        ['SimStartDHCPServer', { dhcpServerRef: B }],
        ['RemoveDHCPScopesFromDHCPFailoverRelationship', { ...relationship, dhcpScopeRefs: ['DHCPScopes/2'], dhcpFailoverRelationshipDeconfigureAction: 'Delete' }],
        ['RemoveDHCPFailoverRelationships', { dhcpRefAndFailoverRelationshipNames: [relationship], dhcpFailoverRelationshipDeconfigureAction: 'Delete' }],
      ];
      assert.deepEqual([...new Set(script.map(([command]) => command))].sort(), [...SIMULATOR_COMMANDS].sort(), 'the script runs every command');
      for (const [command, params, prepare] of script) {
        prepare?.();
        const before = JSON.stringify(model.toJSON());
        model.execute(command, params);
        const changed = JSON.stringify(model.toJSON()) !== before;
        assert.equal(model.isMutating(command), changed, `${command} ${changed ? 'changed' : 'did not change'} the stored state`);
      }
      assert.equal(model.isMutating('Nope'), false);
    });
  });

  describe('AddDHCPFailoverRelationship', () => {
    it('without scopes: Empty, only in Micetro, with the defaults applied', () => {
      const model = fixture();
      assert.deepEqual(add(model, 'ab', { mclt: 0, failoverMode: 'HotStandby', sharedSecret: 's3cret' }), {});
      const fromA = get(model, A, 'ab');
      assert.equal(fromA.state, 'Empty');
      assert.equal(fromA.mclt, 3600);
      assert.equal(fromA.percentage, 5);
      assert.equal(fromA.sharedSecret, '');
      assert.equal(fromA.enableAuth, true);
      assert.equal(fromA.failoverServerType, 'PrimaryServer');
      assert.equal(fromA.primaryServerRef, A);
      const fromB = get(model, 'dhcp-b', 'AB');
      assert.equal(fromB.failoverServerType, 'SecondaryServer');
      assert.equal(fromB.dhcpServerRef, B);
      add(model, 'lb');
      assert.equal(get(model, A, 'lb').percentage, 50);
      assert.equal(get(model, A, 'lb').enableAuth, false);
      assert.ok(!JSON.stringify(model.toJSON()).includes('s3cret'), 'the secret is never stored');
    });

    it('with scopes: created on both servers, scopes copied to the partner, Startup → … → Normal', () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1', 'DHCPScopes/10.0.2.0/24'] });
      const fromA = get(model, A, 'ab');
      assert.equal(fromA.state, 'Startup');
      assert.deepEqual(fromA.dhcpScopeRefs, ['DHCPScopes/1', 'DHCPScopes/2']);
      const fromB = get(model, B, 'ab');
      assert.equal(fromB.dhcpScopeRefs.length, 2);
      assert.equal(model.getScope(fromB.dhcpScopeRefs[0]).name, '10.0.1.0/24');
      assert.equal(model.getScope(fromB.dhcpScopeRefs[0]).dhcpServerRef, B);
      toNormal(model);
      assert.equal(get(model, A, 'ab').state, 'Normal');
      assert.equal(get(model, B, 'ab').state, 'Normal');
    });

    const cases: Array<[string, Parameters<typeof rel>[1], number, number, RegExp]> = [
      ['an unknown server', { secondaryServer: 'nope' }, 2049, 404, /no DHCP server named "nope"/],
      ['the same server twice', { secondaryServer: 'DHCPServers/1' }, 87, 400, /different server/],
      ['a non-Microsoft server', { secondaryServer: 'isc-d' }, 87, 400, /ISC server/],
      ['an invalid mode', { failoverMode: 'Both' as never }, 87, 400, /Load balance or Hot standby/],
      ['an empty name', { name: '' }, 87, 400, /name/],
      ['a name over 126 characters', { name: 'x'.repeat(127) }, 20125, 400, /ERROR_DHCP_FO_RELATIONSHIP_NAME_TOO_LONG \(20125\)/],
      ['a percentage over 100', { percentage: 101 }, 87, 400, /ERROR_INVALID_PARAMETER \(87\)/],
      ['a negative MCLT', { mclt: -5 }, 87, 400, /maximum client lead time/],
      ['a negative safe period', { safePeriod: -1 }, 87, 400, /switchover interval/],
      ['a mistyped number', { mclt: 'ten' as never }, 87, 400, /mclt must be a number/],
    ];
    for (const [what, extra, code, status, text] of cases) {
      it(`rejects ${what}`, () => {
        const model = fixture();
        const params = rel('ab', extra);
        if (extra && 'name' in extra) params.dhcpFailoverRelationship.name = extra.name as string;
        fails(() => model.execute('AddDHCPFailoverRelationship', params), code, status, text);
        assert.equal((model.execute('GetDHCPFailoverRelationships', {}) as { dhcpFailoverRelationships: unknown[] }).dhcpFailoverRelationships.length, 0);
      });
    }

    it('rejects a name already used on either server, case-insensitively (20114)', () => {
      const model = fixture();
      model.execute('AddDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'Shared', primaryServer: 'dhcp-b', secondaryServer: 'dhcp-c', failoverMode: 'HotStandby' } });
      fails(() => add(model, 'shared'), 20114, 400, /ERROR_DHCP_FO_RELATIONSHIP_EXISTS \(20114\)/);
    });

    it('rejects a 32nd relationship on a server (20128)', () => {
      const model = fixture();
      for (let i = 0; i < 31; i++) add(model, `r${i}`);
      fails(() => add(model, 'r31'), 20128, 400, /31 failover relationships/);
    });

    it('is all-or-nothing when a scope is bad', () => {
      const model = fixture();
      fails(() => add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1', 'DHCPScopes/10.0.9.0/24'] }), 20005, 400, /10\.0\.9\.0\/24 does not exist on dhcp-a/);
      fails(() => get(model, A, 'ab'), 20115, 404);
      assert.equal(model.listScopes({ filter: 'dhcpServerRef=dhcp-b' }).totalResults, 1);
    });

    it('rejects a missing or malformed object', () => {
      fails(() => fixture().execute('AddDHCPFailoverRelationship', {}), 87, 400, /dhcpFailoverRelationship/);
      fails(() => fixture().execute('AddDHCPFailoverRelationship', { dhcpFailoverRelationship: 'x' }), 87);
      fails(() => add(fixture(), 'ab', { dhcpScopeRefs: [5] as never }), 87);
    });
  });

  describe('GetDHCPFailoverRelationships / GetDHCPFailoverRelationship', () => {
    it('lists every perspective without a ref, one server\'s with a ref', () => {
      const model = fixture();
      add(model, 'ab');
      model.execute('AddDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'bc', primaryServer: 'dhcp-b', secondaryServer: 'dhcp-c', failoverMode: 'LoadBalance' } });
      const all = (model.execute('GetDHCPFailoverRelationships', {}) as { dhcpFailoverRelationships: DHCPFailoverRelationship[] }).dhcpFailoverRelationships;
      assert.deepEqual(all.map((r) => `${r.name}@${r.dhcpServerRef}`), ['ab@DHCPServers/1', 'ab@DHCPServers/2', 'bc@DHCPServers/2', 'bc@DHCPServers/3']);
      const ofB = (model.execute('GetDHCPFailoverRelationships', { dhcpServerRef: 'dhcp-b' }) as { dhcpFailoverRelationships: DHCPFailoverRelationship[] }).dhcpFailoverRelationships;
      assert.deepEqual(ofB.map((r) => [r.name, r.failoverServerType]), [['ab', 'SecondaryServer'], ['bc', 'PrimaryServer']]);
    });
    it('answers 2049 for an unknown server and 20115 for an unknown name', () => {
      const model = fixture();
      fails(() => model.execute('GetDHCPFailoverRelationships', { dhcpServerRef: 'DHCPServers/99' }), 2049, 404);
      fails(() => get(model, A, 'nope'), 20115, 404, /ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST \(20115\)/);
      fails(() => model.execute('GetDHCPFailoverRelationship', { dhcpServerRef: A }), 87, 400, /dhcpFailoverRelationshipName/);
    });
  });

  describe('ModifyDHCPFailoverRelationship', () => {
    it('changes MCLT, safe period, percentage and mode; the secret: absent keeps, empty turns off, text sets', () => {
      const model = fixture();
      add(model, 'ab', { sharedSecret: 'x' });
      const modify = (extra: Record<string, unknown>) => model.execute('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'ab', ...extra } });
      modify({ mclt: 7200, safePeriod: 300, percentage: 60 });
      let now = get(model, A, 'ab');
      assert.deepEqual([now.mclt, now.safePeriod, now.percentage, now.enableAuth], [7200, 300, 60, true]);
      modify({ failoverMode: 'HotStandby' });
      now = get(model, A, 'ab');
      assert.deepEqual([now.failoverMode, now.percentage], ['HotStandby', 5]);
      modify({ sharedSecret: '' });
      assert.equal(get(model, A, 'ab').enableAuth, false);
      modify({ sharedSecret: 'new' });
      assert.equal(get(model, A, 'ab').enableAuth, true);
      // Echoing back what Get returned (sharedSecret '') is a valid modification too.
      modify({ ...get(model, B, 'ab'), sharedSecret: undefined, mclt: 1800 });
      assert.equal(get(model, B, 'ab').mclt, 1800);
    });
    it('rejects unknown relationships, server changes and bad values', () => {
      const model = fixture();
      add(model, 'ab');
      fails(() => model.execute('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'zz' } }), 20115, 404);
      fails(() => model.execute('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'ab', dhcpServerRef: A, secondaryServer: 'dhcp-c' } }), 87, 400, /cannot be changed/);
      fails(() => model.execute('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'ab', mclt: 0 } }), 87, 400, /more than 0/);
      fails(() => model.execute('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'ab', failoverMode: 'X' } }), 87);
      fails(() => model.execute('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'ab', percentage: 200 } }), 87);
    });
    it('needs both servers running once the relationship is on them (20123)', () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1'] });
      model.execute('SimStopDHCPServer', { dhcpServerRef: B });
      fails(() => model.execute('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'ab', mclt: 60 } }), 20123, 400, /dhcp-b is Service Down/);
    });
  });

  describe('AddDHCPScopesToDHCPFailoverRelationship', () => {
    const addScopes = (model: SimulatorModel, refs: string[], server = A, name = 'ab') =>
      model.execute('AddDHCPScopesToDHCPFailoverRelationship', { dhcpServerRef: server, dhcpFailoverRelationshipName: name, dhcpScopeRefs: refs });

    it('copies configuration to the partner (never leases) and keeps Normal', () => {
      const model = fixture();
      model.setScopeOptions('DHCPScopes/3', [{ option: '3', value: '10.0.3.1' }]);
      model.addReservation('DHCPScopes/3', { name: 'printer', clientIdentifier: 'aa-bb', addresses: ['10.0.3.50'] });
      model.execute('SimSetLeases', { dhcpScopeRef: 'DHCPScopes/3', activeLeases: 40 });
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1'] });
      toNormal(model);
      addScopes(model, ['DHCPScopes/3']);
      const copyRef = get(model, B, 'ab').dhcpScopeRefs[1];
      const copy = (model.execute('SimGetScopeDetail', { dhcpScopeRef: copyRef }) as { dhcpScope: { options: unknown; reservations: Array<{ name: string }>; activeLeases: number; dhcpFailoverRelationshipName: string } }).dhcpScope;
      assert.deepEqual(copy.options, [{ option: '3', value: '10.0.3.1' }]);
      assert.deepEqual(copy.reservations.map((r) => r.name), ['printer']);
      assert.equal(copy.activeLeases, 0);
      assert.equal(copy.dhcpFailoverRelationshipName, 'ab');
      assert.equal(get(model, A, 'ab').state, 'Normal');
    });

    it('adds from the secondary side when dhcpServerRef is the secondary', () => {
      const model = fixture();
      add(model, 'ab');
      addScopes(model, ['10.0.9.0/24'], B);
      const fromA = get(model, A, 'ab');
      assert.equal(model.getScope(fromA.dhcpScopeRefs[0]).dhcpServerRef, A);
      assert.equal(model.getScope(fromA.dhcpScopeRefs[0]).name, '10.0.9.0/24');
    });

    it('answers each documented error, changing nothing', () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1'] });
      fails(() => addScopes(model, ['DHCPScopes/2'], A, 'zz'), 20115, 404);
      fails(() => addScopes(model, ['DHCPScopes/2']), 20133, 400, /synchronising on dhcp-a \(Starting up\).*ERROR_DHCP_FO_SCOPE_SYNC_IN_PROGRESS \(20133\)/);
      toNormal(model);
      fails(() => addScopes(model, ['DHCPScopes/2', 'DHCPScopes/99']), 2049, 404);
      fails(() => addScopes(model, ['DHCPScopes/2', 'DHCPScopes/5']), 20005, 400, /is on dhcp-b, not on dhcp-a/);
      fails(() => addScopes(model, ['DHCPScopes/2', 'DHCPScopes/1']), 20113, 400, /Scope 10\.0\.1\.0\/24 is already in failover relationship "ab"\. ERROR_DHCP_FO_SCOPE_ALREADY_IN_RELATIONSHIP \(20113\)/);
      createScopeIn(model, { name: '10.0.2.0/24', dhcpServerRef: B });
      fails(() => addScopes(model, ['DHCPScopes/2']), 20004, 400, /already exists on the partner dhcp-b/);
      fails(() => addScopes(model, ['DHCPScopes/3'], 'DHCPServers/3'), 20115, 404);
      fails(() => addScopes(model, []), 87);
      model.execute('SimCutLink', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab' });
      fails(() => addScopes(model, ['DHCPScopes/3']), 20120, 400, /is Communication interrupted on dhcp-a.*ERROR_DHCP_FO_STATE_NOT_NORMAL \(20120\)/);
      model.execute('SimRestoreLink', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab' });
      model.execute('SimStopDHCPServer', { dhcpServerRef: B });
      fails(() => addScopes(model, ['DHCPScopes/3']), 20123, 400, /ERROR_DHCP_SERVER_NOT_RUNNING \(20123\)/);
      assert.deepEqual(get(model, A, 'ab').dhcpScopeRefs, ['DHCPScopes/1']);
    });
  });

  describe('RemoveDHCPScopesFromDHCPFailoverRelationship', () => {
    const setup = () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1', 'DHCPScopes/2', 'DHCPScopes/3'] });
      toNormal(model);
      return model;
    };
    const remove = (model: SimulatorModel, refs: string[], action?: string) =>
      model.execute('RemoveDHCPScopesFromDHCPFailoverRelationship', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab', dhcpScopeRefs: refs, dhcpFailoverRelationshipDeconfigureAction: action });
    const onB = (model: SimulatorModel, cidr: string) => model.listScopes({ filter: `dhcpServerRef=dhcp-b AND name=${cidr}` }).dhcpScopes[0];

    it('None leaves the partner instance, Disable disables it, Delete deletes it', () => {
      const model = setup();
      remove(model, ['DHCPScopes/1']);
      assert.equal(onB(model, '10.0.1.0/24').enabled, true);
      remove(model, ['DHCPScopes/2'], 'disable');
      assert.equal(onB(model, '10.0.2.0/24').enabled, false);
      remove(model, ['DHCPScopes/3'], 'Delete');
      assert.equal(onB(model, '10.0.3.0/24'), undefined);
      assert.equal(model.getScope('DHCPScopes/3').dhcpServerRef, A, 'the named side keeps its instance');
      assert.equal(get(model, A, 'ab').state, 'Empty', 'no scopes left: back to Empty');
    });

    it('answers 20116, 20005, 87 and 20133', () => {
      const model = setup();
      fails(() => remove(model, ['DHCPScopes/4']), 20116, 400, /ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP \(20116\)/);
      fails(() => remove(model, ['DHCPScopes/5']), 20005);
      fails(() => remove(model, ['DHCPScopes/1'], 'Explode'), 87, 400, /None, Disable, Delete/);
      model.execute('SimStopDHCPServer', { dhcpServerRef: B });
      model.execute('SimSetPartnerDown', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab' });
      model.execute('SimStartDHCPServer', { dhcpServerRef: B });
      model.execute('SimAdvanceClock', { seconds: 5 });
      assert.equal(get(model, B, 'ab').state, 'Recover');
      fails(() => model.execute('RemoveDHCPScopesFromDHCPFailoverRelationship', { dhcpServerRef: B, dhcpFailoverRelationshipName: 'ab', dhcpScopeRefs: ['10.0.1.0/24'] }), 20133);
      assert.equal(get(model, A, 'ab').dhcpScopeRefs.length, 3);
    });
  });

  describe('RemoveDHCPFailoverRelationships', () => {
    const setup = () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1', 'DHCPScopes/2'] });
      add(model, 'empty');
      toNormal(model);
      return model;
    };
    const remove = (model: SimulatorModel, items: unknown[], action?: string) =>
      model.execute('RemoveDHCPFailoverRelationships', { dhcpRefAndFailoverRelationshipNames: items, dhcpFailoverRelationshipDeconfigureAction: action });

    it('removes from both servers; scopes persist on the server named; the action applies on the other', () => {
      const model = setup();
      remove(model, [{ dhcpServerRef: B, dhcpFailoverRelationshipName: 'ab' }, { dhcpServerRef: A, dhcpFailoverRelationshipName: 'empty' }], 'Delete');
      fails(() => get(model, A, 'ab'), 20115, 404);
      fails(() => get(model, A, 'empty'), 20115, 404);
      assert.equal(model.listScopes({ filter: 'dhcpServerRef=dhcp-b' }).totalResults, 3, 'kept on dhcp-b');
      assert.deepEqual(model.listScopes({ filter: 'dhcpServerRef=dhcp-a' }).dhcpScopes.map((s) => s.name), ['10.0.3.0/24', '10.0.4.0/24']);
    });

    it('Disable disables the other server\'s instances; None keeps them', () => {
      const model = setup();
      remove(model, [{ dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab' }], 'Disable');
      assert.deepEqual(model.listScopes({ filter: 'dhcpServerRef=dhcp-b AND enabled=false' }).dhcpScopes.map((s) => s.name), ['10.0.1.0/24', '10.0.2.0/24']);
      const other = setup();
      remove(other, [{ dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab' }]);
      assert.equal(other.listScopes({ filter: 'dhcpServerRef=dhcp-b AND enabled=true' }).totalResults, 3);
    });

    it('validates every entry before removing any (20115)', () => {
      const model = setup();
      fails(() => remove(model, [{ dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab' }, { dhcpServerRef: A, dhcpFailoverRelationshipName: 'zz' }]), 20115, 404);
      assert.equal(get(model, A, 'ab').name, 'ab');
      fails(() => remove(model, []), 87);
      fails(() => remove(model, ['ab']), 87);
      fails(() => remove(model, [{ dhcpServerRef: 'DHCPServers/77', dhcpFailoverRelationshipName: 'ab' }]), 2049, 404);
    });
  });

  describe('a relationship named without a server', () => {
    /** "twin" on dhcp-a/dhcp-b and on dhcp-c/dhcp-e: names are unique per server, not across servers. */
    const twins = () => {
      const model = fixture();
      model.inventory.addServer({ id: model.inventory.newServerId(), name: 'dhcp-e', address: '192.0.2.5', type: 'MSDHCP', state: 'OK', enabled: true });
      add(model, 'twin');
      add(model, 'only-ab');
      model.execute('AddDHCPFailoverRelationship', rel('TWIN', { primaryServer: 'dhcp-c', secondaryServer: 'dhcp-e' }));
      return model;
    };
    const modify = (model: SimulatorModel, object: Record<string, unknown>) => model.execute('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: object });
    const remove = (model: SimulatorModel, item: Record<string, unknown>) =>
      model.execute('RemoveDHCPFailoverRelationships', { dhcpRefAndFailoverRelationshipNames: [item] });

    it('is refused when the name is on several pairs, saying which parameter picks one, and nothing changes', () => {
      const model = twins();
      fails(() => modify(model, { name: 'twin', mclt: 600 }), 87, 400, /Several relationships are named "twin"; give primaryServer or dhcpServerRef to say which\./);
      fails(() => remove(model, { dhcpFailoverRelationshipName: 'Twin' }), 87, 400, /Several relationships are named "Twin"; give dhcpServerRef to say which\./);
      assert.equal(get(model, A, 'twin').mclt, 3600);
      assert.equal(get(model, 'DHCPServers/5', 'twin').mclt, 3600);
    });

    it('picks the pair a server names, finds a unique name anywhere, and says "any DHCP server" for an unknown one', () => {
      const model = twins();
      modify(model, { name: 'twin', primaryServer: 'dhcp-c', mclt: 600 });
      assert.equal(get(model, 'DHCPServers/5', 'twin').mclt, 600);
      assert.equal(get(model, A, 'twin').mclt, 3600, 'the other pair of that name is untouched');
      modify(model, { name: 'ONLY-AB', mclt: 900 });
      assert.equal(get(model, B, 'only-ab').mclt, 900);
      remove(model, { dhcpFailoverRelationshipName: 'only-ab' });
      fails(() => get(model, A, 'only-ab'), 20115, 404);
      fails(() => modify(model, { name: 'nowhere' }), 20115, 404, /nowhere.*any DHCP server/);
      fails(() => remove(model, { dhcpFailoverRelationshipName: 'nowhere' }), 20115, 404, /nowhere.*any DHCP server/);
      fails(() => remove(model, { dhcpServerRef: 'dhcp-c', dhcpFailoverRelationshipName: 'only-ab' }), 20115, 404, /only-ab.*dhcp-c/);
    });
  });

  describe('ReplicateDHCPFailover', () => {
    const setup = () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1', 'DHCPScopes/2'] });
      toNormal(model);
      model.setScopeOptions('DHCPScopes/1', [{ option: '6', value: '10.9.9.9' }]);
      model.setScopeOptions('DHCPScopes/2', [{ option: '6', value: '10.8.8.8' }]);
      model.execute('SimSetLeases', { dhcpScopeRef: 'DHCPScopes/1', activeLeases: 100 });
      return model;
    };
    const detailOnB = (model: SimulatorModel, cidr: string) =>
      (model.execute('SimGetScopeDetail', { dhcpScopeRef: cidr, dhcpServerRef: B }) as { dhcpScope: { options: Array<{ value: string }>; activeLeases: number } }).dhcpScope;

    it('options are not copied until replication; replication never copies leases', () => {
      const model = setup();
      assert.deepEqual(detailOnB(model, '10.0.1.0/24').options, []);
      model.execute('SimSetLeases', { dhcpScopeRef: '10.0.1.0/24', dhcpServerRef: B, activeLeases: 7 });
      model.execute('ReplicateDHCPFailover', { dhcpServerRef: A, dhcpScopeRef: 'DHCPScopes/1' });
      assert.equal(detailOnB(model, '10.0.1.0/24').options[0].value, '10.9.9.9');
      assert.equal(detailOnB(model, '10.0.1.0/24').activeLeases, 7);
      assert.deepEqual(detailOnB(model, '10.0.2.0/24').options, [], 'one scope only');
      model.execute('ReplicateDHCPFailover', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab' });
      assert.equal(detailOnB(model, '10.0.2.0/24').options[0].value, '10.8.8.8');
    });

    it('with no name or scope replicates every failover scope of the server', () => {
      const model = setup();
      model.execute('ReplicateDHCPFailover', { dhcpServerRef: A });
      assert.equal(detailOnB(model, '10.0.1.0/24').options[0].value, '10.9.9.9');
      assert.equal(detailOnB(model, '10.0.2.0/24').options[0].value, '10.8.8.8');
    });

    it('refuses a scope that is not a failover scope and an unknown relationship', () => {
      const model = setup();
      fails(() => model.execute('ReplicateDHCPFailover', { dhcpServerRef: A, dhcpScopeRef: 'DHCPScopes/4' }), 20116, 400, /not a failover scope/);
      fails(() => model.execute('ReplicateDHCPFailover', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'zz' }), 20115, 404);
      fails(() => model.execute('ReplicateDHCPFailover', {}), 87);
    });
  });

  describe('REST scope resources', () => {
    it('creates scopes with the usable range as default pool and refuses bad ones', () => {
      const model = fixture();
      const ref = createScopeIn(model, { name: '10.1.0.0/24', dhcpServerRef: 'dhcp-c' });
      const detail = (model.execute('SimGetScopeDetail', { dhcpScopeRef: ref }) as { dhcpScope: { addressPool: unknown; available: number } }).dhcpScope;
      assert.deepEqual(detail.addressPool, { from: '10.1.0.1', to: '10.1.0.254' });
      assert.equal(detail.available, 254);
      fails(() => createScopeIn(model, { name: '10.1.0.0/24', dhcpServerRef: 'dhcp-c' }), 20004);
      fails(() => createScopeIn(model, { name: '10.1.0.128/25', dhcpServerRef: 'dhcp-c' }), 87, 400, /overlaps/);
      fails(() => createScopeIn(model, { name: 'banana', dhcpServerRef: 'dhcp-c' }), 87, 400, /rangeRef/);
      fails(() => createScopeIn(model, { name: '10.2.0.0/24', dhcpServerRef: 'nope' }), 2049, 404);
      fails(() => createScopeIn(model, { name: '10.2.0.0/24', dhcpServerRef: 'isc-d' }), 87, 400, /Microsoft/);
      fails(() => createScopeIn(model, { name: '10.2.0.0/24', dhcpServerRef: 'dhcp-c', addressPool: { from: '10.3.0.1', to: '10.3.0.9' } }), 87, 400, /pool/);
      fails(() => model.createScope(null), 87);
    });

    it('deleting a failover instance takes it out of the relationship; the partner stays as an independent scope', () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1'] });
      toNormal(model);
      const partnerRef = get(model, B, 'ab').dhcpScopeRefs[0];
      model.deleteScope('DHCPScopes/1');
      fails(() => model.getScope('DHCPScopes/1'), 2049, 404);
      assert.equal(model.getScope(partnerRef).enabled, true);
      assert.equal(get(model, A, 'ab').state, 'Empty');
    });

    it('a CIDR on two servers is ambiguous without a server', () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1'] });
      fails(() => model.getScope('DHCPScopes/10.0.1.0/24'), 87, 400, /ambiguous: it exists on dhcp-a \(DHCPScopes\/1\) and dhcp-b/);
      assert.equal(model.getScope('DHCPScopes/10.0.2.0/24').ref, 'DHCPScopes/2');
    });

    it('reservations must lie in the scope; options are replaced, not merged', () => {
      const model = fixture();
      assert.match(model.addReservation('DHCPScopes/1', { name: 'p', clientIdentifier: 'aa', addresses: ['10.0.1.9'] }), /^DHCPReservations\/\d+$/);
      fails(() => model.addReservation('DHCPScopes/1', { name: 'q', clientIdentifier: 'bb', addresses: ['10.0.2.9'] }), 87, 400, /not an address in scope/);
      fails(() => model.addReservation('DHCPScopes/1', { name: 'q', clientIdentifier: 'bb', addresses: ['10.0.1.9'] }), 87, 400, /already reserved/);
      assert.deepEqual(model.getReservations('DHCPScopes/1').map((r) => r.addresses), [['10.0.1.9']]);
      model.setScopeOptions('DHCPScopes/1', [{ option: '3', value: '10.0.1.1' }]);
      model.setScopeOptions('DHCPScopes/1', [{ option: '6', value: '10.0.0.53' }]);
      assert.deepEqual(model.getScopeOptions('DHCPScopes/1'), [{ option: '6', value: '10.0.0.53' }]);
      fails(() => model.setScopeOptions('DHCPScopes/1', [{ option: '' }]), 87);
    });
  });

  describe('list queries', () => {
    it('filters (exact, !=, regex, quoted, by server name), sorts and pages', () => {
      const model = fixture();
      assert.equal(model.listScopes({ filter: 'dhcpServerRef=dhcp-a' }).totalResults, 4);
      assert.equal(model.listScopes({ filter: 'dhcpServerRef=DHCPServers/1 and name!=10.0.1.0/24' }).totalResults, 3);
      assert.equal(model.listScopes({ filter: 'name:^10\\.0\\.[12]\\.' }).totalResults, 2);
      assert.equal(model.listScopes({ filter: 'name=^10.0.9' }).totalResults, 1);
      assert.equal(model.listScopes({ filter: 'description="scope 3"' }).totalResults, 1);
      assert.equal(model.listScopes({ filter: 'description="scope 3 AND x"' }).totalResults, 0);
      const page = model.listScopes({ sortBy: 'name', sortOrder: 'descending', offset: 1, limit: 2 });
      assert.equal(page.totalResults, 5);
      assert.deepEqual(page.dhcpScopes.map((s) => s.name), ['10.0.4.0/24', '10.0.3.0/24']);
      assert.deepEqual(model.listServers({ filter: 'type=ISC' }).dhcpServers.map((s) => s.name), ['isc-d']);
    });
    it('answers 400 for an unknown field, a bad term, a bad regex and bad paging', () => {
      const model = fixture();
      fails(() => model.listScopes({ filter: 'colour=red' }), 87, 400, /Unknown filter field "colour"/);
      fails(() => model.listScopes({ filter: 'name' }), 87, 400, /Cannot read the filter term/);
      fails(() => model.listScopes({ filter: 'name:(' }), 87, 400, /invalid regular expression/);
      fails(() => model.listScopes({ offset: -1 }), 87);
      fails(() => model.listServers({ sortBy: 'colour' }), 87);
      fails(() => model.getServer('DHCPServers/42'), 2049, 404);
      assert.equal(model.getServer('dhcp-b').ref, B);
    });
  });

  describe('Sim commands', () => {
    it('stop and start a server, cut and restore a link, declare partner down, move the clock', () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1'], safePeriod: 600 });
      toNormal(model);
      model.execute('SimStopDHCPServer', { dhcpServerRef: 'dhcp-b' });
      assert.equal(model.getServer(B).state, 'Service Down');
      assert.equal(get(model, A, 'ab').state, 'CommunicationInterrupted');
      fails(() => model.execute('SimStopDHCPServer', { dhcpServerRef: B }), 87, 400, /already Service Down/);
      const clock = model.execute('SimAdvanceClock', { seconds: 600 }) as { now: number };
      assert.equal(clock.now, START + 660_000);
      assert.equal(get(model, A, 'ab').state, 'PartnerDown', 'after the switchover interval');
      model.execute('SimStartDHCPServer', { dhcpServerRef: B });
      fails(() => model.execute('SimStartDHCPServer', { dhcpServerRef: B }), 87, 400, /already running/);
      model.execute('SimAdvanceClock', { seconds: 15 });
      assert.equal(get(model, B, 'ab').state, 'RecoverWait', 'down 10 minutes, less than MCLT: it waits MCLT');
      model.execute('SimAdvanceClock', { seconds: 3600 });
      assert.equal(get(model, A, 'ab').state, 'Normal');
      assert.deepEqual(model.execute('SimGetClock', {}), { now: START + 4275_000, time: new Date(START + 4275_000).toISOString() });
    });
    it('validates its parameters', () => {
      const model = fixture();
      add(model, 'ab');
      fails(() => model.execute('SimCutLink', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'ab' }), 87, 400, /Empty/);
      add(model, 'live', { dhcpScopeRefs: ['DHCPScopes/1'] });
      fails(() => model.execute('SimRestoreLink', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'live' }), 87, 400, /not cut/);
      fails(() => model.execute('SimSetPartnerDown', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'live' }), 87, 400, /only from CommunicationInterrupted/);
      fails(() => model.execute('SimCutLink', { dhcpServerRef: A, dhcpFailoverRelationshipName: 'zz' }), 20115, 404);
      fails(() => model.execute('SimAdvanceClock', { seconds: 0 }), 87);
      fails(() => model.execute('SimAdvanceClock', { seconds: 'x' }), 87);
      fails(() => model.execute('SimSetLeases', { dhcpScopeRef: 'DHCPScopes/1', activeLeases: -1 }), 87);
      fails(() => model.execute('SimGetScopeDetail', {}), 87);
      fails(() => model.execute('SimStopDHCPServer', {}), 87);
    });

    it('SimChangeScopeCopy changes one instance of a failover scope only, all or nothing', () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1'] });
      toNormal(model);
      model.setScopeOptions('DHCPScopes/1', [{ option: '3', value: '10.0.1.1' }, { option: '6', value: '10.0.0.53' }]);
      model.execute('ReplicateDHCPFailover', { dhcpServerRef: A, dhcpScopeRef: 'DHCPScopes/1' });
      type Detail = { options: unknown; reservations: Array<{ name: string; clientIdentifier: string }>; exclusions: Array<{ from: string; to: string }> };
      const detail = (server: string) => (model.execute('SimGetScopeDetail', { dhcpScopeRef: '10.0.1.0/24', dhcpServerRef: server }) as { dhcpScope: Detail }).dhcpScope;
      const partnerBefore = JSON.stringify(detail(B));

      model.execute('SimChangeScopeCopy', {
        dhcpScopeRef: '10.0.1.0/24',
        dhcpServerRef: A,
        addReservation: { name: 'badge', clientIdentifier: '00-15-5d-00-01-28', addresses: ['10.0.1.40'], description: 'on a only' },
        setOption: { option: '006', value: '10.30.0.53' },
        addExclusion: { from: '10.0.1.50', to: '10.0.1.59' },
      });
      const changed = detail(A);
      assert.deepEqual(changed.options, [{ option: '3', value: '10.0.1.1' }, { option: '006', value: '10.30.0.53' }], 'the option of the same code is replaced');
      assert.deepEqual(changed.reservations.map((r) => r.name), ['badge']);
      assert.ok(changed.exclusions.some((e) => e.from === '10.0.1.50' && e.to === '10.0.1.59'));
      assert.equal(JSON.stringify(detail(B)), partnerBefore, "the partner's copy is untouched");

      const before = JSON.stringify(detail(A));
      fails(
        () => model.execute('SimChangeScopeCopy', { dhcpScopeRef: 'DHCPScopes/1', addReservation: { name: 'gate', clientIdentifier: '00-15-5d-00-01-29', addresses: ['10.0.1.41'] }, addExclusion: { from: '10.9.9.1', to: '10.9.9.2' } }),
        87,
      );
      assert.equal(JSON.stringify(detail(A)), before, 'a failed change leaves the instance as it was');
      fails(() => model.execute('SimChangeScopeCopy', { dhcpScopeRef: 'DHCPScopes/1' }), 87, 400, /at least one of addReservation, setOption, addExclusion/);
      fails(() => model.execute('SimChangeScopeCopy', { dhcpScopeRef: 'DHCPScopes/1', setOption: { option: '6' } }), 87);
    });
  });

  describe('data file', () => {
    it('round-trips exactly, including the clock and pending timers', () => {
      const model = fixture();
      add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1'] });
      model.execute('SimAdvanceClock', { seconds: 7 });
      const json = readBack(model.toJSON());
      const loaded = SimulatorModel.load(json, new SimulatedClock({ speed: 0 }));
      assert.deepEqual(JSON.parse(JSON.stringify(loaded.toJSON())), json);
      assert.equal(get(loaded, A, 'ab').state, 'Recover');
      loaded.execute('SimAdvanceClock', { seconds: 60 });
      assert.equal(get(loaded, A, 'ab').state, 'Normal');
      assert.equal(createScopeIn(loaded, { name: '10.7.0.0/24', dhcpServerRef: A }), `DHCPScopes/${json.nextIds.scope}`);
    });

    const corrupt: Array<[string, (data: DataFile) => unknown, RegExp]> = [
      ['not an object', () => 'hello', /\(file\): expected an object/],
      ['another format', (d) => ({ ...d, format: 'x' }), /format: expected "micetro-dhcp-failover-simulator"/],
      ['a scope on a missing server', (d) => { d.scopes[0].serverId = 99; return d; }, /scopes\[0\]\.serverId: no server with id 99/],
      ['a bad address', (d) => { d.scopes[1].pool!.from = '10.0.2.300'; return d; }, /scopes\[1\]\.pool\.from: expected an IPv4 address/],
      ['a non-canonical CIDR', (d) => { d.scopes[0].name = '10.0.1.1/24'; return d; }, /scopes\[0\]\.name/],
      ['a bad state', (d) => { Object.assign(d.relationships[0].fsm!.endpoints[0], { state: 'Sleeping' }); return d; }, /relationships\[0\]\.fsm\.endpoints\[0\]\.state/],
      ['a timer at no time', (d) => { Object.assign(d.relationships[0].fsm!.endpoints[0], { timerAt: 'soon' }); return d; }, /endpoints\[0\]\.timerAt: expected a time in ms or null$/],
      ['a state entered at no time', (d) => { Object.assign(d.relationships[0].fsm!.endpoints[1], { since: null }); return d; }, /endpoints\[1\]\.since: expected a time in ms$/],
      ['a scope pair on the wrong server', (d) => { d.relationships[0].scopePairs[0] = [2, 1]; return d; }, /scopePairs\[0\]/],
      ['duplicate ids', (d) => { d.scopes[1].id = d.scopes[0].id; return d; }, /duplicate scope id/],
      ['a stale id counter', (d) => { d.nextIds.scope = 1; return d; }, /nextIds\.scope/],
    ];
    for (const [what, spoil, text] of corrupt) {
      it(`refuses ${what} with a clear message`, () => {
        const model = fixture();
        add(model, 'ab', { dhcpScopeRefs: ['DHCPScopes/1'] });
        const data = readBack(model.toJSON());
        assert.throws(() => SimulatorModel.load(spoil(data)), (error: unknown) => {
          assert.ok(error instanceof Error && !(error instanceof SimulatorError));
          assert.match(error.message, /^Not a valid simulator data file: /);
          assert.match(error.message, text);
          return true;
        });
      });
    }
  });

  describe('free-text scope names', () => {
    const OFFICE = { name: 'London office', rangeRef: 'Ranges/10.5.0.0/24', dhcpServerRef: A };
    const detail = (model: SimulatorModel, ref: string, server?: string) =>
      (model.execute('SimGetScopeDetail', { dhcpScopeRef: ref, ...(server ? { dhcpServerRef: server } : {}) }) as { dhcpScope: { ref: string; name: string; rangeRef: string; options: unknown[] } }).dhcpScope;

    it('creates a scope with a free-text name, its network from rangeRef; refs by CIDR and name filters still work', () => {
      const model = fixture();
      const ref = createScopeIn(model, { ...OFFICE, name: '  London office ' });
      const scope = model.getScope(ref);
      assert.equal(scope.name, 'London office');
      assert.match(scope.rangeRef, /^Ranges\/\d+$/, 'rangeRef is numeric in answers; the name ref resolves in requests');
      assert.equal((model.execute('GetRange', { rangeRef: scope.rangeRef }) as { range: { name: string } }).range.name, '10.5.0.0/24');
      assert.equal(scope.available, 254, 'the default pool comes from the range');
      assert.equal(model.getScope('DHCPScopes/10.5.0.0/24').ref, ref);
      assert.equal(model.getScope('10.5.0.0/24').ref, ref);
      assert.deepEqual(model.listScopes({ filter: 'name="london office"' }).dhcpScopes.map((s) => s.ref), [ref]);
      assert.equal(model.listScopes({ filter: 'name=10.5.0.0/24' }).totalResults, 0, 'the filter matches the name shown');
      assert.deepEqual(model.listScopes({ filter: 'rangeRef=Ranges/10.5.0.0/24' }).dhcpScopes.map((s) => s.ref), [ref]);
      assert.equal(model.listScopes({ filter: 'name=10.0.1.0/24' }).totalResults, 1, 'scopes named by their network as before');
      assert.equal(model.getScope(createScopeIn(model, { name: '10.6.0.0/24', rangeRef: 'Ranges/10.6.0.0/24', dhcpServerRef: A })).name, '10.6.0.0/24');
      assert.equal(model.toJSON().scopes.find((s) => s.name === '10.6.0.0/24')?.title, undefined, 'a CIDR name is no free-text name');
    });

    it('refuses bad names and ranges with clear messages, and a network that exists under another name', () => {
      const model = fixture();
      fails(() => createScopeIn(model, { ...OFFICE, name: 'x'.repeat(256) }), 87, 400, /256 characters long; at most 255/);
      fails(() => createScopeIn(model, { ...OFFICE, name: 'London\noffice' }), 87, 400, /control characters/);
      fails(() => createScopeIn(model, { ...OFFICE, name: '10.7.0.0/24' }), 87, 400, /another network than the range's 10\.5\.0\.0\/24/);
      fails(() => createScopeIn(model, { ...OFFICE, rangeRef: 'Ranges/17' }), 87, 400, /Range reference not found: Ranges\/17/);
      fails(() => createScopeIn(model, { name: 'London office', dhcpServerRef: A }), 87, 400, /free-text name, so the scope needs rangeRef/);
      assert.equal(model.getScope(createScopeIn(model, { ...OFFICE, name: 'x'.repeat(255) })).name.length, 255);
      fails(() => createScopeIn(model, OFFICE), 20004, 400, /Scope 10\.5\.0\.0\/24 already exists on dhcp-a/);
      fails(() => createScopeIn(model, { ...OFFICE, rangeRef: 'Ranges/10.5.0.128/25' }), 87, 400, /overlaps/);
    });

    it('copies the name to the partner when the scope joins failover, and replication carries it', () => {
      const model = fixture();
      const ref = createScopeIn(model, OFFICE);
      add(model, 'ab', { dhcpScopeRefs: [ref] });
      toNormal(model);
      const copyRef = get(model, B, 'ab').dhcpScopeRefs[0];
      assert.notEqual(copyRef, ref);
      assert.deepEqual([detail(model, copyRef).name, detail(model, copyRef).rangeRef], ['London office', detail(model, ref).rangeRef]);
      assert.equal(detail(model, 'DHCPScopes/10.5.0.0/24', B).ref, copyRef, 'the partner instance resolves by CIDR too');

      const instance = (scopeRef: string) => model.inventory.scopeById(Number(scopeRef.split('/')[1]));
      const source = instance(ref);
      source.title = 'London office, floor 2';
      model.execute('ReplicateDHCPFailover', { dhcpServerRef: A, dhcpScopeRef: ref });
      assert.equal(model.getScope(copyRef).name, 'London office, floor 2');
      delete source.title;
      model.execute('ReplicateDHCPFailover', { dhcpServerRef: A, dhcpScopeRef: ref });
      assert.equal(model.getScope(copyRef).name, '10.5.0.0/24');
      assert.equal('title' in instance(copyRef), false, 'absent, as a loaded file has it');
    });

    it('loads a data file written before scopes had names, and round-trips names', () => {
      const model = fixture();
      const old = readBack(model.toJSON());
      assert.ok(old.scopes.every((scope) => !('title' in scope)), 'the old shape');
      const loaded = SimulatorModel.load(old, new SimulatedClock({ speed: 0 }));
      assert.deepEqual(loaded.listScopes({}).dhcpScopes.map((s) => s.name), ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.0.4.0/24', '10.0.9.0/24']);

      const ref = createScopeIn(loaded, OFFICE);
      const json = readBack(loaded.toJSON());
      const again = SimulatorModel.load(json, new SimulatedClock({ speed: 0 }));
      assert.deepEqual(JSON.parse(JSON.stringify(again.toJSON())), json);
      assert.equal(again.getScope(ref).name, 'London office');

      const named = json.scopes.findIndex((s) => s.title === 'London office');
      for (const [title, text] of [[42, /expected a non-empty string/], ['a\u0007b', /control characters/], ['10.9.9.0/24', /not a free-text name/]] as const) {
        const spoilt = readBack(json);
        Object.assign(spoilt.scopes[named], { title });
        assert.throws(() => SimulatorModel.load(spoilt), new RegExp(`scopes\\[${named}\\]\\.title: .*${text.source}`));
      }
    });
  });
});
