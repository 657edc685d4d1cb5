// The simulator under abuse, as a raw HTTP client sees it: over-size bodies are answered (413 or the
// auth refusal) rather than reset, credentials are checked before a body is read, crafted regex filters
// are refused or cut short, and over-long fields are refused with the limit named and nothing stored.
import { strict as assert } from 'node:assert';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { SimulatorModel } from '../../src/simulator/model';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import { SimulatorError } from '../../src/simulator/simulatorError';
import { createScopeIn } from './fixtures/modelScopes';

const PASSWORD = 'limits-pw';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
const WRONG_BASIC = `Basic ${Buffer.from('admin:wrong').toString('base64')}`;
const MB = 1024 * 1024;

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: { error?: { code: number; message: string }; jsonrpc?: string; result?: unknown };
}

interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Bytes of body to send (JSON-ish filler); sent chunked unless `declareLength`. */
  bodyBytes: number;
  /** Send a Content-Length header for the whole body. */
  declareLength?: boolean;
  /** Send only the headers and wait for the answer (proves the server answers without reading a body). */
  headersOnly?: boolean;
}

/**
 * One request on its own connection. Resolves with the answer once it is complete; a connection error after
 * that (the server closing while we still write) is expected and ignored, one before it rejects.
 */
function raw(baseUrl: string, options: RawRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json', Connection: 'close', ...options.headers };
    if (options.declareLength || options.headersOnly) headers['Content-Length'] = options.bodyBytes;
    const req = httpRequest({ host: url.hostname, port: url.port, method: options.method ?? 'POST', path: options.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        answered = true;
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: (text ? JSON.parse(text) : {}) as RawAnswer['body'] });
        req.destroy();
      });
      res.on('error', (error) => answered || reject(error));
    });
    req.on('error', (error) => answered || reject(error));
    if (options.headersOnly) {
      req.flushHeaders();
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, 'a');
    chunk[0] = '"'.charCodeAt(0);
    let sent = 0;
    const write = () => {
      while (sent < options.bodyBytes && !answered && !req.destroyed) {
        const size = Math.min(chunk.length, options.bodyBytes - sent);
        sent += size;
        if (!req.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
          req.once('drain', write);
          return;
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    write();
  });
}

describe('simulator under abuse: request bodies', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ seed: 'demo', password: PASSWORD });
  });
  after(async () => {
    await sim.close();
  });

  let refusedWith413 = 0;
  after(() => console.log(`      over-size requests answered with 413: ${refusedWith413}`));
  const expect413 = (answer: RawAnswer, limit: RegExp) => {
    assert.equal(answer.status, 413, JSON.stringify(answer.body));
    assert.equal(answer.body.error?.code, 413);
    assert.match(answer.body.error?.message ?? '', limit);
    assert.equal(answer.headers.connection, 'close');
    refusedWith413++;
  };

  it('answers an authenticated body over 16 MB with 413 and the envelope, not a reset', async function () {
    this.timeout(30000);
    const streamed = await raw(sim.url, { path: '/mmws/api/command/GetDHCPFailoverRelationships', headers: { Authorization: BASIC }, bodyBytes: 16 * MB + 1 });
    expect413(streamed, /larger than 16 MB/);
    const declared = await raw(sim.url, { path: '/mmws/api/DHCPScopes', headers: { Authorization: BASIC }, bodyBytes: 47 * MB, declareLength: true });
    expect413(declared, /larger than 16 MB/);
    const rpc = await raw(sim.url, { path: '/mmws/json', headers: { Authorization: BASIC }, bodyBytes: 17 * MB });
    expect413(rpc, /larger than 16 MB/);
    assert.equal(rpc.body.jsonrpc, '2.0');
  });

  it('lets a request without credentials send at most 64 KB, and says to log in', async () => {
    const login = await raw(sim.url, { path: '/mmws/api/command/Login', bodyBytes: 64 * 1024 + 1 });
    expect413(login, /larger than 64 KB/);
    const sessions = await raw(sim.url, { path: '/mmws/api/micetro/sessions', bodyBytes: 64 * 1024 + 1 });
    expect413(sessions, /larger than 64 KB/);
    const command = await raw(sim.url, { path: '/mmws/api/command/GetDHCPFailoverRelationships', bodyBytes: MB });
    expect413(command, /64 KB.*without Basic or Bearer authorization.*log in/);
    const rpc = await raw(sim.url, { path: '/mmws/json', bodyBytes: MB });
    expect413(rpc, /64 KB/);
    // Below the limit a session in the body still works.
    const session = ((await (await fetch(`${sim.url}/mmws/api/command/Login`, { method: 'POST', body: JSON.stringify({ loginName: 'admin', password: PASSWORD }) })).json()) as { result: { session: string } }).result.session;
    const withSession = await fetch(`${sim.url}/mmws/json`, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method: 'GetDHCPFailoverRelationships', params: { session, padding: 'x'.repeat(60 * 1024) } }) });
    assert.ok(Array.isArray(((await withSession.json()) as { result: { dhcpFailoverRelationships: unknown[] } }).result.dhcpFailoverRelationships));
  });

  it('refuses a wrong password from the headers, before reading the body', async () => {
    // Only headers are sent: an answer at all proves the server did not wait for (or buffer) the 47 MB.
    const rest = await raw(sim.url, { path: '/mmws/api/DHCPScopes', headers: { Authorization: WRONG_BASIC }, bodyBytes: 47 * MB, headersOnly: true });
    assert.equal(rest.status, 401);
    assert.deepEqual(rest.body, { error: { code: 16394, message: 'Invalid username or password.' } });
    const command = await raw(sim.url, { path: '/mmws/api/command/AddDHCPFailoverRelationship', headers: { Authorization: 'Bearer not-a-session' }, bodyBytes: 47 * MB, headersOnly: true });
    assert.equal(command.status, 401);
    assert.equal(command.body.error?.code, 5002);
    // JSON-RPC names its method in the body: a wrong header may send 64 KB, then gets its own refusal.
    const rpc = await raw(sim.url, { path: '/mmws/json', headers: { Authorization: WRONG_BASIC }, bodyBytes: MB });
    assert.equal(rpc.status, 200);
    assert.equal(rpc.body.error?.code, 16394);
  });

  it('counts refused bodies by operation and keeps serving', async () => {
    sim.resetStats();
    expect413(await raw(sim.url, { path: '/mmws/api/command/GetDHCPFailoverRelationships', bodyBytes: MB }), /64 KB/);
    const servers = await fetch(`${sim.url}/mmws/api/DHCPServers?limit=1`, { headers: { Authorization: BASIC } });
    assert.equal(servers.status, 200);
    assert.deepEqual(sim.requestsByOperation(), { 'command GetDHCPFailoverRelationships (refused body)': 1, 'GET DHCPServers': 1 });
  });
});

describe('simulator under abuse: regex filters', () => {
  // 28 a's and a mismatch: the unbounded engine backtracks 2^28 times here, seconds of a blocked event loop.
  const victim = `${'a'.repeat(28)}!`;
  const model = SimulatorModel.fromSeed('demo');
  createScopeIn(model, { name: victim, rangeRef: 'Ranges/10.250.0.0/24', dhcpServerRef: 'DHCPServers/1' });

  /** The event loop is blocked for exactly as long as the synchronous list call runs. */
  const timed = (filter: string): { ms: number; outcome: number | SimulatorError } => {
    const started = performance.now();
    try {
      const outcome = model.listScopes({ filter }).totalResults;
      return { ms: performance.now() - started, outcome };
    } catch (error) {
      if (!(error instanceof SimulatorError)) throw error;
      return { ms: performance.now() - started, outcome: error };
    }
  };
  const bounds: string[] = [];
  after(() => console.log(`      crafted filters bounded: ${bounds.join('; ')}`));

  it('refuses a nested-quantifier pattern up front with a 400 naming the term, in about the time of a plain filter', () => {
    const plain = timed('name:^aaa');
    assert.equal(plain.outcome, 1);
    const crafted = timed('name:^(a+)+$');
    assert.ok(crafted.outcome instanceof SimulatorError, 'refused');
    assert.equal(crafted.outcome.status, 400);
    assert.match(crafted.outcome.message, /filter term "name:\^\(a\+\)\+\$".*exponential time/);
    // Generous bound (the unbounded run takes seconds); the plain filter is the yardstick in the same run.
    assert.ok(crafted.ms < plain.ms + 100, `crafted ${crafted.ms.toFixed(1)} ms vs plain ${plain.ms.toFixed(1)} ms`);
    bounds.push(`^(a+)+$ refused in ${crafted.ms.toFixed(1)} ms (plain filter ${plain.ms.toFixed(1)} ms)`);
  });

  it('stops a slow pattern no static check catches at the time limit, with a 400 that says to simplify it', () => {
    const crafted = timed('name:^(a|a)*$');
    assert.ok(crafted.outcome instanceof SimulatorError, 'refused');
    assert.equal(crafted.outcome.status, 400);
    assert.match(crafted.outcome.message, /took longer than 200 ms.*simpler regular expression/);
    assert.ok(crafted.ms < 1000, `${crafted.ms.toFixed(1)} ms`);
    bounds.push(`^(a|a)*$ stopped after ${crafted.ms.toFixed(1)} ms`);
    // The model is unharmed: the next filter works.
    assert.equal(timed('name:^a{28}!$').outcome, 1);
  });

  it('refuses regular expressions over 200 characters and filters over 2,000, saying which and the limit', () => {
    const long = timed(`description:${'x'.repeat(201)}`).outcome;
    assert.ok(long instanceof SimulatorError);
    assert.match(long.message, /regular expression in the filter term "description:x+" is 201 characters long; use at most 200/);
    const huge = timed(`name=${'x'.repeat(2001)}`).outcome;
    assert.ok(huge instanceof SimulatorError);
    assert.match(huge.message, /filter is 2006 characters long; use at most 2000/);
  });

  it('answers a crafted filter over HTTP with a 400 envelope', async () => {
    const sim = await startSimulator({ seed: 'demo', password: PASSWORD });
    try {
      const response = await fetch(`${sim.url}/mmws/api/DHCPScopes?filter=${encodeURIComponent('name:^(a+)+$')}`, { headers: { Authorization: BASIC } });
      assert.equal(response.status, 400);
      const body = (await response.json()) as RawAnswer['body'];
      assert.equal(body.error?.code, 87);
      assert.match(body.error?.message ?? '', /exponential time.*ERROR_INVALID_PARAMETER \(87\)/);
    } finally {
      await sim.close();
    }
  });
});

describe('simulator under abuse: field lengths', () => {
  const SERVER = 'DHCPServers/dhcp-lon-01.corp.example';
  let model: SimulatorModel;
  beforeEach(() => {
    model = SimulatorModel.fromSeed('demo');
  });

  /** Runs `write`, expects a 400 whose message matches `limit`, and that the model did not change at all. */
  /** The stored state; the clock runs on by itself, so it is left out. */
  const stored = () => JSON.stringify({ ...(model.toJSON() as object), clock: null });
  const refusedUnchanged = (write: () => unknown, limit: RegExp) => {
    const before = stored();
    assert.throws(write, (error: unknown) => error instanceof SimulatorError && error.status === 400 && limit.test(error.message));
    assert.ok(stored() === before, 'nothing stored');
  };
  const scopeRef = () => model.listScopes({ filter: `dhcpServerRef=${SERVER}`, limit: 1 }).dhcpScopes[0].ref;

  it('refuses a scope description just over 1,024 characters, naming the field and the limit', () => {
    refusedUnchanged(
      () => model.createScope({ name: '10.251.0.0/24', dhcpServerRef: SERVER, description: 'd'.repeat(1025) }),
      /Parameter description is 1025 characters long; at most 1024 are allowed/,
    );
    assert.ok(createScopeIn(model, { name: '10.251.0.0/24', dhcpServerRef: SERVER, description: 'd'.repeat(1024) }), 'the limit itself is fine');
  });

  it('refuses over-long scope, superscope and reservation names and descriptions', () => {
    refusedUnchanged(() => model.createScope({ name: 'n'.repeat(256), rangeRef: 'Ranges/10.251.0.0/24', dhcpServerRef: SERVER }), /scope name is 256 characters long; at most 255/);
    refusedUnchanged(() => model.createScope({ name: '10.251.0.0/24', dhcpServerRef: SERVER, superscope: 's'.repeat(256) }), /Parameter superscope is 256 characters long; at most 255/);
    const reservation = { name: 'printer', clientIdentifier: '00-15-5d-aa-bb-cc', addresses: ['10.10.40.250'] };
    const ref = model.listScopes({ filter: 'name=10.10.40.0/24', limit: 1 }).dhcpScopes[0].ref;
    refusedUnchanged(() => model.addReservation(ref, { ...reservation, name: 'r'.repeat(256) }), /Parameter name is 256 characters long; at most 255/);
    refusedUnchanged(() => model.addReservation(ref, { ...reservation, description: 'd'.repeat(1025) }), /Parameter description is 1025 characters long; at most 1024/);
    refusedUnchanged(() => model.addReservation(ref, { ...reservation, clientIdentifier: 'c'.repeat(1025) }), /Parameter clientIdentifier is 1025 characters long; at most 1024/);
    refusedUnchanged(() => model.addReservation(ref, { ...reservation, addresses: ['10.10.40.250', '10.10.40.251'] }), /exactly one IPv4 address/);
  });

  it('refuses over-long option values and more options than DHCP has codes', () => {
    const ref = scopeRef();
    refusedUnchanged(() => model.setScopeOptions(ref, [{ option: '6', value: 'v'.repeat(1025) }]), /Parameter dhcpOptions\[0\]\.value is 1025 characters long; at most 1024/);
    refusedUnchanged(() => model.setScopeOptions(ref, [{ option: 'o'.repeat(1025), value: '' }]), /dhcpOptions\[0\]\.option is 1025 characters long/);
    const many = Array.from({ length: 255 }, (_, i) => ({ option: String(i + 1), value: 'x' }));
    refusedUnchanged(() => model.setScopeOptions(ref, many), /255 entries.*at most 254/);
  });

  it('refuses an over-long shared secret without echoing it, and over-long server names and refs in any command', () => {
    const relationship = {
      name: 'lon-nyc', primaryServer: 'dhcp-lon-01.corp.example', secondaryServer: 'dhcp-nyc-01.corp.example', failoverMode: 'LoadBalance',
      mclt: 3600, safePeriod: 0, percentage: 50, dhcpScopeRefs: [],
    };
    const secret = `s3cr3t-${'x'.repeat(250)}`;
    refusedUnchanged(() => model.execute('AddDHCPFailoverRelationship', { dhcpFailoverRelationship: { ...relationship, sharedSecret: secret } }), /Parameter sharedSecret is 257 characters long; at most 255(?![\s\S]*s3cr3t)/);
    refusedUnchanged(() => model.execute('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'rvk-local', sharedSecret: secret } }), /sharedSecret is 257 characters long/);
    refusedUnchanged(() => model.execute('AddDHCPFailoverRelationship', { dhcpFailoverRelationship: { ...relationship, primaryServer: 'h'.repeat(1025) } }), /Parameter primaryServer is 1025 characters long; at most 1024/);
    refusedUnchanged(() => model.execute('GetDHCPFailoverRelationships', { dhcpServerRef: 'h'.repeat(2000) }), /Parameter dhcpServerRef is 2000 characters long/);
    refusedUnchanged(
      () => model.execute('AddDHCPScopesToDHCPFailoverRelationship', { dhcpServerRef: SERVER, dhcpFailoverRelationshipName: 'lon-sin-standby', dhcpScopeRefs: ['r'.repeat(1025)] }),
      /Parameter dhcpScopeRefs\[0\] is 1025 characters long/,
    );
  });

  it('over HTTP: a 47 MB description gets a 413, one just over the limit a 400 naming it, and neither is stored', async function () {
    this.timeout(30000);
    const sim = await startSimulator({ seed: 'demo', password: PASSWORD });
    try {
      const scopes = async () => ((await (await fetch(`${sim.url}/mmws/api/DHCPScopes`, { headers: { Authorization: BASIC } })).json()) as { result: { totalResults: number } }).result.totalResults;
      const before = await scopes();
      const huge = await fetch(`${sim.url}/mmws/api/DHCPScopes`, {
        method: 'POST',
        headers: { Authorization: BASIC, 'Content-Type': 'application/json' },
        body: JSON.stringify({ dhcpScope: { name: '10.251.0.0/24', dhcpServerRef: SERVER, description: 'd'.repeat(47 * MB) } }),
      });
      assert.equal(huge.status, 413);
      assert.match(((await huge.json()) as RawAnswer['body']).error?.message ?? '', /larger than 16 MB/);
      const over = await fetch(`${sim.url}/mmws/api/DHCPScopes`, {
        method: 'POST',
        headers: { Authorization: BASIC, 'Content-Type': 'application/json' },
        body: JSON.stringify({ dhcpScope: { name: '10.251.0.0/24', dhcpServerRef: SERVER, description: 'd'.repeat(1025) } }),
      });
      assert.equal(over.status, 400);
      assert.match(((await over.json()) as RawAnswer['body']).error?.message ?? '', /Parameter description is 1025 characters long; at most 1024 are allowed/);
      assert.equal(await scopes(), before);
    } finally {
      await sim.close();
    }
  });
});
