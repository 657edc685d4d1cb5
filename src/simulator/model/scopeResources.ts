// The REST scope resources: create (in an existing range) and delete one scope instance, its options and reservations.
// Options and reservations written to a failover scope are not copied to the partner (that is replication).
import { ipv4ToNumber, networksOverlap, parseNetwork, scopeNameIssue, type Network } from '../../failover';
import { type ModelContext, requireRunning } from './modelContext';
import { emptyIfNoScopes } from './failoverCommands';
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, MAX_OPTION_VALUE_LENGTH, MAX_OPTIONS } from './fieldLimits';
import { isRecord, limitLength, MAX_TEXT_LENGTH, optionalString, requireString, type Params } from './params';
import type { RangeRecord, ScopeRecord } from './records';
import { reservationRef, scopeRef } from './refs';
import { invalidParameter, windowsError } from './windowsErrors';

/** What `POST DHCPScopes` takes inside `dhcpScope`: the documented DHCPScope fields that are not read-only. */
const SCOPE_FIELDS = ['name', 'rangeRef', 'dhcpServerRef', 'superscope', 'description', 'enabled'];
const READ_ONLY_SCOPE_FIELDS = ['ref', 'available'];

/** A newer Micetro rejects the whole request for a property it does not take; so does the simulator, naming it. */
function rejectUnknownFields(body: Params): void {
  for (const key of Object.keys(body)) {
    if (SCOPE_FIELDS.includes(key)) continue;
    if (READ_ONLY_SCOPE_FIELDS.includes(key)) throw invalidParameter(`The property "${key}" of a DHCPScope is read-only; leave it out of the new scope.`);
    throw invalidParameter(
      `Unknown property "${key}" in dhcpScope; a new DHCPScope takes ${SCOPE_FIELDS.join(', ')}.` +
        (key === 'addressPool' || key === 'exclusions' ? ' Pools and exclusions are their own objects: add them with AddDHCPAddressPool and AddDHCPExclusion once the scope exists.' : ''),
    );
  }
}

/** The existing range `rangeRef` names, or (without one) the range of the network `name` is. */
function rangeForScope(ctx: ModelContext, rangeRefText: string | undefined, name: string): RangeRecord {
  const wanted = rangeRefText ?? (parseNetwork(name) ? `Ranges/${parseNetwork(name)?.cidr}` : undefined);
  if (wanted === undefined) throw invalidParameter(`Missing parameter rangeRef: "${name}" is a free-text name, so the scope needs rangeRef, the ref of its IPAM range (e.g. Ranges/17).`);
  const range = ctx.inventory.findRange(wanted);
  if (!range) throw invalidParameter(`Range reference not found: ${wanted}. A scope is created in an existing IPAM range; create the range first (POST Ranges or AddRange).`);
  return range;
}

/** The network of a new scope (its range's) and its free-text name, if it has one. */
function networkAndTitle(ctx: ModelContext, body: Params): { network: Network; title?: string } {
  const name = requireString(body, 'name', 'the scope name, or its network in CIDR form');
  const named = parseNetwork(name);
  const issue = named ? undefined : scopeNameIssue(name);
  if (issue) throw invalidParameter(issue);
  const range = rangeForScope(ctx, optionalString(body, 'rangeRef', 'a range ref such as Ranges/17'), name);
  const network = parseNetwork(range.name) as Network;
  if (!named) return { network, title: name.trim() };
  if (named.cidr !== network.cidr) throw invalidParameter(`The name ${name} is another network than the range's ${network.cidr}; use that network or a free-text name.`);
  return { network };
}

/** Creates a scope instance in an existing range; it has no pool until one is added. */
export function createScope(ctx: ModelContext, input: unknown): string {
  const { inventory } = ctx;
  if (!isRecord(input)) throw invalidParameter('The new scope must be an object like {"name": "10.1.20.0/24", "rangeRef": "Ranges/17", "dhcpServerRef": "DHCPServers/1"}.');
  const body: Params = input;
  rejectUnknownFields(body);
  const description = optionalString(body, 'description', 'text', MAX_DESCRIPTION_LENGTH) ?? '';
  const superscope = optionalString(body, 'superscope', 'text', MAX_NAME_LENGTH) ?? '';
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean') throw invalidParameter('enabled must be true or false.');
  const { network, title } = networkAndTitle(ctx, body);
  const server = inventory.server(requireString(body, 'dhcpServerRef', 'a DHCP server ref such as DHCPServers/1'));
  if (server.type !== 'MSDHCP') throw invalidParameter(`${server.name} is a ${server.type} server; the simulator creates scopes on Microsoft DHCP servers only.`);

  if (inventory.scopeOnServer(server.id, network.cidr)) {
    throw windowsError('ERROR_DHCP_SUBNET_EXISTS', `Scope ${network.cidr} already exists on ${server.name}.`);
  }
  const clash = inventory.scopesOf(server.id).find((other) => networksOverlap(network, parseNetwork(other.name) as Network));
  if (clash) throw invalidParameter(`${network.cidr} overlaps the scope ${clash.name} on ${server.name}.`);
  requireRunning(server);

  const scope: ScopeRecord = {
    id: inventory.newScopeId(),
    serverId: server.id,
    name: network.cidr,
    ...(title === undefined ? {} : { title }),
    description,
    superscope,
    enabled: body.enabled ?? true,
    pool: null,
    exclusions: [],
    reservations: [],
    options: [],
    activeLeases: 0,
  };
  inventory.addScope(scope);
  return scopeRef(scope.id);
}

/** Deletes one instance; a failover scope leaves its relationship first and the partner's instance stays. */
export function deleteScope(ctx: ModelContext, ref: string): void {
  const { inventory } = ctx;
  const scope = inventory.scope(String(ref));
  requireRunning(inventory.serverById(scope.serverId));
  const rel = inventory.relationshipOfScope(scope.id);
  if (rel) {
    inventory.unlinkScope(rel, scope.id);
    emptyIfNoScopes(ctx, rel);
  }
  inventory.removeScope(scope);
}

export function setScopeOptions(ctx: ModelContext, ref: string, options: unknown): void {
  const scope = ctx.inventory.scope(String(ref));
  if (!Array.isArray(options)) throw invalidParameter('dhcpOptions must be a list of {"option", "value"}.');
  if (options.length > MAX_OPTIONS) throw invalidParameter(`dhcpOptions has ${options.length} entries; DHCP has ${MAX_OPTIONS} option codes, so at most ${MAX_OPTIONS} are allowed.`);
  const clean = options.map((o, i) => {
    if (!isRecord(o) || (typeof o.option !== 'string' && typeof o.option !== 'number') || String(o.option).trim() === '' || typeof o.value !== 'string') {
      throw invalidParameter(`dhcpOptions[${i}] must be {"option": "<id>", "value": "<text>"}.`);
    }
    return {
      option: limitLength(String(o.option), `dhcpOptions[${i}].option`, MAX_TEXT_LENGTH),
      value: limitLength(o.value, `dhcpOptions[${i}].value`, MAX_OPTION_VALUE_LENGTH),
    };
  });
  requireRunning(ctx.inventory.serverById(scope.serverId));
  scope.options = clean;
}

export function addReservation(ctx: ModelContext, scopeRefText: string, input: unknown): string {
  const { inventory } = ctx;
  const scope = inventory.scope(String(scopeRefText));
  if (!isRecord(input)) throw invalidParameter('The reservation must be an object like {"name", "clientIdentifier", "addresses": ["10.1.20.50"]}.');
  const name = requireString(input, 'name', 'the reservation name', MAX_NAME_LENGTH);
  const clientIdentifier = requireString(input, 'clientIdentifier', 'the client MAC address, e.g. 00-15-5d-01-02-03');
  const description = optionalString(input, 'description', 'text', MAX_DESCRIPTION_LENGTH) ?? '';
  const addresses = input.addresses;
  if (!Array.isArray(addresses) || addresses.length === 0 || !addresses.every((a): a is string => typeof a === 'string')) {
    throw invalidParameter('addresses must be a non-empty list of IPv4 addresses.');
  }
  if (addresses.length > 1) throw invalidParameter(`addresses has ${addresses.length} entries; a Microsoft DHCP reservation holds exactly one IPv4 address.`);
  addresses.forEach((address, i) => limitLength(address, `addresses[${i}]`, MAX_TEXT_LENGTH));
  checkReservation(scope, { name, clientIdentifier, addresses });
  requireRunning(inventory.serverById(scope.serverId));
  const id = inventory.newReservationId();
  scope.reservations.push({ id, name, clientIdentifier, addresses: addresses.map((a) => a.trim()), description });
  return reservationRef(id);
}

/** A reservation's address lies in the scope, and neither it nor the client is reserved by another reservation. */
export function checkReservation(scope: ScopeRecord, candidate: { id?: number; name: string; clientIdentifier: string; addresses: readonly string[] }): void {
  const network = parseNetwork(scope.name);
  const others = scope.reservations.filter((r) => r.id !== candidate.id);
  for (const address of candidate.addresses) {
    const value = ipv4ToNumber(address);
    if (value === undefined || !network || value < network.first || value > network.last) {
      throw invalidParameter(`${address} is not an address in scope ${scope.name}.`);
    }
    const taken = others.find((r) => r.addresses.includes(address.trim()));
    if (taken) throw invalidParameter(`${address} is already reserved for "${taken.name}" in scope ${scope.name}.`);
  }
  const sameClient = others.find((r) => r.clientIdentifier.toLowerCase() === candidate.clientIdentifier.toLowerCase());
  if (sameClient) throw invalidParameter(`Client ${candidate.clientIdentifier} already has the reservation "${sameClient.name}" in scope ${scope.name}.`);
}
