// What a command acts on: the node it was run from, or (from the palette) what the user picks.
import type { DHCPScope, DHCPServer } from '../../api/types';
import { pairScopeCount, readOnlyReason, scopeCidr, sideOn, stateLabel, type FailoverPair, type FailoverSide } from '../../failover';
import { CancelledError, type PickItem } from '../prompts';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { ScopeNode, scopeTexts } from '../tree/nodes/scopeNode';
import { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import type { ScopeInstance } from '../tree/scopeRows';
import { ServerNode } from '../tree/nodes/serverNode';
import { modeSummary, pairName } from '../tree/relationshipText';
import { compareNames, sortByNetwork } from '../tree/sortKeys';
import type { CommandContext } from './commandContext';

/** A relationship and the side a command starts from: the server of its node, or (from the palette) its primary. */
export interface RelationshipTarget {
  pair: FailoverPair;
  side: FailoverSide;
}

/** A scope of a relationship, on the server of `side`. */
export interface FailoverScopeTarget extends RelationshipTarget {
  scope: DHCPScope;
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

/**
 * From a relationship node: it, under its server. From the palette: a relationship picked, from its primary. Either
 * way only a relationship this extension may change (Microsoft–Microsoft): the others are read-only.
 */
export async function relationshipTarget(
  context: CommandContext,
  node: RelationshipNode | undefined,
  title: string,
  accept: (pair: FailoverPair) => boolean = () => true,
  /** Why nothing is offered when no relationship is accepted. */
  noneAccepted = 'No failover relationship fits this action.',
): Promise<RelationshipTarget> {
  if (node instanceof RelationshipNode) {
    const readOnly = readOnlyReason(node.pair);
    if (readOnly) throw new Error(readOnly);
    return { pair: node.pair, side: node.side };
  }
  const pairs = await sortedPairs(context);
  const writable = pairs.filter((pair) => readOnlyReason(pair) === undefined);
  const candidates = writable.filter(accept);
  if (candidates.length === 0) {
    throw new Error(writable.length < pairs.length ? `${noneAccepted} ${READ_ONLY_NOTE}` : noneAccepted);
  }
  const pair = await context.prompts.pick(candidates.map(relationshipItem), { title, placeHolder: 'Pick a failover relationship' });
  return { pair, side: pair.primary };
}

/** Said when a palette offers nothing and some relationships were left out as read-only. */
const READ_ONLY_NOTE = 'ISC, Kea and other non-Microsoft failover relationships are read-only here.';

/** Every relationship once (from every server that could be read), by name. */
export async function sortedPairs(context: CommandContext): Promise<FailoverPair[]> {
  const { pairs } = await context.views.inventory.getAllPairs();
  return pairs.sort((a, b) => compareNames(a.name, b.name));
}

export function relationshipItem(pair: FailoverPair): PickItem<FailoverPair> {
  const state = stateLabel(pair.primary.state, pairScopeCount(pair));
  return { label: pair.name, description: `${pairName(pair)} · ${modeSummary(pair)} · ${state}`, value: pair };
}

/** The scopes of a relationship on the server of its side, by network. */
async function relationshipScopes(context: CommandContext, target: RelationshipTarget): Promise<DHCPScope[]> {
  const refs = new Set(target.side.scopeRefs);
  const scopes = await context.views.inventory.getScopes(target.side.server.ref);
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
  accept: (pair: FailoverPair) => boolean = () => true,
  noneAccepted?: string,
): Promise<FailoverScopeTarget> {
  if (node instanceof ScopeNode) return { ...(await relationshipTarget(context, node.parent, title)), scope: node.scope };
  if (node instanceof ScopeRowNode) {
    const [{ scope, server, relationship }] = node.instances;
    const side = relationship && sideOn(relationship, server.ref);
    if (relationship && side) {
      const readOnly = readOnlyReason(relationship);
      if (readOnly) throw new Error(readOnly);
      return { scope, pair: relationship, side };
    }
  }
  const target = await relationshipTarget(context, undefined, title, (pair) => pairScopeCount(pair) > 0 && accept(pair), noneAccepted);
  const scopes = await relationshipScopes(context, target);
  const scope = await context.prompts.pick(
    scopes.map((scope) => scopeItem(scope)),
    { title, placeHolder: `Pick a scope of ${target.pair.name}` },
  );
  return { ...target, scope };
}

/** One scope instance: the node's, one of a Scopes row (asking which server), or picked by server then scope. */
export async function scopeInstanceTarget(context: CommandContext, node: ScopeNode | ScopeRowNode | undefined, title: string): Promise<ScopeInstance> {
  if (node instanceof ScopeNode) return { scope: node.scope, server: node.parent.parent.server, relationship: node.parent.pair };
  if (node instanceof ScopeRowNode) {
    if (node.instances.length === 1) return node.instances[0];
    return context.prompts.pick(
      node.instances.map((instance) => ({ label: instance.server.name, description: `${instance.scope.name} on ${instance.server.name}`, value: instance })),
      { title, placeHolder: 'Pick the server whose instance of the scope is meant' },
    );
  }
  const server = await serverTarget(context, undefined, title);
  const inventory = context.views.inventory;
  const [scopes, pairs] = await Promise.all([inventory.getScopes(server.ref), inventory.getPairs(server.ref)]);
  if (scopes.length === 0) throw new Error(`${server.name} has no scopes.`);
  const scope = await context.prompts.pick(
    sortByNetwork(scopes, (scope) => scope).map((scope) => scopeItem(scope)),
    { title, placeHolder: `Pick a scope on ${server.name}` },
  );
  return { scope, server, relationship: pairs.find((pair) => sideOn(pair, server.ref)?.scopeRefs.includes(scope.ref)) };
}

/** Which side is the source: from a node, the side of the server it was shown under; otherwise the user says. */
export async function sourceSide(context: CommandContext, target: RelationshipTarget, fromNode: boolean, title: string): Promise<FailoverSide> {
  if (fromNode) return target.side;
  const { primary, secondary } = target.pair;
  return context.prompts.pick(
    [
      { label: `${primary.server.name} → ${secondary.server.name}`, description: 'primary to secondary', value: primary },
      { label: `${secondary.server.name} → ${primary.server.name}`, description: 'secondary to primary', value: secondary },
    ],
    { title, placeHolder: 'Which server holds the content to copy?' },
  );
}

/** The user dismissed something that had nothing to offer. */
export function nothingToDo(context: CommandContext, message: string): never {
  context.prompts.showInfo(message);
  throw new CancelledError();
}
