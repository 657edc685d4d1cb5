// Read-only virtual documents (`dhcp-failover-scope:`), each one scope instance's configuration as the normalised
// text of scopeContentText, read afresh whenever the views refresh. The URI carries the server and scope refs in its
// query and a readable path (server name / network) for the tab.
import * as vscode from 'vscode';
import type { DHCPScope, DHCPServer } from '../../api/types';
import { readScopeContent, scopeCidr, scopeContentText } from '../../failover';
import type { ConnectionManager } from '../connection/connectionManager';
import { describeError } from '../log';
import type { InventoryCache } from '../tree/inventoryCache';

export const SCOPE_DOCUMENT_SCHEME = 'dhcp-failover-scope';

/** A path segment that stays one segment (a network's `/` would split it). */
const segment = (text: string): string => text.replace(/[/\\]/g, '_');

/** The document of `scope`, the instance on `server`. */
export function scopeDocumentUri(server: DHCPServer, scope: DHCPScope): vscode.Uri {
  return vscode.Uri.from({
    scheme: SCOPE_DOCUMENT_SCHEME,
    path: `/${segment(server.name)}/${segment(scopeCidr(scope))}`,
    query: new URLSearchParams({ server: server.ref, scope: scope.ref }).toString(),
  });
}

export class ScopeDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private refreshQueued = false;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly inventory: InventoryCache,
    /** Fires when the views refresh: every open document is read again then. */
    viewsRefreshed: vscode.Event<unknown>,
  ) {
    this.subscription = viewsRefreshed(() => this.queueRefresh());
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const serverRef = query.get('server') ?? '';
    const scopeRef = query.get('scope') ?? '';
    const current = this.connection.current;
    if (current.kind === 'none') return 'Not connected.\n';
    try {
      const scope = (await this.inventory.getScopes(serverRef)).find((candidate) => candidate.ref === scopeRef);
      if (!scope) return `The scope instance ${scopeRef} is no longer on this server.\n`;
      return scopeContentText(await readScopeContent(current.client, scope));
    } catch (error) {
      // Shown in the document itself: a refresh that fails must not leave the old text looking current.
      return `Could not read this scope instance: ${describeError(error)}\n`;
    }
  }

  /** Several refresh events in a row (both views, each server) read the documents once. */
  private queueRefresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    setImmediate(() => {
      this.refreshQueued = false;
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === SCOPE_DOCUMENT_SCHEME) this.changed.fire(document.uri);
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
