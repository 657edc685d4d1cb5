// Fakes for driving the wizard hosts as their panels do: a client that counts every call (and fails any call it has
// no answer for), and the panel side (posted messages, closes, log lines). Nothing here runs on a timer: a call
// answers as soon as the event loop lets it, unless the test holds it, and then it answers when the test says.
import { MicetroNotFoundError } from '../../src/api/errors';
import type { MicetroApi } from '../../src/api/micetroApi';
import type { DHCPFailoverRelationship, IPAMRange, NewDHCPScope } from '../../src/api/types';
import { buildFailoverPairs } from '../../src/failover';
import type { WizardHostDeps } from '../../src/wizards/wizardHost';
import { relationship, server } from './fixtures';

export const A = server(1, { name: 'dhcp-a' });
export const B = server(2, { name: 'dhcp-b' });

export const normal: DHCPFailoverRelationship = relationship('a-b', 'dhcp-a', 'dhcp-b', { state: 'Normal', dhcpServerRef: A.ref });
export const [normalPair] = buildFailoverPairs([normal], [A, B]);

/** A promise that settles when the test says so. */
interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** A held call: `reached` once the host made it, and it answers only after `release()`. */
export interface HeldCall {
  reached: Promise<void>;
  release(): void;
}

/** Every call the hosts make, by method name, with its arguments. */
export interface ClientCall {
  method: string;
  args: unknown[];
}

/**
 * A client whose every call is recorded; `failures[name]` calls of a method fail before it answers. A method the
 * fake does not answer is still recorded, and fails. `hold(name)` keeps the next call of a method waiting, so a test
 * can act while it runs; `settled()` waits for every call made so far.
 */
export function fakeClient(failures: Record<string, number> = {}) {
  const calls: Record<string, number> = {};
  const log: ClientCall[] = [];
  const created: NewDHCPScope[] = [];
  const exclusions: Array<{ from: string; to: string }> = [];
  /** `missing`: Micetro has no range for any network (getRange answers not found). */
  const ranges = { missing: false };
  /** What one page of `getRangesPage` lists; by default a cut list (more ranges than read), so submit checks the range. */
  const rangeList: { items: IPAMRange[]; totalResults: number } = { items: [], totalResults: 1000 };
  const held = new Map<string, { gate: Deferred; reached: Deferred }>();
  const pending: Promise<unknown>[] = [];
  const answer = async <Result>(method: keyof MicetroApi, gate: Promise<void> | undefined, answerOf?: () => Result): Promise<Result> => {
    await gate;
    if ((failures[method] ?? 0) > 0) {
      failures[method]--;
      throw new Error(`${method} failed: Micetro is not reachable.`);
    }
    if (!answerOf) throw new Error(`The fake client has no ${method}.`);
    return answerOf();
  };
  // Without an answer the result type stays `never`: the call can only fail.
  const call = <Result = never>(method: keyof MicetroApi, args: unknown[], answerOf?: () => Result): Promise<Result> => {
    calls[method] = (calls[method] ?? 0) + 1;
    log.push({ method, args });
    const holding = held.get(method);
    held.delete(method);
    holding?.reached.resolve();
    const answered = answer(method, holding?.gate.promise, answerOf);
    pending.push(answered.catch(() => undefined));
    return answered;
  };
  const hold = (method: keyof MicetroApi): HeldCall => {
    const holding = { gate: deferred<void>(), reached: deferred<void>() };
    held.set(method, holding);
    return { reached: holding.reached.promise, release: () => holding.gate.resolve() };
  };
  const settled = async (): Promise<void> => {
    await Promise.all(pending);
  };
  const client: MicetroApi = {
    getDHCPServers: (...args) => call('getDHCPServers', args, () => [A, B]),
    getDHCPFailoverRelationships: (...args) => call('getDHCPFailoverRelationships', args, () => [normal]),
    // Read fresh from the primary, the relationship holds a scope the listing did not show yet.
    getDHCPFailoverRelationship: (...args) => call('getDHCPFailoverRelationship', args, () => ({ ...normal, dhcpScopeRefs: ['DHCPScopes/a1'] })),
    getDHCPScopes: (...args) => call('getDHCPScopes', args, () => []),
    getDHCPScopesPage: (...args) => call('getDHCPScopesPage', args, () => ({ items: [], totalResults: 0 })),
    addDHCPScope: (...args) =>
      call('addDHCPScope', args, () => {
        created.push(args[0]);
        return `DHCPScopes/${created.length}`;
      }),
    removeDHCPScope: (...args) => call('removeDHCPScope', args, () => undefined),
    getRange: (...args) =>
      call('getRange', args, () => {
        if (ranges.missing) throw new MicetroNotFoundError({ message: `There is no IPAM range ${String(args[0])}.`, operation: 'GET Range', status: 404 });
        return { ref: 'Ranges/1', name: String(args[0]).replace(/^Ranges\//, ''), from: '', to: '' };
      }),
    getRanges: (...args) => call('getRanges', args, () => []),
    getRangesPage: (...args) => call('getRangesPage', args, () => ({ items: rangeList.items, totalResults: rangeList.totalResults })),
    addRange: (...args) => call('addRange', args, () => 'Ranges/2'),
    addDHCPAddressPool: (...args) => call('addDHCPAddressPool', args, () => `DHCPAddressPools/${created.length}`),
    addDHCPExclusion: (...args) =>
      call('addDHCPExclusion', args, () => {
        exclusions.push(args[1]);
        return `DHCPExclusions/${exclusions.length}`;
      }),
    getDHCPAddressPools: (...args) => call('getDHCPAddressPools', args, () => [{ ref: 'DHCPAddressPools/1', from: '', to: '', dhcpScopeRef: String(args[0]) }]),
    getDHCPExclusions: (...args) => call('getDHCPExclusions', args, () => exclusions.map((e, i) => ({ ref: `DHCPExclusions/${i + 1}`, ...e, dhcpScopeRef: String(args[0]) }))),
    getScopeOptions: (...args) => call('getScopeOptions', args, () => []),
    getReservations: (...args) => call('getReservations', args, () => []),
    removeObject: (...args) => call('removeObject', args, () => undefined),
    addScopesToFailoverRelationship: (...args) => call('addScopesToFailoverRelationship', args, () => undefined),
    removeScopesFromFailoverRelationship: (...args) => call('removeScopesFromFailoverRelationship', args),
    addDHCPFailoverRelationship: (...args) => call('addDHCPFailoverRelationship', args, () => undefined),
    modifyDHCPFailoverRelationship: (...args) => call('modifyDHCPFailoverRelationship', args, () => undefined),
    removeDHCPFailoverRelationships: (...args) => call('removeDHCPFailoverRelationships', args),
    replicateFailover: (...args) => call('replicateFailover', args),
    command: (...args) => call('command', args),
    logout: (...args) => call('logout', args),
  };
  return { client, calls, log, created, hold, settled, ranges, rangeList };
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

/**
 * Collects unhandled rejections while `run` runs and until the event loop's next turn: Node reports a rejection
 * nobody handled once the microtasks of its turn have run, so by the next `setImmediate` every one is in.
 */
export async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await run();
    await new Promise((done) => setImmediate(done));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}
