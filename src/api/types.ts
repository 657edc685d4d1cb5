// Wire objects of the Micetro API subset this product uses (REST v1 and the command bridge).
// Field names are exactly Micetro's (reference §2.2, §2.3, §5.3).
import type { DeconfigureAction, FailoverMode } from '../failover/defaults';

export type { DeconfigureAction, FailoverMode };

export const DHCP_SERVER_TYPES = ['MSDHCP', 'ISC', 'IOS', 'KEA DHCPv4', 'Unknown'] as const;
export type DHCPServerType = (typeof DHCP_SERVER_TYPES)[number];
export const DHCP_SERVER_STATES = ['OK', 'Unreachable', 'Out of date', 'Wrong type', 'Updating', 'Service Down', 'Disabled', 'Unknown'] as const;
export type DHCPServerState = (typeof DHCP_SERVER_STATES)[number];

export interface DHCPServer {
  ref: string;
  name: string;
  address: string;
  resolvedAddress?: string;
  type: DHCPServerType;
  state: DHCPServerState;
  enabled: boolean;
  customProperties?: Record<string, string>;
}

export interface DHCPScope {
  ref: string;
  /** A free-text name (`London office`), or the network when the scope has none (`10.1.20.0/24`). */
  name: string;
  /** The scope's IPAM range, as Micetro gives it (`Ranges/17`); the range's name is the scope's network. */
  rangeRef: string;
  dhcpServerRef: string;
  superscope: string;
  description: string;
  /** Free addresses in the scope. */
  available: number;
  enabled: boolean;
  /**
   * Client-side only, never sent to or read from Micetro: the network (its range's name, e.g. `10.1.20.0/24`),
   * filled by the inventory once the range was read; `scopeNetwork` reads it first.
   */
  network?: string;
}

/** An object as Micetro lists it inside another (`Range.dhcpScopes`). */
export interface ObjectSummary {
  ref: string;
  objType?: string;
  name: string;
}

/** An IPAM range (Micetro's `Range`); for a subnet, `name` is its network in CIDR form. */
export interface IPAMRange {
  ref: string;
  name: string;
  from: string;
  to: string;
  subnet?: boolean;
  locked?: boolean;
  autoAssign?: boolean;
  isContainer?: boolean;
  parentRef?: string;
  dhcpScopes?: ObjectSummary[];
  customProperties?: Record<string, string>;
}

/** The body of `POST Ranges` / `AddRange`. */
export interface NewIPAMRange {
  /** The network in CIDR form. */
  name: string;
  subnet?: boolean;
}

export const FAILOVER_SERVER_TYPES = ['PrimaryServer', 'SecondaryServer'] as const;
export type FailoverServerType = (typeof FAILOVER_SERVER_TYPES)[number];

export interface DHCPFailoverRelationship {
  name: string;
  /** Server names as they appear in Micetro. */
  primaryServer: string;
  secondaryServer: string;
  primaryServerRef?: string;
  secondaryServerRef?: string;
  failoverMode: FailoverMode;
  /** The role of `dhcpServerRef` in this relationship. */
  failoverServerType: FailoverServerType;
  /** Maximum client lead time, seconds. */
  mclt: number;
  /** State switchover interval, seconds; 0 = automatic switchover off. */
  safePeriod: number;
  /** Scopes of the relationship, as instances on `dhcpServerRef`. */
  dhcpScopeRefs: string[];
  /** Load balance: the primary's share; hot standby: the reserve for the standby server. */
  percentage: number;
  /** Write-only: Micetro answers with an empty string. */
  sharedSecret?: string;
  /** The server the relationship was read from (its perspective). */
  dhcpServerRef?: string;
  /** Not in the real API: the simulator's Windows failover state of this endpoint, or `Empty`. */
  state?: string;
  /** Not in the real API: the simulator's Windows EnableAuth (message authentication with a shared secret). */
  enableAuth?: boolean;
}

export interface DHCPOption {
  /** Option id, e.g. `3` (router) or `6` (DNS servers). */
  option: string;
  value: string;
}

export interface DHCPReservation {
  ref?: string;
  name: string;
  clientIdentifier: string;
  addresses: string[];
  description?: string;
  /** What the reservation answers (Micetro's DHCPReservationType, e.g. `DHCP`, `BOOTP`, `Both`), when the API gives it. */
  type?: string;
}

/** A first and last address. */
export interface AddressBlock {
  from: string;
  to: string;
}

/** A scope's address pool, its own object (`AddDHCPAddressPool`). */
export interface DHCPAddressPool extends AddressBlock {
  ref: string;
  name?: string;
  dhcpScopeRef: string;
}

/** An exclusion of a scope, its own object (`AddDHCPExclusion`). */
export interface DHCPExclusion extends AddressBlock {
  ref: string;
  name?: string;
  dhcpScopeRef: string;
}

/** The body of `POST DHCPScopes`: only the documented DHCPScope fields; pools and exclusions are added after it. */
export interface NewDHCPScope {
  /** Free text, or the network in CIDR form. */
  name: string;
  dhcpServerRef: string;
  /** The scope's existing IPAM range (`Ranges/17`, or by name `Ranges/10.1.20.0/24`). */
  rangeRef: string;
  description?: string;
  enabled?: boolean;
}

export interface DHCPRefAndFailoverRelationshipName {
  /** The server the relationship is removed through (once Empty, either of its servers). */
  dhcpServerRef: string;
  dhcpFailoverRelationshipName: string;
}

export interface ListOptions {
  filter?: string;
  sortBy?: string;
  sortOrder?: 'Ascending' | 'Descending';
}

/** A whole listing, with each page's items given to `onPage` as it arrives (first page first), for a caller showing them early. */
export interface ListAllOptions<T> extends ListOptions {
  onPage?: (items: T[]) => void;
}

export interface Page<T> {
  items: T[];
  totalResults: number;
}
