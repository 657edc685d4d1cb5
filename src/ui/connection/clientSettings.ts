// The settings that shape every Micetro client: timeout, internal CA, authentication mode, VS Code's proxy
// settings. Never a password.
import * as vscode from 'vscode';
import { readCaFile } from '../../api/caFile';
import type { AuthMode } from '../../api/micetroClient';
import type { ProxySettings } from '../../api/proxyRoute';
import type { SimulatorProfile } from '../../simulator/quirks';

export interface ClientSettings {
  timeoutMs: number;
  authMode: AuthMode;
  /** The PEM certificates of the internal CA file, when one is configured. */
  ca?: string[];
  proxy: ProxySettings;
}

const CLIENT_SETTINGS = [
  'dhcpFailover.requestTimeoutSeconds',
  'dhcpFailover.caFile',
  'dhcpFailover.authentication',
  'http.proxy',
  'http.noProxy',
  'http.proxyStrictSSL',
];

/** True when a configuration change touches a setting the client is built with. */
export function affectsClientSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return CLIENT_SETTINGS.some((key) => event.affectsConfiguration(key));
}

/** Throws a message naming the setting and file when the CA file cannot be used. */
export function readClientSettings(): ClientSettings {
  const config = vscode.workspace.getConfiguration('dhcpFailover');
  const http = vscode.workspace.getConfiguration('http');
  const caFile = config.get<string>('caFile', '').trim();
  return {
    timeoutMs: Math.max(1, config.get<number>('requestTimeoutSeconds', 30)) * 1000,
    authMode: config.get<AuthMode>('authentication', 'basic'),
    ca: caFile ? readCaFile(caFile) : undefined,
    proxy: {
      proxy: http.get<string>('proxy', ''),
      noProxy: http.get<string[]>('noProxy', []),
      proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true),
    },
  };
}

/** How the built-in simulator answers: `demo` (friendly) or `micetro` (strict, as the documented API). */
export function readSimulatorProfile(): SimulatorProfile {
  const profile = vscode.workspace.getConfiguration('dhcpFailover').get<string>('simulator.profile', 'demo');
  return profile === 'micetro' ? 'micetro' : 'demo';
}

/** Seconds between automatic refreshes while a view is visible; 0 turns it off. */
export function readAutoRefreshSeconds(): number {
  return Math.max(0, vscode.workspace.getConfiguration('dhcpFailover').get<number>('autoRefreshSeconds', 15));
}
