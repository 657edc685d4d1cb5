// The settings that shape every client: timeout, internal CA, authentication mode. Never a password.
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import type { AuthMode } from '../../api/micetroClient';

export interface ClientSettings {
  timeoutMs: number;
  authMode: AuthMode;
  /** PEM text of the internal CA file, when one is configured. */
  ca?: string;
}

/** True when a configuration change touches a setting the client is built with. */
export function affectsClientSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return ['requestTimeoutSeconds', 'caFile', 'authentication'].some((key) => event.affectsConfiguration(`dhcpFailover.${key}`));
}

export function readClientSettings(): ClientSettings {
  const config = vscode.workspace.getConfiguration('dhcpFailover');
  const seconds = config.get<number>('requestTimeoutSeconds', 30);
  const caFile = config.get<string>('caFile', '').trim();
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the CA file "${caFile}" (setting dhcpFailover.caFile): ${(error as Error).message}`);
    }
  }
  return { timeoutMs: Math.max(1, seconds) * 1000, authMode: config.get<AuthMode>('authentication', 'basic'), ca };
}

/** Seconds between automatic refreshes while a view is visible; 0 turns it off. */
export function readAutoRefreshSeconds(): number {
  return Math.max(0, vscode.workspace.getConfiguration('dhcpFailover').get<number>('autoRefreshSeconds', 15));
}
