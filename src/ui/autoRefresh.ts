// Re-reads server and relationship states on an interval, only while a view is visible and connected, so the
// tree follows the failover state machine without polling Micetro when nobody looks. A Micetro that reports no
// failover state is not polled for states that never arrive: Refresh still reads everything again. A tick never
// overlaps the previous one.
import * as vscode from 'vscode';
import type { ConnectionManager } from './connection/connectionManager';
import { readAutoRefreshSeconds } from './connection/clientSettings';
import type { TreeViews } from './tree/treeViews';

export function startAutoRefresh(views: TreeViews, connection: ConnectionManager): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  // A tick while the last read still runs (a slow Micetro) is skipped, never stacked on it.
  let reading = false;
  const tick = () => {
    if (reading || views.inventory.reportsStates === false) return;
    reading = true;
    const done = () => (reading = false);
    views.refreshStates().then(done, done);
  };
  const update = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    const seconds = readAutoRefreshSeconds();
    const visible = views.servers.view.visible || views.scopes.view.visible;
    if (seconds > 0 && visible && connection.current.kind !== 'none') {
      timer = setInterval(tick, seconds * 1000);
    }
  };
  update();
  return vscode.Disposable.from(
    views.servers.view.onDidChangeVisibility(update),
    views.scopes.view.onDidChangeVisibility(update),
    connection.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('dhcpFailover.autoRefreshSeconds')) update();
    }),
    { dispose: () => timer && clearInterval(timer) },
  );
}
