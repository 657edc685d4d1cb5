// The demo inventory: four sites with eight Microsoft DHCP servers and one ISC server, 40 scope instances,
// relationships in both modes and several splits, and one of each interesting state: Normal, Empty,
// CommunicationInterrupted (link cut), PartnerDown, a server down, and a pair whose instances drift apart.
// Built through the model's own commands, so it obeys every rule the API enforces.
import type { DHCPServerType } from '../../../api/types';
import type { SimulatorBackend } from '../../backend';
import type { Inventory } from '../inventory';

interface DemoScope {
  server: string;
  network: string;
  description: string;
  /** Exclusions as last-octet ranges inside the pool (.20–.240). */
  exclude?: Array<[number, number]>;
  reserve?: Array<{ name: string; host: number; mac: string }>;
  leases: number;
}

const DOMAIN = 'corp.example';
const host = (short: string) => `${short}.${DOMAIN}`;

const SERVERS: Array<[string, string, DHCPServerType]> = [
  ['dhcp-rvk-01', '10.10.0.11', 'MSDHCP'],
  ['dhcp-rvk-02', '10.10.0.12', 'MSDHCP'],
  ['dhcp-lon-01', '10.20.0.11', 'MSDHCP'],
  ['dhcp-lon-02', '10.20.0.12', 'MSDHCP'],
  ['dhcp-sin-01', '10.30.0.11', 'MSDHCP'],
  ['dhcp-sin-02', '10.30.0.12', 'MSDHCP'],
  ['dhcp-nyc-01', '10.40.0.11', 'MSDHCP'],
  ['dhcp-nyc-02', '10.40.0.12', 'MSDHCP'],
  ['isc-fra-01', '10.50.0.11', 'ISC'],
];

const printer = (name: string, hostNumber: number, mac: string) => ({ name, host: hostNumber, mac });

/** Scopes on the server they start on; the relationships below copy most of them to a partner. */
const SCOPES: DemoScope[] = [
  { server: 'dhcp-rvk-01', network: '10.10.10.0/24', description: 'Reykjavik office, floor 1', exclude: [[20, 29]], reserve: [printer('rvk-print-f1', 40, '00-15-5d-0a-0a-14')], leases: 142 },
  { server: 'dhcp-rvk-01', network: '10.10.11.0/24', description: 'Reykjavik office, floor 2', exclude: [[20, 24]], leases: 97 },
  { server: 'dhcp-rvk-01', network: '10.10.20.0/24', description: 'Reykjavik guest Wi-Fi', leases: 201 },
  { server: 'dhcp-rvk-01', network: '10.10.30.0/24', description: 'Reykjavik VoIP phones', reserve: [printer('rvk-pbx', 25, '00-15-5d-0a-1e-0a')], leases: 64 },
  { server: 'dhcp-rvk-01', network: '10.10.31.0/24', description: 'Reykjavik cameras', leases: 18 },
  { server: 'dhcp-rvk-01', network: '10.10.40.0/24', description: 'Reykjavik printers', reserve: [printer('rvk-print-a', 21, '00-15-5d-0a-28-15'), printer('rvk-print-b', 22, '00-15-5d-0a-28-16')], leases: 12 },
  { server: 'dhcp-rvk-01', network: '10.10.50.0/24', description: 'Reykjavik lab', leases: 33 },
  { server: 'dhcp-rvk-01', network: '10.10.99.0/24', description: 'Reykjavik management (no failover)', leases: 8 },
  { server: 'dhcp-rvk-02', network: '10.10.98.0/24', description: 'Reykjavik build agents (no failover)', leases: 21 },
  { server: 'dhcp-lon-02', network: '10.20.10.0/24', description: 'London office, floor 3', exclude: [[20, 29]], reserve: [printer('lon-print-3', 30, '00-15-5d-14-0a-1e')], leases: 180 },
  { server: 'dhcp-lon-02', network: '10.20.11.0/24', description: 'London office, floor 4', exclude: [[20, 29]], leases: 122 },
  { server: 'dhcp-lon-02', network: '10.20.20.0/24', description: 'London guest Wi-Fi', leases: 230 },
  { server: 'dhcp-lon-02', network: '10.20.98.0/24', description: 'London test bench (no failover)', leases: 4 },
  { server: 'dhcp-lon-01', network: '10.20.30.0/24', description: 'London meeting rooms (not in failover yet)', leases: 40 },
  { server: 'dhcp-lon-01', network: '10.20.99.0/24', description: 'London management (no failover)', leases: 6 },
  { server: 'dhcp-sin-01', network: '10.30.10.0/24', description: 'Singapore office', exclude: [[20, 29], [230, 240]], leases: 155 },
  { server: 'dhcp-sin-01', network: '10.30.11.0/24', description: 'Singapore warehouse', leases: 61 },
  { server: 'dhcp-sin-01', network: '10.30.20.0/24', description: 'Singapore guest Wi-Fi', leases: 88 },
  { server: 'dhcp-sin-02', network: '10.30.99.0/24', description: 'Singapore management (no failover)', leases: 5 },
  { server: 'dhcp-nyc-01', network: '10.40.10.0/24', description: 'New York trading floor', exclude: [[20, 49]], leases: 190 },
  { server: 'dhcp-nyc-01', network: '10.40.20.0/24', description: 'New York office', leases: 140 },
  { server: 'dhcp-nyc-01', network: '10.40.30.0/24', description: 'New York lab (no failover)', leases: 12 },
  { server: 'dhcp-nyc-01', network: '10.40.31.0/24', description: 'New York kiosks (no failover)', leases: 9 },
];

/** Scopes of the ISC server, created directly: Micetro manages them, but the Microsoft failover rules do not apply. */
const ISC_SCOPES = ['10.50.10.0/24', '10.50.11.0/24'];

/** IPAM ranges with no scope yet: what Create Scope offers to pick from. */
const FREE_RANGES = ['10.20.40.0/24'];

interface DemoRelationship {
  name: string;
  primary: string;
  secondary: string;
  failoverMode: 'LoadBalance' | 'HotStandby';
  percentage: number;
  safePeriod: number;
  sharedSecret: string;
  scopes: string[];
}

const RELATIONSHIPS: DemoRelationship[] = [
  { name: 'rvk-lon-office', primary: 'dhcp-rvk-01', secondary: 'dhcp-lon-01', failoverMode: 'LoadBalance', percentage: 50, safePeriod: 3600, sharedSecret: 'demo-secret-1', scopes: ['10.10.10.0/24', '10.10.11.0/24', '10.10.20.0/24', '10.10.30.0/24', '10.10.31.0/24'] },
  { name: 'lon-sin-70-30', primary: 'dhcp-lon-02', secondary: 'dhcp-sin-01', failoverMode: 'LoadBalance', percentage: 70, safePeriod: 0, sharedSecret: 'demo-secret-2', scopes: ['10.20.10.0/24', '10.20.11.0/24', '10.20.20.0/24'] },
  { name: 'sin-standby', primary: 'dhcp-sin-01', secondary: 'dhcp-sin-02', failoverMode: 'HotStandby', percentage: 5, safePeriod: 0, sharedSecret: '', scopes: ['10.30.10.0/24', '10.30.11.0/24', '10.30.20.0/24'] },
  { name: 'nyc-standby-10', primary: 'dhcp-nyc-01', secondary: 'dhcp-nyc-02', failoverMode: 'HotStandby', percentage: 10, safePeriod: 0, sharedSecret: 'demo-secret-3', scopes: ['10.40.10.0/24', '10.40.20.0/24'] },
  { name: 'rvk-local', primary: 'dhcp-rvk-01', secondary: 'dhcp-rvk-02', failoverMode: 'LoadBalance', percentage: 50, safePeriod: 7200, sharedSecret: '', scopes: ['10.10.40.0/24', '10.10.50.0/24'] },
  { name: 'lon-sin-standby', primary: 'dhcp-lon-01', secondary: 'dhcp-sin-02', failoverMode: 'HotStandby', percentage: 5, safePeriod: 0, sharedSecret: '', scopes: [] },
];

const OPTIONS = (gateway: string) => [
  { option: '3', value: gateway },
  { option: '6', value: '10.0.0.53,10.0.1.53' },
  { option: '15', value: DOMAIN },
  { option: '51', value: '28800' },
];

/** Fills `inventory`, empty, through `backend`, the model that holds it (its commands enforce the rules). */
export function buildDemo(backend: SimulatorBackend, inventory: Inventory): void {
  for (const [name, address, type] of SERVERS) {
    inventory.addServer({ id: inventory.newServerId(), name: host(name), address, type, state: 'OK', enabled: true });
  }
  const refOf = (short: string) => `DHCPServers/${host(short)}`;
  const idOf = (short: string) => inventory.server(refOf(short)).id;

  // Every scope lives in an IPAM range of its network, with its pool and exclusions added as their own objects.
  const rangeRefs = new Map<string, string>();
  for (const network of [...SCOPES.map((scope) => scope.network), ...ISC_SCOPES, ...FREE_RANGES]) {
    rangeRefs.set(network, (backend.execute('AddRange', { range: { name: network, subnet: true } }) as { ref: string }).ref);
  }
  for (const scope of SCOPES) {
    const prefix = scope.network.slice(0, scope.network.lastIndexOf('.'));
    const ref = backend.createScope({
      name: scope.network,
      rangeRef: rangeRefs.get(scope.network),
      dhcpServerRef: refOf(scope.server),
      description: scope.description,
    });
    backend.execute('AddDHCPAddressPool', { dhcpAddressPool: { from: `${prefix}.20`, to: `${prefix}.240`, dhcpScopeRef: ref } });
    for (const [from, to] of scope.exclude ?? []) {
      backend.execute('AddDHCPExclusion', { dhcpExclusion: { from: `${prefix}.${from}`, to: `${prefix}.${to}`, dhcpScopeRef: ref } });
    }
    backend.setScopeOptions(ref, OPTIONS(`${prefix}.1`));
    for (const r of scope.reserve ?? []) {
      backend.addReservation(ref, { name: r.name, clientIdentifier: r.mac, addresses: [`${prefix}.${r.host}`], description: 'Reserved in the demo' });
    }
    backend.execute('SimSetLeases', { dhcpScopeRef: ref, activeLeases: scope.leases });
  }
  for (const network of ISC_SCOPES) {
    const prefix = network.slice(0, network.lastIndexOf('.'));
    inventory.addScope({
      id: inventory.newScopeId(), serverId: idOf('isc-fra-01'), name: network, description: 'Frankfurt (ISC dhcpd)', superscope: '',
      enabled: true, pool: { id: inventory.newAddressBlockId(), from: `${prefix}.20`, to: `${prefix}.240` },
      exclusions: [{ id: inventory.newAddressBlockId(), from: `${prefix}.20`, to: `${prefix}.29` }], reservations: [], options: OPTIONS(`${prefix}.1`), activeLeases: 30,
    });
  }

  for (const rel of RELATIONSHIPS) {
    backend.execute('AddDHCPFailoverRelationship', {
      dhcpFailoverRelationship: {
        name: rel.name, primaryServer: host(rel.primary), secondaryServer: host(rel.secondary), failoverMode: rel.failoverMode,
        failoverServerType: 'PrimaryServer', percentage: rel.percentage, mclt: 3600, safePeriod: rel.safePeriod,
        sharedSecret: rel.sharedSecret, dhcpScopeRefs: rel.scopes.map((cidr) => `DHCPScopes/${cidr}`), dhcpServerRef: refOf(rel.primary),
      },
    });
  }
  // New relationships walk Startup → Recover → RecoverWait → RecoverDone → Normal.
  backend.execute('SimAdvanceClock', { seconds: 60 });

  // Drift: the London floor 3 scope was edited on one partner only (a reservation on lon-02, an option on sin-01).
  const drifted = inventory.scopeOnServer(idOf('dhcp-lon-02'), '10.20.10.0/24');
  const partnerCopy = inventory.scopeOnServer(idOf('dhcp-sin-01'), '10.20.10.0/24');
  if (drifted && partnerCopy) {
    backend.addReservation(`DHCPScopes/${drifted.id}`, { name: 'lon-badge-reader', clientIdentifier: '00-15-5d-14-0a-28', addresses: ['10.20.10.40'], description: 'Added on lon-02 only' });
    backend.setScopeOptions(`DHCPScopes/${partnerCopy.id}`, [...OPTIONS('10.20.10.1').filter((o) => o.option !== '6'), { option: '6', value: '10.30.0.53' }]);
  }

  // CommunicationInterrupted: the Singapore pair lost its link.
  backend.execute('SimCutLink', { dhcpServerRef: refOf('dhcp-sin-01'), dhcpFailoverRelationshipName: 'sin-standby' });
  // PartnerDown: nyc-02 stopped and nyc-01 was told its partner is down.
  backend.execute('SimStopDHCPServer', { dhcpServerRef: refOf('dhcp-nyc-02') });
  backend.execute('SimSetPartnerDown', { dhcpServerRef: refOf('dhcp-nyc-01'), dhcpFailoverRelationshipName: 'nyc-standby-10' });
  // A server down: rvk-02 stopped; rvk-01 is CommunicationInterrupted and goes PartnerDown after 2 hours.
  backend.execute('SimStopDHCPServer', { dhcpServerRef: refOf('dhcp-rvk-02') });
}
