// Add Scopes to Failover Relationship… (from a relationship, a Scopes row, the palette), Remove Failover
// Relationship… (with and without scopes), and a Micetro error from an invalid change reaching the user.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { buildFailoverPairs } from '../../src/failover';
import { RelationshipNode } from '../../src/ui/tree/nodes/relationshipNode';
import { ServerNode } from '../../src/ui/tree/nodes/serverNode';
import {
  addScopeIn,
  assertCleanRun,
  child,
  children,
  description,
  isScopeRow,
  label,
  newRelationship,
  newScope,
  normalRelationship,
  relationship,
  relationshipNode,
  run,
  scopeOn,
  serverNode,
  settle,
  shownState,
  STATES_REPORTED,
  eventually,
  freshSimulator,
  simulatorClient,
  twoServerFixture,
} from './extensionUnderTest';
import { accept, decline, pick, pickMany } from './scriptedPrompts';

describe('Failover relationship commands', () => {
  const fixture = twoServerFixture();

  it('adds scopes from a relationship node: the scopes join it, are copied to the partner and show in the tree', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    await newRelationship(client, primary, secondary, 'it-add-from-node');
    const first = await newScope(client, primary);
    const second = await newScope(client, primary);
    api.views.refreshAll();

    const node = await relationshipNode(harness, primary, 'it-add-from-node');
    assert.match(description(node), /Empty/);
    prompts.script(pickMany(first.name, second.name));
    await run('addScopesToRelationship', node);
    assertCleanRun(prompts);

    const added = await relationship(client, primary, 'it-add-from-node');
    assert.deepEqual(added.dhcpScopeRefs.slice().sort(), [first.ref, second.ref].sort());
    assert.ok(await scopeOn(client, secondary, first.name), 'the scope was copied to the partner');
    const scopes = await children(api.views.servers, await relationshipNode(harness, primary, 'it-add-from-node'));
    assert.deepEqual(scopes.map(label).sort(), [first.name, second.name].sort());
  });

  it('offers only eligible scopes: not in another relationship and absent on the partner', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    await newRelationship(client, primary, secondary, 'it-eligible');
    const eligible = await newScope(client, primary);
    const onPartnerToo = await newScope(client, primary);
    await addScopeIn(client, onPartnerToo.name, secondary, 'already there');
    api.views.refreshAll();

    prompts.script(pick('it-eligible'), pickMany(eligible.name));
    await run('addScopesToRelationship');
    assertCleanRun(prompts);
    const offered = prompts.questions[1].choices;
    assert.ok(offered.includes(eligible.name));
    assert.ok(!offered.includes(onPartnerToo.name), 'a scope that exists on the partner is not offered');
    assert.deepEqual((await relationship(client, primary, 'it-eligible')).dhcpScopeRefs, [eligible.ref]);
  });

  it('adds a scope from its row in the Scopes view to a relationship its server is primary of', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    await newRelationship(client, primary, secondary, 'it-add-from-row');
    const scope = await newScope(client, primary, 'From the Scopes view');
    api.views.refreshAll();

    const rows = await children(api.views.scopes);
    const row = rows.find((node) => isScopeRow(node) && node.instances[0].scope.ref === scope.ref);
    assert.ok(row, 'the new scope has a row');
    assert.match(description(row), new RegExp(`From the Scopes view · ${primary.name}`));
    prompts.script(pick('it-add-from-row'));
    await run('addScopesToRelationship', row);
    assertCleanRun(prompts);
    assert.deepEqual((await relationship(client, primary, 'it-add-from-row')).dhcpScopeRefs, [scope.ref]);

    const after = await children(api.views.scopes);
    const failoverRow = after.find((node) => isScopeRow(node) && node.instances.some((i) => i.scope.ref === scope.ref));
    assert.ok(failoverRow && isScopeRow(failoverRow));
    assert.equal(failoverRow.instances.length, 2, 'one row for both instances');
    assert.match(description(failoverRow), new RegExp(`${primary.name} ⇄ ${secondary.name} · it-add-from-row`));
  });

  it('offers a standalone scope only the relationships whose partner does not have its network', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const third = (await client.getDHCPServers()).find(
      (server) => server.type === 'MSDHCP' && server.state === 'OK' && server.ref !== primary.ref && server.ref !== secondary.ref,
    );
    assert.ok(third, 'the demo inventory has a third healthy Microsoft server');
    await newRelationship(client, primary, secondary, 'it-row-free');
    await newRelationship(client, primary, third, 'it-row-taken');
    const scope = await newScope(client, primary);
    await addScopeIn(client, scope.name, third, 'already there');
    api.views.refreshAll();

    const row = (await children(api.views.scopes)).find((node) => isScopeRow(node) && node.instances[0].scope.ref === scope.ref);
    assert.ok(row);
    prompts.script(pick('it-row-free'));
    await run('addScopesToRelationship', row);
    assertCleanRun(prompts);
    const offered = prompts.questions[0].choices;
    assert.ok(offered.includes('it-row-free'));
    assert.ok(!offered.includes('it-row-taken'), `${third.name} already has ${scope.name}: ${offered.join(', ')}`);
    assert.deepEqual((await relationship(client, primary, 'it-row-free')).dhcpScopeRefs, [scope.ref]);
  });

  it('shows Micetro’s Windows error when the relationship is not Normal, and changes nothing', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    await normalRelationship(client, primary, secondary, 'it-not-normal');
    await client.command('SimCutLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-not-normal' });
    const scope = await newScope(client, primary);
    api.views.refreshAll();

    // The palette would not offer it (see below); from its node the command still runs, and Micetro refuses.
    prompts.script(pickMany(scope.name));
    await run('addScopesToRelationship', await relationshipNode(harness, primary, 'it-not-normal'));
    assert.equal(prompts.errors.length, 1, 'exactly one error line');
    // With states reported the message says the state in the tree's words; without, Micetro's error alone.
    assert.match(prompts.errors[0], STATES_REPORTED ? /is Communication interrupted on .*ERROR_DHCP_FO_STATE_NOT_NORMAL \(20120\)/ : /ERROR_DHCP_FO_STATE_NOT_NORMAL \(20120\)/);
    assert.ok(!(await relationship(client, primary, 'it-not-normal')).dhcpScopeRefs.includes(scope.ref));
    await client.command('SimRestoreLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-not-normal' });
  });

  it('offers in the palette only relationships that can take scopes now', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    await normalRelationship(client, primary, secondary, 'it-offer-normal');
    await normalRelationship(client, primary, secondary, 'it-offer-cut');
    await client.command('SimCutLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-offer-cut' });
    const scope = await newScope(client, primary);
    api.views.refreshAll();

    prompts.script(pick('it-offer-normal'), pickMany(scope.name));
    await run('addScopesToRelationship');
    assertCleanRun(prompts);
    const offered = prompts.questions[0].choices;
    assert.ok(offered.includes('it-offer-normal'), offered.join(', '));
    if (STATES_REPORTED) assert.ok(!offered.includes('it-offer-cut'), `a relationship whose link is cut cannot take scopes: ${offered.join(', ')}`);
    // Where Micetro reports no state the extension cannot know the link is cut: it offers it, and Micetro decides.
    else assert.ok(offered.includes('it-offer-cut'), `a relationship of unknown state is offered: ${offered.join(', ')}`);
    await client.command('SimRestoreLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-offer-cut' });
  });

  it('after adding the first scope, follows the relationship until it is Normal and says so', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts } = harness;
    await newRelationship(client, primary, secondary, 'it-follow');
    const scope = await newScope(client, primary);
    harness.api.views.refreshAll();

    prompts.script(pickMany(scope.name));
    await run('addScopesToRelationship', await relationshipNode(harness, primary, 'it-follow'));
    assertCleanRun(prompts);
    assert.equal((await relationship(client, primary, 'it-follow')).state, 'Startup', 'the partners are still synchronising');
    const added = `^Added 1 scope to it-follow, copied to ${secondary.name.replace(/\./g, '\\.')}\\. `;
    if (!STATES_REPORTED) {
      // No state to follow: the add is reported at once, saying the servers synchronise on their own.
      const told = new RegExp(`${added}Micetro reports no failover state for it-follow; the servers synchronise on their own\\.$`);
      await eventually('the report of the add', () => prompts.notices.some((notice) => told.test(notice)), 10_000, () => prompts.notices.join(' | '));
      return;
    }
    assert.ok(!prompts.notices.some((notice) => notice.includes('it-follow')), 'nothing is reported before the state settles');
    await settle(client);
    const done = new RegExp(`${added}it-follow is Normal\\.$`);
    await eventually('the report that it-follow is Normal', () => prompts.notices.some((notice) => done.test(notice)), 10_000, () => prompts.notices.join(' | '));
    assert.match(description(await relationshipNode(harness, primary, 'it-follow')), /Normal/, 'the tree shows it without waiting for auto-refresh');
  });

  it('removes a relationship with scopes: the chosen server keeps them, the other deletes them', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-remove-scoped');
    api.views.refreshAll();

    const node = await relationshipNode(harness, primary, 'it-remove-scoped');
    const stats = async () => (await client.command<{ byOperation: Record<string, number> }>('SimGetStats')).byOperation;
    const before = await stats();
    prompts.script(pick(primary.name), pick(`Delete the scopes on ${secondary.name}`), accept());
    await run('removeRelationship', node);
    assertCleanRun(prompts);
    const after = await stats();
    // A command runs over the bridge, or over JSON-RPC where the bridge is missing (the strict profile).
    const spent = (name: string) => ['command', 'jsonrpc'].reduce((sum, via) => sum + (after[`${via} ${name}`] ?? 0) - (before[`${via} ${name}`] ?? 0), 0);
    // Documented commands only: the scopes leave first (with the action), then the Empty relationship goes.
    assert.equal(spent('RemoveDHCPScopesFromDHCPFailoverRelationship'), 1);
    assert.equal(spent('RemoveDHCPFailoverRelationships'), 1);
    assert.match(prompts.confirmations[0], new RegExp(`stays on ${primary.name} and is deleted on ${secondary.name}`));

    const remaining = await client.getDHCPFailoverRelationships(primary.ref);
    assert.ok(!remaining.some((r) => r.name === 'it-remove-scoped'));
    assert.ok(await scopeOn(client, primary, scope.name), 'the primary keeps the scope');
    assert.equal(await scopeOn(client, secondary, scope.name), undefined, 'the partner’s instance is deleted');
    const names = (await children(api.views.servers, await serverNode(harness, primary))).map(label);
    assert.ok(!names.includes('it-remove-scoped'), 'the tree no longer shows it');
  });

  it('removes an empty relationship from the palette after one confirmation; declining changes nothing', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    await newRelationship(client, primary, secondary, 'it-remove-empty');
    api.views.refreshAll();

    prompts.script(pick('it-remove-empty'), decline());
    await run('removeRelationship');
    assert.deepEqual(prompts.errors, [], 'declining is silent');
    assert.ok((await client.getDHCPFailoverRelationships(primary.ref)).some((r) => r.name === 'it-remove-empty'));

    prompts.script(pick('it-remove-empty'), accept());
    await run('removeRelationship');
    assertCleanRun(prompts);
    assert.ok(!(await client.getDHCPFailoverRelationships(primary.ref)).some((r) => r.name === 'it-remove-empty'));
    assert.ok(!(await children(api.views.servers, await serverNode(harness, secondary))).map(label).includes('it-remove-empty'));
  });

  it('shows the relationship under both servers, with mode, state and partner', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, api } = harness;
    await normalRelationship(client, primary, secondary, 'it-shown');
    api.views.refreshAll();
    const fromPrimary = await relationshipNode(harness, primary, 'it-shown');
    assert.equal(description(fromPrimary), `Load balance 60/40 · ${shownState('Normal')} · with ${secondary.name}`);
    assert.match(String(fromPrimary.toTreeItem().contextValue), STATES_REPORTED ? /^relationship;.*normal.*primary/ : /^relationship;.*primary/);
    const fromSecondary = await child(api.views.servers, await serverNode(harness, secondary), 'it-shown');
    assert.match(description(fromSecondary), new RegExp(`with ${primary.name}$`));
  });

  it('disables the other server’s copies before removing the relationship, so no enabled copy is left on both', async () => {
    const { harness, primary, secondary } = fixture;
    const { client, prompts, api } = harness;
    const [scope] = await normalRelationship(client, primary, secondary, 'it-remove-disable');
    api.views.refreshAll();
    prompts.script(pick('it-remove-disable'), pick(secondary.name), pick(`Disable the scopes on ${primary.name}`), accept());
    await run('removeRelationship');
    assertCleanRun(prompts);
    assert.equal((await scopeOn(client, secondary, scope.name))?.enabled, true, 'the keeper’s scope stays enabled');
    assert.equal((await scopeOn(client, primary, scope.name))?.enabled, false, 'the other copy is disabled');
  });

  it('shows an ISC relationship read-only, with the reason in its tooltip, and refuses to change it', async () => {
    const { harness, primary, secondary } = fixture;
    const { api, prompts } = harness;
    // The simulator's rules refuse a non-Microsoft relationship, so it is written into a data file, as Micetro
    // would list one that an ISC server brought along.
    await newRelationship(harness.client, primary, secondary, 'it-isc-fo');
    const current = api.connection.current;
    assert.equal(current.kind, 'simulator');
    const data = JSON.parse(readFileSync(current.simulator.dataFile, 'utf8')) as {
      servers: Array<{ id: number; type: string }>;
      relationships: Array<{ name: string; primaryId: number }>;
    };
    const isc = data.servers.find((server) => server.type === 'ISC')!;
    data.relationships.find((r) => r.name === 'it-isc-fo')!.primaryId = isc.id;
    const dataFile = join(mkdtempSync(join(tmpdir(), 'dhcp-failover-it-isc-')), 'simulator.json');
    writeFileSync(dataFile, JSON.stringify(data));
    try {
      await api.connection.useSimulator({ dataFile });
      harness.client = simulatorClient(api);
      api.views.refreshAll();
      const iscServer = (await harness.client.getDHCPServers()).find((server) => server.type === 'ISC')!;
      const node = await relationshipNode(harness, iscServer, 'it-isc-fo');
      const item = node.toTreeItem();
      assert.match(String(item.contextValue), /(^|;)readOnly(;|$)/);
      assert.doesNotMatch(String(item.contextValue), /(^|;)microsoft(;|$)/);
      assert.ok(item.tooltip instanceof vscode.MarkdownString);
      // appendText writes spaces as &nbsp; and escapes Markdown.
      const tooltip = item.tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
      assert.match(tooltip, /Changes: Read-only: .* \(ISC\) is not a Microsoft DHCP server; this extension changes only Microsoft–Microsoft failover relationships/);
      await run('editRelationship', node);
      assert.match(prompts.errors.at(-1) ?? '', /Read-only: /);
      prompts.script();
      await run('removeRelationship', await relationshipNode(harness, iscServer, 'it-isc-fo'));
      assert.match(prompts.errors.at(-1) ?? '', /Read-only: /);
      assert.ok((await harness.client.getDHCPFailoverRelationships(iscServer.ref)).some((r) => r.name === 'it-isc-fo'), 'nothing was removed');
    } finally {
      prompts.script();
      harness.client = await freshSimulator(api);
    }
  });

  it('shows a relationship with scopes but no state reported as neutral, never a green check', () => {
    const { primary, secondary } = fixture;
    const record = {
      name: 'no-state',
      primaryServer: primary.name,
      secondaryServer: secondary.name,
      failoverMode: 'LoadBalance' as const,
      failoverServerType: 'PrimaryServer' as const,
      mclt: 3600,
      safePeriod: 0,
      percentage: 50,
      dhcpScopeRefs: ['DHCPScopes/1'],
      dhcpServerRef: primary.ref,
    };
    const [pair] = buildFailoverPairs([record], [primary, secondary]);
    const item = new RelationshipNode(new ServerNode(primary, 1), pair).toTreeItem();
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.notEqual(item.iconPath.id, 'pass-filled');
    assert.equal(item.iconPath.id, 'question');
    assert.match(String(item.description), /state not reported by Micetro/);
    assert.match(String(item.contextValue), /health-unknown/);
  });
});
