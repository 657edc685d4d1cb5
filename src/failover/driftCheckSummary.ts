// The message at the end of Check for Drift: what was checked, what it found, and what it cost.
import type { DriftResult } from './driftCheck';
import { SCOPE_CONTENT_REQUESTS } from './scopeContentReader';

export interface DriftCheckTally {
  /** Scopes the check was to read, and relationships they belong to. */
  scopes: number;
  relationships: number;
  results: ReadonlyArray<DriftResult | undefined>;
  copiesRead: number;
  cancelled: boolean;
  /** Relationships whose scopes could not be listed, so none of them was checked. */
  unlisted?: readonly string[];
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** "Checked 12 scopes of 3 relationships: 1 drifted, 11 in sync; 96 requests" (or "Cancelled after checking 4 of 12 …"). */
export function driftCheckSummary(tally: DriftCheckTally): string {
  const done = tally.results.filter((result) => result !== undefined);
  const count = (status: DriftResult['status']) => done.filter((result) => result.status === status).length;
  const found = [
    [count('drifted'), 'drifted'],
    [count('missing'), 'only on one server'],
    [count('inSync'), 'in sync'],
    [count('failed'), 'could not be read'],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${n} ${what}`);
  const of = `${plural(tally.scopes, 'scope')} of ${plural(tally.relationships, 'relationship')}`;
  const head = tally.cancelled ? `Cancelled after checking ${done.length} of ${of}` : `Checked ${of}`;
  const unlisted = tally.unlisted?.length ? `. Could not list the scopes of ${tally.unlisted.join(', ')} (see the log)` : '';
  return `${head}${found.length > 0 ? `: ${found.join(', ')}` : ''}; ${plural(tally.copiesRead * SCOPE_CONTENT_REQUESTS, 'request')}${unlisted}`;
}
