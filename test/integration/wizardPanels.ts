// Shared by the suites that drive the wizard panels: their first answer, a wizard state ready to submit, a Create
// Scope form filled in and submitted, and closing the tabs they opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CreateScopePanel } from '../../src/ui/panels/createScopePanel';
import { initialCreateScopeState, updateScopeValues, type CreateScopeSetup, type CreateScopeValues } from '../../src/wizards/createScopeForm';
import type { RelationshipWizardState } from '../../src/wizards/relationshipWizard';

/** Sends `ready` as the page does and returns the setup the panel answered with. */
export async function initialSetup<T>(panel: { receive(message: { t: 'ready' }): Promise<void>; posted: Array<{ t: string }> }): Promise<T> {
  await panel.receive({ t: 'ready' });
  const init = panel.posted.find((message) => message.t === 'init') as { t: 'init'; setup: T } | undefined;
  assert.ok(init, `the panel answered ready with ${JSON.stringify(panel.posted)}`);
  return init.setup;
}

export function atSummary(state: RelationshipWizardState): RelationshipWizardState {
  return { ...state, step: 'summary' };
}

/**
 * Does what a person does in the Create Scope form: waits for its setup, lets it load the server it opened on,
 * types `typed` and clicks Create; the form must close (it succeeded). Returns the setup the form opened with.
 */
export async function createScopeThroughForm(panel: CreateScopePanel, typed: Partial<CreateScopeValues>): Promise<CreateScopeSetup> {
  const setup = await initialSetup<CreateScopeSetup>(panel);
  assert.ok(setup.serverRef, 'the form opened on a server');
  await panel.receive({ t: 'loadServer', serverRef: setup.serverRef });
  // The tests' networks are new: the form is asked to create their ranges.
  const state = updateScopeValues(initialCreateScopeState(setup), { createRange: true, ...typed });
  await panel.receive({ t: 'submit', values: state.values });
  assert.equal(panel.isOpen, false, JSON.stringify(panel.posted.at(-1)));
  return setup;
}

/** The webview tabs open now. */
export function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);
}

export async function closeWebviewTabs(): Promise<void> {
  await vscode.window.tabGroups.close(webviewTabs());
}
