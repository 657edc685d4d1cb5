// Fakes for driving the wizard hosts as their panels do: a client that counts every call (and fails any call it has
// no answer for), and the panel side (posted messages, closes, log lines).
import type { MicetroApi } from '../../src/api/micetroApi';
import type { DHCPFailoverRelationship, DHCPServer, NewDHCPScope } from '../../src/api/types';
import type { WizardHostDeps } from '../../src/wizards/wizardHost';

export const A: DHCPServer = { ref: 'DHCPServers/1', name: 'dhcp-a', address: '10.0.0.1', type: 'MSDHCP', state: 'OK', enabled: true };
export const B: DHCPServer = { ref: 'DHCPServers/2', name: 'dhcp-b', address: '10.0.0.2', type: 'MSDHCP', state: 'OK', enabled: true };

export const normal: DHCPFailoverRelationship = {
  name: 'a-b',
  primaryServer: 'dhcp-a',
  secondaryServer: 'dhcp-b',
  failoverMode: 'LoadBalance',
  failoverServerType: 'PrimaryServer',
  mclt: 3600,
  safePeriod: 0,
  dhcpScopeRefs: [],
  percentage: 50,
  state: 'Normal',
  dhcpServerRef: 'DHCPServers/1',
};

/** Every call the hosts make, by method name, with its arguments. */
export interface ClientCall {
  method: string;
  args: unknown[];
}

/**
 * A client whose every call is recorded; `failures[name]` calls of a method fail before it answers. A method the
 * fake does not answer is still recorded, and fails.
 */
export function fakeClient(failures: Record<string, number> = {}) {
  const calls: Record<string, number> = {};
  const log: ClientCall[] = [];
  const created: NewDHCPScope[] = [];
  // Without an answer the result type stays `never`: the call can only fail.
  const call = async <Result = never>(method: keyof MicetroApi, args: unknown[], answer?: () => Result): Promise<Result> => {
    calls[method] = (calls[method] ?? 0) + 1;
    log.push({ method, args });
    await new Promise((done) => setTimeout(done, 1));
    if ((failures[method] ?? 0) > 0) {
      failures[method]--;
      throw new Error(`${method} failed: Micetro is not reachable.`);
    }
    if (!answer) throw new Error(`The fake client has no ${method}.`);
    return answer();
  };
  const client: MicetroApi = {
    getDHCPServers: (...args) => call('getDHCPServers', args, () => [A, B]),
    getDHCPFailoverRelationships: (...args) => call('getDHCPFailoverRelationships', args, () => [normal]),
    getDHCPScopes: (...args) => call('getDHCPScopes', args, () => []),
    addDHCPScope: (...args) =>
      call('addDHCPScope', args, () => {
        created.push(args[0]);
        return `DHCPScopes/${created.length}`;
      }),
    removeDHCPScope: (...args) => call('removeDHCPScope', args),
    addScopesToFailoverRelationship: (...args) => call('addScopesToFailoverRelationship', args, () => undefined),
    removeScopesFromFailoverRelationship: (...args) => call('removeScopesFromFailoverRelationship', args),
    addDHCPFailoverRelationship: (...args) => call('addDHCPFailoverRelationship', args, () => undefined),
    modifyDHCPFailoverRelationship: (...args) => call('modifyDHCPFailoverRelationship', args, () => undefined),
    removeDHCPFailoverRelationships: (...args) => call('removeDHCPFailoverRelationships', args),
    replicateFailover: (...args) => call('replicateFailover', args),
    command: (...args) => call('command', args),
    logout: (...args) => call('logout', args),
  };
  return { client, calls, log, created };
}

/** The panel side of a host: what it posted, whether it closed, and what it logged. */
export function fakePanel<T>(client: MicetroApi) {
  const posted: T[] = [];
  const closed: boolean[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  const failures: string[] = [];
  const deps: WizardHostDeps<T> = {
    client,
    log: { info: (line) => infos.push(line), warn: (line) => warnings.push(line) },
    logFailure: (doing, error) => failures.push(`${doing}: ${error instanceof Error ? error.message : String(error)}`),
    describe: (error) => (error instanceof Error ? error.message : String(error)),
    post: (message) => posted.push(message),
    close: () => closed.push(true),
  };
  return { deps, posted, closed, warnings, infos, failures };
}

/** Collects unhandled rejections while `run` runs and a few turns after it. */
export async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await run();
    for (let i = 0; i < 3; i++) await new Promise((done) => setTimeout(done, 5));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}
