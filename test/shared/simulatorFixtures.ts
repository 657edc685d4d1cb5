// Fixtures built through the same client the extension uses, against a simulator: vscode-free, so both the unit
// layer (wizard hosts on a real simulator) and the integration suites use them.
import * as assert from 'node:assert/strict';
import type { MicetroClient } from '../../src/api/micetroClient';
import type { DHCPFailoverRelationship, DHCPServer, FailoverMode } from '../../src/api/types';

/**
 * Two Microsoft servers that are up and whose relationships are all Normal or Empty (so server-wide actions
 * succeed), the ones with the fewest relationships first. Read per server with the states from the simulator's
 * control, so it holds in every profile (the strict one lists no states and no dhcpServerRef in the all-servers call).
 */
export async function twoServers(client: MicetroClient): Promise<[DHCPServer, DHCPServer]> {
  const candidates = (await client.getDHCPServers()).filter((server) => server.type === 'MSDHCP' && server.state === 'OK');
  const counted = await Promise.all(
    candidates.map(async (server) => {
      const states = await Promise.all((await client.getDHCPFailoverRelationships(server.ref)).map((r) => failoverState(client, server, r.name)));
      return { server, count: states.length, settled: states.every((state) => state === 'Normal' || state === 'Empty') };
    }),
  );
  const servers = counted.filter((entry) => entry.settled).sort((a, b) => a.count - b.count);
  assert.ok(servers.length >= 2, 'the demo inventory needs two healthy Microsoft DHCP servers');
  return [servers[0].server, servers[1].server];
}

/** The failover state of `server`'s side of a relationship, from the simulator's control (every profile has it). */
export async function failoverState(client: MicetroClient, server: DHCPServer, name: string): Promise<string> {
  const { state } = await client.command<{ state: string }>('SimGetFailoverState', { dhcpServerRef: server.ref, dhcpFailoverRelationshipName: name });
  return state;
}

let nextNetwork = 0;

/** The ref of the IPAM range of `cidr`, created when there is none (a scope is created in an existing range). */
export async function rangeOf(client: Pick<MicetroClient, 'getRange' | 'addRange'>, cidr: string): Promise<string> {
  try {
    return (await client.getRange(`Ranges/${cidr}`)).ref;
  } catch {
    return client.addRange({ name: cidr, subnet: true });
  }
}

/** A scope instance of `cidr` on the server, in its range (made when missing); returns its ref. */
export async function addScopeIn(client: MicetroClient, cidr: string, server: DHCPServer, description = 'Integration test'): Promise<string> {
  return client.addDHCPScope({ name: cidr, rangeRef: await rangeOf(client, cidr), dhcpServerRef: server.ref, description });
}

/** A new scope `10.250.<n>.0/24` on the server; returns its ref and name. */
export async function newScope(client: MicetroClient, server: DHCPServer, description = 'Integration test'): Promise<{ ref: string; name: string }> {
  const name = `10.250.${nextNetwork++}.0/24`;
  const ref = await addScopeIn(client, name, server, description);
  return { ref, name };
}

/** An Empty relationship with `primary` as primary. */
export async function newRelationship(
  client: MicetroClient,
  primary: DHCPServer,
  secondary: DHCPServer,
  name: string,
  failoverMode: FailoverMode = 'LoadBalance',
): Promise<void> {
  await client.addDHCPFailoverRelationship({
    name,
    primaryServer: primary.name,
    secondaryServer: secondary.name,
    failoverMode,
    failoverServerType: 'PrimaryServer',
    mclt: 3600,
    safePeriod: 0,
    dhcpScopeRefs: [],
    percentage: failoverMode === 'LoadBalance' ? 60 : 5,
  });
}

/** A relationship in state Normal with new scopes on both servers; returns the primary's scope instances. */
export async function normalRelationship(
  client: MicetroClient,
  primary: DHCPServer,
  secondary: DHCPServer,
  name: string,
  scopeCount = 1,
): Promise<{ ref: string; name: string }[]> {
  await newRelationship(client, primary, secondary, name);
  const scopes = [];
  for (let i = 0; i < scopeCount; i++) scopes.push(await newScope(client, primary));
  await client.addScopesToFailoverRelationship(primary.ref, name, scopes.map((scope) => scope.ref));
  await settle(client);
  assert.equal((await relationship(client, primary, name)).state, 'Normal');
  return scopes;
}

/** Lets the simulated clock run until new relationships finished starting up. */
export async function settle(client: MicetroClient): Promise<void> {
  await client.command('SimAdvanceClock', { seconds: 120 });
}

/** The relationship as `server` sees it, with the state of its side (from the simulator where Micetro gives none). */
export async function relationship(client: MicetroClient, server: DHCPServer, name: string): Promise<DHCPFailoverRelationship & { state: string }> {
  const record = await client.getDHCPFailoverRelationship(server.ref, name);
  return { ...record, state: record.state ?? (await failoverState(client, server, name)) };
}

/** The server's scope instance named `name` (a CIDR), if any. */
export async function scopeOn(client: MicetroClient, server: DHCPServer, name: string) {
  return (await client.getDHCPScopes({ filter: `dhcpServerRef="${server.ref}"` })).find((scope) => scope.dhcpServerRef === server.ref && scope.name === name);
}

/** What tests create: a scope, and optionally its pool (added as its own object after the scope). */
export interface TestScope {
  name: string;
  dhcpServerRef: string;
  description?: string;
  addressPool?: { from: string; to: string };
}

/** Creates `scope` in its network's range (made when missing), then its pool when one is given; returns the scope's ref. */
export async function addTestScope(client: MicetroClient, scope: TestScope): Promise<string> {
  const { addressPool, ...body } = scope;
  const ref = await client.addDHCPScope({ ...body, rangeRef: await rangeOf(client, scope.name) });
  if (addressPool) await client.addDHCPAddressPool(ref, addressPool);
  return ref;
}
