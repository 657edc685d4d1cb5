// IPAM as the real API has it: ranges (a scope lives in the range of its network), a scope's address pool and
// exclusions as their own objects with refs, IPAM records of single addresses, the generic RemoveObject and
// SetProperties. Names of commands, parameters and answers are the 9.x API definitions' (mm_json_client methods.json).
import type { DHCPAddressPool, DHCPExclusion, DHCPReservation, IPAMRange } from '../../api/types';
import { ipv4ToNumber, parseNetwork, type Network } from '../../failover';
import type { ListQuery } from '../backend';
import { type ModelContext, requireRunning } from './modelContext';
import { parseFilter, runListQuery, type FieldTable } from './listQuery';
import { SCOPE_REF, scopeParam } from './lookups';
import { isRecord, optionalString, requireRecord, requireString, type Params } from './params';
import type { AddressBlockRecord, RangeRecord, ScopeRecord } from './records';
import { rangeRef } from './refs';
import { checkReservation, deleteScope } from './scopeResources';
import { exclusionToWire, poolToWire, rangeBounds, rangeToWire, reservationToWire } from './wire';
import { invalidParameter, objectNotFound } from './windowsErrors';
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH } from './fieldLimits';

/** The properties of Micetro's Range object a new range may carry (the rest of the object is ignored). */
const RANGE_FIELDS = new Set(['ref', 'name', 'from', 'to', 'parentRef', 'adSiteRef', 'subnet', 'locked', 'autoAssign', 'hasSchedule', 'hasMonitor', 'customProperties', 'inheritAccess', 'isContainer']);

const RANGE_LIST_FIELDS: FieldTable<RangeRecord> = {
  ref: { get: (r) => rangeRef(r.id) },
  name: { get: (r) => r.name },
  from: { get: (r) => rangeBounds(r).from },
  to: { get: (r) => rangeBounds(r).to },
  subnet: { get: () => true },
};

const BLOCK_FIELDS: FieldTable<AddressBlockRecord> = {
  from: { get: (b) => b.from },
  to: { get: (b) => b.to },
};

// ---- ranges

export function getRanges(ctx: ModelContext, params: Params): { ranges: IPAMRange[]; totalResults: number } {
  const query = params as ListQuery;
  const terms = parseFilter(optionalString(params, 'filter', 'a filter'), RANGE_LIST_FIELDS);
  const byName = terms.find((t) => t.field === 'name' && t.op === 'eq' && !t.negated);
  const exact = byName ? ctx.inventory.findRange(byName.value) : undefined;
  const candidates = byName ? (exact ? [exact] : []) : [...ctx.inventory.ranges.values()];
  const page = runListQuery(candidates, terms, query, RANGE_LIST_FIELDS);
  return { ranges: page.items.map((range) => rangeToWire(ctx.inventory, range)), totalResults: page.totalResults };
}

/** The range a ref names (numeric, or by its unique name `Ranges/10.1.20.0/24`). */
function rangeNamed(ctx: ModelContext, ref: string): RangeRecord {
  const range = ctx.inventory.findRange(ref);
  if (!range) throw objectNotFound(`There is no IPAM range ${ref} (object not found for reference).`);
  return range;
}

export function getRange(ctx: ModelContext, params: Params): { range: IPAMRange } {
  return { range: rangeToWire(ctx.inventory, rangeNamed(ctx, requireString(params, 'rangeRef', 'a range ref such as Ranges/17'))) };
}

/** `AddRange {range: {name: "<cidr>"}}` or `{from, to}` covering exactly one network; the simulator models subnets only. */
export function addRange(ctx: ModelContext, params: Params): { ref: string } {
  const input = requireRecord(params, 'range', 'a range such as {"name": "10.1.20.0/24"}');
  for (const key of Object.keys(input)) {
    if (!RANGE_FIELDS.has(key)) throw invalidParameter(`Unknown property "${key}" in range; a Range takes ${[...RANGE_FIELDS].join(', ')}.`);
  }
  const name = optionalString(input, 'name', 'the network in CIDR form, e.g. 10.1.20.0/24');
  const from = optionalString(input, 'from', 'an IPv4 address');
  const to = optionalString(input, 'to', 'an IPv4 address');
  const network = name !== undefined ? parseNetwork(name) : from !== undefined && to !== undefined ? networkOf(from, to) : undefined;
  if (!network) {
    throw invalidParameter(
      name !== undefined
        ? `"${name}" is not an IPv4 network in CIDR form, e.g. 10.1.20.0/24; the simulator models ranges that are subnets.`
        : 'A range needs its network as name ("10.1.20.0/24"), or from and to that cover exactly one network.',
    );
  }
  if (name !== undefined && network.cidr !== name.trim()) throw invalidParameter(`${name} is not a network address; did you mean ${network.cidr}?`);
  if (from !== undefined && to !== undefined && networkOf(from, to)?.cidr !== network.cidr) {
    throw invalidParameter(`from ${from} and to ${to} are not the bounds of ${network.cidr}.`);
  }
  if (ctx.inventory.rangeOfNetwork(network.cidr)) throw invalidParameter(`The range ${network.cidr} already exists (${rangeRef((ctx.inventory.rangeOfNetwork(network.cidr) as RangeRecord).id)}).`);
  const description = isRecord(input.customProperties) && typeof input.customProperties.Description === 'string' ? input.customProperties.Description.slice(0, MAX_DESCRIPTION_LENGTH) : '';
  const range: RangeRecord = { id: ctx.inventory.newRangeId(), name: network.cidr, description };
  ctx.inventory.addRange(range);
  return { ref: rangeRef(range.id) };
}

/** The network whose first and last addresses are exactly `from` and `to`, if there is one. */
function networkOf(from: string, to: string): Network | undefined {
  const first = ipv4ToNumber(from);
  const last = ipv4ToNumber(to);
  if (first === undefined || last === undefined || last < first) return undefined;
  const size = last - first + 1;
  const prefix = 32 - Math.log2(size);
  if (!Number.isInteger(prefix)) return undefined;
  const network = parseNetwork(`${from.trim()}/${prefix}`);
  return network && network.first === first ? network : undefined;
}

function removeRange(ctx: ModelContext, range: RangeRecord): void {
  const scopes = ctx.inventory.scopesNamed(range.name);
  if (scopes.length > 0) {
    const where = scopes.map((s) => ctx.inventory.serverById(s.serverId).name).join(', ');
    throw invalidParameter(`The range ${range.name} holds DHCP scopes (on ${where}); delete them first.`);
  }
  ctx.inventory.removeRange(range);
}

// ---- address pools and exclusions

type BlockKind = 'pool' | 'exclusion';
const BLOCK_NAMES: Record<BlockKind, { param: string; ref: string; collection: string }> = {
  pool: { param: 'dhcpAddressPool', ref: 'dhcpAddressPoolRef', collection: 'DHCPAddressPools' },
  exclusion: { param: 'dhcpExclusion', ref: 'dhcpExclusionRef', collection: 'DHCPExclusions' },
};

/** Reads `{from, to}` inside the scope's network, first ≤ last. */
function blockIn(scope: ScopeRecord, input: Params, what: string): { from: string; to: string; first: number; last: number } {
  const from = requireString(input, 'from', 'an IPv4 address').trim();
  const to = requireString(input, 'to', 'an IPv4 address').trim();
  const first = ipv4ToNumber(from);
  const last = ipv4ToNumber(to);
  if (first === undefined || last === undefined) throw invalidParameter(`The ${what} needs two IPv4 addresses, got ${from} and ${to}.`);
  if (first > last) throw invalidParameter(`The ${what} ${from}-${to} ends before it starts.`);
  const network = parseNetwork(scope.name) as Network;
  if (first < network.first || last > network.last) throw invalidParameter(`The ${what} ${from}-${to} is not inside the scope's range ${network.cidr}.`);
  return { from, to, first, last };
}

const bounds = (block: AddressBlockRecord) => [ipv4ToNumber(block.from) as number, ipv4ToNumber(block.to) as number] as const;

/** The scope named inside the new object (`dhcpScopeRef`), or the one the REST path names. */
function ownerScope(ctx: ModelContext, input: Params): ScopeRecord {
  return scopeParam(ctx, { dhcpScopeRef: requireString(input, 'dhcpScopeRef', SCOPE_REF) });
}

/** `AddDHCPAddressPool`: a Microsoft scope has one pool, inside its range, holding its exclusions. */
export function addPool(ctx: ModelContext, params: Params): { ref: string } {
  const input = requireRecord(params, 'dhcpAddressPool', 'a pool such as {"from", "to", "dhcpScopeRef"}');
  const scope = ownerScope(ctx, input);
  const block = blockIn(scope, input, 'address pool');
  if (scope.pool) throw invalidParameter(`Scope ${scope.name} already has the address pool ${scope.pool.from}-${scope.pool.to}; a Microsoft DHCP scope has one. Remove it first.`);
  const outside = scope.exclusions.find((e) => bounds(e)[0] < block.first || bounds(e)[1] > block.last);
  if (outside) throw invalidParameter(`The exclusion ${outside.from}-${outside.to} of scope ${scope.name} would lie outside the pool ${block.from}-${block.to}.`);
  requireRunning(ctx.inventory.serverById(scope.serverId));
  scope.pool = { id: ctx.inventory.newAddressBlockId(), from: block.from, to: block.to };
  return { ref: poolToWire(scope, scope.pool).ref };
}

/** `AddDHCPExclusion`: inside the scope's pool (its range while it has none), overlapping no other exclusion. */
export function addExclusion(ctx: ModelContext, params: Params): { ref: string } {
  const input = requireRecord(params, 'dhcpExclusion', 'an exclusion such as {"from", "to", "dhcpScopeRef"}');
  const scope = ownerScope(ctx, input);
  const block = blockIn(scope, input, 'exclusion');
  if (scope.pool && (block.first < bounds(scope.pool)[0] || block.last > bounds(scope.pool)[1])) {
    throw invalidParameter(`The exclusion ${block.from}-${block.to} is not inside the address pool ${scope.pool.from}-${scope.pool.to} of scope ${scope.name}.`);
  }
  const overlap = scope.exclusions.find((e) => bounds(e)[0] <= block.last && block.first <= bounds(e)[1]);
  if (overlap) throw invalidParameter(`The exclusion ${block.from}-${block.to} overlaps the exclusion ${overlap.from}-${overlap.to} of scope ${scope.name}.`);
  requireRunning(ctx.inventory.serverById(scope.serverId));
  const exclusion = { id: ctx.inventory.newAddressBlockId(), from: block.from, to: block.to };
  scope.exclusions.push(exclusion);
  return { ref: exclusionToWire(scope, exclusion).ref };
}

export function getPools(ctx: ModelContext, params: Params): { dhcpAddressPools: DHCPAddressPool[]; totalResults: number } {
  const scope = scopeParam(ctx, params);
  const page = runListQuery(scope.pool ? [scope.pool] : [], parseFilter(optionalString(params, 'filter', 'a filter'), BLOCK_FIELDS), params as ListQuery, BLOCK_FIELDS);
  return { dhcpAddressPools: page.items.map((pool) => poolToWire(scope, pool)), totalResults: page.totalResults };
}

export function getExclusions(ctx: ModelContext, params: Params): { dhcpExclusions: DHCPExclusion[]; totalResults: number } {
  const scope = scopeParam(ctx, params);
  const page = runListQuery(scope.exclusions, parseFilter(optionalString(params, 'filter', 'a filter'), BLOCK_FIELDS), params as ListQuery, BLOCK_FIELDS);
  return { dhcpExclusions: page.items.map((exclusion) => exclusionToWire(scope, exclusion)), totalResults: page.totalResults };
}

/** The pool or exclusion `ref` names and its scope (a scan: these are looked up one at a time). */
function findBlock(ctx: ModelContext, kind: BlockKind, ref: string): { scope: ScopeRecord; block: AddressBlockRecord } {
  const match = new RegExp(`^(?:${BLOCK_NAMES[kind].collection}/)?(\\d+)$`, 'i').exec(ref.trim());
  const id = match ? Number(match[1]) : undefined;
  for (const scope of ctx.inventory.scopes.values()) {
    const block = kind === 'pool' ? (scope.pool?.id === id ? scope.pool : undefined) : scope.exclusions.find((e) => e.id === id);
    if (block) return { scope, block };
  }
  throw objectNotFound(`There is no ${kind === 'pool' ? 'address pool' : 'exclusion'} ${ref} (object not found for reference).`);
}

export function getPool(ctx: ModelContext, params: Params): { dhcpAddressPool: DHCPAddressPool } {
  const { scope, block } = findBlock(ctx, 'pool', requireString(params, 'dhcpAddressPoolRef', 'a pool ref such as DHCPAddressPools/4'));
  return { dhcpAddressPool: poolToWire(scope, block) };
}

export function getExclusion(ctx: ModelContext, params: Params): { dhcpExclusion: DHCPExclusion } {
  const { scope, block } = findBlock(ctx, 'exclusion', requireString(params, 'dhcpExclusionRef', 'an exclusion ref such as DHCPExclusions/4'));
  return { dhcpExclusion: exclusionToWire(scope, block) };
}

// ---- reservations by their own ref

function findReservation(ctx: ModelContext, ref: string): { scope: ScopeRecord; index: number } {
  const match = /^(?:DHCPReservations\/)?(\d+)$/i.exec(ref.trim());
  const id = match ? Number(match[1]) : undefined;
  for (const scope of ctx.inventory.scopes.values()) {
    const index = scope.reservations.findIndex((r) => r.id === id);
    if (index >= 0) return { scope, index };
  }
  throw objectNotFound(`There is no DHCP reservation ${ref} (object not found for reference).`);
}

export function getReservation(ctx: ModelContext, params: Params): { dhcpReservation: DHCPReservation } {
  const { scope, index } = findReservation(ctx, requireString(params, 'dhcpReservationRef', 'a reservation ref such as DHCPReservations/4'));
  return { dhcpReservation: reservationToWire(scope.reservations[index]) };
}

const RESERVATION_PROPERTIES = ['name', 'clientIdentifier', 'addresses', 'description'];

/** `SetProperties {ref, properties: [{name, value}], deleteUnspecified}`, for DHCP reservations (what the simulator models). */
export function setProperties(ctx: ModelContext, params: Params): Record<string, never> {
  const ref = requireString(params, 'ref', 'the ref of the object to change');
  if (!/^DHCPReservations\//i.test(ref.trim())) throw invalidParameter(`The simulator changes properties of DHCP reservations only (DHCPReservations/<id>), not of ${ref}.`);
  const { scope, index } = findReservation(ctx, ref);
  const list = params.properties;
  if (!Array.isArray(list)) throw invalidParameter('properties must be a list of {"name", "value"}.');
  const current = scope.reservations[index];
  const next = params.deleteUnspecified === true ? { ...current, description: '' } : { ...current };
  list.forEach((item, i) => {
    if (!isRecord(item) || typeof item.name !== 'string' || typeof item.value !== 'string') throw invalidParameter(`properties[${i}] must be {"name": "<property>", "value": "<text>"}.`);
    const name = RESERVATION_PROPERTIES.find((p) => p.toLowerCase() === (item.name as string).toLowerCase());
    if (!name) throw invalidParameter(`Unknown property "${item.name}" of a DHCP reservation; use one of ${RESERVATION_PROPERTIES.join(', ')}.`);
    const value = item.value;
    if (name === 'addresses') next.addresses = value.split(',').map((a) => a.trim()).filter(Boolean);
    else if (name === 'name') next.name = requireString({ value }, 'value', 'the reservation name', MAX_NAME_LENGTH);
    else if (name === 'clientIdentifier') next.clientIdentifier = requireString({ value }, 'value', 'the client MAC address');
    else next.description = value.slice(0, MAX_DESCRIPTION_LENGTH);
  });
  if (next.addresses.length !== 1) throw invalidParameter(`addresses has ${next.addresses.length} entries; a Microsoft DHCP reservation holds exactly one IPv4 address.`);
  checkReservation(scope, next);
  requireRunning(ctx.inventory.serverById(scope.serverId));
  scope.reservations[index] = next;
  return {};
}

// ---- IPAM records

/** `GetIPAMRecord {addrRef}`: the address, the range it is in (`rangeRef`, a simulator extension) and its reservations. */
export function getIpamRecord(ctx: ModelContext, params: Params): { ipamRecord: Record<string, unknown> } {
  const ref = requireString(params, 'addrRef', 'an address ref such as IPAMRecords/10.1.20.50');
  const address = ref.trim().replace(/^IPAMRecords\//i, '');
  if (ipv4ToNumber(address) === undefined) throw invalidParameter(`${address} is not an IPv4 address.`);
  const range = ctx.inventory.rangeHolding(address);
  if (!range) throw objectNotFound(`The address ${address} is in no IPAM range (object not found for reference).`);
  const dhcpReservations: DHCPReservation[] = [];
  for (let prefix = 32; prefix >= 1; prefix--) {
    for (const scope of ctx.inventory.scopesNamed((parseNetwork(`${address}/${prefix}`) as Network).cidr)) {
      for (const reservation of scope.reservations) if (reservation.addresses.includes(address)) dhcpReservations.push(reservationToWire(reservation));
    }
  }
  return {
    ipamRecord: {
      addrRef: `IPAMRecords/${address}`,
      address,
      claimed: dhcpReservations.length > 0,
      dnsHosts: [],
      dhcpReservations,
      dhcpLeases: [],
      state: dhcpReservations.length > 0 ? 'Assigned' : 'Free',
      usage: dhcpReservations.length > 0 ? 1 : 0,
      customProperties: {},
      rangeRef: rangeRef(range.id),
    },
  };
}

// ---- removal

const OBJECT_TYPES: Record<string, string> = {
  ranges: 'Range',
  dhcpscopes: 'DHCPScope',
  dhcpaddresspools: 'DHCPAddressPool',
  dhcpexclusions: 'DHCPExclusion',
  dhcpreservations: 'DHCPReservation',
};

/** `RemoveObject {ref, objType?}` (and `DELETE <ref>`): ranges, scopes, pools, exclusions and reservations. */
export function removeObject(ctx: ModelContext, params: Params): Record<string, never> {
  const ref = requireString(params, 'ref', 'the ref of the object to remove').trim();
  const collection = ref.slice(0, Math.max(0, ref.indexOf('/'))).toLowerCase();
  const objType = OBJECT_TYPES[collection];
  if (!objType) throw invalidParameter(`The simulator removes ${Object.values(OBJECT_TYPES).join(', ')} objects; ${ref} is none of them.`);
  const given = optionalString(params, 'objType', 'an object type such as DHCPExclusion');
  if (given !== undefined && given.toLowerCase() !== objType.toLowerCase()) throw invalidParameter(`${ref} is a ${objType}, not a ${given}.`);
  switch (objType) {
    case 'Range':
      removeRange(ctx, rangeNamed(ctx, ref));
      break;
    case 'DHCPScope':
      deleteScope(ctx, ref);
      break;
    case 'DHCPReservation': {
      const { scope, index } = findReservation(ctx, ref);
      requireRunning(ctx.inventory.serverById(scope.serverId));
      scope.reservations.splice(index, 1);
      break;
    }
    default: {
      const kind: BlockKind = objType === 'DHCPAddressPool' ? 'pool' : 'exclusion';
      const { scope, block } = findBlock(ctx, kind, ref);
      requireRunning(ctx.inventory.serverById(scope.serverId));
      if (kind === 'pool') scope.pool = null;
      else scope.exclusions = scope.exclusions.filter((e) => e !== block);
    }
  }
  return {};
}
