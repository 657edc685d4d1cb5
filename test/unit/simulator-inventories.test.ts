// The seeded inventories: demo has what it promises; large meets its size and limits and builds fast.
import assert from 'node:assert/strict';
import type { DHCPFailoverRelationship } from '../../src/api/types';
import { MAX_RELATIONSHIPS_PER_SERVER } from '../../src/failover';
import { SimulatedClock, SimulatorModel } from '../../src/simulator/model';

const frozen = () => new SimulatedClock({ start: Date.UTC(2025, 0, 1), speed: 0 });

function relationships(model: SimulatorModel): DHCPFailoverRelationship[] {
  return (model.execute('GetDHCPFailoverRelationships', {}) as { dhcpFailoverRelationships: DHCPFailoverRelationship[] }).dhcpFailoverRelationships;
}

describe('simulator inventories', () => {
  describe('demo', () => {
    const model = SimulatorModel.fromSeed('demo', frozen());
    const all = relationships(model);

    it('has 6–10 Microsoft DHCP servers with realistic names, one ISC server, and about 40 scopes', () => {
      const servers = model.listServers({}).dhcpServers;
      const microsoft = servers.filter((s) => s.type === 'MSDHCP');
      assert.ok(microsoft.length >= 6 && microsoft.length <= 10);
      assert.ok(microsoft.every((s) => /^dhcp-[a-z]{3}-\d\d\.corp\.example$/.test(s.name)));
      assert.equal(servers.filter((s) => s.type === 'ISC').length, 1);
      const scopes = model.listScopes({}).totalResults;
      assert.ok(scopes >= 35 && scopes <= 45, `${scopes} scopes`);
    });

    it('has both modes and several splits', () => {
      const splits = new Set(all.map((r) => `${r.failoverMode} ${r.percentage}`));
      for (const split of ['LoadBalance 50', 'LoadBalance 70', 'HotStandby 5', 'HotStandby 10']) assert.ok(splits.has(split), split);
    });

    it('has Normal, Empty, CommunicationInterrupted (link cut), PartnerDown and a server down', () => {
      const states = new Set(all.map((r) => r.state));
      for (const state of ['Normal', 'Empty', 'CommunicationInterrupted', 'PartnerDown']) assert.ok(states.has(state), state);
      assert.ok(model.listServers({ filter: 'state="Service Down"' }).totalResults >= 1);
      const cut = all.find((r) => r.name === 'sin-standby');
      assert.deepEqual([cut?.state], ['CommunicationInterrupted']);
    });

    it('has a pair whose instances drift apart (options and reservations differ)', () => {
      const drifted = all.filter((r) => r.failoverServerType === 'PrimaryServer').some((rel) => {
        const partner = all.find((r) => r.name === rel.name && r.failoverServerType === 'SecondaryServer') as DHCPFailoverRelationship;
        return rel.dhcpScopeRefs.some((ref, i) => {
          const mine = { options: model.getScopeOptions(ref), reservations: model.getReservations(ref).map((r) => r.addresses) };
          const theirs = { options: model.getScopeOptions(partner.dhcpScopeRefs[i]), reservations: model.getReservations(partner.dhcpScopeRefs[i]).map((r) => r.addresses) };
          return JSON.stringify(mine.options) !== JSON.stringify(theirs.options) && JSON.stringify(mine.reservations) !== JSON.stringify(theirs.reservations);
        });
      });
      assert.ok(drifted);
    });

    it('has scopes not in any relationship', () => {
      const inFailover = new Set(all.flatMap((r) => r.dhcpScopeRefs));
      assert.ok(model.listScopes({}).dhcpScopes.filter((s) => !inFailover.has(s.ref)).length >= 5);
    });

    it('is deterministic', () => {
      const again = SimulatorModel.fromSeed('demo', frozen());
      assert.deepEqual(JSON.parse(JSON.stringify(again.toJSON())), JSON.parse(JSON.stringify(model.toJSON())));
    });
  });

  it('empty has no servers', () => {
    const model = SimulatorModel.fromSeed('empty', frozen());
    assert.equal(model.listServers({}).totalResults, 0);
    assert.deepEqual(relationships(model), []);
  });

  it('a sized inventory has exactly the servers and scopes asked for', () => {
    const model = SimulatorModel.fromSeed({ servers: 7, scopes: 300 }, frozen());
    assert.equal(model.listServers({}).totalResults, 7);
    assert.equal(model.listScopes({}).totalResults, 300);
    assert.throws(() => SimulatorModel.fromSeed({ servers: 1, scopes: 10 }, frozen()), /2 to 5000 servers/);
  });

  it('large: 500 servers, 50,000 scopes, ≤31 relationships per server, a 2,000-scope server, a 1,000-scope relationship, built in under 3 s', () => {
    // CPU time, not wall time: other processes share the machine's cores during a test run.
    const started = process.cpuUsage();
    const model = SimulatorModel.fromSeed('large', frozen());
    const { user, system } = process.cpuUsage(started);
    assert.ok((user + system) / 1000 < 3000, `built in ${(user + system) / 1000} ms of CPU time`);
    assert.ok(process.memoryUsage().rss < 400e6, `RSS ${process.memoryUsage().rss / 1e6} MB`);
    assert.equal(model.listServers({}).totalResults, 500);
    assert.equal(model.listScopes({ limit: 1 }).totalResults, 50_000);
    let biggest = 0;
    let largestRelationship = 0;
    for (let id = 1; id <= 500; id++) {
      const ofServer = (model.execute('GetDHCPFailoverRelationships', { dhcpServerRef: `DHCPServers/${id}` }) as { dhcpFailoverRelationships: DHCPFailoverRelationship[] }).dhcpFailoverRelationships;
      assert.ok(ofServer.length <= MAX_RELATIONSHIPS_PER_SERVER);
      for (const rel of ofServer) largestRelationship = Math.max(largestRelationship, rel.dhcpScopeRefs.length);
      biggest = Math.max(biggest, model.listScopes({ filter: `dhcpServerRef=DHCPServers/${id}`, limit: 0 }).totalResults);
    }
    assert.ok(biggest >= 2000, `biggest server has ${biggest} scopes`);
    assert.ok(largestRelationship >= 1000, `largest relationship has ${largestRelationship} scopes`);
    assert.equal(relationships(model).filter((r) => r.dhcpServerRef === 'DHCPServers/1').length, MAX_RELATIONSHIPS_PER_SERVER);
    const roundTrip = process.cpuUsage();
    const loaded = SimulatorModel.load(JSON.parse(JSON.stringify(model.toJSON())), frozen());
    assert.equal(loaded.listScopes({ limit: 0 }).totalResults, 50_000);
    const cpu = process.cpuUsage(roundTrip);
    assert.ok((cpu.user + cpu.system) / 1000 < 6000, `saved and loaded in ${(cpu.user + cpu.system) / 1000} ms of CPU time`);
  });
});
