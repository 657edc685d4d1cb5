// The preview every replicate confirms with: both copies of each scope it covers read first (a few at a time,
// `dhcpFailover.drift.concurrency`), then per destination server what changes there, with Show Changes opening the
// diff of the destination now and after. A replicate that changes nothing says so and is not sent.
import * as vscode from 'vscode';
import type { MicetroApi } from '../../api/micetroApi';
import {
  destinationPreviews,
  destinationSummary,
  failoverScopeInstances,
  otherSide,
  previewGaps,
  previewReplicate,
  previewTexts,
  readScopeContent,
  type FailoverPair,
  type FailoverSide,
  type ReplicateTarget,
  type ScopePreview,
} from '../../failover';
import { driftConcurrency } from '../drift/driftConcurrency';
import { plainText } from '../plainText';
import { CancelledError } from '../prompts';
import type { CommandContext } from './commandContext';
import { withViewProgress } from './registerCommand';
import { nothingToDo } from './targets';

const REPLICATE = 'Replicate';
const SHOW_CHANGES = 'Show Changes';

/** Every failover scope of `pair` as a replicate from `source` covers it. */
export async function pairTargets(context: CommandContext, pair: FailoverPair, source: FailoverSide): Promise<ReplicateTarget[]> {
  const { inventory } = context.views;
  const [primaryScopes, secondaryScopes] = await Promise.all([inventory.getScopes(pair.primary.server.ref), inventory.getScopes(pair.secondary.server.ref)]);
  const fromPrimary = source === pair.primary;
  const destination = otherSide(pair, source).server.name;
  return failoverScopeInstances(pair, primaryScopes, secondaryScopes).map((instances) => ({
    network: instances.network,
    destination,
    source: fromPrimary ? instances.primary : instances.secondary,
    destinationScope: fromPrimary ? instances.secondary : instances.primary,
  }));
}

/** Reads the copies, with progress; a reading of several scopes can be cancelled (CancelledError). */
export async function readCopies(client: MicetroApi, targets: readonly ReplicateTarget[], title: string): Promise<Array<ScopePreview | undefined>> {
  const read = (signal?: AbortSignal, onRead?: () => void) =>
    previewReplicate(targets, (scope) => readScopeContent(client, scope), { concurrency: driftConcurrency(), signal, onRead });
  if (targets.length <= 1) return (await withViewProgress(title, () => read())).scopes;
  const preview = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: plainText(title), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      let done = 0;
      try {
        return await read(controller.signal, () => {
          done += 1;
          progress.report({ increment: 100 / targets.length, message: `${done} of ${targets.length} scopes` });
        });
      } finally {
        subscription.dispose();
      }
    },
  );
  if (preview.cancelled) throw new CancelledError();
  return preview.scopes;
}

export interface ReplicateQuestion {
  /** "Replicate the scope 10.0.1.0/24 from dhcp-a to dhcp-b?" */
  question: string;
  /** What is replicated, as the no-change notice names it: "10.0.1.0/24", "The 5 scopes of nyc-pair". */
  what: string;
  sourceName: string;
  targets: readonly ReplicateTarget[];
  /** What Micetro replaces, said after the preview. */
  consequence: string;
}

/**
 * Reads the preview and asks; returns when the user chose Replicate. Show Changes opens the diffs, then asks again
 * in a notification, so the diff stays readable while the question waits.
 */
export async function confirmReplicate(context: CommandContext, client: MicetroApi, ask: ReplicateQuestion): Promise<void> {
  const previews = destinationPreviews(ask.targets, await readCopies(client, ask.targets, `Reading what replicating ${ask.what} changes…`));
  const changed = previews.filter((preview) => preview.changed.length > 0);
  const unknown = previews.some((preview) => preview.failed.length > 0 || preview.missingOnDestination.length > 0);
  if (changed.length === 0 && !unknown) {
    const destinations = [...new Set(ask.targets.map((target) => target.destination))].join(', ');
    const verb = ask.targets.length === 1 ? 'is' : 'are';
    nothingToDo(context, `${ask.what} ${verb} already the same on ${destinations}; nothing to replicate.`);
  }
  const summaries = previews.map(destinationSummary);
  const gaps = previews.flatMap((preview) => previewGaps(preview, ask.sourceName));
  const detail = [...summaries, ...gaps, '', ask.consequence].join('\n');
  const actions = changed.length > 0 ? [REPLICATE, SHOW_CHANGES] : [REPLICATE];
  if ((await context.prompts.choose(ask.question, detail, actions)) === REPLICATE) return;
  for (const preview of changed) {
    const { now, after } = previewTexts(preview);
    await context.previews.showDiff(`${preview.destination}: now ↔ after replicate from ${ask.sourceName}`, preview.destination, now, after);
  }
  await context.prompts.choose(ask.question, summaries.join('; '), [REPLICATE], false);
}
