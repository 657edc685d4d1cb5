// Connect to Micetro…, Use Built-in Simulator, Disconnect, and the status bar's Select Connection….
import type * as vscode from 'vscode';
import { MicetroPasswordRejectedError } from '../../api/errors';
import { isLoopbackHost } from '../../api/loopback';
import { parseMicetroUrl } from '../../api/micetroUrl';
import type { MicetroLogin } from '../connection/credentialStore';
import type { PickItem } from '../prompts';
import type { CommandContext } from './commandContext';
import type { CommandWithoutArgument } from './commandMap';
import { executeCommand } from './executeCommand';
import { registerCommand, withViewProgress } from './registerCommand';

export function registerConnectionCommands(context: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(context, 'dhcpFailover.connectToMicetro', 'Could not connect to Micetro', () => connectToMicetro(context)),
    registerCommand(context, 'dhcpFailover.useBuiltInSimulator', 'Could not start the built-in simulator', () =>
      withViewProgress('Starting the built-in simulator…', () => context.connection.useSimulator()),
    ),
    registerCommand(context, 'dhcpFailover.disconnect', 'Could not disconnect', () => context.connection.disconnect()),
    registerCommand(context, 'dhcpFailover.selectConnection', 'Could not change the connection', () => selectConnection(context)),
  ];
}

async function connectToMicetro(context: CommandContext): Promise<void> {
  const { prompts, credentials } = context;
  const last = credentials.lastLogin();
  const typedUrl = await prompts.input({
    title: 'Connect to Micetro (1/3)',
    prompt: 'The address of Micetro',
    placeHolder: 'https://micetro.example.com',
    value: last?.url,
    validate: (text) => {
      const parsed = parseMicetroUrl(text);
      return parsed.ok ? undefined : parsed.problem;
    },
  });
  const user = await prompts.input({
    title: 'Connect to Micetro (2/3)',
    prompt: 'User name',
    value: last?.user,
    validate: (text) => (text.trim() ? undefined : 'Enter the user name'),
  });
  const address = parseMicetroUrl(typedUrl);
  // The input box refuses such text already; this keeps a bad URL from ever becoming a saved login.
  if (!address.ok) throw new Error(address.problem);
  const login: MicetroLogin = { url: address.url, user: user.trim() };
  const target = new URL(login.url);
  // Basic auth over http:// hands the password to anyone on the path; only this machine is exempt.
  if (target.protocol === 'http:' && !isLoopbackHost(target.hostname)) {
    await prompts.confirm(
      `Send the password of ${login.user} to ${login.url} without encryption?`,
      'This address starts with http://, so the password and every answer cross the network in clear text. Use https:// unless you trust every network between here and Micetro.',
      'Send Unencrypted',
    );
  }
  const askPassword = (prompt: string) =>
    prompts.input({ title: 'Connect to Micetro (3/3)', prompt, password: true, validate: (text) => (text ? undefined : 'Enter the password') });

  const saved = await credentials.getPassword(login);
  let password = saved ?? (await askPassword(`Password of ${login.user}`));
  const connect = () => withViewProgress(`Connecting to ${login.url}…`, () => context.connection.connectMicetro(login, password));
  try {
    await connect();
  } catch (error) {
    // Only a saved password that Micetro rejects is asked for again, once; a typed one is never retried.
    if (!(error instanceof MicetroPasswordRejectedError) || saved === undefined) throw error;
    await credentials.forgetPassword(login);
    context.log.warn(`Micetro rejected the saved password of ${login.user} at ${login.url}; asking for it again`);
    password = await askPassword(`Micetro rejected the saved password of ${login.user}. Enter it again`);
    await connect();
  }
  await credentials.savePassword(login, password);
  await credentials.rememberLogin(login);
  context.log.info(`Connected to Micetro at ${login.url} as ${login.user}`);
}

async function selectConnection(context: CommandContext): Promise<void> {
  const kind = context.connection.current.kind;
  const choices: PickItem<CommandWithoutArgument>[] = [
    {
      label: 'Use Built-in Simulator',
      icon: 'server-environment',
      description: kind === 'simulator' ? 'connected' : 'demo data on this machine',
      value: 'dhcpFailover.useBuiltInSimulator',
    },
    { label: 'Connect to Micetro…', icon: 'plug', description: kind === 'micetro' ? 'connected' : '', value: 'dhcpFailover.connectToMicetro' },
  ];
  if (kind !== 'none') choices.push({ label: 'Disconnect', icon: 'debug-disconnect', description: '', value: 'dhcpFailover.disconnect' });
  const command = await context.prompts.pick(choices, { title: 'DHCP Failover Connection', placeHolder: 'Where should DHCP Failover connect?' });
  await executeCommand(command);
}
