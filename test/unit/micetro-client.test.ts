// The MicetroClient against the simulator over loopback HTTP: every call, the envelopes, auth, paging and errors.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MicetroAuthError,
  MicetroError,
  MicetroNetworkError,
  MicetroNotFoundError,
  MicetroPasswordRejectedError,
  MicetroTimeoutError,
  MicetroValidationError,
} from '../../src/api/errors';
import { MicetroClient, type ApiCallRecord, type MicetroClientOptions } from '../../src/api/micetroClient';
import type { DHCPFailoverRelationship, DHCPServer } from '../../src/api/types';
import { MAX_RELATIONSHIPS_PER_SERVER } from '../../src/failover';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import { scope } from './fixtures';
import { addTestScope } from '../shared/simulatorFixtures';

const PASSWORD = 'correct horse battery staple';
const SECRET = 'sh4red-S3cret-value';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('MicetroClient ↔ simulator (loopback HTTP)', () => {
  let sim: RunningSimulator;
  let calls: ApiCallRecord[];

  const makeClient = (options: Partial<MicetroClientOptions> = {}) =>
    new MicetroClient({ baseUrl: sim.url, username: 'admin', password: PASSWORD, log: (call) => calls.push(call), ...options });

  /** Two Microsoft servers with room for one more relationship each. */
  async function freePair(client: MicetroClient): Promise<[DHCPServer, DHCPServer]> {
    const servers = (await client.getDHCPServers()).filter((server) => server.type === 'MSDHCP' && server.state === 'OK');
    const all = await client.getDHCPFailoverRelationships();
    const counts = new Map<string, number>();
    for (const relationship of all) counts.set(relationship.dhcpServerRef!, (counts.get(relationship.dhcpServerRef!) ?? 0) + 1);
    const roomy = servers.filter((server) => (counts.get(server.ref) ?? 0) < MAX_RELATIONSHIPS_PER_SERVER);
    assert.ok(roomy.length >= 2, 'the demo inventory has two Microsoft servers with room for a relationship');
    return [roomy[0], roomy[1]];
  }

  function newRelationship(primary: DHCPServer, secondary: DHCPServer, name: string): DHCPFailoverRelationship {
    return {
      name,
      primaryServer: primary.name,
      secondaryServer: secondary.name,
      failoverMode: 'LoadBalance',
      failoverServerType: 'PrimaryServer',
      mclt: 3600,
      safePeriod: 0,
      percentage: 60,
      dhcpScopeRefs: [],
      sharedSecret: SECRET,
    };
  }

  beforeEach(async () => {
    sim = await startSimulator({ seed: 'demo', password: PASSWORD });
    calls = [];
  });
  afterEach(async () => {
    await sim.close();
  });

  describe('REST resources', () => {
    it('lists Microsoft DHCP servers with their wire fields', async () => {
      const servers = await makeClient().getDHCPServers();
      assert.ok(servers.length >= 6);
      for (const server of servers) {
        assert.match(server.ref, /^DHCPServers\/\d+$/);
        assert.equal(typeof server.name, 'string');
        assert.equal(typeof server.state, 'string');
      }
      assert.ok(servers.some((server) => server.type === 'MSDHCP'));
      const one = await makeClient().getDHCPServer(servers[0].ref);
      assert.deepEqual(one, servers[0]);
    });

    it('pages scopes until totalResults, in as few round trips as the page size allows', async () => {
      const everything = await makeClient().getDHCPScopes();
      sim.resetStats();
      const paged = await makeClient({ pageSize: 7 }).getDHCPScopes();
      assert.deepEqual(
        paged.map((scope) => scope.ref),
        everything.map((scope) => scope.ref),
      );
      assert.equal(sim.requestsByOperation()['GET DHCPScopes'], Math.ceil(everything.length / 7));
      const page = await makeClient().getDHCPScopesPage({ offset: 2, limit: 3 });
      assert.equal(page.totalResults, everything.length);
      assert.deepEqual(
        page.items.map((scope) => scope.ref),
        everything.slice(2, 5).map((scope) => scope.ref),
      );
    });

    it('gives each page of a scope listing as it arrives, the first page first, and then the whole listing', async () => {
      const everything = await makeClient().getDHCPScopes();
      const pages: string[][] = [];
      const listed = await makeClient({ pageSize: 7 }).getDHCPScopes({ onPage: (scopes) => pages.push(scopes.map((scope) => scope.ref)) });
      assert.equal(pages.length, Math.ceil(everything.length / 7));
      assert.deepEqual(pages[0], everything.slice(0, 7).map((scope) => scope.ref));
      assert.deepEqual(pages.flat().sort(), listed.map((scope) => scope.ref).sort());
    });

    it('filters with terms joined by AND, sending spaces as %20', async () => {
      const client = makeClient();
      const [server] = await client.getDHCPServers();
      const scopes = await client.getDHCPScopes({ filter: `dhcpServerRef=${server.ref} AND enabled=true` });
      assert.ok(scopes.length > 0);
      assert.ok(scopes.every((scope) => scope.dhcpServerRef === server.ref && scope.enabled));
      const quoted = await client.getDHCPScopes({ filter: `name="${scopes[0].name}" AND dhcpServerRef=${server.ref}` });
      assert.deepEqual(
        quoted.map((scope) => scope.ref),
        [scopes[0].ref],
      );
    });

    it('reads a scope by ref and by its CIDR name', async () => {
      const client = makeClient();
      const scopes = await client.getDHCPScopes();
      const counts = new Map<string, number>();
      for (const scope of scopes) counts.set(scope.name, (counts.get(scope.name) ?? 0) + 1);
      const unique = scopes.find((scope) => counts.get(scope.name) === 1)!;
      assert.deepEqual(await client.getDHCPScope(unique.ref), unique);
      assert.deepEqual(await client.getDHCPScope(`DHCPScopes/${unique.name}`), unique);
    });

    it('creates a scope, sets its options and reservations, and removes it', async () => {
      const client = makeClient();
      const [server] = await freePair(client);
      const ref = await addTestScope(client, {
        name: '10.250.1.0/24',
        dhcpServerRef: server.ref,
        description: 'Created by a test',
        addressPool: { from: '10.250.1.10', to: '10.250.1.200' },
      });
      const exclusionRef = await client.addDHCPExclusion(ref, { from: '10.250.1.10', to: '10.250.1.19' });
      assert.deepEqual(
        (await client.getDHCPExclusions(ref)).map((e) => [e.ref, e.from, e.to]),
        [[exclusionRef, '10.250.1.10', '10.250.1.19']],
      );
      assert.match(ref, /^DHCPScopes\/\d+$/);
      const scope = await client.getDHCPScope(ref);
      assert.equal(scope.name, '10.250.1.0/24');
      assert.equal(scope.dhcpServerRef, server.ref);

      await client.setScopeOptions(ref, [
        { option: '3', value: '10.250.1.1' },
        { option: '6', value: '10.0.0.53' },
      ]);
      assert.deepEqual(await client.getScopeOptions(ref), [
        { option: '3', value: '10.250.1.1' },
        { option: '6', value: '10.0.0.53' },
      ]);

      const reservationRef = await client.addReservation(ref, {
        name: 'printer',
        clientIdentifier: '00-11-22-33-44-55',
        addresses: ['10.250.1.50'],
      });
      assert.ok(reservationRef);
      const reservations = await client.getReservations(ref);
      assert.deepEqual(
        reservations.map((reservation) => [reservation.name, reservation.addresses]),
        [['printer', ['10.250.1.50']]],
      );

      await client.removeDHCPScope(ref);
      await assert.rejects(client.getDHCPScope(ref), MicetroNotFoundError);
    });

    it('refuses an invalid scope with a message that says what to fix', async () => {
      const client = makeClient();
      const [server] = await client.getDHCPServers();
      await assert.rejects(
        addTestScope(client, { name: '10.250.2.0/24', dhcpServerRef: server.ref, addressPool: { from: '10.250.3.1', to: '10.250.2.9' } }),
        (error: unknown) => error instanceof MicetroValidationError && /address pool 10\.250\.3\.1-10\.250\.2\.9 ends before it starts/.test(error.message),
      );
    });
  });

  describe('failover commands through the command bridge', () => {
    it('runs a relationship through its whole life', async () => {
      const client = makeClient();
      const [primary, secondary] = await freePair(client);
      const name = 'Client test relationship';

      await client.addDHCPFailoverRelationship(newRelationship(primary, secondary, name));
      const created = await client.getDHCPFailoverRelationship(primary.ref, name);
      assert.equal(created.state, 'Empty');
      assert.equal(created.failoverServerType, 'PrimaryServer');
      assert.equal(created.percentage, 60);
      assert.equal(created.sharedSecret, '', 'the secret is never read back');
      assert.ok((await client.getDHCPFailoverRelationships(primary.ref)).some((relationship) => relationship.name === name));

      const scopeRef = await addTestScope(client, { name: '10.251.0.0/24', dhcpServerRef: primary.ref, addressPool: { from: '10.251.0.10', to: '10.251.0.99' } });
      await client.addScopesToFailoverRelationship(primary.ref, name, [scopeRef]);
      // The new relationship synchronises (Startup → Recover → … → Normal) before it takes more changes.
      await client.command('SimAdvanceClock', { seconds: 60 });
      assert.equal((await client.getDHCPFailoverRelationship(primary.ref, name)).state, 'Normal');
      const fromSecondary = await client.getDHCPFailoverRelationship(secondary.ref, name);
      assert.equal(fromSecondary.failoverServerType, 'SecondaryServer');
      assert.equal(fromSecondary.dhcpScopeRefs.length, 1);
      const partnerScope = await client.getDHCPScope(fromSecondary.dhcpScopeRefs[0]);
      assert.equal(partnerScope.name, '10.251.0.0/24');
      assert.equal(partnerScope.dhcpServerRef, secondary.ref);

      await client.modifyDHCPFailoverRelationship({ ...created, percentage: 70, sharedSecret: undefined });
      assert.equal((await client.getDHCPFailoverRelationship(primary.ref, name)).percentage, 70);

      await client.replicateFailover({ dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: name });
      await client.replicateFailover({ dhcpServerRef: primary.ref, dhcpScopeRef: scopeRef });

      await client.removeScopesFromFailoverRelationship(primary.ref, name, [scopeRef], 'Delete');
      await assert.rejects(client.getDHCPScope(partnerScope.ref), MicetroNotFoundError);
      assert.equal((await client.getDHCPFailoverRelationship(primary.ref, name)).state, 'Empty');

      await client.removeDHCPFailoverRelationships([{ dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: name }]);
      await assert.rejects(client.getDHCPFailoverRelationship(primary.ref, name), MicetroError);
      assert.equal((await client.getDHCPScope(scopeRef)).name, '10.251.0.0/24', 'the primary keeps its scope');
    });

    it('reports Windows rule failures with the error name and number', async () => {
      const client = makeClient();
      const [primary, secondary] = await freePair(client);
      await client.addDHCPFailoverRelationship(newRelationship(primary, secondary, 'Twice'));
      await assert.rejects(client.addDHCPFailoverRelationship(newRelationship(primary, secondary, 'Twice')), (error: unknown) => {
        assert.ok(error instanceof MicetroValidationError);
        assert.match(error.message, /ERROR_DHCP_FO_RELATIONSHIP_EXISTS \(20114\)/);
        assert.equal(typeof error.code, 'number');
        assert.equal(error.status, 400);
        return true;
      });
      await assert.rejects(client.getDHCPFailoverRelationship(primary.ref, 'No such relationship'), /20115/);
    });

    it('rejects unknown commands and the documented misspellings', async () => {
      const client = makeClient();
      for (const name of ['AdsdDHCPScopesFromDHCPFailoverRelationship', 'RemoveDHCPFailoverRelationship', 'NoSuchCommand']) {
        await assert.rejects(client.command(name, {}), (error: unknown) => error instanceof MicetroError && error.message.includes(name));
      }
    });

    it('answers the same over the REST command bridge and JSON-RPC', async () => {
      const client = makeClient();
      const [server] = await client.getDHCPServers();
      const rest = await client.getDHCPFailoverRelationships(server.ref);
      const auth = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
      const rpc = await fetch(`${sim.url}/mmws/json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: auth },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'GetDHCPFailoverRelationships', params: { dhcpServerRef: server.ref }, id: 7 }),
      });
      assert.equal(rpc.status, 200);
      const body = (await rpc.json()) as { result: { dhcpFailoverRelationships: unknown[] }; id: number };
      assert.equal(body.id, 7);
      assert.deepEqual(body.result.dhcpFailoverRelationships, rest);

      const failure = await fetch(`${sim.url}/mmws/json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: auth },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'GetDHCPFailoverRelationship', params: { dhcpServerRef: server.ref, dhcpFailoverRelationshipName: 'none' } }),
      });
      assert.equal(failure.status, 200, 'JSON-RPC errors come back as HTTP 200');
      const error = (await failure.json()) as { error: { code: number; message: string }; id: null };
      assert.equal(error.id, null);
      await assert.rejects(client.getDHCPFailoverRelationship(server.ref, 'none'), (restError: unknown) => {
        assert.ok(restError instanceof MicetroError);
        assert.equal(restError.message, error.error.message);
        assert.equal(restError.code, error.error.code);
        return true;
      });
    });
  });

  describe('each documented error through the client', () => {
    const code = (expected: number, kind: typeof MicetroError) => (error: unknown) => {
      assert.ok(error instanceof kind, `${String(error)} is a ${kind.name}`);
      assert.equal(error.code, expected, error.message);
      return true;
    };

    it('answers every Windows rule and Micetro lookup failure with its code, name and a typed error', async function () {
      this.timeout(20000);
      const client = makeClient();
      const servers = await client.getDHCPServers();
      const byName = (short: string) => servers.find((server) => server.name.startsWith(short))!;
      const [lon1, nyc1, sin1, sin2] = [byName('dhcp-lon-01'), byName('dhcp-nyc-01'), byName('dhcp-sin-01'), byName('dhcp-sin-02')];
      await client.addDHCPFailoverRelationship(newRelationship(lon1, nyc1, 'errors'));

      // 20113: a scope that is already in another relationship.
      const [taken] = (await client.getDHCPFailoverRelationships(lon1.ref)).find((relationship) => relationship.dhcpScopeRefs.length > 0)!.dhcpScopeRefs;
      await assert.rejects(client.addScopesToFailoverRelationship(lon1.ref, 'errors', [taken]), code(20113, MicetroValidationError));
      // 20005: a scope that is not on the server the command names.
      const elsewhere = (await client.getDHCPScopes({ filter: `dhcpServerRef=${sin2.ref}` }))[0];
      await assert.rejects(client.addScopesToFailoverRelationship(lon1.ref, 'errors', [elsewhere.ref]), code(20005, MicetroValidationError));
      // 20116: removing a scope that is not in the relationship.
      const free = (await client.getDHCPScopes({ filter: `dhcpServerRef=${lon1.ref}` })).find((scope) => scope.name === '10.20.30.0/24')!;
      await assert.rejects(client.removeScopesFromFailoverRelationship(lon1.ref, 'errors', [free.ref]), code(20116, MicetroValidationError));
      // 20133: a second scope while the new relationship is still synchronising.
      await client.addScopesToFailoverRelationship(lon1.ref, 'errors', [free.ref]);
      const second = await addTestScope(client, { name: '10.253.0.0/24', dhcpServerRef: lon1.ref });
      await assert.rejects(client.addScopesToFailoverRelationship(lon1.ref, 'errors', [second]), code(20133, MicetroValidationError));
      // 20120: adding to a relationship whose link is cut (CommunicationInterrupted).
      const cut = await addTestScope(client, { name: '10.254.0.0/24', dhcpServerRef: sin1.ref });
      await assert.rejects(client.addScopesToFailoverRelationship(sin1.ref, 'sin-standby', [cut]), code(20120, MicetroValidationError));
      // 20115: a relationship that does not exist.
      await assert.rejects(client.modifyDHCPFailoverRelationship({ ...newRelationship(lon1, nyc1, 'missing') }), code(20115, MicetroNotFoundError));
      // 2049 and 16544: Micetro's object and resource not found.
      await assert.rejects(client.getDHCPScope('DHCPScopes/999999'), code(2049, MicetroNotFoundError));
      await assert.rejects(client.getDHCPServer('NoSuchResource/1'), code(16544, MicetroNotFoundError));
    });

    it('refuses the 32nd relationship of a server with ERROR_DHCP_FO_MAX_RELATIONSHIPS (20128)', async function () {
      this.timeout(20000);
      const client = makeClient();
      const [primary, secondary] = await freePair(client);
      const existing = (await client.getDHCPFailoverRelationships(primary.ref)).length;
      for (let index = existing; index < MAX_RELATIONSHIPS_PER_SERVER; index++) {
        await client.addDHCPFailoverRelationship(newRelationship(primary, secondary, `fill-${index}`));
      }
      await assert.rejects(client.addDHCPFailoverRelationship(newRelationship(primary, secondary, 'one too many')), (error: unknown) => {
        assert.ok(error instanceof MicetroValidationError);
        assert.equal(error.code, 20128);
        assert.match(error.message, /ERROR_DHCP_FO_MAX_RELATIONSHIPS \(20128\)/);
        return true;
      });
    });
  });

  describe('authentication', () => {
    it('rejects a wrong password with Micetro code 16394 and never retries it', async () => {
      const client = makeClient({ password: 'wrong' });
      await assert.rejects(client.getDHCPServers(), (error: unknown) => {
        assert.ok(error instanceof MicetroAuthError);
        assert.equal(error.code, 16394);
        assert.equal(error.message, 'Invalid username or password.');
        return true;
      });
      assert.equal(sim.requestCount(), 1);
    });

    const expireSessions = () => makeClient().command('SimExpireSessions');

    it('logs in once through POST micetro/sessions and sends the session as Bearer, logging in again once when it expires', async () => {
      const client = makeClient({ authMode: 'session' });
      await client.getDHCPServers();
      await client.getDHCPFailoverRelationships();
      assert.equal(sim.requestsByOperation()['POST micetro/sessions'], 1);
      await expireSessions();
      await client.getDHCPServers();
      assert.equal(sim.requestsByOperation()['POST micetro/sessions'], 2);
      assert.equal(sim.requestsByOperation()['command Login'], undefined, 'the Login command is not needed');
      // The expired session is an auth error, but not a refused password: the client renewed it.
      const expired = calls.find((call) => call.error?.code === 5002);
      assert.ok(expired?.error instanceof MicetroAuthError);
      assert.ok(!(expired.error instanceof MicetroPasswordRejectedError));
      await client.logout();
    });

    it('falls back to command/Login when micetro/sessions answers 404, and keeps using it', async () => {
      await sim.close();
      sim = await startSimulator({ seed: 'demo', password: PASSWORD, sessionsEndpoint: false });
      const client = makeClient({ authMode: 'session' });
      await client.testConnection();
      await expireSessions();
      await client.getDHCPServers();
      assert.equal(sim.requestsByOperation()['command Login'], 2);
      const tried = calls.filter((call) => call.operation === 'POST micetro/sessions');
      assert.equal(tried.length, 1, 'micetro/sessions is tried once for the client\'s life');
      assert.ok(tried[0].error instanceof MicetroNotFoundError);
    });

    it('works in session mode against a Micetro that refuses HTTP Basic', async () => {
      await sim.close();
      sim = await startSimulator({ seed: 'demo', password: PASSWORD, basicAuth: false });
      const client = makeClient({ authMode: 'session' });
      assert.ok((await client.getDHCPServers()).length > 0);
      assert.ok(calls.every((call) => call.outcome === 'ok'));
    });

    for (const sessionsEndpoint of [true, false]) {
      it(`tries a rejected session login exactly once (${sessionsEndpoint ? 'micetro/sessions' : 'command/Login'})`, async () => {
        await sim.close();
        sim = await startSimulator({ seed: 'demo', password: PASSWORD, sessionsEndpoint });
        const client = makeClient({ authMode: 'session', password: 'wrong' });
        await assert.rejects(client.getDHCPServers(), (error: unknown) => error instanceof MicetroPasswordRejectedError && error.code === 16394);
        assert.equal(sim.requestCount(), 1, 'one login, never retried');
        assert.equal(calls.filter((call) => call.error instanceof MicetroPasswordRejectedError).length, 1);
      });
    }

    it('answers a request without credentials with 401 and code 5002', async () => {
      const response = await fetch(`${sim.url}/mmws/api/DHCPServers`);
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { error: { code: 5002, message: 'Missing Session ID.' } });
    });

    it('keeps passwords and shared secrets out of errors and log records', async () => {
      const client = makeClient();
      const [primary] = await client.getDHCPServers();
      await assert.rejects(client.addDHCPFailoverRelationship(newRelationship(primary, primary, 'Same server')), (error: unknown) => {
        const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
        assert.ok(!text.includes(SECRET) && !text.includes(PASSWORD));
        return true;
      });
      await assert.rejects(makeClient({ password: `${PASSWORD}-wrong` }).getDHCPServers(), (error: unknown) => {
        assert.ok(!`${String(error)} ${JSON.stringify(error)}`.includes(PASSWORD));
        return true;
      });
      const logged = JSON.stringify(calls);
      assert.ok(!logged.includes(SECRET) && !logged.includes(PASSWORD));
      assert.ok(calls.length >= 2);
    });

    it('renews an expired session silently: the next read succeeds and no record refuses the password', async () => {
      const client = makeClient({ authMode: 'session' });
      await client.testConnection();
      await expireSessions();
      assert.ok((await client.getDHCPServers()).length > 0);
      assert.ok(!calls.some((call) => call.error instanceof MicetroPasswordRejectedError), 'nothing tells the connection to forget the password');
      assert.equal(sim.requestsByOperation()['POST micetro/sessions'], 2);
    });

    it('uses a session when Micetro refuses HTTP Basic without refusing the password, and says so once', async () => {
      await sim.close();
      sim = await startSimulator({ seed: 'demo', password: PASSWORD, basicAuth: false });
      const changes: string[] = [];
      const client = makeClient({ onApiChange: (change, api) => changes.push(`${change}: ${api.authentication}`) });
      await client.testConnection();
      // Listings read pages in parallel: the one login is shared.
      await Promise.all([client.getDHCPServers(), client.getDHCPScopes(), client.getDHCPFailoverRelationships()]);
      assert.deepEqual(changes, ['basicRefused: session']);
      assert.deepEqual(client.apiInUse, { generation: 'REST v1', commands: 'bridge', authentication: 'session', basicRefused: true });
      assert.equal(sim.requestsByOperation()['POST micetro/sessions'], 1);
      const refused = calls.filter((call) => call.status === 401);
      assert.equal(refused.length, 1, 'Basic was tried once');
      assert.ok(refused[0].error instanceof MicetroAuthError && !(refused[0].error instanceof MicetroPasswordRejectedError));
    });

    it('refuses the password when Basic is off and the session login fails too (16394), trying it only those two times', async () => {
      await sim.close();
      sim = await startSimulator({ seed: 'demo', password: PASSWORD, basicAuth: false });
      const client = makeClient({ password: 'wrong' });
      await assert.rejects(client.testConnection(), (error: unknown) => error instanceof MicetroPasswordRejectedError && error.code === 16394);
      assert.equal(sim.requestCount(), 2, 'the refused Basic request and one login, never retried');
      assert.deepEqual(
        calls.map((call) => `${call.operation} ${call.status}`),
        ['GET DHCPServers 401', 'POST micetro/sessions 401'],
      );
    });

    it('sends request bodies as UTF-8 and says so, and the Logout body holds no session', async () => {
      const seen: { path: string; type?: string; body: string; authorization?: string }[] = [];
      const recorder = createHttpServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          seen.push({ path: request.url ?? '', type: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8'), authorization: request.headers.authorization });
          response.writeHead(request.url?.endsWith('sessions') ? 201 : 200, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify({ result: request.url?.endsWith('sessions') ? { session: 'S3ssion' } : {} }));
        });
      });
      const address = await listen(recorder);
      try {
        const client = new MicetroClient({ baseUrl: `http://${address}`, username: 'admin', password: 'pässwörd', authMode: 'session' });
        await client.command('AddDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'Zürich–Genève' } });
        await client.logout();
        assert.deepEqual(
          seen.map((request) => request.type),
          ['application/json; charset=utf-8', 'application/json; charset=utf-8', 'application/json; charset=utf-8'],
        );
        assert.deepEqual(JSON.parse(seen[0].body), { loginName: 'admin', password: 'pässwörd' });
        assert.deepEqual(JSON.parse(seen[1].body), { dhcpFailoverRelationship: { name: 'Zürich–Genève' } });
        assert.equal(seen[2].path, '/mmws/api/command/Logout');
        assert.equal(seen[2].authorization, 'Bearer S3ssion');
        assert.deepEqual(JSON.parse(seen[2].body), {}, 'the session goes in the header only');
      } finally {
        await closeServer(recorder);
      }
    });
  });
});

describe('MicetroClient transport faults', () => {
  it('retries reads (not writes) on a refused connection and says what failed', async () => {
    const probe = createHttpServer();
    const address = await listen(probe);
    await closeServer(probe);
    const calls: ApiCallRecord[] = [];
    const client = new MicetroClient({
      baseUrl: `http://${address}`,
      username: 'admin',
      password: PASSWORD,
      retryDelaysMs: [1, 1],
      log: (call) => calls.push(call),
    });
    await assert.rejects(client.getDHCPServers(), (error: unknown) => {
      assert.ok(error instanceof MicetroNetworkError);
      assert.match(error.message, /refused/);
      assert.ok(!error.message.includes(PASSWORD));
      return true;
    });
    assert.equal(calls.length, 3, 'a read is tried three times');
    calls.length = 0;
    await assert.rejects(client.removeDHCPScope('DHCPScopes/1'), MicetroNetworkError);
    assert.equal(calls.length, 1, 'a write is never retried');
  });

  it('pages by what the server returns when it caps pages below the limit asked for', async () => {
    const all = Array.from({ length: 2500 }, (_, index) => scope(`10.${index >> 8}.${index & 255}.0/24`, { ref: `DHCPScopes/${index + 1}` }));
    const capped = createHttpServer((request, response) => {
      const query = new URL(request.url!, 'http://x').searchParams;
      const offset = Number(query.get('offset'));
      const limit = Math.min(Number(query.get('limit')), 500);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ result: { dhcpScopes: all.slice(offset, offset + limit), totalResults: all.length } }));
    });
    const address = await listen(capped);
    try {
      const scopes = await new MicetroClient({ baseUrl: `http://${address}`, username: 'admin', password: PASSWORD }).getDHCPScopes();
      assert.deepEqual(
        scopes.map((scope) => scope.ref),
        all.map((scope) => scope.ref),
      );
    } finally {
      await closeServer(capped);
    }
  });

  it('gives up after the request timeout', async () => {
    const silent = createHttpServer(() => undefined);
    const address = await listen(silent);
    try {
      const client = new MicetroClient({ baseUrl: `http://${address}`, username: 'admin', password: PASSWORD, timeoutMs: 300 });
      const started = Date.now();
      await assert.rejects(client.addScopesToFailoverRelationship('DHCPServers/1', 'x', ['DHCPScopes/1']), MicetroTimeoutError);
      assert.ok(Date.now() - started < 2000);
    } finally {
      await closeServer(silent);
    }
  });

  it('keeps TLS verification on and trusts an internal CA file', async function () {
    this.timeout(20000);
    const folder = mkdtempSync(join(tmpdir(), 'micetro-tls-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'),
      ], { stdio: 'ignore' });
      const cert = readFileSync(join(folder, 'cert.pem'), 'utf8');
      const server = createHttpsServer({ key: readFileSync(join(folder, 'key.pem')), cert }, (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ result: { dhcpServers: [], totalResults: 0 } }));
      });
      const address = await listen(server);
      try {
        const untrusting = new MicetroClient({ baseUrl: `https://${address}`, username: 'admin', password: PASSWORD });
        await assert.rejects(untrusting.getDHCPServers(), (error: unknown) => error instanceof MicetroNetworkError && /not trusted/.test(error.message));
        const trusting = new MicetroClient({ baseUrl: `https://${address}`, username: 'admin', password: PASSWORD, ca: [cert] });
        assert.deepEqual(await trusting.getDHCPServers(), []);
      } finally {
        await closeServer(server);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
