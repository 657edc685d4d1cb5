// The wizard panels inside the real extension host, against the built-in simulator: the commands open them, and
// messages fed exactly as the page sends them add, edit and create through Micetro's API. A rejected change keeps
// the panel open with Micetro's message; a scope whose add to a relationship fails stays created and can be retried.
import * as assert from 'node:assert/strict';
import type { DHCPServer } from '../../src/api/types';
import { openCreateScopeForm, type CreateScopePanel } from '../../src/ui/panels/createScopePanel';
import { openRelationshipWizard, type RelationshipWizardPanel } from '../../src/ui/panels/relationshipWizardPanel';
import { initialCreateScopeState, updateScopeValues, type CreateScopeSetup } from '../../src/wizards/createScopeForm';
import {
  answerModeChange,
  chooseMode,
  initialRelationshipState,
  updateValues,
  type RelationshipWizardSetup,
} from '../../src/wizards/relationshipWizard';
import { extensionUri, newRelationship, normalRelationship, relationship, run, scopeOn, serverNode, settle, twoServerFixture } from './extensionUnderTest';
import { atSummary, closeWebviewTabs, initialSetup, webviewTabs } from './wizardPanels';

/** The webview tabs open now, by title. */
function webviewTabTitles(): string[] {
  return webviewTabs().map((tab) => tab.label);
}

describe('Wizard panels', () => {
  const fixture = twoServerFixture({ refreshBeforeEach: false });
  const saved: Array<{ name: string; primaryServerRef: string }> = [];
  const created: Array<{ scopeRef: string; dhcpServerRef: string }> = [];

  function relationshipWizard(existing?: Parameters<typeof openRelationshipWizard>[0]['existing']): RelationshipWizardPanel {
    return openRelationshipWizard({
      extensionUri: extensionUri(),
      client: fixture.harness.client,
      log: fixture.harness.api.log,
      primary: fixture.primary,
      existing,
      onSaved: async (result) => {
        saved.push(result);
      },
    });
  }

  function createScopeForm(server?: DHCPServer, relationshipName?: string): CreateScopePanel {
    return openCreateScopeForm({
      extensionUri: extensionUri(),
      client: fixture.harness.client,
      log: fixture.harness.api.log,
      server,
      relationshipName,
      onCreated: async (result) => {
        created.push(result);
      },
    });
  }

  afterEach(async () => {
    saved.length = 0;
    created.length = 0;
    await closeWebviewTabs();
  });

  it('Add Failover Relationship… from a server node opens the wizard', async () => {
    const { harness, primary } = fixture;
    await run('addRelationship', await serverNode(harness, primary));
    assert.deepEqual(harness.prompts.errors, []);
    // The tab model follows the new panel a moment later.
    for (let waited = 0; webviewTabTitles().length === 0 && waited < 5000; waited += 100) await new Promise((done) => setTimeout(done, 100));
    assert.deepEqual(webviewTabTitles(), ['Add Failover Relationship']);
  });

  it('adds a relationship: exactly the values submitted, Empty until a scope is added, the panel closes', async () => {
    const { harness, primary, secondary } = fixture;
    const panel = relationshipWizard();
    const setup = await initialSetup<RelationshipWizardSetup>(panel);
    assert.equal(setup.kind, 'add');
    assert.ok(setup.partners.some((partner) => partner.name === secondary.name && partner.disabledReason === undefined));
    assert.ok(!setup.partners.some((partner) => partner.ref === primary.ref), 'the primary is not offered as its own partner');

    const state = updateValues(initialRelationshipState(setup), {
      name: 'it-wizard-add',
      partner: secondary.name,
      loadBalancePercent: '70',
      mclt: { value: '30', unit: 'minutes' },
      safePeriod: { value: '2', unit: 'hours' },
      messageAuthentication: true,
    });
    await panel.receive({ t: 'submit', state: atSummary(state), sharedSecret: 'it-secret' });

    assert.equal(panel.isOpen, false, 'the panel closes on success');
    assert.deepEqual(saved, [{ name: 'it-wizard-add', primaryServerRef: primary.ref }]);
    const added = await relationship(harness.client, primary, 'it-wizard-add');
    assert.equal(added.secondaryServer, secondary.name);
    assert.equal(added.failoverMode, 'LoadBalance');
    assert.equal(added.percentage, 70);
    assert.equal(added.mclt, 1800);
    assert.equal(added.safePeriod, 7200);
    assert.equal(added.enableAuth, true);
    assert.equal(added.sharedSecret, '', 'the secret is never read back');
    assert.equal(added.state, 'Empty');
  });

  it('keeps the panel open with Micetro’s message when the change is rejected', async () => {
    const { harness, primary, secondary } = fixture;
    const panel = relationshipWizard();
    const setup = await initialSetup<RelationshipWizardSetup>(panel);
    // Someone else takes the name after the wizard loaded: only Micetro can refuse it now.
    await newRelationship(harness.client, primary, secondary, 'it-wizard-race');
    const state = updateValues(initialRelationshipState(setup), { name: 'it-wizard-race', partner: secondary.name });
    await panel.receive({ t: 'submit', state: atSummary(state), sharedSecret: '' });

    assert.equal(panel.isOpen, true);
    assert.deepEqual(saved, []);
    const failure = panel.posted.at(-1);
    assert.equal(failure?.t, 'saveFailed');
    assert.match(failure?.t === 'saveFailed' ? failure.message : '', /20114|already/i);
  });

  it('edits a relationship: new percentage and mode after confirmation, the secret kept when none is typed', async () => {
    const { harness, primary, secondary } = fixture;
    await newRelationship(harness.client, primary, secondary, 'it-wizard-edit');
    await harness.client.modifyDHCPFailoverRelationship({ ...(await relationship(harness.client, primary, 'it-wizard-edit')), sharedSecret: 'first' });
    const existing = await relationship(harness.client, primary, 'it-wizard-edit');
    assert.equal(existing.enableAuth, true);

    const panel = relationshipWizard(existing);
    const setup = await initialSetup<RelationshipWizardSetup>(panel);
    assert.equal(setup.kind, 'edit');
    let state = initialRelationshipState(setup);
    state = answerModeChange(chooseMode(setup, state, 'HotStandby'), true);
    state = updateValues(state, { reservePercent: '12' });
    await panel.receive({ t: 'submit', state: atSummary(state), sharedSecret: '' });

    assert.equal(panel.isOpen, false, JSON.stringify(panel.posted.at(-1)));
    const edited = await relationship(harness.client, primary, 'it-wizard-edit');
    assert.equal(edited.failoverMode, 'HotStandby');
    assert.equal(edited.percentage, 12);
    assert.equal(edited.enableAuth, true, 'an empty secret on edit keeps the current one');
    assert.deepEqual(saved, [{ name: 'it-wizard-edit', primaryServerRef: primary.ref }]);
  });

  it('refuses an Edit submit naming another relationship: nothing is modified, the page is told, the panel stays open', async () => {
    const { harness, primary, secondary } = fixture;
    await newRelationship(harness.client, primary, secondary, 'it-wizard-target');
    await newRelationship(harness.client, primary, secondary, 'it-wizard-victim');
    const victim = await relationship(harness.client, primary, 'it-wizard-victim');
    const panel = relationshipWizard(await relationship(harness.client, primary, 'it-wizard-target'));
    const setup = await initialSetup<RelationshipWizardSetup>(panel);
    const forged = updateValues(initialRelationshipState(setup), { name: 'it-wizard-victim', loadBalancePercent: '10' });
    await panel.receive({ t: 'submit', state: atSummary(forged), sharedSecret: '' });

    assert.equal(panel.isOpen, true);
    assert.equal(panel.posted.at(-1)?.t, 'hostError');
    assert.deepEqual(await relationship(harness.client, primary, 'it-wizard-victim'), victim);
    assert.deepEqual(saved, []);
  });

  it('creates a scope into a Normal relationship: created on the primary, copied to the partner, in the relationship', async () => {
    const { harness, primary, secondary } = fixture;
    await normalRelationship(harness.client, primary, secondary, 'it-wizard-scope');
    const panel = createScopeForm(primary, 'it-wizard-scope');
    const setup = await initialSetup<CreateScopeSetup>(panel);
    assert.equal(setup.serverRef, primary.ref);
    await panel.receive({ t: 'loadServer', serverRef: primary.ref });
    const context = panel.posted.at(-1);
    assert.equal(context?.t, 'serverContext');
    assert.ok(context?.t === 'serverContext' && context.context.relationships.some((choice) => choice.name === 'it-wizard-scope' && !choice.disabledReason));

    const state = updateScopeValues(initialCreateScopeState(setup), { network: '10.251.1.0/24', description: 'Created by the wizard test' });
    assert.equal(state.values.poolFrom, '10.251.1.1');
    await panel.receive({ t: 'submit', values: { ...state.values, exclusions: [{ from: '10.251.1.10', to: '10.251.1.20' }] } });

    assert.equal(panel.isOpen, false, JSON.stringify(panel.posted.at(-1)));
    assert.equal(created.length, 1);
    assert.equal(created[0].dhcpServerRef, primary.ref);
    const onPrimary = await scopeOn(harness.client, primary, '10.251.1.0/24');
    assert.equal(onPrimary?.ref, created[0].scopeRef);
    assert.equal(onPrimary?.description, 'Created by the wizard test');
    assert.ok(await scopeOn(harness.client, secondary, '10.251.1.0/24'), 'the scope was copied to the partner');
    assert.ok((await relationship(harness.client, primary, 'it-wizard-scope')).dhcpScopeRefs.includes(created[0].scopeRef));
  });

  it('refuses an overlapping scope in the form before anything is sent', async () => {
    const { harness, primary } = fixture;
    const panel = createScopeForm(primary);
    const setup = await initialSetup<CreateScopeSetup>(panel);
    const existing = (await harness.client.getDHCPScopes({ filter: `dhcpServerRef=${primary.ref}` }))[0];
    assert.ok(existing, 'the primary has a scope');
    const state = updateScopeValues(initialCreateScopeState(setup), { network: existing.name });
    await panel.receive({ t: 'submit', values: state.values });
    assert.equal(panel.posted.at(-1)?.t, 'createFailed');
    assert.equal(panel.isOpen, true);
  });

  it('keeps the scope when adding it to the relationship fails, says so, and Retry adds it', async () => {
    const { harness, primary, secondary } = fixture;
    await normalRelationship(harness.client, primary, secondary, 'it-wizard-retry');
    const panel = createScopeForm(primary, 'it-wizard-retry');
    const setup = await initialSetup<CreateScopeSetup>(panel);
    await panel.receive({ t: 'loadServer', serverRef: primary.ref });
    // The link breaks after the form loaded: the scope is created, the add is refused (state not Normal).
    await harness.client.command('SimCutLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-wizard-retry' });
    const state = updateScopeValues(initialCreateScopeState(setup), { network: '10.251.2.0/24' });
    await panel.receive({ t: 'submit', values: state.values });

    const failure = panel.posted.at(-1);
    assert.equal(failure?.t, 'addToRelationshipFailed', JSON.stringify(failure));
    assert.ok(failure?.t === 'addToRelationshipFailed');
    assert.match(failure.message, /20120|NORMAL/i);
    assert.equal(panel.isOpen, true);
    const scope = await scopeOn(harness.client, primary, '10.251.2.0/24');
    assert.equal(scope?.ref, failure.scopeRef, 'the scope stays created');

    await harness.client.command('SimRestoreLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-wizard-retry' });
    await settle(harness.client);
    await panel.receive({ t: 'retryAdd' });
    assert.equal(panel.isOpen, false, JSON.stringify(panel.posted.at(-1)));
    assert.deepEqual(created, [{ scopeRef: failure.scopeRef, dhcpServerRef: primary.ref }]);
    assert.ok((await relationship(harness.client, primary, 'it-wizard-retry')).dhcpScopeRefs.includes(failure.scopeRef));
  });
});
