// The one error-handling wrapper: a cancelled question ends silently; any other failure goes to the log in
// full and to the user as one line (Micetro's message and code) with a Show Log button.
import * as vscode from 'vscode';
import { describeError, logError } from '../log';
import { isCancellation } from '../prompts';
import type { CommandContext } from './commandContext';

export function registerCommand(
  context: CommandContext,
  id: string,
  /** What the user sees the failure as, e.g. "Could not remove the failover relationship". */
  failure: string,
  handler: (...args: never[]) => Promise<void>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      await handler(...(args as never[]));
    } catch (error) {
      if (isCancellation(error)) return;
      logError(context.log, id, error);
      context.prompts.showError(`${failure}: ${describeError(error)}`);
    }
  });
}

/** Long work shows progress in the Servers view, where its result will appear. */
export function withViewProgress<T>(title: string, work: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: { viewId: 'dhcpFailover.servers' }, title }, work));
}
