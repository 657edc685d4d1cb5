// Hosts the Create Scope form: a wizard panel wired to the vscode-free CreateScopeHost (src/wizards), which loads,
// creates, adds to the relationship and keeps the last result. This file holds no rules.
import { CreateScopeHost, type CreateScopeTarget } from '../../wizards/createScopeHost';
import type { CreateScopeFromWebview, CreateScopeToWebview } from '../../wizards/messages';
import { openWizardPanel, type WizardPanel, type WizardPanelOptions } from './wizardPanel';

export interface CreateScopeOptions extends CreateScopeTarget, WizardPanelOptions {}

export type CreateScopePanel = WizardPanel<CreateScopeToWebview, CreateScopeFromWebview>;

/** Opens the form in a new editor tab; returns the panel (tests drive it through `receive`). */
export function openCreateScopeForm(options: CreateScopeOptions): CreateScopePanel {
  return openWizardPanel(
    { viewType: 'dhcpFailover.createScope', script: 'createScope', title: 'Create Scope' },
    options,
    (deps) => new CreateScopeHost(deps, options),
  );
}
