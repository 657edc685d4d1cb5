// Records as the API serves them: Micetro's wire objects, relationships from one server's perspective.
import type { DHCPAddressPool, DHCPExclusion, DHCPFailoverRelationship, DHCPOption, DHCPReservation, DHCPScope, DHCPServer, IPAMRange } from '../../api/types';
import { parseNetwork, type AddressRange } from '../../failover';
import type { Inventory } from './inventory';
import type { ModelContext } from './modelContext';
import type { AddressBlockRecord, RangeRecord, RelationshipRecord, ReservationRecord, ScopeRecord, ServerRecord } from './records';
import { exclusionRef, poolRef, rangeRef, reservationRef, scopeRef, serverRef } from './refs';
import { availableAddresses } from './scopeContent';

export function serverToWire(server: ServerRecord): DHCPServer {
  return {
    ref: serverRef(server.id),
    name: server.name,
    address: server.address,
    resolvedAddress: server.address,
    type: server.type,
    state: server.state,
    enabled: server.enabled,
    customProperties: {},
  };
}

/** The name the API shows: the free-text name when the scope has one, else its network. */
export const scopeWireName = (scope: ScopeRecord): string => scope.title ?? scope.name;

export function scopeToWire(inventory: Inventory, scope: ScopeRecord): DHCPScope {
  return {
    ref: scopeRef(scope.id),
    name: scopeWireName(scope),
    rangeRef: rangeRef(inventory.rangeOfScope(scope).id),
    dhcpServerRef: serverRef(scope.serverId),
    superscope: scope.superscope,
    description: scope.description,
    available: availableAddresses(scope),
    enabled: scope.enabled,
  };
}

const numberToIpv4 = (value: number) => [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

/** The first and last address of a range's network. */
export function rangeBounds(range: RangeRecord): AddressRange {
  const network = parseNetwork(range.name) as { first: number; last: number };
  return { from: numberToIpv4(network.first), to: numberToIpv4(network.last) };
}

/** A range as `GetRange` answers it: its network as name and bounds, and the scope instances in it. */
export function rangeToWire(inventory: Inventory, range: RangeRecord): IPAMRange {
  return {
    ref: rangeRef(range.id),
    name: range.name,
    ...rangeBounds(range),
    subnet: true,
    locked: false,
    autoAssign: false,
    isContainer: false,
    dhcpScopes: inventory.scopesNamed(range.name).map((scope) => ({ ref: scopeRef(scope.id), objType: 'DHCPScope', name: scopeWireName(scope) })),
    customProperties: range.description ? { Description: range.description } : {},
  };
}

export function poolToWire(scope: ScopeRecord, pool: AddressBlockRecord): DHCPAddressPool {
  return { ref: poolRef(pool.id), name: `${pool.from}-${pool.to}`, from: pool.from, to: pool.to, dhcpScopeRef: scopeRef(scope.id) };
}

export function exclusionToWire(scope: ScopeRecord, exclusion: AddressBlockRecord): DHCPExclusion {
  return { ref: exclusionRef(exclusion.id), name: `${exclusion.from}-${exclusion.to}`, from: exclusion.from, to: exclusion.to, dhcpScopeRef: scopeRef(scope.id) };
}

export function reservationToWire(reservation: ReservationRecord): DHCPReservation {
  return {
    ref: reservationRef(reservation.id),
    name: reservation.name,
    clientIdentifier: reservation.clientIdentifier,
    addresses: [...reservation.addresses],
    description: reservation.description,
  };
}

export const optionsToWire = (options: readonly DHCPOption[]): DHCPOption[] => options.map((o) => ({ option: o.option, value: o.value }));

/** `SimGetScopeDetail`: the whole instance, for tests and the simulator's own views. */
export interface SimScopeDetail extends DHCPScope {
  /** Null while the scope has no pool. */
  addressPool: AddressRange | null;
  exclusions: AddressRange[];
  reservations: DHCPReservation[];
  options: DHCPOption[];
  activeLeases: number;
  /** The relationship the instance is in, or null. */
  dhcpFailoverRelationshipName: string | null;
}

export function scopeDetail(inventory: Inventory, scope: ScopeRecord): SimScopeDetail {
  const relationship = inventory.relationshipOfScope(scope.id);
  return {
    ...scopeToWire(inventory, scope),
    addressPool: scope.pool ? { from: scope.pool.from, to: scope.pool.to } : null,
    exclusions: scope.exclusions.map((e) => ({ from: e.from, to: e.to })),
    reservations: scope.reservations.map(reservationToWire),
    options: optionsToWire(scope.options),
    activeLeases: scope.activeLeases,
    dhcpFailoverRelationshipName: relationship?.name ?? null,
  };
}

/** A relationship as the simulator answers it: with quirk `null-scope-refs` an Empty one has no list. */
export type WireRelationship = Omit<DHCPFailoverRelationship, 'dhcpScopeRefs'> & { dhcpScopeRefs: string[] | null };

/**
 * The relationship as `side` (0 primary, 1 secondary) reports it; the shared secret never leaves. `state` and
 * `enableAuth` are simulator extensions, left out with quirk `no-state`.
 */
export function relationshipToWire(ctx: ModelContext, rel: RelationshipRecord, side: 0 | 1): WireRelationship {
  const { inventory, quirks } = ctx;
  const primary = inventory.serverById(rel.primaryId);
  const secondary = inventory.serverById(rel.secondaryId);
  return {
    name: rel.name,
    primaryServer: primary.name,
    secondaryServer: secondary.name,
    primaryServerRef: serverRef(primary.id),
    secondaryServerRef: serverRef(secondary.id),
    failoverMode: rel.failoverMode,
    failoverServerType: side === 0 ? 'PrimaryServer' : 'SecondaryServer',
    mclt: rel.mclt,
    safePeriod: rel.safePeriod,
    dhcpScopeRefs: rel.scopePairs.length === 0 && quirks.has('null-scope-refs') ? null : rel.scopePairs.map((pair) => scopeRef(pair[side])),
    percentage: rel.percentage,
    sharedSecret: '',
    dhcpServerRef: serverRef(side === 0 ? primary.id : secondary.id),
    ...(quirks.has('no-state') ? {} : { state: rel.fsm ? rel.fsm.endpoints[side].state : 'Empty', enableAuth: rel.enableAuth }),
  };
}
