// The simulator's HTTP transports as a raw client sees them: envelopes, status codes, refs, sessions, JSON-RPC.
import { strict as assert } from 'node:assert';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';

const PASSWORD = 'http-pw';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

interface Ref {
  ref: string;
}
/** A Micetro answer as the tests read it: `result` (shaped by the request) on success, `error` otherwise. */
interface Answer<Result> {
  result: Result;
  error: { code: number; message: string };
  id?: unknown;
}
interface ServerPage {
  dhcpServers: Ref[];
  totalResults: number;
}

/** The status and the JSON body (undefined when empty) of a response. */
async function answer<Result>(response: Response): Promise<{ status: number; body: Answer<Result> }> {
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Answer<Result> };
}

describe('simulator HTTP transports', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ seed: 'demo', password: PASSWORD });
  });
  after(async () => {
    await sim.close();
  });

  const get = async <Result = unknown>(path: string, authorization = BASIC) =>
    answer<Result>(await fetch(`${sim.url}${path}`, { headers: { Authorization: authorization } }));
  const post = async <Result = unknown>(path: string, body: unknown, authorization: string | undefined = BASIC) =>
    answer<Result>(
      await fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );

  it('wraps lists in result with totalResults inside it', async () => {
    const { status, body } = await get<ServerPage>('/mmws/api/DHCPServers?limit=2');
    assert.equal(status, 200);
    assert.equal(body.result.dhcpServers.length, 2);
    assert.ok(body.result.totalResults >= 6);
  });

  it('treats collection names case-insensitively and accepts a full ref after the collection', async () => {
    const { body } = await get<ServerPage>('/mmws/api/dhcpservers?limit=1');
    const ref: string = body.result.dhcpServers[0].ref;
    const direct = await get<{ dhcpServer: Ref }>(`/mmws/api/${ref}`);
    const doubled = await get(`/mmws/api/DHCPServers/${ref}`);
    assert.equal(direct.status, 200);
    assert.deepEqual(direct.body, doubled.body);
    assert.equal(direct.body.result.dhcpServer.ref, ref);
  });

  it('does not decode + as a space in the query string, as Micetro does not', async () => {
    const { body } = await get<ServerPage>('/mmws/api/DHCPServers?limit=1');
    const ref: string = body.result.dhcpServers[0].ref;
    const encoded = await get<{ totalResults: number }>(`/mmws/api/DHCPScopes?filter=${encodeURIComponent(`dhcpServerRef=${ref} AND enabled=true`)}`);
    assert.equal(encoded.status, 200);
    assert.ok(encoded.body.result.totalResults > 0);
    const plussed = await get<{ totalResults: number }>(`/mmws/api/DHCPScopes?filter=dhcpServerRef=${ref}+AND+enabled=true`);
    assert.ok(plussed.status >= 400 || plussed.body.result.totalResults === 0, 'a + is not a space');
  });

  it('answers unknown resources and refs with 404 and Micetro error envelopes', async () => {
    const unknown = await get('/mmws/api/NoSuchThings');
    assert.equal(unknown.status, 404);
    assert.equal(typeof unknown.body.error.code, 'number');
    assert.equal(typeof unknown.body.error.message, 'string');
    const missing = await get('/mmws/api/DHCPScopes/999999');
    assert.equal(missing.status, 404);
    assert.ok([2049, 16544].includes(missing.body.error.code));
  });

  it('answers a body that is not JSON with 400, without echoing the body (it may hold a password)', async () => {
    const { status, body } = await post('/mmws/api/command/GetDHCPFailoverRelationships', '{not json');
    assert.equal(status, 400);
    assert.match(body.error.message, /not valid JSON/);
    const login = await post('/mmws/api/command/Login', '{"loginName":"admin","password":hunter2-secret}', undefined);
    assert.equal(login.status, 400);
    assert.ok(!JSON.stringify(login.body).includes('hunter2'), JSON.stringify(login.body));
    const rpc = await post('/mmws/json', '{"jsonrpc":"2.0","method":"Login","params":{"password":hunter2-secret}}', undefined);
    assert.ok(!JSON.stringify(rpc.body).includes('hunter2'), JSON.stringify(rpc.body));
  });

  it('answers a path that is not valid percent-encoding with 400', async () => {
    const { status, body } = await get('/mmws/api/DHCPScopes/%E0%A4%A');
    assert.equal(status, 400);
    assert.match(body.error.message, /percent-encoding/);
  });

  it('takes command params from the query string of a GET', async () => {
    const { body } = await get<ServerPage>('/mmws/api/DHCPServers?limit=1');
    const ref: string = body.result.dhcpServers[0].ref;
    const viaQuery = await get(`/mmws/api/command/GetDHCPFailoverRelationships?dhcpServerRef=${encodeURIComponent(ref)}`);
    const viaBody = await post('/mmws/api/command/GetDHCPFailoverRelationships', { dhcpServerRef: ref });
    assert.equal(viaQuery.status, 200);
    assert.deepEqual(viaQuery.body, viaBody.body);
  });

  it('logs in over JSON-RPC, accepts the session as a parameter and as Bearer, and logs out', async () => {
    const login = await post<{ session: string }>('/mmws/json', { jsonrpc: '2.0', method: 'Login', params: { loginName: 'admin', password: PASSWORD, server: 'localhost' } }, undefined);
    assert.equal(login.status, 200);
    const session: string = login.body.result.session;
    assert.equal(session.length, 20);
    assert.equal(login.body.id, null);

    const withParam = await post<{ dhcpFailoverRelationships: unknown }>('/mmws/json', { jsonrpc: '2.0', method: 'GetDHCPFailoverRelationships', params: { session }, id: 1 }, undefined);
    assert.ok(Array.isArray(withParam.body.result.dhcpFailoverRelationships));
    const withBearer = await get('/mmws/api/DHCPServers?limit=1', `Bearer ${session}`);
    assert.equal(withBearer.status, 200);

    const logout = await post('/mmws/json', { jsonrpc: '2.0', method: 'Logout', params: { session } }, undefined);
    assert.equal(logout.body.result, '');
    const after = await get('/mmws/api/DHCPServers?limit=1', `Bearer ${session}`);
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 5002);
  });

  it('answers a bad login with code 16394 over both transports', async () => {
    const rpc = await post('/mmws/json', { jsonrpc: '2.0', method: 'Login', params: { loginName: 'admin', password: 'nope' } }, undefined);
    assert.equal(rpc.status, 200);
    assert.deepEqual(rpc.body, { jsonrpc: '2.0', error: { code: 16394, message: 'Invalid username or password.' }, id: null });
    const rest = await post('/mmws/api/command/Login', { loginName: 'admin', password: 'nope' }, undefined);
    assert.equal(rest.status, 401);
    assert.deepEqual(rest.body, { error: { code: 16394, message: 'Invalid username or password.' } });
  });

  it('hands out a session at POST micetro/sessions (201), which works as Bearer until it expires', async () => {
    const created = await post<{ session: string }>('/mmws/api/micetro/sessions', { loginName: 'ADMIN', password: PASSWORD }, undefined);
    assert.equal(created.status, 201);
    const session = created.body.result.session;
    assert.match(session, /^[A-Za-z0-9]{20}$/);
    assert.equal((await get('/mmws/api/DHCPServers?limit=1', `Bearer ${session}`)).status, 200);

    const wrong = await post('/mmws/api/micetro/sessions', { loginName: 'admin', password: 'nope' }, undefined);
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { error: { code: 16394, message: 'Invalid username or password.' } });
    assert.equal((await get('/mmws/api/micetro/sessions')).status, 405);

    const unknown = await get('/mmws/api/DHCPServers?limit=1', 'Bearer notasessionnotasession');
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.code, 5002);
    await post('/mmws/api/command/SimExpireSessions', {});
    const expired = await get('/mmws/api/DHCPServers?limit=1', `Bearer ${session}`);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 5002);
  });

  it('creates with 201 and a ref, deletes with 204', async () => {
    const { body } = await get<ServerPage>('/mmws/api/DHCPServers?limit=1');
    const server = body.result.dhcpServers[0].ref;
    const range = await post<Ref>('/mmws/api/Ranges', { range: { name: '10.252.0.0/24' }, saveComment: 'test' });
    assert.equal(range.status, 201);
    assert.match(range.body.result.ref, /^Ranges\/\d+$/);
    const created = await post<Ref>('/mmws/api/DHCPScopes', { dhcpScope: { name: '10.252.0.0/24', rangeRef: range.body.result.ref, dhcpServerRef: server }, saveComment: 'test' });
    assert.equal(created.status, 201);
    const ref: string = created.body.result.ref;
    const byName = await get<{ dhcpScope: Ref }>(`/mmws/api/DHCPScopes/10.252.0.0/24`);
    assert.equal(byName.body.result.dhcpScope.ref, ref);
    const deleted = await fetch(`${sim.url}/mmws/api/${ref}`, { method: 'DELETE', headers: { Authorization: BASIC } });
    assert.equal(deleted.status, 204);
    assert.equal((await deleted.text()).length, 0);
  });

  it('counts requests by operation for the benchmark', async () => {
    sim.resetStats();
    await get('/mmws/api/DHCPServers');
    await post('/mmws/api/command/GetDHCPFailoverRelationships', {});
    assert.equal(sim.requestCount(), 2);
    assert.deepEqual(sim.requestsByOperation(), { 'GET DHCPServers': 1, 'command GetDHCPFailoverRelationships': 1 });
    const stats = await post<{ requests: number }>('/mmws/api/command/SimGetStats', {});
    assert.equal(stats.body.result.requests, 3);
  });
});

describe('REST command bridge and JSON-RPC give the same answers', () => {
  it('for a whole sequence of reads, changes and errors, run side by side on two identical simulators', async function () {
    this.timeout(20000);
    const [rest, rpc] = await Promise.all([startSimulator({ seed: 'demo', password: PASSWORD }), startSimulator({ seed: 'demo', password: PASSWORD })]);
    try {
      const lon = 'DHCPServers/dhcp-lon-01.corp.example';
      const relationship = {
        name: 'lon-nyc', primaryServer: 'dhcp-lon-01.corp.example', secondaryServer: 'dhcp-nyc-01.corp.example', failoverMode: 'LoadBalance',
        failoverServerType: 'PrimaryServer', mclt: 3600, safePeriod: 0, percentage: 50, dhcpScopeRefs: [], sharedSecret: 'x',
      };
      const steps: Array<[string, Record<string, unknown>]> = [
        ['GetDHCPFailoverRelationships', {}],
        ['GetDHCPFailoverRelationships', { dhcpServerRef: lon }],
        ['GetDHCPFailoverRelationship', { dhcpServerRef: lon, dhcpFailoverRelationshipName: 'rvk-lon-office' }],
        ['AddDHCPFailoverRelationship', { dhcpFailoverRelationship: relationship }],
        ['AddDHCPFailoverRelationship', { dhcpFailoverRelationship: relationship }],
        ['AddDHCPScopesToDHCPFailoverRelationship', { dhcpServerRef: lon, dhcpFailoverRelationshipName: 'lon-nyc', dhcpScopeRefs: ['DHCPScopes/10.20.30.0/24'] }],
        ['SimAdvanceClock', { seconds: 60 }],
        ['ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { ...relationship, percentage: 70, sharedSecret: undefined } }],
        ['ReplicateDHCPFailover', { dhcpServerRef: lon, dhcpFailoverRelationshipName: 'lon-nyc' }],
        ['GetDHCPFailoverRelationship', { dhcpServerRef: lon, dhcpFailoverRelationshipName: 'lon-nyc' }],
        ['RemoveDHCPScopesFromDHCPFailoverRelationship', { dhcpServerRef: lon, dhcpFailoverRelationshipName: 'lon-nyc', dhcpScopeRefs: ['DHCPScopes/10.20.30.0/24'], dhcpFailoverRelationshipDeconfigureAction: 'Disable' }],
        ['RemoveDHCPFailoverRelationships', { dhcpRefAndFailoverRelationshipNames: [{ dhcpServerRef: lon, dhcpFailoverRelationshipName: 'lon-nyc' }] }],
        ['GetDHCPFailoverRelationship', { dhcpServerRef: lon, dhcpFailoverRelationshipName: 'lon-nyc' }],
        ['GetDHCPFailoverRelationships', { dhcpServerRef: 'DHCPServers/999' }],
        ['AdsdDHCPScopesFromDHCPFailoverRelationship', {}],
      ];
      let errors = 0;
      for (const [method, params] of steps) {
        const viaRest = await fetch(`${rest.url}/mmws/api/command/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: BASIC },
          body: JSON.stringify(params),
        });
        const restBody = (await viaRest.json()) as { result?: unknown; error?: unknown };
        const viaRpc = await fetch(`${rpc.url}/mmws/json`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: BASIC },
          body: JSON.stringify({ jsonrpc: '2.0', method, params, id: method }),
        });
        assert.equal(viaRpc.status, 200, 'JSON-RPC always answers 200');
        const rpcBody = (await viaRpc.json()) as { result?: unknown; error?: unknown; id: unknown };
        assert.equal(rpcBody.id, method);
        assert.equal(viaRest.ok, rpcBody.error === undefined, `${method}: both succeed or both fail`);
        if (rpcBody.error) {
          errors++;
          assert.deepEqual(restBody.error, rpcBody.error, method);
          assert.ok(viaRest.status >= 400);
        } else if (!method.startsWith('Sim')) {
          assert.deepEqual(restBody.result, rpcBody.result, method);
        }
      }
      assert.equal(errors, 4, 'the duplicate, the removed relationship, the unknown server and the misspelled command fail');
    } finally {
      await Promise.all([rest.close(), rpc.close()]);
    }
  });
});

describe('simulator options for authentication', () => {
  let sim: RunningSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  const request = async <Result = unknown>(path: string, init: { body?: unknown; authorization?: string } = {}) =>
    answer<Result>(
      await fetch(`${sim!.url}${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: { 'Content-Type': 'application/json', ...(init.authorization ? { Authorization: init.authorization } : {}) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    );

  it('with basicAuth: false refuses HTTP Basic (401, code 5002, saying so) and keeps sessions working', async () => {
    sim = await startSimulator({ seed: 'demo', password: PASSWORD, basicAuth: false });
    for (const authorization of [BASIC, `Basic ${Buffer.from('admin:wrong').toString('base64')}`]) {
      const refused = await request('/mmws/api/DHCPServers?limit=1', { authorization });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error.code, 5002, 'the password is never checked, so it is not called wrong');
      assert.match(refused.body.error.message, /Basic authentication is not accepted/);
    }
    const command = await request('/mmws/api/command/GetDHCPFailoverRelationships', { body: {}, authorization: BASIC });
    assert.equal(command.status, 401);
    assert.match(command.body.error.message, /Basic authentication is not accepted/);

    const rest = await request<{ session: string }>('/mmws/api/micetro/sessions', { body: { loginName: 'admin', password: PASSWORD } });
    assert.equal(rest.status, 201);
    const login = await request<{ session: string }>('/mmws/api/command/Login', { body: { loginName: 'admin', password: PASSWORD } });
    assert.equal(login.status, 200);
    for (const session of [rest.body.result.session, login.body.result.session]) {
      assert.equal((await request('/mmws/api/DHCPServers?limit=1', { authorization: `Bearer ${session}` })).status, 200);
    }
    const rpc = await request<{ dhcpFailoverRelationships: unknown[] }>('/mmws/json', {
      body: { jsonrpc: '2.0', method: 'GetDHCPFailoverRelationships', params: { session: login.body.result.session }, id: 1 },
    });
    assert.ok(Array.isArray(rpc.body.result.dhcpFailoverRelationships));
  });

  it('with sessionsEndpoint: false answers micetro/sessions with 404, as a Micetro before 11.1, and Login still works', async () => {
    sim = await startSimulator({ seed: 'demo', password: PASSWORD, sessionsEndpoint: false });
    const missing = await request('/mmws/api/micetro/sessions', { body: { loginName: 'admin', password: PASSWORD } });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 16544);
    const login = await request<{ session: string }>('/mmws/api/command/Login', { body: { loginName: 'admin', password: PASSWORD } });
    assert.equal(login.status, 200);
    assert.equal((await request('/mmws/api/DHCPServers?limit=1', { authorization: `Bearer ${login.body.result.session}` })).status, 200);
  });
});
