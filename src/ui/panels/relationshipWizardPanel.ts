// Hosts the Add / Edit Failover Relationship wizard: wires the page of a webview panel to the vscode-free
// RelationshipWizardHost (src/wizards), which loads, sends and closes. This file holds no rules.
import * as vscode from 'vscode';
import type { MicetroClient } from '../../api/micetroClient';
import type { RelationshipWizardFromWebview, RelationshipWizardToWebview } from '../../wizards/messages';
import { RelationshipWizardHost, type RelationshipWizardTarget } from '../../wizards/relationshipWizardHost';
import { describeError, logError } from '../log';
import { wizardHtml, wizardResourceRoots } from './wizardHtml';

export interface RelationshipWizardOptions extends RelationshipWizardTarget {
  extensionUri: vscode.Uri;
  client: MicetroClient;
  log: vscode.LogOutputChannel;
}

export class RelationshipWizardPanel {
  /** Every message sent to the page, in order (what integration tests read). */
  readonly posted: RelationshipWizardToWebview[] = [];
  private readonly host: RelationshipWizardHost;
  private closed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    options: RelationshipWizardOptions,
  ) {
    const { client, log } = options;
    this.host = new RelationshipWizardHost(
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
    panel.onDidDispose(() => (this.closed = true));
    panel.webview.onDidReceiveMessage((message: RelationshipWizardFromWebview) => this.receive(message));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Handles one message from the page; integration tests call it exactly as the page would. */
  receive(message: RelationshipWizardFromWebview): Promise<void> {
    return this.host.receive(message);
  }

  private post(message: RelationshipWizardToWebview): void {
    if (this.closed) return;
    this.posted.push(message);
    void this.panel.webview.postMessage(message);
  }
}

/** Opens the wizard in a new editor tab; returns the panel (tests drive it through `receive`). */
export function openRelationshipWizard(options: RelationshipWizardOptions): RelationshipWizardPanel {
  const title = options.existing ? `Edit ${options.existing.name}` : 'Add Failover Relationship';
  const panel = vscode.window.createWebviewPanel('dhcpFailover.relationshipWizard', title, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: wizardResourceRoots(options.extensionUri),
    // The typed shared secret lives only in the page's memory; keeping the page alive while hidden keeps it.
    retainContextWhenHidden: true,
  });
  panel.webview.html = wizardHtml(panel.webview, options.extensionUri, 'relationshipWizard', title);
  return new RelationshipWizardPanel(panel, options);
}
