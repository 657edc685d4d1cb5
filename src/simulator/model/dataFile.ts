// Shape and consistency checks of a loaded data file. A file that fails is refused whole, with a message
// that says what is wrong and where (e.g. `scopes[12].serverId: no server with id 40`).
import { DHCP_SERVER_STATES, DHCP_SERVER_TYPES } from '../../api/types';
import {
  FAILOVER_MODES,
  FAILOVER_STATES,
  MAX_RELATIONSHIPS_PER_SERVER,
  MAX_RELATIONSHIP_NAME_LENGTH,
  parseNetwork,
  scopeNameIssue,
  type FailoverState,
} from '../../failover';
import type { Endpoint, FailoverPair } from './failoverStateMachine';
import { isRecord } from './params';
import {
  DATA_FILE_FORMAT,
  DATA_FILE_VERSION,
  type AddressBlockRecord,
  type DataFile,
  type RangeRecord,
  type RelationshipRecord,
  type ReservationRecord,
  type ScopeRecord,
  type ServerRecord,
} from './records';

function fail(path: string, problem: string): never {
  throw new Error(`Not a valid simulator data file: ${path}: ${problem}`);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) fail(path, 'expected an object');
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'expected a list');
  return value;
}

function text(value: unknown, path: string, nonEmpty = false): string {
  if (typeof value !== 'string' || (nonEmpty && !value.trim())) fail(path, nonEmpty ? 'expected a non-empty string' : 'expected a string');
  return value;
}

function integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(path, `expected a whole number from ${min} to ${max}`);
  return value;
}

function time(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'expected a time in ms');
  return value;
}

/** A time that may be unset (null), e.g. no timer running. */
function optionalTime(value: unknown, path: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'expected a time in ms or null');
  return value;
}

function flag(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'expected true or false');
  return value;
}

function oneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  if (!choices.includes(value as T)) fail(path, `expected one of ${choices.join(', ')}`);
  return value as T;
}

/** Dotted-quad syntax (a regex: a data file holds hundreds of thousands of addresses). */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function ipv4(value: unknown, path: string): string {
  if (!IPV4.test(text(value, path))) fail(path, 'expected an IPv4 address');
  return value as string;
}

/** A pool or exclusion; version 1 files have no ids, so `newId` numbers them. */
function block(value: unknown, path: string, newId: () => number): AddressBlockRecord {
  const r = record(value, path);
  return {
    id: r.id === undefined ? newId() : integer(r.id, `${path}.id`, 1),
    from: ipv4(r.from, `${path}.from`),
    to: ipv4(r.to, `${path}.to`),
  };
}

function ipamRange(value: unknown, path: string): RangeRecord {
  const r = record(value, path);
  const name = text(r.name, `${path}.name`, true);
  if (parseNetwork(name)?.cidr !== name) fail(`${path}.name`, `expected a network in canonical CIDR form, got "${name}"`);
  return { id: integer(r.id, `${path}.id`, 1), name, description: text(r.description, `${path}.description`) };
}

function server(value: unknown, path: string): ServerRecord {
  const s = record(value, path);
  return {
    id: integer(s.id, `${path}.id`, 1),
    name: text(s.name, `${path}.name`, true),
    address: text(s.address, `${path}.address`),
    type: oneOf(s.type, `${path}.type`, DHCP_SERVER_TYPES),
    state: oneOf(s.state, `${path}.state`, DHCP_SERVER_STATES),
    enabled: flag(s.enabled, `${path}.enabled`),
  };
}

function reservation(value: unknown, path: string): ReservationRecord {
  const r = record(value, path);
  return {
    id: integer(r.id, `${path}.id`, 1),
    name: text(r.name, `${path}.name`),
    clientIdentifier: text(r.clientIdentifier, `${path}.clientIdentifier`),
    addresses: list(r.addresses, `${path}.addresses`).map((a, i) => ipv4(a, `${path}.addresses[${i}]`)),
    description: text(r.description, `${path}.description`),
  };
}

function scope(value: unknown, path: string, newBlockId: () => number): ScopeRecord {
  const s = record(value, path);
  const name = text(s.name, `${path}.name`, true);
  if (parseNetwork(name)?.cidr !== name) fail(`${path}.name`, `expected a network in canonical CIDR form, got "${name}"`);
  // Optional: files written before scopes had free-text names have none.
  const title = s.title === undefined ? undefined : text(s.title, `${path}.title`, true);
  if (title !== undefined) {
    const issue = scopeNameIssue(title);
    if (issue) fail(`${path}.title`, issue);
    if (parseNetwork(title)) fail(`${path}.title`, 'a network is not a free-text name; leave title out to name the scope by its network');
  }
  return {
    id: integer(s.id, `${path}.id`, 1),
    serverId: integer(s.serverId, `${path}.serverId`, 1),
    name,
    ...(title === undefined ? {} : { title }),
    description: text(s.description, `${path}.description`),
    superscope: text(s.superscope, `${path}.superscope`),
    enabled: flag(s.enabled, `${path}.enabled`),
    pool: s.pool === null ? null : block(s.pool, `${path}.pool`, newBlockId),
    exclusions: list(s.exclusions, `${path}.exclusions`).map((e, i) => block(e, `${path}.exclusions[${i}]`, newBlockId)),
    reservations: list(s.reservations, `${path}.reservations`).map((r, i) => reservation(r, `${path}.reservations[${i}]`)),
    options: list(s.options, `${path}.options`).map((o, i) => {
      const option = record(o, `${path}.options[${i}]`);
      return { option: text(option.option, `${path}.options[${i}].option`, true), value: text(option.value, `${path}.options[${i}].value`) };
    }),
    activeLeases: integer(s.activeLeases, `${path}.activeLeases`, 0),
  };
}

function endpoint(value: unknown, path: string): Endpoint {
  const e = record(value, path);
  return {
    state: oneOf<FailoverState>(e.state, `${path}.state`, FAILOVER_STATES),
    since: time(e.since, `${path}.since`),
    timerAt: optionalTime(e.timerAt, `${path}.timerAt`),
    running: flag(e.running, `${path}.running`),
    prevState: oneOf<FailoverState>(e.prevState, `${path}.prevState`, FAILOVER_STATES),
    stoppedAt: optionalTime(e.stoppedAt, `${path}.stoppedAt`),
    skipMcltWait: flag(e.skipMcltWait, `${path}.skipMcltWait`),
  };
}

function pair(value: unknown, path: string): FailoverPair | null {
  if (value === null) return null;
  const p = record(value, path);
  const endpoints = list(p.endpoints, `${path}.endpoints`);
  if (endpoints.length !== 2) fail(`${path}.endpoints`, 'expected two endpoints (primary, secondary)');
  return {
    endpoints: [endpoint(endpoints[0], `${path}.endpoints[0]`), endpoint(endpoints[1], `${path}.endpoints[1]`)],
    linkCut: flag(p.linkCut, `${path}.linkCut`),
    fresh: flag(p.fresh, `${path}.fresh`),
  };
}

function relationship(value: unknown, path: string): RelationshipRecord {
  const r = record(value, path);
  return {
    id: integer(r.id, `${path}.id`, 1),
    name: text(r.name, `${path}.name`, true),
    primaryId: integer(r.primaryId, `${path}.primaryId`, 1),
    secondaryId: integer(r.secondaryId, `${path}.secondaryId`, 1),
    failoverMode: oneOf(r.failoverMode, `${path}.failoverMode`, FAILOVER_MODES),
    percentage: integer(r.percentage, `${path}.percentage`, 0, 100),
    mclt: integer(r.mclt, `${path}.mclt`, 1, 0xffffffff),
    safePeriod: integer(r.safePeriod, `${path}.safePeriod`, 0, 0xffffffff),
    enableAuth: flag(r.enableAuth, `${path}.enableAuth`),
    scopePairs: list(r.scopePairs, `${path}.scopePairs`).map((p, i) => {
      const at = `${path}.scopePairs[${i}]`;
      const ids = list(p, at);
      if (ids.length !== 2) fail(at, 'expected [primary scope id, secondary scope id]');
      return [integer(ids[0], `${at}[0]`, 1), integer(ids[1], `${at}[1]`, 1)] as [number, number];
    }),
    fsm: pair(r.fsm, `${path}.fsm`),
  };
}

function unique<T>(items: readonly T[], key: (item: T) => string | number, path: string, what: string): void {
  const seen = new Set<string | number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) fail(`${path}[${i}]`, `duplicate ${what} ${k}`);
    seen.add(k);
  });
}

/** Validates the whole file and returns a fresh copy of it; throws a plain Error naming the problem. */
export function parseDataFile(json: unknown): DataFile {
  const root = record(json, '(file)');
  if (root.format !== DATA_FILE_FORMAT) fail('format', `expected "${DATA_FILE_FORMAT}", got ${JSON.stringify(root.format)}`);
  // Version 1 (before ranges, and pools and exclusions with ids) is read and migrated: ranges are made for the scopes.
  if (root.version !== DATA_FILE_VERSION && root.version !== 1) fail('version', `expected ${DATA_FILE_VERSION} (or 1, migrated), got ${JSON.stringify(root.version)}`);
  const migrating = root.version === 1;
  const clock = record(root.clock, 'clock');
  const ids = record(root.nextIds, 'nextIds');
  let nextBlockId = migrating ? 1 : integer(ids.addressBlock, 'nextIds.addressBlock', 1);
  const newBlockId = () => nextBlockId++;
  const scopes = list(root.scopes, 'scopes').map((s, i) => scope(s, `scopes[${i}]`, newBlockId));
  const ranges = migrating ? rangesFor(scopes) : list(root.ranges, 'ranges').map((r, i) => ipamRange(r, `ranges[${i}]`));
  const data: DataFile = {
    format: DATA_FILE_FORMAT,
    version: DATA_FILE_VERSION,
    clock: { now: time(clock.now, 'clock.now'), speed: time(clock.speed, 'clock.speed') },
    nextIds: {
      server: integer(ids.server, 'nextIds.server', 1),
      scope: integer(ids.scope, 'nextIds.scope', 1),
      reservation: integer(ids.reservation, 'nextIds.reservation', 1),
      relationship: integer(ids.relationship, 'nextIds.relationship', 1),
      range: migrating ? ranges.length + 1 : integer(ids.range, 'nextIds.range', 1),
      addressBlock: nextBlockId,
    },
    servers: list(root.servers, 'servers').map((s, i) => server(s, `servers[${i}]`)),
    ranges,
    scopes,
    relationships: list(root.relationships, 'relationships').map((r, i) => relationship(r, `relationships[${i}]`)),
  };
  if (data.clock.speed < 0) fail('clock.speed', 'expected 0 or more');
  checkConsistency(data);
  return data;
}

/** One range per network the scopes use, numbered in the order the scopes come: what a version 1 file implied. */
function rangesFor(scopes: readonly ScopeRecord[]): RangeRecord[] {
  const byNetwork = new Map<string, RangeRecord>();
  for (const s of scopes) if (!byNetwork.has(s.name)) byNetwork.set(s.name, { id: byNetwork.size + 1, name: s.name, description: '' });
  return [...byNetwork.values()];
}

function checkConsistency(data: DataFile): void {
  unique(data.servers, (s) => s.id, 'servers', 'server id');
  unique(data.servers, (s) => s.name.toLowerCase(), 'servers', 'server name');
  unique(data.scopes, (s) => s.id, 'scopes', 'scope id');
  unique(data.scopes, (s) => `${s.serverId} ${s.name}`, 'scopes', 'server and CIDR');
  unique(data.scopes.flatMap((s) => s.reservations), (r) => r.id, 'reservations', 'reservation id');
  unique(data.relationships, (r) => r.id, 'relationships', 'relationship id');
  unique(data.ranges, (r) => r.id, 'ranges', 'range id');
  unique(data.ranges, (r) => r.name, 'ranges', 'range network');
  unique(data.scopes.flatMap((s) => (s.pool ? [s.pool, ...s.exclusions] : s.exclusions)), (b) => b.id, 'pools and exclusions', 'id');
  const networks = new Set(data.ranges.map((r) => r.name));
  const servers = new Map(data.servers.map((s) => [s.id, s]));
  const scopes = new Map(data.scopes.map((s) => [s.id, s]));
  const maxId = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);
  const idChecks: Array<[keyof DataFile['nextIds'], number]> = [
    ['server', maxId(data.servers.map((s) => s.id))],
    ['scope', maxId(data.scopes.map((s) => s.id))],
    ['reservation', maxId(data.scopes.flatMap((s) => s.reservations.map((r) => r.id)))],
    ['relationship', maxId(data.relationships.map((r) => r.id))],
    ['range', maxId(data.ranges.map((r) => r.id))],
    ['addressBlock', maxId(data.scopes.flatMap((s) => (s.pool ? [s.pool, ...s.exclusions] : s.exclusions).map((b) => b.id)))],
  ];
  for (const [key, max] of idChecks) if (data.nextIds[key] <= max) fail(`nextIds.${key}`, `must be above the highest ${key} id (${max})`);
  data.scopes.forEach((s, i) => {
    if (!servers.has(s.serverId)) fail(`scopes[${i}].serverId`, `no server with id ${s.serverId}`);
    if (!networks.has(s.name)) fail(`scopes[${i}].name`, `no range for the network ${s.name}`);
  });
  const inRelationship = new Set<number>();
  const namesByServer = new Map<number, string[]>();
  data.relationships.forEach((r, i) => {
    const path = `relationships[${i}]`;
    if (r.name.length > MAX_RELATIONSHIP_NAME_LENGTH) fail(`${path}.name`, `longer than ${MAX_RELATIONSHIP_NAME_LENGTH} characters`);
    for (const key of ['primaryId', 'secondaryId'] as const) {
      if (!servers.has(r[key])) fail(`${path}.${key}`, `no server with id ${r[key]}`);
      const names = namesByServer.get(r[key]) ?? [];
      if (names.includes(r.name.toLowerCase())) fail(`${path}.name`, `server ${r[key]} already has a relationship named "${r.name}"`);
      names.push(r.name.toLowerCase());
      if (names.length > MAX_RELATIONSHIPS_PER_SERVER) fail(path, `server ${r[key]} has more than ${MAX_RELATIONSHIPS_PER_SERVER} relationships`);
      namesByServer.set(r[key], names);
    }
    if (r.primaryId === r.secondaryId) fail(`${path}.secondaryId`, 'the two servers must differ');
    if ((r.fsm === null) !== (r.scopePairs.length === 0)) {
      fail(`${path}.fsm`, r.fsm === null ? 'a relationship with scopes needs its endpoint states' : 'an Empty relationship has no endpoint states');
    }
    r.scopePairs.forEach(([a, b], j) => {
      const at = `${path}.scopePairs[${j}]`;
      const primary = scopes.get(a);
      const secondary = scopes.get(b);
      if (!primary || primary.serverId !== r.primaryId) fail(at, `scope ${a} is not on the primary server ${r.primaryId}`);
      if (!secondary || secondary.serverId !== r.secondaryId) fail(at, `scope ${b} is not on the secondary server ${r.secondaryId}`);
      if (primary.name !== secondary.name) fail(at, `the two instances differ (${primary.name}, ${secondary.name})`);
      for (const id of [a, b]) {
        if (inRelationship.has(id)) fail(at, `scope ${id} is in more than one relationship`);
        inRelationship.add(id);
      }
    });
  });
}
