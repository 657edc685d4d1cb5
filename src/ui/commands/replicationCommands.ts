// Replicate Scope…, Replicate Failover Relationship…, Replicate All Failover Scopes on Server…: each confirms
// source → destination, and that the destination's scope content is replaced.
import type * as vscode from 'vscode';
import { otherSide, pairScopeCount, pairServerRefs, readOnlyReason, scopeCidr, sideOn } from '../../failover';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { ScopeNode } from '../tree/nodes/scopeNode';
import { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import type { ServerNode } from '../tree/nodes/serverNode';
import { requireClient, type CommandContext } from './commandContext';
import { registerCommand, withViewProgress } from './registerCommand';
import { failoverScopeTarget, nothingToDo, relationshipTarget, serverTarget, sourceSide } from './targets';

const REPLACED = 'ranges, exclusions, reservations and options';

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
  const destination = otherSide(picked.pair, source).server.name;
  await context.prompts.confirm(
    `Replicate the scope ${scope.name} from ${from.name} to ${destination}?`,
    `The ${REPLACED} of ${scope.name} on ${destination} are replaced with those on ${from.name}. Leases are not copied.`,
    'Replicate',
  );
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
  const source = (await sourceSide(context, picked, node instanceof RelationshipNode, title)).server;
  const destination = otherSide(pair, sideOn(pair, source.ref) ?? pair.primary).server.name;
  await context.prompts.confirm(
    `Replicate the failover relationship "${pair.name}" from ${source.name} to ${destination}?`,
    `The ${REPLACED} of its ${count} scope${count === 1 ? '' : 's'} on ${destination} are replaced with those on ${source.name}. Leases are not copied.`,
    'Replicate',
  );
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
  await context.prompts.confirm(
    `Replicate all ${count} failover scope${count === 1 ? '' : 's'} of ${server.name}?`,
    `Source: ${server.name}. Destination: ${destinations}. The ${REPLACED} of those scopes on the destination are replaced with those on ${server.name}. Leases are not copied.`,
    'Replicate',
  );
  await withViewProgress(`Replicating the failover scopes of ${server.name}…`, () => client.replicateFailover({ dhcpServerRef: server.ref }));
  await context.views.afterChange([server.ref, ...partners.map((partner) => partner.ref)]);
  context.prompts.showInfo(`Replicated ${count} failover scope${count === 1 ? '' : 's'} from ${server.name} to ${destinations}.`);
}
