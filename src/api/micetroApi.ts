// The Micetro operations the extension uses: what the views, commands and wizard hosts depend on, and what their
// test fakes implement. `MicetroClient` implements it; the reads and writes only tests and the bench need (one
// object by ref, scope options, reservations) stay on the class.
import type {
  DeconfigureAction,
  DHCPFailoverRelationship,
  DHCPRefAndFailoverRelationshipName,
  DHCPScope,
  DHCPServer,
  ListOptions,
  NewDHCPScope,
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
  getDHCPScopes(options?: ListOptions): Promise<DHCPScope[]>;
  /** Creates one scope instance (as the official Ansible collection does); returns its ref. */
  addDHCPScope(scope: NewDHCPScope, saveComment?: string): Promise<string>;
  /** Removes one scope instance (on one server). */
  removeDHCPScope(ref: string, saveComment?: string): Promise<void>;

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
