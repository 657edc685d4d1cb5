// Replicate Scope…, Replicate Failover Relationship…, Replicate All Failover Scopes on Server…: each confirms
// source → destination, and that the destination's scope content is replaced.
import type * as vscode from 'vscode';
import { scopeCidr } from '../../failover';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { ScopeNode } from '../tree/nodes/scopeNode';
import { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import type { ServerNode } from '../tree/nodes/serverNode';
import { partnerName, partnerRef, serverRefsOf } from '../tree/relationshipText';
import { requireClient, type CommandContext } from './commandContext';
import { registerCommand, withViewProgress } from './registerCommand';
import { failoverScopeTarget, nothingToDo, relationshipTarget, serverTarget, sourceServer } from './targets';

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
  const source = await sourceServer(context, picked, node instanceof ScopeNode, title);
  let scope = picked.scope;
  if (source.server.ref !== picked.server.ref) {
    const instance = node instanceof ScopeRowNode ? node.instances.find((i) => i.server.ref === source.server.ref)?.scope : undefined;
    const mirrored = instance ?? (await context.views.inventory.getScopes(source.server.ref)).find((s) => scopeCidr(s) === scopeCidr(picked.scope));
    if (!mirrored) throw new Error(`${picked.scope.name} does not exist on ${source.server.name}.`);
    scope = mirrored;
  }
  const destination = partnerName(source.relationship);
  await context.prompts.confirm(
    `Replicate the scope ${scope.name} from ${source.server.name} to ${destination}?`,
    `The ${REPLACED} of ${scope.name} on ${destination} are replaced with those on ${source.server.name}. Leases are not copied.`,
    'Replicate',
  );
  await withViewProgress(`Replicating ${scope.name} to ${destination}…`, () =>
    client.replicateFailover({ dhcpServerRef: source.server.ref, dhcpScopeRef: scope.ref }),
  );
  await context.views.afterChange(serverRefsOf(source.relationship));
  context.prompts.showInfo(`Replicated ${scope.name} from ${source.server.name} to ${destination}.`);
}

async function replicateRelationship(context: CommandContext, node: RelationshipNode | undefined): Promise<void> {
  const client = requireClient(context);
  const title = 'Replicate Failover Relationship';
  const picked = await relationshipTarget(context, node, title, (relationship) => relationship.dhcpScopeRefs.length > 0);
  if (picked.relationship.dhcpScopeRefs.length === 0) nothingToDo(context, `${picked.relationship.name} has no scopes to replicate.`);
  const { server, relationship } = await sourceServer(context, picked, node instanceof RelationshipNode, title);
  const destination = partnerName(relationship);
  const count = relationship.dhcpScopeRefs.length;
  await context.prompts.confirm(
    `Replicate the failover relationship "${relationship.name}" from ${server.name} to ${destination}?`,
    `The ${REPLACED} of its ${count} scope${count === 1 ? '' : 's'} on ${destination} are replaced with those on ${server.name}. Leases are not copied.`,
    'Replicate',
  );
  await withViewProgress(`Replicating ${relationship.name} to ${destination}…`, () =>
    client.replicateFailover({ dhcpServerRef: server.ref, dhcpFailoverRelationshipName: relationship.name }),
  );
  await context.views.afterChange(serverRefsOf(relationship));
  context.prompts.showInfo(`Replicated ${relationship.name} from ${server.name} to ${destination}.`);
}

async function replicateServer(context: CommandContext, node: ServerNode | undefined): Promise<void> {
  const client = requireClient(context);
  const server = await serverTarget(context, node, 'Replicate All Failover Scopes on Server', (candidate) => candidate.type === 'MSDHCP');
  const relationships = (await context.views.inventory.getRelationships(server.ref)).filter((r) => r.dhcpScopeRefs.length > 0);
  if (relationships.length === 0) nothingToDo(context, `${server.name} has no failover scopes to replicate.`);
  const count = relationships.reduce((total, r) => total + r.dhcpScopeRefs.length, 0);
  const destinations = [...new Set(relationships.map(partnerName))].join(', ');
  await context.prompts.confirm(
    `Replicate all ${count} failover scope${count === 1 ? '' : 's'} of ${server.name}?`,
    `Source: ${server.name}. Destination: ${destinations}. The ${REPLACED} of those scopes on the destination are replaced with those on ${server.name}. Leases are not copied.`,
    'Replicate',
  );
  await withViewProgress(`Replicating the failover scopes of ${server.name}…`, () => client.replicateFailover({ dhcpServerRef: server.ref }));
  const partners = relationships.map(partnerRef).filter((ref): ref is string => ref !== undefined);
  await context.views.afterChange([server.ref, ...partners]);
  context.prompts.showInfo(`Replicated ${count} failover scope${count === 1 ? '' : 's'} from ${server.name} to ${destinations}.`);
}
