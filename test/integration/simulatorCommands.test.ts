// Stop / Start DHCP Server, Cut / Restore Link, Set Partner Down: the simulator's state machine shows in the tree.
import * as assert from 'node:assert/strict';
import { buildFailoverPairs } from '../../src/failover';
import {
  assertCleanRun,
  description,
  newRelationship,
  normalRelationship,
  relationship,
  relationshipNode,
  run,
  serverNode,
  settle,
  shownState,
  STATES_REPORTED,
  twoServerFixture,
} from './extensionUnderTest';
import { pick } from './scriptedPrompts';

describe('Simulator commands', () => {
  const fixture = twoServerFixture();

  before(() => normalRelationship(fixture.harness.client, fixture.primary, fixture.secondary, 'it-sim'));

  it('cuts and restores the link of a relationship from its node', async () => {
    const { harness, primary } = fixture;
    const { client, prompts } = harness;
    prompts.script();
    await run('cutLink', await relationshipNode(harness, primary, 'it-sim'));
    assertCleanRun(prompts);
    assert.equal((await relationship(client, primary, 'it-sim')).state, 'CommunicationInterrupted');
    const cut = await relationshipNode(harness, primary, 'it-sim');
    assert.ok(description(cut).includes(shownState('Communication interrupted')), description(cut));
    if (STATES_REPORTED) assert.match(String(cut.toTreeItem().contextValue), /communicationInterrupted/);

    await run('restoreLink', cut);
    assertCleanRun(prompts);
    await settle(client);
    assert.equal((await relationship(client, primary, 'it-sim')).state, 'Normal');
  });

  it('offers from the palette only Normal links to cut, and only interrupted links to restore', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts } = harness;
    await newRelationship(client, primary, secondary, 'it-sim-empty');
    harness.api.views.refreshAll();
    prompts.script(pick('it-sim'));
    await run('cutLink');
    assertCleanRun(prompts);
    const cuttable = prompts.questions[0].choices;
    assert.ok(!cuttable.includes('it-sim-empty'), 'an Empty relationship has no link to cut');
    assert.equal((await relationship(client, primary, 'it-sim')).state, 'CommunicationInterrupted');

    prompts.script(pick('it-sim'));
    await run('restoreLink');
    assertCleanRun(prompts);
    // The choices were read before the restore: each was interrupted then, as its primary saw it.
    const servers = await client.getDHCPServers();
    const pairs = buildFailoverPairs(await client.getDHCPFailoverRelationships(primary.ref), servers);
    for (const name of prompts.questions[0].choices.filter((choice) => choice !== 'it-sim')) {
      // Offered relationships of other servers were interrupted too; the ones of this primary are checked here.
      const pair = pairs.find((candidate) => candidate.name === name);
      if (!pair) continue;
      assert.match((await relationship(client, pair.primary.server, name)).state, /^(CommunicationInterrupted|PartnerDown)$/, name);
    }
    await settle(client);
    assert.equal((await relationship(client, primary, 'it-sim')).state, 'Normal');
  });

  it('sets the partner down from the palette after the link was cut', async () => {
    const { harness, primary } = fixture;
    const { client, prompts } = harness;
    await client.command('SimCutLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-sim' });
    harness.api.views.refreshAll();

    prompts.script(pick(new RegExp(`^it-sim ${primary.name.replace(/\./g, '\\.')} declares`)));
    await run('setPartnerDown');
    assertCleanRun(prompts);
    assert.equal((await relationship(client, primary, 'it-sim')).state, 'PartnerDown');
    assert.ok(description(await relationshipNode(harness, primary, 'it-sim')).includes(shownState('Partner down')));

    await client.command('SimRestoreLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-sim' });
    await settle(client);
  });

  it('stops and starts a DHCP server; its partner sees the interruption', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts } = harness;
    prompts.script();
    await run('stopServer', await serverNode(harness, secondary));
    assertCleanRun(prompts);
    const stopped = await serverNode(harness, secondary);
    assert.match(description(stopped), /Service Down/);
    assert.match(String(stopped.toTreeItem().contextValue), /stopped/);
    assert.equal((await relationship(client, primary, 'it-sim')).state, 'CommunicationInterrupted');

    prompts.script(pick(secondary.name));
    await run('startServer');
    assertCleanRun(prompts);
    assert.doesNotMatch(description(await serverNode(harness, secondary)), /Service Down/);
    await settle(client);
    assert.equal((await relationship(client, primary, 'it-sim')).state, 'Normal');
  });
});
