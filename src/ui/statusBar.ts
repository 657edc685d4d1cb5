// One status bar item saying where the extension is connected; a click offers to connect or switch.
import * as vscode from 'vscode';
import { commandInvocation } from './commands/commandMap';
import type { Connection, ConnectionManager } from './connection/connectionManager';

export function createConnectionStatusBar(connection: ConnectionManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dhcpFailover.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = 'DHCP Failover Connection';
  item.command = commandInvocation('dhcpFailover.selectConnection', 'Select Connection');
  const show = (current: Connection) => {
    if (current.kind === 'simulator') {
      const shared = current.simulator.ownerPid !== undefined;
      item.text = shared ? '$(server-environment) DHCP: Simulator (shared)' : '$(server-environment) DHCP: Simulator';
      item.tooltip = shared
        ? `DHCP Failover: connected to the built-in Micetro simulator that another VS Code window runs at ${current.simulator.url}. Click to switch.`
        : `DHCP Failover: connected to the built-in Micetro simulator at ${current.simulator.url}. Click to switch.`;
    } else if (current.kind === 'micetro') {
      const host = new URL(current.login.url).host;
      item.text = `$(server-environment) DHCP: ${host}`;
      item.tooltip = `DHCP Failover: connected to Micetro at ${current.login.url} as ${current.login.user}. Click to switch.`;
    } else {
      item.text = '$(debug-disconnect) DHCP: Disconnected';
      item.tooltip = 'DHCP Failover: not connected. Click to connect.';
    }
    item.show();
  };
  show(connection.current);
  const subscription = connection.onDidChange(show);
  return vscode.Disposable.from(item, subscription);
}
