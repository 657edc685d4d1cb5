// Hosts the Create Scope form: wires the page of a webview panel to the vscode-free CreateScopeHost (src/wizards),
// which loads, creates, adds to the relationship and keeps the last result. This file holds no rules.
import * as vscode from 'vscode';
import type { MicetroClient } from '../../api/micetroClient';
import { CreateScopeHost, type CreateScopeTarget } from '../../wizards/createScopeHost';
import type { CreateScopeFromWebview, CreateScopeToWebview } from '../../wizards/messages';
import { describeError, logError } from '../log';
import { wizardHtml, wizardResourceRoots } from './wizardHtml';

export interface CreateScopeOptions extends CreateScopeTarget {
  extensionUri: vscode.Uri;
  client: MicetroClient;
  log: vscode.LogOutputChannel;
}

export class CreateScopePanel {
  /** Every message sent to the page, in order (what integration tests read). */
  readonly posted: CreateScopeToWebview[] = [];
  private readonly host: CreateScopeHost;
  private closed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    options: CreateScopeOptions,
  ) {
    const { client, log } = options;
    this.host = new CreateScopeHost(
      {
        client,
        log,
        logFailure: (doing, error) => logError(log, doing, error),
        describe: describeError,
        post: (message) => this.post(message),
        close: () => panel.dispose(),
      },
      options,
    );
    panel.onDidDispose(() => {
      this.closed = true;
      void this.host.disposed();
    });
    panel.webview.onDidReceiveMessage((message: CreateScopeFromWebview) => this.receive(message));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Handles one message from the page; integration tests call it exactly as the page would. */
  receive(message: CreateScopeFromWebview): Promise<void> {
    return this.host.receive(message);
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
    // A result that arrives while the tab is hidden reaches the live page; after a reload the host sends it again.
    retainContextWhenHidden: true,
  });
  panel.webview.html = wizardHtml(panel.webview, options.extensionUri, 'createScope', 'Create Scope');
  return new CreateScopePanel(panel, options);
}
