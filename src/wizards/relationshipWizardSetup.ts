// Builds the relationship wizard's setup from what Micetro returns: who can be the partner (Microsoft DHCP servers
// other than the primary, with their relationship counts; servers at the limit listed but not selectable) and the
// names each server already uses.
import type { DHCPFailoverRelationship, DHCPServer } from '../api/types';
import { MAX_RELATIONSHIPS_PER_SERVER, type FailoverPair } from '../failover';
import type { PartnerChoice, RelationshipWizardSetup } from './relationshipWizard';

/** Server name → names of the relationships it takes part in (each relationship once, from any perspective). */
export function relationshipNamesByServer(relationships: readonly DHCPFailoverRelationship[]): Record<string, string[]> {
  const names = new Map<string, Set<string>>();
  for (const relationship of relationships) {
    for (const server of [relationship.primaryServer, relationship.secondaryServer]) {
      if (!names.has(server)) names.set(server, new Set());
      names.get(server)?.add(relationship.name);
    }
  }
  return Object.fromEntries([...names].map(([server, set]) => [server, [...set].sort()]));
}

export function partnerChoices(primary: DHCPServer, servers: readonly DHCPServer[], namesByServer: Record<string, string[]>): PartnerChoice[] {
  return servers
    .filter((server) => server.type === 'MSDHCP' && server.ref !== primary.ref)
    .map((server): PartnerChoice => {
      const relationshipCount = namesByServer[server.name]?.length ?? 0;
      // A server that is down can still be named (Micetro keeps the relationship Empty), but no scope can join yet.
      const warning = server.state === 'OK' ? undefined : `${server.state}: scopes can be added only once it runs again`;
      return {
        ref: server.ref,
        name: server.name,
        relationshipCount,
        ...(relationshipCount >= MAX_RELATIONSHIPS_PER_SERVER
          ? { disabledReason: `Already has ${MAX_RELATIONSHIPS_PER_SERVER} failover relationships, the most a server can have.` }
          : {}),
        ...(warning ? { warning } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function relationshipWizardSetup(
  primary: DHCPServer,
  servers: readonly DHCPServer[],
  relationships: readonly DHCPFailoverRelationship[],
  existing?: FailoverPair,
): RelationshipWizardSetup {
  const relationshipNames = relationshipNamesByServer(relationships);
  if (!existing) {
    return { kind: 'add', primary: { ref: primary.ref, name: primary.name }, relationshipNames, partners: partnerChoices(primary, servers, relationshipNames) };
  }
  // Edit: the primary and the partner are the relationship's own. Its scope refs are read fresh just before Modify.
  return {
    kind: 'edit',
    primary: { ref: existing.primary.server.ref, name: existing.primary.server.name },
    relationshipNames,
    partners: [],
    existing: {
      name: existing.name,
      secondaryServer: existing.secondary.server.name,
      failoverMode: existing.mode,
      percentage: existing.percentage,
      mclt: existing.mclt,
      safePeriod: existing.safePeriod,
      enableAuth: existing.enableAuth,
    },
  };
}
