// Remove from Failover…, Remove Scope Instance…, Create Scope… (the form).
import type * as vscode from 'vscode';
import type { DeconfigureAction } from '../../api/types';
import { isSynchronising } from '../../failover';
import { openCreateScopeForm, type CreateScopePanel } from '../panels/createScopePanel';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import type { ScopeNode } from '../tree/nodes/scopeNode';
import type { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import { ServerNode } from '../tree/nodes/serverNode';
import { partnerName, serverRefsOf } from '../tree/relationshipText';
import { requireClient, type CommandContext } from './commandContext';
import { registerCommand, withViewProgress } from './registerCommand';
import { asPrimary, failoverScopeTarget, scopeInstanceTarget } from './targets';

export function registerScopeCommands(context: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(context, 'dhcpFailover.removeScopeFromFailover', 'Could not remove the scope from failover', (node) =>
      removeScopeFromFailover(context, node),
    ),
    registerCommand(context, 'dhcpFailover.removeScopeInstance', 'Could not remove the scope', (node) => removeScopeInstance(context, node)),
    registerCommand(context, 'dhcpFailover.createScope', 'Could not open the Create Scope form', (node) => createScope(context, node)),
  ];
}

async function removeScopeFromFailover(context: CommandContext, node: ScopeNode | ScopeRowNode | undefined): Promise<void> {
  const client = requireClient(context);
  const title = 'Remove from Failover';
  const { scope, server, relationship } = await failoverScopeTarget(
    context,
    node,
    title,
    (candidate) => !isSynchronising(candidate.state),
    'No failover relationship with scopes can change now: each is still synchronising its partners.',
  );
  const partner = partnerName(relationship);
  const action = await context.prompts.pick<DeconfigureAction>(
    [
      { label: `Delete the scope on ${partner}`, detail: `${scope.name} stays on ${server.name} only.`, value: 'Delete' },
      { label: `Disable the scope on ${partner}`, detail: `${scope.name} stays on ${partner}, disabled.`, value: 'Disable' },
    ],
    { title, placeHolder: `${scope.name} leaves ${relationship.name}. What happens to its instance on ${partner}?` },
  );
  const consequence =
    action === 'Delete'
      ? `Its instance on ${partner} is deleted, with its leases, reservations and options there.`
      : `Its instance on ${partner} stays, disabled: it hands out no addresses until it is enabled again.`;
  await context.prompts.confirm(
    `Remove the scope ${scope.name} from the failover relationship "${relationship.name}"?`,
    `${scope.name} stays on ${server.name} as a scope without failover; ${relationship.name} with ${partner} no longer covers it. ${consequence}`,
    'Remove from Failover',
  );
  await withViewProgress(`Removing ${scope.name} from ${relationship.name}…`, () =>
    client.removeScopesFromFailoverRelationship(server.ref, relationship.name, [scope.ref], action),
  );
  await context.views.afterChange(serverRefsOf(relationship));
  await context.views.servers.revealRelationship(server.ref, relationship.name);
}

async function removeScopeInstance(context: CommandContext, node: ScopeNode | ScopeRowNode | undefined): Promise<void> {
  const client = requireClient(context);
  const { scope, server, relationship } = await scopeInstanceTarget(context, node, 'Remove Scope Instance');
  const detail = relationship
    ? `It is in the failover relationship "${relationship.name}": it leaves the relationship first, and its instance on ${partnerName(relationship)} stays as an independent scope.`
    : `Its address pool, exclusions, reservations, options and leases on ${server.name} are lost.`;
  await context.prompts.confirm(`Remove the scope ${scope.name} from ${server.name}?`, detail, 'Remove');
  await withViewProgress(`Removing ${scope.name} from ${server.name}…`, () => client.removeDHCPScope(scope.ref));
  await context.views.afterChange(relationship ? serverRefsOf(relationship) : [server.ref]);
}

/** Returns the form's panel (tests drive it). */
async function createScope(context: CommandContext, node: ServerNode | RelationshipNode | undefined): Promise<CreateScopePanel> {
  let server = node instanceof ServerNode ? node.server : undefined;
  let relationshipName: string | undefined;
  if (node instanceof RelationshipNode) {
    // Scopes join a relationship from its primary, so the new scope is created there.
    const primary = await asPrimary(context, { server: node.parent.server, relationship: node.relationship });
    server = primary.server;
    relationshipName = primary.relationship.name;
  }
  return openCreateScopeForm({
    extensionUri: context.extensionUri,
    client: requireClient(context),
    log: context.log,
    server,
    relationshipName,
    onCreated: async ({ scopeRef, dhcpServerRef }) => {
      const { views } = context;
      await views.afterChange([dhcpServerRef]);
      const relationship = (await views.inventory.getRelationships(dhcpServerRef)).find((r) => r.dhcpScopeRefs.includes(scopeRef));
      if (relationship) {
        await views.afterChange(serverRefsOf(relationship).filter((ref) => ref !== dhcpServerRef));
        await views.servers.revealRelationship(dhcpServerRef, relationship.name);
      }
      await views.scopes.revealScope(scopeRef);
    },
  });
}
