// What Check for Drift found, kept per failover scope until that scope changes: keyed by the relationship (its name
// and its two servers) and the scope's network, so a mark survives view refreshes (new node objects, new pages) and
// finds its scope in both views. A mark also remembers how each copy was listed, so a listing that shows the copy
// changed (renamed, disabled, gone, another ref) makes it stale.
import type { DHCPScope } from '../api/types';
import type { DriftResult } from './driftCheck';
import type { FailoverPair } from './failoverPair';
import { driftSummary } from './scopeDrift';

export interface DriftMark {
  pair: FailoverPair;
  network: string;
  result: DriftResult;
  /** The copies as they were listed when checked; absent on the side that holds none. */
  primary?: DHCPScope;
  secondary?: DHCPScope;
}

/** A relationship's name is unique only on its own servers, so its key holds both servers' refs. */
export function relationshipKey(pair: FailoverPair): string {
  return JSON.stringify([pair.primary.server.ref, pair.secondary.server.ref, pair.name]);
}

export function markKey(pair: FailoverPair, network: string): string {
  return JSON.stringify([pair.primary.server.ref, pair.secondary.server.ref, pair.name, network]);
}

/** What of a listed copy the check relied on: when any of it changes, the mark is stale. */
function listingSignature(scope: DHCPScope): string {
  return JSON.stringify([scope.ref, scope.name, scope.description, scope.enabled]);
}

/** True when `scope`, as listed now, is the copy the mark was made from, unchanged. */
export function markStillHolds(mark: DriftMark, scope: DHCPScope): boolean {
  const copy = [mark.primary, mark.secondary].find((candidate) => candidate?.ref === scope.ref);
  return copy !== undefined && listingSignature(copy) === listingSignature(scope);
}

/** The server names of a mark's sides, in the words of "only on <server>". */
const holder = (mark: DriftMark): string => (mark.result.status === 'missing' ? (mark.result.missingOn === 'primary' ? mark.pair.secondary : mark.pair.primary).server.name : '');

/** A scope's mark in a few words: "drifted: 2 differences: 1 reservation, 1 option", "in sync", "only on dhcp-a". */
export function markText(mark: DriftMark): string {
  const { result } = mark;
  switch (result.status) {
    case 'inSync':
      return 'in sync';
    case 'drifted':
      return `drifted: ${driftSummary(result.differences)}`;
    case 'missing':
      return `only on ${holder(mark)}`;
    case 'failed':
      return 'drift not checked: a copy could not be read';
  }
}

/** Drifted and one-sided scopes are out of sync; a scope that could not be read is neither. */
export const isOutOfSync = (mark: DriftMark): boolean => mark.result.status === 'drifted' || mark.result.status === 'missing';

/** A relationship's marks together: "1 of 3 scopes drifted", "3 scopes in sync", "+ 1 not read". */
export function relationshipMarkText(marks: readonly DriftMark[]): string {
  if (marks.length === 0) return '';
  const outOfSync = marks.filter(isOutOfSync).length;
  const failed = marks.filter((mark) => mark.result.status === 'failed').length;
  const checked = marks.length - failed;
  const scopes = (count: number) => `${count} scope${count === 1 ? '' : 's'}`;
  const main = checked === 0 ? '' : outOfSync === 0 ? `${scopes(checked)} in sync` : `${outOfSync} of ${scopes(checked)} drifted`;
  const unread = failed === 0 ? '' : `${scopes(failed)} not read`;
  return [main, unread].filter(Boolean).join(', ');
}

/** Every mark, by markKey; listeners hear the keys of the marks set or dropped. */
export class DriftMarkStore {
  private readonly marks = new Map<string, DriftMark>();
  private readonly listeners = new Set<(keys: readonly string[]) => void>();

  get size(): number {
    return this.marks.size;
  }

  all(): DriftMark[] {
    return [...this.marks.values()];
  }

  get(pair: FailoverPair, network: string): DriftMark | undefined {
    return this.marks.get(markKey(pair, network));
  }

  byKey(key: string): DriftMark | undefined {
    return this.marks.get(key);
  }

  /** The marks of one relationship. */
  ofRelationship(pair: FailoverPair): DriftMark[] {
    const key = relationshipKey(pair);
    return this.all().filter((mark) => relationshipKey(mark.pair) === key);
  }

  set(mark: DriftMark): void {
    const key = markKey(mark.pair, mark.network);
    this.marks.set(key, mark);
    this.notify([key]);
  }

  delete(marks: readonly DriftMark[]): void {
    const keys = marks.map((mark) => markKey(mark.pair, mark.network)).filter((key) => this.marks.delete(key));
    if (keys.length > 0) this.notify(keys);
  }

  clear(): void {
    const keys = [...this.marks.keys()];
    this.marks.clear();
    if (keys.length > 0) this.notify(keys);
  }

  onDidChange(listener: (keys: readonly string[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private notify(keys: readonly string[]): void {
    for (const listener of [...this.listeners]) listener(keys);
  }
}
