// The one error-handling wrapper: a cancelled question ends silently; any other failure goes to the log in
// full and to the user as one line (Micetro's message and code) with a Show Log button.
import * as vscode from 'vscode';
import { describeError, logError } from '../log';
import { plainText } from '../plainText';
import { isCancellation } from '../prompts';
import type { CommandContext } from './commandContext';

export function registerCommand(
  context: CommandContext,
  id: string,
  /** What the user sees the failure as, e.g. "Could not remove the failover relationship". */
  failure: string,
  /** What it returns reaches `executeCommand`'s caller (the wizard commands return their panel). */
  handler: (...args: never[]) => Promise<unknown>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...(args as never[]));
    } catch (error) {
      if (isCancellation(error)) return undefined;
      logError(context.log, id, error);
      // A password Micetro rejected mid-session was already reported once, with a Reconnect… button.
      if (context.connection.isRejectedPassword(error)) return undefined;
      context.prompts.showError(`${failure}: ${describeError(error)}`);
      return undefined;
    }
  });
}

/** Long work shows progress in the Servers view, where its result will appear. */
export function withViewProgress<T>(title: string, work: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: { viewId: 'dhcpFailover.servers' }, title: plainText(title) }, work));
}
