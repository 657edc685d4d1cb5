// Remove from Failover… (Delete or Disable the partner's instance) and Remove Scope Instance….
import * as assert from 'node:assert/strict';
import {
  assertCleanRun,
  child,
  children,
  eventually,
  isScopeRow,
  label,
  newScope,
  normalRelationship,
  relationship,
  relationshipNode,
  run,
  scopeOn,
  twoServerFixture,
} from './extensionUnderTest';
import type { TreeNode } from '../../src/ui/tree/nodes/treeNode';
import { accept, decline, pick } from './scriptedPrompts';

describe('Scope commands', () => {
  const fixture = twoServerFixture();

  it('removes a scope from failover from its node, disabling the partner’s instance', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const [kept, removed] = await normalRelationship(client, primary, secondary, 'it-scope-disable', 2);
    api.views.refreshAll();

    const scopeNode = await child(api.views.servers, await relationshipNode(harness, primary, 'it-scope-disable'), removed.name);
    prompts.script(pick(`Disable the scope on ${secondary.name}`), accept());
    await run('removeScopeFromFailover', scopeNode);
    assertCleanRun(prompts);
    assert.equal(prompts.questions[1].title, `Remove the scope ${removed.name} from the failover relationship "it-scope-disable"?`);
    assert.match(prompts.confirmations[0], new RegExp(`stays on ${primary.name} .*with ${secondary.name}.* on ${secondary.name} stays, disabled`));

    assert.deepEqual((await relationship(client, primary, 'it-scope-disable')).dhcpScopeRefs, [kept.ref]);
    const partnerInstance = await scopeOn(client, secondary, removed.name);
    assert.ok(partnerInstance, 'the partner keeps its instance');
    assert.equal(partnerInstance.enabled, false, 'disabled');
    const shown = (await children(api.views.servers, await relationshipNode(harness, primary, 'it-scope-disable'))).map(label);
    assert.deepEqual(shown, [kept.name]);
  });

  it('removes a scope from failover from the palette, deleting the partner’s instance', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-scope-delete');
    harness.api.views.refreshAll();

    prompts.script(pick('it-scope-delete'), pick(scope.name), pick(`Delete the scope on ${secondary.name}`), decline());
    await run('removeScopeFromFailover');
    assert.deepEqual(prompts.errors, [], 'declining is silent');
    assert.deepEqual((await relationship(client, primary, 'it-scope-delete')).dhcpScopeRefs, [scope.ref], 'declining changes nothing');

    prompts.script(pick('it-scope-delete'), pick(scope.name), pick(`Delete the scope on ${secondary.name}`), accept());
    await run('removeScopeFromFailover');
    assertCleanRun(prompts);
    assert.match(prompts.confirmations[0], new RegExp(`Its instance on ${secondary.name} is deleted`));
    assert.deepEqual((await relationship(client, primary, 'it-scope-delete')).dhcpScopeRefs, []);
    assert.equal(await scopeOn(client, secondary, scope.name), undefined);
    assert.ok(await scopeOn(client, primary, scope.name), 'the primary keeps the scope');
  });

  it('removes one scope instance from the palette after confirmation; declining keeps it', async () => {
    const { harness, primary } = fixture;
    const { client, prompts } = harness;
    const scope = await newScope(client, primary);
    harness.api.views.refreshAll();

    prompts.script(pick(primary.name), pick(scope.name), decline());
    await run('removeScopeInstance');
    assert.deepEqual(prompts.errors, []);
    assert.ok(await scopeOn(client, primary, scope.name));

    prompts.script(pick(primary.name), pick(scope.name), accept());
    await run('removeScopeInstance');
    assertCleanRun(prompts);
    assert.equal(await scopeOn(client, primary, scope.name), undefined);
  });

  it('removes one instance of a failover scope from its Scopes row: the partner’s stays, independent', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-instance');
    api.views.refreshAll();

    // Both instances in one row: where relationships are read one server at a time, the row pairs them once both
    // servers' relationships are read.
    let row: TreeNode | undefined;
    await eventually('the scope’s row to hold both instances', async () => {
      row = (await children(api.views.scopes)).find((node) => isScopeRow(node) && node.instances.some((instance) => instance.scope.ref === scope.ref));
      return row !== undefined && isScopeRow(row) && row.instances.length === 2;
    });
    assert.ok(row);
    prompts.script(pick(secondary.name), accept());
    await run('removeScopeInstance', row);
    assertCleanRun(prompts);
    assert.match(prompts.confirmations[0], /leaves the relationship first/);
    assert.equal(await scopeOn(client, secondary, scope.name), undefined);
    const remaining = await scopeOn(client, primary, scope.name);
    assert.ok(remaining, 'the primary’s instance stays');
    assert.deepEqual((await relationship(client, primary, 'it-instance')).dhcpScopeRefs, []);
  });
});
