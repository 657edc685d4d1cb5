// The shared failover rules: relationship validation, states and health, scope rules, durations.
import { strict as assert } from 'node:assert';
import {
  FAILOVER_STATES,
  MAX_SCOPE_NAME_LENGTH,
  bestUnit,
  formatDuration,
  healthOf,
  messagesByField,
  parseNetwork,
  scopeNameIssue,
  scopeNetwork,
  stateLabel,
  usableRange,
  validateParameters,
  validateRelationship,
  validateScope,
  type RelationshipContext,
  type RelationshipDraft,
} from '../../src/failover';

const draft = (changes: Partial<RelationshipDraft> = {}): RelationshipDraft => ({
  name: 'lon-nyc',
  primaryServer: 'dhcp-a',
  secondaryServer: 'dhcp-b',
  failoverMode: 'LoadBalance',
  percentage: 50,
  mclt: 3600,
  safePeriod: 0,
  ...changes,
});

const servers: Record<string, { type: string; relationships: string[] }> = {
  'dhcp-a': { type: 'MSDHCP', relationships: ['existing'] },
  'dhcp-b': { type: 'MSDHCP', relationships: [] },
  'dhcp-full': { type: 'MSDHCP', relationships: Array.from({ length: 31 }, (_, index) => `r${index}`) },
  'isc-1': { type: 'ISC', relationships: [] },
};
const context: RelationshipContext = {
  serverType: (server) => servers[server]?.type,
  relationshipNames: (server) => servers[server]?.relationships ?? [],
};

const rules = (changes: Partial<RelationshipDraft>) => validateRelationship(draft(changes), context).map((issue) => `${issue.field}:${issue.rule}`);

describe('failover rules', () => {
  describe('validateRelationship', () => {
    it('accepts a valid relationship', () => {
      assert.deepEqual(validateRelationship(draft(), context), []);
    });

    it('names each broken rule against the field a person must change', () => {
      assert.deepEqual(rules({ name: '' }), ['name:nameRequired']);
      assert.deepEqual(rules({ name: 'x'.repeat(127) }), ['name:nameTooLong']);
      assert.deepEqual(rules({ name: 'x'.repeat(126) }), []);
      assert.deepEqual(rules({ name: ' padded' }), ['name:nameInvalid']);
      assert.deepEqual(rules({ name: 'tab\there' }), ['name:nameInvalid']);
      assert.deepEqual(rules({ name: 'EXISTING' }), ['name:nameNotUnique'], 'names compare without case, on both servers');
      assert.deepEqual(rules({ primaryServer: '' }), ['primaryServer:serverRequired']);
      assert.deepEqual(rules({ secondaryServer: 'nowhere' }), ['secondaryServer:serverUnknown']);
      assert.deepEqual(rules({ secondaryServer: 'isc-1' }), ['secondaryServer:serverNotMicrosoft']);
      assert.deepEqual(rules({ secondaryServer: 'dhcp-a' }), ['secondaryServer:serversSame']);
      assert.deepEqual(rules({ secondaryServer: 'dhcp-full' }), ['secondaryServer:maxRelationships']);
      assert.deepEqual(rules({ failoverMode: 'ActiveActive' }), ['failoverMode:modeInvalid']);
      assert.deepEqual(rules({ percentage: 101 }), ['percentage:percentageRange']);
      assert.deepEqual(rules({ mclt: 0 }), ['mclt:mcltRange']);
      assert.deepEqual(rules({ safePeriod: -1 }), ['safePeriod:safePeriodRange']);
    });

    it('checks only what it knows when there is no context (a form before servers load)', () => {
      assert.deepEqual(validateRelationship(draft({ secondaryServer: 'nowhere', name: 'existing' })), []);
    });

    it('gives messages that say what to do', () => {
      const byField = messagesByField(validateRelationship(draft({ name: 'x'.repeat(130), percentage: 150, secondaryServer: 'dhcp-full' }), context));
      assert.match(byField.name!, /at most 126 characters \(this name has 130\)/);
      assert.match(byField.percentage!, /whole number from 0 to 100/);
      assert.match(byField.secondaryServer!, /already has 31 failover relationships/);
      assert.equal(byField.mclt, undefined);
    });
  });

  describe('validateParameters', () => {
    it('bounds percentage, MCLT and switchover interval, with the mode in the wording', () => {
      assert.deepEqual(validateParameters({ failoverMode: 'HotStandby', percentage: 0, mclt: 1, safePeriod: 0 }), []);
      assert.deepEqual(validateParameters({ failoverMode: 'HotStandby', percentage: 100, mclt: 0xffffffff, safePeriod: 0xffffffff }), []);
      const [reserve] = validateParameters({ failoverMode: 'HotStandby', percentage: 2.5, mclt: 60, safePeriod: 0 });
      assert.match(reserve.message, /reserve for the standby server/);
      const [share] = validateParameters({ failoverMode: 'LoadBalance', percentage: -1, mclt: 60, safePeriod: 0 });
      assert.match(share.message, /local server's share/);
      const huge = messagesByField(validateParameters({ failoverMode: 'LoadBalance', percentage: 50, mclt: 2 ** 32, safePeriod: 2 ** 32 }));
      assert.match(huge.mclt!, /at most 4294967295 seconds/);
      assert.match(huge.safePeriod!, /at most 4294967295 seconds/);
      assert.match(messagesByField(validateParameters({ failoverMode: 'LoadBalance', percentage: 50, mclt: 0.5, safePeriod: 0 })).mclt!, /whole number/);
    });
  });

  describe('states and health', () => {
    it('maps every state a server reports to a health level, and only Normal reads as ok', () => {
      const known = new Set(['ok', 'warning', 'error', 'pending']);
      for (const state of FAILOVER_STATES) assert.ok(known.has(healthOf(state, 1)), `${state}: ${healthOf(state, 1)}`);
      assert.deepEqual(
        FAILOVER_STATES.filter((state) => healthOf(state, 1) === 'ok'),
        ['Normal'],
      );
      assert.equal(healthOf('PartnerDown', 1), 'error');
      assert.equal(healthOf('Empty', 0), 'empty');
      assert.equal(healthOf('SomethingNew', 1), 'warning', 'an unknown state is worth a look');
    });

    it('reads a missing state (a real Micetro may send none) as Empty, or as unknown and never ok once it has scopes', () => {
      assert.equal(healthOf(undefined, 0), 'empty');
      assert.equal(stateLabel(undefined, 0), 'Empty');
      assert.equal(healthOf(undefined, 3), 'unknown');
      assert.equal(stateLabel(undefined, 3), 'state not reported by Micetro');
      assert.equal(stateLabel('CommunicationInterrupted', 3), 'Communication interrupted');
      assert.equal(stateLabel('SomethingNew', 3), 'SomethingNew');
    });
  });

  describe('scope rules', () => {
    it('parses IPv4 networks, clearing host bits, and refuses anything else', () => {
      assert.deepEqual(parseNetwork('10.1.20.7/24'), { cidr: '10.1.20.0/24', first: 0x0a011400, last: 0x0a0114ff });
      for (const bad of ['10.1.20.0', '10.1.20.0/33', '10.1.20.0/0', '300.1.1.0/24', 'fe80::/64', '10.1/16']) assert.equal(parseNetwork(bad), undefined, bad);
      assert.deepEqual(usableRange(parseNetwork('10.1.20.0/24')!), { from: '10.1.20.1', to: '10.1.20.254' });
      assert.deepEqual(usableRange(parseNetwork('10.1.20.4/31')!), { from: '10.1.20.4', to: '10.1.20.5' });
    });

    it('says which field is wrong for a bad pool, exclusion or overlap', () => {
      const base = { network: '10.1.20.0/24', addressPool: { from: '10.1.20.10', to: '10.1.20.200' }, exclusions: [] };
      assert.deepEqual(validateScope(base, ['10.1.21.0/24']), []);
      const fields = (scope: Parameters<typeof validateScope>[0], existing: string[] = []) => validateScope(scope, existing).map((issue) => issue.field);
      assert.deepEqual(fields({ ...base, network: 'nope' }), ['network']);
      assert.deepEqual(fields(base, ['10.1.0.0/16']), ['network']);
      assert.deepEqual(fields({ ...base, addressPool: { from: '10.1.21.1', to: '10.1.20.200' } }), ['poolFrom', 'poolTo']);
      assert.deepEqual(fields({ ...base, addressPool: { from: '10.1.20.10', to: '10.1.20.300' } }), ['poolTo']);
      assert.deepEqual(fields({ ...base, exclusions: [{ from: '10.1.20.5', to: '10.1.20.20' }] }), ['exclusions']);
      assert.deepEqual(fields({ ...base, exclusions: [{ from: '10.1.20.30', to: '10.1.20.20' }] }), ['exclusions']);
      assert.deepEqual(fields({ ...base, exclusions: [{ from: '10.1.20.30', to: '10.1.20.40' }] }), []);
      assert.match(validateScope(base, ['10.1.0.0/16'])[0].message, /overlaps the scope 10\.1\.0\.0\/16/);
    });

    it('finds a scope’s network from its rangeRef, else from a CIDR name, and checks free-text names', () => {
      assert.equal(scopeNetwork({ name: 'Office LAN', rangeRef: 'Ranges/10.1.20.0/24' })?.cidr, '10.1.20.0/24');
      assert.equal(scopeNetwork({ name: '10.9.0.0/16', rangeRef: 'Ranges/10.1.20.0/24' })?.cidr, '10.1.20.0/24', 'the range wins');
      assert.equal(scopeNetwork({ name: '10.1.20.7/24' })?.cidr, '10.1.20.0/24');
      assert.equal(scopeNetwork({ name: '10.1.20.0/24', rangeRef: 'Ranges/17' })?.cidr, '10.1.20.0/24', 'a numeric range ref says nothing');
      assert.equal(scopeNetwork({ name: 'Office LAN', rangeRef: 'Ranges/17' }), undefined);
      assert.equal(scopeNetwork({ name: 'Office LAN' }), undefined);
      assert.equal(scopeNameIssue(''), undefined);
      assert.equal(scopeNameIssue('x'.repeat(MAX_SCOPE_NAME_LENGTH)), undefined);
      assert.match(scopeNameIssue('x'.repeat(MAX_SCOPE_NAME_LENGTH + 1)) ?? '', /at most 255/);
      assert.match(scopeNameIssue('Office\tLAN') ?? '', /control characters/);
    });
  });

  describe('durations', () => {
    it('reads seconds in the units people use, and picks a unit for a form', () => {
      assert.equal(formatDuration(3600), '1 hour');
      assert.equal(formatDuration(5400), '1 hour 30 minutes');
      assert.equal(formatDuration(90061), '1 day 1 hour 1 minute 1 second');
      assert.equal(formatDuration(0), '0 seconds');
      assert.deepEqual(bestUnit(7200), { value: 2, unit: 'hours' });
      assert.deepEqual(bestUnit(90), { value: 90, unit: 'seconds' });
      assert.deepEqual(bestUnit(0), { value: 0, unit: 'seconds' });
    });
  });
});
