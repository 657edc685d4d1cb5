// The relationship wizard model in plain Node: every step's validation, mode switching, edit mode, the shared
// secret's handling, the partner list and exactly what Add / Modify send.
import assert from 'node:assert/strict';
import type { DHCPFailoverRelationship } from '../../src/api/types';
import {
  answerModeChange,
  chooseMode,
  initialRelationshipState,
  isReadyToSend,
  isStepValid,
  nextStep,
  previousStep,
  relationshipIssues,
  relationshipSummary,
  relationshipToSend,
  stepBlockers,
  touch,
  updateValues,
  type RelationshipWizardSetup,
  type RelationshipWizardState,
} from '../../src/wizards/relationshipWizard';
import { partnerChoices, relationshipNamesByServer, relationshipWizardSetup } from '../../src/wizards/relationshipWizardSetup';
import { durationSeconds, parseWholeNumber } from '../../src/wizards/numberInput';
import { buildFailoverPairs } from '../../src/failover';
import { relationship, server } from './fixtures';

const A = server(1, { name: 'dhcp-a' });
const B = server(2, { name: 'dhcp-b' });
const C = server(3, { name: 'dhcp-c' });
const ISC = server(4, { name: 'isc-1', type: 'ISC' });

function addSetup(relationships: DHCPFailoverRelationship[] = [relationship('a-b', 'dhcp-a', 'dhcp-b')]): RelationshipWizardSetup {
  return relationshipWizardSetup(A, [A, B, C, ISC], relationships);
}

function filledAdd(setup = addSetup()): RelationshipWizardState {
  return updateValues(initialRelationshipState(setup), { name: 'a-c', partner: 'dhcp-c' });
}

function editSetup(extra: Partial<DHCPFailoverRelationship> = {}): RelationshipWizardSetup {
  const existing = relationship('a-b', 'dhcp-a', 'dhcp-b', { percentage: 70, mclt: 7200, safePeriod: 600, enableAuth: true, ...extra });
  return relationshipWizardSetup(A, [A, B, C], [existing], buildFailoverPairs([existing], [A, B, C])[0]);
}

describe('wizard model: relationship', () => {
  describe('setup from Micetro data', () => {
    it('offers only Microsoft DHCP servers other than the primary, with their relationship counts', () => {
      const setup = addSetup([relationship('a-b', 'dhcp-a', 'dhcp-b'), relationship('b-c', 'dhcp-b', 'dhcp-c', { failoverServerType: 'SecondaryServer' })]);
      assert.deepEqual(setup.partners, [
        { ref: 'DHCPServers/2', name: 'dhcp-b', relationshipCount: 2 },
        { ref: 'DHCPServers/3', name: 'dhcp-c', relationshipCount: 1 },
      ]);
    });

    it('counts a relationship once even when it is listed from both servers', () => {
      const both = [relationship('a-b', 'dhcp-a', 'dhcp-b'), relationship('a-b', 'dhcp-a', 'dhcp-b', { failoverServerType: 'SecondaryServer' })];
      assert.deepEqual(relationshipNamesByServer(both), { 'dhcp-a': ['a-b'], 'dhcp-b': ['a-b'] });
    });

    it('lists a server at 31 relationships but not as selectable, with the reason', () => {
      const full = Array.from({ length: 31 }, (_, i) => relationship(`r${i}`, 'dhcp-c', `other-${i}`));
      const [b, c] = partnerChoices(A, [A, B, C], relationshipNamesByServer(full));
      assert.equal(b.disabledReason, undefined);
      assert.equal(c.relationshipCount, 31);
      assert.match(c.disabledReason ?? '', /31 failover relationships/);
    });

    it('says of a partner that is not running why scopes will wait, and still offers it', () => {
      const down = { ...C, state: 'Service Down' as const };
      const [b, c] = partnerChoices(A, [A, B, down], {});
      assert.equal(b.warning, undefined);
      assert.equal(c.disabledReason, undefined, 'a relationship can be named with a stopped partner');
      assert.equal(c.warning, 'Service Down: scopes can be added only once it runs again');
    });

    it('edit: fixes the partner and carries the relationship’s values', () => {
      const setup = editSetup();
      assert.equal(setup.kind, 'edit');
      assert.deepEqual(setup.partners, []);
      assert.deepEqual(setup.existing, {
        name: 'a-b',
        secondaryServer: 'dhcp-b',
        failoverMode: 'LoadBalance',
        percentage: 70,
        mclt: 7200,
        safePeriod: 600,
        enableAuth: true,
      });
    });

    it('edit from a pair read from the secondary only: primary and partner are the relationship’s, the scope refs the ones read just before Modify', () => {
      const onSecondary = relationship('a-b', 'dhcp-a', 'dhcp-b', {
        failoverServerType: 'SecondaryServer',
        dhcpServerRef: 'DHCPServers/2',
        primaryServerRef: 'DHCPServers/1',
        secondaryServerRef: 'DHCPServers/2',
        dhcpScopeRefs: ['DHCPScopes/b1'],
      });
      const [pair] = buildFailoverPairs([onSecondary], [A, B, C]);
      const setup = relationshipWizardSetup(B, [A, B, C], [onSecondary], pair);
      assert.deepEqual(setup.primary, { ref: 'DHCPServers/1', name: 'dhcp-a' });
      assert.equal(setup.existing?.secondaryServer, 'dhcp-b');
      const sent = relationshipToSend(setup, initialRelationshipState(setup), '', ['DHCPScopes/a1']);
      assert.equal(sent?.primaryServer, 'dhcp-a');
      assert.equal(sent?.secondaryServer, 'dhcp-b');
      assert.equal(sent?.dhcpServerRef, 'DHCPServers/1');
      assert.deepEqual(sent?.dhcpScopeRefs, ['DHCPScopes/a1']);
    });
  });

  describe('numbers as typed', () => {
    it('reads whole numbers only', () => {
      assert.equal(parseWholeNumber(' 42 '), 42);
      for (const text of ['', '4.5', '-1', '1e3', 'abc']) assert.ok(Number.isNaN(parseWholeNumber(text)), text);
    });

    it('turns friendly units into seconds', () => {
      assert.equal(durationSeconds({ value: '1', unit: 'hours' }), 3600);
      assert.equal(durationSeconds({ value: '1.5', unit: 'hours' }), 5400);
      assert.equal(durationSeconds({ value: '0.1', unit: 'hours' }), 360);
      assert.equal(durationSeconds({ value: '0', unit: 'minutes' }), 0);
      assert.ok(Number.isNaN(durationSeconds({ value: '1.5', unit: 'seconds' })));
      assert.ok(Number.isNaN(durationSeconds({ value: '', unit: 'minutes' })));
    });
  });

  describe('General step', () => {
    it('starts with the Windows defaults and Next blocked until a name and partner are chosen', () => {
      const setup = addSetup();
      const state = initialRelationshipState(setup);
      assert.deepEqual(state.values, {
        name: '',
        partner: '',
        failoverMode: 'LoadBalance',
        loadBalancePercent: '50',
        reservePercent: '5',
        mclt: { value: '1', unit: 'hours' },
        safePeriod: { value: '0', unit: 'minutes' },
        messageAuthentication: false,
      });
      const issues = relationshipIssues(setup, state.values, '');
      assert.equal(issues.name, 'Enter a name for the relationship.');
      assert.equal(issues.partner, 'Choose the partner server.');
      assert.equal(isStepValid(setup, state, ''), false);
      assert.equal(nextStep(setup, state, '').step, 'general');
      assert.equal(isStepValid(setup, filledAdd(setup), ''), true);
    });

    it('rejects a name already used on either server, ignoring case', () => {
      const setup = addSetup();
      const state = updateValues(initialRelationshipState(setup), { name: 'A-B', partner: 'dhcp-c' });
      assert.match(relationshipIssues(setup, state.values, '').name ?? '', /"dhcp-a" already has a relationship named "a-b"/);
    });

    it('quotes the existing name, not the casing the user typed', () => {
      const setup = addSetup();
      const state = updateValues(initialRelationshipState(setup), { name: 'A-B', partner: 'dhcp-c' });
      const message = relationshipIssues(setup, state.values, '').name ?? '';
      assert.match(message, /already has a relationship named "a-b" \(names are compared without regard to case\)/);
      assert.doesNotMatch(message, /"A-B"/);
    });

    it('rejects names that are too long or carry spaces at the ends', () => {
      const setup = addSetup();
      const long = updateValues(filledAdd(setup), { name: 'x'.repeat(127) });
      assert.match(relationshipIssues(setup, long.values, '').name ?? '', /at most 126 characters/);
      const spaced = updateValues(filledAdd(setup), { name: ' a-c' });
      assert.match(relationshipIssues(setup, spaced.values, '').name ?? '', /leading or trailing spaces/);
    });

    it('rejects a partner that is not one of the offered Microsoft servers, and a partner at the limit', () => {
      const setup = addSetup();
      assert.match(relationshipIssues(setup, updateValues(filledAdd(setup), { partner: 'isc-1' }).values, '').partner ?? '', /no DHCP server named "isc-1"/);
      const full = Array.from({ length: 31 }, (_, i) => relationship(`r${i}`, 'dhcp-c', `other-${i}`));
      const fullSetup = addSetup(full);
      assert.match(relationshipIssues(fullSetup, filledAdd(fullSetup).values, '').partner ?? '', /already has 31 failover relationships/);
    });

    it('reports a primary that is already at the limit on the primary field', () => {
      const full = Array.from({ length: 31 }, (_, i) => relationship(`r${i}`, 'dhcp-a', `other-${i}`));
      const setup = addSetup(full);
      assert.match(relationshipIssues(setup, filledAdd(setup).values, '').primary ?? '', /"dhcp-a" already has 31/);
      assert.equal(isStepValid(setup, filledAdd(setup), ''), false);
    });
  });

  describe('why a step cannot go on', () => {
    it('lists every issue of the step, touched or not, and the unanswered mode question', () => {
      const setup = addSetup();
      const state = initialRelationshipState(setup);
      assert.deepEqual(stepBlockers(setup, state, ''), ['Enter a name for the relationship.', 'Choose the partner server.']);
      assert.deepEqual(stepBlockers(setup, filledAdd(setup), ''), []);
      const noSecret = updateValues(filledAdd(setup), { messageAuthentication: true, loadBalancePercent: '101' });
      assert.deepEqual(stepBlockers(setup, noSecret, '', 'mode').length, 1);
      const summary = stepBlockers(setup, { ...noSecret, step: 'summary' }, '');
      assert.equal(summary.length, 2, 'the summary lists what blocks any step');
      assert.match(summary.join(' '), /whole number from 0 to 100.*Enter the shared secret/);
      const edit = editSetup();
      const pending = chooseMode(edit, initialRelationshipState(edit), 'HotStandby');
      assert.deepEqual(stepBlockers(edit, pending, ''), ['Answer the question about changing the mode.']);
    });

    it('names a primary already at the limit', () => {
      const full = Array.from({ length: 31 }, (_, i) => relationship(`r${i}`, 'dhcp-a', `other-${i}`));
      const setup = addSetup(full);
      assert.match(stepBlockers(setup, filledAdd(setup), '').join(' '), /"dhcp-a" already has 31/);
    });
  });

  describe('Mode settings step', () => {
    it('keeps a percentage per mode, so switching back and forth loses nothing', () => {
      const setup = addSetup();
      let state = updateValues(filledAdd(setup), { loadBalancePercent: '70' });
      state = chooseMode(setup, state, 'HotStandby');
      assert.equal(state.values.failoverMode, 'HotStandby');
      assert.equal(state.values.reservePercent, '5');
      state = updateValues(state, { reservePercent: '10' });
      state = chooseMode(setup, state, 'LoadBalance');
      assert.equal(state.values.loadBalancePercent, '70');
      assert.equal(relationshipToSend(setup, state, '', [])?.percentage, 70);
      assert.equal(relationshipToSend(setup, chooseMode(setup, state, 'HotStandby'), '', [])?.percentage, 10);
    });

    it('accepts 0 to 100 and rejects anything else with a message for the chosen mode', () => {
      const setup = addSetup();
      const at = (text: string, mode: 'LoadBalance' | 'HotStandby' = 'LoadBalance') =>
        relationshipIssues(setup, updateValues(chooseMode(setup, filledAdd(setup), mode), mode === 'LoadBalance' ? { loadBalancePercent: text } : { reservePercent: text }).values, '').percentage;
      assert.equal(at('0'), undefined);
      assert.equal(at('100'), undefined);
      assert.match(at('101') ?? '', /local server's share must be a whole number from 0 to 100/);
      assert.match(at('12.5') ?? '', /whole number/);
      assert.match(at('', 'HotStandby') ?? '', /reserve for the standby server must be a whole number/);
    });
  });

  describe('Advanced step', () => {
    it('sends the MCLT and switchover interval in seconds; 0 switches automatic switchover off', () => {
      const setup = addSetup();
      const state = updateValues(filledAdd(setup), { mclt: { value: '30', unit: 'minutes' }, safePeriod: { value: '2', unit: 'hours' } });
      const sent = relationshipToSend(setup, state, '', []);
      assert.equal(sent?.mclt, 1800);
      assert.equal(sent?.safePeriod, 7200);
      const rows = relationshipSummary(setup, updateValues(state, { safePeriod: { value: '0', unit: 'minutes' } }), '');
      assert.equal(rows.find((row) => row.label === 'State switchover interval')?.value, 'Off: no automatic switchover to Partner down (0 s)');
    });

    it('rejects an MCLT of 0 and a negative or fractional interval', () => {
      const setup = addSetup();
      const issues = relationshipIssues(
        setup,
        updateValues(filledAdd(setup), { mclt: { value: '0', unit: 'hours' }, safePeriod: { value: '0.5', unit: 'seconds' } }).values,
        '',
      );
      assert.match(issues.mclt ?? '', /more than 0 seconds/);
      assert.match(issues.safePeriod ?? '', /0 \(off\) or a positive/);
    });

    it('needs a shared secret when message authentication is turned on', () => {
      const setup = addSetup();
      const state = { ...updateValues(filledAdd(setup), { messageAuthentication: true }), step: 'advanced' as const };
      assert.match(relationshipIssues(setup, state.values, '').sharedSecret ?? '', /Enter the shared secret/);
      assert.equal(isStepValid(setup, state, ''), false);
      assert.equal(isStepValid(setup, state, 'pa55'), true);
      assert.deepEqual(state.touched.includes('sharedSecret'), true);
      assert.deepEqual(touch(state, 'mclt').touched.slice(-1), ['mclt']);
    });
  });

  describe('Summary and what Add sends', () => {
    it('sends exactly the relationship the summary shows', () => {
      const setup = addSetup();
      let state = updateValues(filledAdd(setup), { loadBalancePercent: '60', messageAuthentication: true });
      for (let i = 0; i < 3; i++) state = nextStep(setup, state, 'pa55');
      assert.equal(state.step, 'summary');
      assert.equal(isReadyToSend(setup, state, 'pa55'), true);
      assert.deepEqual(relationshipToSend(setup, state, 'pa55', []), {
        name: 'a-c',
        primaryServer: 'dhcp-a',
        secondaryServer: 'dhcp-c',
        failoverMode: 'LoadBalance',
        failoverServerType: 'PrimaryServer',
        mclt: 3600,
        safePeriod: 0,
        dhcpScopeRefs: [],
        percentage: 60,
        dhcpServerRef: 'DHCPServers/1',
        sharedSecret: 'pa55',
      });
      assert.deepEqual(relationshipSummary(setup, state, 'pa55'), [
        { label: 'Name', value: 'a-c' },
        { label: 'Primary server', value: 'dhcp-a' },
        { label: 'Partner server', value: 'dhcp-c' },
        { label: 'Mode', value: 'Load balance' },
        { label: 'Local server share', value: '60 % (partner 40 %)' },
        { label: 'Maximum client lead time', value: '1 hour (3600 s)' },
        { label: 'State switchover interval', value: 'Off: no automatic switchover to Partner down (0 s)' },
        { label: 'Message authentication', value: 'On (new shared secret)' },
      ]);
      assert.equal(previousStep(state).step, 'advanced');
    });

    it('leaves the secret out when message authentication is off, and sends nothing while a step is invalid', () => {
      const setup = addSetup();
      assert.equal('sharedSecret' in (relationshipToSend(setup, filledAdd(setup), 'ignored', []) ?? {}), false);
      assert.equal(relationshipToSend(setup, initialRelationshipState(setup), '', []), undefined);
    });
  });

  describe('edit mode', () => {
    it('prefills every value in friendly units and skips the name and server rules', () => {
      const setup = editSetup();
      const state = initialRelationshipState(setup);
      assert.equal(state.values.name, 'a-b');
      assert.equal(state.values.partner, 'dhcp-b');
      assert.equal(state.values.loadBalancePercent, '70');
      assert.equal(state.values.reservePercent, '5');
      assert.deepEqual(state.values.mclt, { value: '2', unit: 'hours' });
      assert.deepEqual(state.values.safePeriod, { value: '10', unit: 'minutes' });
      assert.equal(state.values.messageAuthentication, true);
      assert.deepEqual(relationshipIssues(setup, state.values, ''), {}, 'its own name is not a duplicate');
    });

    it('keeps the current secret unless a new one is typed; off sends an empty secret', () => {
      const setup = editSetup();
      const state = initialRelationshipState(setup);
      const kept = relationshipToSend(setup, state, '', []);
      assert.ok(kept);
      assert.equal('sharedSecret' in kept, false);
      assert.equal(relationshipSummary(setup, state, '').at(-1)?.value, 'Unchanged (keep the current secret)');
      assert.equal(relationshipToSend(setup, state, 'new-one', [])?.sharedSecret, 'new-one');
      const off = updateValues(state, { messageAuthentication: false });
      assert.equal(relationshipToSend(setup, off, '', [])?.sharedSecret, '');
      assert.equal(relationshipSummary(setup, off, '').at(-1)?.value, 'Off (the current secret is removed)');
    });

    it('treats unknown authentication (a real Micetro) as keep, and needs a secret to turn it on when it was off', () => {
      const unknown = editSetup({ enableAuth: undefined });
      assert.equal('sharedSecret' in (relationshipToSend(unknown, initialRelationshipState(unknown), '', []) ?? { sharedSecret: 'x' }), false);
      const wasOff = editSetup({ enableAuth: false });
      const turnedOn = updateValues(initialRelationshipState(wasOff), { messageAuthentication: true });
      assert.equal(initialRelationshipState(wasOff).values.messageAuthentication, false);
      assert.match(relationshipIssues(wasOff, turnedOn.values, '').sharedSecret ?? '', /Enter the shared secret/);
      assert.equal(relationshipToSend(wasOff, turnedOn, 'fresh', [])?.sharedSecret, 'fresh');
    });

    it('asks before changing the mode, and Keep leaves the mode as it was', () => {
      const setup = editSetup();
      let state = chooseMode(setup, initialRelationshipState(setup), 'HotStandby');
      assert.equal(state.pendingMode, 'HotStandby');
      assert.equal(state.values.failoverMode, 'LoadBalance');
      assert.equal(isStepValid(setup, state, ''), false, 'Next waits for the answer');
      assert.equal(answerModeChange(state, false).values.failoverMode, 'LoadBalance');
      state = answerModeChange(state, true);
      assert.equal(state.values.failoverMode, 'HotStandby');
      assert.equal(state.pendingMode, undefined);
      const sent = relationshipToSend(setup, state, '', []);
      assert.equal(sent?.failoverMode, 'HotStandby');
      assert.equal(sent?.percentage, 5);
      assert.equal(relationshipSummary(setup, state, '').at(-1)?.value, 'Load balance → Hot standby');
      assert.equal(chooseMode(setup, state, 'LoadBalance').pendingMode, undefined, 'going back to the original mode needs no confirmation');
    });

    it('sends the scope refs read just before Modify, not the ones the view listed', () => {
      const setup = editSetup({ dhcpScopeRefs: ['DHCPScopes/old'] });
      const state = updateValues(initialRelationshipState(setup), { loadBalancePercent: '40' });
      assert.deepEqual(relationshipToSend(setup, state, '', ['DHCPScopes/1', 'DHCPScopes/2'])?.dhcpScopeRefs, ['DHCPScopes/1', 'DHCPScopes/2']);
    });

    it('rejects invalid parameters exactly as on add', () => {
      const setup = editSetup();
      const state = updateValues(initialRelationshipState(setup), { loadBalancePercent: '-3' });
      assert.match(relationshipIssues(setup, state.values, '').percentage ?? '', /0 to 100/);
      assert.equal(relationshipToSend(setup, state, '', []), undefined);
    });
  });
});
