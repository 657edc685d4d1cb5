// The "DHCP Failover" log: every API call (operation, duration, outcome) and every error in full.
// Nothing here sees a password or shared secret: the client's records carry none.
import * as vscode from 'vscode';
import type { ApiCallRecord } from '../api/micetroClient';
import { MicetroError } from '../api/errors';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('DHCP Failover', { log: true });
}

export function logApiCall(log: vscode.LogOutputChannel, record: ApiCallRecord): void {
  const retry = record.attempt > 1 ? ` (attempt ${record.attempt})` : '';
  const status = record.status === undefined ? '' : ` HTTP ${record.status}`;
  if (record.outcome === 'ok') {
    log.info(`${record.operation} ok${status} ${record.durationMs} ms${retry}`);
  } else {
    const code = record.error?.code === undefined ? '' : ` code ${record.error.code}`;
    log.warn(`${record.operation} failed${status}${code} ${record.durationMs} ms${retry}: ${record.error?.message ?? 'unknown error'}`);
  }
}

/** The one line a person sees for a failure. */
export function describeError(error: unknown): string {
  if (error instanceof MicetroError) return error.summary;
  return error instanceof Error ? error.message : String(error);
}

/** Writes the whole failure to the log: what was being done, Micetro's code and status, and the stack. */
export function logError(log: vscode.LogOutputChannel, doing: string, error: unknown): void {
  if (error instanceof MicetroError) {
    const status = error.status === undefined ? 'no HTTP answer' : `HTTP ${error.status}`;
    log.error(`${doing} failed: ${error.operation}, ${error.kind}, ${status}, code ${error.code ?? 'none'}: ${error.message}`);
  } else {
    log.error(`${doing} failed:`, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}
