// The Micetro operations the extension uses: what the views, commands and wizard hosts depend on, and what their
// test fakes implement. `MicetroClient` implements it; the reads and writes only tests and the bench need (one
// object by ref, writing scope options and reservations) stay on the class.
import type {
  AddressBlock,
  DeconfigureAction,
  DHCPAddressPool,
  DHCPExclusion,
  DHCPFailoverRelationship,
  DHCPOption,
  DHCPRefAndFailoverRelationshipName,
  DHCPReservation,
  DHCPScope,
  DHCPServer,
  IPAMRange,
  ListAllOptions,
  ListOptions,
  NewDHCPScope,
  NewIPAMRange,
  Page,
} from './types';

/** What `ReplicateDHCPFailover` replicates: `dhcpServerRef` is the source. */
export interface ReplicateFailoverParams {
  dhcpServerRef: string;
  dhcpFailoverRelationshipName?: string;
  dhcpScopeRef?: string;
  saveComment?: string;
}

export interface MicetroApi {
  /** Every server matching the filter, paged until `totalResults` is reached. */
  getDHCPServers(options?: ListOptions): Promise<DHCPServer[]>;
  /** Every scope matching the filter, paged until `totalResults` is reached. */
  getDHCPScopes(options?: ListAllOptions<DHCPScope>): Promise<DHCPScope[]>;
  /** One page of the scopes matching the filter, with how many match in all. */
  getDHCPScopesPage(options: ListOptions & { offset: number; limit: number }): Promise<Page<DHCPScope>>;
  /** Creates one scope instance (as the official Ansible collection does); returns its ref. */
  addDHCPScope(scope: NewDHCPScope, saveComment?: string): Promise<string>;
  /** Removes one scope instance (on one server). */
  removeDHCPScope(ref: string, saveComment?: string): Promise<void>;

  /** One IPAM range by ref or unique name (`Ranges/10.1.20.0/24`); its name is the network of its scopes. */
  getRange(ref: string): Promise<IPAMRange>;
  /** Every range matching the filter, paged. */
  getRanges(options?: ListOptions): Promise<IPAMRange[]>;
  /** One page of the ranges matching the filter, with how many there are in all. */
  getRangesPage(options: ListOptions & { offset: number; limit: number }): Promise<Page<IPAMRange>>;
  /** Creates a range; returns its ref. */
  addRange(range: NewIPAMRange, saveComment?: string): Promise<string>;
  /** Adds a scope's address pool (its own object); returns its ref. */
  addDHCPAddressPool(dhcpScopeRef: string, pool: AddressBlock, saveComment?: string): Promise<string>;
  /** Adds one exclusion to a scope; returns its ref. */
  addDHCPExclusion(dhcpScopeRef: string, exclusion: AddressBlock, saveComment?: string): Promise<string>;
  /** A scope's address pools (at most one on Microsoft DHCP). */
  getDHCPAddressPools(dhcpScopeRef: string): Promise<DHCPAddressPool[]>;
  getDHCPExclusions(dhcpScopeRef: string): Promise<DHCPExclusion[]>;
  /** A scope instance's options (`<scope>/Options`). */
  getScopeOptions(scopeRef: string): Promise<DHCPOption[]>;
  /** A scope instance's reservations (`<scope>/DHCPReservations`). */
  getReservations(scopeRef: string): Promise<DHCPReservation[]>;
  /** Removes any object by its ref (`RemoveObject`). */
  removeObject(ref: string, saveComment?: string): Promise<void>;

  /** The relationships of one server (from its perspective), or of every server. */
  getDHCPFailoverRelationships(dhcpServerRef?: string): Promise<DHCPFailoverRelationship[]>;
  /** One relationship as `dhcpServerRef` sees it: its scope refs are that server's instances. */
  getDHCPFailoverRelationship(dhcpServerRef: string, name: string): Promise<DHCPFailoverRelationship>;
  addDHCPFailoverRelationship(relationship: DHCPFailoverRelationship, saveComment?: string): Promise<void>;
  /** Omit `sharedSecret` to keep the current secret. */
  modifyDHCPFailoverRelationship(relationship: DHCPFailoverRelationship, saveComment?: string): Promise<void>;
  /**
   * Removes relationships from both servers. The documented command has no deconfigure action: remove the scopes
   * first (removeScopesFromFailoverRelationship), so that only an Empty relationship is removed.
   */
  removeDHCPFailoverRelationships(items: DHCPRefAndFailoverRelationshipName[], saveComment?: string): Promise<void>;
  /** One command for any number of scopes. */
  addScopesToFailoverRelationship(dhcpServerRef: string, name: string, scopeRefs: string[], saveComment?: string): Promise<void>;
  removeScopesFromFailoverRelationship(
    dhcpServerRef: string,
    name: string,
    scopeRefs: string[],
    deconfigureAction?: DeconfigureAction,
    saveComment?: string,
  ): Promise<void>;
  /** One scope, one relationship, or (neither given) every failover scope of the source server. */
  replicateFailover(params: ReplicateFailoverParams): Promise<void>;
  /** Any command of the bridge, e.g. the simulator's `Sim*` controls. `Get*` commands count as reads. */
  command<T = unknown>(name: string, params?: Record<string, unknown>): Promise<T>;

  /** Ends the session, if there is one; never fails. */
  logout(): Promise<void>;
}
