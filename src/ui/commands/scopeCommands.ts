// Remove from Failover…, Remove Scope Instance…, Create Scope… (the form).
import type * as vscode from 'vscode';
import type { MicetroApi } from '../../api/micetroApi';
import type { DeconfigureAction, DHCPScope } from '../../api/types';
import {
  isSynchronising,
  matchingInstance,
  otherSide,
  pairServerRefs,
  readOnlyReason,
  readScopeContent,
  scopeCidr,
  scopeRemovalSummary,
  sideCandidates,
  sideOn,
  type FailoverSide,
} from '../../failover';
import { describeError } from '../log';
import { openCreateScopeForm, type CreateScopePanel } from '../panels/createScopePanel';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import type { ScopeNode } from '../tree/nodes/scopeNode';
import type { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import { ServerNode } from '../tree/nodes/serverNode';
import { requireClient, type CommandContext } from './commandContext';
import { registerCommand, withViewProgress } from './registerCommand';
import { readCopies } from './replicatePreview';
import { failoverScopeTarget, scopeInstanceTarget } from './targets';

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
  const { scope, pair: relationship, side } = await failoverScopeTarget(
    context,
    node,
    title,
    (candidate) => !isSynchronising(candidate.primary.state) && !isSynchronising(candidate.secondary.state),
    'No failover relationship with scopes can change now: each is still synchronising its partners.',
  );
  const server = side.server;
  const partnerSide = otherSide(relationship, side);
  const partner = partnerSide.server.name;
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
  const keeps = await whatIsKept(context, client, scope, server.name, partnerSide, action);
  await context.prompts.confirm(
    `Remove the scope ${scope.name} from the failover relationship "${relationship.name}"?`,
    `${scope.name} stays on ${server.name} as a scope without failover; ${relationship.name} with ${partner} no longer covers it. ${consequence}\n\n${keeps}`,
    'Remove from Failover',
  );
  await withViewProgress(`Removing ${scope.name} from ${relationship.name}…`, () =>
    client.removeScopesFromFailoverRelationship(server.ref, relationship.name, [scope.ref], action),
  );
  await context.views.afterChange(pairServerRefs(relationship));
  await context.views.servers.revealRelationship(server.ref, relationship.name);
}

/** What each server keeps, from both copies read now; says so when they could not be read. */
async function whatIsKept(context: CommandContext, client: MicetroApi, scope: DHCPScope, keeper: string, partnerSide: FailoverSide, action: DeconfigureAction): Promise<string> {
  const partner = partnerSide.server.name;
  const partnerCopy = matchingInstance(sideCandidates(partnerSide, await context.views.inventory.getScopes(partnerSide.server.ref)), scope);
  // Read as a replicate from the partner onto the keeper: its changes are what only the partner's copy holds.
  const target = { network: scopeCidr(scope), destination: keeper, source: partnerCopy, destinationScope: scope };
  const [preview] = await readCopies(client, [target], `Reading both copies of ${scope.name}…`);
  if (preview?.status === 'same') return scopeRemovalSummary(keeper, partner, preview.now, action, []);
  if (preview?.status === 'changes') return scopeRemovalSummary(keeper, partner, preview.now, action, preview.differences);
  try {
    const kept = await withViewProgress(`Reading ${scope.name}…`, () => readScopeContent(client, scope));
    const why = preview?.status === 'failed' ? `its copy on ${partner} could not be read (${preview.message})` : `${partner} holds no copy of it`;
    return `${scopeRemovalSummary(keeper, partner, kept, action)} The copies were not compared: ${why}.`;
  } catch (error) {
    return `The copies of ${scope.name} could not be read to say what each server keeps: ${describeError(error)}.`;
  }
}

async function removeScopeInstance(context: CommandContext, node: ScopeNode | ScopeRowNode | undefined): Promise<void> {
  const client = requireClient(context);
  const { scope, server, relationship } = await scopeInstanceTarget(context, node, 'Remove Scope Instance');
  const side = relationship && sideOn(relationship, server.ref);
  const detail = relationship && side
    ? `It is in the failover relationship "${relationship.name}": it leaves the relationship first, and its instance on ${otherSide(relationship, side).server.name} stays as an independent scope.`
    : `Its address pool, exclusions, reservations, options and leases on ${server.name} are lost.`;
  await context.prompts.confirm(`Remove the scope ${scope.name} from ${server.name}?`, detail, 'Remove');
  await withViewProgress(`Removing ${scope.name} from ${server.name}…`, () => client.removeDHCPScope(scope.ref));
  await context.views.afterChange(relationship ? pairServerRefs(relationship) : [server.ref]);
}

/** Returns the form's panel (tests drive it). */
function createScope(context: CommandContext, node: ServerNode | RelationshipNode | undefined): Promise<CreateScopePanel> {
  let server = node instanceof ServerNode ? node.server : undefined;
  let relationshipName: string | undefined;
  if (node instanceof RelationshipNode) {
    const readOnly = readOnlyReason(node.pair);
    if (readOnly) return Promise.reject(new Error(readOnly));
    // Scopes join a relationship from its primary, so the new scope is created there.
    server = node.pair.primary.server;
    relationshipName = node.pair.name;
  }
  const panel = openCreateScopeForm({
    extensionUri: context.extensionUri,
    client: requireClient(context),
    log: context.log,
    server,
    relationshipName,
    onCreated: async ({ scopeRef, dhcpServerRef }) => {
      const { views } = context;
      await views.afterChange([dhcpServerRef]);
      const relationship = (await views.inventory.getPairs(dhcpServerRef)).find((pair) => sideOn(pair, dhcpServerRef)?.scopeRefs.includes(scopeRef));
      if (relationship) {
        await views.afterChange(pairServerRefs(relationship).filter((ref) => ref !== dhcpServerRef));
        await views.servers.revealRelationship(dhcpServerRef, relationship.name);
      }
      await views.scopes.revealScope(scopeRef);
    },
  });
  return Promise.resolve(panel);
}
