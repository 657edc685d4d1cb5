// The REST scope resources: create and delete one scope instance, its options and reservations.
// Options and reservations written to a failover scope are not copied to the partner (that is replication).
import { ipv4ToNumber, parseNetwork, rangeNetwork, scopeNameIssue, usableRange, validateScope, type AddressRange, type Network } from '../../failover';
import { type ModelContext, requireRunning } from './modelContext';
import { emptyIfNoScopes } from './failoverCommands';
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, MAX_OPTION_VALUE_LENGTH, MAX_OPTIONS } from './fieldLimits';
import { isRecord, limitLength, MAX_TEXT_LENGTH, optionalString, requireString, type Params } from './params';
import type { ScopeRecord } from './records';
import { reservationRef, scopeRef } from './refs';
import { invalidParameter, windowsError } from './windowsErrors';

function rangeOf(value: unknown, what: string): AddressRange {
  if (!isRecord(value) || typeof value.from !== 'string' || typeof value.to !== 'string') {
    throw invalidParameter(`${what} must be {"from": "<IPv4>", "to": "<IPv4>"}.`);
  }
  return { from: value.from.trim(), to: value.to.trim() };
}

/**
 * The network of a new scope and its free-text name: with `rangeRef: "Ranges/<cidr>"` the network comes from the
 * range and `name` is free text (or that same network); without it `name` is the network.
 */
function networkAndTitle(body: Params): { network: Network; title?: string } {
  const name = requireString(body, 'name', 'the scope name, or the network in CIDR form when there is no rangeRef');
  const range = optionalString(body, 'rangeRef', 'a range ref such as Ranges/10.1.20.0/24');
  const named = parseNetwork(name);
  if (!range) {
    if (!named) throw invalidParameter(`"${name}" is not an IPv4 network in CIDR form, e.g. 10.1.20.0/24; a free-text name needs rangeRef "Ranges/<network>".`);
    return { network: named };
  }
  const network = rangeNetwork(range);
  if (!network) throw invalidParameter(`rangeRef must name the network as Ranges/<network in CIDR form>, e.g. Ranges/10.1.20.0/24; got "${range}".`);
  if (named) {
    if (named.cidr !== network.cidr) throw invalidParameter(`The name ${name} is another network than the rangeRef's ${network.cidr}; use that network or a free-text name.`);
    return { network };
  }
  const issue = scopeNameIssue(name);
  if (issue) throw invalidParameter(issue);
  return { network, title: name.trim() };
}

export function createScope(ctx: ModelContext, input: unknown): string {
  const { inventory } = ctx;
  if (!isRecord(input)) throw invalidParameter('The new scope must be an object like {"name": "10.1.20.0/24", "dhcpServerRef": "DHCPServers/1"}.');
  const body: Params = input;
  const { network, title } = networkAndTitle(body);
  const server = inventory.server(requireString(body, 'dhcpServerRef', 'a DHCP server ref such as DHCPServers/1'));
  if (server.type !== 'MSDHCP') throw invalidParameter(`${server.name} is a ${server.type} server; the simulator creates scopes on Microsoft DHCP servers only.`);
  const pool = body.addressPool === undefined || body.addressPool === null ? usableRange(network) : rangeOf(body.addressPool, 'addressPool');
  const exclusionsInput = body.exclusions ?? [];
  if (!Array.isArray(exclusionsInput)) throw invalidParameter('exclusions must be a list of {"from", "to"} ranges.');
  const exclusions = exclusionsInput.map((e, i) => rangeOf(e, `exclusions[${i}]`));
  const description = optionalString(body, 'description', 'text', MAX_DESCRIPTION_LENGTH) ?? '';
  const superscope = optionalString(body, 'superscope', 'text', MAX_NAME_LENGTH) ?? '';
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean') throw invalidParameter('enabled must be true or false.');

  if (inventory.scopeOnServer(server.id, network.cidr)) {
    throw windowsError('ERROR_DHCP_SUBNET_EXISTS', `Scope ${network.cidr} already exists on ${server.name}.`);
  }
  const issues = validateScope({ network: network.cidr, addressPool: pool, exclusions }, inventory.scopesOf(server.id).map((s) => s.name));
  if (issues.length > 0) throw invalidParameter(issues[0].message);
  requireRunning(server);

  const scope: ScopeRecord = {
    id: inventory.newScopeId(),
    serverId: server.id,
    name: network.cidr,
    ...(title === undefined ? {} : { title }),
    description,
    superscope,
    enabled: body.enabled ?? true,
    pool,
    exclusions,
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
  const network = parseNetwork(scope.name);
  for (const address of addresses) {
    const value = ipv4ToNumber(address);
    if (value === undefined || !network || value < network.first || value > network.last) {
      throw invalidParameter(`${address} is not an address in scope ${scope.name}.`);
    }
    const taken = scope.reservations.find((r) => r.addresses.includes(address.trim()));
    if (taken) throw invalidParameter(`${address} is already reserved for "${taken.name}" in scope ${scope.name}.`);
  }
  const sameClient = scope.reservations.find((r) => r.clientIdentifier.toLowerCase() === clientIdentifier.toLowerCase());
  if (sameClient) throw invalidParameter(`Client ${clientIdentifier} already has the reservation "${sameClient.name}" in scope ${scope.name}.`);
  requireRunning(inventory.serverById(scope.serverId));
  const id = inventory.newReservationId();
  scope.reservations.push({ id, name, clientIdentifier, addresses: addresses.map((a) => a.trim()), description });
  return reservationRef(id);
}
