// The two views against the simulator: structure, descriptions, escaped tooltips, cost per expansion, paging,
// the Scopes filter, and a failed load shown as an error node with Retry.
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startSimulator } from '../../src/simulator/server';
import { toQuickPickItems } from '../../src/ui/prompts';
import type { TreeNode } from '../../src/ui/tree/nodes/treeNode';
import { PAGE_SIZE } from '../../src/ui/tree/pagedTreeProvider';
import {
  assertCleanRun,
  child,
  children,
  description,
  eventually,
  freshSimulator,
  twoServers,
  shownState,
  STATES_REPORTED,
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
  serverNode,
  startHarness,
  type Harness,
} from './extensionUnderTest';
import { type } from './scriptedPrompts';

/**
 * The root's server nodes once each shows its relationship count: the counts fill in after the server list, and a
 * reloaded node keeps its old count until then, so this waits for the relationship reads the root started.
 */
async function serversWithCounts(harness: Harness): Promise<TreeNode[]> {
  const servers = await children(harness.api.views.servers);
  await harness.api.views.inventory.getAllPairs();
  await eventually('every server to show its relationship count', () => servers.every((node) => isServer(node) && node.relationshipCount !== undefined));
  return servers;
}

describe('Views', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });

  beforeEach(() => harness.api.views.refreshAll());

  it('lists servers → relationships → scopes of the demo inventory', async () => {
    const { api } = harness;
    const servers = await serversWithCounts(harness);
    assert.ok(servers.length >= 2 && servers.every(isServer));
    const withRelationships = servers.find((node) => /relationship/.test(description(node)) && !/^0 /.test(description(node)));
    assert.ok(withRelationships, 'a server shows its relationship count');
    const relationships = await children(api.views.servers, withRelationships);
    assert.ok(relationships.length > 0 && relationships.every(isRelationship));
    const scoped = relationships.find((node) => isRelationship(node) && node.side.scopeRefs.length > 0);
    assert.ok(scoped && isRelationship(scoped));
    assert.match(description(scoped), /^(Load balance \d+\/\d+|Hot standby, \d+ % reserve) · .+ · with .+$/);
    const scopes = await children(api.views.servers, scoped);
    assert.equal(scopes.length, scoped.side.scopeRefs.length);
    assert.match(label(scopes[0]), /^\d+\.\d+\.\d+\.\d+\/\d+$/);
    assert.ok(isScope(scopes[0]));
    assert.equal(scopes[0].id, `${scoped.id}/scope:${encodeURIComponent(scopes[0].scope.ref)}`);
  });

  it('costs one request per expansion and none when cached', async () => {
    const { api } = harness;
    const current = api.connection.current;
    assert.equal(current.kind, 'simulator');
    const stats = () => current.client.command<{ byOperation: Record<string, number> }>('SimGetStats');
    await vscode.workspace.getConfiguration('dhcpFailover').update('autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    try {
      const servers = await serversWithCounts(harness);
      const server = servers.find((node) => isServer(node) && (node.relationshipCount ?? 0) > 1)!;
      const relationships = await children(api.views.servers, server);
      const before = (await stats()).byOperation;
      await children(api.views.servers, server);
      for (const node of relationships) await children(api.views.servers, node);
      // The scopes show as listed; their networks may still be read: wait for them (cached, no request).
      assert.ok(isServer(server));
      await api.views.inventory.getScopes(server.server.ref);
      const after = (await stats()).byOperation;
      const spent = Object.entries(after)
        .map(([operation, count]) => [operation, count - (before[operation] ?? 0)] as const)
        .filter(([operation, count]) => count > 0 && !operation.endsWith('SimGetStats'));
      // The server's relationships were cached by the root; its scopes are one listing for all its relationships, and
      // their networks one read per range (a few, by ref) or one listing of the ranges (many).
      const ranges = spent.filter(([operation]) => operation.startsWith('GET Ranges'));
      assert.deepEqual(spent.filter(([operation]) => !operation.startsWith('GET Ranges')), [['GET DHCPScopes', 1]]);
      assert.ok(ranges.reduce((sum, [, count]) => sum + count, 0) <= 8, JSON.stringify(ranges));
      const again = (await stats()).byOperation;
      for (const node of relationships) await children(api.views.servers, node);
      const cached = Object.entries((await stats()).byOperation).filter(([operation, count]) => count > (again[operation] ?? 0) && !operation.endsWith('SimGetStats'));
      assert.deepEqual(cached, [], 'a second expansion reads nothing: scopes and ranges are cached');
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
    assert.match(tooltip.value, STATES_REPORTED ? /Message authentication: (on|off)/ : /Message authentication: not(&nbsp;| )reported(&nbsp;| )by(&nbsp;| )Micetro/);
    assert.doesNotMatch(tooltip.value, /secret/i);
  });

  it('shows names from Micetro in quick picks as text, never as icons', () => {
    const [item] = toQuickPickItems([{ label: '$(zap) evil', description: 'on $(server) x', detail: 'a $(b', icon: 'plug', value: 1 }]);
    assert.equal(item.label, '$\u2060(zap) evil');
    assert.equal(item.description, 'on $\u2060(server) x');
    assert.equal(item.detail, 'a $\u2060(b');
    assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'plug', 'our own icon goes through iconPath');
  });

  it('lists every scope in the Scopes view with its authority, and filters them by text', async () => {
    const { api, prompts } = harness;
    // While some server's relationships are still read on their own, the first rows show the pairs known so far, and
    // the view reloads once every relationship is read: the rows compared below are the reloaded ones.
    await children(api.views.scopes);
    await api.views.inventory.getAllPairs();
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

  it('recovers through Retry once Micetro answers again, at the root and under a relationship', async () => {
    const { api, prompts } = harness;
    const dataFile = join(mkdtempSync(join(tmpdir(), 'dhcp-failover-it-')), 'micetro.json');
    let micetro = await startSimulator({ seed: 'demo', dataFile, user: 'netadmin', password: 'pw' });
    const restart = async () => {
      const port = micetro.port;
      await micetro.close();
      const failed = async (node?: TreeNode) => {
        const nodes = await children(api.views.servers, node);
        assert.ok(nodes.length === 1 && isError(nodes[0]), `an error node, not ${nodes.map(label).join(', ')}`);
        return nodes[0];
      };
      return { failed, start: async () => (micetro = await startSimulator({ port, dataFile, user: 'netadmin', password: 'pw' })) };
    };
    const retried = async (error: TreeNode) => {
      const fired: (TreeNode | undefined)[] = [];
      const listening = api.views.servers.onDidChangeTreeData((node) => fired.push(node));
      try {
        await run('retry', error);
      } finally {
        listening.dispose();
      }
      return fired;
    };
    try {
      await api.connection.connectMicetro({ url: micetro.url, user: 'netadmin' }, 'pw');
      prompts.script();

      // The whole list: Micetro is down when the view loads, then back.
      let outage = await restart();
      api.views.refreshAll();
      const rootError = await outage.failed();
      await outage.start();
      assert.deepEqual(await retried(rootError), [undefined], 'Retry reloads the root');
      const servers = await serversWithCounts(harness);
      assert.ok(servers.length > 1 && servers.every(isServer), 'the servers are back');

      // One relationship's scopes: only that node reloads.
      const server = servers.find((node) => isServer(node) && (node.relationshipCount ?? 0) > 0)!;
      const scoped = (await children(api.views.servers, server)).find((node) => isRelationship(node) && node.side.scopeRefs.length > 0)!;
      outage = await restart();
      const childError = await outage.failed(scoped);
      await outage.start();
      assert.deepEqual(await retried(childError), [scoped], 'Retry reloads only the node that failed');
      const scopes = await children(api.views.servers, scoped);
      assert.ok(scopes.length > 0 && scopes.every(isScope), 'the scopes are back');
      assert.deepEqual(prompts.errors, [], 'no pop-up');
    } finally {
      await micetro.close();
      harness.client = await freshSimulator(api);
    }
  });

  it('auto-refreshes while the view is visible: scopes added elsewhere and a cut link show without a manual refresh', async () => {
    const { api, client } = harness;
    const [primary, secondary] = await twoServers(client);
    await normalRelationship(client, primary, secondary, 'it-auto-refresh');
    await vscode.commands.executeCommand('dhcpFailover.servers.focus');
    await eventually('the Servers view to become visible', () => api.views.servers.view.visible);
    const settings = vscode.workspace.getConfiguration('dhcpFailover');
    await settings.update('autoRefreshSeconds', 1, vscode.ConfigurationTarget.Global);
    /** Waits until `read` shows `pattern` (only the timer re-reads: the cache would not change), then returns it. */
    const shownWhen = async (what: string, read: () => Promise<string>, pattern: RegExp) => {
      let shown = '';
      await eventually(what, async () => pattern.test((shown = await read())), 6000, () => `last shown: ${shown}`);
      return shown;
    };
    let cut = false;
    try {
      api.views.refreshAll();
      assert.ok(description(await relationshipNode(harness, primary, 'it-auto-refresh')).includes(` · ${shownState('Normal')} · `));
      const onSecondary = async () => {
        const node = await child(api.views.servers, await serverNode(harness, secondary), 'it-auto-refresh');
        return (await children(api.views.servers, node)).map(label).join(', ');
      };
      const shownBefore = await onSecondary();

      // Another Micetro user adds a scope: the partner gets a new instance its cached scope list lacks.
      const added = await newScope(client, primary);
      await client.addScopesToFailoverRelationship(primary.ref, 'it-auto-refresh', [added.ref]);
      if (!STATES_REPORTED) {
        // A Micetro that reports no state is not polled for states that never arrive; Refresh reads it all again.
        assert.equal(api.views.inventory.reportsStates, false);
        api.views.refreshAll();
        assert.equal(await onSecondary(), `${shownBefore}, ${added.name}`);
        return;
      }
      assert.match(await shownWhen('the new scope on the partner', onSecondary, new RegExp(added.name.replace(/\./g, '\\.'))), new RegExp(`^${shownBefore}, ${added.name.replace(/\./g, '\\.')}$`));

      await client.command('SimCutLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-auto-refresh' });
      cut = true;
      const state = () => relationshipNode(harness, primary, 'it-auto-refresh').then(description);
      assert.match(await shownWhen('the cut link in the description', state, /Communication interrupted/), / · Communication interrupted · /);
    } finally {
      await settings.update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
      if (cut) await client.command('SimRestoreLink', { dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: 'it-auto-refresh' });
    }
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
    assert.deepEqual(nodes[0].toTreeItem().command?.command, 'dhcpFailover.retry', 'a click retries');
    assert.equal(nodes[0].toTreeItem().command?.arguments?.[0], nodes[0]);
    await run('retry', nodes[0]);
    assert.deepEqual(prompts.errors, [], 'no pop-up');
    harness.client = await freshSimulator(api);
  });

  it('shows a node that cannot be built as an error node in its place, with Retry', async () => {
    const { api } = harness;
    const [parent] = await children(api.views.servers);
    const broken: TreeNode = {
      id: `${parent.id}/relationship:broken`,
      parent,
      toTreeItem: () => {
        throw new TypeError("Cannot read properties of null (reading 'length')");
      },
    };
    const item = api.views.servers.getTreeItem(broken);
    assert.equal(item.id, broken.id, 'the failed node keeps its own id, so siblings that fail stay unique');
    assert.equal(item.contextValue, 'error');
    assert.match(typeof item.label === 'string' ? item.label : '', /^Could not load: .*reading 'length'/);
    const retry = item.command?.arguments?.[0] as TreeNode;
    assert.equal(item.command?.command, 'dhcpFailover.retry');
    assert.ok(api.views.servers.owns(retry) && retry.parent === parent, 'Retry reloads the parent, which builds the node again');
  });
});
