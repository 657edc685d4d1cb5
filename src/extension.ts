// Wiring only: the log, the connection, the two views, the status bar, auto-refresh and every command.
// The simulator starts after activate() returns, so activation stays cheap.
import * as vscode from 'vscode';
import { registerCompareCommands } from './ui/commands/compareCommands';
import { registerConnectionCommands } from './ui/commands/connectionCommands';
import { registerDriftCommands } from './ui/commands/driftCommands';
import { createDriftFeature, type DriftFeature } from './ui/drift/driftFeature';
import { SCOPE_DOCUMENT_SCHEME, ScopeDocumentProvider } from './ui/compare/scopeDocuments';
import { PREVIEW_DOCUMENT_SCHEME, PreviewDocumentProvider } from './ui/compare/previewDocuments';
import type { CommandContext } from './ui/commands/commandContext';
import { registerRelationshipCommands } from './ui/commands/relationshipCommands';
import { registerReplicationCommands } from './ui/commands/replicationCommands';
import { registerScopeCommands } from './ui/commands/scopeCommands';
import { registerSimulatorCommands } from './ui/commands/simulatorCommands';
import { registerViewCommands } from './ui/commands/viewCommands';
import { startAutoRefresh } from './ui/autoRefresh';
import { affectsClientSettings } from './ui/connection/clientSettings';
import { ConnectionManager } from './ui/connection/connectionManager';
import { CredentialStore } from './ui/connection/credentialStore';
import { createLog, describeError, logError } from './ui/log';
import { WindowPrompts, type Prompts } from './ui/prompts';
import { createConnectionStatusBar } from './ui/statusBar';
import { InventoryCache } from './ui/tree/inventoryCache';
import { ScopesTreeProvider } from './ui/tree/scopesTreeProvider';
import { ServersTreeProvider } from './ui/tree/serversTreeProvider';
import { TreeViews } from './ui/tree/treeViews';

/**
 * What activate() returns outside production (integration tests, extension development): used by the integration
 * tests (and the wizard tests) to drive the extension. An installed extension exposes nothing.
 */
export interface DhcpFailoverApi {
  readonly connection: ConnectionManager;
  readonly views: TreeViews;
  readonly log: vscode.LogOutputChannel;
  /** The status bar item saying where the extension is connected, and how. */
  readonly statusBar: vscode.StatusBarItem;
  /** Check for Drift: its marks and the checker (the tests cancel a check through it, as the notification does). */
  readonly drift: DriftFeature;
  /** Time spent in activate(), in milliseconds (the simulator starts afterwards). */
  readonly activationMs: number;
  /** Replaces every question and notification of the commands; returns the prompts it replaced. */
  setPrompts(prompts: Prompts): Prompts;
}

let connection: ConnectionManager | undefined;

export function activate(context: vscode.ExtensionContext): DhcpFailoverApi | undefined {
  const started = performance.now();
  const log = createLog();
  const credentials = new CredentialStore(context.secrets, context.globalState);
  connection = new ConnectionManager(context, credentials, log);
  const current = connection;
  const inventory = new InventoryCache(() => {
    if (current.current.kind === 'none') throw new Error('Not connected.');
    return current.current.client;
  });
  const servers = new ServersTreeProvider(current, inventory, log);
  const scopes = new ScopesTreeProvider(current, inventory, context.workspaceState, log);
  const views = new TreeViews(inventory, servers, scopes);
  // Every refresh reaches the Scopes view (it lists both servers' instances), so its event refreshes the documents.
  const scopeDocuments = new ScopeDocumentProvider(current, inventory, scopes.onDidChangeTreeData);
  const drift = createDriftFeature(current, views, log);
  const statusBar = createConnectionStatusBar(current);
  const previews = new PreviewDocumentProvider();
  const commandContext: CommandContext = { extensionUri: context.extensionUri, log, connection: current, credentials, views, previews, prompts: new WindowPrompts(log) };

  context.subscriptions.push(
    log,
    current,
    servers,
    scopes,
    servers.view,
    scopes.view,
    scopeDocuments,
    drift,
    vscode.workspace.registerTextDocumentContentProvider(SCOPE_DOCUMENT_SCHEME, scopeDocuments),
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_DOCUMENT_SCHEME, previews),
    current.onDidChange(() => views.reset()),
    current.onDidRejectPassword((login) =>
      commandContext.prompts.showError(`Micetro at ${login.url} rejected the password of ${login.user}; disconnected. Reconnect to enter it again.`, {
        title: 'Reconnect…',
        command: 'dhcpFailover.connectToMicetro',
      }),
    ),
    current.onDidRefuseBasic((login) =>
      commandContext.prompts.showInfo(
        `Micetro at ${login.url} does not accept HTTP Basic authentication (it is switched off there), so DHCP Failover logs in for a session instead; the password is kept. Set dhcpFailover.authentication to "session" to skip the refused attempt.`,
      ),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('dhcpFailover.simulator.profile')) {
        current.applySimulatorProfile().catch((error: unknown) => {
          logError(log, 'Restarting the built-in simulator in the changed profile', error);
          commandContext.prompts.showError(`The built-in simulator could not start in the changed profile: ${describeError(error)}`);
        });
      }
      if (!affectsClientSettings(event)) return;
      current.applyClientSettings().catch((error: unknown) => {
        logError(log, 'Applying the changed connection settings', error);
        if (!current.isRejectedPassword(error)) commandContext.prompts.showError(`The changed settings could not be applied: ${describeError(error)}`);
      });
    }),
    statusBar,
    startAutoRefresh(views, current),
    ...registerConnectionCommands(commandContext),
    ...registerViewCommands(commandContext),
    ...registerRelationshipCommands(commandContext),
    ...registerScopeCommands(commandContext),
    ...registerReplicationCommands(commandContext),
    ...registerCompareCommands(commandContext),
    ...registerDriftCommands(commandContext, drift.checker),
    ...registerSimulatorCommands(commandContext),
  );

  current.restore().catch((error: unknown) => {
    logError(log, 'Connecting', error);
    if (!current.isRejectedPassword(error)) commandContext.prompts.showError(`Could not connect: ${describeError(error)}`);
  });

  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  if (context.extensionMode === vscode.ExtensionMode.Production) return undefined;
  return {
    connection: current,
    views,
    drift,
    log,
    statusBar: statusBar.item,
    activationMs,
    setPrompts(prompts) {
      const previous = commandContext.prompts;
      commandContext.prompts = prompts;
      return previous;
    },
  };
}

export async function deactivate(): Promise<void> {
  await connection?.shutdown();
  connection = undefined;
}
