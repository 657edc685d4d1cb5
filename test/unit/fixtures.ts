// Wire objects for unit tests, one builder per kind: each fills every required field with a plain default and takes
// overrides for what a test is about, so a test states only what matters to it.
import type { DHCPFailoverRelationship, DHCPScope, DHCPServer } from '../../src/api/types';

/** A running Microsoft DHCP server `DHCPServers/<n>` named `dhcp-<n>` at 10.0.0.<n>. */
export function server(n: number, overrides: Partial<DHCPServer> = {}): DHCPServer {
  return { ref: `DHCPServers/${n}`, name: `dhcp-${n}`, address: `10.0.0.${n}`, type: 'MSDHCP', state: 'OK', enabled: true, ...overrides };
}

/** An enabled scope named after its network (`ref` and `rangeRef` follow the name) on `DHCPServers/1`. */
export function scope(name: string, overrides: Partial<DHCPScope> = {}): DHCPScope {
  return {
    ref: `DHCPScopes/${name}`,
    name,
    rangeRef: `Ranges/${name}`,
    dhcpServerRef: 'DHCPServers/1',
    superscope: '',
    description: '',
    available: 200,
    enabled: true,
    ...overrides,
  };
}

/**
 * A load balance 50 % relationship with the default MCLT and no switchover, read from its primary, with no scopes, as
 * Micetro reads it back (the write-only shared secret answers empty).
 */
export function relationship(name: string, primaryServer: string, secondaryServer: string, overrides: Partial<DHCPFailoverRelationship> = {}): DHCPFailoverRelationship {
  return {
    name,
    primaryServer,
    secondaryServer,
    failoverMode: 'LoadBalance',
    failoverServerType: 'PrimaryServer',
    mclt: 3600,
    safePeriod: 0,
    dhcpScopeRefs: [],
    percentage: 50,
    sharedSecret: '',
    ...overrides,
  };
}
