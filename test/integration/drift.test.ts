// Check for Drift on the demo inventory, whose one drifted pair is 10.20.10.0/24 of lon-sin-70-30 (a reservation
// added on lon-02 only, the DNS servers changed on sin-01 only): the marks in both views and the Drift view, the
// re-check after Replicate that clears the mark, a Cancel that stops the check, and drift made on demand with
// Change This Copy Only….
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DHCPServer } from '../../src/api/types';
import { DRIFT_SCHEME } from '../../src/ui/drift/driftDecorations';
import type { TreeNode } from '../../src/ui/tree/nodes/treeNode';
import type { PagedTreeProvider } from '../../src/ui/tree/pagedTreeProvider';
import { assertCleanRun, child, children, DRIFTED, driftedServers, freshSimulator, label, relationshipNode, run, startHarness, type Harness } from './extensionUnderTest';
import { accept, pick, type } from './scriptedPrompts';

const { network: NETWORK, relationship: RELATIONSHIP, lon: LON, sin: SIN } = DRIFTED;
/** The demo's failover scopes and the relationships that have any. */
const SCOPES = 15;
const RELATIONSHIPS = 5;

/** A node's item as its view shows it, marks included. */
const shown = (provider: PagedTreeProvider, node: TreeNode) => provider.getTreeItem(node);
const shownDescription = (provider: PagedTreeProvider, node: TreeNode) => String(shown(provider, node).description ?? '');

describe('Check for Drift', () => {
  let harness: Harness;
  let lon: DHCPServer;
  let sin: DHCPServer;

  before(async () => {
    harness = await startHarness();
    ({ lon, sin } = await driftedServers(harness.client));
  });
  beforeEach(() => {
    harness.api.drift.marks.clear();
    harness.api.views.refreshAll();
  });
  after(() => vscode.workspace.getConfiguration('dhcpFailover').update('drift.concurrency', undefined, vscode.ConfigurationTarget.Global));

  const scopeOf = async (server: DHCPServer, network: string) => child(harness.api.views.servers, await relationshipNode(harness, server, RELATIONSHIP), network);

  it('marks exactly the drifted scope of the demo, in both views and the Drift view', async () => {
    const { api, prompts } = harness;
    prompts.script();
    await run('checkAllForDrift');
    assertCleanRun(prompts);
    assert.deepEqual(prompts.notices, [`Checked ${SCOPES} scopes of ${RELATIONSHIPS} relationships: 1 drifted, ${SCOPES - 1} in sync; ${SCOPES * 8} requests`]);
    const marks = api.drift.marks.all();
    assert.equal(marks.length, SCOPES);
    assert.deepEqual(
      marks.filter((mark) => mark.result.status !== 'inSync').map((mark) => `${mark.pair.name} ${mark.network} ${mark.result.status}`),
      [`${RELATIONSHIP} ${NETWORK} drifted`],
    );

    // The Servers view: the scope on either server, and its relationship.
    for (const server of [lon, sin]) {
      const scope = await scopeOf(server, NETWORK);
      const item = shown(api.views.servers, scope);
      assert.match(String(item.description), / · drifted: 2 differences: 1 reservation, 1 option$/, server.name);
      assert.equal(item.resourceUri?.scheme, DRIFT_SCHEME);
      assert.match((item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '), /Drift: drifted: 2 differences/);
      assert.match(shownDescription(api.views.servers, await scopeOf(server, '10.20.11.0/24')), / · in sync$/);
      assert.match(shownDescription(api.views.servers, await relationshipNode(harness, server, RELATIONSHIP)), / · 1 of 3 scopes drifted$/);
    }
    // The Scopes view's row of the failover scope.
    const row = (await children(api.views.scopes)).find((node) => label(node) === NETWORK) ?? assert.fail(`${NETWORK} is a row`);
    assert.match(shownDescription(api.views.scopes, row), / · drifted: 2 differences: 1 reservation, 1 option$/);

    // The Drift view: the relationship, its drifted scope, and a replicate from each copy.
    const [group, ...others] = await api.drift.view.getChildren();
    assert.equal(others.length, 0);
    assert.equal(label(group), RELATIONSHIP);
    const [scope] = await api.drift.view.getChildren(group);
    assert.equal(label(scope), NETWORK);
    assert.equal(scope.toTreeItem().contextValue, 'driftScope;drifted');
    const replicates = await api.drift.view.getChildren(scope);
    assert.deepEqual(replicates.map(label), [`Replicate from ${LON}…`, `Replicate from ${SIN}…`]);
    assert.equal(replicates[0].toTreeItem().command?.command, 'dhcpFailover.replicateScope');
  });

  it('keeps the marks over a refresh, and clears the mark once Replicate from the Drift view ran', async () => {
    const { api, prompts } = harness;
    prompts.script();
    await run('checkDrift', await relationshipNode(harness, lon, RELATIONSHIP));
    assertCleanRun(prompts);
    assert.deepEqual(prompts.notices, ['Checked 3 scopes of 1 relationship: 1 drifted, 2 in sync; 24 requests']);
    api.views.refreshAll();
    assert.match(shownDescription(api.views.servers, await scopeOf(lon, NETWORK)), /drifted: 2 differences/);

    const [group] = await api.drift.view.getChildren();
    const [scope] = await api.drift.view.getChildren(group);
    const [fromLon] = await api.drift.view.getChildren(scope);
    const click = fromLon.toTreeItem().command ?? assert.fail('the item runs a command');
    prompts.script(accept());
    await vscode.commands.executeCommand(click.command, ...((click.arguments ?? []) as unknown[]));
    assertCleanRun(prompts);
    assert.equal(api.drift.marks.all().find((mark) => mark.network === NETWORK)?.result.status, 'inSync');
    assert.match(shownDescription(api.views.servers, await scopeOf(sin, NETWORK)), / · in sync$/);
    assert.match(shownDescription(api.views.servers, await relationshipNode(harness, lon, RELATIONSHIP)), / · 3 scopes in sync$/);
    assert.deepEqual(await api.drift.view.getChildren(), []);
  });

  it('stops at Cancel: with one scope at a time, a cancel on the first result leaves exactly that one read', async () => {
    const { api, prompts } = harness;
    await vscode.workspace.getConfiguration('dhcpFailover').update('drift.concurrency', 1, vscode.ConfigurationTarget.Global);
    // What the notification's Cancel does, as soon as the first scope is marked.
    const cancelling = api.drift.marks.onDidChange(() => api.drift.checker.cancel());
    try {
      prompts.script();
      await run('checkAllForDrift');
    } finally {
      cancelling.dispose();
    }
    assertCleanRun(prompts);
    assert.equal(api.drift.marks.size, 1, 'one scope was read, no other');
    assert.match(prompts.notices[0], new RegExp(`^Cancelled after checking 1 of ${SCOPES} scopes of ${RELATIONSHIPS} relationships: 1 (in sync|drifted); 8 requests$`));
    assert.equal(api.drift.checker.isRunning, false);
  });

  it('finds drift made with Change This Copy Only… on the next check', async () => {
    const { api, prompts } = harness;
    const scope = await scopeOf(sin, '10.20.11.0/24');
    prompts.script(pick('Set an Option'), type('6'), type('10.99.0.53'));
    await run('changeScopeCopy', scope);
    assertCleanRun(prompts);
    assert.equal(api.drift.marks.size, 0, 'nothing is marked before a check');

    prompts.script();
    await run('checkDrift', await relationshipNode(harness, lon, RELATIONSHIP));
    assertCleanRun(prompts);
    const mark = api.drift.marks.all().find((candidate) => candidate.network === '10.20.11.0/24') ?? assert.fail('the scope is marked');
    assert.equal(mark.result.status, 'drifted');
    assert.match(shownDescription(api.views.servers, await scopeOf(lon, '10.20.11.0/24')), / · drifted: 1 difference: 1 option$/);
  });

  it('drops the mark of a scope whose copy a refreshed listing no longer shows (removed elsewhere)', async () => {
    const { api, prompts } = harness;
    // The demo as it starts: the tests before changed copies.
    harness.client = await freshSimulator(api);
    prompts.script();
    await run('checkDrift', await relationshipNode(harness, lon, RELATIONSHIP));
    assertCleanRun(prompts);
    assert.equal((await api.drift.view.getChildren()).length, 1);
    const copy = (await harness.client.getDHCPScopes({ filter: `dhcpServerRef=${sin.ref}` })).find((scope) => scope.name === NETWORK) ?? assert.fail('sin-01 holds a copy');
    // Another Micetro user removes sin-01's copy; the extension sees it only in the next listing.
    await harness.client.removeDHCPScope(copy.ref);
    api.views.refreshAll();
    assert.deepEqual(await api.drift.view.getChildren(), []);
    assert.equal(api.drift.marks.all().find((mark) => mark.network === NETWORK), undefined);
    assert.equal(api.drift.marks.size, 2, 'the other scopes keep their marks');
  });

  it('asks from the palette what to check, and forgets every mark on another connection', async () => {
    const { api, prompts } = harness;
    harness.client = await freshSimulator(api);
    prompts.script(pick('A Relationship…'), pick(RELATIONSHIP));
    await run('checkDrift');
    assertCleanRun(prompts);
    assert.equal(api.drift.marks.size, 3);
    assert.deepEqual(prompts.questions[0].choices, ['Everything', 'A Server…', 'A Relationship…']);
    harness = await startHarness();
    assert.equal(api.drift.marks.size, 0);
  });
});
