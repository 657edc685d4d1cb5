// Check for Drift: both copies of each failover scope read, a few at a time, and compared. Cancelling stops taking new
// scopes; the ones already read keep their result, so a cancelled check still marks what it saw.
import type { DHCPScope } from '../api/types';
import type { FailoverScopeInstances } from './failoverScopeInstances';
import type { ScopeContent } from './scopeContentText';
import { scopeDifferences, type ScopeDifference } from './scopeDrift';

export type DriftResult =
  | { status: 'inSync' }
  /** What turns the primary's copy into the secondary's. */
  | { status: 'drifted'; differences: ScopeDifference[] }
  | { status: 'missing'; missingOn: 'primary' | 'secondary' }
  /** A copy could not be read; the message says why. */
  | { status: 'failed'; message: string };

export interface DriftCheckOptions {
  /** How many scopes are read at once (each reads its two copies together). */
  concurrency: number;
  signal?: AbortSignal;
  /** Each scope's result as it arrives, by its index in the list checked. */
  onResult?: (index: number, result: DriftResult) => void;
}

export interface DriftCheckOutcome {
  /** By index; undefined for a scope a cancelled check did not reach. */
  results: Array<DriftResult | undefined>;
  cancelled: boolean;
  /** Scope copies read. */
  copiesRead: number;
}

/** The drift of one scope from its two copies' contents. */
function driftOf(primary: ScopeContent, secondary: ScopeContent): DriftResult {
  const differences = scopeDifferences(primary, secondary);
  return differences.length === 0 ? { status: 'inSync' } : { status: 'drifted', differences };
}

export async function checkDrift(
  scopes: readonly FailoverScopeInstances[],
  read: (scope: DHCPScope) => Promise<ScopeContent>,
  options: DriftCheckOptions,
): Promise<DriftCheckOutcome> {
  const results: Array<DriftResult | undefined> = scopes.map(() => undefined);
  let next = 0;
  let copiesRead = 0;
  const check = async (instances: FailoverScopeInstances): Promise<DriftResult> => {
    if (!instances.primary) return { status: 'missing', missingOn: 'primary' };
    if (!instances.secondary) return { status: 'missing', missingOn: 'secondary' };
    try {
      const copies = await Promise.all([instances.primary, instances.secondary].map((scope) => read(scope).finally(() => (copiesRead += 1))));
      return driftOf(copies[0], copies[1]);
    } catch (error) {
      return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  };
  const worker = async (): Promise<void> => {
    while (next < scopes.length && !options.signal?.aborted) {
      const index = next++;
      const result = await check(scopes[index]);
      results[index] = result;
      options.onResult?.(index, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, scopes.length)) }, worker));
  return { results, cancelled: results.some((result) => result === undefined), copiesRead };
}
