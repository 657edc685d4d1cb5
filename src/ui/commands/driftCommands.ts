// Check for Drift: on a relationship, a server (its relationships) or everything (the Servers view's title button,
// or the palette, which asks which). Read-only (ISC, Kea) relationships are checked too: reading both copies changes
// nothing, and knowing they differ matters there as much; only the replicate actions stay Microsoft–Microsoft.
import * as vscode from 'vscode';
import type { FailoverPair } from '../../failover';
import type { DriftChecker } from '../drift/driftChecker';
import { plainText } from '../plainText';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { ServerNode } from '../tree/nodes/serverNode';
import { SERVERS_VIEW_ID } from '../tree/serversTreeProvider';
import { requireClient, type CommandContext } from './commandContext';
import { registerCommand } from './registerCommand';
import { relationshipItem, serverTarget, sortedPairs } from './targets';

/** Set once a check has run: the Drift view shows from then on. */
const CHECKED_CONTEXT = 'dhcpFailover.driftChecked';

export function registerDriftCommands(context: CommandContext, checker: DriftChecker): vscode.Disposable[] {
  return [
    registerCommand(context, 'dhcpFailover.checkDrift', 'Could not check for drift', async (node) => {
      const { pairs, what } = await driftTarget(context, node);
      await runCheck(context, checker, pairs, what);
    }),
    registerCommand(context, 'dhcpFailover.checkAllForDrift', 'Could not check for drift', async () => {
      await runCheck(context, checker, await sortedPairs(context), 'every relationship');
    }),
  ];
}

type Scope = 'everything' | 'server' | 'relationship';

/** The relationships to check, and how to name them in the progress title. */
async function driftTarget(context: CommandContext, node: RelationshipNode | ServerNode | undefined): Promise<{ pairs: FailoverPair[]; what: string }> {
  if (node instanceof RelationshipNode) return { pairs: [node.pair], what: node.pair.name };
  if (node instanceof ServerNode) return { pairs: await context.views.inventory.getPairs(node.server.ref), what: node.server.name };
  const title = 'Check for Drift';
  const scope = await context.prompts.pick<Scope>(
    [
      { label: 'Everything', description: 'every failover relationship', value: 'everything' },
      { label: 'A Server…', description: 'the relationships of one DHCP server', value: 'server' },
      { label: 'A Relationship…', description: 'one failover relationship', value: 'relationship' },
    ],
    { title, placeHolder: 'What should be checked?' },
  );
  if (scope === 'everything') return { pairs: await sortedPairs(context), what: 'every relationship' };
  if (scope === 'server') {
    const server = await serverTarget(context, undefined, title);
    return { pairs: await context.views.inventory.getPairs(server.ref), what: server.name };
  }
  const pairs = await sortedPairs(context);
  if (pairs.length === 0) throw new Error('There is no failover relationship to check.');
  const pair = await context.prompts.pick(pairs.map(relationshipItem), { title, placeHolder: 'Pick a failover relationship' });
  return { pairs: [pair], what: pair.name };
}

/** Progress in the Servers view and in a notification whose Cancel stops the check; the counts at the end. */
async function runCheck(context: CommandContext, checker: DriftChecker, pairs: readonly FailoverPair[], what: string): Promise<void> {
  const client = requireClient(context);
  if (pairs.length === 0) {
    context.prompts.showInfo(`${what} has no failover relationship to check.`);
    return;
  }
  await vscode.commands.executeCommand('setContext', CHECKED_CONTEXT, true);
  const title = plainText(`Checking ${what} for drift`);
  const summary = await vscode.window.withProgress({ location: { viewId: SERVERS_VIEW_ID }, title }, () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const cancelling = token.onCancellationRequested(() => checker.cancel());
      let reported = 0;
      try {
        return await checker.check(client, pairs, (done, total) => {
          progress.report({ message: `${done} of ${total} scopes`, increment: total === 0 ? 0 : ((done - reported) * 100) / total });
          reported = done;
        });
      } finally {
        cancelling.dispose();
      }
    }),
  );
  context.prompts.showInfo(summary);
}
