// Check for Drift's parts wired together: the marks, their decorations on both views, the Drift view, the checker,
// and the re-check after every change. Another connection forgets the marks and hides the Drift view again.
import * as vscode from 'vscode';
import { DriftMarkStore } from '../../failover';
import { driftConcurrency } from './driftConcurrency';
import type { ConnectionManager } from '../connection/connectionManager';
import type { TreeViews } from '../tree/treeViews';
import { DriftChecker } from './driftChecker';
import { DriftDecorations, nodeMarkKeys, relationshipKeyOf } from './driftDecorations';
import { DriftTreeProvider } from './driftTreeProvider';

export interface DriftFeature extends vscode.Disposable {
  readonly marks: DriftMarkStore;
  readonly checker: DriftChecker;
  readonly view: DriftTreeProvider;
}

export function createDriftFeature(connection: ConnectionManager, views: TreeViews, log: vscode.LogOutputChannel): DriftFeature {
  const marks = new DriftMarkStore();
  const decorations = new DriftDecorations(marks);
  views.servers.adorn = views.scopes.adorn = (node, item) => decorations.adorn(node, item);
  const checker = new DriftChecker(connection, views.inventory, marks, driftConcurrency, log);
  const view = new DriftTreeProvider(marks, views.inventory);
  // A check marks scope after scope: the nodes whose mark changed are shown again once per burst.
  let pending = new Set<string>();
  const rerender = () => {
    const keys = pending;
    pending = new Set();
    const match = (node: Parameters<typeof nodeMarkKeys>[0]) => nodeMarkKeys(node).some((key) => keys.has(key));
    views.servers.rerender(match);
    views.scopes.rerender(match);
  };
  const disposables: vscode.Disposable[] = [
    decorations,
    checker,
    view,
    vscode.window.registerFileDecorationProvider(decorations),
    marks.onDidChange((keys) => {
      if (pending.size === 0) setImmediate(rerender);
      for (const key of keys) pending.add(key).add(relationshipKeyOf(key));
    }),
    views.onAfterChange(async (serverRefs) => {
      const current = connection.current;
      if (current.kind !== 'none') await checker.recheck(current.client, serverRefs);
    }),
    connection.onDidChange(() => void vscode.commands.executeCommand('setContext', 'dhcpFailover.driftChecked', false)),
  ];
  return {
    marks,
    checker,
    view,
    dispose: () => {
      for (const disposable of disposables) disposable.dispose();
    },
  };
}
