// How the extension runs its own commands: the id and the arguments are checked against the command map.
import * as vscode from 'vscode';
import type { CommandId, DhcpFailoverCommands } from './commandMap';

/** Resolves to what the handler returned, or undefined when the command failed or was cancelled (see registerCommand). */
export function executeCommand<K extends CommandId>(
  id: K,
  ...args: Parameters<DhcpFailoverCommands[K]>
): Thenable<Awaited<ReturnType<DhcpFailoverCommands[K]>> | undefined> {
  return vscode.commands.executeCommand(id, ...args);
}
