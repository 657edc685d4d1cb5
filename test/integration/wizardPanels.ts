// Shared by the suites that drive the wizard panels: their first answer, a wizard state ready to submit, and
// closing the tabs they opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
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

/** The webview tabs open now. */
export function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);
}

export async function closeWebviewTabs(): Promise<void> {
  await vscode.window.tabGroups.close(webviewTabs());
}
