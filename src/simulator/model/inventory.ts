// The records of the simulated Micetro and the indexes that keep every call fast at 500 servers and
// 50,000 scope instances: scopes by id, by server (and CIDR on it), by CIDR; ranges by id and CIDR;
// relationships by server and scope.
import { ipv4ToNumber, parseNetwork } from '../../failover';
import type { NextIds, RangeRecord, RelationshipRecord, ScopeRecord, ServerRecord } from './records';
import { parseRef, scopeRef } from './refs';
import { invalidParameter, objectNotFound } from './windowsErrors';

export class Inventory {
  readonly servers = new Map<number, ServerRecord>();
  readonly scopes = new Map<number, ScopeRecord>();
  readonly relationships = new Map<number, RelationshipRecord>();
  readonly ranges = new Map<number, RangeRecord>();
  private readonly rangeByCidr = new Map<string, number>();
  private readonly serverByName = new Map<string, number>();
  /** serverId → CIDR → scope id, in creation order. */
  private readonly scopesByServer = new Map<number, Map<string, number>>();
  private readonly scopesByCidr = new Map<string, number[]>();
  private readonly relationshipsByServer = new Map<number, Set<number>>();
  private readonly relationshipByScope = new Map<number, number>();

  constructor(readonly nextIds: NextIds = { server: 1, scope: 1, reservation: 1, relationship: 1, range: 1, addressBlock: 1 }) {}

  // ---- servers

  addServer(server: ServerRecord): void {
    this.servers.set(server.id, server);
    this.serverByName.set(server.name.toLowerCase(), server.id);
    this.scopesByServer.set(server.id, new Map());
    this.relationshipsByServer.set(server.id, new Set());
    this.nextIds.server = Math.max(this.nextIds.server, server.id + 1);
  }

  /** By ref (`DHCPServers/3`, `DHCPServers/<name>`) or bare name; undefined when none. */
  findServer(refOrName: string): ServerRecord | undefined {
    const parsed = parseRef(refOrName.trim(), 'DHCPServers');
    if (parsed.id !== undefined) return this.servers.get(parsed.id);
    const id = this.serverByName.get(parsed.name.toLowerCase());
    return id === undefined ? undefined : this.servers.get(id);
  }

  server(refOrName: string): ServerRecord {
    const server = this.findServer(refOrName);
    if (!server) throw objectNotFound(`There is no DHCP server ${refOrName} (object not found for reference).`);
    return server;
  }

  serverById(id: number): ServerRecord {
    return this.servers.get(id) as ServerRecord;
  }

  // ---- ranges

  addRange(range: RangeRecord): void {
    this.ranges.set(range.id, range);
    this.rangeByCidr.set(range.name, range.id);
    this.nextIds.range = Math.max(this.nextIds.range, range.id + 1);
  }

  removeRange(range: RangeRecord): void {
    this.ranges.delete(range.id);
    this.rangeByCidr.delete(range.name);
  }

  /** The range of exactly this network (canonical CIDR), if any. */
  rangeOfNetwork(cidr: string): RangeRecord | undefined {
    const id = this.rangeByCidr.get(cidr);
    return id === undefined ? undefined : this.ranges.get(id);
  }

  /** The range a scope lives in (every scope has one: the inventory is built and loaded that way). */
  rangeOfScope(scope: ScopeRecord): RangeRecord {
    return this.rangeOfNetwork(scope.name) as RangeRecord;
  }

  /** By ref (`Ranges/17`), name ref (`Ranges/10.1.20.0/24`) or bare CIDR; undefined when none. */
  findRange(ref: string): RangeRecord | undefined {
    const parsed = parseRef(ref.trim(), 'Ranges');
    if (parsed.id !== undefined) return this.ranges.get(parsed.id);
    const cidr = parseNetwork(parsed.name)?.cidr;
    return cidr === undefined ? undefined : this.rangeOfNetwork(cidr);
  }

  /** The smallest range holding `address` (at most 32 lookups, one per prefix length). */
  rangeHolding(address: string): RangeRecord | undefined {
    if (ipv4ToNumber(address) === undefined) return undefined;
    for (let prefix = 32; prefix >= 1; prefix--) {
      const range = this.rangeOfNetwork((parseNetwork(`${address.trim()}/${prefix}`) as { cidr: string }).cidr);
      if (range) return range;
    }
    return undefined;
  }

  // ---- scopes

  addScope(scope: ScopeRecord): void {
    this.scopes.set(scope.id, scope);
    this.scopesByServer.get(scope.serverId)?.set(scope.name, scope.id);
    const sameCidr = this.scopesByCidr.get(scope.name);
    if (sameCidr) sameCidr.push(scope.id);
    else this.scopesByCidr.set(scope.name, [scope.id]);
    this.nextIds.scope = Math.max(this.nextIds.scope, scope.id + 1);
    for (const reservation of scope.reservations) {
      this.nextIds.reservation = Math.max(this.nextIds.reservation, reservation.id + 1);
    }
    for (const block of scope.pool ? [scope.pool, ...scope.exclusions] : scope.exclusions) {
      this.nextIds.addressBlock = Math.max(this.nextIds.addressBlock, block.id + 1);
    }
  }

  removeScope(scope: ScopeRecord): void {
    this.scopes.delete(scope.id);
    this.scopesByServer.get(scope.serverId)?.delete(scope.name);
    const sameCidr = (this.scopesByCidr.get(scope.name) ?? []).filter((id) => id !== scope.id);
    if (sameCidr.length > 0) this.scopesByCidr.set(scope.name, sameCidr);
    else this.scopesByCidr.delete(scope.name);
  }

  scopeById(id: number): ScopeRecord {
    return this.scopes.get(id) as ScopeRecord;
  }

  /** The server's scope instances, in creation order. */
  scopesOf(serverId: number): ScopeRecord[] {
    return [...(this.scopesByServer.get(serverId)?.values() ?? [])].map((id) => this.scopeById(id));
  }

  scopeOnServer(serverId: number, cidr: string): ScopeRecord | undefined {
    const id = this.scopesByServer.get(serverId)?.get(cidr);
    return id === undefined ? undefined : this.scopes.get(id);
  }

  scopesNamed(cidr: string): ScopeRecord[] {
    return (this.scopesByCidr.get(cidr) ?? []).map((id) => this.scopeById(id));
  }

  /**
   * By ref (`DHCPScopes/17`), CIDR ref (`DHCPScopes/10.1.20.0/24`) or bare CIDR. A CIDR held by several
   * servers needs `serverId` (the server the command names) to pick one.
   */
  scope(ref: string, serverId?: number): ScopeRecord {
    const parsed = parseRef(ref.trim(), 'DHCPScopes');
    if (parsed.id !== undefined) {
      const scope = this.scopes.get(parsed.id);
      if (!scope) throw objectNotFound(`There is no DHCP scope ${ref} (object not found for reference).`);
      return scope;
    }
    const cidr = parseNetwork(parsed.name)?.cidr ?? parsed.name;
    if (serverId !== undefined) {
      const scope = this.scopeOnServer(serverId, cidr);
      if (scope) return scope;
    }
    const candidates = this.scopesNamed(cidr);
    if (candidates.length === 0) throw objectNotFound(`There is no DHCP scope ${ref} (object not found for reference).`);
    if (candidates.length > 1) {
      const where = candidates.map((s) => `${this.serverById(s.serverId).name} (${scopeRef(s.id)})`).join(' and ');
      throw invalidParameter(`Scope ${cidr} is ambiguous: it exists on ${where}. Use the instance's ref, e.g. ${scopeRef(candidates[0].id)}.`);
    }
    return candidates[0];
  }

  // ---- relationships

  addRelationship(rel: RelationshipRecord): void {
    this.relationships.set(rel.id, rel);
    this.relationshipsByServer.get(rel.primaryId)?.add(rel.id);
    this.relationshipsByServer.get(rel.secondaryId)?.add(rel.id);
    for (const [a, b] of rel.scopePairs) {
      this.relationshipByScope.set(a, rel.id);
      this.relationshipByScope.set(b, rel.id);
    }
    this.nextIds.relationship = Math.max(this.nextIds.relationship, rel.id + 1);
  }

  removeRelationship(rel: RelationshipRecord): void {
    for (const pair of rel.scopePairs) this.unlinkPair(pair);
    rel.scopePairs = [];
    this.relationships.delete(rel.id);
    this.relationshipsByServer.get(rel.primaryId)?.delete(rel.id);
    this.relationshipsByServer.get(rel.secondaryId)?.delete(rel.id);
  }

  linkPair(rel: RelationshipRecord, pair: [number, number]): void {
    rel.scopePairs.push(pair);
    this.relationshipByScope.set(pair[0], rel.id);
    this.relationshipByScope.set(pair[1], rel.id);
  }

  /** Takes the pair holding `scopeId` out of its relationship; returns the pair. */
  unlinkScope(rel: RelationshipRecord, scopeId: number): [number, number] {
    const index = rel.scopePairs.findIndex(([a, b]) => a === scopeId || b === scopeId);
    const [pair] = rel.scopePairs.splice(index, 1);
    this.unlinkPair(pair);
    return pair;
  }

  private unlinkPair([a, b]: [number, number]): void {
    this.relationshipByScope.delete(a);
    this.relationshipByScope.delete(b);
  }

  relationshipsOf(serverId: number): RelationshipRecord[] {
    return [...(this.relationshipsByServer.get(serverId) ?? [])].map((id) => this.relationships.get(id) as RelationshipRecord);
  }

  relationshipOfScope(scopeId: number): RelationshipRecord | undefined {
    const id = this.relationshipByScope.get(scopeId);
    return id === undefined ? undefined : this.relationships.get(id);
  }

  /** The relationship named (case-insensitive, as Windows compares names) on a server. */
  findRelationship(serverId: number, name: string): RelationshipRecord | undefined {
    const wanted = name.toLowerCase();
    return this.relationshipsOf(serverId).find((rel) => rel.name.toLowerCase() === wanted);
  }

  /** 0 when the server is the relationship's primary, 1 when secondary. */
  sideOf(rel: RelationshipRecord, serverId: number): 0 | 1 {
    return rel.primaryId === serverId ? 0 : 1;
  }

  partnerOf(rel: RelationshipRecord, serverId: number): ServerRecord {
    return this.serverById(rel.primaryId === serverId ? rel.secondaryId : rel.primaryId);
  }

  // ---- ids

  newScopeId(): number {
    return this.nextIds.scope++;
  }

  newReservationId(): number {
    return this.nextIds.reservation++;
  }

  newRangeId(): number {
    return this.nextIds.range++;
  }

  newAddressBlockId(): number {
    return this.nextIds.addressBlock++;
  }

  newRelationshipId(): number {
    return this.nextIds.relationship++;
  }

  newServerId(): number {
    return this.nextIds.server++;
  }
}
