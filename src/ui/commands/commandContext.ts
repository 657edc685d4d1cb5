// What every command needs, passed explicitly; `prompts` is swapped by the integration tests.
import type * as vscode from 'vscode';
import type { MicetroApi } from '../../api/micetroApi';
import type { ConnectionManager } from '../connection/connectionManager';
import type { CredentialStore } from '../connection/credentialStore';
import type { Prompts } from '../prompts';
import type { TreeViews } from '../tree/treeViews';

export interface CommandContext {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly connection: ConnectionManager;
  readonly credentials: CredentialStore;
  readonly views: TreeViews;
  prompts: Prompts;
}

/** The client of the current connection; a clear error when there is none. */
export function requireClient(context: CommandContext): MicetroApi {
  const current = context.connection.current;
  if (current.kind === 'none') throw new Error('Not connected. Use the built-in simulator or connect to Micetro first.');
  return current.client;
}
