// What a replicate will change, read before it runs: both copies of every scope it covers (the bounded, cancellable
// reading of checkDrift, from the destination's copy towards the source's), the destination's copy as it is now and
// as replicatedContent says it will be, and the counts per destination server the confirmation shows.
import type { DHCPScope } from '../api/types';
import { checkDrift } from './driftCheck';
import { scopeContentText, type ScopeContent } from './scopeContentText';
import { describeChanges, replicatedContent, scopeDifferences, type ScopeDifference } from './scopeDrift';

/** One failover scope a replicate covers: the copy it copies from and the copy it replaces. */
export interface ReplicateTarget {
  network: string;
  /** The destination server's name (Replicate All Failover Scopes on Server can reach several partners). */
  destination: string;
  source?: DHCPScope;
  destinationScope?: DHCPScope;
}

export type ScopePreview =
  /** `now`: the destination's copy, which the replicate leaves as it is. */
  | { status: 'same'; now: ScopeContent }
  /** `differences` turn `now` (the destination's copy) into `after`. */
  | { status: 'changes'; differences: ScopeDifference[]; now: ScopeContent; after: ScopeContent }
  | { status: 'missing'; missingOn: 'source' | 'destination' }
  /** A copy could not be read; the message says why. */
  | { status: 'failed'; message: string };

export interface ReplicatePreviewOptions {
  concurrency: number;
  signal?: AbortSignal;
  /** Called as each scope's copies have been read (for progress). */
  onRead?: () => void;
}

export interface ReplicatePreview {
  /** By index of the targets; undefined for a scope a cancelled reading did not reach. */
  scopes: Array<ScopePreview | undefined>;
  cancelled: boolean;
  copiesRead: number;
}

export async function previewReplicate(
  targets: readonly ReplicateTarget[],
  read: (scope: DHCPScope) => Promise<ScopeContent>,
  options: ReplicatePreviewOptions,
): Promise<ReplicatePreview> {
  // The contents read are kept (by instance, not by ref: a ref may name a scope by its network on either server).
  const contents = new Map<DHCPScope, ScopeContent>();
  const remember = async (scope: DHCPScope): Promise<ScopeContent> => {
    const content = await read(scope);
    contents.set(scope, content);
    return content;
  };
  // Drift reads from the first copy towards the second: here from the destination towards the source.
  const instances = targets.map((target) => ({ network: target.network, primary: target.destinationScope, secondary: target.source }));
  const outcome = await checkDrift(instances, remember, { concurrency: options.concurrency, signal: options.signal, onResult: () => options.onRead?.() });
  const scopes = outcome.results.map((result, index): ScopePreview | undefined => {
    if (result === undefined) return undefined;
    if (result.status === 'failed') return result;
    if (result.status === 'missing') return { status: 'missing', missingOn: result.missingOn === 'primary' ? 'destination' : 'source' };
    const target = targets[index];
    const now = contents.get(target.destinationScope as DHCPScope) as ScopeContent;
    const after = replicatedContent(contents.get(target.source as DHCPScope) as ScopeContent, now);
    const differences = scopeDifferences(now, after);
    return differences.length === 0 ? { status: 'same', now } : { status: 'changes', differences, now, after };
  });
  return { scopes, cancelled: outcome.cancelled, copiesRead: outcome.copiesRead };
}

/** What a replicate does to one destination server. */
export interface DestinationPreview {
  destination: string;
  /** The scopes whose copy there changes, in the targets' order. */
  changed: Array<{ network: string; now: ScopeContent; after: ScopeContent; differences: ScopeDifference[] }>;
  /** Networks already the same there. */
  same: string[];
  /** Networks with no copy on the destination, or none on the source. */
  missingOnDestination: string[];
  missingOnSource: string[];
  /** Networks whose copies could not be read, with why. */
  failed: Array<{ network: string; message: string }>;
}

/** The previews grouped by destination server, in the order the destinations first appear. */
export function destinationPreviews(targets: readonly ReplicateTarget[], scopes: ReadonlyArray<ScopePreview | undefined>): DestinationPreview[] {
  const byDestination = new Map<string, DestinationPreview>();
  targets.forEach((target, index) => {
    const preview = scopes[index];
    if (!preview) return;
    let entry = byDestination.get(target.destination);
    if (!entry) {
      entry = { destination: target.destination, changed: [], same: [], missingOnDestination: [], missingOnSource: [], failed: [] };
      byDestination.set(target.destination, entry);
    }
    if (preview.status === 'same') entry.same.push(target.network);
    else if (preview.status === 'changes') entry.changed.push({ network: target.network, now: preview.now, after: preview.after, differences: preview.differences });
    else if (preview.status === 'failed') entry.failed.push({ network: target.network, message: preview.message });
    else if (preview.missingOn === 'destination') entry.missingOnDestination.push(target.network);
    else entry.missingOnSource.push(target.network);
  });
  return [...byDestination.values()];
}

const scopes = (count: number): string => `${count} scope${count === 1 ? '' : 's'}`;

/**
 * One line for a destination: "dhcp-nyc-01: 3 reservations added, 1 replaced, 2 options changed"; with several scopes
 * also how many change and how many are already the same.
 */
export function destinationSummary(preview: DestinationPreview): string {
  const changes = describeChanges(preview.changed.flatMap((scope) => scope.differences));
  const total = preview.changed.length + preview.same.length;
  if (total <= 1 && preview.changed.length === 1) return `${preview.destination}: ${changes}`;
  if (preview.changed.length === 0) return `${preview.destination}: no change (${scopes(preview.same.length)} already the same)`;
  const same = preview.same.length === 0 ? '' : `, ${preview.same.length} already the same`;
  const verb = preview.changed.length === 1 ? 'changes' : 'change';
  return `${preview.destination}: ${changes} (${scopes(preview.changed.length)} ${verb}${same})`;
}

/** What the preview could not account for, said plainly, one sentence per kind. */
export function previewGaps(preview: DestinationPreview, sourceName: string): string[] {
  const gaps: string[] = [];
  const list = (networks: readonly string[]) => networks.join(', ');
  if (preview.missingOnDestination.length > 0) {
    gaps.push(
      `${list(preview.missingOnDestination)} ${preview.missingOnDestination.length === 1 ? 'has' : 'have'} no copy on ${preview.destination}: ` +
        `there is nothing there to replace, and this preview cannot say what Micetro does with ${preview.missingOnDestination.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (preview.missingOnSource.length > 0) {
    gaps.push(`${list(preview.missingOnSource)} ${preview.missingOnSource.length === 1 ? 'is' : 'are'} not on ${sourceName}: there is nothing to copy, so ${preview.destination} keeps its copy.`);
  }
  for (const { network, message } of preview.failed) gaps.push(`${network} could not be read (${message}), so its changes are not counted.`);
  return gaps;
}

/** The two documents of Show Changes: each changed scope's text on the destination now, and after the replicate. */
export function previewTexts(preview: DestinationPreview): { now: string; after: string } {
  return {
    now: preview.changed.map((scope) => scopeContentText(scope.now)).join('\n'),
    after: preview.changed.map((scope) => scopeContentText(scope.after)).join('\n'),
  };
}
