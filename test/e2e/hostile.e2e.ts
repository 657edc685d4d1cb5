// Names an attacker could give things in Micetro, shown in a real workbench: the tree, a quick pick, a modal dialog
// and a notification show them as text. No link is made (a `[x](command:…)` in a notification would run the
// command on a click), no icon, no image, and the extension stays connected after a click on the text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { JsonFileStore } from '../../src/simulator/jsonFileStore';
import { SimulatorModel } from '../../src/simulator/model';
import type { DataFile } from '../../src/simulator/model/records';
import { useWorkbench } from './workbench';

const LINK = '[Click me](command:dhcpFailover.disconnect)';
const RELATIONSHIP = `${LINK} $(zap) \`tick\` <img src=x onerror=alert(1)>`;
const SERVER = 'dhcp-sin-01 $(alert) [docs](https://example.invalid)';
const SCOPE_TITLE = 'cameras \u202Efdp.exe';
const SCOPE_DESCRIPTION = 'line one\nline two <img src=x onerror=alert(2)> `code`';
const PARTNER = 'dhcp-sin-02.corp.example';

/** What a user reads: the invisible joiners plainText adds are not part of it. */
const readable = (text: string) => text.replace(/\u2060/g, '');

/** Puts the demo inventory with hostile names into the global storage of `userData`, for the built-in simulator. */
async function writeHostileData(userData: string): Promise<void> {
  const data = JSON.parse(JSON.stringify(SimulatorModel.fromSeed('demo').toJSON())) as DataFile;
  const relationship = data.relationships.find((r) => r.name === 'sin-standby');
  const server = data.servers.find((s) => s.name === 'dhcp-sin-01.corp.example');
  const scope = data.scopes.find((s) => s.serverId === server?.id && s.name === '10.30.10.0/24');
  assert.ok(relationship && server && scope, 'the demo inventory has sin-standby on dhcp-sin-01 with 10.30.10.0/24');
  relationship.name = RELATIONSHIP;
  server.name = SERVER;
  scope.title = SCOPE_TITLE;
  scope.description = SCOPE_DESCRIPTION;
  const storage = path.join(userData, 'User', 'globalStorage', 'micetro-failover.micetro-dhcp-failover');
  await new JsonFileStore(path.join(storage, 'simulator.json')).save(data);
}

async function assertInert(place: Locator, what: string): Promise<void> {
  // The workbench's own buttons and actions are anchors too; a link made from text is a monaco-link or has an href.
  const links = await place.locator('a.monaco-link, a[href]').evaluateAll((anchors) => anchors.map((a) => a.outerHTML));
  assert.deepEqual(links, [], `${what}: no link`);
  assert.equal(await place.locator('img').count(), 0, `${what}: no image`);
  assert.equal(await place.locator('.codicon-zap, .codicon-alert').count(), 0, `${what}: no icon from a name`);
}

describe('Hostile names from Micetro', function () {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-user-data-'));
  // Registered before useWorkbench's hook, so the data file is there when the workbench starts.
  before(() => writeHostileData(userData));
  const wb = useWorkbench({ userDataDir: userData });
  let servers: Locator;
  after(() => fs.rmSync(userData, { recursive: true, force: true }));

  it('shows them in the tree as text', async () => {
    await wb().openContainer('DHCP Failover');
    await wb().resizeSideBar(620);
    servers = await wb().view('Servers');
    const server = servers.getByRole('treeitem').filter({ hasText: 'dhcp-sin-01' });
    await server.waitFor({ timeout: 60_000 });
    await wb().expand(server);
    const relationship = servers.getByRole('treeitem').filter({ hasText: 'Click me' });
    await relationship.waitFor();
    assert.ok(readable(await relationship.innerText()).includes(RELATIONSHIP), 'the relationship name reads as typed');
    await assertInert(server, 'server row');
    await assertInert(relationship, 'relationship row');
    await wb().expand(relationship);
    const scope = servers.getByRole('treeitem').filter({ hasText: 'fdp.exe' });
    await scope.waitFor();
    const scopeText = await scope.innerText();
    assert.match(scopeText, /cameras \\u202Efdp\.exe/, 'a right-to-left override is written out');
    assert.match(scopeText, /line one\\nline two/, 'a newline is written out');
    await assertInert(scope, 'scope row');
    await wb().screenshot('hostile-1-tree');
  });

  it('shows them in a quick pick as text', async () => {
    await wb().runCommand('DHCP Failover: Replicate Failover Relationship…');
    const row = wb().quickInput().row('Click me');
    await row.waitFor();
    assert.ok(readable(await row.innerText()).includes(RELATIONSHIP));
    await assertInert(wb().quickInput().widget, 'quick pick');
    await wb().screenshot('hostile-2-quick-pick');
    await wb().page.keyboard.press('Escape');
  });

  it('shows them in the confirmation and the notification as text, and a click on it runs nothing', async () => {
    await wb().contextMenu(servers.getByRole('treeitem').filter({ hasText: 'Click me' }), 'Replicate Failover Relationship…');
    const dialog = wb().page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    await assertInert(dialog, 'modal dialog');
    await wb().screenshot('hostile-3-dialog');
    const question = readable(await wb().answerDialog('Replicate'));
    assert.ok(question.includes(RELATIONSHIP) && question.includes(SERVER), `the question quotes the names as typed: ${question}`);

    const toast = wb().page.locator('.notifications-toasts .notification-toast').filter({ hasText: `to ${PARTNER}` }).first();
    await toast.waitFor();
    const message = toast.locator('.notification-list-item-message');
    assert.ok(readable(await message.innerText()).includes(`Replicated ${RELATIONSHIP} from ${SERVER}`));
    await assertInert(toast, 'notification');
    await wb().screenshot('hostile-4-notification');
    await message.getByText('Click me', { exact: false }).click();
    // Still connected after anything the click started: Refresh is in the palette only while connected, and it runs
    // after whatever the click ran; the refreshed Servers view still lists the servers and the status bar the simulator.
    await wb().runCommand('DHCP Failover: Refresh');
    await servers.getByRole('treeitem').filter({ hasText: 'dhcp-sin-01' }).waitFor();
    await wb().page.locator('.statusbar-item').filter({ hasText: 'DHCP: Simulator' }).waitFor();
  });
});
