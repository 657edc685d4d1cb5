// The Create Scope form without a DOM: what the user typed, validation from src/failover's scope rules (an optional
// free-text name, addresses inside the network, start ≤ end, exclusions inside the pool, no overlap with the server's
// scopes), which failover relationships the scope may join, and exactly what is sent to Micetro: the scope, then
// its pool and exclusions as their own objects.
import type * as v from 'valibot';
import type { AddressBlock, DHCPFailoverRelationship, DHCPScope, DHCPServer, IPAMRange, NewDHCPScope, Page } from '../api/types';
import { parseNetwork, scopeNameIssue, scopeNetwork, stateLabel, usableRange, validateScope, type ScopeField } from '../failover';
import type { createScopeValuesSchema } from './pageMessageSchemas';

/** A relationship the server takes part in as primary. */
export interface ScopeRelationshipChoice {
  name: string;
  partner: string;
  /** Person-readable state (`Normal`, `Empty`, `Communication interrupted`…). */
  stateLabel: string;
  /** Set when scopes cannot be added now. */
  disabledReason?: string;
}

/** What the form needs to know about the chosen server. */
export interface ScopeServerContext {
  serverRef: string;
  /** The networks (CIDR) of the server's scopes, for the overlap rule. */
  existingNetworks: string[];
  relationships: ScopeRelationshipChoice[];
}

/**
 * How many IPAM ranges the form reads for its suggestions: one page, so the form opens at once even on a Micetro
 * with tens of thousands of ranges; any other network can still be typed (its range is then checked on Create).
 */
export const RANGE_SUGGESTION_LIMIT = 500;

/** The subnet ranges of one capped listing: the networks a scope can be created in without creating a range. */
export interface KnownRanges {
  /** Their networks (CIDR, a range's name), in address order. */
  networks: string[];
  /** The listing held every range: a network not in `networks` has no range in Micetro. */
  complete: boolean;
}

export interface CreateScopeSetup {
  servers: Array<{ ref: string; name: string }>;
  /** Undefined when the ranges could not be read: no suggestions, and the range is checked on Create only. */
  ranges?: KnownRanges;
  /** The server and relationship the form was opened from, if any. */
  serverRef?: string;
  relationshipName?: string;
}

/** What the user typed into the form. */
export type CreateScopeValues = v.InferOutput<typeof createScopeValuesSchema>;

export type CreateScopeField = 'serverRef' | 'network' | 'name' | 'poolFrom' | 'poolTo' | 'exclusions' | 'relationshipName';

export interface CreateScopeState {
  values: CreateScopeValues;
  touched: CreateScopeField[];
  /** The pool follows the network until the user edits it. */
  poolEdited: boolean;
}

/** Adding scopes needs a relationship that is Normal, or Empty (not yet created on the servers); a real Micetro sends no state. */
const STATES_THAT_TAKE_SCOPES = new Set([undefined, 'Normal', 'Empty']);

function scopeRelationshipChoice(relationship: {
  name: string;
  secondaryServer: string;
  state?: string;
  dhcpScopeRefs: readonly string[];
}): ScopeRelationshipChoice {
  const label = stateLabel(relationship.state, relationship.dhcpScopeRefs.length);
  const choice: ScopeRelationshipChoice = { name: relationship.name, partner: relationship.secondaryServer, stateLabel: label };
  if (!STATES_THAT_TAKE_SCOPES.has(relationship.state)) {
    choice.disabledReason = `Scopes can be added only while the relationship is Normal; it is ${label}.`;
  }
  return choice;
}

/** The chosen server's scopes (for overlaps) and the relationships it is primary of. */
export function scopeServerContext(
  serverRef: string,
  scopes: readonly DHCPScope[],
  relationships: readonly DHCPFailoverRelationship[],
): ScopeServerContext {
  return {
    serverRef,
    // By the range, not the name: a scope with a free-text name is still checked for overlaps.
    existingNetworks: scopes.flatMap((scope) => scopeNetwork(scope)?.cidr ?? []),
    relationships: relationships
      .filter((relationship) => relationship.failoverServerType === 'PrimaryServer')
      .map(scopeRelationshipChoice)
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export function createScopeSetup(servers: readonly DHCPServer[], serverRef?: string, relationshipName?: string, ranges?: KnownRanges): CreateScopeSetup {
  return {
    // Failover and the simulator's scopes are Microsoft DHCP only.
    servers: servers.filter((server) => server.type === 'MSDHCP').map((server) => ({ ref: server.ref, name: server.name })),
    ranges,
    serverRef,
    relationshipName,
  };
}

/** The subnet ranges of the first page of `GET Ranges` (a range's name is its network). */
export function knownRanges(page: Page<IPAMRange>): KnownRanges {
  const networks = page.items.flatMap((range) => (range.subnet === false ? [] : (parseNetwork(range.name) ?? [])));
  networks.sort((a, b) => a.first - b.first || b.last - a.last);
  return { networks: [...new Set(networks.map((network) => network.cidr))], complete: page.totalResults <= page.items.length };
}

/** The ranges the form offers for this server: those it has no scope in yet. */
export function rangeSuggestions(ranges: KnownRanges | undefined, server: ScopeServerContext | undefined): string[] {
  const taken = new Set(server?.existingNetworks ?? []);
  return (ranges?.networks ?? []).filter((network) => !taken.has(network));
}

/** The line under the suggestions when they are not every range Micetro has. */
export function rangeListNote(ranges: KnownRanges | undefined): string | undefined {
  if (!ranges) return 'Could not read the IPAM ranges of Micetro; type the network.';
  return ranges.complete ? undefined : `Showing the first ${RANGE_SUGGESTION_LIMIT} ranges; type any other network.`;
}

export function initialCreateScopeState(setup: CreateScopeSetup): CreateScopeState {
  return {
    poolEdited: false,
    touched: [],
    values: {
      serverRef: setup.serverRef ?? (setup.servers.length === 1 ? setup.servers[0].ref : ''),
      network: '',
      name: '',
      description: '',
      poolFrom: '',
      poolTo: '',
      exclusions: [],
      relationshipName: setup.relationshipName ?? '',
      createRange: false,
    },
  };
}

/** Records a change; typing a network fills the pool with its usable range until the pool is edited by hand. */
export function updateScopeValues(state: CreateScopeState, patch: Partial<CreateScopeValues>): CreateScopeState {
  const values = { ...state.values, ...patch };
  const poolEdited = state.poolEdited || patch.poolFrom !== undefined || patch.poolTo !== undefined;
  if (patch.network !== undefined && !poolEdited) {
    const network = parseNetwork(patch.network);
    const range = network ? usableRange(network) : { from: '', to: '' };
    values.poolFrom = range.from;
    values.poolTo = range.to;
  }
  if (patch.serverRef !== undefined && patch.serverRef !== state.values.serverRef) values.relationshipName = '';
  const changed = (Object.keys(patch) as Array<keyof CreateScopeValues>).filter((key): key is CreateScopeField => key !== 'description' && key !== 'createRange');
  return { values, poolEdited, touched: [...new Set([...state.touched, ...changed])] };
}

const RULE_FIELDS: Record<ScopeField, CreateScopeField> = { network: 'network', poolFrom: 'poolFrom', poolTo: 'poolTo', exclusions: 'exclusions' };

/**
 * One message per field; `server` is undefined while its scopes and relationships are loading. With a complete
 * `ranges` list, a network without a range needs the Create the range box.
 */
export function createScopeIssues(values: CreateScopeValues, server: ScopeServerContext | undefined, ranges?: KnownRanges): Partial<Record<CreateScopeField, string>> {
  const byField: Partial<Record<CreateScopeField, string>> = {};
  if (!values.serverRef) byField.serverRef = 'Choose the DHCP server the scope is created on.';
  const issues = validateScope(
    { network: values.network, addressPool: { from: values.poolFrom, to: values.poolTo }, exclusions: values.exclusions },
    server?.serverRef === values.serverRef ? server.existingNetworks : [],
  );
  for (const issue of issues) byField[RULE_FIELDS[issue.field]] ??= issue.message;
  const network = parseNetwork(values.network);
  if (network && ranges?.complete && !values.createRange && !ranges.networks.includes(network.cidr)) {
    byField.network ??= `No IPAM range ${network.cidr} in Micetro: tick Create the range, or pick one.`;
  }
  const nameIssue = scopeNameIssue(values.name) ?? otherNetworkAsName(values);
  if (nameIssue) byField.name = nameIssue;
  if (values.relationshipName) {
    const choice = server?.relationships.find((relationship) => relationship.name === values.relationshipName);
    if (server && !choice) byField.relationshipName = `This server is not the primary of a relationship named "${values.relationshipName}".`;
    else if (choice?.disabledReason) byField.relationshipName = choice.disabledReason;
  }
  return byField;
}

/** A name that is a network must be the scope's own network (Micetro takes such a name as the network). */
function otherNetworkAsName(values: CreateScopeValues): string | undefined {
  const named = parseNetwork(values.name);
  const network = parseNetwork(values.network);
  if (!named || !network || named.cidr === network.cidr) return undefined;
  return `The name ${named.cidr} is another network than ${network.cidr}; type a free-text name or leave it empty.`;
}

/** Why Create cannot run yet (every field, touched or not), for the line beside a disabled Create. */
export function createScopeBlockers(values: CreateScopeValues, server: ScopeServerContext | undefined, ranges?: KnownRanges): string[] {
  const waiting = values.serverRef !== '' && server?.serverRef !== values.serverRef;
  return [
    ...Object.values(createScopeIssues(values, server, ranges)),
    ...(waiting ? ["Wait until this server's scopes and relationships are read (the overlap check needs them)."] : []),
  ];
}

/** Ready when every rule passes and the chosen server's data is loaded (so the overlap rule has run). */
export function isScopeReady(values: CreateScopeValues, server: ScopeServerContext | undefined, ranges?: KnownRanges): boolean {
  return server?.serverRef === values.serverRef && Object.keys(createScopeIssues(values, server, ranges)).length === 0;
}

/** The network the form creates the scope in (canonical CIDR), as typed when it is not one yet. */
export function scopeNetworkOf(values: CreateScopeValues): string {
  return parseNetwork(values.network)?.cidr ?? values.network.trim();
}

/**
 * The scope exactly as `POST DHCPScopes` receives it: only documented DHCPScope fields, in the range `rangeRef`;
 * named as typed, or by its network when no name is typed. The pool and exclusions are added after it.
 */
export function scopeToSend(values: CreateScopeValues, rangeRef: string): NewDHCPScope {
  return {
    name: values.name.trim() || scopeNetworkOf(values),
    rangeRef,
    dhcpServerRef: values.serverRef,
    description: values.description.trim(),
    enabled: true,
  };
}

/** The pool and the exclusions, trimmed, as they are added to the new scope. */
export function addressBlocksToSend(values: CreateScopeValues): { pool: AddressBlock; exclusions: AddressBlock[] } {
  return {
    pool: { from: values.poolFrom.trim(), to: values.poolTo.trim() },
    exclusions: values.exclusions.map((exclusion) => ({ from: exclusion.from.trim(), to: exclusion.to.trim() })),
  };
}
