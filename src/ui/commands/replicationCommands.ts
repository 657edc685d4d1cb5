// Replicate Scope…, Replicate Failover Relationship…, Replicate All Failover Scopes on Server…: each confirms
// source → destination with the preview of what changes on each destination (replicatePreview.ts).
import type * as vscode from 'vscode';
import { matchingInstance, otherSide, pairScopeCount, pairServerRefs, readOnlyReason, scopeCidr, sideCandidates, sideOn } from '../../failover';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { ScopeNode } from '../tree/nodes/scopeNode';
import { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import type { ServerNode } from '../tree/nodes/serverNode';
import { requireClient, type CommandContext } from './commandContext';
import { registerCommand, withViewProgress } from './registerCommand';
import { confirmReplicate, pairTargets } from './replicatePreview';
import { failoverScopeTarget, nothingToDo, relationshipTarget, serverTarget, sourceSide } from './targets';

const REPLACED = 'ranges, exclusions, reservations and options';
/** Said after every preview: what it shows is not all a replicate copies. */
const NOT_COPIED = 'Leases are not copied. Windows also replicates DHCP policies, which this preview does not show.';

export function registerReplicationCommands(context: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(context, 'dhcpFailover.replicateScope', 'Could not replicate the scope', (node) => replicateScope(context, node)),
    registerCommand(context, 'dhcpFailover.replicateRelationship', 'Could not replicate the failover relationship', (node) =>
      replicateRelationship(context, node),
    ),
    registerCommand(context, 'dhcpFailover.replicateServer', 'Could not replicate the failover scopes', (node) => replicateServer(context, node)),
  ];
}

async function replicateScope(context: CommandContext, node: ScopeNode | ScopeRowNode | undefined): Promise<void> {
  const client = requireClient(context);
  const title = 'Replicate Scope';
  const picked = await failoverScopeTarget(context, node, title);
  // A Scopes row or a palette pick names the scope, not a direction: ask which instance is the source.
  const source = await sourceSide(context, picked, node instanceof ScopeNode, title);
  const from = source.server;
  let scope = picked.scope;
  if (source !== picked.side) {
    const instance = node instanceof ScopeRowNode ? node.instances.find((i) => i.server.ref === from.ref)?.scope : undefined;
    const mirrored = instance ?? (await context.views.inventory.getScopes(from.ref)).find((s) => scopeCidr(s) === scopeCidr(picked.scope));
    if (!mirrored) throw new Error(`${picked.scope.name} does not exist on ${from.name}.`);
    scope = mirrored;
  }
  const destinationSide = otherSide(picked.pair, source);
  const destination = destinationSide.server.name;
  const destinationScope = matchingInstance(sideCandidates(destinationSide, await context.views.inventory.getScopes(destinationSide.server.ref)), scope);
  await confirmReplicate(context, client, {
    question: `Replicate the scope ${scope.name} from ${from.name} to ${destination}?`,
    what: scope.name,
    sourceName: from.name,
    targets: [{ network: scopeCidr(scope), destination, source: scope, destinationScope }],
    consequence: `The ${REPLACED} of ${scope.name} on ${destination} are replaced with those on ${from.name}. ${NOT_COPIED}`,
  });
  await withViewProgress(`Replicating ${scope.name} to ${destination}…`, () => client.replicateFailover({ dhcpServerRef: from.ref, dhcpScopeRef: scope.ref }));
  await context.views.afterChange(pairServerRefs(picked.pair));
  context.prompts.showInfo(`Replicated ${scope.name} from ${from.name} to ${destination}.`);
}

async function replicateRelationship(context: CommandContext, node: RelationshipNode | undefined): Promise<void> {
  const client = requireClient(context);
  const title = 'Replicate Failover Relationship';
  const picked = await relationshipTarget(context, node, title, (pair) => pairScopeCount(pair) > 0);
  const { pair } = picked;
  const count = pairScopeCount(pair);
  if (count === 0) nothingToDo(context, `${pair.name} has no scopes to replicate.`);
  const sourceSideOfPair = await sourceSide(context, picked, node instanceof RelationshipNode, title);
  const source = sourceSideOfPair.server;
  const destination = otherSide(pair, sourceSideOfPair).server.name;
  const scopes = `${count} scope${count === 1 ? '' : 's'}`;
  await confirmReplicate(context, client, {
    question: `Replicate the failover relationship "${pair.name}" from ${source.name} to ${destination}?`,
    what: `The ${scopes} of ${pair.name}`,
    sourceName: source.name,
    targets: await pairTargets(context, pair, sourceSideOfPair),
    consequence: `The ${REPLACED} of its ${scopes} on ${destination} are replaced with those on ${source.name}. ${NOT_COPIED}`,
  });
  await withViewProgress(`Replicating ${pair.name} to ${destination}…`, () =>
    client.replicateFailover({ dhcpServerRef: source.ref, dhcpFailoverRelationshipName: pair.name }),
  );
  await context.views.afterChange(pairServerRefs(pair));
  context.prompts.showInfo(`Replicated ${pair.name} from ${source.name} to ${destination}.`);
}

async function replicateServer(context: CommandContext, node: ServerNode | undefined): Promise<void> {
  const client = requireClient(context);
  const server = await serverTarget(context, node, 'Replicate All Failover Scopes on Server', (candidate) => candidate.type === 'MSDHCP');
  const pairs = (await context.views.inventory.getPairs(server.ref)).filter((pair) => (sideOn(pair, server.ref)?.scopeRefs.length ?? 0) > 0);
  if (pairs.length === 0) nothingToDo(context, `${server.name} has no failover scopes to replicate.`);
  const readOnly = pairs.map(readOnlyReason).find((reason) => reason !== undefined);
  if (readOnly) throw new Error(readOnly);
  const count = pairs.reduce((total, pair) => total + (sideOn(pair, server.ref)?.scopeRefs.length ?? 0), 0);
  const partners = pairs.map((pair) => otherSide(pair, sideOn(pair, server.ref) ?? pair.primary).server);
  const destinations = [...new Set(partners.map((partner) => partner.name))].join(', ');
  const targets = (await Promise.all(pairs.map((pair) => pairTargets(context, pair, sideOn(pair, server.ref) ?? pair.primary)))).flat();
  const scopes = `${count} failover scope${count === 1 ? '' : 's'}`;
  await confirmReplicate(context, client, {
    question: `Replicate all ${scopes} of ${server.name}?`,
    what: `The ${scopes} of ${server.name}`,
    sourceName: server.name,
    targets,
    consequence: `Source: ${server.name}. Destination: ${destinations}. The ${REPLACED} of those scopes on the destination are replaced with those on ${server.name}. ${NOT_COPIED}`,
  });
  await withViewProgress(`Replicating the failover scopes of ${server.name}…`, () => client.replicateFailover({ dhcpServerRef: server.ref }));
  await context.views.afterChange([server.ref, ...partners.map((partner) => partner.ref)]);
  context.prompts.showInfo(`Replicated ${count} failover scope${count === 1 ? '' : 's'} from ${server.name} to ${destinations}.`);
}
