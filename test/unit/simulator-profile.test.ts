// The simulator's profiles and quirks, each on its own and all together (`--profile micetro`), over REST, the command
// bridge and JSON-RPC; its latency options; and the CLI's reading of them. The `demo` profile is the default.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, type PathLike } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCliArguments, USAGE, UsageError, type CliArguments } from '../../src/simulator/cliArguments';
import { QUIRKS, resolveQuirks, type QuirkName } from '../../src/simulator/quirks';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/server';
import { SimulatedClock } from '../../src/simulator/model';

const PASSWORD = 'profile-pw';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

interface Relationship {
  name: string;
  failoverServerType: string;
  dhcpScopeRefs: string[] | null;
  dhcpServerRef?: string;
  state?: string;
  enableAuth?: boolean;
}
interface Answer {
  status: number;
  body: { result?: Record<string, unknown>; error?: { code: number; message: string } } | undefined;
}

/** One simulator and the three ways to reach it. */
class Micetro {
  private constructor(readonly sim: RunningSimulator) {}

  static async start(options: SimulatorOptions = {}): Promise<Micetro> {
    return new Micetro(await startSimulator({ seed: 'demo', password: PASSWORD, clock: new SimulatedClock({ speed: 0 }), ...options }));
  }

  close = () => this.sim.close();

  async rest(method: string, path: string, body?: unknown, authorization = BASIC): Promise<Answer> {
    const response = await fetch(`${this.sim.url}/mmws/api/${path}`, {
      method,
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : undefined };
  }

  bridge = (command: string, params: unknown = {}, authorization = BASIC) => this.rest('POST', `command/${command}`, params, authorization);

  /** JSON-RPC, logged in with Login in the same way (a session in the params). */
  async rpc(method: string, params: Record<string, unknown> = {}): Promise<{ result?: Record<string, unknown>; error?: { code: number; message: string } }> {
    const call = async (name: string, p: Record<string, unknown>) => {
      const response = await fetch(`${this.sim.url}/mmws/json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: name, params: p }),
      });
      assert.equal(response.status, 200);
      return (await response.json()) as { result?: Record<string, unknown>; error?: { code: number; message: string } };
    };
    const login = await call('Login', { loginName: 'admin', password: PASSWORD });
    return call(method, { ...params, session: (login.result as { session: string }).session });
  }

  async bearer(): Promise<string> {
    const login = await this.rest('POST', 'micetro/sessions', { loginName: 'admin', password: PASSWORD }, '');
    assert.equal(login.status, 201);
    return `Bearer ${(login.body?.result as { session: string }).session}`;
  }
}

const relationships = (result: Record<string, unknown> | undefined) => (result as { dhcpFailoverRelationships: Relationship[] }).dhcpFailoverRelationships;

async function withQuirks<T>(quirks: QuirkName[], run: (micetro: Micetro) => Promise<T>, options: SimulatorOptions = {}): Promise<T> {
  const micetro = await Micetro.start({ quirks, ...options });
  try {
    return await run(micetro);
  } finally {
    await micetro.close();
  }
}

describe('simulator profiles and quirks', () => {
  describe('the quirk list', () => {
    it('makes micetro every quirk and demo none, adds single quirks to any profile, and refuses unknown names with the list', () => {
      assert.deepEqual([...resolveQuirks('micetro')].sort(), QUIRKS.map((q) => q.name).sort());
      assert.deepEqual([...resolveQuirks('demo')], []);
      assert.deepEqual([...resolveQuirks(undefined, ['no-state', 'not-found-400'])], ['no-state', 'not-found-400']);
      assert.throws(() => resolveQuirks('demo', ['no-state', 'kind']), (error: Error) => /"kind"/.test(error.message) && QUIRKS.every((q) => error.message.includes(q.name)));
      assert.throws(() => resolveQuirks('strict'), /Unknown simulator profile "strict"; use one of demo, micetro/);
    });

    it('is the README table of quirks, row for row', () => {
      const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
      const table = /<!-- quirks:start -->\n([\s\S]*?)<!-- quirks:end -->/.exec(readme)?.[1];
      const expected = ['| quirk | what the simulator then answers |', '|---|---|', ...QUIRKS.map((q) => `| \`${q.name}\` | ${q.description} |`)].join('\n') + '\n';
      assert.equal(table, expected, `README.md's quirk table should read:\n${expected}`);
    });

    it('refuses an unknown quirk when the simulator starts, before it listens', async () => {
      await assert.rejects(startSimulator({ quirks: ['no-such-quirk'] }), /Unknown simulator quirk "no-such-quirk"/);
      await assert.rejects(startSimulator({ latencyMs: -1 }), /latencyMs must be a number of milliseconds ≥ 0/);
    });
  });

  describe('each quirk on its own', () => {
    it('no-state: relationships lose state and enableAuth on the bridge and JSON-RPC; demo keeps both', async () => {
      await withQuirks([], async (micetro) => {
        const [first] = relationships((await micetro.bridge('GetDHCPFailoverRelationships', { dhcpServerRef: 'DHCPServers/1' })).body?.result);
        assert.equal(typeof first.state, 'string');
        assert.equal(typeof first.enableAuth, 'boolean');
      });
      await withQuirks(['no-state'], async (micetro) => {
        const bridged = relationships((await micetro.bridge('GetDHCPFailoverRelationships', { dhcpServerRef: 'DHCPServers/1' })).body?.result);
        const rpc = relationships((await micetro.rpc('GetDHCPFailoverRelationships', {})).result);
        for (const rel of [...bridged, ...rpc]) {
          assert.ok(!('state' in rel) && !('enableAuth' in rel), JSON.stringify(rel));
        }
        // The state machine still runs underneath: the Sim controls drive it.
        assert.deepEqual((await micetro.bridge('SimCutLink', { dhcpServerRef: 'DHCPServers/1', dhcpFailoverRelationshipName: 'rvk-lon-office' })).status, 200);
      });
    });

    it('null-scope-refs: an Empty relationship answers dhcpScopeRefs null, one with scopes its list', async () => {
      await withQuirks(['null-scope-refs'], async (micetro) => {
        const empty = await micetro.bridge('GetDHCPFailoverRelationship', { dhcpServerRef: 'DHCPServers/3', dhcpFailoverRelationshipName: 'lon-sin-standby' });
        assert.equal((empty.body?.result?.dhcpFailoverRelationship as Relationship).dhcpScopeRefs, null);
        const full = await micetro.rpc('GetDHCPFailoverRelationship', { dhcpServerRef: 'DHCPServers/1', dhcpFailoverRelationshipName: 'rvk-lon-office' });
        assert.ok(((full.result?.dhcpFailoverRelationship as Relationship).dhcpScopeRefs ?? []).length > 0);
      });
      await withQuirks([], async (micetro) => {
        const empty = await micetro.bridge('GetDHCPFailoverRelationship', { dhcpServerRef: 'DHCPServers/3', dhcpFailoverRelationshipName: 'lon-sin-standby' });
        assert.deepEqual((empty.body?.result?.dhcpFailoverRelationship as Relationship).dhcpScopeRefs, []);
      });
    });

    it('one-record-per-relationship: the all-servers call answers each relationship once, as its primary, without dhcpServerRef', async () => {
      await withQuirks(['one-record-per-relationship'], async (micetro) => {
        const all = relationships((await micetro.bridge('GetDHCPFailoverRelationships', {})).body?.result);
        const names = all.map((rel) => rel.name);
        assert.equal(new Set(names).size, names.length, 'one record per relationship');
        assert.equal(all.length, micetro.sim.backend.inventory.relationships.size);
        for (const rel of all) {
          assert.ok(!('dhcpServerRef' in rel), JSON.stringify(rel));
          assert.equal(rel.failoverServerType, 'PrimaryServer');
        }
        // With a server named, each relationship of that server as that server sees it, as before.
        const ofSecondary = relationships((await micetro.rpc('GetDHCPFailoverRelationships', { dhcpServerRef: 'DHCPServers/3' })).result);
        const office = ofSecondary.find((rel) => rel.name === 'rvk-lon-office');
        assert.equal(office?.dhcpServerRef, 'DHCPServers/3');
        assert.equal(office?.failoverServerType, 'SecondaryServer');
      });
      await withQuirks([], async (micetro) => {
        const all = relationships((await micetro.bridge('GetDHCPFailoverRelationships', {})).body?.result);
        assert.equal(all.length, 2 * micetro.sim.backend.inventory.relationships.size, 'demo: one record per endpoint');
      });
    });

    it('partial-server-filter: dhcpServerRef=DHCPServers/1 also matches DHCPServers/10, /11 and /12', async () => {
      const seed = { servers: 12, scopes: 240 };
      const serversOf = async (micetro: Micetro, filter: string) => {
        const page = await micetro.rest('GET', `DHCPScopes?filter=${encodeURIComponent(filter)}`);
        assert.equal(page.status, 200);
        const scopes = (page.body?.result as { dhcpScopes: Array<{ dhcpServerRef: string }>; totalResults: number });
        assert.equal(scopes.totalResults, scopes.dhcpScopes.length);
        return new Set(scopes.dhcpScopes.map((scope) => scope.dhcpServerRef));
      };
      await withQuirks(['partial-server-filter'], async (micetro) => {
        const partial = await serversOf(micetro, 'dhcpServerRef=DHCPServers/1');
        assert.ok(partial.has('DHCPServers/1') && [...partial].some((ref) => ref !== 'DHCPServers/1'), [...partial].join());
        for (const ref of partial) assert.match(ref, /^DHCPServers\/1\d*$/);
        // A server named instead of its ref is its ref, matched in the same way.
        const named = await serversOf(micetro, `dhcpServerRef=${micetro.sim.backend.getServer('DHCPServers/1').name}`);
        assert.deepEqual(named, partial);
      }, { seed });
      await withQuirks([], async (micetro) => {
        assert.deepEqual([...(await serversOf(micetro, 'dhcpServerRef=DHCPServers/1'))], ['DHCPServers/1']);
      }, { seed });
    });

    it('not-found-400: "no such object" answers 400 with its code on REST and the bridge; an unknown resource stays 404', async () => {
      const probe = async (micetro: Micetro) => ({
        scope: await micetro.rest('GET', 'DHCPScopes/DHCPScopes/99999'),
        relationship: await micetro.bridge('GetDHCPFailoverRelationship', { dhcpServerRef: 'DHCPServers/1', dhcpFailoverRelationshipName: 'nope' }),
        resource: await micetro.rest('GET', 'NoSuchThing'),
      });
      const strict = await withQuirks(['not-found-400'], probe);
      const demo = await withQuirks([], probe);
      assert.deepEqual([strict.scope.status, strict.scope.body?.error?.code], [400, 2049]);
      assert.deepEqual([strict.relationship.status, strict.relationship.body?.error?.code], [400, 20115]);
      assert.equal(strict.resource.status, 404);
      assert.deepEqual([demo.scope.status, demo.relationship.status, demo.resource.status], [404, 404, 404]);
      assert.deepEqual([demo.scope.body?.error?.code, demo.relationship.body?.error?.code], [2049, 20115]);
    });

    it('ignore-deconfigure: removing a relationship leaves both copies of each scope, enabled; removing scopes still honours the action', async () => {
      await withQuirks(['ignore-deconfigure'], async (micetro) => {
        const { inventory } = micetro.sim.backend;
        const office = [...inventory.relationships.values()].find((rel) => rel.name === 'rvk-lon-office');
        assert.ok(office);
        const [kept, ...rest] = office.scopePairs.map((pair) => [...pair]);
        assert.ok(rest.length > 0);
        // Scopes still leave a relationship the documented way: the partner's instance is deleted.
        const scopeRef = (id: number) => `DHCPScopes/${id}`;
        const removeScope = await micetro.bridge('RemoveDHCPScopesFromDHCPFailoverRelationship', {
          dhcpServerRef: 'DHCPServers/1', dhcpFailoverRelationshipName: 'rvk-lon-office', dhcpScopeRefs: [scopeRef(kept[0])], dhcpFailoverRelationshipDeconfigureAction: 'Delete',
        });
        assert.equal(removeScope.status, 200, JSON.stringify(removeScope.body));
        assert.ok(!inventory.scopes.has(kept[1]), 'the partner instance is deleted');

        const removed = await micetro.rpc('RemoveDHCPFailoverRelationships', {
          dhcpRefAndFailoverRelationshipNames: [{ dhcpServerRef: 'DHCPServers/1', dhcpFailoverRelationshipName: 'rvk-lon-office' }],
          dhcpFailoverRelationshipDeconfigureAction: 'Delete',
        });
        assert.equal(removed.error, undefined);
        assert.ok(![...inventory.relationships.values()].some((rel) => rel.name === 'rvk-lon-office'));
        for (const [primary, secondary] of rest) {
          for (const id of [primary, secondary]) {
            const detail = await micetro.bridge('SimGetScopeDetail', { dhcpScopeRef: scopeRef(id) });
            const scope = (detail.body?.result as { dhcpScope: { enabled: boolean; dhcpFailoverRelationshipName: string | null } }).dhcpScope;
            assert.deepEqual([scope.enabled, scope.dhcpFailoverRelationshipName], [true, null], `scope ${id}`);
          }
        }
      });
      await withQuirks([], async (micetro) => {
        const { inventory } = micetro.sim.backend;
        const office = [...inventory.relationships.values()].find((rel) => rel.name === 'rvk-lon-office');
        const partnerCopies = (office?.scopePairs ?? []).map(([, s]) => s);
        await micetro.bridge('RemoveDHCPFailoverRelationships', {
          dhcpRefAndFailoverRelationshipNames: [{ dhcpServerRef: 'DHCPServers/1', dhcpFailoverRelationshipName: 'rvk-lon-office' }],
          dhcpFailoverRelationshipDeconfigureAction: 'Delete',
        });
        assert.ok(partnerCopies.length > 0 && partnerCopies.every((id) => !inventory.scopes.has(id)), 'demo honours Delete');
      });
    });

    it('no-command-bridge: /mmws/api/command/* is an unknown resource, JSON-RPC serves every command including Login', async () => {
      await withQuirks(['no-command-bridge'], async (micetro) => {
        for (const command of ['GetDHCPFailoverRelationships', 'Login', 'SimGetStats']) {
          const answer = await micetro.bridge(command, command === 'Login' ? { loginName: 'admin', password: PASSWORD } : {});
          assert.deepEqual([answer.status, answer.body?.error?.code], [404, 16544], command);
        }
        assert.ok(relationships((await micetro.rpc('GetDHCPFailoverRelationships', {})).result).length > 0);
        assert.equal(typeof (await micetro.rpc('SimGetStats')).result?.requests, 'number');
        assert.equal((await micetro.rest('GET', 'DHCPServers')).status, 200, 'REST resources stay');
      });
    });

    it('no-basic-auth: Basic is refused with 401 and code 5002, a Bearer session works', async () => {
      await withQuirks(['no-basic-auth'], async (micetro) => {
        const refused = await micetro.rest('GET', 'DHCPServers');
        assert.deepEqual([refused.status, refused.body?.error?.code], [401, 5002]);
        assert.equal((await micetro.rest('GET', 'DHCPServers', undefined, await micetro.bearer())).status, 200);
      });
    });
  });

  describe('the strict profile', () => {
    let micetro: Micetro;
    before(async () => {
      micetro = await Micetro.start({ profile: 'micetro' });
    });
    after(async () => micetro.close());

    it('answers relationships as the documented object, once each, through JSON-RPC', async () => {
      const all = relationships((await micetro.rpc('GetDHCPFailoverRelationships', {})).result);
      assert.equal(all.length, micetro.sim.backend.inventory.relationships.size);
      for (const rel of all) {
        assert.ok(!('state' in rel) && !('enableAuth' in rel) && !('dhcpServerRef' in rel), JSON.stringify(rel));
      }
      assert.equal(all.find((rel) => rel.name === 'lon-sin-standby')?.dhcpScopeRefs, null);
    });

    it('refuses Basic and the command bridge, serves REST with Bearer, and keeps the Sim controls on JSON-RPC', async () => {
      assert.equal((await micetro.rest('GET', 'DHCPServers')).status, 401);
      const bearer = await micetro.bearer();
      assert.equal((await micetro.rest('GET', 'DHCPServers', undefined, bearer)).status, 200);
      assert.equal((await micetro.bridge('GetDHCPFailoverRelationships', {}, bearer)).status, 404);
      const missing = await micetro.rest('GET', 'DHCPScopes/DHCPScopes/99999', undefined, bearer);
      assert.deepEqual([missing.status, missing.body?.error?.code], [400, 2049]);
      const cut = await micetro.rpc('SimCutLink', { dhcpServerRef: 'DHCPServers/1', dhcpFailoverRelationshipName: 'rvk-lon-office' });
      assert.equal(cut.error, undefined);
      assert.equal(typeof (await micetro.rpc('SimGetStats')).result?.requests, 'number');
    });

    it('creates objects with HTTP 201 and their ref, as in the demo profile', async () => {
      const bearer = await micetro.bearer();
      const demo = await Micetro.start();
      try {
        for (const sim of [micetro, demo]) {
          const authorization = sim === micetro ? bearer : BASIC;
          const range = await sim.rest('POST', 'Ranges', { range: { name: '10.99.1.0/24' } }, authorization);
          assert.equal(range.status, 201, JSON.stringify(range.body));
          const rangeRef = (range.body?.result as { ref: string }).ref;
          assert.match(rangeRef, /^Ranges\/\d+$/);
          const scope = await sim.rest('POST', 'DHCPScopes', { dhcpScope: { name: '10.99.1.0/24', rangeRef, dhcpServerRef: 'DHCPServers/1' } }, authorization);
          assert.equal(scope.status, 201, JSON.stringify(scope.body));
          const ref = (scope.body?.result as { ref: string }).ref;
          assert.match(ref, /^DHCPScopes\/\d+$/);
          const reservation = await sim.rest('POST', `${ref}/DHCPReservations`, { dhcpReservation: { name: 'printer', clientIdentifier: 'aa-bb-cc-dd-ee-ff', addresses: ['10.99.1.50'] } }, authorization);
          assert.equal(reservation.status, 201, JSON.stringify(reservation.body));
          assert.match((reservation.body?.result as { ref: string }).ref, /^DHCPReservations\/\d+$/);
        }
      } finally {
        await demo.close();
      }
    });
  });

  it('keeps its quirks when a failed save puts the last saved state back', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sim-profile-'));
    let failRename = false;
    const fileSystem = {
      ...fsPromises,
      rename: (from: PathLike, to: PathLike) => (failRename ? Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })) : fsPromises.rename(from, to)),
    };
    const micetro = await Micetro.start({ profile: 'micetro', dataFile: join(folder, 'sim.json'), fileSystem });
    try {
      failRename = true;
      const refused = await micetro.rpc('AddDHCPFailoverRelationship', {
        dhcpFailoverRelationship: { name: 'unsaved', primaryServer: 'DHCPServers/1', secondaryServer: 'DHCPServers/4', failoverMode: 'LoadBalance', dhcpScopeRefs: [] },
      });
      assert.match(refused.error?.message ?? '', /The change was not made/);
      assert.deepEqual([...micetro.sim.backend.context.quirks].sort(), QUIRKS.map((q) => q.name).sort());
    } finally {
      await micetro.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  describe('latency', () => {
    /** A wait that records what each answer was asked to wait and answers at once. */
    const recorder = () => {
      const waits: number[] = [];
      return { waits, wait: (ms: number) => (waits.push(ms), Promise.resolve()) };
    };

    it('delays every answer by the latency plus 0..jitter, listings by the page cost per 1,000 rows, and no Sim control', async () => {
      const { waits, wait } = recorder();
      await withQuirks([], async (micetro) => {
        await micetro.rest('GET', 'DHCPServers/1');
        await micetro.rest('GET', 'DHCPServers', undefined, 'Basic bad');
        const scopes = await micetro.rest('GET', 'DHCPScopes');
        const rows = (scopes.body?.result as { dhcpScopes: unknown[] }).dhcpScopes.length;
        await micetro.bridge('SimGetStats');
        await micetro.rpc('SimAdvanceClock', { seconds: 1 });
        assert.equal(waits.length, 4, `${waits.join()}: three REST answers and the JSON-RPC Login, no Sim control`);
        for (const ms of [waits[0], waits[1], waits[3]]) assert.ok(ms >= 100 && ms <= 120, String(ms));
        const pageCost = (500 * rows) / 1000;
        assert.ok(waits[2] >= 100 + pageCost && waits[2] <= 120 + pageCost, `${waits[2]} for ${rows} rows`);
      }, { latencyMs: 100, jitterMs: 20, pageCostMs: 500, wait });
    });

    it('holds an answer without holding up other requests', async () => {
      let release: () => void = () => undefined;
      let held: () => void = () => undefined;
      const holding = new Promise<void>((resolveHeld) => (held = resolveHeld));
      let calls = 0;
      const wait = () => {
        calls++;
        if (calls > 1) return Promise.resolve();
        held();
        return new Promise<void>((resolveRelease) => (release = resolveRelease));
      };
      await withQuirks([], async (micetro) => {
        let slowDone = false;
        const slow = micetro.rest('GET', 'DHCPScopes').then((answer) => ((slowDone = true), answer));
        await holding;
        assert.equal((await micetro.rest('GET', 'DHCPServers')).status, 200);
        assert.equal(slowDone, false, 'the first answer is still waiting');
        release();
        assert.equal((await slow).status, 200);
      }, { latencyMs: 1000, wait });
    });

    it('really waits at least the latency on a timer', async () => {
      await withQuirks([], async (micetro) => {
        const started = performance.now();
        assert.equal((await micetro.rest('GET', 'DHCPServers/1')).status, 200);
        assert.ok(performance.now() - started >= 40, 'answered no sooner than the latency');
      }, { latencyMs: 40 });
    });
  });

  describe('the CLI arguments', () => {
    const parse = (...args: string[]) => parseCliArguments(args) as CliArguments;

    it('defaults to the demo profile, no quirks and no latency', () => {
      assert.deepEqual(
        (({ profile, quirks, latencyMs, jitterMs, pageCostMs }) => ({ profile, quirks, latencyMs, jitterMs, pageCostMs }))(parse()),
        { profile: 'demo', quirks: [], latencyMs: 0, jitterMs: 0, pageCostMs: 0 },
      );
    });

    it('reads --profile, repeated --quirk, the --no-basic-auth and --no-command-bridge shorthands and the latency options', () => {
      assert.equal(parse('--profile', 'micetro').profile, 'micetro');
      assert.deepEqual(parse('--quirk', 'no-state', '--quirk', 'not-found-400', '--no-basic-auth', '--no-command-bridge').quirks, ['no-state', 'not-found-400', 'no-basic-auth', 'no-command-bridge']);
      assert.deepEqual(parse('--no-basic-auth', '--quirk', 'no-basic-auth').quirks, ['no-basic-auth']);
      const slow = parse('--latency', '100', '--jitter', '20', '--page-cost', '5');
      assert.deepEqual([slow.latencyMs, slow.jitterMs, slow.pageCostMs], [100, 20, 5]);
      assert.equal(parseCliArguments(['--help']), 'help');
    });

    it('refuses an unknown profile or quirk with the list, and a latency that is not a whole number', () => {
      assert.throws(() => parse('--quirk', 'kind'), (error: Error) => error instanceof UsageError && QUIRKS.every((q) => error.message.includes(q.name)));
      assert.throws(() => parse('--profile', 'strict'), (error: Error) => error instanceof UsageError && /demo, micetro/.test(error.message));
      for (const [name, value] of [['--latency', '-1'], ['--jitter', 'soon'], ['--page-cost', '1.5'], ['--latency', '']]) {
        assert.throws(() => parse(name, value), (error: Error) => error instanceof UsageError && error.message.includes(name), `${name} ${value}`);
      }
    });

    it('lists every quirk with its description in --help', () => {
      for (const quirk of QUIRKS) assert.ok(USAGE.includes(`${quirk.name} `) && USAGE.includes(quirk.description.replace(/`/g, '')), quirk.name);
      for (const option of ['--profile', '--quirk', '--latency', '--jitter', '--page-cost']) assert.ok(USAGE.includes(option), option);
    });
  });
});
