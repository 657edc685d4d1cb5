// The wizard hosts (what the panels run, without vscode) against a fake client: a failed first load can be retried,
// and the Create Scope host keeps its last result for a reloaded page and never creates a scope twice. What a host
// refuses is in wizard-forged-messages.test.ts.
import assert from 'node:assert/strict';
import { CreateScopeHost } from '../../src/wizards/createScopeHost';
import { initialCreateScopeState, updateScopeValues, type CreateScopeSetup } from '../../src/wizards/createScopeForm';
import type { CreateScopeToWebview, RelationshipWizardToWebview } from '../../src/wizards/messages';
import { RelationshipWizardHost } from '../../src/wizards/relationshipWizardHost';
import { A, fakeClient, fakePanel, unhandledDuring } from './wizard-host-fakes';

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
  });

  describe('create scope host', () => {
    async function readyHost(failures: Record<string, number> = {}) {
      const fake = fakeClient(failures);
      const page = fakePanel<CreateScopeToWebview>(fake.client);
      const createdScopes: Array<{ scopeRef: string }> = [];
      const host = new CreateScopeHost(page.deps, { server: A, relationshipName: 'a-b', onCreated: async (created) => void createdScopes.push(created) });
      await host.receive({ t: 'ready' });
      const init = page.posted[0];
      assert.equal(init?.t, 'init');
      const setup = (init as { setup: CreateScopeSetup }).setup;
      await host.receive({ t: 'loadServer', serverRef: A.ref });
      const values = updateScopeValues(initialCreateScopeState(setup), { network: '10.9.0.0/24' }).values;
      return { ...fake, ...page, host, values, createdScopes };
    }

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

    it('after a failed add, a second Create does not create the scope again but offers the retry of the add', async () => {
      const { host, posted, values, calls, closed, createdScopes } = await readyHost({ addScopesToFailoverRelationship: 1 });
      await host.receive({ t: 'submit', values });
      const failure = posted.at(-1);
      assert.equal(failure?.t, 'addToRelationshipFailed');
      posted.length = 0;
      await host.receive({ t: 'ready' });
      assert.deepEqual(posted.map((message) => message.t), ['init', 'addToRelationshipFailed'], 'a reloaded page is told the scope exists');

      await host.receive({ t: 'submit', values });
      assert.equal(calls.addDHCPScope, 1, 'the scope is created once');
      assert.deepEqual(posted.at(-1), failure);

      await host.receive({ t: 'retryAdd' });
      assert.deepEqual(closed, [true]);
      await host.disposed();
      assert.deepEqual(createdScopes, [{ scopeRef: 'DHCPScopes/1', dhcpServerRef: A.ref }]);
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
});
