// What the simulated Micetro holds, exactly as the data file stores it (plain JSON, no secrets).
import type { DHCPOption, DHCPServerState, DHCPServerType } from '../../api/types';
import type { AddressRange, FailoverMode } from '../../failover';
import type { ClockJSON } from './simulatedClock';
import type { FailoverPair } from './failoverStateMachine';

export interface ServerRecord {
  id: number;
  name: string;
  address: string;
  type: DHCPServerType;
  state: DHCPServerState;
  enabled: boolean;
}

export interface ReservationRecord {
  id: number;
  name: string;
  clientIdentifier: string;
  addresses: string[];
  description: string;
}

/** An IPAM range (a subnet): every scope lives in the range of its network; failover partners share it. */
export interface RangeRecord {
  id: number;
  /** Canonical CIDR, e.g. `10.1.20.0/24`: the range's unique name. */
  name: string;
  description: string;
}

/** An address pool or an exclusion of one scope instance: its own object, with its own ref. */
export interface AddressBlockRecord extends AddressRange {
  id: number;
}

/** One scope instance on one server; failover partners each hold their own instance of the same CIDR. */
export interface ScopeRecord {
  id: number;
  serverId: number;
  /** Canonical CIDR, e.g. `10.1.20.0/24`: the scope's identity (refs, overlaps, failover pairs). */
  name: string;
  /** The free-text name the API shows instead of the CIDR (e.g. `London office`); absent = named by the CIDR. */
  title?: string;
  description: string;
  superscope: string;
  enabled: boolean;
  /** The address pool; null until one is added (a Microsoft scope has at most one). */
  pool: AddressBlockRecord | null;
  exclusions: AddressBlockRecord[];
  reservations: ReservationRecord[];
  options: DHCPOption[];
  /** Leases the server has handed out; the failover protocol syncs them, replication never copies them. */
  activeLeases: number;
}

export interface RelationshipRecord {
  id: number;
  name: string;
  primaryId: number;
  secondaryId: number;
  failoverMode: FailoverMode;
  percentage: number;
  mclt: number;
  safePeriod: number;
  /** Message authentication (Windows EnableAuth): a shared secret is set. The secret itself is never kept. */
  enableAuth: boolean;
  /** [primary instance id, secondary instance id] per scope. */
  scopePairs: Array<[number, number]>;
  /** The endpoints on the servers; null while the relationship is Empty (held only in Micetro). */
  fsm: FailoverPair | null;
}

export interface NextIds {
  server: number;
  scope: number;
  reservation: number;
  relationship: number;
  range: number;
  /** Pools and exclusions. */
  addressBlock: number;
}

export const DATA_FILE_FORMAT = 'micetro-dhcp-failover-simulator';
/** 2: ranges, and pools and exclusions with ids. Version 1 files are migrated when read. */
export const DATA_FILE_VERSION = 2;

export interface DataFile {
  format: typeof DATA_FILE_FORMAT;
  version: typeof DATA_FILE_VERSION;
  clock: ClockJSON;
  nextIds: NextIds;
  servers: ServerRecord[];
  ranges: RangeRecord[];
  scopes: ScopeRecord[];
  relationships: RelationshipRecord[];
}
