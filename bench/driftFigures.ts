// Drift figures: Check for Drift over a 200-scope relationship at WAN latency (the requests it makes and the time it
// takes, with the concurrency the extension uses by default), and building both documents of the diff of a scope
// with 500 reservations.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MicetroClient } from '../src/api/micetroClient';
import { scopesOnServer } from '../src/api/scopesOnServer';
import {
  buildFailoverPairs,
  checkDrift,
  failoverScopeInstances,
  pairScopeCount,
  readScopeContent,
  SCOPE_CONTENT_REQUESTS,
  scopeContentText,
  scopeDifferences,
  type ScopeContent,
} from '../src/failover';
import type { SimulatorProcess } from './simulatorProcess';
import { median, timed } from './stats';

/** The setting's default, as package.json contributes it: what a user gets. */
function defaultConcurrency(): number {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  const value = manifest.contributes.configuration.properties['dhcpFailover.drift.concurrency']?.default;
  if (typeof value !== 'number') throw new Error('package.json contributes no default for dhcpFailover.drift.concurrency');
  return value;
}

export interface DriftCheckFigures {
  scopes: number;
  concurrency: number;
  requests: number;
  ms: number;
}

/**
 * Check for Drift over the relationship of `sim` that has `scopes` scopes, as the command runs it: both servers'
 * scope listings, then every copy's pools, exclusions, reservations and options, `concurrency` scopes at a time.
 */
export async function measureDriftCheck(sim: SimulatorProcess, scopes: number): Promise<DriftCheckFigures> {
  let requests = 0;
  const client = new MicetroClient({ baseUrl: sim.url, username: sim.user, password: sim.password, log: () => (requests += 1) });
  const servers = await client.getDHCPServers();
  const pair = buildFailoverPairs(await client.getDHCPFailoverRelationships(servers[0].ref), servers).find((candidate) => pairScopeCount(candidate) === scopes);
  if (!pair) throw new Error(`the inventory has no relationship with ${scopes} scopes on ${servers[0].name}`);
  const concurrency = defaultConcurrency();
  requests = 0;
  const started = performance.now();
  const [onPrimary, onSecondary] = await Promise.all([scopesOnServer(client, pair.primary.server.ref), scopesOnServer(client, pair.secondary.server.ref)]);
  const instances = failoverScopeInstances(pair, onPrimary, onSecondary);
  const outcome = await checkDrift(instances, (scope) => readScopeContent(client, scope), { concurrency });
  const ms = performance.now() - started;
  if (outcome.copiesRead * SCOPE_CONTENT_REQUESTS > requests) throw new Error('the client counted fewer requests than the check made');
  return { scopes: instances.length, concurrency, requests, ms };
}

/** A scope with `count` reservations, each copy differing from the other in a few of them. */
function scopeWithReservations(count: number, changed: number): ScopeContent {
  const reservations = Array.from({ length: count }, (_, n) => ({
    name: `host-${n}${n % 97 === changed ? '-renamed' : ''}`,
    clientIdentifier: `00-15-5d-${(n >> 8).toString(16).padStart(2, '0')}-${(n & 255).toString(16).padStart(2, '0')}-0a`,
    addresses: [`10.${50 + (n >> 8)}.${n & 255}.${10 + (n % 200)}`],
    description: `Desk ${n}`,
  }));
  return {
    network: '10.50.0.0/16',
    name: 'Campus',
    description: 'Reservations for every desk',
    enabled: true,
    pools: [{ from: '10.50.0.10', to: '10.50.255.250' }],
    exclusions: [{ from: '10.50.0.10', to: '10.50.0.99' }],
    reservations,
    options: [
      { option: '3', value: '10.50.0.1' },
      { option: '6', value: '10.0.0.53,10.0.1.53' },
      { option: '51', value: '28800' },
    ],
  };
}

/** Both documents of Compare with Partner for a 500-reservation scope, and their differences: median ms of 20 runs. */
export async function measureDiffDocuments(reservations = 500): Promise<number> {
  const primary = scopeWithReservations(reservations, 0);
  const secondary = scopeWithReservations(reservations, 1);
  const build = () => {
    const texts = [scopeContentText(primary), scopeContentText(secondary)];
    if (texts[0] === texts[1] || scopeDifferences(primary, secondary).length === 0) throw new Error('the two copies should differ');
  };
  for (let warm = 0; warm < 5; warm++) build();
  const runs: number[] = [];
  for (let run = 0; run < 20; run++) runs.push(await timed(build));
  return median(runs);
}
