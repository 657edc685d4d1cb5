// A scope instance's configuration: what replication and adding a scope to failover copy (name, pool,
// exclusions, reservations, options, description, enabled), and what they never copy (leases).
import { ipv4ToNumber } from '../../failover';
import type { Inventory } from './inventory';
import type { AddressBlockRecord, ReservationRecord, ScopeRecord } from './records';

/** A copy of a pool or exclusion for another instance: same addresses, its own id (and so its own ref). */
const copyBlock = (inventory: Inventory, block: AddressBlockRecord): AddressBlockRecord => ({ id: inventory.newAddressBlockId(), from: block.from, to: block.to });

function copyReservations(inventory: Inventory, reservations: readonly ReservationRecord[]): ReservationRecord[] {
  return reservations.map((r) => ({ ...r, id: inventory.newReservationId(), addresses: [...r.addresses] }));
}

/** A new instance of `source` on another server: same configuration, no leases. */
export function copyScopeTo(inventory: Inventory, source: ScopeRecord, serverId: number): ScopeRecord {
  return {
    id: inventory.newScopeId(),
    serverId,
    name: source.name,
    ...(source.title === undefined ? {} : { title: source.title }),
    description: source.description,
    superscope: source.superscope,
    enabled: source.enabled,
    pool: source.pool && copyBlock(inventory, source.pool),
    exclusions: source.exclusions.map((e) => copyBlock(inventory, e)),
    reservations: copyReservations(inventory, source.reservations),
    options: source.options.map((o) => ({ ...o })),
    activeLeases: 0,
  };
}

/** Replication: the destination's configuration is replaced with the source's; its leases stay. */
export function replicateContent(inventory: Inventory, source: ScopeRecord, destination: ScopeRecord): void {
  // Absent rather than undefined, so the record matches what the data file loads.
  if (source.title === undefined) delete destination.title;
  else destination.title = source.title;
  destination.description = source.description;
  destination.enabled = source.enabled;
  destination.pool = source.pool && copyBlock(inventory, source.pool);
  destination.exclusions = source.exclusions.map((e) => copyBlock(inventory, e));
  destination.reservations = copyReservations(inventory, source.reservations);
  destination.options = source.options.map((o) => ({ ...o }));
}

/** Free addresses: pool size − exclusions − reservations in the pool − active leases (never below 0; 0 without a pool). */
export function availableAddresses(scope: ScopeRecord): number {
  if (!scope.pool) return 0;
  const from = ipv4ToNumber(scope.pool.from) ?? 0;
  const to = ipv4ToNumber(scope.pool.to) ?? -1;
  const excluded: Array<[number, number]> = [];
  let free = Math.max(0, to - from + 1);
  for (const exclusion of scope.exclusions) {
    const start = Math.max(from, ipv4ToNumber(exclusion.from) ?? Infinity);
    const end = Math.min(to, ipv4ToNumber(exclusion.to) ?? -Infinity);
    if (start <= end) {
      free -= end - start + 1;
      excluded.push([start, end]);
    }
  }
  for (const reservation of scope.reservations) {
    for (const address of reservation.addresses) {
      const value = ipv4ToNumber(address);
      if (value !== undefined && value >= from && value <= to && !excluded.some(([a, b]) => value >= a && value <= b)) free -= 1;
    }
  }
  return Math.max(0, free - scope.activeLeases);
}
