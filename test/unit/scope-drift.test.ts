// Drift between two copies of a failover scope: every kind of difference found and named, equivalent forms equal, the
// two copies of each scope paired, the check bounded and cancellable, and a replicate preview that says exactly what
// the simulator then changes.
import assert from 'node:assert/strict';
import { MicetroClient } from '../../src/api/micetroClient';
import { scopesOnServer } from '../../src/api/scopesOnServer';
import type { DHCPScope } from '../../src/api/types';
import {
  buildFailoverPairs,
  checkDrift,
  describeChanges,
  driftSummary,
  failoverScopeInstances,
  readScopeContent,
  replicatedContent,
  scopeDifferences,
  SCOPE_CONTENT_REQUESTS,
  type ScopeContent,
} from '../../src/failover';
import { startSimulator } from '../../src/simulator/server';
import { relationship, scope, server } from './fixtures';

const BASE: ScopeContent = {
  network: '10.20.10.0/24',
  name: '10.20.10.0/24',
  description: 'London office',
  enabled: true,
  pools: [{ from: '10.20.10.20', to: '10.20.10.240' }],
  exclusions: [{ from: '10.20.10.20', to: '10.20.10.29' }],
  reservations: [
    { name: 'printer-a', clientIdentifier: '00-15-5d-14-0a-1e', addresses: ['10.20.10.30'] },
    { name: 'printer-b', clientIdentifier: '00-15-5d-14-0a-1f', addresses: ['10.20.10.31'] },
  ],
  options: [
    { option: '3', value: '10.20.10.1' },
    { option: '6', value: '10.0.0.53' },
    { option: '51', value: '28800' },
  ],
};

const reservation = (n: number) => ({ name: `host-${n}`, clientIdentifier: `00-15-5d-00-00-${String(n).padStart(2, '0')}`, addresses: [`10.20.10.${100 + n}`] });

describe('scope drift', () => {
  it('finds no difference between equivalent forms', () => {
    const same: ScopeContent = {
      ...BASE,
      reservations: [...BASE.reservations].reverse().map((r) => ({ ...r, clientIdentifier: r.clientIdentifier.toUpperCase().replace(/-/g, ':') })),
      options: [{ option: '051', value: '28800' }, { option: '006', value: ' 10.0.0.53 ' }, { option: '003', value: '10.20.10.1' }],
    };
    assert.deepEqual(scopeDifferences(BASE, same), []);
    assert.equal(driftSummary([]), 'in sync');
    assert.equal(describeChanges([]), '');
  });

  it('finds and names every kind of difference', () => {
    const other: ScopeContent = {
      ...BASE,
      name: 'London 3',
      description: 'Moved',
      enabled: false,
      pools: [{ from: '10.20.10.20', to: '10.20.10.200' }],
      exclusions: [{ from: '10.20.10.50', to: '10.20.10.59' }],
      reservations: [{ ...BASE.reservations[0], clientIdentifier: '00-15-5d-14-0a-99' }, reservation(1), reservation(2)],
      options: [{ option: '3', value: '10.20.10.254' }, { option: '51', value: '86400' }, { option: '42', value: '10.0.0.123' }],
    };
    const differences = scopeDifferences(BASE, other);
    const shown = differences.map(({ kind, action, key }) => `${kind} ${action} ${key}`);
    assert.deepEqual(shown, [
      'name changed Name',
      'description changed Description',
      'enabled changed Enabled',
      'lease changed Lease duration',
      'pool removed 10.20.10.20 – 10.20.10.240',
      'pool added 10.20.10.20 – 10.20.10.200',
      'exclusion removed 10.20.10.20 – 10.20.10.29',
      'exclusion added 10.20.10.50 – 10.20.10.59',
      'reservation changed 10.20.10.30',
      'reservation removed 10.20.10.31',
      'reservation added 10.20.10.101',
      'reservation added 10.20.10.102',
      'option changed 3 Router',
      'option removed 6 DNS Servers',
      'option added 42',
    ]);
    const replaced = differences.find((difference) => difference.kind === 'reservation' && difference.action === 'changed');
    assert.equal(replaced?.before, '10.20.10.30  "printer-a"  client 00-15-5d-14-0a-1e');
    assert.equal(replaced?.after, '10.20.10.30  "printer-a"  client 00-15-5d-14-0a-99');
    assert.equal(
      describeChanges(differences),
      '1 name changed, 1 description changed, 1 enabled state changed, 1 lease duration changed, 1 address pool added, 1 removed, ' +
        '1 exclusion added, 1 removed, 2 reservations added, 1 replaced, 1 removed, 1 option added, 1 changed, 1 removed',
    );
    assert.equal(driftSummary(differences), '15 differences: 1 name, 1 description, 1 enabled state, 1 lease duration, 2 address pools, 2 exclusions, 4 reservations, 3 options');
  });

  it('pairs the two copies of each scope by range, then by network, and names a copy one side lacks', () => {
    const A = server(1, { name: 'dhcp-a' });
    const B = server(2, { name: 'dhcp-b' });
    const onA = [scope('10.0.1.0/24', { ref: 'DHCPScopes/1' }), scope('10.0.2.0/24', { ref: 'DHCPScopes/2', rangeRef: '' }), scope('10.0.3.0/24', { ref: 'DHCPScopes/3' })];
    const onB = [
      scope('10.0.1.0/24', { ref: 'DHCPScopes/11', dhcpServerRef: B.ref }),
      scope('10.0.2.0/24', { ref: 'DHCPScopes/12', dhcpServerRef: B.ref, rangeRef: 'Ranges/other' }),
      scope('10.0.9.0/24', { ref: 'DHCPScopes/19', dhcpServerRef: B.ref }),
      scope('10.0.4.0/24', { ref: 'DHCPScopes/14', dhcpServerRef: B.ref }),
    ];
    const both = { dhcpServerRef: A.ref, primaryServerRef: A.ref, secondaryServerRef: B.ref };
    const [pair] = buildFailoverPairs(
      [
        relationship('fo', 'dhcp-a', 'dhcp-b', { ...both, dhcpScopeRefs: ['DHCPScopes/1', 'DHCPScopes/2', 'DHCPScopes/3'] }),
        relationship('fo', 'dhcp-a', 'dhcp-b', { ...both, dhcpServerRef: B.ref, failoverServerType: 'SecondaryServer', dhcpScopeRefs: ['DHCPScopes/11', 'DHCPScopes/12', 'DHCPScopes/14'] }),
      ],
      [A, B],
    );
    const refs = (instances: ReturnType<typeof failoverScopeInstances>) => instances.map((i) => `${i.network} ${i.primary?.ref ?? '-'} ${i.secondary?.ref ?? '-'}`);
    assert.deepEqual(refs(failoverScopeInstances(pair, onA, onB)), [
      '10.0.1.0/24 DHCPScopes/1 DHCPScopes/11',
      '10.0.2.0/24 DHCPScopes/2 DHCPScopes/12',
      '10.0.3.0/24 DHCPScopes/3 -',
      '10.0.4.0/24 - DHCPScopes/14',
    ]);
    // Only the primary was read: the secondary's listing is searched, and its other scopes are not this relationship's.
    const primaryOnly = { ...pair, secondary: { ...pair.secondary, scopeRefs: [] } };
    assert.deepEqual(refs(failoverScopeInstances(primaryOnly, onA, onB)), ['10.0.1.0/24 DHCPScopes/1 DHCPScopes/11', '10.0.2.0/24 DHCPScopes/2 DHCPScopes/12', '10.0.3.0/24 DHCPScopes/3 -']);
  });

  it('checks a few scopes at a time, says which copy is missing or unreadable, and stops taking scopes when cancelled', async () => {
    const copy = (n: number, serverRef: string): DHCPScope => scope(`10.1.${n}.0/24`, { ref: `DHCPScopes/${serverRef}-${n}`, dhcpServerRef: serverRef });
    const scopes = Array.from({ length: 12 }, (_, n) => ({ network: `10.1.${n}.0/24`, primary: copy(n, 'p'), secondary: n === 3 ? undefined : copy(n, 's') }));
    let reading = 0;
    let most = 0;
    const waiting: Array<() => void> = [];
    const read = async (instance: DHCPScope): Promise<ScopeContent> => {
      reading += 1;
      most = Math.max(most, reading);
      // Held until the test lets it go, so what runs together is seen, not timed.
      await new Promise<void>((release) => waiting.push(release));
      reading -= 1;
      if (instance.ref === 'DHCPScopes/s-5') throw new Error('no access');
      const drifted = instance.ref === 'DHCPScopes/s-7';
      return { ...BASE, network: instance.name, reservations: drifted ? [...BASE.reservations, reservation(7)] : BASE.reservations };
    };
    const controller = new AbortController();
    const seen: number[] = [];
    const check = checkDrift(scopes, read, {
      concurrency: 3,
      signal: controller.signal,
      onResult: (index) => {
        seen.push(index);
        if (seen.length === 9) controller.abort();
      },
    });
    while (seen.length < 9 || waiting.length > 0) {
      await new Promise((tick) => setImmediate(tick));
      waiting.splice(0).forEach((release) => release());
    }
    const outcome = await check;
    assert.equal(most, 6, 'three scopes at a time, each reading its two copies together');
    assert.equal(outcome.cancelled, true);
    assert.deepEqual(outcome.results[3], { status: 'missing', missingOn: 'secondary' });
    assert.deepEqual(outcome.results[5], { status: 'failed', message: 'no access' });
    assert.equal(outcome.results[7]?.status, 'drifted');
    assert.equal(outcome.results[0]?.status, 'inSync');
    const reached = outcome.results.filter((result) => result !== undefined).length;
    assert.ok(reached >= 9 && reached < 12, `the check stopped after ${reached} scopes`);
    assert.equal(outcome.copiesRead, (reached - 1) * 2, 'the missing copy is not read');
  });

  it('previews a replicate as exactly what the simulator then changes on the destination', async () => {
    const sim = await startSimulator({ seed: 'demo', password: 'drift-pw' });
    try {
      const client = new MicetroClient({ baseUrl: sim.url, username: 'admin', password: 'drift-pw' });
      const servers = await client.getDHCPServers();
      const named = (name: string) => servers.find((candidate) => candidate.name === name)!;
      const [source, destination] = [named('dhcp-lon-02.corp.example'), named('dhcp-sin-01.corp.example')];
      const range = await client.getRange('Ranges/10.20.10.0/24');
      const instance = async (serverRef: string) => ({ ...(await scopesOnServer(client, serverRef)).find((candidate) => candidate.rangeRef === range.ref)!, network: range.name });
      const [sourceScope, destinationScope] = [await instance(source.ref), await instance(destination.ref)];
      let requests = 0;
      const counted = new Proxy(client, {
        get: (target, name, receiver) => {
          const value = Reflect.get(target, name, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            requests += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      const before = await readScopeContent(counted, destinationScope);
      assert.equal(requests, SCOPE_CONTENT_REQUESTS);
      const predicted = scopeDifferences(before, replicatedContent(await readScopeContent(client, sourceScope), before));
      assert.equal(describeChanges(predicted), '1 reservation added, 1 option changed', 'the demo pair drifted by a reservation on lon-02 and an option on sin-01');

      await client.replicateFailover({ dhcpServerRef: source.ref, dhcpScopeRef: sourceScope.ref });
      const after = await readScopeContent(client, await instance(destination.ref));
      assert.deepEqual(scopeDifferences(before, after), predicted, 'the preview is what the replicate changed');
      assert.deepEqual(scopeDifferences(await readScopeContent(client, await instance(source.ref)), after), [], 'and the copies are in sync');
    } finally {
      await sim.close();
    }
  });
});
