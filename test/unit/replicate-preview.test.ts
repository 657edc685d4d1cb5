// The replicate preview: each scope's destination copy now and after (the source's content), grouped by destination
// server and said in one line each; missing and unreadable copies named; a copy read once even when refs repeat. And
// what each server keeps when a scope or a relationship leaves failover.
import assert from 'node:assert/strict';
import type { DHCPScope } from '../../src/api/types';
import {
  destinationPreviews,
  destinationSummary,
  previewGaps,
  previewReplicate,
  previewTexts,
  relationshipRemovalSummary,
  scopeContentText,
  scopeDifferences,
  scopeRemovalSummary,
  type ReplicateTarget,
  type ScopeContent,
} from '../../src/failover';
import { scope } from './fixtures';

const content = (network: string, extra: Partial<ScopeContent> = {}): ScopeContent => ({
  network,
  name: network,
  description: 'Office',
  enabled: true,
  pools: [{ from: network.replace('0/24', '20'), to: network.replace('0/24', '240') }],
  exclusions: [],
  reservations: [],
  options: [{ option: '3', value: network.replace('0/24', '1') }],
  ...extra,
});

// Both servers name their copies by network, as a ref may: the preview keeps them apart by instance.
const copy = (network: string, serverRef: string): DHCPScope => scope(network, { ref: `DHCPScopes/${network}`, dhcpServerRef: serverRef });

describe('replicate preview', () => {
  const printer = { name: 'printer', clientIdentifier: '00-15-5d-00-00-01', addresses: ['10.1.1.30'] };
  const contents = new Map<DHCPScope, ScopeContent>();
  const target = (network: string, destination: string, source?: ScopeContent, now?: ScopeContent): ReplicateTarget => {
    const sourceScope = source && copy(network, 'DHCPServers/a');
    const destinationScope = now && copy(network, `DHCPServers/${destination}`);
    if (sourceScope && source) contents.set(sourceScope, source);
    if (destinationScope && now) contents.set(destinationScope, now);
    return { network, destination, source: sourceScope, destinationScope };
  };
  const targets = [
    target('10.1.1.0/24', 'dhcp-b', content('10.1.1.0/24', { reservations: [printer] }), content('10.1.1.0/24', { options: [{ option: '3', value: '10.1.1.254' }] })),
    target('10.1.2.0/24', 'dhcp-b', content('10.1.2.0/24'), content('10.1.2.0/24')),
    target('10.1.3.0/24', 'dhcp-c', content('10.1.3.0/24'), undefined),
    target('10.1.4.0/24', 'dhcp-c', undefined, content('10.1.4.0/24')),
    target('10.1.5.0/24', 'dhcp-c', content('10.1.5.0/24'), content('10.1.5.0/24', { enabled: false })),
    target('10.1.6.0/24', 'dhcp-c', content('10.1.6.0/24'), content('10.1.6.0/24')),
  ];
  const read = async (instance: DHCPScope): Promise<ScopeContent> => {
    if (instance.name === '10.1.6.0/24' && instance.dhcpServerRef === 'DHCPServers/a') throw new Error('no access');
    return contents.get(instance) ?? assert.fail(`${instance.name} was not scripted`);
  };

  it('reads each scope once, says what changes on each destination, and what it cannot account for', async () => {
    let reads = 0;
    const preview = await previewReplicate(targets, read, { concurrency: 2, onRead: () => (reads += 1) });
    assert.equal(preview.cancelled, false);
    assert.equal(reads, targets.length);
    assert.equal(preview.copiesRead, 8, 'two copies of each scope that has both');
    const [b, c] = destinationPreviews(targets, preview.scopes);
    assert.equal(destinationSummary(b), 'dhcp-b: 1 reservation added, 1 option changed (1 scope changes, 1 already the same)');
    assert.equal(destinationSummary(c), 'dhcp-c: 1 enabled state changed');
    assert.deepEqual(previewGaps(c, 'dhcp-a'), [
      '10.1.3.0/24 has no copy on dhcp-c: there is nothing there to replace, and this preview cannot say what Micetro does with it.',
      '10.1.4.0/24 is not on dhcp-a: there is nothing to copy, so dhcp-c keeps its copy.',
      '10.1.6.0/24 could not be read (no access), so its changes are not counted.',
    ]);
    assert.deepEqual(previewGaps(b, 'dhcp-a'), []);
  });

  it('shows the destination now and after as the Compare text of each changed scope', async () => {
    const preview = await previewReplicate(targets.slice(0, 2), read, { concurrency: 4 });
    const [b] = destinationPreviews(targets, preview.scopes);
    const { now, after } = previewTexts(b);
    assert.equal(now, scopeContentText(content('10.1.1.0/24', { options: [{ option: '3', value: '10.1.1.254' }] })));
    assert.equal(after, scopeContentText(content('10.1.1.0/24', { reservations: [printer] })));
  });

  it('one scope alone is said without counts; scopes all the same say so', async () => {
    const preview = await previewReplicate(targets.slice(1, 2), read, { concurrency: 4 });
    const [b] = destinationPreviews(targets, preview.scopes);
    assert.equal(destinationSummary(b), 'dhcp-b: no change (1 scope already the same)');
    const one = await previewReplicate(targets.slice(0, 1), read, { concurrency: 4 });
    assert.equal(destinationSummary(destinationPreviews(targets, one.scopes)[0]), 'dhcp-b: 1 reservation added, 1 option changed');
  });

  it('stops reading when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const preview = await previewReplicate(targets, read, { concurrency: 2, signal: controller.signal });
    assert.equal(preview.cancelled, true);
    assert.deepEqual(destinationPreviews(targets, preview.scopes), []);
  });
});

describe('remove preview', () => {
  const kept = content('10.1.1.0/24', { reservations: [{ name: 'printer', clientIdentifier: '00-15-5d-00-00-01', addresses: ['10.1.1.30'] }] });
  const lost = scopeDifferences(kept, content('10.1.1.0/24', { exclusions: [{ from: '10.1.1.20', to: '10.1.1.29' }] }));

  it('says what the keeper keeps, what happens to the other copy, and what only that copy holds', () => {
    assert.equal(
      scopeRemovalSummary('dhcp-a', 'dhcp-b', kept, 'Delete', lost),
      "dhcp-a keeps 10.1.1.0/24 and its 1 reservation, enabled; dhcp-b's copy is deleted. The copies differ: dhcp-b's has 1 exclusion added, 1 reservation removed, which is lost with it.",
    );
    assert.equal(
      scopeRemovalSummary('dhcp-a', 'dhcp-b', { ...kept, enabled: false, reservations: [] }, 'Disable', []),
      "dhcp-a keeps 10.1.1.0/24 and its 0 reservations, disabled; dhcp-b's copy stays, disabled. The two copies are the same.",
    );
    assert.equal(scopeRemovalSummary('dhcp-a', 'dhcp-b', kept, 'Disable'), "dhcp-a keeps 10.1.1.0/24 and its 1 reservation, enabled; dhcp-b's copy stays, disabled.");
  });

  it('for a relationship: per server how many scopes stay and in what state, and the scopes whose copies differ', () => {
    const scopes = [scope('10.1.1.0/24'), scope('10.1.2.0/24', { enabled: false }), scope('10.1.3.0/24')];
    assert.equal(
      relationshipRemovalSummary('dhcp-a', 'dhcp-b', scopes, 3, 'Delete', [{ network: '10.1.1.0/24', differences: lost }]),
      "dhcp-a keeps its 3 scopes (2 enabled, 1 disabled); dhcp-b's 3 copies are deleted. 1 scope differs between the servers; what dhcp-b's copies have is lost with them: 10.1.1.0/24 (1 exclusion added, 1 reservation removed).",
    );
    assert.equal(relationshipRemovalSummary('dhcp-a', 'dhcp-b', scopes.slice(0, 1), 1, 'Disable', []), "dhcp-a keeps its 1 scope (enabled); dhcp-b's copy stays, disabled.");
  });
});
