// What the command handlers share: the records, the failover timers, the simulated time and the profile's quirks.
import type { Quirks } from '../quirks';
import type { Inventory } from './inventory';
import type { ServerRecord } from './records';
import type { TransitionScheduler } from './transitions';
import { windowsError } from './windowsErrors';

export interface ModelContext {
  inventory: Inventory;
  scheduler: TransitionScheduler;
  /** Simulated time, ms. */
  now(): number;
  /** How far this simulator departs from the kind `demo` answers (src/simulator/quirks.ts). */
  quirks: Quirks;
}

const NOT_RUNNING: ReadonlySet<string> = new Set(['Service Down', 'Unreachable', 'Disabled']);

export function isRunning(server: ServerRecord): boolean {
  return !NOT_RUNNING.has(server.state);
}

/** A change that must reach a DHCP server fails while the server is down or unreachable. */
export function requireRunning(server: ServerRecord): void {
  if (isRunning(server)) return;
  if (server.state === 'Unreachable') {
    throw windowsError('ERROR_DHCP_SERVER_NOT_REACHABLE', `DHCP server ${server.name} is unreachable, so the change cannot be made on it. Check the server and try again.`);
  }
  throw windowsError('ERROR_DHCP_SERVER_NOT_RUNNING', `The DHCP service on ${server.name} is ${server.state}, so the change cannot be made on it. Start the service and try again.`);
}
