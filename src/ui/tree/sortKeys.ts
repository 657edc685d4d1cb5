// Orders for the views: scopes by network address (10.2.0.0 before 10.10.0.0), not by text; names naturally.
import { scopeNetwork } from '../../failover';

type Named = { name: string; rangeRef?: string };

export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/**
 * `items` in network order of their scopes (then by name, then by `tiebreak`). Each network is parsed once,
 * not once per comparison: this sorts the 50,000 scopes of the Scopes view.
 */
export function sortByNetwork<T>(items: readonly T[], scopeOf: (item: T) => Named, tiebreak?: (a: T, b: T) => number): T[] {
  const keyed = items.map((item) => {
    const scope = scopeOf(item);
    return { item, first: scopeNetwork(scope)?.first ?? Number.MAX_SAFE_INTEGER, name: scope.name };
  });
  keyed.sort((a, b) => a.first - b.first || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (tiebreak?.(a.item, b.item) ?? 0));
  return keyed.map((entry) => entry.item);
}
