// What every command needs, passed explicitly; `prompts` is swapped by the integration tests.
import type * as vscode from 'vscode';
import type { MicetroApi } from '../../api/micetroApi';
import type { PreviewDocumentProvider } from '../compare/previewDocuments';
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
  /** The snapshot documents of a replicate's Show Changes. */
  readonly previews: PreviewDocumentProvider;
  prompts: Prompts;
}

/**
 * The client of the connection current now, for a command or a wizard panel to use from start to end: its targets
 * were read there. Once the user switched to another Micetro or disconnected, its calls fail with a message instead
 * of changing an object of the same name elsewhere (or sending a password Micetro rejected). A clear error when not
 * connected at all.
 */
export function requireClient(context: CommandContext): MicetroApi {
  const current = context.connection.current;
  if (current.kind === 'none') throw new Error('Not connected. Use the built-in simulator or connect to Micetro first.');
  const client = current.client;
  return new Proxy(client, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]): unknown => {
        if (context.connection.current !== current) {
          return Promise.reject(new Error('The connection changed since this started; nothing was sent. Open it again to work on the current connection.'));
        }
        return (member as (...parameters: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
