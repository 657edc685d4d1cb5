// The one error-handling wrapper: a cancelled question ends silently; any other failure goes to the log in
// full and to the user as one line (Micetro's message and code) with a Show Log button.
import * as vscode from 'vscode';
import { describeError, logError } from '../log';
import { plainText } from '../plainText';
import { isCancellation } from '../prompts';
import { SERVERS_VIEW_ID } from '../tree/serversTreeProvider';
import type { CommandContext } from './commandContext';
import type { CommandId, DhcpFailoverCommands } from './commandMap';

export function registerCommand<K extends CommandId>(
  context: CommandContext,
  id: K,
  /** What the user sees the failure as, e.g. "Could not remove the failover relationship". */
  failure: string,
  /** What it returns reaches `executeCommand`'s caller (the wizard commands return their panel). */
  handler: DhcpFailoverCommands[K],
): vscode.Disposable {
  // VS Code hands over whatever the menu or the caller passed; the handlers narrow their node with instanceof.
  const run = handler as (...args: unknown[]) => ReturnType<DhcpFailoverCommands[K]>;
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await run(...args);
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
  return Promise.resolve(vscode.window.withProgress({ location: { viewId: SERVERS_VIEW_ID }, title: plainText(title) }, work));
}
