// The two instances of each failover scope of a relationship: a failover scope is one scope on each partner, the same
// IPAM range (the same network when Micetro gives no range). A side that was not read names no scopes, so its
// server's whole listing is searched for the partner copies, and it reports none as missing.
import type { DHCPScope } from '../api/types';
import type { FailoverPair, FailoverSide } from './failoverPair';
import { ipv4ToNumber, scopeCidr } from './scopeRules';

/** Networks in address order; text that is not one goes last. */
const networkOrder = (network: string): number => ipv4ToNumber(network.split('/')[0]) ?? Number.MAX_SAFE_INTEGER;

export interface FailoverScopeInstances {
  network: string;
  /** The copy on the primary; absent when the primary holds none. */
  primary?: DHCPScope;
  /** The copy on the secondary; absent when it holds none. */
  secondary?: DHCPScope;
}

/** The copy of `like` among `candidates`: the same ref, else the same IPAM range, else the same network. */
export function matchingInstance(candidates: readonly DHCPScope[], like: DHCPScope): DHCPScope | undefined {
  const network = scopeCidr(like);
  return (
    candidates.find((scope) => scope.ref === like.ref) ??
    (like.rangeRef ? candidates.find((scope) => scope.rangeRef === like.rangeRef) : undefined) ??
    candidates.find((scope) => scopeCidr(scope) === network)
  );
}

/**
 * The relationship's scopes on `side`'s server (all its scopes when the side was not read). Micetro may name them by
 * network (`DHCPScopes/10.0.1.0/24`) rather than by id, as the Servers view also allows.
 */
export function sideCandidates(side: FailoverSide, serverScopes: readonly DHCPScope[]): DHCPScope[] {
  if (side.scopeRefs.length === 0) return [...serverScopes];
  const refs = new Set(side.scopeRefs);
  return serverScopes.filter((scope) => refs.has(scope.ref) || refs.has(`DHCPScopes/${scopeCidr(scope)}`));
}

/** Every failover scope of `pair`, by network, each with the copy each server holds. */
export function failoverScopeInstances(pair: FailoverPair, primaryScopes: readonly DHCPScope[], secondaryScopes: readonly DHCPScope[]): FailoverScopeInstances[] {
  const primaryRead = pair.primary.scopeRefs.length > 0;
  const secondaryRead = pair.secondary.scopeRefs.length > 0;
  if (!primaryRead && !secondaryRead) return [];
  const onPrimary = sideCandidates(pair.primary, primaryScopes);
  const onSecondary = sideCandidates(pair.secondary, secondaryScopes);
  const result: FailoverScopeInstances[] = [];
  // Only a side that was read lists the relationship's scopes; the other is searched for their copies.
  const [listed, searched, listedRole] = primaryRead ? [onPrimary, onSecondary, 'primary' as const] : [onSecondary, onPrimary, 'secondary' as const];
  let unmatched = [...searched];
  for (const scope of listed) {
    const partner = matchingInstance(unmatched, scope);
    if (partner) unmatched = unmatched.filter((candidate) => candidate !== partner);
    result.push(listedRole === 'primary' ? { network: scopeCidr(scope), primary: scope, secondary: partner } : { network: scopeCidr(scope), primary: partner, secondary: scope });
  }
  if (primaryRead && secondaryRead) {
    for (const scope of unmatched) result.push({ network: scopeCidr(scope), secondary: scope });
  }
  return result.sort((a, b) => networkOrder(a.network) - networkOrder(b.network) || (a.network < b.network ? -1 : a.network > b.network ? 1 : 0));
}
