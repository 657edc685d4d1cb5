// The relationship wizard's host side without vscode: loads what the wizard needs through the client, answers the
// page's `ready` (again after a reload, or from the Retry of a failed load), sends what the page submits, and
// closes on success. It sends only for its own target (the relationship it edits, a partner it offered) and only
// once the page was shown the wizard; anything else the page sends is refused. The panel in src/ui/panels wires it
// to a webview.
import type { DHCPServer } from '../api/types';
import type { FailoverPair } from '../failover';
import { assertNever } from './assertNever';
import type { RelationshipWizardFromWebview, RelationshipWizardToWebview } from './messages';
import { relationshipWizardFromWebviewSchema } from './pageMessageSchemas';
import { MODE_LABELS, relationshipToSend, type RelationshipWizardSetup, type RelationshipWizardValues } from './relationshipWizard';
import { relationshipWizardSetup } from './relationshipWizardSetup';
import { answerReady, logPageError, quoted, receiveFromPage, refuse, RetryableLoad, type WizardHostDeps } from './wizardHost';

export interface RelationshipWizardTarget {
  /** Add: the server started from; Edit: the relationship's primary. */
  primary: DHCPServer;
  /** Edit mode when given (name and servers fixed). */
  existing?: FailoverPair;
  onSaved(saved: { name: string; primaryServerRef: string }): Promise<void>;
}

const PAGE = 'Failover Relationship wizard';

/**
 * What in the submitted values names a relationship or server this wizard was not opened for: on edit another name
 * or partner, on add a partner it did not offer as selectable.
 */
function foreignTarget(setup: RelationshipWizardSetup, values: RelationshipWizardValues): string | undefined {
  if (setup.kind === 'edit') {
    const existing = setup.existing;
    if (values.name !== existing?.name) return `the relationship ${quoted(values.name)}, but this wizard edits ${quoted(existing?.name)}`;
    if (values.partner !== existing.secondaryServer) {
      return `the partner ${quoted(values.partner)}, but the partner of ${quoted(existing.name)} is ${quoted(existing.secondaryServer)}`;
    }
    return undefined;
  }
  const partner = setup.partners.find((choice) => choice.name === values.partner);
  if (!partner || partner.disabledReason) return `the partner ${quoted(values.partner)}, which this wizard did not offer`;
  return undefined;
}

export class RelationshipWizardHost {
  private readonly setup: RetryableLoad<RelationshipWizardSetup>;
  /** The setup the page was sent: until then there is nothing the page could submit. */
  private shown: RelationshipWizardSetup | undefined;
  /** Editing until a submit starts saving; saved once Micetro took the change (the panel then closes). */
  private phase: 'editing' | 'saving' | 'saved' = 'editing';

  constructor(
    private readonly deps: WizardHostDeps<RelationshipWizardToWebview>,
    private readonly target: RelationshipWizardTarget,
  ) {
    this.setup = new RetryableLoad(() => this.load());
  }

  /** Anything the page posted: checked against the schema first; never rejects. */
  receive(message: unknown): Promise<void> {
    return receiveFromPage(this.deps, PAGE, relationshipWizardFromWebviewSchema, message, (checked) => this.handle(checked));
  }

  private async handle(message: RelationshipWizardFromWebview): Promise<void> {
    switch (message.t) {
      case 'ready':
        this.shown = (await answerReady(this.deps, this.setup, 'the DHCP servers and their relationships')) ?? this.shown;
        return;
      case 'cancel':
        this.deps.close();
        return;
      case 'submit':
        return this.submit(message);
      case 'pageError':
        logPageError(this.deps, PAGE, message.message);
        return;
      default:
        assertNever(message);
    }
  }

  private async submit(message: Extract<RelationshipWizardFromWebview, { t: 'submit' }>): Promise<void> {
    const setup = this.shown;
    if (!setup) return refuse(this.deps, PAGE, 'a submit before the wizard was shown');
    if (this.phase !== 'editing') {
      return refuse(this.deps, PAGE, `a submit while the relationship is ${this.phase === 'saving' ? 'being saved' : 'saved already'}`);
    }
    const foreign = foreignTarget(setup, message.state.values);
    if (foreign) return refuse(this.deps, PAGE, foreign);
    this.phase = 'saving';
    let saved = false;
    try {
      saved = await this.save(setup, message);
    } finally {
      this.phase = saved ? 'saved' : 'editing';
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

  /**
   * Edit: the relationship's scope refs as its primary reports them now, sent back unchanged (Micetro's Modify takes
   * the whole object; `[]` could read as "no scopes"). Undefined, with the page told why, when it cannot be read.
   */
  private async currentScopeRefs(setup: RelationshipWizardSetup): Promise<string[] | undefined> {
    const name = setup.existing?.name ?? '';
    try {
      return (await this.deps.client.getDHCPFailoverRelationship(setup.primary.ref, name)).dhcpScopeRefs;
    } catch (error) {
      this.deps.logFailure(`Reading failover relationship "${name}" from ${setup.primary.name} before saving`, error);
      this.deps.post({
        t: 'saveFailed',
        message: `Not saved: ${name} could not be read from its primary server ${setup.primary.name} (${this.deps.describe(error)}), and editing it without its current scopes could drop them. Try again once ${setup.primary.name} answers.`,
      });
      return undefined;
    }
  }

  /** Sends the relationship; whether Micetro took it. */
  private async save(setup: RelationshipWizardSetup, message: Extract<RelationshipWizardFromWebview, { t: 'submit' }>): Promise<boolean> {
    const { client, log } = this.deps;
    const scopeRefs = setup.kind === 'edit' ? await this.currentScopeRefs(setup) : [];
    if (!scopeRefs) return false;
    const relationship = relationshipToSend(setup, message.state, message.sharedSecret, scopeRefs);
    if (!relationship) {
      this.deps.post({ t: 'saveFailed', message: 'Some values are not valid yet; go back to the step that shows a message.' });
      return false;
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
      return false;
    }
    log.info(`${setup.kind === 'edit' ? 'Modified' : 'Added'} failover relationship "${relationship.name}".`);
    this.deps.close();
    try {
      await this.target.onSaved({ name: relationship.name, primaryServerRef: setup.primary.ref });
    } catch (error) {
      this.deps.logFailure(`Showing failover relationship "${relationship.name}"`, error);
    }
    return true;
  }
}
