// The wizard hosts (what the panels run, without vscode). Against a fake client: a failed first load can be retried,
// and the Create Scope host keeps its last result for a reloaded page and never creates a scope twice. Against the
// simulator through a real MicetroClient: exactly what Add sends, Micetro's refusal keeps the wizard open, a forged
// Edit changes nothing, an overlapping scope is refused before anything is sent, and a failed add to a relationship
// keeps the scope and can be retried. What a host refuses is in wizard-forged-messages.test.ts.
import assert from 'node:assert/strict';
import { MicetroClient } from '../../src/api/micetroClient';
import type { DHCPFailoverRelationship, DHCPServer, IPAMRange } from '../../src/api/types';
import { buildFailoverPairs } from '../../src/failover';
import { SimulatedClock } from '../../src/simulator/model';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import { CreateScopeHost } from '../../src/wizards/createScopeHost';
import { initialCreateScopeState, RANGE_SUGGESTION_LIMIT, updateScopeValues, type CreateScopeSetup } from '../../src/wizards/createScopeForm';
import type { CreateScopeToWebview, RelationshipWizardToWebview } from '../../src/wizards/messages';
import {
  answerModeChange,
  chooseMode,
  initialRelationshipState,
  updateValues,
  type RelationshipWizardSetup,
  type RelationshipWizardState,
} from '../../src/wizards/relationshipWizard';
import { RelationshipWizardHost } from '../../src/wizards/relationshipWizardHost';
import { newRelationship, normalRelationship, relationship, scopeOn, settle, twoServers } from '../shared/simulatorFixtures';
import { A, fakeClient, fakePanel, normalPair, unhandledDuring } from './wizard-host-fakes';

/** The setup a host answered `ready` with. */
function setupOf<T>(posted: Array<{ t: string }>): T {
  const init = posted.find((message) => message.t === 'init') as { setup: T } | undefined;
  assert.ok(init, `the host answered ready with ${JSON.stringify(posted)}`);
  return init.setup;
}

const atSummary = (state: RelationshipWizardState): RelationshipWizardState => ({ ...state, step: 'summary' });

describe('wizard hosts', () => {
  describe('relationship wizard host', () => {
    it('reports a failed load, loads again on Retry (the next ready), and then starts the wizard', async () => {
      const { client, calls } = fakeClient({ getDHCPServers: 1 });
      const { deps: hostDeps, posted } = fakePanel<RelationshipWizardToWebview>(client);
      const host = new RelationshipWizardHost(hostDeps, { primary: A, onSaved: async () => undefined });
      await host.receive({ t: 'ready' });
      assert.equal(posted[0]?.t, 'loadFailed');
      assert.match(posted[0]?.t === 'loadFailed' ? posted[0].message : '', /Micetro is not reachable/);
      await host.receive({ t: 'ready' });
      assert.equal(posted[1]?.t, 'init');
      assert.equal(calls.getDHCPServers, 2);
      await host.receive({ t: 'ready' });
      assert.equal(calls.getDHCPServers, 2, 'a good load is kept');
    });

    async function editing(failures: Record<string, number> = {}) {
      const fake = fakeClient(failures);
      const page = fakePanel<RelationshipWizardToWebview>(fake.client);
      const host = new RelationshipWizardHost(page.deps, { primary: A, existing: normalPair, onSaved: async () => undefined });
      await host.receive({ t: 'ready' });
      const setup = setupOf<RelationshipWizardSetup>(page.posted);
      await host.receive({ t: 'submit', state: atSummary(updateValues(initialRelationshipState(setup), { loadBalancePercent: '60' })), sharedSecret: '' });
      return { ...fake, ...page };
    }

    it('edit: reads the relationship from its primary just before Modify and sends its scope refs unchanged', async () => {
      const { log, closed } = await editing();
      assert.deepEqual(
        log.slice(-2).map((call) => call.method),
        ['getDHCPFailoverRelationship', 'modifyDHCPFailoverRelationship'],
      );
      assert.deepEqual(log.at(-2)?.args, [A.ref, 'a-b']);
      const sent = log.at(-1)?.args[0] as DHCPFailoverRelationship;
      assert.deepEqual(sent.dhcpScopeRefs, ['DHCPScopes/a1'], 'the scopes as the primary reports them now, never []');
      assert.equal(sent.percentage, 60);
      assert.equal(closed.length, 1);
    });

    it('edit: refuses to save when the primary’s record cannot be read, and sends nothing', async () => {
      const { calls, posted, closed } = await editing({ getDHCPFailoverRelationship: 1 });
      assert.equal(calls.modifyDHCPFailoverRelationship, undefined);
      const last = posted.at(-1);
      assert.equal(last?.t, 'saveFailed');
      assert.match(last?.t === 'saveFailed' ? last.message : '', /Not saved: a-b could not be read from its primary server dhcp-a/);
      assert.deepEqual(closed, []);
    });
  });

  describe('create scope host', () => {
    async function readyHost(failures: Record<string, number> = {}, rangeList?: { items: IPAMRange[]; totalResults: number }) {
      const fake = fakeClient(failures);
      if (rangeList) Object.assign(fake.rangeList, rangeList);
      const page = fakePanel<CreateScopeToWebview>(fake.client);
      const createdScopes: Array<{ scopeRef: string }> = [];
      const host = new CreateScopeHost(page.deps, { server: A, relationshipName: 'a-b', onCreated: async (created) => void createdScopes.push(created) });
      await host.receive({ t: 'ready' });
      const init = page.posted[0];
      assert.equal(init?.t, 'init');
      const setup = (init as { setup: CreateScopeSetup }).setup;
      await host.receive({ t: 'loadServer', serverRef: A.ref });
      const values = updateScopeValues(initialCreateScopeState(setup), { network: '10.9.0.0/24' }).values;
      return { ...fake, ...page, host, setup, values, createdScopes };
    }

    const range = (name: string, subnet = true): IPAMRange => ({ ref: `Ranges/${name}`, name, from: '', to: '', subnet });

    it('reads one page of ranges at setup and offers their subnets as networks, saying whether that was every range', async () => {
      const { setup, log } = await readyHost({}, { items: [range('10.9.1.0/24'), range('10.9.0.0/24'), range('10.0.0.0/8', false), range('Lab block')], totalResults: 4 });
      assert.deepEqual(log.filter((call) => call.method === 'getRangesPage'), [{ method: 'getRangesPage', args: [{ offset: 0, limit: RANGE_SUGGESTION_LIMIT }] }]);
      assert.deepEqual(setup.ranges, { networks: ['10.9.0.0/24', '10.9.1.0/24'], complete: true });
      const cut = await readyHost({}, { items: [range('10.9.0.0/24')], totalResults: 900 });
      assert.deepEqual(cut.setup.ranges, { networks: ['10.9.0.0/24'], complete: false });
    });

    it('with every range read, a network without one is refused before anything is sent, unless Create the range is ticked', async () => {
      const { host, posted, values, calls } = await readyHost({}, { items: [range('10.9.1.0/24')], totalResults: 1 });
      await host.receive({ t: 'submit', values });
      const refused = posted.at(-1);
      assert.ok(refused?.t === 'createFailed', JSON.stringify(refused));
      assert.match(refused.message, /not valid yet/);
      assert.deepEqual([calls.getRange, calls.addDHCPScope], [undefined, undefined]);
      await host.receive({ t: 'submit', values: { ...values, createRange: true } });
      assert.equal(calls.addDHCPScope, 1);
    });

    it('opens without suggestions when the ranges cannot be read, and checks the range on Create', async () => {
      const { setup, host, values, calls, failures } = await readyHost({ getRangesPage: 1 });
      assert.equal(setup.ranges, undefined);
      assert.match(failures.join('\n'), /Reading the IPAM ranges/);
      await host.receive({ t: 'submit', values });
      assert.deepEqual([calls.getRange, calls.addDHCPScope], [1, 1]);
    });

    it('sends the last failure again after init on every ready, so a result posted while hidden is not lost', async () => {
      const { host, posted, values } = await readyHost({ addDHCPScope: 1 });
      await host.receive({ t: 'submit', values });
      assert.equal(posted.at(-1)?.t, 'createFailed');
      posted.length = 0;
      await host.receive({ t: 'ready' });
      assert.deepEqual(
        posted.map((message) => message.t),
        ['init', 'createFailed'],
      );
    });

    it('after a failed add, a second Create does not create the scope again but offers Finish', async () => {
      const { host, posted, values, calls, closed, createdScopes } = await readyHost({ addScopesToFailoverRelationship: 1 });
      await host.receive({ t: 'submit', values });
      const failure = posted.at(-1);
      assert.equal(failure?.t, 'partlyCreated');
      posted.length = 0;
      await host.receive({ t: 'ready' });
      assert.deepEqual(posted.map((message) => message.t), ['init', 'partlyCreated'], 'a reloaded page is told the scope exists');

      await host.receive({ t: 'submit', values });
      assert.equal(calls.addDHCPScope, 1, 'the scope is created once');
      assert.deepEqual(posted.at(-1), failure);

      await host.receive({ t: 'finish' });
      assert.deepEqual(closed, [true]);
      await host.disposed();
      assert.deepEqual(createdScopes, [{ scopeRef: 'DHCPScopes/1', dhcpServerRef: A.ref }]);
    });

    it('sends the documented scope fields only, then the pool and each exclusion with their own calls', async () => {
      const { host, values, log, closed } = await readyHost();
      await host.receive({ t: 'submit', values: { ...values, exclusions: [{ from: '10.9.0.10', to: '10.9.0.19' }, { from: '10.9.0.30', to: '10.9.0.39' }] } });
      assert.deepEqual(log.map((call) => call.method).filter((method) => !['getDHCPServers', 'getRangesPage', 'getDHCPScopes', 'getDHCPFailoverRelationships'].includes(method)), [
        'getRange', 'addDHCPScope', 'addDHCPAddressPool', 'addDHCPExclusion', 'addDHCPExclusion', 'addScopesToFailoverRelationship', 'getDHCPAddressPools', 'getDHCPExclusions',
      ]);
      assert.deepEqual(Object.keys(log.find((call) => call.method === 'addDHCPScope')?.args[0] as object).sort(), ['description', 'dhcpServerRef', 'enabled', 'name', 'rangeRef']);
      assert.deepEqual(closed, [true]);
    });

    it('when the pool fails, says exactly what exists; Finish adds only what is missing', async () => {
      const { host, posted, values, calls, closed } = await readyHost({ addDHCPAddressPool: 1 });
      await host.receive({ t: 'submit', values: { ...values, exclusions: [{ from: '10.9.0.10', to: '10.9.0.19' }] } });
      const failure = posted.at(-1);
      assert.ok(failure?.t === 'partlyCreated', JSON.stringify(failure));
      assert.match(failure.summary, /^Scope 10\.9\.0\.0\/24 was created on \S+ without its pool, 1 of its 1 exclusion\(s\), failover relationship "a-b"\.$/);
      assert.match(failure.message, /Adding the address pool failed/);
      await host.receive({ t: 'finish' });
      assert.deepEqual([calls.addDHCPScope, calls.addDHCPAddressPool, calls.addDHCPExclusion, calls.addScopesToFailoverRelationship], [1, 2, 1, 1]);
      assert.deepEqual(closed, [true]);
    });

    it('Undo deletes the scope and the range the form created, and the form can create again', async () => {
      const { host, posted, values, log, closed, ranges } = await readyHost({ addDHCPExclusion: 1 });
      ranges.missing = true;
      await host.receive({ t: 'submit', values: { ...values, createRange: true, exclusions: [{ from: '10.9.0.10', to: '10.9.0.19' }] } });
      const failure = posted.at(-1);
      assert.ok(failure?.t === 'partlyCreated', JSON.stringify(failure));
      assert.match(failure.summary, /in the new IPAM range 10\.9\.0\.0\/24 without 1 of its 1 exclusion/);
      await host.receive({ t: 'undo' });
      assert.deepEqual(log.filter((call) => call.method === 'removeDHCPScope' || call.method === 'removeObject'), [
        { method: 'removeDHCPScope', args: ['DHCPScopes/1'] },
        { method: 'removeObject', args: ['Ranges/2'] },
      ]);
      assert.equal(posted.at(-1)?.t, 'createFailed');
      assert.deepEqual(closed, []);
    });

    it('refuses to create a scope in a range Micetro does not have unless asked to create it', async () => {
      const { host, posted, values, calls, ranges } = await readyHost();
      ranges.missing = true;
      await host.receive({ t: 'submit', values });
      const failure = posted.at(-1);
      assert.ok(failure?.t === 'createFailed');
      assert.match(failure.message, /no IPAM range 10\.9\.0\.0\/24.*Create the range/);
      assert.deepEqual([calls.addDHCPScope, calls.addRange], [undefined, undefined]);
    });

    it('runs one create at a time: a second Create while the first runs is refused', async () => {
      const { host, values, calls, hold, posted, closed } = await readyHost();
      const create = hold('addDHCPScope');
      const first = host.receive({ t: 'submit', values });
      await create.reached;
      await host.receive({ t: 'submit', values });
      assert.equal(calls.addDHCPScope, 1);
      assert.equal(posted.at(-1)?.t, 'hostError', 'the page is told the second Create was refused');
      create.release();
      await first;
      assert.equal(calls.addDHCPScope, 1);
      assert.deepEqual(closed, [true], 'the first Create finishes');
    });

    it('reports a failed load and loads again on Retry, with no unhandled rejection', async () => {
      const { client, calls } = fakeClient({ getDHCPServers: 1 });
      const { deps: hostDeps, posted } = fakePanel<CreateScopeToWebview>(client);
      const unhandled = await unhandledDuring(async () => {
        const host = new CreateScopeHost(hostDeps, { onCreated: async () => undefined });
        await host.receive({ t: 'ready' });
        assert.equal(posted[0]?.t, 'loadFailed');
        await host.receive({ t: 'ready' });
        assert.equal(posted[1]?.t, 'init');
      });
      assert.deepEqual(unhandled, []);
      assert.equal(calls.getDHCPServers, 2);
    });
  });

  describe('against the simulator', () => {
    let sim: RunningSimulator;
    let client: MicetroClient;
    let primary: DHCPServer;
    let secondary: DHCPServer;

    beforeEach(async () => {
      // The clock stands still: a relationship changes state only when a test advances it.
      sim = await startSimulator({ seed: 'demo', clock: new SimulatedClock({ speed: 0 }) });
      client = new MicetroClient({ baseUrl: sim.url, username: sim.user, password: sim.password });
      [primary, secondary] = await twoServers(client);
    });
    afterEach(() => sim.close());

    async function shownWizard(existingName?: string) {
      const page = fakePanel<RelationshipWizardToWebview>(client);
      const saved: Array<{ name: string; primaryServerRef: string }> = [];
      const host = new RelationshipWizardHost(page.deps, {
        primary,
        existing: existingName === undefined ? undefined : buildFailoverPairs([await relationship(client, primary, existingName)], [primary, secondary])[0],
        onSaved: async (result) => void saved.push(result),
      });
      await host.receive({ t: 'ready' });
      const setup = setupOf<RelationshipWizardSetup>(page.posted);
      return { ...page, host, setup, saved };
    }

    async function shownForm(relationshipName?: string) {
      const page = fakePanel<CreateScopeToWebview>(client);
      const created: Array<{ scopeRef: string; dhcpServerRef: string }> = [];
      const host = new CreateScopeHost(page.deps, { server: primary, relationshipName, onCreated: async (result) => void created.push(result) });
      await host.receive({ t: 'ready' });
      const setup = setupOf<CreateScopeSetup>(page.posted);
      await host.receive({ t: 'loadServer', serverRef: primary.ref });
      return { ...page, host, setup, created };
    }

    it('adds exactly the relationship submitted: Empty until a scope is added, the secret never read back, then closes', async () => {
      const { host, setup, closed, saved } = await shownWizard();
      assert.equal(setup.kind, 'add');
      assert.ok(setup.partners.some((partner) => partner.name === secondary.name && partner.disabledReason === undefined));
      assert.ok(!setup.partners.some((partner) => partner.ref === primary.ref), 'the primary is not offered as its own partner');
      const state = updateValues(initialRelationshipState(setup), {
        name: 'unit-wizard-add',
        partner: secondary.name,
        loadBalancePercent: '70',
        mclt: { value: '30', unit: 'minutes' },
        safePeriod: { value: '2', unit: 'hours' },
        messageAuthentication: true,
      });
      await host.receive({ t: 'submit', state: atSummary(state), sharedSecret: 'unit-secret' });

      assert.deepEqual(closed, [true], 'the panel closes on success');
      assert.deepEqual(saved, [{ name: 'unit-wizard-add', primaryServerRef: primary.ref }]);
      const added = await relationship(client, primary, 'unit-wizard-add');
      assert.deepEqual(
        [added.secondaryServer, added.failoverMode, added.percentage, added.mclt, added.safePeriod, added.enableAuth, added.sharedSecret, added.state],
        [secondary.name, 'LoadBalance', 70, 1800, 7200, true, '', 'Empty'],
      );
    });

    it('keeps the wizard open with Micetro’s message when Micetro refuses the change', async () => {
      const { host, setup, posted, closed, saved } = await shownWizard();
      // Someone else takes the name after the wizard loaded: only Micetro can refuse it now.
      await newRelationship(client, primary, secondary, 'unit-wizard-race');
      const state = updateValues(initialRelationshipState(setup), { name: 'unit-wizard-race', partner: secondary.name });
      await host.receive({ t: 'submit', state: atSummary(state), sharedSecret: '' });

      assert.deepEqual(closed, []);
      assert.deepEqual(saved, []);
      const failure = posted.at(-1);
      assert.equal(failure?.t, 'saveFailed');
      assert.match(failure?.t === 'saveFailed' ? failure.message : '', /20114|already/i);
    });

    it('edits: a new mode and reserve after confirmation, the secret kept when none is typed', async () => {
      await newRelationship(client, primary, secondary, 'unit-wizard-edit');
      await client.modifyDHCPFailoverRelationship({ ...(await relationship(client, primary, 'unit-wizard-edit')), sharedSecret: 'first' });
      const { host, setup, closed, posted } = await shownWizard('unit-wizard-edit');
      assert.equal(setup.kind, 'edit');
      let state = initialRelationshipState(setup);
      state = answerModeChange(chooseMode(setup, state, 'HotStandby'), true);
      state = updateValues(state, { reservePercent: '12' });
      await host.receive({ t: 'submit', state: atSummary(state), sharedSecret: '' });

      assert.deepEqual(closed, [true], JSON.stringify(posted.at(-1)));
      const edited = await relationship(client, primary, 'unit-wizard-edit');
      assert.deepEqual([edited.failoverMode, edited.percentage, edited.enableAuth], ['HotStandby', 12, true], 'an empty secret on edit keeps the current one');
    });

    it('refuses an Edit submit naming another relationship: nothing is modified, the page is told, the wizard stays open', async () => {
      await newRelationship(client, primary, secondary, 'unit-wizard-target');
      await newRelationship(client, primary, secondary, 'unit-wizard-victim');
      const victim = await relationship(client, primary, 'unit-wizard-victim');
      const { host, setup, posted, closed, saved } = await shownWizard('unit-wizard-target');
      sim.resetStats();
      const forged = updateValues(initialRelationshipState(setup), { name: 'unit-wizard-victim', loadBalancePercent: '10' });
      await host.receive({ t: 'submit', state: atSummary(forged), sharedSecret: '' });

      assert.equal(sim.requestCount(), 0, 'nothing was sent to Micetro');
      assert.deepEqual(closed, []);
      assert.equal(posted.at(-1)?.t, 'hostError');
      assert.deepEqual(await relationship(client, primary, 'unit-wizard-victim'), victim);
      assert.deepEqual(saved, []);
    });

    it('refuses a scope that overlaps one on the server before anything is sent, and stays open', async () => {
      const { host, setup, posted, closed } = await shownForm();
      const existing = (await client.getDHCPScopes({ filter: `dhcpServerRef=${primary.ref}` }))[0];
      assert.ok(existing, 'the primary has a scope');
      sim.resetStats();
      const state = updateScopeValues(initialCreateScopeState(setup), { network: existing.name });
      await host.receive({ t: 'submit', values: state.values });

      assert.equal(sim.requestCount(), 0, 'nothing was sent to Micetro');
      assert.equal(posted.at(-1)?.t, 'createFailed');
      assert.deepEqual(closed, []);
    });

    it('keeps the scope when adding it to the relationship fails, says so, and Retry adds it', async () => {
      await normalRelationship(client, primary, secondary, 'unit-wizard-retry');
      const { host, setup, posted, closed, created } = await shownForm('unit-wizard-retry');
      // The link breaks after the form loaded: the scope is created, the add is refused (state not Normal).
      const link = { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'unit-wizard-retry' };
      await client.command('SimCutLink', link);
      await host.receive({ t: 'submit', values: updateScopeValues(initialCreateScopeState(setup), { network: '10.251.2.0/24', createRange: true }).values });

      const failure = posted.at(-1);
      assert.ok(failure?.t === 'partlyCreated', JSON.stringify(failure));
      assert.match(failure.message, /20120|NORMAL/i);
      assert.deepEqual(closed, []);
      assert.equal((await scopeOn(client, primary, '10.251.2.0/24'))?.ref, failure.scopeRef, 'the scope stays created');

      await client.command('SimRestoreLink', link);
      await settle(client);
      await host.receive({ t: 'finish' });
      assert.deepEqual(closed, [true], JSON.stringify(posted.at(-1)));
      await host.disposed();
      assert.deepEqual(created, [{ scopeRef: failure.scopeRef, dhcpServerRef: primary.ref }]);
      assert.ok((await relationship(client, primary, 'unit-wizard-retry')).dhcpScopeRefs.includes(failure.scopeRef));
    });
  });
});
