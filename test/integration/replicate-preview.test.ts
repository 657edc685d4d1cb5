// The preview every replicate confirms with: its counts are what the simulator then changes on the destination (read
// through a client before and after), Show Changes opens the diff of the destination now and after, and a replicate
// that changes nothing says so and is not sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MicetroClient } from '../../src/api/micetroClient';
import type { DHCPServer } from '../../src/api/types';
import { describeChanges, readScopeContent, scopeContentText, scopeDifferences, type ScopeContent } from '../../src/failover';
import { activeDiff, assertCleanRun, child, normalRelationship, relationshipNode, run, scopeOn, serverNode, twoServerFixture, type Harness } from './extensionUnderTest';
import { accept, answer, decline, pick } from './scriptedPrompts';

/** The instance of `name` on `server`, read as the preview reads it. */
async function contentOn(client: MicetroClient, server: DHCPServer, name: string): Promise<ScopeContent> {
  const scope = (await scopeOn(client, server, name)) ?? assert.fail(`${name} is on ${server.name}`);
  return readScopeContent(client, scope);
}

/** `10.250.7.0/24` → `10.250.7.` */
const prefix = (network: string): string => network.replace(/0\/24$/, '');

/**
 * Makes the two copies of `network` differ: on the source a reservation, an exclusion and a router option the
 * destination lacks; on the destination a reservation the source lacks (which the replicate removes).
 */
async function drift(client: MicetroClient, source: DHCPServer, destination: DHCPServer, network: string): Promise<void> {
  const base = prefix(network);
  const sourceScope = (await scopeOn(client, source, network)) ?? assert.fail('source copy');
  const destinationScope = (await scopeOn(client, destination, network)) ?? assert.fail('destination copy');
  await client.command('SimChangeScopeCopy', {
    dhcpScopeRef: sourceScope.ref,
    addReservation: { name: 'badge-reader', clientIdentifier: '00-15-5d-00-0b-01', addresses: [`${base}40`] },
    setOption: { option: '3', value: `${base}1` },
    addExclusion: { from: `${base}200`, to: `${base}209` },
  });
  await client.command('SimChangeScopeCopy', {
    dhcpScopeRef: destinationScope.ref,
    addReservation: { name: 'old-kiosk', clientIdentifier: '00-15-5d-00-0b-02', addresses: [`${base}41`] },
  });
}

/** Counts the extension's ReplicateDHCPFailover calls while `work` runs. */
async function replicateCalls(harness: Harness, work: () => Promise<void>): Promise<number> {
  const current = harness.api.connection.current;
  assert.notEqual(current.kind, 'none');
  if (current.kind === 'none') return 0;
  const client = current.client;
  const original = client.replicateFailover.bind(client);
  let calls = 0;
  client.replicateFailover = (params) => {
    calls += 1;
    return original(params);
  };
  try {
    await work();
  } finally {
    client.replicateFailover = original;
  }
  return calls;
}

describe('Replicate preview', () => {
  const fixture = twoServerFixture();
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it("counts exactly what the replicate then changes on the destination, and says nothing when they're the same", async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-preview-scope');
    await drift(client, primary, secondary, scope.name);
    api.views.refreshAll();
    const node = await child(api.views.servers, await relationshipNode(harness, primary, 'it-preview-scope'), scope.name);
    const before = await contentOn(client, secondary, scope.name);

    prompts.script(accept());
    assert.equal(await replicateCalls(harness, () => run('replicateScope', node)), 1);
    assertCleanRun(prompts);
    const after = await contentOn(client, secondary, scope.name);
    const changed = describeChanges(scopeDifferences(before, after));
    assert.equal(changed, '1 exclusion added, 1 reservation added, 1 removed, 1 option added');
    assert.equal(prompts.questions[0].title, `Replicate the scope ${scope.name} from ${primary.name} to ${secondary.name}?`);
    assert.deepEqual(prompts.questions[0].choices, ['Replicate', 'Show Changes']);
    assert.equal(prompts.confirmations[0].split('\n')[0], `${prompts.questions[0].title} ${secondary.name}: ${changed}`);
    assert.deepEqual(scopeDifferences(after, await contentOn(client, primary, scope.name)), [], 'the copies are the same now');

    api.views.refreshAll();
    prompts.script();
    assert.equal(await replicateCalls(harness, () => run('replicateScope', node)), 0, 'nothing is sent');
    assertCleanRun(prompts);
    assert.deepEqual(prompts.notices, [`${scope.name} is already the same on ${secondary.name}; nothing to replicate.`]);
    assert.deepEqual(await contentOn(client, secondary, scope.name), after);
  });

  it('Show Changes opens the diff of the destination now and after, then asks again in a notification', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-preview-diff');
    await drift(client, primary, secondary, scope.name);
    api.views.refreshAll();
    const node = await child(api.views.servers, await relationshipNode(harness, primary, 'it-preview-diff'), scope.name);
    const before = await contentOn(client, secondary, scope.name);

    prompts.script(answer('Show Changes'), decline());
    assert.equal(await replicateCalls(harness, () => run('replicateScope', node)), 0, 'cancelled after looking');
    assertCleanRun(prompts);
    assert.deepEqual(prompts.modal, [true, false], 'the second question is a notification, so the diff stays usable');
    const shown = await activeDiff();
    assert.equal(shown.title, `${secondary.name}: now ↔ after replicate from ${primary.name}`);
    assert.equal(shown.left.uri.scheme, 'dhcp-failover-preview');
    assert.equal(shown.left.getText(), scopeContentText(before));
    assert.deepEqual(await contentOn(client, secondary, scope.name), before, 'nothing changed');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    prompts.script(answer('Show Changes'), accept());
    assert.equal(await replicateCalls(harness, () => run('replicateScope', node)), 1);
    assertCleanRun(prompts);
    const { left, right } = await activeDiff();
    assert.equal(left.getText(), scopeContentText(before));
    assert.equal(right.getText(), scopeContentText(await contentOn(client, secondary, scope.name)), 'the right side is what the destination holds now');
  });

  it('a relationship and a server: per destination how many scopes change and how many are the same', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const scopes = await normalRelationship(client, primary, secondary, 'it-preview-relationship', 3);
    await drift(client, secondary, primary, scopes[1].name);
    api.views.refreshAll();
    const before = await Promise.all(scopes.map((scope) => contentOn(client, primary, scope.name)));

    prompts.script(pick('it-preview-relationship'), pick(`${secondary.name} → ${primary.name}`), answer('Show Changes'), accept());
    await run('replicateRelationship');
    assertCleanRun(prompts);
    const after = await Promise.all(scopes.map((scope) => contentOn(client, primary, scope.name)));
    const changed = describeChanges(scopes.flatMap((_, index) => scopeDifferences(before[index], after[index])));
    assert.equal(prompts.confirmations[0].split('\n')[0], `${prompts.questions[2].title} ${primary.name}: ${changed} (1 scope changes, 2 already the same)`);
    const { left, right } = await activeDiff();
    assert.equal(left.getText(), scopeContentText(before[1]), 'only the changed scope is listed');
    assert.equal(right.getText(), scopeContentText(after[1]));

    // Every failover scope of the server, across its relationships: all the same now.
    api.views.refreshAll();
    prompts.script();
    const server = await serverNode(harness, secondary);
    assert.equal(await replicateCalls(harness, () => run('replicateServer', server)), 0);
    assert.match(prompts.notices[0] ?? '', new RegExp(`failover scopes of ${secondary.name} are already the same on .*${primary.name}.*; nothing to replicate\\.$`));
  });
});

describe('Remove previews', () => {
  const fixture = twoServerFixture();

  it('Remove from Failover… says what each server keeps and what only the deleted copy holds', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-preview-remove-scope');
    await drift(client, primary, secondary, scope.name);
    api.views.refreshAll();
    const node = await child(api.views.servers, await relationshipNode(harness, primary, 'it-preview-remove-scope'), scope.name);

    prompts.script(pick(`Delete the scope on ${secondary.name}`), decline());
    await run('removeScopeFromFailover', node);
    assertCleanRun(prompts);
    assert.ok(
      prompts.confirmations[0].endsWith(
        `${primary.name} keeps ${scope.name} and its 1 reservation, enabled; ${secondary.name}'s copy is deleted. ` +
          `The copies differ: ${secondary.name}'s has 1 exclusion removed, 1 reservation added, 1 removed, 1 option removed, which is lost with it.`,
      ),
      prompts.confirmations[0],
    );
  });

  it('Remove Failover Relationship… says per server how many scopes stay, in what state, and which copies differ', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const scopes = await normalRelationship(client, primary, secondary, 'it-preview-remove-relationship', 2);
    await drift(client, secondary, primary, scopes[0].name);
    api.views.refreshAll();

    prompts.script(pick('it-preview-remove-relationship'), pick(secondary.name), pick(`Disable the scopes on ${primary.name}`), decline());
    await run('removeRelationship');
    assertCleanRun(prompts);
    assert.ok(
      prompts.confirmations[0].endsWith(
        `${secondary.name} keeps its 2 scopes (enabled); ${primary.name}'s 2 copies stay, disabled. 1 scope differs between the servers; ` +
          `what ${primary.name}'s copies have stays only in the disabled copies: ${scopes[0].name} (1 exclusion removed, 1 reservation added, 1 removed, 1 option removed).`,
      ),
      prompts.confirmations[0],
    );
  });
});
