// Shared by the integration suites: the activated extension, a fresh simulator per suite, tree walking, and (from
// test/shared) fixtures built through the same client the extension uses.
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { MicetroClient } from '../../src/api/micetroClient';
import type { DHCPServer } from '../../src/api/types';
import type { DhcpFailoverApi } from '../../src/extension';
import type { ErrorNode } from '../../src/ui/tree/nodes/errorNode';
import type { LoadMoreNode } from '../../src/ui/tree/nodes/loadMoreNode';
import type { RelationshipNode } from '../../src/ui/tree/nodes/relationshipNode';
import type { ScopeNode } from '../../src/ui/tree/nodes/scopeNode';
import type { ScopeRowNode } from '../../src/ui/tree/nodes/scopeRowNode';
import type { ServerNode } from '../../src/ui/tree/nodes/serverNode';
import type { TreeNode } from '../../src/ui/tree/nodes/treeNode';
import type { PagedTreeProvider } from '../../src/ui/tree/pagedTreeProvider';
import { twoServers } from '../shared/simulatorFixtures';
import { ScriptedPrompts } from './scriptedPrompts';

export { addScopeIn, newRelationship, newScope, normalRelationship, relationship, scopeOn, settle, twoServers } from '../shared/simulatorFixtures';

export const EXTENSION_ID = 'micetro-failover.micetro-dhcp-failover';

export interface Harness {
  api: DhcpFailoverApi;
  prompts: ScriptedPrompts;
  client: MicetroClient;
}

/** Activates the extension, answers its questions from a script, and connects it to a fresh simulator. */
export async function startHarness(): Promise<Harness> {
  const extension = vscode.extensions.getExtension<DhcpFailoverApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  assert.ok(api, 'the test API is returned outside production mode');
  const prompts = new ScriptedPrompts();
  api.setPrompts(prompts);
  // Retried reads still happen, without the production pauses between them.
  api.connection.retryDelaysMs = [0, 0];
  return { api, prompts, client: await freshSimulator(api) };
}

/** The installed extension's folder (what the commands hand the wizard panels). */
export function extensionUri(): vscode.Uri {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.extensionUri;
}

/** A suite's harness and its two healthy Microsoft servers (see `twoServers`), set by the suite's `before`. */
export interface TwoServerFixture {
  harness: Harness;
  primary: DHCPServer;
  secondary: DHCPServer;
}

/**
 * Registers the suite's `before`, which starts the harness and picks two servers into the fixture returned, and
 * unless `refreshBeforeEach` is false a `beforeEach` that refreshes the views, so each test reads the tree afresh.
 */
export function twoServerFixture({ refreshBeforeEach = true } = {}): TwoServerFixture {
  const fixture = {} as TwoServerFixture;
  before(async () => {
    fixture.harness = await startHarness();
    [fixture.primary, fixture.secondary] = await twoServers(fixture.harness.client);
  });
  if (refreshBeforeEach) beforeEach(() => fixture.harness.api.views.refreshAll());
  return fixture;
}

/** The simulator profile of this run (`run-integration.js --profile`). */
export const TEST_PROFILE = process.env.DHCP_FAILOVER_TEST_PROFILE === 'micetro' ? 'micetro' : 'demo';
/** The strict profile: relationships carry no state, so the extension shows none and cannot filter by it. */
export const STATES_REPORTED = TEST_PROFILE === 'demo';

/** How a relationship's state reads in a description: the state's label, or the neutral text where none is reported. */
export const shownState = (label: string): string => (STATES_REPORTED ? label : 'state not reported by Micetro');

/** A new built-in simulator on a new data file, in this run's profile: every suite starts from the demo inventory. */
export async function freshSimulator(api: DhcpFailoverApi): Promise<MicetroClient> {
  const folder = mkdtempSync(join(tmpdir(), 'dhcp-failover-it-'));
  await api.connection.useSimulator({ dataFile: join(folder, 'simulator.json'), profile: TEST_PROFILE });
  return simulatorClient(api);
}

/**
 * A client of the extension's built-in simulator for the tests' own set-up and checks: the extension's client offers
 * only what the extension uses (`MicetroApi`), the tests also read scope options and single objects.
 */
export function simulatorClient(api: DhcpFailoverApi): MicetroClient {
  const current = api.connection.current;
  assert.equal(current.kind, 'simulator');
  const { url, user, password } = current.simulator;
  return new MicetroClient({ baseUrl: url, username: user, password });
}

/** Runs a command as the palette or a context menu would (with the node as argument). */
export async function run(command: string, node?: TreeNode): Promise<void> {
  await vscode.commands.executeCommand(`dhcpFailover.${command}`, ...(node ? [node] : []));
}

export function label(node: TreeNode): string {
  const item = node.toTreeItem();
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export function description(node: TreeNode): string {
  return String(node.toTreeItem().description ?? '');
}

export async function children(provider: PagedTreeProvider, node?: TreeNode): Promise<TreeNode[]> {
  return provider.getChildren(node);
}

/** The child labelled `text`; fails with the labels there are. */
export async function child(provider: PagedTreeProvider, node: TreeNode | undefined, text: string): Promise<TreeNode> {
  const nodes = await children(provider, node);
  const found = nodes.find((candidate) => label(candidate) === text);
  assert.ok(found, `No "${text}" under ${node?.id ?? 'the root'}; there are ${nodes.map(label).join(', ')}`);
  return found;
}

/** The kind a node's contextValue starts with (`server`, `relationship`, `scope`, `error`, `loadMore`). */
function kindOf(node: TreeNode): string {
  return String(node.toTreeItem().contextValue ?? '').split(';')[0];
}

// The nodes come from the extension's bundle, so tests tell them apart by contextValue, not instanceof.
export const isServer = (node: TreeNode): node is ServerNode => kindOf(node) === 'server';
export const isRelationship = (node: TreeNode): node is RelationshipNode => kindOf(node) === 'relationship';
export const isScopeRow = (node: TreeNode): node is ScopeRowNode => kindOf(node) === 'scope' && 'instances' in node;
export const isScope = (node: TreeNode): node is ScopeNode => kindOf(node) === 'scope' && 'scope' in node;
export const isLoadMore = (node: TreeNode): node is LoadMoreNode => kindOf(node) === 'loadMore';
export const isError = (node: TreeNode): node is ErrorNode => kindOf(node) === 'error';

/** The Servers view's node for this server. */
export function serverNode(harness: Harness, server: DHCPServer): Promise<TreeNode> {
  return child(harness.api.views.servers, undefined, server.name);
}

/** The Servers view's node for a relationship under `server`. */
export async function relationshipNode(harness: Harness, server: DHCPServer, name: string): Promise<TreeNode> {
  return child(harness.api.views.servers, await serverNode(harness, server), name);
}

/** Fails with what the command showed when it reported an error or left answers unused. */
export function assertCleanRun(prompts: ScriptedPrompts): void {
  assert.deepEqual(prompts.errors, [], 'the command reported an error');
  assert.equal(prompts.unanswered, 0, `the command asked fewer questions than scripted: ${JSON.stringify(prompts.questions)}`);
}

/**
 * Waits for something the extension or the workbench does asynchronously (an event handler, a timer, a view
 * becoming visible); fails after `timeoutMs` naming `what`, plus `detail()` when given.
 */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5000, detail?: () => string): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 50) {
    if (waited >= timeoutMs) assert.fail(`timed out waiting for ${what}${detail ? ` (${detail()})` : ''}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The demo's drifted pair: 10.20.10.0/24 of lon-sin-70-30 (a reservation added on lon-02, DNS servers changed on sin-01). */
export const DRIFTED = { network: '10.20.10.0/24', relationship: 'lon-sin-70-30', lon: 'dhcp-lon-02.corp.example', sin: 'dhcp-sin-01.corp.example' };

/** The demo's two servers of the drifted pair, as Micetro lists them. */
export async function driftedServers(client: MicetroClient): Promise<{ lon: DHCPServer; sin: DHCPServer }> {
  const servers = await client.getDHCPServers();
  const named = (name: string) => servers.find((server) => server.name === name) ?? assert.fail(`${name} is in the demo`);
  return { lon: named(DRIFTED.lon), sin: named(DRIFTED.sin) };
}

/** The diff editor open now: its title and both documents. */
export async function activeDiff(): Promise<{ title: string; left: vscode.TextDocument; right: vscode.TextDocument }> {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  assert.ok(tab && tab.input instanceof vscode.TabInputTextDiff, `a diff editor is active, not ${tab?.label ?? 'nothing'}`);
  const [left, right] = await Promise.all([vscode.workspace.openTextDocument(tab.input.original), vscode.workspace.openTextDocument(tab.input.modified)]);
  return { title: tab.label, left, right };
}
