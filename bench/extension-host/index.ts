// The part of the benchmark that runs inside the VS Code extension host (launched like the integration tests):
// activation time, round trips per user action through the real tree providers and commands (counted by the
// simulator), and the time the tree takes to compute children from cached data. Writes JSON to $BENCH_OUT.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { MicetroClient } from '../../src/api/micetroClient';
import type { DhcpFailoverApi } from '../../src/extension';
import type { PickItem } from '../../src/ui/prompts';
import type { LoadMoreNode } from '../../src/ui/tree/nodes/loadMoreNode';
import type { TreeNode } from '../../src/ui/tree/nodes/treeNode';
import type { PagedTreeProvider } from '../../src/ui/tree/pagedTreeProvider';
import { accept, ScriptedPrompts } from '../../test/integration/scriptedPrompts';
import { median } from '../stats';

export interface ExtensionHostFigures {
  /** From asking VS Code to activate the extension until it is active: loading the bundle and activate(). */
  activationMs: number;
  /** The part spent inside activate() itself. */
  activateCallMs: number;
  /** `requests`: everything the simulator served for the action; `changes`: commands that change something. */
  roundTrips: Array<{
    action: string;
    requests: number;
    changes: number;
    scopes?: number;
    /** Servers the all-servers relationship listing names nowhere: each is read on its own (it cannot say they have none). */
    unnamedServers?: number;
    /** IPAM ranges listed the first time networks are needed (once per connection). */
    ranges?: number;
  }>;
  treeModel: Array<{ what: string; children: number; ms: number }>;
}

/**
 * Against a simulator with a fixed delay per answer: how long a user waits, from the command or expansion to the
 * provider's answer, with the round trips the simulator served meanwhile.
 */
export interface LatencyFigures {
  rows: Array<{ action: string; ms: number; requests: number }>;
}

const EXTENSION_ID = 'micetro-failover.micetro-dhcp-failover';
const ADDED_SCOPES = 100;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the benchmark with npm run bench`);
  return value;
}

function labelOf(node: TreeNode): string {
  const label = node.toTreeItem().label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export async function run(): Promise<void> {
  const url = env('BENCH_SIM_URL');
  const user = env('BENCH_SIM_USER');
  const password = env('BENCH_SIM_PASSWORD');
  // Activation as VS Code sees it (loading the bundle included), when this suite is the first to ask for it.
  const extension = vscode.extensions.getExtension<DhcpFailoverApi>(EXTENSION_ID)!;
  const wasActive = extension.isActive;
  // Let the freshly started extension host finish its own start-up first, so only this extension is timed.
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_SETTLE_MS ?? 3000)));
  const activationStarted = performance.now();
  const api = await extension.activate();
  const activationMs = wasActive ? api.activationMs : performance.now() - activationStarted;
  if (process.env.BENCH_PART === 'activation') {
    writeFileSync(env('BENCH_OUT'), JSON.stringify({ activationMs, activateCallMs: api.activationMs }));
    return;
  }
  const prompts = new ScriptedPrompts();
  api.setPrompts(prompts);
  await api.connection.connectMicetro({ url, user }, password);
  if (process.env.BENCH_PART === 'latency') {
    writeFileSync(env('BENCH_OUT'), JSON.stringify(await latencyRows(api, new MicetroClient({ baseUrl: url, username: user, password }))));
    return;
  }

  // Facts about the inventory, read directly (not counted).
  const direct = new MicetroClient({ baseUrl: url, username: user, password });
  const counts = new Map<string, number>();
  for (const scope of await direct.getDHCPScopes()) counts.set(scope.dhcpServerRef, (counts.get(scope.dhcpServerRef) ?? 0) + 1);
  const [biggestRef, biggestScopes] = [...counts].sort((a, b) => b[1] - a[1])[0];
  const biggest = await direct.getDHCPServer(biggestRef);
  const relationships = await direct.getDHCPFailoverRelationships(biggestRef);
  const biggestRelationship = [...relationships].sort((a, b) => b.dhcpScopeRefs.length - a.dhcpScopeRefs.length)[0];
  const named = new Set((await direct.getDHCPFailoverRelationships()).map((record) => record.dhcpServerRef));
  const unnamedServers = (await direct.getDHCPServers()).filter((server) => !named.has(server.ref)).length;
  const rangeCount = (await direct.getRanges()).length;

  /** Requests the simulator served for `work`, without the benchmark's own Sim* calls. */
  const requestsFor = async (work: () => PromiseLike<unknown>): Promise<{ requests: number; changes: number }> => {
    await direct.command('SimResetStats');
    await work();
    const stats = await direct.command<{ byOperation: Record<string, number> }>('SimGetStats');
    const served = Object.entries(stats.byOperation).filter(([operation]) => !/ Sim/.test(operation));
    const sum = (entries: Array<[string, number]>) => entries.reduce((total, [, count]) => total + count, 0);
    return { requests: sum(served), changes: sum(served.filter(([operation]) => /^command (?!Get)|^(POST|PUT|DELETE) /.test(operation))) };
  };
  const servers = api.views.servers as PagedTreeProvider;
  const scopes = api.views.scopes as PagedTreeProvider;
  /** The child labelled `label`, clicking "Load more" as a user would until it shows. */
  const childNamed = async (provider: PagedTreeProvider, parent: TreeNode | undefined, label: string) => {
    for (;;) {
      const nodes = await provider.getChildren(parent);
      const found = nodes.find((node) => labelOf(node) === label);
      if (found) return found;
      // This suite is bundled apart from the extension, so classes differ: tell the node by its contextValue.
      const more = nodes.find((node) => node.toTreeItem().contextValue === 'loadMore') as LoadMoreNode | undefined;
      if (!more) throw new Error(`no "${label}" under ${parent?.id ?? 'the root'} (${nodes.length} nodes: ${nodes.slice(0, 5).map(labelOf).join(', ')}…)`);
      provider.showMore(more);
    }
  };

  const roundTrips: ExtensionHostFigures['roundTrips'] = [];
  api.views.refreshAll();
  const measure = async (action: string, work: () => PromiseLike<unknown>, facts: { scopes?: number; unnamedServers?: number; ranges?: number } = {}) =>
    roundTrips.push({ action, ...(await requestsFor(work)), ...facts });
  await measure('Open the Servers view', () => servers.getChildren(undefined), { unnamedServers });
  const serverNode = await childNamed(servers, undefined, biggest.name);
  await measure(`Expand the biggest server (${biggestScopes} scopes)`, () => servers.getChildren(serverNode), { scopes: biggestScopes });
  const relationshipNode = await childNamed(servers, serverNode, biggestRelationship.name);
  await measure(
    `Expand its biggest relationship (${biggestRelationship.dhcpScopeRefs.length} scopes)`,
    // The rows come first; the count includes the networks filling in after, so no request is left for the next row.
    async () => {
      await servers.getChildren(relationshipNode);
      await api.views.inventory.getScopes(biggestRef);
    },
    // The first view that needs scope networks lists every IPAM range, once per connection.
    { scopes: biggestRelationship.dhcpScopeRefs.length, ranges: rangeCount },
  );
  const allScopes = [...counts.values()].reduce((a, b) => a + b, 0);
  // Its first rows, then the rest it pages in.
  await measure(
    `Open the Scopes view (${allScopes} scopes)`,
    async () => {
      await scopes.getChildren(undefined);
      await api.views.inventory.getAllScopes();
    },
    { scopes: allScopes },
  );
  await measure('Run a text filter in the Scopes view', async () => {
    await api.views.scopes.setFilter('10.1.');
    await scopes.getChildren(undefined);
  });

  // Tree model time: children computed from cached data (the fetch is excluded by warming the cache first).
  const treeModel: ExtensionHostFigures['treeModel'] = [];
  const timeChildren = async (what: string, provider: PagedTreeProvider, node: TreeNode) => {
    await provider.getChildren(node);
    const times: number[] = [];
    let children = 0;
    for (let run = 0; run < 15; run++) {
      const started = performance.now();
      const nodes = await provider.getChildren(node);
      for (const child of nodes) provider.getTreeItem(child);
      times.push(performance.now() - started);
      children = nodes.length;
    }
    treeModel.push({ what, children, ms: median(times) });
  };
  await timeChildren(`Children of the biggest server (${relationships.length} relationships)`, servers, serverNode);
  await timeChildren(`Children of a ${biggestRelationship.dhcpScopeRefs.length}-scope relationship`, servers, relationshipNode);

  // Bulk actions: one command whatever the number of scopes.
  const target = relationships.find((relationship) => relationship.failoverServerType === 'PrimaryServer' && relationship.state === 'Normal')!;
  const fresh: string[] = [];
  for (let index = 0; index < ADDED_SCOPES; index++) {
    const third = 10 + Math.floor(index / 256);
    const network = `100.${third}.${index % 256}.0/24`;
    const rangeRef = await direct.addRange({ name: network, subnet: true });
    fresh.push(await direct.addDHCPScope({ name: network, rangeRef, dhcpServerRef: biggestRef }));
  }
  // The new scopes were made behind the extension's back: Refresh, and look at the relationship, as a user would.
  api.views.refreshAll();
  const refreshedServer = await childNamed(servers, undefined, biggest.name);
  const targetNode = await childNamed(servers, refreshedServer, target.name);
  await servers.getChildren(targetNode);
  prompts.script({ kind: 'pickMany', choose: (items: readonly PickItem<unknown>[]) => items.filter((item) => item.label.startsWith('100.')) } as never);
  await measure(`Add ${ADDED_SCOPES} scopes to a relationship`, () => vscode.commands.executeCommand('dhcpFailover.addScopesToRelationship', targetNode));
  const added = (await direct.getDHCPFailoverRelationship(biggestRef, target.name)).dhcpScopeRefs.filter((ref) => fresh.includes(ref)).length;
  if (added !== ADDED_SCOPES) throw new Error(`the command added ${added} of ${ADDED_SCOPES} scopes (asked ${JSON.stringify(prompts.questions).slice(0, 400)}; errors ${prompts.errors.join('; ')})`);

  // One scope drifted on the source, so the preview finds a change and the replicate runs (Sim* calls are not counted).
  await direct.command('SimChangeScopeCopy', { dhcpScopeRef: biggestRelationship.dhcpScopeRefs[0], setOption: { option: '252', value: 'http://wpad.example/wpad.dat' } });
  prompts.script(accept());
  const replicated = await childNamed(servers, refreshedServer, biggestRelationship.name);
  await measure(
    `Replicate a relationship (${biggestRelationship.dhcpScopeRefs.length} scopes, one drifted)`,
    () => vscode.commands.executeCommand('dhcpFailover.replicateRelationship', replicated),
    { scopes: biggestRelationship.dhcpScopeRefs.length },
  );
  if (prompts.errors.length) throw new Error(`the commands reported: ${prompts.errors.join('; ')}`);

  const figures: ExtensionHostFigures = { activationMs, activateCallMs: api.activationMs, roundTrips, treeModel };
  console.log(`activation: ${activationMs.toFixed(1)} ms as VS Code sees it, ${api.activationMs.toFixed(1)} ms inside activate()`);
  writeFileSync(env('BENCH_OUT'), JSON.stringify(figures, null, 2));
}

/** The waits of a first visit, in the order a user makes them, on a fresh cache. */
async function latencyRows(api: DhcpFailoverApi, direct: MicetroClient): Promise<LatencyFigures> {
  const counts = new Map<string, number>();
  for (const scope of await direct.getDHCPScopes()) counts.set(scope.dhcpServerRef, (counts.get(scope.dhcpServerRef) ?? 0) + 1);
  const [biggestRef] = [...counts].sort((a, b) => b[1] - a[1])[0];
  const biggest = await direct.getDHCPServer(biggestRef);
  const biggestRelationship = (await direct.getDHCPFailoverRelationships(biggestRef)).sort((a, b) => b.dhcpScopeRefs.length - a.dhcpScopeRefs.length)[0];
  const servers = api.views.servers as PagedTreeProvider;
  const scopes = api.views.scopes as PagedTreeProvider;
  const rows: LatencyFigures['rows'] = [];
  const served = async () => {
    const stats = await direct.command<{ byOperation: Record<string, number> }>('SimGetStats');
    return Object.entries(stats.byOperation)
      .filter(([operation]) => !/ Sim/.test(operation))
      .reduce((total, [, count]) => total + count, 0);
  };
  const timed = async <T>(action: string, work: () => Promise<T>): Promise<T> => {
    const before = await served();
    const started = performance.now();
    const result = await work();
    rows.push({ action, ms: performance.now() - started, requests: (await served()) - before });
    return result;
  };
  api.views.refreshAll();
  await direct.command('SimResetStats');
  const opened = performance.now();
  const root = await servers.getChildren(undefined);
  rows.push({ action: 'Servers view first rows', ms: performance.now() - opened, requests: await served() });
  // Its page, as a user clicking "Load more" would reach it (the pages come from what the root read).
  let shown = root;
  while (!shown.some((node) => labelOf(node) === biggest.name)) {
    const more = shown.find((node) => node.toTreeItem().contextValue === 'loadMore') as LoadMoreNode | undefined;
    if (!more) throw new Error(`no ${biggest.name} in the Servers view`);
    servers.showMore(more);
    shown = await servers.getChildren(undefined);
  }
  const serverNode = shown.find((node) => labelOf(node) === biggest.name)!;
  // Every server node, for the counts row (the pages after it come from the same read).
  for (let more = shown.find((node) => node.toTreeItem().contextValue === 'loadMore'); more; more = shown.find((node) => node.toTreeItem().contextValue === 'loadMore')) {
    servers.showMore(more as LoadMoreNode);
    shown = await servers.getChildren(undefined);
  }
  const serverNodes = shown.filter((node) => node.toTreeItem().contextValue?.startsWith('server'));
  // Expanded as soon as it shows, while the other servers' counts still fill in.
  const expanded = timed(`Expand the biggest server (${counts.get(biggestRef)} scopes)`, () => servers.getChildren(serverNode));
  const allCounts = (async () => {
    const counted = () => serverNodes.every((node) => /relationship/.test(String(node.toTreeItem().description ?? '')));
    while (!counted()) await new Promise((resolve) => setImmediate(resolve));
    rows.push({ action: `All ${serverNodes.length} servers' relationship counts shown`, ms: performance.now() - opened, requests: await served() });
  })();
  const relationships = await expanded;
  await allCounts;
  const relationshipNode = relationships.find((node) => labelOf(node) === biggestRelationship.name);
  if (!relationshipNode) throw new Error(`no ${biggestRelationship.name} under ${biggest.name}`);
  await timed(`Expand a ${biggestRelationship.dhcpScopeRefs.length}-scope relationship: its first rows (from the first page of its server's scopes)`, () =>
    servers.getChildren(relationshipNode),
  );
  // The rest of its server's scopes and their networks fill in after its first rows (30 pages of ranges): the next
  // view opens once they have, as a user reading the expansion would, so its figure is its own wait rather than the
  // CPU those pages take to parse meanwhile.
  await api.views.inventory.getScopes(biggestRef);
  await timed(`Scopes view first rows (${[...counts.values()].reduce((a, b) => a + b, 0)} scopes)`, () => scopes.getChildren(undefined));
  // The filter once the view has every scope (it pages the rest in after its first rows).
  await api.views.inventory.getAllScopes();
  await timed('A text filter in the Scopes view (every scope read)', async () => {
    await api.views.scopes.setFilter('10.1.');
    return scopes.getChildren(undefined);
  });
  await api.views.scopes.setFilter('');
  // The Scopes view first, on a cache a Refresh just emptied: its rows also need every relationship (the demo's
  // listing, or the strict profile's verdict that it must read them one server at a time, then those read so far).
  api.views.refreshAll();
  await timed('After Refresh, the Scopes view first (no relationship read yet): its first rows', () => scopes.getChildren(undefined));
  return { rows };
}
