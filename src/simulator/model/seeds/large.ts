// A generated inventory for benchmarks: by default 500 Microsoft DHCP servers and 50,000 scope instances,
// deterministic (seeded), with the biggest server holding over 2,000 scopes in 31 relationships, one of them
// with over 1,000 scopes; every network has its range, every scope its pool, some an exclusion. Records are built directly (already valid by construction) so it builds fast.
import type { FailoverMode } from '../../../failover';
import { normalPair } from '../failoverStateMachine';
import type { Inventory } from '../inventory';
import type { RelationshipRecord, ScopeRecord, ServerRecord } from '../records';
import { seededRandom, type Random } from './prng';

export interface InventorySize {
  servers: number;
  scopes: number;
}

const DEFAULT_LARGE_SIZE: InventorySize = { servers: 500, scopes: 50_000 };
/** One /24 per scope network in 10.0.0.0/8. */
const MAX_NETWORKS = 65_536;
const MAX_SERVERS = 5_000;

const SITES = ['rvk', 'lon', 'sin', 'nyc', 'fra', 'syd', 'tok', 'sfo', 'ams', 'par', 'mad', 'sto', 'osl', 'hel', 'dub', 'tor', 'chi', 'sao', 'jnb', 'bom'];
const SPLITS: ReadonlyArray<[FailoverMode, number]> = [
  ['LoadBalance', 50], ['LoadBalance', 50], ['LoadBalance', 60], ['LoadBalance', 70], ['HotStandby', 5], ['HotStandby', 10],
];

function checkSize(size: InventorySize): void {
  const ok = (n: unknown, min: number, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
  if (!ok(size.servers, 2, MAX_SERVERS)) throw new Error(`A generated inventory needs 2 to ${MAX_SERVERS} servers, got ${size.servers}.`);
  if (!ok(size.scopes, 0, MAX_NETWORKS)) throw new Error(`A generated inventory holds 0 to ${MAX_NETWORKS} scopes, got ${size.scopes}.`);
}

export function buildLarge(inventory: Inventory, size: InventorySize = DEFAULT_LARGE_SIZE, now: number): void {
  checkSize(size);
  const random = seededRandom(0x5eed);
  const servers: ServerRecord[] = [];
  for (let i = 0; i < size.servers; i++) {
    const site = SITES[i % SITES.length];
    const number = String(Math.floor(i / SITES.length) + 1).padStart(2, '0');
    const server: ServerRecord = {
      id: inventory.newServerId(),
      name: `dhcp-${site}-${number}.corp.example`,
      address: `172.${16 + (i >> 8)}.${i & 255}.10`,
      type: 'MSDHCP',
      state: 'OK',
      enabled: true,
    };
    inventory.addServer(server);
    servers.push(server);
  }

  let network = 0;
  const newScope = (server: ServerRecord, cidrIndex: number): ScopeRecord => {
    const prefix = `10.${cidrIndex >> 8}.${cidrIndex & 255}`;
    // Failover partners share one range; the first instance of a network makes it.
    if (!inventory.rangeOfNetwork(`${prefix}.0/24`)) inventory.addRange({ id: inventory.newRangeId(), name: `${prefix}.0/24`, description: '' });
    const scope: ScopeRecord = {
      id: inventory.newScopeId(),
      serverId: server.id,
      name: `${prefix}.0/24`,
      description: `${server.name.split('.')[0]} VLAN ${100 + (cidrIndex % 3900)}`,
      superscope: '',
      enabled: true,
      pool: { id: inventory.newAddressBlockId(), from: `${prefix}.10`, to: `${prefix}.250` },
      exclusions: random.next() < 0.3 ? [{ id: inventory.newAddressBlockId(), from: `${prefix}.10`, to: `${prefix}.19` }] : [],
      reservations: random.next() < 0.2
        ? [{ id: inventory.newReservationId(), name: `printer-${cidrIndex}`, clientIdentifier: macFor(cidrIndex), addresses: [`${prefix}.30`], description: 'Printer' }]
        : [],
      options: [{ option: '3', value: `${prefix}.1` }, { option: '6', value: '10.255.0.53,10.255.1.53' }, { option: '15', value: 'corp.example' }],
      activeLeases: random.below(200),
    };
    inventory.addScope(scope);
    return scope;
  };
  const standalone = (server: ServerRecord) => newScope(server, network++);
  const pairedScopes = (rel: RelationshipRecord, count: number) => {
    const primary = inventory.serverById(rel.primaryId);
    const secondary = inventory.serverById(rel.secondaryId);
    for (let i = 0; i < count; i++) {
      const cidrIndex = network++;
      const a = newScope(primary, cidrIndex);
      const b = newScope(secondary, cidrIndex);
      b.activeLeases = a.activeLeases;
      inventory.linkPair(rel, [a.id, b.id]);
    }
    if (count > 0) rel.fsm = normalPair(now);
  };
  const relationship = (name: string, primary: ServerRecord, secondary: ServerRecord, random: Random): RelationshipRecord => {
    const [failoverMode, percentage] = random.pick(SPLITS);
    const rel: RelationshipRecord = {
      id: inventory.newRelationshipId(),
      name,
      primaryId: primary.id,
      secondaryId: secondary.id,
      failoverMode,
      percentage,
      mclt: 3600,
      safePeriod: random.next() < 0.5 ? 0 : 3600,
      enableAuth: random.next() < 0.7,
      scopePairs: [],
      fsm: null,
    };
    inventory.addRelationship(rel);
    return rel;
  };
  const short = (server: ServerRecord) => server.name.split('.')[0];

  // The hub: the biggest server, in 31 relationships, one of them very large.
  const hub = servers[0];
  const bigPairs = Math.floor(size.scopes * 0.024);
  const otherHubPairs = Math.floor(size.scopes * 0.008);
  const hubPartners = servers.slice(1, 32);
  hubPartners.forEach((partner, index) => {
    const rel = relationship(`${short(hub)}-${short(partner)}`, hub, partner, random);
    const others = hubPartners.length - 1;
    const count = index === 0 ? bigPairs : Math.floor((otherHubPairs * index) / others) - Math.floor((otherHubPairs * (index - 1)) / others);
    pairedScopes(rel, count);
  });
  let hubStandalone = Math.floor(size.scopes * 0.01);
  const used = 2 * bigPairs + 2 * otherHubPairs * (hubPartners.length > 1 ? 1 : 0) + hubStandalone;
  const remaining = Math.max(0, size.scopes - used);

  // Every other server in a pair with its neighbour: 1–3 relationships, 80 % of its scopes in failover.
  const pairs = Math.floor((servers.length - 1) / 2);
  if (pairs === 0) hubStandalone += remaining;
  for (let p = 0; p < pairs; p++) {
    const a = servers[1 + 2 * p];
    const b = servers[2 + 2 * p];
    const quota = Math.floor((remaining * (p + 1)) / pairs) - Math.floor((remaining * p) / pairs);
    const failoverPairs = Math.floor(quota * 0.4);
    const relCount = 1 + random.below(3);
    for (let r = 0; r < relCount; r++) {
      const rel = relationship(`${short(a)}-${short(b)}-${r + 1}`, a, b, random);
      pairedScopes(rel, Math.floor((failoverPairs * (r + 1)) / relCount) - Math.floor((failoverPairs * r) / relCount));
    }
    for (let s = 0; s < quota - 2 * failoverPairs; s++) standalone(s % 2 === 0 ? a : b);
  }
  for (let s = 0; s < hubStandalone; s++) standalone(hub);
}

function macFor(index: number): string {
  return ['00', '15', '5d', (index >> 16) & 255, (index >> 8) & 255, index & 255]
    .map((part) => (typeof part === 'number' ? part.toString(16).padStart(2, '0') : part))
    .join('-');
}
