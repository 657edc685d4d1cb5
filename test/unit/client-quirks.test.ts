// The extension's read and write paths against every quirk of the strict simulator, one at a time and all together
// (the `micetro` profile): the views must show what they show against the demo profile (apart from live state), and
// removing a relationship must leave no scope enabled on both servers, however Micetro answers.
import assert from 'node:assert/strict';
import { MicetroClient } from '../../src/api/micetroClient';
import { scopesOnServer } from '../../src/api/scopesOnServer';
import type { DHCPServer } from '../../src/api/types';
import { pairScopeCount, type FailoverPair } from '../../src/failover';
import { QUIRKS } from '../../src/simulator/quirks';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/server';
import { removeFailoverPair } from '../../src/ui/commands/relationshipRemoval';
import { InventoryCache } from '../../src/ui/tree/inventoryCache';
import { addScopeIn, newRelationship, settle, twoServers } from '../shared/simulatorFixtures';

const PASSWORD = 'quirks-pw';

/** What the views show of the demo inventory, with nothing that depends on live state. */
interface Shown {
  /** Per server: its relationships as `name: primary → secondary, N scopes`. */
  relationships: Record<string, string[]>;
  /** Per server: its scopes as `ref network`. */
  scopes: Record<string, string[]>;
}

const pairText = (pair: FailoverPair) => `${pair.name}: ${pair.primary.server.name} → ${pair.secondary.server.name}, ${pairScopeCount(pair)} scopes`;

async function shown(client: MicetroClient): Promise<Shown> {
  const cache = new InventoryCache(() => client);
  const servers = await cache.getServers();
  const result: Shown = { relationships: {}, scopes: {} };
  // The Servers view: each server expanded on its own, then the palettes' every-relationship listing.
  for (const server of servers) {
    result.relationships[server.name] = (await cache.getPairs(server.ref)).map(pairText).sort();
    result.scopes[server.name] = (await cache.getScopes(server.ref)).map((scope) => `${scope.ref} ${scope.network ?? '?'}`).sort();
  }
  const { pairs, unreadable } = await cache.getAllPairs();
  assert.deepEqual(unreadable, []);
  for (const server of servers) {
    const listed = pairs.filter((pair) => pair.primary.server.ref === server.ref || pair.secondary.server.ref === server.ref).map(pairText).sort();
    assert.deepEqual(listed, result.relationships[server.name], `every relationship of ${server.name} in the all-servers reading`);
  }
  return result;
}

const OPTION_SETS: Array<{ name: string; options: SimulatorOptions }> = [
  ...QUIRKS.map((quirk) => ({ name: `quirk ${quirk.name}`, options: { quirks: [quirk.name] } })),
  { name: 'the micetro profile (every quirk)', options: { profile: 'micetro' } },
];

describe('the client against each quirk of a real Micetro', () => {
  let reference: Shown;

  before(async () => {
    const demo = await startSimulator({ seed: 'demo', password: PASSWORD });
    try {
      reference = await shown(new MicetroClient({ baseUrl: demo.url, username: 'admin', password: PASSWORD }));
    } finally {
      await demo.close();
    }
  });

  for (const { name, options } of OPTION_SETS) {
    describe(name, () => {
      let sim: RunningSimulator;
      let client: MicetroClient;
      before(async () => {
        sim = await startSimulator({ seed: 'demo', password: PASSWORD, ...options });
        client = new MicetroClient({ baseUrl: sim.url, username: 'admin', password: PASSWORD });
      });
      after(async () => {
        client.dispose();
        await sim.close();
      });

      it('shows every server’s relationships and scopes, with their networks, as against the demo profile', async () => {
        assert.deepEqual(await shown(client), reference);
      });

      it('removes a relationship with scopes and leaves no copy enabled on the other server', async () => {
        const [primary, secondary]: [DHCPServer, DHCPServer] = await twoServers(client);
        const relationshipName = `quirk-${name.replace(/\W+/g, '-')}`.slice(0, 60);
        await newRelationship(client, primary, secondary, relationshipName);
        const scopeRef = await addScopeIn(client, '10.240.1.0/24', primary);
        await client.addScopesToFailoverRelationship(primary.ref, relationshipName, [scopeRef]);
        await settle(client);
        const cache = new InventoryCache(() => client);
        const pair = (await cache.getPairs(primary.ref)).find((candidate) => candidate.name === relationshipName);
        assert.ok(pair, 'the new relationship is shown');

        const outcome = await removeFailoverPair(client, { pair, keeper: pair.primary, action: 'Disable' }, (error) => String(error));
        assert.deepEqual(outcome.enabledCopies, []);
        const { rangeRef } = await client.getDHCPScope(scopeRef);
        const copies = (await scopesOnServer(client, secondary.ref)).filter((scope) => scope.rangeRef === rangeRef);
        assert.deepEqual(copies.map((copy) => copy.enabled), [false], 'the partner keeps one copy, disabled');
        assert.ok(!(await client.getDHCPFailoverRelationships(primary.ref)).some((record) => record.name === relationshipName), 'the relationship is gone');
      });
    });
  }
});
