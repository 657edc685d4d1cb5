// Hosts the Add / Edit Failover Relationship wizard: a wizard panel wired to the vscode-free RelationshipWizardHost
// (src/wizards), which loads, sends and closes. This file holds no rules.
import type { RelationshipWizardFromWebview, RelationshipWizardToWebview } from '../../wizards/messages';
import { RelationshipWizardHost, type RelationshipWizardTarget } from '../../wizards/relationshipWizardHost';
import { openWizardPanel, type WizardPanel, type WizardPanelOptions } from './wizardPanel';

export interface RelationshipWizardOptions extends RelationshipWizardTarget, WizardPanelOptions {}

export type RelationshipWizardPanel = WizardPanel<RelationshipWizardToWebview, RelationshipWizardFromWebview>;

/** Opens the wizard in a new editor tab; returns the panel (tests drive it through `receive`). */
export function openRelationshipWizard(options: RelationshipWizardOptions): RelationshipWizardPanel {
  const title = options.existing ? `Edit ${options.existing.name}` : 'Add Failover Relationship';
  return openWizardPanel(
    { viewType: 'dhcpFailover.relationshipWizard', script: 'relationshipWizard', title },
    options,
    (deps) => new RelationshipWizardHost(deps, options),
  );
}
