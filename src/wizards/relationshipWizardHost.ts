// The relationship wizard's host side without vscode: loads what the wizard needs through the client, answers the
// page's `ready` (again after a reload, or from the Retry of a failed load), sends what the page submits, and
// closes on success. The panel in src/ui/panels wires it to a webview.
import type { DHCPFailoverRelationship, DHCPServer } from '../api/types';
import type { RelationshipWizardFromWebview, RelationshipWizardToWebview } from './messages';
import { MODE_LABELS, relationshipToSend, type RelationshipWizardSetup } from './relationshipWizard';
import { relationshipWizardSetup } from './relationshipWizardSetup';
import { answerReady, RetryableLoad, type WizardHostDeps } from './wizardHost';

export interface RelationshipWizardTarget {
  /** Add: the server started from; Edit: the relationship's primary. */
  primary: DHCPServer;
  /** Edit mode when given (name and servers fixed). */
  existing?: DHCPFailoverRelationship;
  onSaved(saved: { name: string; primaryServerRef: string }): Promise<void>;
}

export class RelationshipWizardHost {
  private readonly setup: RetryableLoad<RelationshipWizardSetup>;
  private saving = false;

  constructor(
    private readonly deps: WizardHostDeps<RelationshipWizardToWebview>,
    private readonly target: RelationshipWizardTarget,
  ) {
    this.setup = new RetryableLoad(() => this.load());
  }

  async receive(message: RelationshipWizardFromWebview): Promise<void> {
    switch (message.t) {
      case 'ready':
        await answerReady(this.deps, this.setup, 'the DHCP servers and their relationships');
        return;
      case 'cancel':
        this.deps.close();
        return;
      case 'submit': {
        if (this.saving) return;
        let setup: RelationshipWizardSetup;
        try {
          setup = await this.setup.get();
        } catch (error) {
          this.deps.post({ t: 'saveFailed', message: `Could not read the DHCP servers and their relationships: ${this.deps.describe(error)}` });
          return;
        }
        this.saving = true;
        try {
          await this.save(setup, message);
        } finally {
          this.saving = false;
        }
        return;
      }
    }
  }

  private async load(): Promise<RelationshipWizardSetup> {
    const { client } = this.deps;
    const { primary, existing } = this.target;
    try {
      const [servers, relationships] = await Promise.all([existing ? Promise.resolve([]) : client.getDHCPServers(), client.getDHCPFailoverRelationships()]);
      return relationshipWizardSetup(primary, servers, relationships, existing);
    } catch (error) {
      this.deps.logFailure('Loading the failover relationship wizard', error);
      throw error;
    }
  }

  private async save(setup: RelationshipWizardSetup, message: Extract<RelationshipWizardFromWebview, { t: 'submit' }>): Promise<void> {
    const { client, log } = this.deps;
    const relationship = relationshipToSend(setup, message.state, message.sharedSecret);
    if (!relationship) {
      this.deps.post({ t: 'saveFailed', message: 'Some values are not valid yet; go back to the step that shows a message.' });
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
      this.deps.logFailure(`${verb} failover relationship "${relationship.name}"`, error);
      this.deps.post({ t: 'saveFailed', message: this.deps.describe(error) });
      return;
    }
    log.info(`${setup.kind === 'edit' ? 'Modified' : 'Added'} failover relationship "${relationship.name}".`);
    this.deps.close();
    try {
      await this.target.onSaved({ name: relationship.name, primaryServerRef: setup.primary.ref });
    } catch (error) {
      this.deps.logFailure(`Showing failover relationship "${relationship.name}"`, error);
    }
  }
}
