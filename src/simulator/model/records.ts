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
  pool: AddressRange;
  exclusions: AddressRange[];
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
}

export const DATA_FILE_FORMAT = 'micetro-dhcp-failover-simulator';
export const DATA_FILE_VERSION = 1;

export interface DataFile {
  format: typeof DATA_FILE_FORMAT;
  version: typeof DATA_FILE_VERSION;
  clock: ClockJSON;
  nextIds: NextIds;
  servers: ServerRecord[];
  scopes: ScopeRecord[];
  relationships: RelationshipRecord[];
}
