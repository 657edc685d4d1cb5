// What each server keeps when a scope or a whole relationship leaves failover, said before it runs, and how the two
// copies differ: the other server's copy is deleted (or only disabled), so what only it holds is lost with it.
import type { DeconfigureAction, DHCPScope } from '../api/types';
import type { ScopeContent } from './scopeContentText';
import { describeChanges, type ScopeDifference } from './scopeDrift';

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const fate = (action: DeconfigureAction): string => (action === 'Delete' ? 'is deleted' : 'stays, disabled');

/**
 * "dhcp-a keeps 10.0.1.0/24 and its 12 reservations, enabled; dhcp-b's copy is deleted. The copies differ: dhcp-b's
 * has 1 reservation added, 1 option changed, which is lost with it." `differences` turn the kept copy into the other
 * (undefined when the other could not be read or holds none).
 */
export function scopeRemovalSummary(keeper: string, other: string, kept: ScopeContent, action: DeconfigureAction, differences?: readonly ScopeDifference[]): string {
  const state = kept.enabled ? 'enabled' : 'disabled';
  const keeps = `${keeper} keeps ${kept.network} and its ${count(kept.reservations.length, 'reservation')}, ${state}; ${other}'s copy ${fate(action)}.`;
  if (!differences || differences.length === 0) return differences ? `${keeps} The two copies are the same.` : keeps;
  const lost = action === 'Delete' ? 'which is lost with it' : 'which only the disabled copy keeps';
  return `${keeps} The copies differ: ${other}'s has ${describeChanges(differences)}, ${lost}.`;
}

/** One scope whose two copies differ, for the relationship's summary. */
export interface DifferingScope {
  network: string;
  differences: readonly ScopeDifference[];
}

/**
 * Per server how many scopes stay and in what state: "dhcp-a keeps its 5 scopes (4 enabled, 1 disabled); dhcp-b's 5
 * copies are deleted." Then the scopes whose copies differ, each with what the other's copy has.
 */
export function relationshipRemovalSummary(keeper: string, other: string, kept: readonly DHCPScope[], otherCount: number, action: DeconfigureAction, differing: readonly DifferingScope[]): string {
  const enabled = kept.filter((scope) => scope.enabled).length;
  const states = enabled === kept.length ? 'enabled' : enabled === 0 ? 'disabled' : `${enabled} enabled, ${kept.length - enabled} disabled`;
  const copies = otherCount === 1 ? `${other}'s copy ${fate(action)}` : `${other}'s ${otherCount} copies ${action === 'Delete' ? 'are deleted' : 'stay, disabled'}`;
  const keeps = `${keeper} keeps its ${count(kept.length, 'scope')} (${states}); ${copies}.`;
  if (differing.length === 0) return keeps;
  const lost = action === 'Delete' ? 'is lost with them' : 'stays only in the disabled copies';
  const list = differing.map((scope) => `${scope.network} (${describeChanges(scope.differences)})`).join('; ');
  return `${keeps} ${count(differing.length, 'scope differs', 'scopes differ')} between the servers; what ${other}'s copies have ${lost}: ${list}.`;
}
