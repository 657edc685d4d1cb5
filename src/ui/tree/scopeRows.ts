// The rows of the Scopes view from the per-server lists: a failover scope's two instances become one row.
// No vscode import, so the benchmark can time it in Node.
import type { DHCPScope, DHCPServer } from '../../api/types';
import type { FailoverPair } from '../../failover/failoverPair';
import { nodeId } from './nodes/treeNode';
import { pairName } from './relationshipText';
import { cidrOf, compareNames, sortByNetwork } from './sortKeys';

export const NUMERIC_REF = /^DHCPScopes\/\d+$/;

/** One scope on one server, with the relationship it belongs to. */
export interface ScopeInstance {
  scope: DHCPScope;
  server: DHCPServer;
  relationship?: FailoverPair;
}

export interface ScopeRow {
  id: string;
  /** The primary's instance first for a failover scope. */
  instances: ScopeInstance[];
}

export function buildScopeRows(
  servers: readonly DHCPServer[],
  pairs: readonly FailoverPair[],
  scopesByServer: ReadonlyMap<string, readonly DHCPScope[]>,
): ScopeRow[] {
  const rows = new Map<string, ScopeRow>();
  // Each server's scope refs → their relationship, in one pass over the pairs (not one pass per server).
  const relationshipsOn = new Map<string, Map<string, FailoverPair>>();
  for (const pair of pairs) {
    for (const side of [pair.primary, pair.secondary]) {
      // As sideOn: a pair naming one server on both sides is that server's primary side only.
      if (side === pair.secondary && side.server.ref === pair.primary.server.ref) continue;
      // The first page of the listing holds a few servers' scopes: the others' refs are not needed.
      if (!scopesByServer.has(side.server.ref)) continue;
      let relationshipOf = relationshipsOn.get(side.server.ref);
      if (!relationshipOf) relationshipsOn.set(side.server.ref, (relationshipOf = new Map<string, FailoverPair>()));
      for (const ref of side.scopeRefs) relationshipOf.set(ref, pair);
    }
    pairUnreadSide(pair, scopesByServer, relationshipsOn);
  }
  for (const server of servers) {
    const relationshipOf = relationshipsOn.get(server.ref) ?? new Map<string, FailoverPair>();
    // Micetro may list a relationship's scopes by network (`DHCPScopes/10.0.1.0/24`) rather than by id.
    const byNetwork = [...relationshipOf.keys()].some((ref) => !NUMERIC_REF.test(ref));
    for (const scope of scopesByServer.get(server.ref) ?? []) {
      const byRef = relationshipOf.get(scope.ref);
      // A relationship listing scopes by network needs the scope's network; parse it only where it is needed.
      const network = byRef || byNetwork ? cidrOf(scope) : undefined;
      const relationship = byRef ?? (network === undefined ? undefined : relationshipOf.get(`DHCPScopes/${network}`));
      // A relationship's name is unique only on its servers: two pairs may each have a "site-fo" with 10.0.0.0/24.
      const pairId = relationship && nodeId(undefined, 'relationship', relationship.primary.server.name, relationship.secondary.server.name, relationship.name);
      // The two instances live in the same IPAM range, so its ref pairs them (whatever their names).
      const id = pairId ? nodeId(pairId, 'scope', scope.rangeRef) : nodeId(undefined, 'scope', scope.ref);
      const instance: ScopeInstance = { scope, server, relationship };
      const row = rows.get(id);
      if (!row) rows.set(id, { id, instances: [instance] });
      else if (relationship?.primary.server.ref === server.ref) row.instances.unshift(instance);
      else row.instances.push(instance);
    }
  }
  return sortByNetwork(
    [...rows.values()],
    (row) => row.instances[0].scope,
    (a, b) => compareNames(a.instances[0].server.name, b.instances[0].server.name),
  );
}

/**
 * A side not read (Micetro's listing gave one record per relationship, as its primary sees it) names no scopes: its
 * server's scopes in the IPAM ranges of the other side's scopes are the relationship's, as a failover scope's two
 * instances share a range.
 */
function pairUnreadSide(pair: FailoverPair, scopesByServer: ReadonlyMap<string, readonly DHCPScope[]>, relationshipsOn: Map<string, Map<string, FailoverPair>>): void {
  const [read, unread] = pair.secondary.scopeRefs.length === 0 ? [pair.primary, pair.secondary] : [pair.secondary, pair.primary];
  if (read.scopeRefs.length === 0 || unread.scopeRefs.length > 0 || unread.server.ref === read.server.ref) return;
  const readScopes = scopesByServer.get(read.server.ref);
  const unreadScopes = scopesByServer.get(unread.server.ref);
  if (!readScopes || !unreadScopes) return;
  const refs = new Set(read.scopeRefs);
  const ranges = new Set(readScopes.filter((scope) => refs.has(scope.ref) && scope.rangeRef !== '').map((scope) => scope.rangeRef));
  if (ranges.size === 0) return;
  let relationshipOf = relationshipsOn.get(unread.server.ref);
  if (!relationshipOf) relationshipsOn.set(unread.server.ref, (relationshipOf = new Map<string, FailoverPair>()));
  for (const scope of unreadScopes) if (ranges.has(scope.rangeRef) && !relationshipOf.has(scope.ref)) relationshipOf.set(scope.ref, pair);
}

/** A row's filter text, lower case (the provider keeps it per row, so a filter does not parse 50,000 networks again). */
export function scopeRowSearchText(instances: readonly ScopeInstance[]): string {
  const { scope, server, relationship } = instances[0];
  const authority = relationship ? pairName(relationship) : server.name;
  return [cidrOf(scope), scope.name, scope.description, authority, relationship?.name ?? '', ...instances.map((i) => i.server.name)].join('\n').toLowerCase();
}
