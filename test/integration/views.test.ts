// The two views against the simulator: structure, descriptions, escaped tooltips, cost per expansion, paging,
// the Scopes filter, and a failed load shown as an error node with Retry.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator } from '../../src/simulator/server';
import { PAGE_SIZE } from '../../src/ui/tree/pagedTreeProvider';
import {
  assertCleanRun,
  children,
  description,
  freshSimulator,
  twoServers,
  isError,
  isLoadMore,
  isRelationship,
  isScope,
  isScopeRow,
  isServer,
  label,
  newRelationship,
  newScope,
  normalRelationship,
  relationshipNode,
  run,
  startHarness,
  type Harness,
} from './extensionUnderTest';
import { type } from './scriptedPrompts';

describe('Views', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });

  beforeEach(() => harness.api.views.refreshAll());

  it('activates quickly (the simulator starts afterwards)', () => {
    console.log(`      activation took ${harness.api.activationMs.toFixed(1)} ms`);
    assert.ok(harness.api.activationMs < 100, `activation took ${harness.api.activationMs} ms`);
  });

  it('lists servers → relationships → scopes of the demo inventory', async () => {
    const { api } = harness;
    const servers = await children(api.views.servers);
    assert.ok(servers.length >= 2 && servers.every(isServer));
    const withRelationships = servers.find((node) => /relationship/.test(description(node)) && !/^0 /.test(description(node)));
    assert.ok(withRelationships, 'a server shows its relationship count');
    const relationships = await children(api.views.servers, withRelationships);
    assert.ok(relationships.length > 0 && relationships.every(isRelationship));
    const scoped = relationships.find((node) => isRelationship(node) && node.relationship.dhcpScopeRefs.length > 0);
    assert.ok(scoped && isRelationship(scoped));
    assert.match(description(scoped), /^(Load balance \d+\/\d+|Hot standby, \d+ % reserve) · .+ · with .+$/);
    const scopes = await children(api.views.servers, scoped);
    assert.equal(scopes.length, scoped.relationship.dhcpScopeRefs.length);
    assert.match(label(scopes[0]), /^\d+\.\d+\.\d+\.\d+\/\d+$/);
    assert.ok(isScope(scopes[0]));
    assert.equal(scopes[0].id, `${scoped.id}/scope:${scopes[0].scope.ref}`);
  });

  it('costs one request per expansion and none when cached', async () => {
    const { api } = harness;
    const current = api.connection.current;
    assert.equal(current.kind, 'simulator');
    const stats = () => current.client.command<{ byOperation: Record<string, number> }>('SimGetStats');
    await vscode.workspace.getConfiguration('dhcpFailover').update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    try {
      const servers = await children(api.views.servers);
      const server = servers.find((node) => isServer(node) && (node.relationshipCount ?? 0) > 1)!;
      const relationships = await children(api.views.servers, server);
      const before = (await stats()).byOperation;
      await children(api.views.servers, server);
      for (const node of relationships) await children(api.views.servers, node);
      const after = (await stats()).byOperation;
      const spent = Object.entries(after)
        .map(([operation, count]) => [operation, count - (before[operation] ?? 0)] as const)
        .filter(([operation, count]) => count > 0 && !operation.endsWith('SimGetStats'));
      // The server's relationships were cached by the root; its scopes are one listing for all its relationships.
      assert.deepEqual(spent, [['GET DHCPScopes', 1]]);
    } finally {
      await vscode.workspace.getConfiguration('dhcpFailover').update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('puts every parameter in the relationship tooltip as escaped text, never the secret', async () => {
    const { client, api } = harness;
    const [primary, secondary] = await twoServers(client);
    await normalRelationship(client, primary, secondary, 'it-*tooltip*');
    api.views.refreshAll();
    const tooltip = (await relationshipNode(harness, primary, 'it-*tooltip*')).toTreeItem().tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.ok(!tooltip.isTrusted && !tooltip.supportHtml);
    assert.match(tooltip.value, /it-\\\*tooltip\\\*/, 'the name is escaped');
    assert.match(tooltip.value, /Maximum client lead time: 1(&nbsp;| )hour/);
    assert.match(tooltip.value, /State switchover interval: off/);
    assert.match(tooltip.value, /Message authentication: (on|off)/);
    assert.doesNotMatch(tooltip.value, /secret/i);
  });

  it('lists every scope in the Scopes view with its authority, and filters them by text', async () => {
    const { api, prompts } = harness;
    const rows = await children(api.views.scopes);
    assert.ok(rows.length > 0 && rows.every((node) => isScopeRow(node) || isLoadMore(node)));
    assert.ok(rows.some((node) => / ⇄ /.test(description(node))), 'failover scopes show the server pair');

    const sample = rows.find(isScopeRow)!;
    const serverName = sample.instances[0].server.name;
    prompts.script(type(serverName));
    await run('filterScopes');
    assertCleanRun(prompts);
    assert.equal(api.views.scopes.view.description, `Filtered: "${serverName}"`);
    const filtered = await children(api.views.scopes);
    assert.ok(filtered.length > 0 && filtered.length <= rows.length);
    assert.ok(filtered.every((node) => isScopeRow(node) && node.searchText.includes(serverName.toLowerCase())));

    await run('clearScopeFilter');
    assert.equal(api.views.scopes.view.description, undefined);
    assert.equal((await children(api.views.scopes)).length, rows.length);
  });

  it('pages a long list with a Load more node', async () => {
    const { client, api } = harness;
    const [primary, secondary] = await twoServers(client);
    await newRelationship(client, primary, secondary, 'it-many');
    const refs: string[] = [];
    for (let i = 0; i < PAGE_SIZE + 5; i++) refs.push((await newScope(client, primary)).ref);
    await client.addScopesToFailoverRelationship(primary.ref, 'it-many', refs);
    api.views.refreshAll();

    const node = await relationshipNode(harness, primary, 'it-many');
    const page = await children(api.views.servers, node);
    assert.equal(page.length, PAGE_SIZE + 1);
    const more = page[PAGE_SIZE];
    assert.ok(isLoadMore(more));
    assert.equal(more.remaining, 5);
    await run('loadMore', more);
    assert.equal((await children(api.views.servers, node)).length, PAGE_SIZE + 5);
  });

  it('shows a failed load as one error node with Retry, without a pop-up', async () => {
    const { api, prompts } = harness;
    const micetro = await startSimulator({ seed: 'demo', user: 'netadmin', password: 'pw' });
    const login = { url: micetro.url, user: 'netadmin' };
    await api.connection.connectMicetro(login, 'pw');
    await micetro.close();
    prompts.script();
    const nodes = await children(api.views.servers);
    assert.equal(nodes.length, 1);
    assert.ok(isError(nodes[0]));
    assert.match(label(nodes[0]), /Could not load: Could not reach Micetro/);
    assert.equal(nodes[0].toTreeItem().contextValue, 'error');
    await run('retry', nodes[0]);
    assert.deepEqual(prompts.errors, [], 'no pop-up');
    await freshSimulator(api);
  });
});
