// Replicate Scope…, Replicate Failover Relationship…, Replicate All Failover Scopes on Server…: the source's
// content replaces the destination's, after a confirmation naming source → destination.
import * as assert from 'node:assert/strict';
import type { MicetroClient } from '../../src/api/micetroClient';
import type { DHCPServer } from '../../src/api/types';
import { assertCleanRun, child, normalRelationship, relationshipNode, run, scopeOn, serverNode, twoServerFixture } from './extensionUnderTest';
import { accept, decline, pick } from './scriptedPrompts';

/** Gives the primary's instance a router option the partner's lacks; returns the partner's instance ref. */
async function drift(client: MicetroClient, primary: DHCPServer, secondary: DHCPServer, name: string, router: string): Promise<string> {
  const source = await scopeOn(client, primary, name);
  const destination = await scopeOn(client, secondary, name);
  assert.ok(source && destination);
  await client.setScopeOptions(source.ref, [{ option: '3', value: router }]);
  return destination.ref;
}

async function router(client: MicetroClient, scopeRef: string): Promise<string | undefined> {
  return (await client.getScopeOptions(scopeRef)).find((option) => option.option === '3')?.value;
}

describe('Replication commands', () => {
  const fixture = twoServerFixture();

  it('replicates one scope from its node after confirming source → destination; declining copies nothing', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-replicate-scope');
    const destination = await drift(client, primary, secondary, scope.name, '10.250.99.1');
    api.views.refreshAll();
    const node = await child(api.views.servers, await relationshipNode(harness, primary, 'it-replicate-scope'), scope.name);

    prompts.script(decline());
    await run('replicateScope', node);
    assert.equal(await router(client, destination), undefined);

    prompts.script(accept());
    await run('replicateScope', node);
    assertCleanRun(prompts);
    assert.match(prompts.confirmations[0], new RegExp(`from ${primary.name} to ${secondary.name}.*replaced`, 's'));
    assert.equal(await router(client, destination), '10.250.99.1');
  });

  it('replicates a relationship from the palette in the direction picked', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-replicate-relationship');
    const destination = await drift(client, primary, secondary, scope.name, '10.250.98.1');
    harness.api.views.refreshAll();

    prompts.script(pick('it-replicate-relationship'), pick(`${primary.name} → ${secondary.name}`), accept());
    await run('replicateRelationship');
    assertCleanRun(prompts);
    assert.equal(await router(client, destination), '10.250.98.1');
  });

  it('replicates every failover scope of a server from its node', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-replicate-server');
    const destination = await drift(client, primary, secondary, scope.name, '10.250.97.1');
    api.views.refreshAll();

    prompts.script(accept());
    await run('replicateServer', await serverNode(harness, primary));
    assertCleanRun(prompts);
    assert.match(prompts.confirmations[0], new RegExp(`Source: ${primary.name}\\. Destination: .*${secondary.name}`, 's'));
    assert.equal(await router(client, destination), '10.250.97.1');
  });
});
