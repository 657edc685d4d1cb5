// The real relationship wizard script in happy-dom: messages both ways, setState without the secret, validation
// next to the fields, Next disabled while a step is invalid, Micetro's error shown with every value kept, and
// server-provided names shown as text.
import assert from 'node:assert/strict';
import type { RelationshipWizardFromWebview, RelationshipWizardPageState, RelationshipWizardToWebview } from '../../src/wizards/messages';
import type { RelationshipWizardSetup } from '../../src/wizards/relationshipWizard';
import { disabled, openWebview, type WebviewPage } from './webview-harness';

type Page = WebviewPage<RelationshipWizardFromWebview, RelationshipWizardToWebview, RelationshipWizardPageState>;

const XSS = '<img src=x onerror="window.__xss=1">';

function addSetup(): RelationshipWizardSetup {
  return {
    kind: 'add',
    primary: { ref: 'DHCPServers/1', name: 'dhcp-a' },
    partners: [
      { ref: 'DHCPServers/2', name: 'dhcp-b', relationshipCount: 1 },
      { ref: 'DHCPServers/4', name: 'dhcp-down', relationshipCount: 0, warning: 'Service Down: scopes can be added only once it runs again' },
      { ref: 'DHCPServers/3', name: 'dhcp-full', relationshipCount: 31, disabledReason: 'Already has 31 failover relationships, the most a server can have.' },
    ],
    relationshipNames: { 'dhcp-a': ['a-b'], 'dhcp-b': ['a-b'] },
  };
}

function editSetup(): RelationshipWizardSetup {
  return {
    kind: 'edit',
    primary: { ref: 'DHCPServers/1', name: 'dhcp-a' },
    partners: [],
    relationshipNames: { 'dhcp-a': ['a-b'], 'dhcp-b': ['a-b'] },
    existing: { name: 'a-b', secondaryServer: 'dhcp-b', failoverMode: 'LoadBalance', percentage: 60, mclt: 3600, safePeriod: 0, enableAuth: true },
  };
}

/** The summary as `label: value` lines. */
function summary(page: Page): string {
  return [...page.document.querySelectorAll('#summary tr')].map((row) => `${row.querySelector('th')?.textContent}: ${row.querySelector('td')?.textContent}`).join('\n');
}

async function fillGeneral(page: Page, name = 'a-b-2'): Promise<void> {
  await page.type('#name', name);
  await page.select('#partner', 'dhcp-b');
}

/** Fills the general step, keeps the defaults of the mode and advanced steps, and clicks Save on the summary. */
async function saveNew(page: Page, name: string): Promise<void> {
  await fillGeneral(page, name);
  await page.click('#next'); // to the mode step
  await page.click('#next'); // to the advanced step
  await page.click('#next'); // to the summary
  await page.click('#save');
}

/** Turns message authentication on, types a secret, then reloads the page with the state it saved. */
async function reloadWithSecretTyped(page: Page): Promise<Page> {
  await page.check('#auth', true);
  await page.type('#secret', 'typed-secret');
  const saved = page.state();
  await page.close();
  const reloaded: Page = await openWebview('relationshipWizard', saved);
  await reloaded.send({ t: 'init', setup: addSetup() });
  return reloaded;
}

describe('webview: relationship wizard', function () {
  this.timeout(30000);
  let page: Page;

  afterEach(async () => {
    await page?.close();
  });

  it('asks the host for its setup, then renders the General step with the partner list', async () => {
    page = await openWebview('relationshipWizard');
    assert.deepEqual(page.posted, [{ t: 'ready' }]);
    await page.send({ t: 'init', setup: addSetup() });
    assert.equal(page.text('#title'), 'Add Failover Relationship');
    assert.ok(page.element('#name').shadowRoot, 'the vscode-elements components are bundled and defined');
    assert.equal(page.element('#step-general').hidden, false);
    assert.equal(page.element('#step-mode').hidden, true);
    assert.equal(page.element('#steps-general').getAttribute('aria-current'), 'step');
    const options = [...page.document.querySelectorAll('#partner option')].map((option) => ({ text: option.textContent, disabled: option.hasAttribute('disabled') }));
    assert.deepEqual(options, [
      { text: 'Choose a Microsoft DHCP server…', disabled: false },
      { text: 'dhcp-b (1 relationship)', disabled: false },
      { text: 'dhcp-down (0 relationships): Service Down: scopes can be added only once it runs again', disabled: false },
      { text: 'dhcp-full (31 relationships): Already has 31 failover relationships, the most a server can have.', disabled: true },
    ]);
    assert.equal(page.element('vscode-label[for="name"]').textContent, 'Failover name');
    assert.equal(page.element('label[for="partner"]').textContent, 'Partner server');
  });

  it('disables Next while the step is invalid and shows the message next to the field as the user types', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: addSetup() });
    assert.equal(disabled(page, '#next'), true);
    assert.equal(page.text('#name-error'), '');
    await page.type('#name', 'A-B');
    assert.match(page.text('#name-error'), /already has a relationship named "a-b"/);
    assert.equal(page.element('#name').getAttribute('aria-invalid'), 'true');
    assert.equal(disabled(page, '#next'), true);
    await fillGeneral(page);
    assert.equal(page.text('#name-error'), '');
    assert.equal(disabled(page, '#next'), false);
  });

  it('walks every step to the summary and submits exactly what the summary shows, with the secret only in the message', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: addSetup() });
    await fillGeneral(page);
    await page.click('#next');
    assert.equal(page.element('#step-mode').hidden, false);
    assert.equal(page.text('#percentage-field vscode-label'), 'Local server load balance percentage');
    await page.type('#percentage', '70');
    assert.equal(page.text('#partner-share'), 'Partner server (dhcp-b): 30 %');
    await page.type('#percentage', '170');
    assert.match(page.text('#percentage-error'), /whole number from 0 to 100/);
    assert.equal(disabled(page, '#next'), true);
    await page.type('#percentage', '70');
    await page.click('#next');
    assert.equal(page.element('#step-advanced').hidden, false);
    await page.type('#mclt', '30');
    await page.select('#mclt-unit', 'minutes');
    await page.check('#auth', true);
    assert.match(page.text('#secret-error'), /Enter the shared secret/);
    assert.equal(disabled(page, '#next'), true);
    await page.type('#secret', 's3cret!');
    assert.equal(disabled(page, '#next'), false);
    await page.click('#next');
    assert.equal(page.element('#step-summary').hidden, false);
    assert.equal(
      summary(page),
      [
        'Name: a-b-2',
        'Primary server: dhcp-a',
        'Partner server: dhcp-b',
        'Mode: Load balance',
        'Local server share: 70 % (partner 30 %)',
        'Maximum client lead time: 30 minutes (1800 s)',
        'State switchover interval: Off: no automatic switchover to Partner down (0 s)',
        'Message authentication: On (new shared secret)',
      ].join('\n'),
    );
    assert.doesNotMatch(JSON.stringify(page.state()), /s3cret/, 'the secret never reaches setState');

    await page.click('#save');
    const submit = page.posted.at(-1);
    assert.equal(submit?.t, 'submit');
    assert.equal(submit?.t === 'submit' && submit.sharedSecret, 's3cret!');
    assert.equal(submit?.t === 'submit' && submit.state.values.loadBalancePercent, '70');
    assert.equal(disabled(page, '#save'), true, 'no second submit while the first is in flight');
  });

  it('stays on the summary with Micetro’s message and every value when the change is rejected', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: addSetup() });
    await saveNew(page, 'new-rel');
    await page.send({ t: 'saveFailed', message: 'The relationship already exists. ERROR_DHCP_FO_RELATIONSHIP_EXISTS (20114) (Micetro error 20114)' });
    assert.equal(page.element('#step-summary').hidden, false);
    assert.equal(page.element('#save-error').hidden, false);
    assert.match(page.text('#save-error'), /ERROR_DHCP_FO_RELATIONSHIP_EXISTS \(20114\)/);
    assert.equal(disabled(page, '#save'), false, 'the user can try again');
    assert.equal(page.state()?.wizard.values.name, 'new-rel');
    assert.equal(page.state()?.saveError?.includes('20114'), true);
    await page.click('#back');
    await page.click('#back');
    await page.click('#back');
    assert.equal(page.element<HTMLElement & { value: string }>('#name').value, 'new-rel');
    assert.equal(page.element<HTMLSelectElement>('#partner').value, 'dhcp-b');
  });

  it('restores the draft after a reload and asks for the shared secret again', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: addSetup() });
    await fillGeneral(page, 'kept-name');
    await page.click('#next');
    await page.type('#percentage', '65');
    await page.click('#next');
    page = await reloadWithSecretTyped(page);
    assert.equal(page.element('#step-advanced').hidden, false, 'back on the step the user was on');
    assert.equal(page.element<HTMLElement & { value: string }>('#name').value, 'kept-name');
    assert.equal(page.element<HTMLElement & { value: string }>('#percentage').value, '65');
    assert.equal(page.element('#secret-notice').hidden, false);
    assert.match(page.text('#secret-notice'), /Enter it again/);
    assert.equal(disabled(page, '#next'), true, 'the lost secret must be entered again');
  });

  it('edit: name and partner are fixed, a mode change waits for confirmation, and an empty secret keeps the current one', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: editSetup() });
    assert.equal(page.text('#title'), 'Edit Failover Relationship "a-b"');
    assert.equal(disabled(page, '#name'), true);
    assert.equal(page.element('#partner').tagName.toLowerCase(), 'output');
    assert.equal(page.text('#partner'), 'dhcp-b');

    await page.check('#mode-HotStandby', true);
    assert.equal(page.element('#mode-confirm').hidden, false);
    assert.match(page.text('#mode-confirm-text'), /from Load balance to Hot standby/);
    assert.equal(disabled(page, '#next'), true);
    await page.click('#mode-confirm-no');
    assert.equal(page.element('#mode-confirm').hidden, true);
    assert.equal(page.element<HTMLElement & { checked: boolean }>('#mode-LoadBalance').checked, true);
    assert.equal(page.state()?.wizard.values.failoverMode, 'LoadBalance');

    await page.check('#mode-HotStandby', true);
    await page.click('#mode-confirm-yes');
    assert.equal(page.state()?.wizard.values.failoverMode, 'HotStandby');
    await page.click('#next');
    assert.equal(page.text('#percentage-field vscode-label'), 'Addresses reserved for the standby server (%)');
    assert.equal(page.element<HTMLElement & { value: string }>('#percentage').value, '5');
    await page.click('#next');
    assert.match(page.text('#secret-hint'), /Leave empty to keep the current secret/);
    await page.click('#next');
    assert.match(summary(page), /Message authentication: Unchanged \(keep the current secret\)/);
    assert.match(summary(page), /Addresses reserved for the standby server: 5 %/);
    assert.match(summary(page), /Mode change: Load balance → Hot standby/);
    assert.equal(page.text('#save'), 'Save');
    await page.click('#save');
    const submit = page.posted.at(-1);
    assert.deepEqual(submit?.t === 'submit' && submit.sharedSecret, '');
  });

  it('shows the message of a primary at its limit without any typing, and says beside Next why it is disabled', async () => {
    page = await openWebview('relationshipWizard');
    const setup = addSetup();
    setup.relationshipNames['dhcp-a'] = Array.from({ length: 31 }, (_, i) => `r${i}`);
    await page.send({ t: 'init', setup });
    assert.match(page.text('#primary-error'), /"dhcp-a" already has 31/);
    assert.equal(disabled(page, '#next'), true);
    assert.match(page.text('#blockers'), /^To continue: Enter a name for the relationship\. "dhcp-a" already has 31 .* Choose the partner server\.$/);
  });

  it('lists what blocks Next, untouched fields included, and clears the line once the step is valid', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: addSetup() });
    assert.equal(page.text('#blockers'), 'To continue: Enter a name for the relationship. Choose the partner server.');
    await page.type('#name', 'a-b-2');
    assert.equal(page.text('#blockers'), 'To continue: Choose the partner server.');
    await page.select('#partner', 'dhcp-b');
    assert.equal(page.text('#blockers'), '');
    assert.equal(page.element('#blockers').getAttribute('role'), 'status');
  });

  it('accessibility: the percentage field is named for its mode, the units are named, messages reach screen readers, focus follows', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: editSetup() });
    const percentage = page.element<HTMLElement & { label: string }>('#percentage');
    assert.equal(percentage.label, 'Local server load balance percentage');
    assert.equal(page.element('#mclt-unit').getAttribute('aria-label'), 'Maximum client lead time unit');
    assert.equal(page.element('#safe-period-unit').getAttribute('aria-label'), 'State switchover interval unit');
    // A native control points at its message; a vscode-elements control's message is a live region.
    assert.equal(page.element('#name').hasAttribute('aria-describedby'), false);
    assert.equal(page.element('#name-error').getAttribute('aria-live'), 'polite');

    await page.check('#mode-HotStandby', true);
    assert.equal(page.document.activeElement?.id, 'mode-confirm-yes', 'the mode question takes the focus');
    await page.click('#mode-confirm-yes');
    assert.equal(percentage.label, 'Addresses reserved for the standby server (%)');
    await page.click('#next');
    assert.equal(page.document.activeElement?.id, 'step-mode-title');
    await page.click('#back');
    assert.equal(page.element('#step-general').hidden, false);
    assert.equal(page.document.activeElement?.id, 'step-general-title', 'Back moves the focus to the step shown');
  });

  it('forgets the lost secret when message authentication is turned off: no notice, nothing to re-enter', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: addSetup() });
    await fillGeneral(page);
    await page.click('#next');
    await page.click('#next');
    page = await reloadWithSecretTyped(page);
    assert.equal(page.element('#secret-notice').hidden, false);
    await page.check('#auth', false);
    assert.equal(page.element('#secret-notice').hidden, true);
    assert.equal(page.state()?.secretEntered, false);
    assert.equal(disabled(page, '#next'), false);
    await page.check('#auth', true);
    assert.equal(page.element('#secret-notice').hidden, true, 'turned on again, it simply asks for a secret');
    assert.match(page.text('#blockers'), /Enter the shared secret/);
  });

  it('offers Retry when the setup could not be read, and Retry asks the host again', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'loadFailed', message: 'Could not read the DHCP servers and their relationships: Micetro is not reachable.' });
    assert.match(page.text('.error-box'), /Micetro is not reachable/);
    await page.click('#retry-load');
    assert.deepEqual(page.posted, [{ t: 'ready' }, { t: 'ready' }]);
    await page.send({ t: 'init', setup: addSetup() });
    assert.equal(page.text('#title'), 'Add Failover Relationship');
  });

  it('shows what the host refused as text at the top, and the user can send again', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: addSetup() });
    await saveNew(page, 'new-rel');
    assert.equal(disabled(page, '#save'), true);
    await page.send({ t: 'hostError', message: `The extension refused what this page sent: ${XSS}.` });
    const box = page.element('#app').firstElementChild;
    assert.equal(box?.id, 'page-error', 'the message is at the top');
    assert.equal(box?.getAttribute('role'), 'alert');
    assert.equal(page.text('#page-error'), `The extension refused what this page sent: ${XSS}.`);
    assert.equal(page.document.querySelectorAll('img').length, 0);
    assert.equal(page.document.activeElement?.id, 'page-error');
    assert.equal(disabled(page, '#save'), false, 'the refused submit is over');
    assert.equal(page.state()?.wizard.values.name, 'new-rel', 'nothing typed is lost');
  });

  it('shows a host message it cannot handle on the page, and reports it to the host', async () => {
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: addSetup() });
    await page.send({ t: 'selfDestruct' } as unknown as RelationshipWizardToWebview);
    assert.match(page.text('#page-error'), /^This page failed to show the extension's answer: Unexpected value: \{"t":"selfDestruct"\}$/);
    assert.deepEqual(page.posted.at(-1), { t: 'pageError', message: 'Unexpected value: {"t":"selfDestruct"}' });
    assert.equal(page.text('#title'), 'Add Failover Relationship', 'the wizard stays usable');
  });

  it('shows server and relationship names as text, never as markup (XSS)', async () => {
    page = await openWebview('relationshipWizard');
    const setup = addSetup();
    setup.primary.name = XSS;
    setup.partners[0].name = `${XSS}-partner`;
    await page.send({ t: 'init', setup });
    await page.select('#partner', `${XSS}-partner`);
    await page.type('#name', XSS);
    assert.equal(page.document.querySelectorAll('img').length, 0);
    assert.equal(page.text('#primary'), XSS);
    const partner = page.element<HTMLSelectElement>('#partner');
    assert.equal(partner.options[partner.selectedIndex].textContent, `${XSS}-partner (1 relationship)`);

    const edit = editSetup();
    edit.existing = { ...edit.existing!, name: XSS, secondaryServer: XSS };
    await page.close();
    page = await openWebview('relationshipWizard');
    await page.send({ t: 'init', setup: edit });
    await page.send({ t: 'saveFailed', message: XSS });
    assert.equal(page.document.querySelectorAll('img').length, 0);
    assert.equal(page.text('#title'), `Edit Failover Relationship "${XSS}"`);
    assert.match(page.text('#save-error'), /<img src=x onerror=/);
    assert.equal((page.window as unknown as { __xss?: number }).__xss, undefined);
  });
});
