// Hosts the Create Scope form: lists the servers, loads the chosen server's scopes and relationships, creates the
// scope and then adds it to the chosen relationship. If that second step fails the scope stays created and the
// form offers to retry the add. The rules and the payload come from src/wizards; this file only moves data.
import * as vscode from 'vscode';
import type { MicetroClient } from '../../api/micetroClient';
import type { DHCPServer } from '../../api/types';
import { createScopeSetup, isScopeReady, scopeServerContext, scopeToSend, type CreateScopeSetup, type ScopeServerContext } from '../../wizards/createScopeForm';
import type { CreateScopeFromWebview, CreateScopeToWebview } from '../../wizards/messages';
import { describeError, logError } from '../log';
import { wizardHtml, wizardResourceRoots } from './wizardHtml';

export interface CreateScopeOptions {
  extensionUri: vscode.Uri;
  client: MicetroClient;
  log: vscode.LogOutputChannel;
  server?: DHCPServer;
  relationshipName?: string;
  onCreated(created: { scopeRef: string; dhcpServerRef: string }): Promise<void>;
}

export class CreateScopePanel {
  /** Every message sent to the page, in order (what integration tests read). */
  readonly posted: CreateScopeToWebview[] = [];
  private readonly setup: Promise<CreateScopeSetup>;
  /** The last server context sent, so submit checks against what the page saw. */
  private readonly contexts = new Map<string, ScopeServerContext>();
  /** A scope that exists but is not yet in its relationship; reported to `onCreated` when the panel closes. */
  private created: { scopeRef: string; dhcpServerRef: string } | undefined;
  private closed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly options: CreateScopeOptions,
  ) {
    panel.onDidDispose(() => {
      this.closed = true;
      if (this.created) void this.finish(this.created);
    });
    panel.webview.onDidReceiveMessage((message: CreateScopeFromWebview) => this.receive(message));
    this.setup = options.client.getDHCPServers().then((servers) => createScopeSetup(servers, options.server?.ref, options.relationshipName));
    this.setup.catch((error) => logError(options.log, 'Loading the Create Scope form', error));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Handles one message from the page; integration tests call it exactly as the page would. */
  async receive(message: CreateScopeFromWebview): Promise<void> {
    switch (message.t) {
      case 'ready':
        try {
          this.post({ t: 'init', setup: await this.setup });
        } catch (error) {
          this.post({ t: 'loadFailed', message: `Could not read the DHCP servers: ${describeError(error)}` });
        }
        return;
      case 'loadServer':
        await this.loadServer(message.serverRef);
        return;
      case 'cancel':
        this.panel.dispose();
        return;
      case 'submit':
        return this.create(message.values);
      case 'retryAdd':
        return this.addToRelationship(message.scopeRef, message.dhcpServerRef, message.relationshipName, message.scopeName);
    }
  }

  private async loadServer(serverRef: string): Promise<ScopeServerContext | undefined> {
    const { client, log } = this.options;
    try {
      const [scopes, relationships] = await Promise.all([
        client.getDHCPScopes({ filter: `dhcpServerRef=${serverRef}` }),
        client.getDHCPFailoverRelationships(serverRef),
      ]);
      const context = scopeServerContext(serverRef, scopes, relationships);
      this.contexts.set(serverRef, context);
      this.post({ t: 'serverContext', context });
      return context;
    } catch (error) {
      logError(log, `Reading the scopes and relationships of ${serverRef}`, error);
      this.post({ t: 'serverLoadFailed', serverRef, message: describeError(error) });
      return undefined;
    }
  }

  private async create(values: Extract<CreateScopeFromWebview, { t: 'submit' }>['values']): Promise<void> {
    const { client, log } = this.options;
    const context = this.contexts.get(values.serverRef) ?? (await this.loadServer(values.serverRef));
    if (!isScopeReady(values, context)) {
      this.post({ t: 'createFailed', message: 'Some values are not valid yet; fix the fields that show a message.' });
      return;
    }
    const scope = scopeToSend(values);
    log.info(`Creating scope ${scope.name} on ${scope.dhcpServerRef}${values.relationshipName ? ` for failover relationship "${values.relationshipName}"` : ''}`);
    let scopeRef: string;
    try {
      scopeRef = await client.addDHCPScope(scope);
    } catch (error) {
      logError(log, `Creating scope ${scope.name}`, error);
      this.post({ t: 'createFailed', message: describeError(error) });
      return;
    }
    log.info(`Created scope ${scope.name} (${scopeRef}).`);
    this.created = { scopeRef, dhcpServerRef: scope.dhcpServerRef };
    if (!values.relationshipName) {
      this.close();
      return;
    }
    await this.addToRelationship(scopeRef, scope.dhcpServerRef, values.relationshipName, scope.name);
  }

  private async addToRelationship(scopeRef: string, dhcpServerRef: string, relationshipName: string, scopeName: string): Promise<void> {
    const { client, log } = this.options;
    this.created = { scopeRef, dhcpServerRef };
    try {
      await client.addScopesToFailoverRelationship(dhcpServerRef, relationshipName, [scopeRef]);
    } catch (error) {
      logError(log, `Adding scope ${scopeName} to failover relationship "${relationshipName}"`, error);
      this.post({ t: 'addToRelationshipFailed', scopeRef, scopeName, dhcpServerRef, relationshipName, message: describeError(error) });
      return;
    }
    log.info(`Added scope ${scopeName} to failover relationship "${relationshipName}".`);
    this.close();
  }

  /** Closes the panel; the dispose handler reports the created scope. */
  private close(): void {
    this.panel.dispose();
  }

  private async finish(created: { scopeRef: string; dhcpServerRef: string }): Promise<void> {
    this.created = undefined;
    try {
      await this.options.onCreated(created);
    } catch (error) {
      this.options.log.error(`Showing the new scope failed: ${describeError(error)}`);
    }
  }

  private post(message: CreateScopeToWebview): void {
    if (this.closed) return;
    this.posted.push(message);
    void this.panel.webview.postMessage(message);
  }
}

/** Opens the form in a new editor tab; returns the panel (tests drive it through `receive`). */
export function openCreateScopeForm(options: CreateScopeOptions): CreateScopePanel {
  const panel = vscode.window.createWebviewPanel('dhcpFailover.createScope', 'Create Scope', vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: wizardResourceRoots(options.extensionUri),
  });
  panel.webview.html = wizardHtml(panel.webview, options.extensionUri, 'createScope', 'Create Scope');
  return new CreateScopePanel(panel, options);
}
