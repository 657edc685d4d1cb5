// One status bar item saying where the extension is connected; a click offers to connect or switch.
import * as vscode from 'vscode';
import { describeApiInUse } from '../api/apiInUse';
import { commandInvocation } from './commands/commandMap';
import type { Connection, ConnectionManager } from './connection/connectionManager';

/** The item itself is exposed for the integration tests, which read its tooltip. */
export interface ConnectionStatusBar extends vscode.Disposable {
  readonly item: vscode.StatusBarItem;
}

export function createConnectionStatusBar(connection: ConnectionManager): ConnectionStatusBar {
  const item = vscode.window.createStatusBarItem('dhcpFailover.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = 'DHCP Failover Connection';
  item.command = commandInvocation('dhcpFailover.selectConnection', 'Select Connection');
  const show = (current: Connection = connection.current) => {
    const api = connection.apiInUse;
    const using = api ? `\n${describeApiInUse(api)}.` : '';
    if (current.kind === 'simulator') {
      const shared = current.simulator.ownerPid !== undefined;
      item.text = shared ? '$(server-environment) DHCP: Simulator (shared)' : '$(server-environment) DHCP: Simulator';
      item.tooltip = shared
        ? `DHCP Failover: connected to the built-in Micetro simulator that another VS Code window runs at ${current.simulator.url}.${using}\nClick to switch.`
        : `DHCP Failover: connected to the built-in Micetro simulator at ${current.simulator.url}.${using}\nClick to switch.`;
    } else if (current.kind === 'micetro') {
      const host = new URL(current.login.url).host;
      item.text = `$(server-environment) DHCP: ${host}`;
      item.tooltip = `DHCP Failover: connected to Micetro at ${current.login.url} as ${current.login.user}.${using}\nClick to switch.`;
    } else {
      item.text = '$(debug-disconnect) DHCP: Disconnected';
      item.tooltip = 'DHCP Failover: not connected. Click to connect.';
    }
    item.show();
  };
  show(connection.current);
  const subscriptions = vscode.Disposable.from(
    item,
    connection.onDidChange((current) => show(current)),
    connection.onDidChangeApi(() => show()),
  );
  return {
    item,
    dispose: () => {
      subscriptions.dispose();
    },
  };
}
