// What a command acts on: the node it was run from, or (from the palette) what the user picks.
import type { DHCPFailoverRelationship, DHCPScope, DHCPServer } from '../../api/types';
import { scopeCidr, stateLabel } from '../../failover';
import { CancelledError, type PickItem } from '../prompts';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { ScopeNode, scopeTexts } from '../tree/nodes/scopeNode';
import { ScopeRowNode, type ScopeInstance } from '../tree/nodes/scopeRowNode';
import { ServerNode } from '../tree/nodes/serverNode';
import { modeSummary, pairName } from '../tree/relationshipText';
import { compareNames, sortByNetwork } from '../tree/sortKeys';
import type { CommandContext } from './commandContext';

/** A relationship as one of its servers sees it. */
export interface RelationshipTarget {
  server: DHCPServer;
  relationship: DHCPFailoverRelationship;
}

export async function serverTarget(
  context: CommandContext,
  node: ServerNode | undefined,
  title: string,
  accept: (server: DHCPServer) => boolean = () => true,
): Promise<DHCPServer> {
  if (node instanceof ServerNode) return node.server;
  const servers = (await context.views.inventory.getServers()).filter(accept).sort((a, b) => compareNames(a.name, b.name));
  if (servers.length === 0) throw new Error('No DHCP server fits this action.');
  return context.prompts.pick(
    servers.map((server) => ({ label: server.name, description: server.state === 'OK' ? server.address : `${server.address} · ${server.state}`, value: server })),
    { title, placeHolder: 'Pick a DHCP server' },
  );
}

/** From a relationship node: as its server sees it. From the palette: a relationship as its primary sees it. */
export async function relationshipTarget(
  context: CommandContext,
  node: RelationshipNode | undefined,
  title: string,
  accept: (relationship: DHCPFailoverRelationship) => boolean = () => true,
  /** Why nothing is offered when no relationship is accepted. */
  noneAccepted = 'No failover relationship fits this action.',
): Promise<RelationshipTarget> {
  if (node instanceof RelationshipNode) return { server: node.parent.server, relationship: node.relationship };
  const candidates = (await primaryRelationships(context)).filter((target) => accept(target.relationship));
  if (candidates.length === 0) throw new Error(noneAccepted);
  return context.prompts.pick(candidates.map(relationshipItem), { title, placeHolder: 'Pick a failover relationship' });
}

/** Every relationship once, as its primary sees it. */
export async function primaryRelationships(context: CommandContext): Promise<RelationshipTarget[]> {
  const inventory = context.views.inventory;
  const servers = await inventory.getServers();
  const byServer = await inventory.getAllRelationships();
  const targets: RelationshipTarget[] = [];
  for (const server of servers) {
    for (const relationship of byServer.get(server.ref) ?? []) {
      if (relationship.failoverServerType === 'PrimaryServer') targets.push({ server, relationship });
    }
  }
  return targets.sort((a, b) => compareNames(a.relationship.name, b.relationship.name));
}

export function relationshipItem(target: RelationshipTarget): PickItem<RelationshipTarget> {
  const { relationship } = target;
  const state = stateLabel(relationship.state, relationship.dhcpScopeRefs.length);
  return { label: relationship.name, description: `${pairName(relationship)} · ${modeSummary(relationship)} · ${state}`, value: target };
}

/** The relationship as its primary server sees it (the view the wizard edits and scopes are added from). */
export async function asPrimary(context: CommandContext, target: RelationshipTarget): Promise<RelationshipTarget> {
  const { relationship } = target;
  if (relationship.failoverServerType === 'PrimaryServer' || !relationship.primaryServerRef) return target;
  const inventory = context.views.inventory;
  const server = await inventory.getServer(relationship.primaryServerRef);
  const seen = (await inventory.getRelationships(relationship.primaryServerRef)).find((r) => r.name === relationship.name);
  return server && seen ? { server, relationship: seen } : target;
}

/** The scopes of a relationship on the server it was read from, by network. */
async function relationshipScopes(context: CommandContext, target: RelationshipTarget): Promise<DHCPScope[]> {
  const refs = new Set(target.relationship.dhcpScopeRefs);
  const scopes = await context.views.inventory.getScopes(target.server.ref);
  return sortByNetwork(
    scopes.filter((scope) => refs.has(scope.ref)),
    (scope) => scope,
  );
}

/** A scope as a quick-pick item: its network, then its name and description. */
function scopeItem(scope: DHCPScope): PickItem<DHCPScope> {
  return { label: scopeCidr(scope), description: scopeTexts(scope).filter(Boolean).join(' · '), value: scope };
}

/** A scope of a relationship: the node's, one instance of a Scopes row, or picked from a relationship. */
export async function failoverScopeTarget(
  context: CommandContext,
  node: ScopeNode | ScopeRowNode | undefined,
  title: string,
  /** Which relationships the palette offers, besides having scopes; with `noneAccepted` to say why none is offered. */
  accept: (relationship: DHCPFailoverRelationship) => boolean = () => true,
  noneAccepted?: string,
): Promise<ScopeInstance & RelationshipTarget> {
  if (node instanceof ScopeNode) return { scope: node.scope, server: node.parent.parent.server, relationship: node.parent.relationship };
  if (node instanceof ScopeRowNode) {
    const [{ scope, server, relationship }] = node.instances;
    if (relationship) return { scope, server, relationship };
  }
  const target = await relationshipTarget(context, undefined, title, (relationship) => relationship.dhcpScopeRefs.length > 0 && accept(relationship), noneAccepted);
  const scopes = await relationshipScopes(context, target);
  const scope = await context.prompts.pick(
    scopes.map((scope) => scopeItem(scope)),
    { title, placeHolder: `Pick a scope of ${target.relationship.name}` },
  );
  return { ...target, scope };
}

/** One scope instance: the node's, one of a Scopes row (asking which server), or picked by server then scope. */
export async function scopeInstanceTarget(context: CommandContext, node: ScopeNode | ScopeRowNode | undefined, title: string): Promise<ScopeInstance> {
  if (node instanceof ScopeNode) return { scope: node.scope, server: node.parent.parent.server, relationship: node.parent.relationship };
  if (node instanceof ScopeRowNode) {
    if (node.instances.length === 1) return node.instances[0];
    return context.prompts.pick(
      node.instances.map((instance) => ({ label: instance.server.name, description: `${instance.scope.name} on ${instance.server.name}`, value: instance })),
      { title, placeHolder: 'Pick the server whose instance of the scope is meant' },
    );
  }
  const server = await serverTarget(context, undefined, title);
  const inventory = context.views.inventory;
  const [scopes, relationships] = await Promise.all([inventory.getScopes(server.ref), inventory.getRelationships(server.ref)]);
  if (scopes.length === 0) throw new Error(`${server.name} has no scopes.`);
  const scope = await context.prompts.pick(
    sortByNetwork(scopes, (scope) => scope).map((scope) => scopeItem(scope)),
    { title, placeHolder: `Pick a scope on ${server.name}` },
  );
  return { scope, server, relationship: relationships.find((relationship) => relationship.dhcpScopeRefs.includes(scope.ref)) };
}

/** Which server is the source: from a node, the server it was shown under; otherwise the user says. */
export async function sourceServer(context: CommandContext, target: RelationshipTarget, fromNode: boolean, title: string): Promise<RelationshipTarget> {
  if (fromNode) return target;
  const { relationship } = target;
  const primary = await asPrimary(context, target);
  const secondaryRef = relationship.secondaryServerRef;
  const secondary = secondaryRef ? await context.views.inventory.getServer(secondaryRef) : undefined;
  const secondarySeen = secondaryRef ? (await context.views.inventory.getRelationships(secondaryRef)).find((r) => r.name === relationship.name) : undefined;
  const choices: PickItem<RelationshipTarget>[] = [
    { label: `${relationship.primaryServer} → ${relationship.secondaryServer}`, description: 'primary to secondary', value: primary },
  ];
  if (secondary && secondarySeen) {
    choices.push({
      label: `${relationship.secondaryServer} → ${relationship.primaryServer}`,
      description: 'secondary to primary',
      value: { server: secondary, relationship: secondarySeen },
    });
  }
  return context.prompts.pick(choices, { title, placeHolder: 'Which server holds the content to copy?' });
}

/** The user dismissed something that had nothing to offer. */
export function nothingToDo(context: CommandContext, message: string): never {
  context.prompts.showInfo(message);
  throw new CancelledError();
}
