// After scopes joined a relationship, Windows synchronises the partners (Starting up → … → Normal). The view
// follows the state until it settles, and the user is told where it ended, instead of seeing it on the next
// auto-refresh half a minute later. The command itself does not wait: the user can go on meanwhile.
import { isSynchronising, stateLabel } from '../../failover';
import { describeError } from '../log';
import type { CommandContext } from './commandContext';
import { withViewProgress } from './registerCommand';

/** How often the state is read while it moves, and how long it is followed before the view is left to auto-refresh. */
export interface SettleTiming {
  pollMs: number;
  limitMs: number;
}

const DEFAULT_TIMING: SettleTiming = { pollMs: 1_000, limitMs: 120_000 };

/**
 * Follows `name` on its primary until it is no longer synchronising, then reports `done` with the state's label
 * ("… 10.0.1.0/24 was added … rvk-lon is Normal"). Stops quietly when the connection changes or the relationship goes.
 */
export function followUntilSettled(
  context: CommandContext,
  primaryRef: string,
  name: string,
  done: (stateText: string) => string,
  timing: SettleTiming = DEFAULT_TIMING,
): Promise<void> {
  const connection = context.connection.current;
  const stillConnected = () => context.connection.current === connection;
  /** The primary's side of the relationship, as read now. */
  const read = async () => (await context.views.inventory.getPairs(primaryRef)).find((pair) => pair.name === name)?.primary;
  return withViewProgress(`Waiting for ${name} to finish synchronising…`, async () => {
    const deadline = Date.now() + timing.limitMs;
    let primary = await read();
    // With no state reported (a real Micetro may send none), there is nothing to wait for.
    while (primary && isSynchronising(primary.state) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, timing.pollMs));
      if (!stillConnected()) return;
      await context.views.refreshStates();
      primary = await read();
    }
    if (!primary || !stillConnected()) return;
    const state = primary.state;
    if (state === undefined) context.prompts.showInfo(done(`Micetro reports no failover state for ${name}; the servers synchronise on their own`));
    else if (isSynchronising(state)) context.prompts.showInfo(done(`${name} is still ${stateLabel(state, 1)}; the view follows it on its next refresh`));
    else context.prompts.showInfo(done(`${name} is ${stateLabel(state, primary.scopeRefs.length)}`));
  }).catch((error: unknown) => {
    // The change was made; only following it failed. Say so once, without claiming the add failed.
    context.log.warn(`Following ${name} after the change failed: ${describeError(error)}`);
  });
}
