// Compare with Partner: a failover scope as its primary holds it (left) and as its partner holds it (right), in
// VS Code's diff editor, from the read-only documents of scopeDocuments.ts.
import * as vscode from 'vscode';
import type { DHCPScope } from '../../api/types';
import { otherSide, scopeCidr, type FailoverSide } from '../../failover';
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

/**
 * The instance of `like` on `side`'s server: among the relationship's scopes there (all its scopes when that side was
 * not read), the same ref, else the same IPAM range, else the same network.
 */
async function instanceOn(context: CommandContext, side: FailoverSide, like: DHCPScope): Promise<DHCPScope | undefined> {
  const scopes = await context.views.inventory.getScopes(side.server.ref);
  const refs = new Set(side.scopeRefs);
  const candidates = refs.size > 0 ? scopes.filter((scope) => refs.has(scope.ref)) : scopes;
  const network = scopeCidr(like);
  return (
    candidates.find((scope) => scope.ref === like.ref) ??
    (like.rangeRef ? candidates.find((scope) => scope.rangeRef === like.rangeRef) : undefined) ??
    candidates.find((scope) => scopeCidr(scope) === network)
  );
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
