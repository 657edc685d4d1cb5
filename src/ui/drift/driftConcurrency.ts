// `dhcpFailover.drift.concurrency`: how many failover scopes Check for Drift and the replicate and remove previews
// read at once (each reads its two copies, 4 requests a copy), read at each use so a change applies to the next run.
import * as vscode from 'vscode';

/** The setting, as a whole number from 1 to 16 (4 when it is not one). */
export function driftConcurrency(): number {
  const value = vscode.workspace.getConfiguration('dhcpFailover').get<number>('drift.concurrency', 4);
  return Math.min(16, Math.max(1, Math.floor(Number.isFinite(value) ? value : 4)));
}
