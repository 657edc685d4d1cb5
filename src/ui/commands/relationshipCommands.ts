// Add / Edit (the wizard), Remove, and Add Scopes to a failover relationship.
import type * as vscode from 'vscode';
import type { MicetroApi } from '../../api/micetroApi';
import type { DeconfigureAction, DHCPScope } from '../../api/types';
import {
  canTakeScopes,
  MAX_RELATIONSHIPS_PER_SERVER,
  otherSide,
  pairScopeCount,
  pairServerRefs,
  readOnlyReason,
  relationshipRemovalSummary,
  scopeCidr,
  sideOn,
  type FailoverPair,
  type FailoverSide,
} from '../../failover';
import { describeError } from '../log';
import { isCancellation } from '../prompts';
import { openRelationshipWizard, type RelationshipWizardPanel } from '../panels/relationshipWizardPanel';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { scopeTexts } from '../tree/nodes/scopeNode';
import { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import type { ServerNode } from '../tree/nodes/serverNode';
import { sortByNetwork } from '../tree/sortKeys';
import { requireClient, type CommandContext } from './commandContext';
import { followUntilSettled } from './followSettling';
import { registerCommand, withViewProgress } from './registerCommand';
import { removeFailoverPair } from './relationshipRemoval';
import { pairTargets, readCopies } from './replicatePreview';
import { nothingToDo, relationshipItem, relationshipTarget, serverTarget, sortedPairs } from './targets';

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
  const pair = (await views.inventory.getPairs(saved.primaryServerRef)).find((candidate) => candidate.name === saved.name);
  if (pair) await views.afterChange(pairServerRefs(pair).filter((ref) => ref !== saved.primaryServerRef));
  await views.servers.revealRelationship(saved.primaryServerRef, saved.name);
}

/** Returns the wizard's panel (tests drive it). */
async function addRelationship(context: CommandContext, node: ServerNode | undefined): Promise<RelationshipWizardPanel> {
  const primary = await serverTarget(context, node, 'Add Failover Relationship: primary server', (server) => server.type === 'MSDHCP');
  const count = (await context.views.inventory.getPairs(primary.ref)).length;
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
  const { pair } = await relationshipTarget(context, node, 'Edit Failover Relationship');
  return openRelationshipWizard({
    extensionUri: context.extensionUri,
    client: requireClient(context),
    log: context.log,
    primary: pair.primary.server,
    existing: pair,
    onSaved: (saved) => showSaved(context, saved),
  });
}

async function removeRelationship(context: CommandContext, node: RelationshipNode | undefined): Promise<void> {
  const client = requireClient(context);
  const title = 'Remove Failover Relationship';
  const { pair } = await relationshipTarget(context, node, title);
  const { prompts } = context;
  const scopeCount = pairScopeCount(pair);
  let keeper = pair.primary;
  let action: DeconfigureAction | undefined;
  let consequence = 'It has no scopes; it is removed from Micetro.';
  if (scopeCount > 0) {
    keeper = await prompts.pick(
      [pair.primary, pair.secondary].map((side) => ({ label: side.server.name, description: `keeps the ${scopeCount} scope${scopeCount === 1 ? '' : 's'}`, value: side })),
      { title: `${title} (1/2)`, placeHolder: 'Which server keeps the scopes of the relationship?' },
    );
    const other = otherSide(pair, keeper).server.name;
    action = await prompts.pick<DeconfigureAction>(
      [
        { label: `Delete the scopes on ${other}`, value: 'Delete' },
        { label: `Disable the scopes on ${other}`, value: 'Disable' },
      ],
      { title: `${title} (2/2)`, placeHolder: `What happens to the scopes on ${other}?` },
    );
    const plural = scopeCount === 1 ? 'scope leaves' : 'scopes leave';
    consequence =
      `First its ${scopeCount} ${plural} the relationship: ${scopeCount === 1 ? 'it stays' : 'they stay'} on ${keeper.server.name} and ` +
      `${scopeCount === 1 ? 'is' : 'are'} ${action === 'Delete' ? 'deleted' : 'disabled'} on ${other}. Then the empty relationship is removed.` +
      `\n\n${await whatEachKeeps(context, client, pair, keeper, action)}`;
  }
  await prompts.confirm(
    `Remove the failover relationship "${pair.name}"?`,
    `The relationship between ${pair.primary.server.name} and ${pair.secondary.server.name} is removed. ${consequence}`,
    'Remove',
  );
  try {
    const { enabledCopies } = await withViewProgress(`Removing ${pair.name}…`, () => removeFailoverPair(client, { pair, keeper, action }, describeError));
    await afterRemoval(context, pair, keeper, enabledCopies);
  } finally {
    await context.views.afterChange(pairServerRefs(pair));
    await context.views.servers.revealServer(keeper.server.ref);
  }
}

/** Per server how many scopes stay and in what state, and which scopes' copies differ (read now). */
async function whatEachKeeps(context: CommandContext, client: MicetroApi, pair: FailoverPair, keeper: FailoverSide, action: DeconfigureAction): Promise<string> {
  // Read as a replicate from the other server onto the keeper: its changes are what only the other's copies hold.
  const targets = await pairTargets(context, pair, otherSide(pair, keeper));
  const previews = await readCopies(client, targets, `Reading both copies of the scopes of ${pair.name}…`);
  const kept = targets.flatMap((target) => target.destinationScope ?? []);
  const otherCount = targets.filter((target) => target.source).length;
  const differing = targets.flatMap((target, index) => {
    const preview = previews[index];
    return preview?.status === 'changes' ? [{ network: target.network, differences: preview.differences }] : [];
  });
  const unread = previews.filter((preview) => preview?.status === 'failed').length;
  const summary = relationshipRemovalSummary(keeper.server.name, otherSide(pair, keeper).server.name, kept, otherCount, action, differing);
  return unread === 0 ? summary : `${summary} ${unread} scope${unread === 1 ? '' : 's'} could not be read, so ${unread === 1 ? 'its' : 'their'} copies were not compared.`;
}

/** Says plainly when enabled copies of the scopes remain on the other server, and offers to delete them. */
async function afterRemoval(context: CommandContext, pair: FailoverPair, keeper: FailoverSide, enabledCopies: DHCPScope[] | undefined): Promise<void> {
  const other = otherSide(pair, keeper).server;
  if (enabledCopies === undefined) {
    context.prompts.showError(
      `Removed ${pair.name}, but the scopes on ${other.name} could not be read back: check that no scope there is still enabled next to its copy on ${keeper.server.name}.`,
    );
    return;
  }
  if (enabledCopies.length === 0) return;
  const count = enabledCopies.length;
  const names = enabledCopies.map((scope) => scopeCidr(scope)).join(', ');
  // Micetro documents no call that disables a scope, so removing the instance is the one fix offered here.
  try {
    await context.prompts.confirm(
      `${pair.name} is removed, but ${count === 1 ? 'a scope is' : `${count} scopes are`} still enabled on both ${keeper.server.name} and ${other.name}: ${names}.`,
      `With no failover between them, both servers can hand out the same addresses. Remove the instance${count === 1 ? '' : 's'} on ${other.name} ` +
        `now (Remove Scope Instance), or disable ${count === 1 ? 'it' : 'them'} in Micetro yourself.`,
      `Remove from ${other.name}`,
    );
  } catch (error) {
    if (isCancellation(error)) return;
    throw error;
  }
  const client = requireClient(context);
  await withViewProgress(`Removing the copies on ${other.name}…`, async () => {
    for (const scope of enabledCopies) await client.removeDHCPScope(scope.ref);
  });
  context.prompts.showInfo(`Removed ${count === 1 ? 'the copy' : `${count} copies`} on ${other.name}: the scopes are now only on ${keeper.server.name}.`);
}

/**
 * From a relationship (or the palette): a multi-select of the primary's eligible scopes. From a scope that is in no
 * relationship: the relationships its server is primary of.
 */
async function addScopesToRelationship(context: CommandContext, node: RelationshipNode | ScopeRowNode | undefined): Promise<void> {
  const client = requireClient(context);
  const title = 'Add Scopes to Failover Relationship';
  const { prompts, views } = context;
  let pair: FailoverPair;
  let scopeRefs: string[];
  const scope = node instanceof ScopeRowNode && !node.relationship && node.instances.length === 1 ? node.instances[0] : undefined;
  if (scope) {
    const ofServer = (await sortedPairs(context)).filter((candidate) => candidate.primary.server.ref === scope.server.ref && readOnlyReason(candidate) === undefined);
    if (ofServer.length === 0) nothingToDo(context, `${scope.server.name} is not the primary server of any failover relationship this extension can change.`);
    // A partner that already has a scope with this network could not take the copy.
    const partnerHas = await Promise.all(
      ofServer.map(async (candidate) => (await views.inventory.getScopes(candidate.secondary.server.ref)).some((other) => scopeCidr(other) === scopeCidr(scope.scope))),
    );
    const candidates = ofServer.filter((_, index) => !partnerHas[index]);
    if (candidates.length === 0) {
      nothingToDo(context, `${scope.scope.name} cannot join a relationship of ${scope.server.name}: each partner already has a scope ${scope.scope.name}.`);
    }
    pair = await prompts.pick(candidates.map(relationshipItem), { title, placeHolder: `Add ${scope.scope.name} to which relationship?` });
    scopeRefs = [scope.scope.ref];
  } else {
    if (node instanceof ScopeRowNode) nothingToDo(context, 'This scope is already in a failover relationship.');
    // Scopes join from the primary, whichever server's node the command was run from.
    ({ pair } = await relationshipTarget(
      context,
      node instanceof RelationshipNode ? node : undefined,
      title,
      (candidate) => canTakeScopes(candidate.primary.state),
      'No failover relationship can take scopes now: scopes join a relationship only while it is Normal or Empty.',
    ));
    const eligible = await eligibleScopes(context, pair);
    const partner = pair.secondary.server.name;
    if (eligible.length === 0) {
      nothingToDo(context, `${pair.primary.server.name} has no scope that can join ${pair.name}: each is in a relationship or exists on ${partner}.`);
    }
    // The partner comes first in the prompt: a long one is cut at the end, and where the copies go matters most.
    scopeRefs = await prompts.pickMany(
      eligible.map((candidate) => ({ label: scopeCidr(candidate), description: scopeTexts(candidate).filter(Boolean).join(' · '), value: candidate.ref })),
      { title: `${title}: ${pair.name}`, placeHolder: `Copied to ${partner}: pick scopes of ${pair.primary.server.name}` },
    );
  }
  const primary = pair.primary.server;
  const count = `${scopeRefs.length} scope${scopeRefs.length === 1 ? '' : 's'}`;
  await withViewProgress(`Adding ${count} to ${pair.name}…`, () => client.addScopesToFailoverRelationship(primary.ref, pair.name, scopeRefs));
  await views.afterChange(pairServerRefs(pair));
  await views.servers.revealRelationship(primary.ref, pair.name);
  const added = `Added ${count} to ${pair.name}, copied to ${pair.secondary.server.name}`;
  void followUntilSettled(context, primary.ref, pair.name, (state) => `${added}. ${state}.`);
}

/** Scopes on the primary that are in no relationship and absent on the partner. */
async function eligibleScopes(context: CommandContext, pair: FailoverPair) {
  const inventory = context.views.inventory;
  const primaryRef = pair.primary.server.ref;
  const [scopes, pairs, partnerScopes] = await Promise.all([
    inventory.getScopes(primaryRef),
    inventory.getPairs(primaryRef),
    inventory.getScopes(pair.secondary.server.ref),
  ]);
  const inRelationship = new Set(pairs.flatMap((candidate) => sideOn(candidate, primaryRef)?.scopeRefs ?? []));
  // A scope joins only if no scope with its network exists on the partner.
  const onPartner = new Set(partnerScopes.map(scopeCidr));
  return sortByNetwork(
    scopes.filter((scope) => !inRelationship.has(scope.ref) && !onPartner.has(scopeCidr(scope))),
    (scope) => scope,
  );
}
