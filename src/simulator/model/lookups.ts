// How commands find the server, relationship and scope instance their parameters name, with Windows' errors
// when there is none (or, for a name without a server, more than one).
import { parseNetwork } from '../../failover';
import type { ModelContext } from './modelContext';
import { optionalString, requireString, type Params } from './params';
import type { RelationshipRecord, ScopeRecord, ServerRecord } from './records';
import { parseRef } from './refs';
import { invalidParameter, relationshipNotFound, windowsError } from './windowsErrors';

export const SERVER_REF = 'a DHCP server ref such as DHCPServers/1';
export const RELATIONSHIP_NAME = 'the failover relationship name';
export const SCOPE_REF = 'a scope ref such as DHCPScopes/12';

/** The server `dhcpServerRef` names (a ref, `DHCPServers/<name>` or a bare name). */
export function serverParam(ctx: ModelContext, params: Params): ServerRecord {
  return ctx.inventory.server(requireString(params, 'dhcpServerRef', SERVER_REF));
}

/** The relationship `name` on `server`. */
export function relationshipOn(ctx: ModelContext, server: ServerRecord, name: string): RelationshipRecord {
  const rel = ctx.inventory.findRelationship(server.id, name);
  if (!rel) throw relationshipNotFound(name, server.name);
  return rel;
}

/** The relationship `dhcpFailoverRelationshipName` on the server `dhcpServerRef`, as one server sees it. */
export function relationshipParam(ctx: ModelContext, params: Params): { server: ServerRecord; rel: RelationshipRecord } {
  const server = serverParam(ctx, params);
  return { server, rel: relationshipOn(ctx, server, requireString(params, 'dhcpFailoverRelationshipName', RELATIONSHIP_NAME)) };
}

/**
 * The relationship `name` on the server `serverText` names; without a server, the one relationship of that
 * name anywhere (names are unique per server, not across them). `toSayWhich` is the parameter that picks one.
 */
export function relationshipNamed(
  ctx: ModelContext,
  name: string,
  serverText: string | undefined,
  toSayWhich: string,
): { rel: RelationshipRecord; server: ServerRecord | undefined } {
  if (serverText) {
    const server = ctx.inventory.server(serverText);
    return { rel: relationshipOn(ctx, server, name), server };
  }
  const wanted = name.toLowerCase();
  const named = [...ctx.inventory.relationships.values()].filter((rel) => rel.name.toLowerCase() === wanted);
  if (named.length > 1) throw invalidParameter(`Several relationships are named "${name}"; give ${toSayWhich} to say which.`);
  if (named.length === 0) throw relationshipNotFound(name, 'any DHCP server');
  return { rel: named[0], server: undefined };
}

/** A scope instance named for `server`: by ref, CIDR ref or bare CIDR; ERROR_DHCP_SUBNET_NOT_PRESENT when elsewhere. */
export function scopeOnServer(ctx: ModelContext, ref: string, server: ServerRecord): ScopeRecord {
  const parsed = parseRef(ref.trim(), 'DHCPScopes');
  if (parsed.name !== undefined) {
    const cidr = parseNetwork(parsed.name)?.cidr ?? parsed.name;
    const scope = ctx.inventory.scopeOnServer(server.id, cidr);
    if (!scope) throw windowsError('ERROR_DHCP_SUBNET_NOT_PRESENT', `Scope ${cidr} does not exist on ${server.name}.`);
    return scope;
  }
  const scope = ctx.inventory.scope(ref);
  if (scope.serverId !== server.id) {
    const holder = ctx.inventory.serverById(scope.serverId);
    throw windowsError('ERROR_DHCP_SUBNET_NOT_PRESENT', `Scope ${scope.name} (${ref}) is on ${holder.name}, not on ${server.name}.`);
  }
  return scope;
}

/** The instances `refs` name on `server`, each once however many ways it is named. */
export function scopesOnServer(ctx: ModelContext, refs: readonly string[], server: ServerRecord): ScopeRecord[] {
  const byId = new Map<number, ScopeRecord>();
  for (const ref of refs) {
    const scope = scopeOnServer(ctx, ref, server);
    byId.set(scope.id, scope);
  }
  return [...byId.values()];
}

/** The scope `dhcpScopeRef` names; with `dhcpServerRef`, its instance on that server (a CIDR names one per server). */
export function scopeParam(ctx: ModelContext, params: Params): ScopeRecord {
  const ref = requireString(params, 'dhcpScopeRef', SCOPE_REF);
  const serverText = optionalString(params, 'dhcpServerRef', SERVER_REF);
  return serverText ? scopeOnServer(ctx, ref, ctx.inventory.server(serverText)) : ctx.inventory.scope(ref);
}
