// Builds the relationship wizard's setup from what Micetro returns: who can be the partner (Microsoft DHCP servers
// other than the primary, with their relationship counts; servers at the limit listed but not selectable) and the
// names each server already uses.
import type { DHCPFailoverRelationship, DHCPServer } from '../api/types';
import { MAX_RELATIONSHIPS_PER_SERVER } from '../failover';
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

/**
 * The relationship as its primary reports it. Micetro lists a relationship once per server; read from the secondary,
 * its scope refs are the secondary's instances, so the primary's record is preferred when it was loaded.
 */
function fromPrimary(existing: DHCPFailoverRelationship, relationships: readonly DHCPFailoverRelationship[]): DHCPFailoverRelationship {
  if (existing.failoverServerType === 'PrimaryServer') return existing;
  return (
    relationships.find(
      (other) => other.name === existing.name && other.failoverServerType === 'PrimaryServer' && other.primaryServer === existing.primaryServer,
    ) ?? existing
  );
}

/** The primary's ref: the record's own server when read from the primary, else the primary's ref it names. */
function primaryRefOf(relationship: DHCPFailoverRelationship): string | undefined {
  return relationship.failoverServerType === 'PrimaryServer' ? (relationship.dhcpServerRef ?? relationship.primaryServerRef) : relationship.primaryServerRef;
}

export function relationshipWizardSetup(
  primary: DHCPServer,
  servers: readonly DHCPServer[],
  relationships: readonly DHCPFailoverRelationship[],
  existing?: DHCPFailoverRelationship,
): RelationshipWizardSetup {
  const relationshipNames = relationshipNamesByServer(relationships);
  if (!existing) {
    return { kind: 'add', primary: { ref: primary.ref, name: primary.name }, relationshipNames, partners: partnerChoices(primary, servers, relationshipNames) };
  }
  // Edit: the primary and the partner are the relationship's own, whichever server the record was read from.
  const record = fromPrimary(existing, relationships);
  return {
    kind: 'edit',
    primary: { ref: primaryRefOf(record) ?? primary.ref, name: record.primaryServer },
    relationshipNames,
    partners: [],
    existing: {
      name: record.name,
      secondaryServer: record.secondaryServer,
      failoverMode: record.failoverMode,
      percentage: record.percentage,
      mclt: record.mclt,
      safePeriod: record.safePeriod,
      enableAuth: record.enableAuth,
      // Read from the secondary, the refs are its own instances; Modify on the primary needs the primary's.
      dhcpScopeRefs: record.failoverServerType === 'PrimaryServer' ? [...record.dhcpScopeRefs] : [],
    },
  };
}
