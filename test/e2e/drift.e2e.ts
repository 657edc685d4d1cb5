// Drift in a real workbench (issue 12): make one copy of the demo's drifted scope drift further with the simulator's
// Change This Copy Only…, run Check for Drift from the Servers view's title, see the mark in the tree and the Drift
// view, open Compare with Partner's diff (the README's screenshot), replicate from the Drift view, and see the mark
// go. Runs against the packaged extension on its built-in simulator's demo inventory; the steps build on each other.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useWorkbench } from './workbench';

const LON = 'dhcp-lon-02.corp.example';
const SIN = 'dhcp-sin-01.corp.example';
const RELATIONSHIP = 'lon-sin-70-30';
const NETWORK = '10.20.10.0/24';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Tree rows are named "<label> <description>"; anchor on the label. */
const row = (label: string, rest = '') => new RegExp(`^${escape(label)}\\b${rest}`);
const replicateFrom = (server: string) => new RegExp(`^Replicate from ${escape(server)}…`);

describe('Drift', function () {
  const wb = useWorkbench();
  let servers: Locator;

  it('adds an exclusion to the secondary’s copy only, with Change This Copy Only…', async () => {
    await wb().openContainer('DHCP Failover');
    await wb().resizeSideBar(560);
    servers = await wb().view('Servers');
    // As in the tree walk: once the counts have filled in, the server's node is not refreshed under the expansion.
    await wb().treeItem(row(SIN, ' 2 relationships'), servers).waitFor({ timeout: 60_000 });
    await wb().expand(wb().treeItem(row(SIN), servers));
    await wb().expand(wb().treeItem(row(RELATIONSHIP), servers));
    await wb().contextMenu(wb().treeItem(row(NETWORK), servers), 'Change This Copy Only…');
    const input = wb().quickInput();
    await input.pick('Add an Exclusion');
    // The input boxes follow one another in the same widget: type into each once it asks its own question.
    await input.widget.filter({ hasText: 'First excluded address' }).waitFor();
    await input.type('10.20.10.200');
    await input.widget.filter({ hasText: 'Last excluded address' }).waitFor();
    await input.type('10.20.10.209');
    await input.widget.waitFor({ state: 'hidden' });
  });

  it('Check All Scopes for Drift marks the scope in the tree and lists it in the Drift view', async () => {
    await wb().viewAction(servers, 'Check All Scopes for Drift');
    const message = await wb().notification(/Checked \d+ scopes of \d+ relationships/);
    assert.match(message, /1 drifted, \d+ in sync; \d+ requests/);
    await wb().treeItem(row(NETWORK, ' .*drifted: 3 differences: 1 exclusion, 1 reservation, 1 option'), servers).waitFor();
    await wb().treeItem(row(RELATIONSHIP, ' .*1 of 3 scopes drifted'), servers).waitFor();
    const drift = await wb().view('Drift');
    await wb().treeItem(row(NETWORK, ' drifted'), drift).waitFor();
    await wb().treeItem(replicateFrom(LON), drift).waitFor();
    await wb().screenshot('drift-1-marked');
  });

  it('Compare with Partner, inline in the Drift view, opens the diff of the two copies', async () => {
    const drift = await wb().view('Drift');
    const item = wb().treeItem(row(NETWORK, ' drifted'), drift);
    await item.hover();
    await item.locator('.action-label[aria-label^="Compare with Partner"]').click();
    await wb().editorTab(`${NETWORK}: ${LON} ↔ ${SIN}`).waitFor();
    const diff = wb().page.locator('.monaco-diff-editor');
    await diff.locator('.view-line', { hasText: '10.20.10.200 – 10.20.10.209' }).first().waitFor();
    await diff.locator('.view-line', { hasText: 'lon-badge-reader' }).first().waitFor();
    await wb().screenshot('drift-diff');
  });

  it('Replicate from the primary, from the Drift view, confirms and clears the mark', async () => {
    const drift = await wb().view('Drift');
    await wb().treeItem(replicateFrom(LON), drift).click();
    const question = await wb().answerDialog('Replicate');
    assert.match(question, new RegExp(`from ${escape(LON)} to ${escape(SIN)}`));
    await wb().notification(`Replicated ${NETWORK} from ${LON} to ${SIN}`);
    await wb().treeItem(row(NETWORK), drift).waitFor({ state: 'detached' });
    await wb().treeItem(row(NETWORK, ' .*in sync'), servers).waitFor();
    await wb().treeItem(row(RELATIONSHIP, ' .*3 scopes in sync'), servers).waitFor();
    await wb().screenshot('drift-2-replicated');
  });
});
