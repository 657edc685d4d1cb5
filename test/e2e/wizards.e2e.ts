// The wizard panels in a real browser: create a relationship from a server's context menu (with a duplicate name
// and an invalid percentage on the way), see it Empty in the tree, add a scope and see it Normal, edit its
// percentage, and create a scope into it with the Create Scope form. Screenshots of each step go to test-output/e2e/.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { useWorkbench, visibleWithin, type Workbench } from './workbench';

const PRIMARY = 'dhcp-lon-01';
const PARTNER = 'dhcp-nyc-01.corp.example';
const RELATIONSHIP = 'lon-nyc-e2e';

describe('Wizard panels (browser)', function () {
  this.timeout(180_000);
  const workbench = useWorkbench();
  let servers: Locator;

  async function relationshipItem(wb: Workbench): Promise<Locator> {
    const server = wb.treeItem(new RegExp(`^${PRIMARY}\\b`), servers);
    await wb.expand(server);
    const item = wb.treeItem(new RegExp(`^${RELATIONSHIP}\\b`), servers);
    await item.waitFor();
    return item;
  }

  /**
   * Refreshes the view until the relationship's row matches `pattern` (the simulator steps states on its clock):
   * after each refresh, waits for such a row to render, for a few seconds at most, before refreshing again.
   */
  async function waitForRow(wb: Workbench, pattern: RegExp, timeoutMs = 60_000): Promise<Locator> {
    const deadline = Date.now() + timeoutMs;
    const row = wb.treeItem(new RegExp(`^${RELATIONSHIP}\\b[\\s\\S]*(?:${pattern.source})`), servers);
    for (;;) {
      try {
        await relationshipItem(wb);
      } catch (error) {
        // The tree re-renders while a refresh lands; look again until the deadline.
        if (Date.now() > deadline) throw error;
      }
      // The row as such, not as it reads now: callers act on it after its state moved on.
      if (await visibleWithin(row, Math.max(1, Math.min(5_000, deadline - Date.now())))) return relationshipItem(wb);
      if (Date.now() > deadline) {
        const shown = await wb.treeItem(new RegExp(`^${RELATIONSHIP}\\b`), servers).getAttribute('aria-label', { timeout: 1_000 }).catch(() => 'nothing');
        throw new Error(`"${RELATIONSHIP}" still reads "${shown}", not ${pattern}`);
      }
      await wb.viewAction(servers, 'Refresh');
    }
  }

  /** Runs the context-menu command and waits for its panel; a menu opened while the tree re-rendered is tried again. */
  async function openWizard(wb: Workbench, item: Locator, command: string, heading: string): Promise<FrameLocator> {
    for (let attempt = 1; ; attempt++) {
      await wb.contextMenu(item, command);
      const page = wb.webview();
      try {
        await page.locator('h1', { hasText: heading }).waitFor({ timeout: 15_000 });
        return page;
      } catch (error) {
        if (attempt === 3) throw error;
        await wb.page.keyboard.press('Escape');
      }
    }
  }

  before(async () => {
    const wb = workbench();
    await wb.openContainer('DHCP Failover');
    servers = await wb.view('Servers');
    await wb.treeItem(new RegExp(`^${PRIMARY}\\b`), servers).waitFor({ timeout: 60_000 });
    // A wider side bar shows each relationship's state in the screenshots.
    const box = await wb.page.locator('.part.sidebar').boundingBox();
    assert.ok(box);
    await wb.page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
    await wb.page.mouse.down();
    await wb.page.mouse.move(box.x + box.width + 260, box.y + box.height / 2, { steps: 5 });
    await wb.page.mouse.up();
    // Park the pointer over the editor so no tree tooltip covers the screenshots.
    await wb.page.mouse.move(box.x + box.width + 700, box.y + box.height - 20);
  });

  it('creates a relationship from the server’s context menu, with messages for a duplicate name and an invalid value', async () => {
    const wb = workbench();
    const page = await openWizard(wb, wb.treeItem(new RegExp(`^${PRIMARY}\\b`), servers), 'Add Failover Relationship…', 'Add Failover Relationship');

    await page.locator('#name input').fill('rvk-lon-office');
    await page.locator('#partner').selectOption(PARTNER);
    await page.locator('#name-error', { hasText: 'already has a relationship named "rvk-lon-office"' }).waitFor();
    assert.equal(await page.locator('#next').getAttribute('disabled'), '');
    await wb.screenshot('wizard-1-general-duplicate-name');

    await page.locator('#name input').fill(RELATIONSHIP);
    await page.locator('#name-error').filter({ hasText: /^$/ }).waitFor({ state: 'attached' });
    await wb.screenshot('wizard-2-general');
    await page.locator('#next').click();

    await page.locator('#percentage input').fill('150');
    await page.locator('#percentage-error', { hasText: 'whole number from 0 to 100' }).waitFor();
    await wb.screenshot('wizard-3-mode-invalid-percentage');
    await page.locator('#percentage input').fill('60');
    await page.locator('#partner-share', { hasText: '40 %' }).waitFor();
    await page.locator('#next').click();

    await page.locator('#step-advanced').waitFor();
    await page.locator('#auth').click();
    await page.locator('#secret input').fill('e2e-shared-secret');
    await wb.screenshot('wizard-4-advanced');
    await page.locator('#next').click();

    await page.locator('#summary', { hasText: 'Local server share' }).waitFor();
    const summary = await page.locator('#summary').innerText();
    assert.match(summary, /60 % \(partner 40 %\)/);
    assert.match(summary, /On \(new shared secret\)/);
    assert.doesNotMatch(summary, /e2e-shared-secret/);
    await wb.screenshot('wizard-5-summary');
    await page.locator('#save').click();

    await wb.editorTab('Add Failover Relationship').waitFor({ state: 'detached' });
    const item = await waitForRow(wb, /Empty/);
    await item.scrollIntoViewIfNeeded();
    await wb.screenshot('wizard-6-tree-empty');
  });

  it('adds a scope and the relationship becomes Normal', async () => {
    const wb = workbench();
    await wb.contextMenu(await relationshipItem(wb), 'Add Scopes to Failover Relationship…');
    // Clicking a row of a multi-select quick pick ticks it.
    await wb.quickInput().row('10.20.30.0/24').click();
    await wb.quickInput().widget.locator('.monaco-count-badge', { hasText: '1' }).waitFor();
    await wb.quickInput().accept();
    await waitForRow(wb, /Normal/);
    await wb.screenshot('wizard-7-tree-normal');
  });

  it('edits the relationship’s percentage', async () => {
    const wb = workbench();
    const page = await openWizard(wb, await relationshipItem(wb), 'Edit Failover Relationship…', `Edit Failover Relationship "${RELATIONSHIP}"`);
    assert.equal(await page.locator('#name').getAttribute('disabled'), '');
    await page.locator('#next').click();
    await page.locator('#percentage input').fill('65');
    await page.locator('#next').click();
    await page.locator('#next').click();
    await page.locator('#summary', { hasText: '65 % (partner 35 %)' }).waitFor();
    await wb.screenshot('wizard-8-edit-summary');
    await page.locator('#save').click();
    await waitForRow(wb, /65/);
  });

  it('creates a scope into the relationship with the Create Scope form', async () => {
    const wb = workbench();
    const page = await openWizard(wb, await relationshipItem(wb), 'Create Scope…', 'Create Scope');
    await page.locator('#relationship option', { hasText: RELATIONSHIP }).waitFor({ state: 'attached' });
    // 10.20.77.0/24 has no IPAM range, and the form read every range: it says so beside the field.
    await page.locator('#network input').fill('10.20.77.0/24');
    await page.locator('#network-error', { hasText: 'No IPAM range 10.20.77.0/24 in Micetro' }).waitFor();
    // The demo's free range 10.20.40.0/24 is picked instead: it fills the network and the pool.
    await page.locator('#range-pick').selectOption('10.20.40.0/24');
    assert.equal(await page.locator('#network input').inputValue(), '10.20.40.0/24');
    assert.equal(await page.locator('#pool-from input').inputValue(), '10.20.40.1');
    await page.locator('#description input').fill('London e2e scope');
    await page.locator('#add-exclusion').click();
    await page.locator('#exclusion-0-from input').fill('10.20.40.10');
    await page.locator('#exclusion-0-to input').fill('10.20.40.5');
    await page.locator('#exclusions-error', { hasText: 'must not come before the first' }).waitFor();
    await page.locator('#exclusion-0-to input').fill('10.20.40.20');
    assert.equal(await page.locator('#relationship').inputValue(), RELATIONSHIP);
    await wb.screenshot('wizard-9-create-scope');
    await page.locator('#create').click();

    await wb.editorTab('Create Scope').waitFor({ state: 'detached' });
    await wb.expand(await relationshipItem(wb));
    await wb.treeItem(/^10\.20\.40\.0\/24/, servers).waitFor();
    await wb.screenshot('wizard-10-tree-new-scope');
  });
});
