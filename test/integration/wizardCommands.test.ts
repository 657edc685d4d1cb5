// The wizard commands as a user runs them from the tree: Add Failover Relationship… (server node), Edit Failover
// Relationship… (relationship node), Create Scope… (server node, and relationship node = create and add). Each
// command returns the panel it opened; the test feeds it the page's messages exactly as the page sends them, then
// checks the simulator and that the command refreshed the tree and revealed the result without a manual refresh.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MAX_RELATIONSHIPS_PER_SERVER } from '../../src/failover';
import type { CreateScopePanel } from '../../src/ui/panels/createScopePanel';
import type { RelationshipWizardPanel } from '../../src/ui/panels/relationshipWizardPanel';
import { initialRelationshipState, updateValues, type RelationshipWizardSetup } from '../../src/wizards/relationshipWizard';
import {
  assertCleanRun,
  child,
  children,
  description,
  eventually as waitFor,
  isScopeRow,
  label,
  newRelationship,
  normalRelationship,
  relationship,
  relationshipNode,
  scopeOn,
  serverNode,
  twoServerFixture,
} from './extensionUnderTest';
import { atSummary, closeWebviewTabs, createScopeThroughForm, initialSetup } from './wizardPanels';

/** Runs a command from a node and returns what it returned (the panel it opened). */
async function runFrom<T>(command: string, node: unknown): Promise<T> {
  const result = await vscode.commands.executeCommand<T>(`dhcpFailover.${command}`, node);
  assert.ok(result, `${command} returned no panel`);
  return result;
}

/** Waits for the workbench's visibility and selection, or the Create Scope form reporting its scope (once its panel closed). */
const eventually = (what: string, condition: () => boolean | Promise<boolean>) =>
  waitFor(what, condition, 5000, () => `Servers view selection: ${selection()}`);

let selection = () => '';

describe('Wizard commands from the tree', () => {
  const fixture = twoServerFixture({ refreshBeforeEach: false });
  const selectedIds = (view: vscode.TreeView<{ id: string }>) => view.selection.map((node) => node.id);

  before(async () => {
    selection = () => selectedIds(fixture.harness.api.views.servers.view).join(', ');
    // Reveal only selects in a view the user can see.
    await vscode.commands.executeCommand('dhcpFailover.scopes.focus');
    await vscode.commands.executeCommand('dhcpFailover.servers.focus');
    const { servers, scopes } = fixture.harness.api.views;
    await eventually('both views to be visible', () => servers.view.visible && scopes.view.visible);
    // A selection made while the workbench first fills a view is dropped: reveal a node until the view keeps it.
    for (const provider of [servers, scopes]) {
      await eventually(`the ${provider.view.title ?? 'tree'} view to keep a revealed selection`, async () => {
        const [first] = await children(provider);
        if (!first) return false;
        await provider.view.reveal(first, { select: true, focus: false });
        return selectedIds(provider.view).includes(first.id);
      });
    }
  });

  afterEach(async () => {
    await closeWebviewTabs();
    await vscode.commands.executeCommand('dhcpFailover.servers.focus');
  });

  it('Add Failover Relationship… from a server node: added in Micetro, shown under both servers and revealed', async () => {
    const { harness, primary, secondary } = fixture;
    const { api, client, prompts } = harness;
    prompts.script();
    // The tree was read before: only the command's refresh can make the new relationship appear.
    assert.ok(!(await children(api.views.servers, await serverNode(harness, primary))).map(label).includes('it-cmd-add'));

    const panel = await runFrom<RelationshipWizardPanel>('addRelationship', await serverNode(harness, primary));
    const setup = await initialSetup<RelationshipWizardSetup>(panel);
    assert.equal(setup.kind, 'add');
    const state = updateValues(initialRelationshipState(setup), { name: 'it-cmd-add', partner: secondary.name, loadBalancePercent: '70' });
    await panel.receive({ t: 'submit', state: atSummary(state), sharedSecret: '' });
    assert.equal(panel.isOpen, false, JSON.stringify(panel.posted.at(-1)));
    assertCleanRun(prompts);

    const added = await relationship(client, primary, 'it-cmd-add');
    assert.equal(added.secondaryServer, secondary.name);
    assert.equal(added.percentage, 70);
    assert.equal(added.state, 'Empty');
    const node = await relationshipNode(harness, primary, 'it-cmd-add');
    assert.equal(description(node), `Load balance 70/30 · Empty · with ${secondary.name}`);
    const fromSecondary = await child(api.views.servers, await serverNode(harness, secondary), 'it-cmd-add');
    assert.equal(description(fromSecondary), `Load balance 70/30 · Empty · with ${primary.name}`);
    await eventually('the new relationship to be selected', () => selectedIds(api.views.servers.view).includes(node.id));
  });

  it('Edit Failover Relationship… from the secondary’s node edits it on the primary; both nodes show the new split', async () => {
    const { harness, primary, secondary } = fixture;
    const { api, client, prompts } = harness;
    await newRelationship(client, primary, secondary, 'it-cmd-edit');
    api.views.refreshAll();
    const before = await child(api.views.servers, await serverNode(harness, secondary), 'it-cmd-edit');
    assert.match(description(before), new RegExp(`^Load balance 60/40 · Empty · with ${primary.name}$`));
    prompts.script();

    const panel = await runFrom<RelationshipWizardPanel>('editRelationship', before);
    const setup = await initialSetup<RelationshipWizardSetup>(panel);
    assert.equal(setup.kind, 'edit');
    const state = updateValues(initialRelationshipState(setup), { loadBalancePercent: '80' });
    await panel.receive({ t: 'submit', state: atSummary(state), sharedSecret: '' });
    assert.equal(panel.isOpen, false, JSON.stringify(panel.posted.at(-1)));
    assertCleanRun(prompts);

    assert.equal((await relationship(client, primary, 'it-cmd-edit')).percentage, 80);
    const onPrimary = await relationshipNode(harness, primary, 'it-cmd-edit');
    assert.match(description(onPrimary), /^Load balance 80\/20 /);
    assert.match(description(await child(api.views.servers, await serverNode(harness, secondary), 'it-cmd-edit')), /^Load balance 80\/20 /);
    await eventually('the edited relationship to be selected', () => selectedIds(api.views.servers.view).includes(onPrimary.id));
  });

  it('Create Scope… from a server node creates a standalone scope and lists it in the Scopes view', async () => {
    const { harness, primary, secondary } = fixture;
    const { api, client, prompts } = harness;
    const network = '10.252.1.0/24';
    const rowsBefore = await children(api.views.scopes);
    assert.ok(!rowsBefore.map(label).includes(network));
    prompts.script();

    const panel = await runFrom<CreateScopePanel>('createScope', await serverNode(harness, primary));
    const setup = await createScopeThroughForm(panel, { network, description: 'Created from a server node' });
    assert.equal(setup.serverRef, primary.ref);
    assert.equal(setup.relationshipName, undefined);
    assertCleanRun(prompts);

    const created = await scopeOn(client, primary, network);
    assert.equal(created?.description, 'Created from a server node');
    assert.equal(await scopeOn(client, secondary, network), undefined, 'no failover: the partner has no copy');
    const newRow = async () => (await children(api.views.scopes)).find((node) => label(node) === network);
    await eventually('the Scopes view to list the new scope', async () => (await newRow()) !== undefined);
    const row = await newRow();
    assert.ok(row && isScopeRow(row));
    assert.equal(description(row), `Created from a server node · ${primary.name}`);
    await eventually('the new scope to be selected', () => selectedIds(api.views.scopes.view).includes(row.id));
  });

  it('Create Scope… from a relationship node creates the scope on the primary and adds it to the relationship', async () => {
    const { harness, primary, secondary } = fixture;
    const { api, client, prompts } = harness;
    const network = '10.252.2.0/24';
    await normalRelationship(client, primary, secondary, 'it-cmd-scope');
    api.views.refreshAll();
    const node = await relationshipNode(harness, primary, 'it-cmd-scope');
    const scopesBefore = (await children(api.views.servers, node)).map(label);
    assert.ok(!scopesBefore.includes(network));
    prompts.script();

    // From the secondary's node too, the form opens on the primary: scopes join a relationship there.
    const fromSecondary = await child(api.views.servers, await serverNode(harness, secondary), 'it-cmd-scope');
    const panel = await runFrom<CreateScopePanel>('createScope', fromSecondary);
    const setup = await createScopeThroughForm(panel, { network, description: 'Created into a relationship' });
    assert.equal(setup.serverRef, primary.ref);
    assert.equal(setup.relationshipName, 'it-cmd-scope');
    assertCleanRun(prompts);

    const created = await scopeOn(client, primary, network);
    assert.ok(created, 'created on the primary');
    assert.ok((await relationship(client, primary, 'it-cmd-scope')).dhcpScopeRefs.includes(created.ref), 'in the relationship');
    assert.ok(await scopeOn(client, secondary, network), 'copied to the partner');
    const shown = async () => (await children(api.views.servers, node)).map(label);
    await eventually('the relationship to list the new scope', async () => (await shown()).includes(network));
    assert.deepEqual(await shown(), [...scopesBefore, network]);
    // Read again from the server down, as the workbench does after the server node changed.
    const onSecondary = await child(api.views.servers, await serverNode(harness, secondary), 'it-cmd-scope');
    assert.ok((await children(api.views.servers, onSecondary)).map(label).includes(network), 'the secondary’s node lists it too');
    await eventually('the relationship to be selected', () => selectedIds(api.views.servers.view).includes(node.id));
  });

  // Last: it fills the primary up to the limit.
  it('Add Failover Relationship… on a server with 31 relationships says so instead of opening the wizard', async () => {
    const { harness, primary } = fixture;
    const { api, client, prompts } = harness;
    const partners = (await client.getDHCPServers()).filter((server) => server.type === 'MSDHCP' && server.ref !== primary.ref);
    let count = (await client.getDHCPFailoverRelationships(primary.ref)).length;
    for (let i = 0; count < MAX_RELATIONSHIPS_PER_SERVER; i++, count++) {
      await newRelationship(client, primary, partners[i % partners.length], `it-full-${i}`);
    }
    api.views.refreshAll();
    prompts.script();
    const result = await vscode.commands.executeCommand('dhcpFailover.addRelationship', await serverNode(harness, primary));
    assert.equal(result, undefined, 'no panel');
    assert.deepEqual(prompts.errors, []);
    assert.deepEqual(prompts.notices, [`${primary.name} already has 31 failover relationships, the most a server can have.`]);
    assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview).length, 0);
  });
});
