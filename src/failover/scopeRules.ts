// Rules for a new DHCPv4 scope: a network in CIDR form, an address pool inside it, exclusions inside the
// pool, and no overlap with the server's other scopes. Shared by the simulator and the Create Scope form.
import ipaddr from 'ipaddr.js';
import { CONTROL_CHARACTERS } from './relationshipRules';

export interface AddressRange {
  from: string;
  to: string;
}

interface ScopeDraft {
  /** The network in CIDR form, e.g. `10.1.2.0/24`; Micetro names scopes this way. */
  network: string;
  name?: string;
  addressPool: AddressRange;
  exclusions: AddressRange[];
}

export type ScopeField = 'network' | 'poolFrom' | 'poolTo' | 'exclusions';

interface ScopeIssue {
  field: ScopeField;
  message: string;
}

export interface Network {
  /** Canonical CIDR, with host bits cleared. */
  cidr: string;
  first: number;
  last: number;
}

/** IPv4 dotted quad to a number; undefined when it is not one. */
export function ipv4ToNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return undefined;
  return ipaddr.IPv4.parse(trimmed).toByteArray().reduce((value, octet) => value * 256 + octet, 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses `a.b.c.d/len`; undefined when it is not an IPv4 network (failover does not support IPv6 scopes). */
export function parseNetwork(text: string): Network | undefined {
  const match = /^\s*([0-9.]+)\/(\d{1,2})\s*$/.exec(text);
  if (!match) return undefined;
  const address = ipv4ToNumber(match[1]);
  const prefix = Number(match[2]);
  if (address === undefined || prefix < 1 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const first = Math.floor(address / size) * size;
  return { cidr: `${numberToIpv4(first)}/${prefix}`, first, last: first + size - 1 };
}

/** The network of a range ref of the form `Ranges/<cidr>`; undefined for any other ref (e.g. `Ranges/17`). */
export function rangeNetwork(rangeRef: string): Network | undefined {
  const range = /^Ranges\/(.+)$/i.exec(rangeRef);
  return range ? parseNetwork(range[1]) : undefined;
}

/** What a scope's network is read from: `network` is the client's copy of its range's name, once resolved. */
type ScopeNetworkSource = { name: string; rangeRef?: string; network?: string };

/**
 * A scope's network: its resolved `network` (the range's name), else from `rangeRef` when it is `Ranges/<cidr>`,
 * else from its name when that is a CIDR (Micetro names a scope by its network unless it was given a free-text name).
 */
export function scopeNetwork(scope: ScopeNetworkSource): Network | undefined {
  return (
    (scope.network === undefined ? undefined : parseNetwork(scope.network)) ??
    (scope.rangeRef === undefined ? undefined : rangeNetwork(scope.rangeRef)) ??
    parseNetwork(scope.name)
  );
}

/** The network a scope covers in CIDR form, or its name when no network is known. */
export function scopeCidr(scope: ScopeNetworkSource): string {
  return scopeNetwork(scope)?.cidr ?? scope.name;
}

/** Windows keeps a scope name of up to 255 characters. */
export const MAX_SCOPE_NAME_LENGTH = 255;

/** Why a free-text scope name cannot be used, or undefined when it can (an empty name means "the network"). */
export function scopeNameIssue(name: string): string | undefined {
  if (name.length > MAX_SCOPE_NAME_LENGTH) return `The scope name is ${name.length} characters long; at most ${MAX_SCOPE_NAME_LENGTH} are allowed.`;
  if (CONTROL_CHARACTERS.test(name)) return 'Remove the control characters (tabs, line breaks…) from the scope name.';
  return undefined;
}

/** The usable host range of a network (without network and broadcast addresses for prefixes up to /30). */
export function usableRange(network: Network): AddressRange {
  const hosts = network.last - network.first + 1;
  if (hosts <= 2) return { from: numberToIpv4(network.first), to: numberToIpv4(network.last) };
  return { from: numberToIpv4(network.first + 1), to: numberToIpv4(network.last - 1) };
}

export function networksOverlap(a: Network, b: Network): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Every rule a new scope breaks; `existingNetworks` are the CIDR names of the server's scopes. */
export function validateScope(draft: ScopeDraft, existingNetworks: readonly string[] = []): ScopeIssue[] {
  const issues: ScopeIssue[] = [];
  const network = parseNetwork(draft.network);
  if (!network) {
    issues.push({ field: 'network', message: 'Enter an IPv4 network in CIDR form, e.g. 10.1.20.0/24.' });
  } else {
    const clash = existingNetworks.map(parseNetwork).find((other) => other && networksOverlap(network, other));
    if (clash) issues.push({ field: 'network', message: `${network.cidr} overlaps the scope ${clash.cidr} on this server.` });
  }

  const from = ipv4ToNumber(draft.addressPool.from);
  const to = ipv4ToNumber(draft.addressPool.to);
  if (from === undefined) issues.push({ field: 'poolFrom', message: 'Enter the first address of the pool, e.g. 10.1.20.10.' });
  if (to === undefined) issues.push({ field: 'poolTo', message: 'Enter the last address of the pool, e.g. 10.1.20.200.' });
  if (network && from !== undefined && (from < network.first || from > network.last)) {
    issues.push({ field: 'poolFrom', message: `The pool must start inside ${network.cidr}.` });
  }
  if (network && to !== undefined && (to < network.first || to > network.last)) {
    issues.push({ field: 'poolTo', message: `The pool must end inside ${network.cidr}.` });
  }
  if (from !== undefined && to !== undefined && from > to) {
    issues.push({ field: 'poolTo', message: 'The last address must not come before the first.' });
  }

  draft.exclusions.forEach((exclusion, index) => {
    const start = ipv4ToNumber(exclusion.from);
    const end = ipv4ToNumber(exclusion.to);
    const label = `Exclusion ${index + 1}`;
    if (start === undefined || end === undefined) {
      issues.push({ field: 'exclusions', message: `${label}: enter two IPv4 addresses.` });
    } else if (start > end) {
      issues.push({ field: 'exclusions', message: `${label}: the last address must not come before the first.` });
    } else if (from !== undefined && to !== undefined && (start < from || end > to)) {
      issues.push({ field: 'exclusions', message: `${label}: must lie inside the address pool.` });
    }
  });
  return issues;
}
