// The real Create Scope script in happy-dom: it asks for the server's data, validates next to each field, keeps its
// draft with setState, shows Micetro's refusal, and after a failed add to the relationship says the scope exists
// and offers Retry. Server-provided names are shown as text.
import assert from 'node:assert/strict';
import type { CreateScopeSetup, ScopeServerContext } from '../../src/wizards/createScopeForm';
import type { CreateScopeFromWebview, CreateScopePageState, CreateScopeToWebview } from '../../src/wizards/messages';
import { disabled, openWebview, type WebviewPage } from './webview-harness';

type Page = WebviewPage<CreateScopeFromWebview, CreateScopeToWebview, CreateScopePageState>;

const XSS = '<img src=x onerror="window.__xss=1">';

const setup: CreateScopeSetup = {
  servers: [
    { ref: 'DHCPServers/1', name: 'dhcp-a' },
    { ref: 'DHCPServers/2', name: 'dhcp-b' },
  ],
  serverRef: 'DHCPServers/1',
  relationshipName: 'a-b',
};

const context: ScopeServerContext = {
  serverRef: 'DHCPServers/1',
  existingNetworks: ['10.1.0.0/24'],
  relationships: [
    { name: 'a-b', partner: 'dhcp-b', stateLabel: 'Normal' },
    { name: 'a-c', partner: 'dhcp-c', stateLabel: 'Partner down', disabledReason: 'Scopes can be added only while the relationship is Normal; it is Partner down.' },
  ],
};

async function ready(page: Page): Promise<void> {
  await page.send({ t: 'init', setup });
  await page.send({ t: 'serverContext', context });
}

describe('webview: create scope form', function () {
  this.timeout(30000);
  let page: Page;

  afterEach(async () => {
    await page?.close();
  });

  it('asks for the chosen server’s scopes and relationships and lists them with their state', async () => {
    page = await openWebview('createScope');
    await page.send({ t: 'init', setup });
    assert.deepEqual(page.posted, [{ t: 'ready' }, { t: 'loadServer', serverRef: 'DHCPServers/1' }]);
    assert.match(page.text('#server-status'), /Loading/);
    assert.equal(disabled(page, '#create'), true);
    await page.send({ t: 'serverContext', context });
    assert.equal(page.text('#server-status'), '');
    const options = [...page.document.querySelectorAll('#relationship option')].map((option) => [option.textContent, option.hasAttribute('disabled')]);
    assert.deepEqual(options, [
      ['None: not in a failover relationship', false],
      ['a-b (with dhcp-b, Normal)', false],
      ['a-c (with dhcp-c, Partner down): Scopes can be added only while the relationship is Normal; it is Partner down.', true],
    ]);
    assert.equal(page.element<HTMLSelectElement>('#relationship').value, 'a-b');
    assert.equal(page.element('label[for="server"]').textContent, 'Server');
    assert.ok(page.element('#network').shadowRoot, 'the vscode-elements components are bundled and defined');
  });

  it('fills the pool from the network, validates next to each field and enables Create only when valid', async () => {
    page = await openWebview('createScope');
    await ready(page);
    await page.type('#network', '10.1.0.0/25');
    assert.match(page.text('#network-error'), /overlaps the scope 10\.1\.0\.0\/24/);
    assert.equal(disabled(page, '#create'), true);
    await page.type('#network', '10.9.0.0/24');
    assert.equal(page.text('#network-error'), '');
    assert.equal(page.element<HTMLElement & { value: string }>('#pool-from').value, '10.9.0.1');
    assert.equal(page.element<HTMLElement & { value: string }>('#pool-to').value, '10.9.0.254');
    await page.type('#pool-to', '10.9.1.5');
    assert.match(page.text('#pool-to-error'), /must end inside 10\.9\.0\.0\/24/);
    await page.type('#pool-to', '10.9.0.200');
    await page.click('#add-exclusion');
    await page.type('#exclusion-0-from', '10.9.0.50');
    await page.type('#exclusion-0-to', '10.9.0.40');
    assert.match(page.text('#exclusions-error'), /Exclusion 1: the last address must not come before the first/);
    assert.equal(disabled(page, '#create'), true);
    await page.type('#exclusion-0-to', '10.9.0.60');
    assert.equal(disabled(page, '#create'), false);

    await page.click('#create');
    assert.deepEqual(page.posted.at(-1), {
      t: 'submit',
      values: {
        serverRef: 'DHCPServers/1',
        network: '10.9.0.0/24',
        name: '',
        description: '',
        poolFrom: '10.9.0.1',
        poolTo: '10.9.0.200',
        exclusions: [{ from: '10.9.0.50', to: '10.9.0.60' }],
        relationshipName: 'a-b',
        createRange: false,
      },
    });
    assert.equal(disabled(page, '#create'), true, 'no second submit while the first is in flight');
  });

  describe('existing IPAM ranges', () => {
    const withRanges = (complete: boolean): CreateScopeSetup => ({ ...setup, ranges: { networks: ['10.1.0.0/24', '10.5.0.0/24', '10.6.0.0/24'], complete } });
    const value = (selector: string) => page.element<HTMLElement & { value: string }>(selector).value;

    it('offers the ranges this server has no scope in; a picked one fills the network and the pool, and typing stays possible', async () => {
      page = await openWebview('createScope');
      await page.send({ t: 'init', setup: withRanges(true) });
      await page.send({ t: 'serverContext', context });
      const options = [...page.document.querySelectorAll('#range-pick option')].map((option) => option.textContent);
      assert.deepEqual(options, ['Pick an existing IPAM range (2)…', '10.5.0.0/24', '10.6.0.0/24'], '10.1.0.0/24 has a scope on this server');
      assert.equal(page.document.querySelector('#network-hint'), null, 'every range is listed: no note');
      await page.select('#range-pick', '10.5.0.0/24');
      assert.deepEqual([value('#network'), value('#pool-from'), value('#pool-to')], ['10.5.0.0/24', '10.5.0.1', '10.5.0.254']);
      assert.equal(page.text('#network-error'), '');
      assert.equal(disabled(page, '#create'), false);
      await page.type('#network', '10.6.0.0/24');
      assert.equal(page.element<HTMLSelectElement>('#range-pick').value, '10.6.0.0/24', 'a typed network that is a range shows as picked');
      assert.equal(value('#pool-from'), '10.6.0.1');
      await page.click('#create');
      const sent = page.posted.at(-1);
      assert.ok(sent?.t === 'submit');
      assert.deepEqual([sent.values.network, sent.values.createRange], ['10.6.0.0/24', false]);
    });

    it('says beside the network that Micetro has no range for it, until Create the range is ticked', async () => {
      page = await openWebview('createScope');
      await page.send({ t: 'init', setup: withRanges(true) });
      await page.send({ t: 'serverContext', context });
      await page.type('#network', '10.9.0.0/24');
      assert.equal(page.text('#network-error'), 'No IPAM range 10.9.0.0/24 in Micetro: tick Create the range, or pick one.');
      assert.equal(disabled(page, '#create'), true);
      await page.check('#create-range', true);
      assert.equal(page.text('#network-error'), '');
      assert.equal(disabled(page, '#create'), false);
      assert.equal(value('#network'), '10.9.0.0/24', 'nothing typed is lost');
    });

    it('says when the list was cut, and leaves the range of another network to the check on Create', async () => {
      page = await openWebview('createScope');
      await page.send({ t: 'init', setup: withRanges(false) });
      await page.send({ t: 'serverContext', context });
      assert.equal(page.text('#network-hint'), 'Showing the first 500 ranges; type any other network.');
      await page.type('#network', '10.9.0.0/24');
      assert.equal(page.text('#network-error'), '');
      assert.equal(disabled(page, '#create'), false);
    });
  });

  it('shows Micetro’s refusal and keeps every value, also after a reload', async () => {
    page = await openWebview('createScope');
    await ready(page);
    await page.type('#network', '10.9.0.0/24');
    await page.type('#description', 'Lab');
    await page.click('#create');
    await page.send({ t: 'createFailed', message: 'The server is down. (Micetro error 400)' });
    assert.equal(page.element('#form-error').hidden, false);
    assert.match(page.text('#form-error'), /did not create the scope: The server is down/);
    assert.equal(disabled(page, '#create'), false);
    const saved = page.state();
    await page.close();

    page = await openWebview('createScope', saved);
    await ready(page);
    assert.equal(page.element<HTMLElement & { value: string }>('#network').value, '10.9.0.0/24');
    assert.equal(page.element<HTMLElement & { value: string }>('#description').value, 'Lab');
    assert.match(page.text('#form-error'), /The server is down/);
  });

  it('says exactly what was created when a later step failed, and offers Finish and Undo', async () => {
    page = await openWebview('createScope');
    await ready(page);
    await page.type('#network', '10.9.0.0/24');
    await page.click('#create');
    await page.send({
      t: 'partlyCreated',
      scopeRef: 'DHCPScopes/77',
      scopeName: '10.9.0.0/24',
      dhcpServerRef: 'DHCPServers/1',
      relationshipName: 'a-b',
      summary: 'Scope 10.9.0.0/24 was created on dhcp-a without failover relationship "a-b".',
      message: 'Adding it to failover relationship "a-b" failed: ERROR_DHCP_FO_STATE_NOT_NORMAL (20120)',
    });
    assert.equal(page.element('#partial').hidden, false);
    assert.match(page.text('#partial-text'), /^Scope 10\.9\.0\.0\/24 was created on dhcp-a without failover relationship "a-b"\. Adding it .*\(20120\) Finish adds the rest; Undo deletes the scope\.$/);
    assert.equal(page.element('#form-buttons').hidden, true, 'Create is gone: the scope exists');
    assert.equal(disabled(page, '#network'), true);
    await page.click('#finish');
    assert.deepEqual(page.posted.at(-1), { t: 'finish' }, 'the host knows which scope and steps: the page names none');
    assert.equal(page.state()?.partial?.scopeRef, 'DHCPScopes/77', 'a reload still offers Finish');
    await page.send({ t: 'partlyCreated', scopeRef: 'DHCPScopes/77', scopeName: '10.9.0.0/24', dhcpServerRef: 'DHCPServers/1', relationshipName: 'a-b', summary: 's', message: 'm' });
    await page.click('#undo');
    assert.deepEqual(page.posted.at(-1), { t: 'undo' });
    await page.send({ t: 'createFailed', message: 'Undo deleted scope 10.9.0.0/24; nothing is left of it.' });
    assert.equal(page.element('#partial').hidden, true, 'after an Undo the form is back');
    assert.equal(disabled(page, '#network'), false);
    assert.equal(page.element<HTMLInputElement>('#network').value, '10.9.0.0/24', 'nothing typed is lost');
  });

  it('asks for the new server’s data when the server changes and drops the relationship', async () => {
    page = await openWebview('createScope');
    await ready(page);
    await page.select('#server', 'DHCPServers/2');
    assert.deepEqual(page.posted.at(-1), { t: 'loadServer', serverRef: 'DHCPServers/2' });
    assert.equal(page.state()?.form.values.relationshipName, '');
    await page.send({ t: 'serverLoadFailed', serverRef: 'DHCPServers/2', message: 'Could not reach Micetro.' });
    assert.match(page.text('#server-status'), /Could not read this server's scopes and relationships: Could not reach Micetro\./);
  });

  it('says beside a disabled Create why, untouched fields and the loading server data included', async () => {
    page = await openWebview('createScope');
    await page.send({ t: 'init', setup });
    assert.match(page.text('#blockers'), /^To continue: Enter an IPv4 network in CIDR form.*Wait until this server's scopes and relationships are read/);
    await page.send({ t: 'serverContext', context });
    await page.type('#network', '10.9.0.0/24');
    assert.equal(disabled(page, '#create'), false);
    assert.equal(page.text('#blockers'), '');
  });

  it('drops the previous server’s relationships at once when the server changes, and retries a failed read', async () => {
    page = await openWebview('createScope');
    await ready(page);
    await page.select('#server', 'DHCPServers/2');
    const options = [...page.document.querySelectorAll('#relationship option')].map((option) => option.textContent);
    assert.deepEqual(options, ['None: not in a failover relationship']);
    assert.equal(page.element('#server-retry').hidden, true);
    await page.send({ t: 'serverLoadFailed', serverRef: 'DHCPServers/2', message: 'Could not reach Micetro.' });
    assert.equal(page.element('#server-retry').hidden, false);
    const before = page.posted.length;
    await page.click('#server-retry');
    assert.deepEqual(page.posted.slice(before), [{ t: 'loadServer', serverRef: 'DHCPServers/2' }]);
    assert.match(page.text('#server-status'), /Loading/);
    assert.equal(page.element('#server-retry').hidden, true);
  });

  it('offers Retry when the servers could not be read, and Retry asks the host again', async () => {
    page = await openWebview('createScope');
    await page.send({ t: 'loadFailed', message: 'Could not read the DHCP servers: Micetro is not reachable.' });
    await page.click('#retry-load');
    assert.deepEqual(page.posted, [{ t: 'ready' }, { t: 'ready' }]);
    await ready(page);
    assert.equal(page.element<HTMLSelectElement>('#server').value, 'DHCPServers/1');
  });

  it('has a labelled Name field, checked next to it as typed, sent as the scope name', async () => {
    page = await openWebview('createScope');
    await ready(page);
    assert.equal(page.element('vscode-label[for="scope-name"]').textContent, 'Name');
    assert.equal(page.element('#scope-name').getAttribute('placeholder'), 'defaults to the network');
    await page.type('#network', '10.9.0.0/24');
    await page.type('#scope-name', 'x'.repeat(256));
    assert.match(page.text('#scope-name-error'), /256 characters long; at most 255/);
    assert.equal(page.element('#scope-name').getAttribute('aria-invalid'), 'true');
    assert.equal(disabled(page, '#create'), true);
    await page.type('#scope-name', 'London\toffice');
    assert.match(page.text('#scope-name-error'), /control characters/);
    assert.match(page.text('#blockers'), /control characters/);
    await page.type('#scope-name', 'London office');
    assert.equal(page.text('#scope-name-error'), '');
    assert.equal(disabled(page, '#create'), false);
    await page.click('#create');
    const submitted = page.posted.at(-1);
    assert.ok(submitted?.t === 'submit');
    assert.equal(submitted.values.name, 'London office');
    assert.equal(page.state()?.form.values.name, 'London office', 'kept in the draft');
  });

  it('restores a draft saved before the form had a Name field', async () => {
    page = await openWebview('createScope');
    await ready(page);
    await page.type('#network', '10.9.0.0/24');
    const saved = page.state();
    assert.ok(saved);
    const { name: _name, ...oldValues } = saved.form.values;
    await page.close();
    page = await openWebview('createScope', { ...saved, form: { ...saved.form, values: oldValues as typeof saved.form.values } });
    await ready(page);
    assert.equal(page.element<HTMLElement & { value: string }>('#scope-name').value, '');
    assert.equal(page.text('#scope-name-error'), '');
    assert.equal(disabled(page, '#create'), false);
  });

  it('shows what the host refused as text at the top, and Create works again', async () => {
    page = await openWebview('createScope');
    await ready(page);
    await page.type('#network', '10.9.0.0/24');
    await page.click('#create');
    assert.equal(disabled(page, '#create'), true);
    await page.send({ t: 'hostError', message: XSS });
    assert.equal(page.element('#app').firstElementChild?.id, 'page-error');
    assert.equal(page.text('#page-error'), XSS);
    assert.equal(page.document.querySelectorAll('img').length, 0);
    assert.equal(disabled(page, '#create'), false, 'the refused request is over');
    assert.equal(page.state()?.form.values.network, '10.9.0.0/24', 'nothing typed is lost');
  });

  it('shows a host message it cannot handle on the page, and reports it to the host', async () => {
    page = await openWebview('createScope');
    await ready(page);
    await page.send({ t: 'serverContext' } as unknown as CreateScopeToWebview);
    assert.match(page.text('#page-error'), /^This page failed to show the extension's answer: /);
    assert.equal(page.posted.at(-1)?.t, 'pageError');
  });

  it('shows server and relationship names as text, never as markup (XSS)', async () => {
    page = await openWebview('createScope');
    await page.send({ t: 'init', setup: { servers: [{ ref: 'DHCPServers/1', name: XSS }], serverRef: 'DHCPServers/1' } });
    await page.send({ t: 'serverContext', context: { serverRef: 'DHCPServers/1', existingNetworks: [], relationships: [{ name: XSS, partner: XSS, stateLabel: XSS }] } });
    await page.type('#network', '10.9.0.0/24');
    await page.type('#scope-name', XSS);
    await page.click('#create');
    await page.send({ t: 'partlyCreated', scopeRef: 'DHCPScopes/1', scopeName: XSS, dhcpServerRef: 'DHCPServers/1', relationshipName: XSS, summary: XSS, message: XSS });
    assert.equal(page.document.querySelectorAll('img').length, 0);
    const server = page.element<HTMLSelectElement>('#server');
    assert.equal(server.options[server.selectedIndex].textContent, XSS);
    assert.match(page.text('#partial-text'), /<img src=x onerror=/);
    assert.equal((page.window as unknown as { __xss?: number }).__xss, undefined);
  });
});
