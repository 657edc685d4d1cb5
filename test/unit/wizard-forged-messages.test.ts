// Messages no honest wizard page sends, fed to the hosts as a hostile or broken page would: another relationship's
// name on Edit, a partner or server the wizard did not offer, a retry with nothing to retry, messages out of phase,
// missing fields, wrong types, unknown kinds, huge strings, non-objects. Each one is refused: no client call, nothing
// closed, one "Refused" log line, and the reason shown on the page. The honest flow still works afterwards.
import assert from 'node:assert/strict';
import { CreateScopeHost } from '../../src/wizards/createScopeHost';
import { initialCreateScopeState, updateScopeValues, type CreateScopeSetup, type CreateScopeValues } from '../../src/wizards/createScopeForm';
import type { CreateScopeToWebview, RelationshipWizardToWebview } from '../../src/wizards/messages';
import { initialRelationshipState, updateValues, type RelationshipWizardSetup, type RelationshipWizardState } from '../../src/wizards/relationshipWizard';
import { RelationshipWizardHost } from '../../src/wizards/relationshipWizardHost';
import { A, fakeClient, fakePanel, normalPair, unhandledDuring } from './wizard-host-fakes';

type Host = { receive(message: unknown): Promise<void> };

/** Every forged message sent by this file, and how many a host accepted (the closing figure: 0 of them). */
const tally = { sent: 0, accepted: 0 };

/**
 * Sends each forged message and checks it was refused without side effects: no client call, no close, a "Refused"
 * warning in the log and a hostError on the page, and no unhandled rejection.
 */
async function expectRefused(
  host: Host,
  fake: ReturnType<typeof fakeClient>,
  panel: { posted: Array<{ t: string }>; closed: boolean[]; warnings: string[] },
  forged: Array<[string, unknown]>,
): Promise<void> {
  for (const [what, message] of forged) {
    const calls = fake.log.length;
    const posted = panel.posted.length;
    const warnings = panel.warnings.length;
    tally.sent++;
    const unhandled = await unhandledDuring(() => host.receive(message));
    const accepted = fake.log.length !== calls || panel.closed.length > 0;
    if (accepted) tally.accepted++;
    assert.deepEqual(fake.log.slice(calls), [], `${what}: no client call`);
    assert.deepEqual(panel.closed, [], `${what}: the panel stays open`);
    assert.deepEqual(unhandled, [], `${what}: no unhandled rejection`);
    assert.equal(panel.warnings.length, warnings + 1, `${what}: one log line`);
    assert.match(panel.warnings.at(-1) ?? '', /^Refused a message from the .* page: /, what);
    assert.deepEqual(panel.posted.slice(posted).map((sent) => sent.t), ['hostError'], `${what}: the page is told`);
  }
}

/** Kinds of malformed message every host refuses, whatever its union. */
function malformed(valid: Record<string, unknown>): Array<[string, unknown]> {
  return [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'submit'],
    ['an array', [valid]],
    ['no t', { ...valid, t: undefined }],
    ['an unknown t', { ...valid, t: 'deleteEverything' }],
    ['t of the wrong type', { ...valid, t: 1 }],
    ['a huge unknown t', { t: 'x'.repeat(1_000_000) }],
    ['a huge page error', { t: 'pageError', message: 'x'.repeat(1_000_000) }],
    ['a page error without its text', { t: 'pageError' }],
  ];
}

async function shownRelationshipWizard(kind: 'add' | 'edit') {
  const existing = kind === 'edit' ? normalPair : undefined;
  const fake = fakeClient();
  const panel = fakePanel<RelationshipWizardToWebview>(fake.client);
  const host = new RelationshipWizardHost(panel.deps, { primary: A, existing, onSaved: async () => undefined });
  await host.receive({ t: 'ready' });
  const init = panel.posted[0];
  assert.equal(init?.t, 'init');
  const setup = (init as { setup: RelationshipWizardSetup }).setup;
  return { fake, panel, host, setup, initial: initialRelationshipState(setup) };
}

function submit(state: RelationshipWizardState, sharedSecret = ''): { t: 'submit'; state: RelationshipWizardState; sharedSecret: string } {
  return { t: 'submit', state: { ...state, step: 'summary' }, sharedSecret };
}

describe('wizard hosts refuse forged and malformed page messages', () => {
  after(() => {
    // The figure for the closing note.
    console.log(`      forged webview messages: ${tally.sent} sent, ${tally.accepted} accepted`);
    assert.equal(tally.accepted, 0);
  });

  it('Edit: refuses a submit naming another relationship or partner, and every malformed message; the honest Save still works', async () => {
    const { fake, panel, host, initial } = await shownRelationshipWizard('edit');
    const honest = submit(updateValues(initial, { loadBalancePercent: '70' }));
    await expectRefused(host, fake, panel, [
      ['another relationship', submit(updateValues(initial, { name: 'c-d', loadBalancePercent: '70' }))],
      ['another partner', submit(updateValues(initial, { partner: 'dhcp-c' }))],
      ['no state', { t: 'submit', sharedSecret: '' }],
      ['no secret', { t: 'submit', state: honest.state }],
      ['a secret of the wrong type', { ...honest, sharedSecret: 7 }],
      ['an unknown step', { ...honest, state: { ...honest.state, step: 'launch' } }],
      ['an unknown mode', { ...honest, state: { ...honest.state, values: { ...honest.state.values, failoverMode: 'Evil' } } }],
      ['a boolean as text', { ...honest, state: { ...honest.state, values: { ...honest.state.values, messageAuthentication: 'yes' } } }],
      ['a number where text goes', { ...honest, state: { ...honest.state, values: { ...honest.state.values, loadBalancePercent: 70 } } }],
      ['an unknown duration unit', { ...honest, state: { ...honest.state, values: { ...honest.state.values, mclt: { value: '1', unit: 'weeks' } } } }],
      ['a huge name', { ...honest, state: { ...honest.state, values: { ...honest.state.values, name: 'a'.repeat(100_000) } } }],
      ['a huge touched list', { ...honest, state: { ...honest.state, touched: Array(10_000).fill('name') } }],
      ...malformed(honest),
    ]);

    await host.receive(honest);
    assert.deepEqual(fake.log.at(-1)?.method, 'modifyDHCPFailoverRelationship');
    assert.equal((fake.log.at(-1)?.args[0] as { name: string; percentage: number }).name, 'a-b');
    assert.deepEqual(panel.closed, [true]);
  });

  it('Edit: a refused message says why, quotes the page only briefly, and never logs a shared secret', async () => {
    const { fake, panel, host, initial } = await shownRelationshipWizard('edit');
    const secret = `S3cret-${'x'.repeat(5000)}`;
    await expectRefused(host, fake, panel, [
      ['another relationship with a secret', submit(updateValues(initial, { name: `c-d\nRefused nothing`, messageAuthentication: true }), 'S3cret-short')],
      ['a too-long secret', submit(updateValues(initial, { messageAuthentication: true }), secret)],
    ]);
    assert.match(panel.warnings[0], /the relationship "c-d\\nRefused nothing", but this wizard edits "a-b"/);
    assert.match(panel.warnings[1], /sharedSecret: max_length expected <=1000, got 5007/);
    for (const line of [...panel.warnings, ...panel.posted.map((sent) => JSON.stringify(sent))]) assert.doesNotMatch(line, /S3cret/);
  });

  it('Add: refuses a partner it did not offer, the primary as its own partner, a submit before the wizard was shown, and a second submit while saving', async () => {
    const { fake, panel, host, initial } = await shownRelationshipWizard('add');
    await expectRefused(host, fake, panel, [
      ['a server not offered', submit(updateValues(initial, { name: 'a-z', partner: 'dhcp-z' }))],
      ['the primary as partner', submit(updateValues(initial, { name: 'a-a', partner: 'dhcp-a' }))],
      ['a huge secret', submit(updateValues(initial, { name: 'a-b-2', partner: 'dhcp-b', messageAuthentication: true }), 's'.repeat(100_000))],
      ...malformed(submit(initial)),
    ]);

    const early = fakeClient();
    const earlyPanel = fakePanel<RelationshipWizardToWebview>(early.client);
    const unshown = new RelationshipWizardHost(earlyPanel.deps, { primary: A, onSaved: async () => undefined });
    // The host reads its setup as it opens; what counts is what the forged submit adds to that.
    await early.settled();
    await expectRefused(unshown, early, earlyPanel, [['a submit before the wizard was shown', submit(updateValues(initial, { name: 'a-b-2', partner: 'dhcp-b' }))]]);

    const honest = submit(updateValues(initial, { name: 'a-b-2', partner: 'dhcp-b' }));
    const save = fake.hold('addDHCPFailoverRelationship');
    const first = host.receive(honest);
    await save.reached;
    await expectRefused(host, fake, { ...panel, closed: [] }, [['a second submit while saving', honest]]);
    save.release();
    await first;
    assert.deepEqual(fake.calls.addDHCPFailoverRelationship, 1);
    assert.deepEqual(panel.closed, [true]);
    await expectRefused(host, fake, { ...panel, closed: [] }, [['a submit after the save', honest]]);
  });

  describe('Create Scope', () => {
    async function shownForm(failures: Record<string, number> = {}) {
      const fake = fakeClient(failures);
      const panel = fakePanel<CreateScopeToWebview>(fake.client);
      const host = new CreateScopeHost(panel.deps, { server: A, relationshipName: 'a-b', onCreated: async () => undefined });
      await host.receive({ t: 'ready' });
      const setup = (panel.posted[0] as { setup: CreateScopeSetup }).setup;
      await host.receive({ t: 'loadServer', serverRef: A.ref });
      const values: CreateScopeValues = updateScopeValues(initialCreateScopeState(setup), { network: '10.9.0.0/24' }).values;
      return { fake, panel, host, values };
    }

    it('refuses a server it did not offer, a retry with no failed add, and every malformed message; the honest Create still works', async () => {
      const { fake, panel, host, values } = await shownForm();
      const honest = { t: 'submit', values };
      await expectRefused(host, fake, panel, [
        ['a server not offered (read)', { t: 'loadServer', serverRef: 'DHCPServers/99' }],
        ['a server not offered (create)', { t: 'submit', values: { ...values, serverRef: 'DHCPServers/99' } }],
        ['finish without any create', { t: 'finish' }],
        ['undo without any create', { t: 'undo' }],
        ['finish naming a scope of its own', { t: 'finish', scopeRef: 'DHCPScopes/999', dhcpServerRef: A.ref, relationshipName: 'a-b', scopeName: 'x' }],
        ['no values', { t: 'submit' }],
        ['no serverRef', { t: 'loadServer' }],
        ['a serverRef of the wrong type', { t: 'loadServer', serverRef: { ref: A.ref } }],
        ['exclusions that are not a list', { t: 'submit', values: { ...values, exclusions: 'all' } }],
        ['too many exclusions', { t: 'submit', values: { ...values, exclusions: Array(10_000).fill({ from: '10.9.0.1', to: '10.9.0.2' }) } }],
        ['a huge network', { t: 'submit', values: { ...values, network: '1'.repeat(1_000_000) } }],
        ['a huge serverRef', { t: 'loadServer', serverRef: 'D'.repeat(100_000) }],
        ...malformed(honest),
      ]);
      await host.receive(honest);
      assert.deepEqual(fake.calls.addDHCPScope, 1);
      assert.deepEqual(panel.closed, [true]);
    });

    it('refuses a Finish after a failed create (nothing to finish), and finishes only the scope it created, whatever the page names', async () => {
      const { fake, panel, host, values } = await shownForm({ addDHCPScope: 1, addScopesToFailoverRelationship: 1 });
      await host.receive({ t: 'submit', values });
      assert.equal(panel.posted.at(-1)?.t, 'createFailed');
      await expectRefused(host, fake, panel, [['finish after a failed create', { t: 'finish' }]]);

      await host.receive({ t: 'submit', values });
      assert.equal(panel.posted.at(-1)?.t, 'partlyCreated');
      await host.receive({ t: 'finish', scopeRef: 'DHCPScopes/999', dhcpServerRef: 'DHCPServers/2', relationshipName: 'other' });
      assert.deepEqual(fake.log.filter((call) => call.method === 'addScopesToFailoverRelationship').at(-1), { method: 'addScopesToFailoverRelationship', args: [A.ref, 'a-b', ['DHCPScopes/1']] });
      assert.deepEqual(panel.closed, [true]);
      await expectRefused(host, fake, { ...panel, closed: [] }, [['finish after the add succeeded', { t: 'finish' }]]);
    });

    it('refuses reads and creates before the form was shown', async () => {
      const fake = fakeClient();
      const panel = fakePanel<CreateScopeToWebview>(fake.client);
      const host = new CreateScopeHost(panel.deps, { onCreated: async () => undefined });
      await fake.settled();
      const values = updateScopeValues(initialCreateScopeState({ servers: [{ ref: A.ref, name: A.name }], serverRef: A.ref }), { network: '10.9.0.0/24' }).values;
      await expectRefused(host, fake, panel, [
        ['loadServer before ready', { t: 'loadServer', serverRef: A.ref }],
        ['submit before ready', { t: 'submit', values }],
        ['finish before ready', { t: 'finish' }],
      ]);
    });
  });

  it('logs what a page reports about its own failure, cut short', async () => {
    const { panel, host } = await shownRelationshipWizard('edit');
    await host.receive({ t: 'pageError', message: `Cannot read properties of undefined\n${'y'.repeat(500)}` });
    assert.match(panel.warnings.at(-1) ?? '', /^The Failover Relationship wizard page failed: "Cannot read properties of undefined\\ny+… \(\d+ characters\)$/);
  });
});
