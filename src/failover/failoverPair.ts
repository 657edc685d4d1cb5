// A failover relationship as one object with two sides, built from whatever listing shape Micetro returns: a record
// per server (each "as that server sees it"), one record per relationship with no dhcpServerRef, only one side
// readable, or 8.1 records that name the servers only by name. Views and commands use the pair, never the record.
import type { DHCPFailoverRelationship, DHCPServer, FailoverMode } from '../api/types';

export interface FailoverSide {
  server: DHCPServer;
  /** This endpoint's failover state, when Micetro reports one. */
  state?: string;
  /** The relationship's scopes as instances on this server; empty when this side was not read. */
  scopeRefs: string[];
}

export interface FailoverPair {
  name: string;
  mode: FailoverMode;
  /** Load balance: the primary's share; hot standby: the reserve for the standby server. */
  percentage: number;
  mclt: number;
  safePeriod: number;
  enableAuth?: boolean;
  primary: FailoverSide;
  secondary: FailoverSide;
}

/** A relationship is known by its name and its two servers' names: a name is unique only on its own servers. */
export function pairKey(record: DHCPFailoverRelationship): string {
  return JSON.stringify([record.name, record.primaryServer, record.secondaryServer]);
}

/** The server a record names, by ref when it gives one, else by name; a stand-in when Micetro does not list it. */
function resolveServer(servers: readonly DHCPServer[], ref: string | undefined, name: string): DHCPServer {
  const byRef = ref === undefined ? undefined : servers.find((server) => server.ref === ref);
  const lower = name.toLowerCase();
  const byName = byRef ?? servers.find((server) => server.name === name) ?? servers.find((server) => server.name.toLowerCase() === lower);
  // Not listed (no access, another address space): shown by name, of unknown type, so no write is offered on it.
  return byName ?? { ref: ref ?? `unlisted:${name}`, name, address: '', type: 'Unknown', state: 'Unknown', enabled: false };
}

/** Which side a record was read from: its dhcpServerRef when given, else the role it states. */
function readFrom(record: DHCPFailoverRelationship, pair: FailoverPair): 'primary' | 'secondary' {
  if (record.dhcpServerRef === pair.primary.server.ref) return 'primary';
  if (record.dhcpServerRef === pair.secondary.server.ref) return 'secondary';
  return record.failoverServerType === 'PrimaryServer' ? 'primary' : 'secondary';
}

/** Every relationship the records describe, once, with each side filled from the record read on that side. */
export function buildFailoverPairs(records: readonly DHCPFailoverRelationship[], servers: readonly DHCPServer[]): FailoverPair[] {
  const pairs = new Map<string, FailoverPair>();
  for (const record of records) {
    const key = pairKey(record);
    let pair = pairs.get(key);
    const asPrimary = record.failoverServerType === 'PrimaryServer' ? record.dhcpServerRef : undefined;
    const asSecondary = record.failoverServerType === 'SecondaryServer' ? record.dhcpServerRef : undefined;
    if (!pair) {
      pair = {
        name: record.name,
        mode: record.failoverMode,
        percentage: record.percentage,
        mclt: record.mclt,
        safePeriod: record.safePeriod,
        primary: { server: resolveServer(servers, record.primaryServerRef ?? asPrimary, record.primaryServer), scopeRefs: [] },
        secondary: { server: resolveServer(servers, record.secondaryServerRef ?? asSecondary, record.secondaryServer), scopeRefs: [] },
      };
      pairs.set(key, pair);
    }
    const role = readFrom(record, pair);
    const side = pair[role];
    side.scopeRefs = [...record.dhcpScopeRefs];
    if (record.state !== undefined) side.state = record.state;
    // The parameters are the relationship's; the primary's record wins when both were read.
    if (role === 'primary') Object.assign(pair, { mode: record.failoverMode, percentage: record.percentage, mclt: record.mclt, safePeriod: record.safePeriod });
    if (record.enableAuth !== undefined && (role === 'primary' || pair.enableAuth === undefined)) pair.enableAuth = record.enableAuth;
  }
  return [...pairs.values()];
}

/** The side on `serverRef`, if the server takes part in the pair. */
export function sideOn(pair: FailoverPair, serverRef: string): FailoverSide | undefined {
  if (pair.primary.server.ref === serverRef) return pair.primary;
  if (pair.secondary.server.ref === serverRef) return pair.secondary;
  return undefined;
}

export function otherSide(pair: FailoverPair, side: FailoverSide): FailoverSide {
  return side === pair.primary ? pair.secondary : pair.primary;
}

/** How many scopes the relationship covers, from whichever side was read (both hold one instance of each). */
export function pairScopeCount(pair: FailoverPair): number {
  return Math.max(pair.primary.scopeRefs.length, pair.secondary.scopeRefs.length);
}

/** Both servers' refs, primary first. */
export function pairServerRefs(pair: FailoverPair): string[] {
  return [pair.primary.server.ref, pair.secondary.server.ref];
}

/**
 * Why the extension does not change this relationship, or undefined when it may: its writes are Microsoft failover
 * commands, and Micetro cannot modify Kea relationships at all.
 */
export function readOnlyReason(pair: FailoverPair): string | undefined {
  const others = [pair.primary.server, pair.secondary.server].filter((server) => server.type !== 'MSDHCP');
  if (others.length === 0) return undefined;
  const names = others.map((server) => `${server.name} (${server.type})`).join(' and ');
  return `Read-only: ${names} ${others.length === 1 ? 'is not a Microsoft DHCP server' : 'are not Microsoft DHCP servers'}; this extension changes only Microsoft–Microsoft failover relationships.`;
}
