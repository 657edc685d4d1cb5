// The rows of the Scopes view from the per-server lists: a failover scope's two instances become one row.
// No vscode import, so the benchmark can time it in Node.
import type { DHCPFailoverRelationship, DHCPScope, DHCPServer } from '../../api/types';
import { scopeCidr } from '../../failover/scopeRules';
import type { ScopeInstance } from './nodes/scopeRowNode';
import { compareNames, compareScopeNames } from './sortKeys';

export interface ScopeRow {
  id: string;
  /** The primary's instance first for a failover scope. */
  instances: ScopeInstance[];
}

export function buildScopeRows(
  servers: readonly DHCPServer[],
  relationshipsByServer: ReadonlyMap<string, readonly DHCPFailoverRelationship[]>,
  scopesByServer: ReadonlyMap<string, readonly DHCPScope[]>,
): ScopeRow[] {
  const rows = new Map<string, ScopeRow>();
  for (const server of servers) {
    const relationshipOf = new Map<string, DHCPFailoverRelationship>();
    for (const relationship of relationshipsByServer.get(server.ref) ?? []) {
      for (const ref of relationship.dhcpScopeRefs) relationshipOf.set(ref, relationship);
    }
    for (const scope of scopesByServer.get(server.ref) ?? []) {
      // The two instances of a failover scope share a network, not necessarily a ref.
      const network = scopeCidr(scope);
      const relationship = relationshipOf.get(scope.ref) ?? relationshipOf.get(`DHCPScopes/${network}`);
      const id = relationship ? `relationship:${relationship.name}/scope:${network}` : `scope:${scope.ref}`;
      const instance: ScopeInstance = { scope, server, relationship };
      const row = rows.get(id);
      if (!row) rows.set(id, { id, instances: [instance] });
      else if (relationship?.failoverServerType === 'PrimaryServer') row.instances.unshift(instance);
      else row.instances.push(instance);
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      compareScopeNames(scopeCidr(a.instances[0].scope), scopeCidr(b.instances[0].scope)) ||
      compareNames(a.instances[0].server.name, b.instances[0].server.name),
  );
}
