// A wizard stays open while the user switches to another Micetro (or the simulator): its Save must not change the
// relationship of the same name on the new connection, nor use a connection that has gone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RelationshipWizardPanel } from '../../src/ui/panels/relationshipWizardPanel';
import { initialRelationshipState, updateValues, type RelationshipWizardSetup } from '../../src/wizards/relationshipWizard';
import { child, freshSimulator, startHarness, type Harness } from './extensionUnderTest';
import { atSummary, closeWebviewTabs, initialSetup } from './wizardPanels';

const SERVER = 'dhcp-rvk-01.corp.example';
const RELATIONSHIP = 'rvk-lon-office';

describe('A wizard opened before the connection changed', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => closeWebviewTabs());

  it('sends nothing to the new connection, says why on the page, and keeps what was typed', async () => {
    const { api, prompts } = harness;
    const node = await child(api.views.servers, await child(api.views.servers, undefined, SERVER), RELATIONSHIP);
    prompts.script();
    const panel = await vscode.commands.executeCommand<RelationshipWizardPanel>('dhcpFailover.editRelationship', node);
    const setup = await initialSetup<RelationshipWizardSetup>(panel);

    // Another connection with a relationship of the same name: the simulator's fresh demo inventory.
    const other = await freshSimulator(api);
    const otherServer = (await other.getDHCPServers()).find((server) => server.name === SERVER);
    assert.ok(otherServer);
    const before = await other.getDHCPFailoverRelationship(otherServer.ref, RELATIONSHIP);
    await other.command('SimResetStats');

    const state = updateValues(initialRelationshipState(setup), { loadBalancePercent: '80' });
    await panel.receive({ t: 'submit', state: atSummary(state), sharedSecret: '' });
    assert.equal(panel.isOpen, true, 'the wizard stays open with what was typed');
    assert.match(JSON.stringify(panel.posted.at(-1)), /The connection changed since this started; nothing was sent/);
    assert.equal((await other.getDHCPFailoverRelationship(otherServer.ref, RELATIONSHIP)).percentage, before.percentage);
    const { byOperation } = await other.command<{ byOperation: Record<string, number> }>('SimGetStats');
    assert.equal(byOperation['command ModifyDHCPFailoverRelationship'], undefined, 'no Modify reached the new connection');
  });
});
