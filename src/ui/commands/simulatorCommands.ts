// Built-in simulator only: make failover visible by stopping servers, cutting links and declaring a partner down.
import type * as vscode from 'vscode';
import type { MicetroApi } from '../../api/micetroApi';
import { pairServerRefs, type FailoverPair, type FailoverSide } from '../../failover';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import type { ServerNode } from '../tree/nodes/serverNode';
import { compareNames } from '../tree/sortKeys';
import type { CommandContext } from './commandContext';
import { registerCommand, withViewProgress } from './registerCommand';
import { relationshipTarget, serverTarget } from './targets';

export function registerSimulatorCommands(context: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(context, 'dhcpFailover.stopServer', 'Could not stop the DHCP server', (node) => setServerRunning(context, node, false)),
    registerCommand(context, 'dhcpFailover.startServer', 'Could not start the DHCP server', (node) => setServerRunning(context, node, true)),
    registerCommand(context, 'dhcpFailover.cutLink', 'Could not cut the link', (node) => changeLink(context, node, 'SimCutLink')),
    registerCommand(context, 'dhcpFailover.restoreLink', 'Could not restore the link', (node) => changeLink(context, node, 'SimRestoreLink')),
    registerCommand(context, 'dhcpFailover.setPartnerDown', 'Could not set the partner down', (node) => setPartnerDown(context, node)),
  ];
}

function simulatorClient(context: CommandContext): MicetroApi {
  const current = context.connection.current;
  if (current.kind !== 'simulator') throw new Error('This works only with the built-in simulator.');
  return current.client;
}

async function setServerRunning(context: CommandContext, node: ServerNode | undefined, running: boolean): Promise<void> {
  const client = simulatorClient(context);
  const verb = running ? 'Start' : 'Stop';
  const server = await serverTarget(context, node, `${verb} DHCP Server`, (candidate) => (candidate.state === 'Service Down') === running);
  await withViewProgress(`${running ? 'Starting' : 'Stopping'} ${server.name}…`, () =>
    client.command(running ? 'SimStartDHCPServer' : 'SimStopDHCPServer', { dhcpServerRef: server.ref }),
  );
  // The server's state and every partner's relationship state change.
  await context.views.refreshStates();
}

async function changeLink(context: CommandContext, node: RelationshipNode | undefined, command: 'SimCutLink' | 'SimRestoreLink'): Promise<void> {
  const client = simulatorClient(context);
  const title = command === 'SimCutLink' ? 'Cut Link' : 'Restore Link';
  // From the palette, only links that can be cut (Normal) or restored (interrupted or partner down) are offered.
  const states = node ? undefined : await endpointStates(context, client);
  const stateOf = (pair: FailoverPair) => states?.get(endpointKey(pair, pair.primary));
  const fits =
    command === 'SimCutLink'
      ? (candidate: FailoverPair) => stateOf(candidate) === 'Normal'
      : (candidate: FailoverPair) => stateOf(candidate) === 'CommunicationInterrupted' || stateOf(candidate) === 'PartnerDown';
  const { pair, side } = await relationshipTarget(context, node, title, fits);
  await withViewProgress(`${title}: ${pair.name}…`, () => client.command(command, { dhcpServerRef: side.server.ref, dhcpFailoverRelationshipName: pair.name }));
  await context.views.afterChange(pairServerRefs(pair));
}

const endpointKey = (pair: FailoverPair, side: FailoverSide) => `${pair.name}\n${side.server.ref}`;

/**
 * Every endpoint's failover state, keyed by endpointKey: as listed, or, where the answers carry none (the strict
 * profile has no `state`), from the simulator's own control, so the palette still offers only what fits.
 */
async function endpointStates(context: CommandContext, client: MicetroApi): Promise<Map<string, string>> {
  const { pairs } = await context.views.inventory.getAllPairs();
  const endpoints = pairs.flatMap((pair) => [pair.primary, pair.secondary].map((side) => ({ pair, side })));
  const states = await Promise.all(
    endpoints.map(async ({ pair, side }) =>
      side.state ??
      (await client.command<{ state: string }>('SimGetFailoverState', { dhcpServerRef: side.server.ref, dhcpFailoverRelationshipName: pair.name })).state,
    ),
  );
  return new Map(endpoints.map(({ pair, side }, index) => [endpointKey(pair, side), states[index]]));
}

/** Like `Set-DhcpServerv4Failover -PartnerDown`: the server that lost contact declares its partner down. */
async function setPartnerDown(context: CommandContext, node: RelationshipNode | undefined): Promise<void> {
  const client = simulatorClient(context);
  const title = 'Set Partner Down';
  let target: { pair: FailoverPair; side: FailoverSide } | undefined = node instanceof RelationshipNode ? { pair: node.pair, side: node.side } : undefined;
  if (!target) {
    const { pairs } = await context.views.inventory.getAllPairs();
    const states = await endpointStates(context, client);
    const endpoints = pairs.flatMap((pair) =>
      [pair.primary, pair.secondary].filter((side) => states.get(endpointKey(pair, side)) === 'CommunicationInterrupted').map((side) => ({ pair, side })),
    );
    if (endpoints.length === 0) throw new Error('No relationship is in the state Communication interrupted.');
    target = await context.prompts.pick(
      endpoints
        .sort((a, b) => compareNames(a.pair.name, b.pair.name) || compareNames(a.side.server.name, b.side.server.name))
        .map((endpoint) => ({
          label: endpoint.pair.name,
          description: `${endpoint.side.server.name} declares its partner down`,
          value: endpoint,
        })),
      { title, placeHolder: 'Which server takes over its partner’s addresses?' },
    );
  }
  const { pair, side } = target;
  await withViewProgress(`${title}: ${pair.name} on ${side.server.name}…`, () =>
    client.command('SimSetPartnerDown', { dhcpServerRef: side.server.ref, dhcpFailoverRelationshipName: pair.name }),
  );
  await context.views.afterChange(pairServerRefs(pair));
}
