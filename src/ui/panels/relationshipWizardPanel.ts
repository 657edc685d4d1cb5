// Hosts the Add / Edit Failover Relationship wizard: loads what the wizard needs through the client, sends what the
// page submits, and closes on success. The rules and the payload come from src/wizards; this file only moves data.
import * as vscode from 'vscode';
import type { MicetroClient } from '../../api/micetroClient';
import type { DHCPFailoverRelationship, DHCPServer } from '../../api/types';
import type { RelationshipWizardFromWebview, RelationshipWizardToWebview } from '../../wizards/messages';
import { MODE_LABELS, relationshipToSend, type RelationshipWizardSetup } from '../../wizards/relationshipWizard';
import { relationshipWizardSetup } from '../../wizards/relationshipWizardSetup';
import { describeError, logError } from '../log';
import { wizardHtml, wizardResourceRoots } from './wizardHtml';

export interface RelationshipWizardOptions {
  extensionUri: vscode.Uri;
  client: MicetroClient;
  log: vscode.LogOutputChannel;
  /** Add: the server started from; Edit: the relationship's primary. */
  primary: DHCPServer;
  /** Edit mode when given (name and servers fixed). */
  existing?: DHCPFailoverRelationship;
  onSaved(saved: { name: string; primaryServerRef: string }): Promise<void>;
}

export class RelationshipWizardPanel {
  /** Every message sent to the page, in order (what integration tests read). */
  readonly posted: RelationshipWizardToWebview[] = [];
  private readonly setup: Promise<RelationshipWizardSetup>;
  private closed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly options: RelationshipWizardOptions,
  ) {
    panel.onDidDispose(() => (this.closed = true));
    panel.webview.onDidReceiveMessage((message: RelationshipWizardFromWebview) => this.receive(message));
    this.setup = this.load();
    // Rejections are reported to the page on `ready`; this keeps them from going unhandled meanwhile.
    this.setup.catch(() => undefined);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Handles one message from the page; integration tests call it exactly as the page would. */
  async receive(message: RelationshipWizardFromWebview): Promise<void> {
    switch (message.t) {
      case 'ready':
        try {
          this.post({ t: 'init', setup: await this.setup });
        } catch (error) {
          this.post({ t: 'loadFailed', message: `Could not read the DHCP servers and their relationships: ${describeError(error)}` });
        }
        return;
      case 'cancel':
        this.panel.dispose();
        return;
      case 'submit':
        return this.save(await this.setup, message);
    }
  }

  private async load(): Promise<RelationshipWizardSetup> {
    const { client, primary, existing, log } = this.options;
    try {
      const [servers, relationships] = await Promise.all([existing ? Promise.resolve([]) : client.getDHCPServers(), client.getDHCPFailoverRelationships()]);
      return relationshipWizardSetup(primary, servers, relationships, existing);
    } catch (error) {
      logError(log, 'Loading the failover relationship wizard', error);
      throw error;
    }
  }

  private async save(setup: RelationshipWizardSetup, message: Extract<RelationshipWizardFromWebview, { t: 'submit' }>): Promise<void> {
    const { client, log } = this.options;
    const relationship = relationshipToSend(setup, message.state, message.sharedSecret);
    if (!relationship) {
      this.post({ t: 'saveFailed', message: 'Some values are not valid yet; go back to the step that shows a message.' });
      return;
    }
    const verb = setup.kind === 'edit' ? 'Modifying' : 'Adding';
    const secret = relationship.sharedSecret === undefined ? 'secret unchanged' : relationship.sharedSecret === '' ? 'message authentication off' : 'new shared secret';
    log.info(
      `${verb} failover relationship "${relationship.name}" (${relationship.primaryServer} ⇄ ${relationship.secondaryServer}, ` +
        `${MODE_LABELS[relationship.failoverMode]} ${relationship.percentage} %, MCLT ${relationship.mclt} s, switchover ${relationship.safePeriod} s, ${secret})`,
    );
    try {
      if (setup.kind === 'edit') await client.modifyDHCPFailoverRelationship(relationship);
      else await client.addDHCPFailoverRelationship(relationship);
    } catch (error) {
      logError(log, `${verb} failover relationship "${relationship.name}"`, error);
      this.post({ t: 'saveFailed', message: describeError(error) });
      return;
    }
    log.info(`${setup.kind === 'edit' ? 'Modified' : 'Added'} failover relationship "${relationship.name}".`);
    this.panel.dispose();
    try {
      await this.options.onSaved({ name: relationship.name, primaryServerRef: setup.primary.ref });
    } catch (error) {
      logError(log, `Showing failover relationship "${relationship.name}"`, error);
    }
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
