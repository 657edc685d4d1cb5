// Add / Edit (the wizard), Remove, and Add Scopes to a failover relationship.
import type * as vscode from 'vscode';
import type { DeconfigureAction, DHCPFailoverRelationship } from '../../api/types';
import { canTakeScopes, MAX_RELATIONSHIPS_PER_SERVER, scopeCidr } from '../../failover';
import { openRelationshipWizard, type RelationshipWizardPanel } from '../panels/relationshipWizardPanel';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { scopeTexts } from '../tree/nodes/scopeNode';
import { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import type { ServerNode } from '../tree/nodes/serverNode';
import { partnerName, partnerRef, serverRefsOf } from '../tree/relationshipText';
import { sortByNetwork } from '../tree/sortKeys';
import { requireClient, type CommandContext } from './commandContext';
import { followUntilSettled } from './followSettling';
import { registerCommand, withViewProgress } from './registerCommand';
import { asPrimary, nothingToDo, primaryRelationships, relationshipItem, relationshipTarget, serverTarget, type RelationshipTarget } from './targets';

export function registerRelationshipCommands(context: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(context, 'dhcpFailover.addRelationship', 'Could not open the relationship wizard', (node) => addRelationship(context, node)),
    registerCommand(context, 'dhcpFailover.editRelationship', 'Could not open the relationship wizard', (node) => editRelationship(context, node)),
    registerCommand(context, 'dhcpFailover.removeRelationship', 'Could not remove the failover relationship', (node) =>
      removeRelationship(context, node),
    ),
    registerCommand(context, 'dhcpFailover.addScopesToRelationship', 'Could not add the scopes to the failover relationship', (node) =>
      addScopesToRelationship(context, node),
    ),
  ];
}

/** After the wizard saved: refresh both servers of the relationship and show it under its primary. */
async function showSaved(context: CommandContext, saved: { name: string; primaryServerRef: string }): Promise<void> {
  const { views } = context;
  await views.afterChange([saved.primaryServerRef]);
  const relationship = (await views.inventory.getRelationships(saved.primaryServerRef)).find((r) => r.name === saved.name);
  if (relationship) await views.afterChange(serverRefsOf(relationship).filter((ref) => ref !== saved.primaryServerRef));
  await views.servers.revealRelationship(saved.primaryServerRef, saved.name);
}

/** Returns the wizard's panel (tests drive it). */
async function addRelationship(context: CommandContext, node: ServerNode | undefined): Promise<RelationshipWizardPanel> {
  const primary = await serverTarget(context, node, 'Add Failover Relationship: primary server', (server) => server.type === 'MSDHCP');
  const count = (await context.views.inventory.getRelationships(primary.ref)).length;
  if (count >= MAX_RELATIONSHIPS_PER_SERVER) {
    nothingToDo(context, `${primary.name} already has ${count} failover relationships, the most a server can have.`);
  }
  return openRelationshipWizard({
    extensionUri: context.extensionUri,
    client: requireClient(context),
    log: context.log,
    primary,
    onSaved: (saved) => showSaved(context, saved),
  });
}

async function editRelationship(context: CommandContext, node: RelationshipNode | undefined): Promise<RelationshipWizardPanel> {
  const target = await asPrimary(context, await relationshipTarget(context, node, 'Edit Failover Relationship'));
  return openRelationshipWizard({
    extensionUri: context.extensionUri,
    client: requireClient(context),
    log: context.log,
    primary: target.server,
    existing: target.relationship,
    onSaved: (saved) => showSaved(context, saved),
  });
}

async function removeRelationship(context: CommandContext, node: RelationshipNode | undefined): Promise<void> {
  const client = requireClient(context);
  const title = 'Remove Failover Relationship';
  const { relationship, server } = await relationshipTarget(context, node, title);
  const { prompts } = context;
  const scopeCount = relationship.dhcpScopeRefs.length;
  let keeper = relationship.dhcpServerRef ?? server.ref;
  let action: DeconfigureAction | undefined;
  let consequence = 'It has no scopes; it is removed from Micetro.';
  if (scopeCount > 0) {
    const sides = [
      { name: relationship.primaryServer, ref: relationship.primaryServerRef, other: relationship.secondaryServer },
      { name: relationship.secondaryServer, ref: relationship.secondaryServerRef, other: relationship.primaryServer },
    ].filter((side): side is { name: string; ref: string; other: string } => side.ref !== undefined);
    const keep = await prompts.pick(
      sides.map((side) => ({ label: side.name, description: `keeps the ${scopeCount} scope${scopeCount === 1 ? '' : 's'}`, value: side })),
      { title: `${title} (1/2)`, placeHolder: 'Which server keeps the scopes of the relationship?' },
    );
    action = await prompts.pick<DeconfigureAction>(
      [
        { label: `Delete the scopes on ${keep.other}`, value: 'Delete' },
        { label: `Disable the scopes on ${keep.other}`, value: 'Disable' },
      ],
      { title: `${title} (2/2)`, placeHolder: `What happens to the scopes on ${keep.other}?` },
    );
    keeper = keep.ref;
    const plural = scopeCount === 1 ? 'scope stays' : 'scopes stay';
    consequence = `Its ${scopeCount} ${plural} on ${keep.name} and ${scopeCount === 1 ? 'is' : 'are'} ${action === 'Delete' ? 'deleted' : 'disabled'} on ${keep.other}.`;
  }
  await prompts.confirm(
    `Remove the failover relationship "${relationship.name}"?`,
    `The relationship between ${relationship.primaryServer} and ${relationship.secondaryServer} is removed. ${consequence}`,
    'Remove',
  );
  await withViewProgress(`Removing ${relationship.name}…`, () =>
    client.removeDHCPFailoverRelationships([{ dhcpServerRef: keeper, dhcpFailoverRelationshipName: relationship.name }], action),
  );
  await context.views.afterChange(serverRefsOf(relationship));
  await context.views.servers.revealServer(keeper);
}

/**
 * From a relationship (or the palette): a multi-select of the primary's eligible scopes. From a scope that is in no
 * relationship: the relationships its server is primary of.
 */
async function addScopesToRelationship(context: CommandContext, node: RelationshipNode | ScopeRowNode | undefined): Promise<void> {
  const client = requireClient(context);
  const title = 'Add Scopes to Failover Relationship';
  const { prompts, views } = context;
  let target: RelationshipTarget;
  let scopeRefs: string[];
  const scope = node instanceof ScopeRowNode && !node.relationship && node.instances.length === 1 ? node.instances[0] : undefined;
  if (scope) {
    const ofServer = (await primaryRelationships(context)).filter((candidate) => candidate.server.ref === scope.server.ref);
    if (ofServer.length === 0) nothingToDo(context, `${scope.server.name} is not the primary server of any failover relationship.`);
    // A partner that already has a scope with this network could not take the copy.
    const partnerHas = await Promise.all(
      ofServer.map(async ({ relationship }) => {
        const ref = partnerRef(relationship);
        return ref !== undefined && (await views.inventory.getScopes(ref)).some((other) => scopeCidr(other) === scopeCidr(scope.scope));
      }),
    );
    const candidates = ofServer.filter((_, index) => !partnerHas[index]);
    if (candidates.length === 0) {
      nothingToDo(context, `${scope.scope.name} cannot join a relationship of ${scope.server.name}: each partner already has a scope ${scope.scope.name}.`);
    }
    target = await prompts.pick(candidates.map(relationshipItem), { title, placeHolder: `Add ${scope.scope.name} to which relationship?` });
    scopeRefs = [scope.scope.ref];
  } else {
    if (node instanceof ScopeRowNode) nothingToDo(context, 'This scope is already in a failover relationship.');
    const picked = await relationshipTarget(
      context,
      node instanceof RelationshipNode ? node : undefined,
      title,
      (relationship) => canTakeScopes(relationship.state),
      'No failover relationship can take scopes now: scopes join a relationship only while it is Normal or Empty.',
    );
    target = await asPrimary(context, picked);
    const eligible = await eligibleScopes(context, target.relationship);
    const partner = partnerName(target.relationship);
    if (eligible.length === 0) {
      nothingToDo(context, `${target.server.name} has no scope that can join ${target.relationship.name}: each is in a relationship or exists on ${partner}.`);
    }
    // The partner comes first in the prompt: a long one is cut at the end, and where the copies go matters most.
    scopeRefs = await prompts.pickMany(
      eligible.map((candidate) => ({ label: scopeCidr(candidate), description: scopeTexts(candidate).filter(Boolean).join(' · '), value: candidate.ref })),
      { title: `${title}: ${target.relationship.name}`, placeHolder: `Copied to ${partner}: pick scopes of ${target.server.name}` },
    );
  }
  const { relationship, server } = target;
  const count = `${scopeRefs.length} scope${scopeRefs.length === 1 ? '' : 's'}`;
  await withViewProgress(`Adding ${count} to ${relationship.name}…`, () =>
    client.addScopesToFailoverRelationship(server.ref, relationship.name, scopeRefs),
  );
  await views.afterChange(serverRefsOf(relationship));
  await views.servers.revealRelationship(server.ref, relationship.name);
  const added = `Added ${count} to ${relationship.name}, copied to ${partnerName(relationship)}`;
  void followUntilSettled(context, server.ref, relationship.name, (state) => `${added}. ${state}.`);
}

/** Scopes on the primary that are in no relationship and absent on the partner. */
async function eligibleScopes(context: CommandContext, relationship: DHCPFailoverRelationship) {
  const inventory = context.views.inventory;
  const primaryRef = relationship.primaryServerRef ?? relationship.dhcpServerRef;
  const partnerRef = relationship.secondaryServerRef;
  if (!primaryRef || !partnerRef) throw new Error(`Micetro did not say which servers "${relationship.name}" joins.`);
  const [scopes, relationships, partnerScopes] = await Promise.all([
    inventory.getScopes(primaryRef),
    inventory.getRelationships(primaryRef),
    inventory.getScopes(partnerRef),
  ]);
  const inRelationship = new Set(relationships.flatMap((r) => r.dhcpScopeRefs));
  // A scope joins only if no scope with its network exists on the partner.
  const onPartner = new Set(partnerScopes.map(scopeCidr));
  return sortByNetwork(
    scopes.filter((scope) => !inRelationship.has(scope.ref) && !onPartner.has(scopeCidr(scope))),
    (scope) => scope,
  );
}
