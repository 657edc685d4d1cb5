// Compare with Partner on the demo's drifted pair (10.20.10.0/24 of lon-sin-70-30: a reservation added on lon-02
// only, the DNS servers changed on sin-01 only): the diff's two documents hold each copy's text, primary left, and
// the partner's document follows a change made with SimChangeScopeCopy once the views refresh.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DHCPServer } from '../../src/api/types';
import { activeDiff, assertCleanRun, child, children, DRIFTED, driftedServers, eventually, label, relationshipNode, run, startHarness, type Harness } from './extensionUnderTest';
import { pick } from './scriptedPrompts';

const { network: NETWORK, lon: LON, sin: SIN } = DRIFTED;
const TITLE = `${NETWORK}: ${LON} ↔ ${SIN}`;

/** The text both copies share, with each side's reservations and DNS servers filled in. */
function expectedText(reservations: string[], dnsServers: string): string {
  return [
    `Scope ${NETWORK}`,
    `Name: "${NETWORK}"`,
    'Description: "London office, floor 3"',
    'Enabled: yes',
    'Lease duration: 8 hours',
    '',
    'Address pools (1)',
    '  10.20.10.20 – 10.20.10.240',
    '',
    'Exclusions (1)',
    '  10.20.10.20 – 10.20.10.29',
    '',
    `Reservations (${reservations.length})`,
    ...reservations.map((line) => `  ${line}`),
    '',
    'Options (3)',
    '  3 Router: 10.20.10.1',
    `  6 DNS Servers: ${dnsServers}`,
    '  15 DNS Domain Name: corp.example',
    '',
  ].join('\n');
}

const PRINTER = '10.20.10.30  "lon-print-3"  client 00-15-5d-14-0a-1e  description "Reserved in the demo"';
const BADGE = '10.20.10.40  "lon-badge-reader"  client 00-15-5d-14-0a-28  description "Added on lon-02 only"';
const PRIMARY_TEXT = expectedText([PRINTER, BADGE], '10.0.0.53, 10.0.1.53');
const PARTNER_TEXT = expectedText([PRINTER], '10.30.0.53');

describe('Compare with Partner', () => {
  let harness: Harness;
  let lon: DHCPServer;
  let sin: DHCPServer;

  before(async () => {
    harness = await startHarness();
    ({ lon, sin } = await driftedServers(harness.client));
  });
  beforeEach(() => harness.api.views.refreshAll());
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens the diff of the drifted demo scope from its tree node: primary left, partner right', async () => {
    const scope = await child(harness.api.views.servers, await relationshipNode(harness, lon, 'lon-sin-70-30'), NETWORK);
    await run('compareWithPartner', scope);
    assertCleanRun(harness.prompts);
    const { title, left, right } = await activeDiff();
    assert.equal(title, TITLE);
    assert.equal(left.uri.scheme, 'dhcp-failover-scope');
    assert.equal(left.uri.path, `/${LON}/10.20.10.0_24`);
    assert.equal(left.getText(), PRIMARY_TEXT);
    assert.equal(right.getText(), PARTNER_TEXT);
  });

  it('from the partner side, the Scopes view and the palette: the same two documents, primary still left', async () => {
    const fromPartner = await child(harness.api.views.servers, await relationshipNode(harness, sin, 'lon-sin-70-30'), NETWORK);
    const rows = await children(harness.api.views.scopes);
    const row = rows.find((node) => label(node) === NETWORK) ?? assert.fail(`${NETWORK} is a row of the Scopes view`);
    const ways: Array<[string, () => Promise<void>]> = [
      ['the partner side', () => run('compareWithPartner', fromPartner)],
      ['the Scopes view', () => run('compareWithPartner', row)],
      [
        'the palette',
        () => {
          harness.prompts.script(pick('lon-sin-70-30'), pick(NETWORK));
          return run('compareWithPartner');
        },
      ],
    ];
    for (const [way, compare] of ways) {
      await compare();
      assertCleanRun(harness.prompts);
      const { title, left, right } = await activeDiff();
      assert.equal(title, TITLE, way);
      assert.equal(left.getText(), PRIMARY_TEXT, way);
      assert.equal(right.getText(), PARTNER_TEXT, way);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it("shows a change made on the partner's copy only (SimChangeScopeCopy) once the views refresh", async () => {
    const scope = await child(harness.api.views.servers, await relationshipNode(harness, lon, 'lon-sin-70-30'), NETWORK);
    await run('compareWithPartner', scope);
    const { right } = await activeDiff();
    assert.equal(right.getText(), PARTNER_TEXT);

    await harness.client.command('SimChangeScopeCopy', {
      dhcpScopeRef: `DHCPScopes/${NETWORK}`,
      dhcpServerRef: sin.ref,
      addReservation: { name: 'kiosk', clientIdentifier: '00:15:5D:1E:0A:29', addresses: ['10.20.10.41'] },
      addExclusion: { from: '10.20.10.200', to: '10.20.10.209' },
    });
    harness.api.views.refreshAll();
    await eventually('the partner document to show the change', () => right.getText().includes('"kiosk"'), 5000, () => right.getText());
    const text = right.getText();
    assert.match(text, /^ {2}10\.20\.10\.41 {2}"kiosk" {2}client 00-15-5d-1e-0a-29$/m);
    assert.match(text, /Exclusions \(2\)\n {2}10\.20\.10\.20 – 10\.20\.10\.29\n {2}10\.20\.10\.200 – 10\.20\.10\.209\n/);
    const { left } = await activeDiff();
    assert.equal(left.getText(), PRIMARY_TEXT, "the primary's copy did not change");
  });
});
