// Fakes for driving the wizard hosts as their panels do: a client that counts every call (and fails any call it has
// no answer for), and the panel side (posted messages, closes, log lines).
import type { MicetroClient } from '../../src/api/micetroClient';
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
  const answers: Record<string, (...args: unknown[]) => unknown> = {
    getDHCPServers: () => [A, B],
    getDHCPFailoverRelationships: () => [normal],
    getDHCPScopes: () => [],
    addDHCPScope: (scope) => {
      created.push(scope as NewDHCPScope);
      return `DHCPScopes/${created.length}`;
    },
    addScopesToFailoverRelationship: () => undefined,
    addDHCPFailoverRelationship: () => undefined,
    modifyDHCPFailoverRelationship: () => undefined,
  };
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    calls[method] = (calls[method] ?? 0) + 1;
    log.push({ method, args });
    await new Promise((done) => setTimeout(done, 1));
    if ((failures[method] ?? 0) > 0) {
      failures[method]--;
      throw new Error(`${method} failed: Micetro is not reachable.`);
    }
    const answer = answers[method];
    if (!answer) throw new Error(`The fake client has no ${method}.`);
    return answer(...args);
  };
  const client = new Proxy(
    {},
    { get: (_target, name) => (typeof name === 'string' && name !== 'then' ? (...args: unknown[]) => call(name, args) : undefined) },
  );
  return { client: client as MicetroClient, calls, log, created };
}

/** The panel side of a host: what it posted, whether it closed, and what it logged. */
export function fakePanel<T>(client: MicetroClient) {
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
