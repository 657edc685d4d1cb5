// Built-in simulator only: make failover visible by stopping servers, cutting links and declaring a partner down, and
// make drift on demand by changing one copy of a failover scope.
import type * as vscode from 'vscode';
import type { MicetroApi } from '../../api/micetroApi';
import { ipv4ToNumber, pairServerRefs, scopeCidr, type FailoverPair, type FailoverSide } from '../../failover';
import type { InputOptions } from '../prompts';
import { RelationshipNode } from '../tree/nodes/relationshipNode';
import { ScopeNode } from '../tree/nodes/scopeNode';
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
    registerCommand(context, 'dhcpFailover.changeScopeCopy', 'Could not change the scope copy', (node) => changeScopeCopy(context, node)),
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

/** The changes SimChangeScopeCopy makes, and the values each asks for. */
type CopyChange = 'addReservation' | 'setOption' | 'addExclusion';

const anAddress = (text: string): string | undefined => (ipv4ToNumber(text.trim()) === undefined ? 'An IPv4 address, e.g. 10.20.10.45' : undefined);

/**
 * Changes the copy of a failover scope on the node's server only (its partner keeps what it had), as someone who
 * forgot to replicate would: the next Check for Drift marks the scope.
 */
async function changeScopeCopy(context: CommandContext, node: ScopeNode | undefined): Promise<void> {
  const client = simulatorClient(context);
  if (!(node instanceof ScopeNode)) throw new Error('Run Change This Copy Only… on a scope of a relationship in the Servers view.');
  const { scope } = node;
  const server = node.parent.parent.server;
  const title = `Change This Copy Only: ${scopeCidr(scope)} on ${server.name}`;
  const change = await context.prompts.pick<CopyChange>(
    [
      { label: 'Add a Reservation', description: 'an address reserved for a client', value: 'addReservation' },
      { label: 'Set an Option', description: 'a scope option, added or replaced', value: 'setOption' },
      { label: 'Add an Exclusion', description: 'addresses the server will not hand out', value: 'addExclusion' },
    ],
    { title, placeHolder: `What should change on ${server.name} only?` },
  );
  const ask = (options: Omit<InputOptions, 'title'>) => context.prompts.input({ title, ...options });
  let params: Record<string, unknown>;
  if (change === 'addReservation') {
    const address = await ask({ prompt: 'Reserved address', placeHolder: 'e.g. 10.20.10.45', validate: anAddress });
    const clientIdentifier = await ask({ prompt: 'Client MAC address', value: '00-15-5d-00-00-01' });
    const name = await ask({ prompt: 'Reservation name', value: 'drift-demo' });
    params = { addReservation: { name, clientIdentifier, addresses: [address.trim()] } };
  } else if (change === 'setOption') {
    const option = await ask({ prompt: 'Option code', value: '6', validate: (text) => (/^\d{1,3}$/.test(text.trim()) ? undefined : 'A number, e.g. 6 (DNS Servers)') });
    const value = await ask({ prompt: `Value of option ${option.trim()}`, placeHolder: 'e.g. 10.0.0.53' });
    params = { setOption: { option: option.trim(), value } };
  } else {
    const from = await ask({ prompt: 'First excluded address', placeHolder: 'e.g. 10.20.10.200', validate: anAddress });
    const to = await ask({ prompt: 'Last excluded address', value: from.trim(), validate: anAddress });
    params = { addExclusion: { from: from.trim(), to: to.trim() } };
  }
  await withViewProgress(`Changing ${scopeCidr(scope)} on ${server.name} only…`, () =>
    client.command('SimChangeScopeCopy', { dhcpScopeRef: scope.ref, dhcpServerRef: server.ref, ...params }),
  );
  await context.views.afterChange([server.ref]);
}
