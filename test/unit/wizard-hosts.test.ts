// The wizard hosts (what the panels run, without vscode) against a fake client: a failed first load can be retried,
// a submit that waits for a failed load answers instead of rejecting, and the Create Scope host keeps its last
// result for a reloaded page and never creates a scope twice.
import assert from 'node:assert/strict';
import type { MicetroClient } from '../../src/api/micetroClient';
import type { DHCPFailoverRelationship, DHCPServer, NewDHCPScope } from '../../src/api/types';
import { CreateScopeHost } from '../../src/wizards/createScopeHost';
import { initialCreateScopeState, updateScopeValues, type CreateScopeSetup } from '../../src/wizards/createScopeForm';
import type { CreateScopeToWebview, RelationshipWizardToWebview } from '../../src/wizards/messages';
import { initialRelationshipState, updateValues } from '../../src/wizards/relationshipWizard';
import { RelationshipWizardHost } from '../../src/wizards/relationshipWizardHost';
import type { WizardHostDeps } from '../../src/wizards/wizardHost';

const A: DHCPServer = { ref: 'DHCPServers/1', name: 'dhcp-a', address: '10.0.0.1', type: 'MSDHCP', state: 'OK', enabled: true };
const B: DHCPServer = { ref: 'DHCPServers/2', name: 'dhcp-b', address: '10.0.0.2', type: 'MSDHCP', state: 'OK', enabled: true };

const normal: DHCPFailoverRelationship = {
  name: 'a-b',
  primaryServer: 'dhcp-a',
  secondaryServer: 'dhcp-b',
  failoverMode: 'LoadBalance',
  failoverServerType: 'PrimaryServer',
  mclt: 3600,
  safePeriod: 0,
  dhcpScopeRefs: [],
  percentage: 50,
  state: 'Normal',
  dhcpServerRef: 'DHCPServers/1',
};

/** A client whose calls are counted; `failures[name]` calls of a method fail before it answers. */
function fakeClient(failures: Record<string, number> = {}) {
  const calls: Record<string, number> = {};
  const created: NewDHCPScope[] = [];
  const step = async <T>(name: string, answer: () => T): Promise<T> => {
    calls[name] = (calls[name] ?? 0) + 1;
    await new Promise((done) => setTimeout(done, 1));
    if ((failures[name] ?? 0) > 0) {
      failures[name]--;
      throw new Error(`${name} failed: Micetro is not reachable.`);
    }
    return answer();
  };
  const client = {
    getDHCPServers: () => step('getDHCPServers', () => [A, B]),
    getDHCPFailoverRelationships: () => step('getDHCPFailoverRelationships', () => [normal]),
    getDHCPScopes: () => step('getDHCPScopes', () => []),
    addDHCPScope: (scope: NewDHCPScope) =>
      step('addDHCPScope', () => {
        created.push(scope);
        return `DHCPScopes/${created.length}`;
      }),
    addScopesToFailoverRelationship: () => step('addScopesToFailoverRelationship', () => undefined),
    addDHCPFailoverRelationship: () => step('addDHCPFailoverRelationship', () => undefined),
    modifyDHCPFailoverRelationship: () => step('modifyDHCPFailoverRelationship', () => undefined),
  };
  return { client: client as unknown as MicetroClient, calls, created };
}

function deps<T>(client: MicetroClient) {
  const posted: T[] = [];
  const closed: boolean[] = [];
  const value: WizardHostDeps<T> = {
    client,
    log: { info: () => undefined },
    logFailure: () => undefined,
    describe: (error) => (error instanceof Error ? error.message : String(error)),
    post: (message) => posted.push(message),
    close: () => closed.push(true),
  };
  return { deps: value, posted, closed };
}

/** Collects unhandled rejections while `run` runs and a few turns after it. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await run();
    for (let i = 0; i < 3; i++) await new Promise((done) => setTimeout(done, 5));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

describe('wizard hosts', () => {
  describe('relationship wizard host', () => {
    it('reports a failed load, loads again on Retry (the next ready), and then starts the wizard', async () => {
      const { client, calls } = fakeClient({ getDHCPServers: 1 });
      const { deps: hostDeps, posted } = deps<RelationshipWizardToWebview>(client);
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

    it('answers a submit that waits for a failed load with a message, not an unhandled rejection', async () => {
      const { client } = fakeClient({ getDHCPServers: 1 });
      const { deps: hostDeps, posted, closed } = deps<RelationshipWizardToWebview>(client);
      const unhandled = await unhandledDuring(async () => {
        const host = new RelationshipWizardHost(hostDeps, { primary: A, onSaved: async () => undefined });
        const setup = { kind: 'add' as const, primary: { ref: A.ref, name: A.name }, partners: [], relationshipNames: {} };
        const state = updateValues(initialRelationshipState(setup), { name: 'a-c', partner: 'dhcp-b' });
        await host.receive({ t: 'submit', state: { ...state, step: 'summary' }, sharedSecret: '' });
      });
      assert.deepEqual(unhandled, []);
      assert.equal(posted.at(-1)?.t, 'saveFailed');
      assert.deepEqual(closed, []);
    });
  });

  describe('create scope host', () => {
    async function readyHost(failures: Record<string, number> = {}) {
      const fake = fakeClient(failures);
      const page = deps<CreateScopeToWebview>(fake.client);
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

      assert.ok(failure?.t === 'addToRelationshipFailed');
      const { t: _tag, message: _message, ...retry } = failure;
      await host.receive({ t: 'retryAdd', ...retry });
      assert.deepEqual(closed, [true]);
      await host.disposed();
      assert.deepEqual(createdScopes, [{ scopeRef: 'DHCPScopes/1', dhcpServerRef: A.ref }]);
    });

    it('runs one create at a time: a second Create while the first runs is ignored', async () => {
      const { host, values, calls } = await readyHost();
      await Promise.all([host.receive({ t: 'submit', values }), host.receive({ t: 'submit', values })]);
      assert.equal(calls.addDHCPScope, 1);
    });

    it('reports a failed load and loads again on Retry, with no unhandled rejection', async () => {
      const { client, calls } = fakeClient({ getDHCPServers: 1 });
      const { deps: hostDeps, posted } = deps<CreateScopeToWebview>(client);
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
