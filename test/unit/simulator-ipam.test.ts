// IPAM as the simulator serves it: ranges, a scope's pool and exclusions as their own objects, IPAM records,
// reservations by ref, RemoveObject. Every command runs over the command bridge and JSON-RPC, and every REST form
// over REST, against each simulator option set below (a profile adds its own set here).
import { strict as assert } from 'node:assert';
import { SimulatorModel } from '../../src/simulator/model';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/server';

const PASSWORD = 'ipam-pw';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
const SERVER = 'DHCPServers/dhcp-lon-01.corp.example';

/** The simulator configurations every test here runs against. */
const SIMULATOR_OPTION_SETS: ReadonlyArray<{ name: string; options: SimulatorOptions; transports: readonly Transport[] }> = [
  { name: 'demo profile', options: {}, transports: ['command bridge', 'JSON-RPC'] },
  // No command bridge and no HTTP Basic there: commands go over JSON-RPC, every request with a session.
  { name: 'micetro profile', options: { profile: 'micetro' }, transports: ['JSON-RPC'] },
];

/** The Authorization header each simulator takes: Basic, or a session where Basic is off. */
const authorizationOf = new WeakMap<RunningSimulator, string>();

async function logIn(sim: RunningSimulator): Promise<void> {
  const response = await fetch(`${sim.url}/mmws/api/micetro/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ loginName: 'admin', password: PASSWORD }),
  });
  const { result } = (await response.json()) as { result: { session: string } };
  authorizationOf.set(sim, `Bearer ${result.session}`);
}

interface Answer {
  status: number;
  result?: Record<string, unknown> & { ref?: string };
  error?: { code: number; message: string };
}

async function http(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { Authorization: authorizationOf.get(sim) ?? BASIC, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as { result?: Answer['result']; error?: Answer['error'] }) : {};
  return { status: response.status, result: parsed.result, error: parsed.error };
}

type Transport = 'command bridge' | 'JSON-RPC';

/** One command over the transport; a failure comes back as `error`, as both transports answer it. */
async function command(sim: RunningSimulator, transport: Transport, name: string, params: Record<string, unknown>): Promise<Answer> {
  if (transport === 'command bridge') return http(sim, 'POST', `/mmws/api/command/${name}`, params);
  const answer = await http(sim, 'POST', '/mmws/json', { jsonrpc: '2.0', method: name, params, id: 1 });
  assert.equal(answer.status, 200, 'JSON-RPC answers 200, errors in the body');
  return answer;
}

const ok = (answer: Answer, what: string) => {
  assert.equal(answer.error, undefined, `${what}: ${JSON.stringify(answer.error)}`);
  return answer.result as Record<string, unknown> & { ref: string };
};
const refused = (answer: Answer, pattern: RegExp) => {
  assert.ok(answer.error, `expected a refusal matching ${pattern}`);
  assert.match(answer.error.message, pattern);
};

for (const { name: optionSet, options, transports } of SIMULATOR_OPTION_SETS) {
  describe(`simulator IPAM (${optionSet})`, () => {
    const strict = options.profile === 'micetro';
    let sim: RunningSimulator;
    before(async () => {
      sim = await startSimulator({ seed: 'demo', password: PASSWORD, ...options });
      if (strict) await logIn(sim);
    });
    after(async () => {
      await sim.close();
    });

    it('gives every demo scope a numeric rangeRef whose range is its network, with a pool', async () => {
      const scopes = (await http(sim, 'GET', '/mmws/api/DHCPScopes?limit=5')).result?.dhcpScopes as Array<{ ref: string; name: string; rangeRef: string }>;
      for (const scope of scopes) {
        assert.match(scope.rangeRef, /^Ranges\/\d+$/);
        const range = (await http(sim, 'GET', `/mmws/api/${scope.rangeRef}`)).result?.range as { name: string; dhcpScopes: Array<{ ref: string }> };
        assert.equal(range.name, scope.name);
        assert.ok(range.dhcpScopes.some((s) => s.ref === scope.ref));
        const pools = (await http(sim, 'GET', `/mmws/api/${scope.ref}/DHCPAddressPools`)).result?.dhcpAddressPools as unknown[];
        assert.equal(pools.length, 1);
      }
    });

    for (const [index, transport] of transports.entries()) {
      it(`runs a range, scope, pool, exclusion and reservation lifecycle over the ${transport}`, async () => {
        const network = `10.61.${index}.0/24`;
        const prefix = network.slice(0, -5);
        const range = ok(await command(sim, transport, 'AddRange', { range: { name: network, subnet: true }, saveComment: 'test' }), 'AddRange');
        assert.match(range.ref, /^Ranges\/\d+$/);
        refused(await command(sim, transport, 'AddRange', { range: { name: network } }), /already exists/);
        refused(await command(sim, transport, 'AddRange', { range: { name: network, bogus: 1 } }), /Unknown property "bogus"/);
        const listed = ok(await command(sim, transport, 'GetRanges', { filter: `name="${network}"`, offset: 0, limit: 5 }), 'GetRanges');
        assert.deepEqual([(listed.ranges as Array<{ ref: string }>).map((r) => r.ref), listed.totalResults], [[range.ref], 1]);
        const byName = ok(await command(sim, transport, 'GetRange', { rangeRef: `Ranges/${network}` }), 'GetRange').range as Record<string, unknown>;
        assert.deepEqual([byName.ref, byName.name, byName.from, byName.to, byName.subnet], [range.ref, network, `${prefix}.0`, `${prefix}.255`, true]);

        // Scopes are created over REST (the 9.x API has no scope command the client uses).
        refused(await http(sim, 'POST', '/mmws/api/DHCPScopes', { dhcpScope: { name: `10.62.${index}.0/24`, dhcpServerRef: SERVER } }), /Range reference not found: Ranges\/10\.62\./);
        refused(
          await http(sim, 'POST', '/mmws/api/DHCPScopes', { dhcpScope: { name: network, rangeRef: range.ref, dhcpServerRef: SERVER, addressPool: { from: `${prefix}.1`, to: `${prefix}.9` } } }),
          /Unknown property "addressPool" in dhcpScope/,
        );
        const scope = await http(sim, 'POST', '/mmws/api/DHCPScopes', { dhcpScope: { name: network, rangeRef: range.ref, dhcpServerRef: SERVER }, saveComment: 'x' });
        assert.equal(scope.status, 201);
        const scopeRef = scope.result?.ref as string;
        assert.deepEqual(ok(await command(sim, transport, 'GetDHCPAddressPools', { dhcpScopeRef: scopeRef }), 'GetDHCPAddressPools').dhcpAddressPools, [], 'no pool until one is added');

        refused(await command(sim, transport, 'AddDHCPAddressPool', { dhcpAddressPool: { from: '10.99.0.1', to: '10.99.0.9', dhcpScopeRef: scopeRef } }), /not inside the scope's range/);
        const pool = ok(await command(sim, transport, 'AddDHCPAddressPool', { dhcpAddressPool: { from: `${prefix}.20`, to: `${prefix}.200`, dhcpScopeRef: scopeRef } }), 'AddDHCPAddressPool');
        assert.match(pool.ref, /^DHCPAddressPools\/\d+$/);
        refused(await command(sim, transport, 'AddDHCPAddressPool', { dhcpAddressPool: { from: `${prefix}.20`, to: `${prefix}.30`, dhcpScopeRef: scopeRef } }), /already has the address pool/);
        const exclusion = ok(await command(sim, transport, 'AddDHCPExclusion', { dhcpExclusion: { from: `${prefix}.20`, to: `${prefix}.29`, dhcpScopeRef: scopeRef } }), 'AddDHCPExclusion');
        refused(await command(sim, transport, 'AddDHCPExclusion', { dhcpExclusion: { from: `${prefix}.25`, to: `${prefix}.35`, dhcpScopeRef: scopeRef } }), /overlaps the exclusion/);
        refused(await command(sim, transport, 'AddDHCPExclusion', { dhcpExclusion: { from: `${prefix}.210`, to: `${prefix}.220`, dhcpScopeRef: scopeRef } }), /not inside the address pool/);
        const exclusions = ok(await command(sim, transport, 'GetDHCPExclusions', { dhcpScopeRef: scopeRef }), 'GetDHCPExclusions');
        assert.deepEqual(exclusions.dhcpExclusions, [{ ref: exclusion.ref, name: `${prefix}.20-${prefix}.29`, from: `${prefix}.20`, to: `${prefix}.29`, dhcpScopeRef: scopeRef }]);
        assert.equal((ok(await command(sim, transport, 'GetDHCPAddressPool', { dhcpAddressPoolRef: pool.ref }), 'GetDHCPAddressPool').dhcpAddressPool as { from: string }).from, `${prefix}.20`);

        const reservation = await http(sim, 'POST', `/mmws/api/${scopeRef}/DHCPReservations`, { dhcpReservation: { name: 'cam', clientIdentifier: `00-15-5d-61-00-0${index}`, addresses: [`${prefix}.50`] } });
        const reservationRef = reservation.result?.ref as string;
        ok(await command(sim, transport, 'SetProperties', { ref: reservationRef, properties: [{ name: 'description', value: 'lobby' }], deleteUnspecified: false }), 'SetProperties');
        const record = ok(await command(sim, transport, 'GetIPAMRecord', { addrRef: `IPAMRecords/${prefix}.50` }), 'GetIPAMRecord').ipamRecord as Record<string, unknown>;
        assert.deepEqual([record.address, record.rangeRef, (record.dhcpReservations as Array<{ description: string }>).map((r) => r.description)], [`${prefix}.50`, range.ref, ['lobby']]);

        refused(await command(sim, transport, 'RemoveObject', { ref: range.ref }), /holds DHCP scopes/);
        refused(await command(sim, transport, 'RemoveObject', { ref: exclusion.ref, objType: 'Range' }), /is a DHCPExclusion, not a Range/);
        ok(await command(sim, transport, 'RemoveObject', { ref: exclusion.ref, objType: 'DHCPExclusion' }), 'RemoveObject exclusion');
        ok(await command(sim, transport, 'RemoveObject', { ref: reservationRef }), 'RemoveObject reservation');
        ok(await command(sim, transport, 'RemoveObject', { ref: scopeRef }), 'RemoveObject scope');
        ok(await command(sim, transport, 'RemoveObject', { ref: range.ref }), 'RemoveObject range');
        refused(await command(sim, transport, 'GetRange', { rangeRef: range.ref }), /no IPAM range/);
      });
    }

    it('serves the same lifecycle over REST: Ranges, pools, exclusions, IPAM records, reservations and options by ref', async () => {
      const network = '10.61.9.0/24';
      const range = await http(sim, 'POST', '/mmws/api/Ranges', { range: { name: network }, saveComment: 'x' });
      assert.equal(range.status, 201);
      const rangeRef = range.result?.ref as string;
      const page = await http(sim, 'GET', `/mmws/api/Ranges?filter=${encodeURIComponent('name=^"10.61.9."')}&limit=1`);
      assert.deepEqual([(page.result?.ranges as Array<{ ref: string }>).map((r) => r.ref), page.result?.totalResults], [[rangeRef], 1]);
      assert.equal(((await http(sim, 'GET', `/mmws/api/Ranges/${network}`)).result?.range as { ref: string }).ref, rangeRef, 'by unique name');

      const scopeRef = (await http(sim, 'POST', '/mmws/api/DHCPScopes', { dhcpScope: { name: 'Lab', rangeRef: `Ranges/${network}`, dhcpServerRef: SERVER } })).result?.ref as string;
      assert.equal(((await http(sim, 'GET', `/mmws/api/${scopeRef}`)).result?.dhcpScope as { rangeRef: string }).rangeRef, rangeRef, 'a numeric rangeRef in answers');
      const pool = await http(sim, 'POST', `/mmws/api/${scopeRef}/DHCPAddressPools`, { dhcpAddressPool: { from: '10.61.9.10', to: '10.61.9.200' } });
      assert.equal(pool.status, 201);
      const exclusion = await http(sim, 'POST', `/mmws/api/${scopeRef}/DHCPExclusions`, { dhcpExclusion: { from: '10.61.9.10', to: '10.61.9.19' } });
      assert.equal(exclusion.status, 201);
      assert.equal(((await http(sim, 'GET', `/mmws/api/${scopeRef}/DHCPExclusions`)).result?.dhcpExclusions as unknown[]).length, 1);

      const options = [{ option: '3', value: '10.61.9.1' }, { option: '6', value: ' 10.0.0.53 , 10.0.1.53 ' }];
      assert.equal((await http(sim, 'PUT', `/mmws/api/${scopeRef}/Options`, { dhcpOptions: options, saveComment: 'x' })).status, 204);
      assert.deepEqual((await http(sim, 'GET', `/mmws/api/${scopeRef}/Options`)).result?.dhcpOptions, options, 'exactly what was sent');

      const reservationRef = (await http(sim, 'POST', `/mmws/api/${scopeRef}/DHCPReservations`, { dhcpReservation: { name: 'p', clientIdentifier: '00-15-5d-61-09-01', addresses: ['10.61.9.60'] } })).result?.ref as string;
      const put = await http(sim, 'PUT', `/mmws/api/${reservationRef}`, { ref: reservationRef, properties: [{ name: 'addresses', value: '10.61.9.61' }], deleteUnspecified: true });
      assert.equal(put.status, 204, JSON.stringify(put.error));
      const record = (await http(sim, 'GET', '/mmws/api/IPAMRecords/10.61.9.61')).result?.ipamRecord as { dhcpReservations: Array<{ ref: string }>; rangeRef: string };
      assert.deepEqual([record.dhcpReservations.map((r) => r.ref), record.rangeRef], [[reservationRef], rangeRef]);
      assert.equal((await http(sim, 'DELETE', `/mmws/api/${reservationRef}`)).status, 204);
      assert.equal((await http(sim, 'DELETE', `/mmws/api/${exclusion.result?.ref as string}`)).status, 204);
      assert.equal((await http(sim, 'DELETE', `/mmws/api/${pool.result?.ref as string}`)).status, 204);
      const busy = await http(sim, 'DELETE', `/mmws/api/${rangeRef}`);
      assert.equal(busy.status, 400);
      assert.match(busy.error?.message ?? '', /holds DHCP scopes/);
      assert.equal((await http(sim, 'DELETE', `/mmws/api/${scopeRef}`)).status, 204);
      assert.equal((await http(sim, 'DELETE', `/mmws/api/${rangeRef}`)).status, 204);
      // "No such object" is a 404 in the demo profile and a 400 (with its code) in the strict one, as on a v2 appliance.
      const gone = await http(sim, 'GET', `/mmws/api/${rangeRef}`);
      assert.equal(gone.status, strict ? 400 : 404);
      assert.equal(gone.error?.code, 2049);
    });
  });
}

describe('simulator data file version 1 (before ranges)', () => {
  it('is migrated: a range per network the scopes use, ids for pools and exclusions, saved as version 2', () => {
    const current = JSON.parse(JSON.stringify(SimulatorModel.fromSeed('demo').toJSON())) as Record<string, unknown> & {
      nextIds: Record<string, number>;
      scopes: Array<{ name: string; pool: Record<string, unknown> | null; exclusions: Array<Record<string, unknown>> }>;
    };
    const old = { ...current, version: 1 };
    delete (old as { ranges?: unknown }).ranges;
    delete old.nextIds.range;
    delete old.nextIds.addressBlock;
    for (const scope of old.scopes) {
      delete scope.pool?.id;
      for (const exclusion of scope.exclusions) delete exclusion.id;
    }
    const model = SimulatorModel.load(old);
    const saved = model.toJSON();
    assert.equal(saved.version, 2);
    assert.deepEqual(new Set(saved.ranges.map((r) => r.name)), new Set(saved.scopes.map((s) => s.name)));
    const blockIds = saved.scopes.flatMap((s) => [...(s.pool ? [s.pool.id] : []), ...s.exclusions.map((e) => e.id)]);
    assert.equal(new Set(blockIds).size, blockIds.length, 'every pool and exclusion has its own id');
    const [scope] = model.listScopes({ limit: 1 }).dhcpScopes;
    assert.equal((model.execute('GetRange', { rangeRef: scope.rangeRef }) as { range: { name: string } }).range.name, scope.name);
    assert.match(String((model.execute('AddRange', { range: { name: '10.63.0.0/24' } }) as { ref: string }).ref), new RegExp(`^Ranges/${saved.nextIds.range}$`));
  });
});
