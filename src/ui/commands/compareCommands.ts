// Compare with Partner: a failover scope as its primary holds it (left) and as its partner holds it (right), in
// VS Code's diff editor, from the read-only documents of scopeDocuments.ts.
import * as vscode from 'vscode';
import type { DHCPScope } from '../../api/types';
import { matchingInstance, otherSide, scopeCidr, sideCandidates, type FailoverSide } from '../../failover';
import { scopeDocumentUri } from '../compare/scopeDocuments';
import { plainText } from '../plainText';
import type { ScopeNode } from '../tree/nodes/scopeNode';
import type { ScopeRowNode } from '../tree/nodes/scopeRowNode';
import { requireClient, type CommandContext } from './commandContext';
import { registerCommand } from './registerCommand';
import { failoverScopeTarget, nothingToDo } from './targets';

export function registerCompareCommands(context: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(context, 'dhcpFailover.compareWithPartner', 'Could not compare the scope with its partner', (node) => compareWithPartner(context, node)),
  ];
}

/** The copy of `like` on `side`'s server, among the relationship's scopes there. */
async function instanceOn(context: CommandContext, side: FailoverSide, like: DHCPScope): Promise<DHCPScope | undefined> {
  return matchingInstance(sideCandidates(side, await context.views.inventory.getScopes(side.server.ref)), like);
}

async function compareWithPartner(context: CommandContext, node: ScopeNode | ScopeRowNode | undefined): Promise<void> {
  // Not connected: says so before asking anything.
  requireClient(context);
  const target = await failoverScopeTarget(context, node, 'Compare with Partner');
  const { pair, side, scope } = target;
  const partner = otherSide(pair, side);
  const partnerScope = await instanceOn(context, partner, scope);
  const network = scopeCidr(scope);
  if (!partnerScope) {
    nothingToDo(
      context,
      `${network} has no copy on ${partner.server.name}: only ${side.server.name} holds it, so there is nothing to compare.`,
    );
  }
  const [primaryScope, secondaryScope] = side === pair.primary ? [scope, partnerScope] : [partnerScope, scope];
  await vscode.commands.executeCommand(
    'vscode.diff',
    scopeDocumentUri(pair.primary.server, primaryScope),
    scopeDocumentUri(pair.secondary.server, secondaryScope),
    plainText(`${network}: ${pair.primary.server.name} ↔ ${pair.secondary.server.name}`),
  );
}
