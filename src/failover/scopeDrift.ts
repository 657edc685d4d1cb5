// What differs between two copies of one failover scope, setting by setting, from the same normalised entries the
// Compare with Partner text is made of: so a count here is a changed line there. Read one way it is drift (primary
// against partner); read from a replicate's destination towards its source, it is what the replicate will change.
import { CONTENT_KINDS, scopeContentEntries, type ContentKind, type ScopeContent } from './scopeContentText';

export type ChangeAction = 'added' | 'removed' | 'changed';

/** One setting that differs: present only on the `to` side (added), only on `from` (removed), or on both, unequal. */
export interface ScopeDifference {
  kind: ContentKind;
  action: ChangeAction;
  /** What identifies the setting (an address, an option code). */
  key: string;
  /** Its line on the `from` side, when it has one there. */
  before?: string;
  /** Its line on the `to` side, when it has one there. */
  after?: string;
}

/** The settings that turn `from` into `to`, in the order the text shows them. */
export function scopeDifferences(from: ScopeContent, to: ScopeContent): ScopeDifference[] {
  const left = scopeContentEntries(from);
  const right = scopeContentEntries(to);
  const differences: ScopeDifference[] = [];
  for (const kind of CONTENT_KINDS) {
    const before = new Map(left[kind].map((entry) => [entry.key, entry.line]));
    const after = new Map(right[kind].map((entry) => [entry.key, entry.line]));
    for (const [key, line] of before) {
      const other = after.get(key);
      if (other === undefined) differences.push({ kind, action: 'removed', key, before: line });
      else if (other !== line) differences.push({ kind, action: 'changed', key, before: line, after: other });
    }
    for (const [key, line] of after) {
      if (!before.has(key)) differences.push({ kind, action: 'added', key, after: line });
    }
  }
  return differences;
}

/** Nouns for counts: one and many. */
const NOUNS: Record<ContentKind, [string, string]> = {
  name: ['name', 'names'],
  description: ['description', 'descriptions'],
  enabled: ['enabled state', 'enabled states'],
  lease: ['lease duration', 'lease durations'],
  pool: ['address pool', 'address pools'],
  exclusion: ['exclusion', 'exclusions'],
  reservation: ['reservation', 'reservations'],
  option: ['option', 'options'],
};

/** A reservation on the same address for another client or name is replaced; any other setting is changed. */
const VERBS: Record<ChangeAction, (kind: ContentKind) => string> = {
  added: () => 'added',
  removed: () => 'removed',
  changed: (kind) => (kind === 'reservation' ? 'replaced' : 'changed'),
};

const noun = (kind: ContentKind, count: number): string => NOUNS[kind][count === 1 ? 0 : 1];

/**
 * What the differences do to the `from` side, kind by kind: "3 reservations added, 1 replaced, 2 options changed,
 * 1 exclusion removed". Empty when nothing differs.
 */
export function describeChanges(differences: readonly ScopeDifference[]): string {
  const parts: string[] = [];
  for (const kind of CONTENT_KINDS) {
    const ofKind = differences.filter((difference) => difference.kind === kind);
    let first = true;
    for (const action of ['added', 'changed', 'removed'] as const) {
      const count = ofKind.filter((difference) => difference.action === action).length;
      if (count === 0) continue;
      parts.push(first ? `${count} ${noun(kind, count)} ${VERBS[action](kind)}` : `${count} ${VERBS[action](kind)}`);
      first = false;
    }
  }
  return parts.join(', ');
}

/** How two copies differ, in a few words: "3 differences: 2 reservations, 1 option". */
export function driftSummary(differences: readonly ScopeDifference[]): string {
  if (differences.length === 0) return 'in sync';
  const kinds = CONTENT_KINDS.map((kind) => ({ kind, count: differences.filter((difference) => difference.kind === kind).length }))
    .filter(({ count }) => count > 0)
    .map(({ kind, count }) => `${count} ${noun(kind, count)}`);
  return `${differences.length} difference${differences.length === 1 ? '' : 's'}: ${kinds.join(', ')}`;
}

/**
 * The destination's copy once the source is replicated onto it: the source's configuration (name, description,
 * enabled, pools, exclusions, reservations, options) on the destination's network. Leases are not configuration.
 */
export function replicatedContent(source: ScopeContent, destination: ScopeContent): ScopeContent {
  return { ...source, network: destination.network };
}
