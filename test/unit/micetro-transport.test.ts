// The client's transport against hostile servers on loopback: answers that trickle or never end, a slow login,
// environments that try to loosen TLS or route loopback through a proxy, a recording proxy for the hosts that should
// use one and a proxy that refuses, and the keep-alive connections a disposed client closes.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MicetroAnswerTooLargeError, MicetroNetworkError, MicetroTimeoutError, MISSING_SESSION_CODE } from '../../src/api/errors';
import { MicetroClient, type ApiCallRecord, type MicetroClientOptions } from '../../src/api/micetroClient';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import { scope } from './fixtures';

const PASSWORD = 'correct horse battery staple';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
/** A name that is not loopback to the client; only the test proxy knows it is this machine. */
const REMOTE_NAME = 'micetro.test';
const EMPTY_LISTING = JSON.stringify({ result: { dhcpServers: [], totalResults: 0 } });

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Sets environment variables for one test; returns the restore. */
function setEnv(values: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

const client = (baseUrl: string, options: Partial<MicetroClientOptions> = {}) => new MicetroClient({ baseUrl, username: 'admin', password: PASSWORD, ...options });

interface ProxyRecord {
  method: string;
  target: string;
  authorization?: string;
}

/**
 * An HTTP proxy on loopback (plain requests and CONNECT; over TLS when given a certificate) that records what it was
 * asked; to it, `micetro.test` is 127.0.0.1.
 */
async function startRecordingProxy(tls?: { key: string; cert: string }): Promise<{ url: string; records: ProxyRecord[]; close(): Promise<void> }> {
  const records: ProxyRecord[] = [];
  const sockets = new Set<Socket>();
  const local = (host: string) => (host === REMOTE_NAME ? '127.0.0.1' : host);
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    records.push({ method: request.method!, target: request.url!, authorization: request.headers.authorization });
    const target = new URL(request.url!);
    const upstream = httpRequest(
      { host: local(target.hostname), port: target.port, path: `${target.pathname}${target.search}`, method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  };
  const server = tls ? createHttpsServer(tls, handle) : createHttpServer(handle);
  server.on('connect', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    records.push({ method: 'CONNECT', target: request.url!, authorization: request.headers.authorization });
    const [host, port] = request.url!.split(':');
    const upstream = netConnect(Number(port), local(host), () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    for (const end of [socket, upstream]) {
      sockets.add(end);
      end.on('error', () => undefined);
      end.on('close', () => sockets.delete(end));
    }
  });
  const port = await listen(server);
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    records,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await closeServer(server);
    },
  };
}

/** A self-signed certificate for 127.0.0.1 and micetro.test. */
function selfSignedCertificate(): { key: string; cert: string } {
  const folder = mkdtempSync(join(tmpdir(), 'micetro-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${REMOTE_NAME}`,
      '-addext', `subjectAltName=DNS:${REMOTE_NAME},IP:127.0.0.1`, '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(folder, 'key.pem'), 'utf8'), cert: readFileSync(join(folder, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('MicetroClient transport: slow and huge answers', () => {
  it('fails a body trickling 1 byte per 200 ms at the 1 s deadline, saying so', async () => {
    const timers = new Set<NodeJS.Timeout>();
    const trickling = createHttpServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': EMPTY_LISTING.length });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent < EMPTY_LISTING.length) response.write(EMPTY_LISTING[sent++]);
        else clearInterval(timer);
      }, 200);
      timers.add(timer);
      response.on('close', () => clearInterval(timer));
    });
    const port = await listen(trickling);
    try {
      const started = Date.now();
      await assert.rejects(client(`http://127.0.0.1:${port}`, { timeoutMs: 1000 }).getDHCPServers(), (error: unknown) => {
        assert.ok(error instanceof MicetroTimeoutError, String(error));
        assert.match(error.message, /^Micetro did not finish answering GET DHCPServers within 1 s/);
        assert.doesNotMatch(error.message, /Could not reach/);
        return true;
      });
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 950 && elapsed < 1500, `failed after ${elapsed} ms`);
    } finally {
      for (const timer of timers) clearInterval(timer);
      await closeServer(trickling);
    }
  });

  it('keeps read retries inside the one deadline', async () => {
    const probe = createHttpServer();
    const port = await listen(probe);
    await closeServer(probe);
    const calls: ApiCallRecord[] = [];
    const refused = client(`http://127.0.0.1:${port}`, { timeoutMs: 500, retryDelaysMs: [300, 300], log: (call) => calls.push(call) });
    const started = Date.now();
    await assert.rejects(refused.getDHCPServers(), MicetroNetworkError);
    assert.equal(calls.length, 2, 'the second retry would have ended past the deadline, so it was not made');
    // Refused connections fail at once; a third attempt would have waited 600 ms for its two delays.
    assert.ok(Date.now() - started < 900);
  });

  for (const shape of ['an endless chunked body', 'a declared 1 GB body'] as const) {
    it(`cuts ${shape} at the 64 MB limit with memory bounded`, async function () {
      this.timeout(30000);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const flood = createHttpServer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json', ...(shape === 'a declared 1 GB body' ? { 'Content-Length': 1024 * chunk.length } : {}) });
        let sent = 0;
        // Honours backpressure and stops when the client hangs up; 1 GB at most, so a client without a limit ends too.
        const pump = () => {
          while (sent < 1024 && !response.destroyed) {
            sent++;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        pump();
      });
      const port = await listen(flood);
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      try {
        await assert.rejects(client(`http://127.0.0.1:${port}`).getDHCPServers(), (error: unknown) => {
          assert.ok(error instanceof MicetroAnswerTooLargeError, String(error));
          assert.match(error.message, /^Micetro's answer to GET DHCPServers is larger than 64 MB/);
          assert.doesNotMatch(error.message, /Could not reach/);
          return true;
        });
      } finally {
        clearInterval(sampler);
        await closeServer(flood);
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      const grewMb = (peak - baseline) / (1024 * 1024);
      assert.ok(grewMb < 256, `memory grew by ${grewMb.toFixed(0)} MB`);
    });
  }
});

/** What a scripted Micetro sends for one request, after `afterMs`. */
interface ScriptedAnswer {
  afterMs: number;
  status?: number;
  body: unknown;
}

/**
 * A Micetro on loopback that answers each request as `answer` says, from its operation (`POST micetro/sessions`,
 * `GET DHCPServers`), query and Bearer session.
 */
async function startScriptedMicetro(
  answer: (operation: string, query: URLSearchParams, session: string | undefined) => ScriptedAnswer,
): Promise<{ url: string; close(): Promise<void> }> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createHttpServer((request, response) => {
    const url = new URL(request.url!, 'http://micetro');
    const session = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const { afterMs, status = 200, body } = answer(`${request.method} ${url.pathname.replace('/mmws/api/', '')}`, url.searchParams, session);
    const timer = setTimeout(() => {
      timers.delete(timer);
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    }, afterMs);
    timers.add(timer);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await closeServer(server);
    },
  };
}

const EXPIRED = { status: 401, body: { error: { code: MISSING_SESSION_CODE, message: 'Invalid or expired session.' } } };

describe('MicetroClient transport: one deadline per request in session mode', () => {
  let micetro: Awaited<ReturnType<typeof startScriptedMicetro>> | undefined;
  afterEach(async () => {
    await micetro?.close();
    micetro = undefined;
  });

  /**
   * Runs `call` and checks it failed as a timeout matching `message` at the 1 s deadline. The margin above it is for a
   * busy machine: without the deadline each scripted call would end without a timeout error, so the error decides.
   */
  async function failsAtOneSecond(call: () => Promise<unknown>, message: RegExp): Promise<void> {
    const started = Date.now();
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof MicetroTimeoutError, String(error));
      assert.match(error.message, message);
      return true;
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 950 && elapsed < 1600, `failed after ${elapsed} ms`);
  }

  it('counts the login in: a 0.6 s login and a 0.6 s answer fail at the 1 s deadline', async () => {
    micetro = await startScriptedMicetro((operation) =>
      operation === 'POST micetro/sessions' ? { afterMs: 600, body: { result: { session: 's1' } } } : { afterMs: 600, body: JSON.parse(EMPTY_LISTING) },
    );
    const session = client(micetro.url, { authMode: 'session', timeoutMs: 1000 });
    await failsAtOneSecond(() => session.getDHCPServers(), /^Micetro did not finish answering GET DHCPServers within 1 s/);
  });

  it('counts the renewal of an expired session in', async () => {
    let logins = 0;
    micetro = await startScriptedMicetro((operation, _query, session) => {
      if (operation === 'POST micetro/sessions') return { afterMs: 400, body: { result: { session: `s${++logins}` } } };
      return session === 's1' ? { afterMs: 300, ...EXPIRED } : { afterMs: 0, body: JSON.parse(EMPTY_LISTING) };
    });
    const session = client(micetro.url, { authMode: 'session', timeoutMs: 1000 });
    await failsAtOneSecond(() => session.getDHCPServers(), /^Micetro did not finish answering POST micetro\/sessions within 1 s/);
    assert.equal(logins, 2, 'the renewal was started, and cut at the deadline');
  });

  it('waits for a login another request started only until its own deadline', async () => {
    // A listing's second page starts when the first arrives (at 0.4 s), finds the session expired and logs in again
    // (0.9 s). The server list, started at 0, learns at 0.5 s that its session expired and joins that login.
    let logins = 0;
    micetro = await startScriptedMicetro((operation, query, session) => {
      if (operation === 'POST micetro/sessions') return logins++ === 0 ? { afterMs: 0, body: { result: { session: 's1' } } } : { afterMs: 900, body: { result: { session: 's2' } } };
      if (operation === 'GET DHCPServers') return session === 's1' ? { afterMs: 500, ...EXPIRED } : { afterMs: 0, body: JSON.parse(EMPTY_LISTING) };
      const offset = Number(query.get('offset'));
      if (session === 's1' && offset > 0) return { afterMs: 0, ...EXPIRED };
      return { afterMs: offset === 0 ? 400 : 0, body: { result: { dhcpScopes: [scope(`10.0.${offset}.0/24`, { ref: `DHCPScopes/${offset + 1}` })], totalResults: 2 } } };
    });
    const session = client(micetro.url, { authMode: 'session', timeoutMs: 1000, pageSize: 1 });
    await session.login();
    const scopes = session.getDHCPScopes();
    await failsAtOneSecond(() => session.getDHCPServers(), /^Micetro did not finish answering POST micetro\/sessions within 1 s/);
    assert.deepEqual(
      (await scopes).map((listed) => listed.ref),
      ['DHCPScopes/1', 'DHCPScopes/2'],
      'the listing whose login it was finished within its deadline',
    );
  });
});

describe('MicetroClient transport: closing', () => {
  let server: Server | undefined;
  // Here, not in a finally: a test that times out waiting for a close still closes its server.
  afterEach(async () => {
    if (server) await closeServer(server);
    server = undefined;
  });

  it('closes its keep-alive connection on dispose(), and later calls say the connection was closed', async function () {
    this.timeout(5000);
    // No keep-alive timeout on the server's side: only the client closes the idle connection.
    const keepingAlive = createHttpServer({ keepAliveTimeout: 0 }, (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(EMPTY_LISTING);
    });
    server = keepingAlive;
    let opened = 0;
    let closed = 0;
    const allClosed = new Promise<void>((resolve) =>
      keepingAlive.on('connection', (socket: Socket) => {
        opened++;
        socket.on('close', () => {
          if (++closed === opened) resolve();
        });
      }),
    );
    const micetro = client(`http://127.0.0.1:${await listen(keepingAlive)}`);
    await micetro.getDHCPServers();
    await micetro.getDHCPServers();
    assert.equal(opened, 1, 'the second call reused the keep-alive connection');
    micetro.dispose();
    await allClosed;
    assert.equal(closed, 1);
    await assert.rejects(micetro.getDHCPServers(), (error: unknown) => {
      assert.ok(error instanceof MicetroNetworkError, String(error));
      assert.match(error.message, /^This connection to Micetro at http:\/\/127\.0\.0\.1:\d+ was closed \(the extension connected elsewhere since\); run GET DHCPServers again\.$/);
      return true;
    });
    assert.equal(opened, 1, 'a closed client opens no connection');
  });

  it('fails a write still running when it is disposed with the same message', async function () {
    this.timeout(5000);
    let received!: () => void;
    const arrived = new Promise<void>((resolve) => (received = resolve));
    server = createHttpServer(() => received());
    const micetro = client(`http://127.0.0.1:${await listen(server)}`);
    const removal = micetro.removeDHCPScope('DHCPScopes/1');
    await arrived;
    micetro.dispose();
    await assert.rejects(removal, (error: unknown) => error instanceof MicetroNetworkError && /was closed .*; run DELETE DHCPScope again/.test(error.message));
  });
});

/** A proxy on loopback that answers CONNECT, and plain requests, with `status` and an HTML page. */
async function startRefusingProxy(status: number, reason: string): Promise<{ url: string; close(): Promise<void> }> {
  const page = '<html>Access denied</html>';
  const headers: Record<string, string> = { 'Content-Type': 'text/html', 'Content-Length': String(page.length) };
  if (status === 407) headers['Proxy-Authenticate'] = 'Basic realm="corp"';
  const server = createHttpServer((_request, response) => {
    response.writeHead(status, reason, headers);
    response.end(page);
  });
  server.on('connect', (_request: IncomingMessage, socket: Socket) => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${page}`);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

describe('MicetroClient transport: a proxy that refuses', () => {
  let proxy: Awaited<ReturnType<typeof startRefusingProxy>> | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  /** The proxy's URL with credentials, which no message may show. */
  const withCredentials = (url: string) => url.replace('http://', 'http://corp-user:proxy-pa55@');

  async function refusal(micetroUrl: string): Promise<MicetroNetworkError> {
    const viaProxy = client(micetroUrl, { proxy: { proxy: withCredentials(proxy!.url) } });
    const error = await viaProxy.getDHCPServers().then(
      () => assert.fail('the call went through'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof MicetroNetworkError, String(error));
    assert.doesNotMatch(error.message, /Micetro answered|corp-user|proxy-pa55/);
    return error;
  }

  for (const scheme of ['https', 'http'] as const) {
    it(`names the proxy and its credentials setting when it answers 407 (${scheme}:// Micetro)`, async () => {
      proxy = await startRefusingProxy(407, 'Proxy Authentication Required');
      const error = await refusal(`${scheme}://${REMOTE_NAME}:8443`);
      assert.equal(error.status, 407);
      assert.match(
        error.message,
        new RegExp(
          `^Could not reach Micetro at ${scheme}://${REMOTE_NAME}:8443: the proxy http://127\\.0\\.0\\.1:\\d+ wants credentials it did not get or refused ` +
            '\\(HTTP 407 Proxy Authentication Required\\); write them into the proxy\'s URL \\(setting http\\.proxy',
        ),
      );
    });
  }

  it('says the proxy refused the tunnel when it answers CONNECT with 403', async () => {
    proxy = await startRefusingProxy(403, 'Forbidden');
    const error = await refusal(`https://${REMOTE_NAME}:8443`);
    assert.equal(error.status, 403);
    assert.match(error.message, /the proxy http:\/\/127\.0\.0\.1:\d+ refused to connect to micetro\.test:8443 \(HTTP 403 Forbidden\); ask its administrator/);
  });

  it('says the proxy could not reach Micetro when it answers CONNECT with 502', async () => {
    proxy = await startRefusingProxy(502, 'Bad Gateway');
    const error = await refusal(`https://${REMOTE_NAME}:8443`);
    assert.equal(error.status, 502);
    assert.match(error.message, /the proxy http:\/\/127\.0\.0\.1:\d+ could not reach Micetro at micetro\.test:8443 \(HTTP 502 Bad Gateway\); check the URL/);
  });
});

describe('MicetroClient transport: proxies', () => {
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let sim: RunningSimulator;
  let restoreEnv: () => void;

  beforeEach(async () => {
    proxy = await startRecordingProxy();
    sim = await startSimulator({ seed: 'demo', password: PASSWORD });
    restoreEnv = setEnv({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, http_proxy: proxy.url, https_proxy: proxy.url, NO_PROXY: '', no_proxy: '' });
  });
  afterEach(async () => {
    restoreEnv();
    await sim.close();
    await proxy.close();
  });

  it('reaches loopback directly with HTTP_PROXY set and http.proxy configured: the proxy sees nothing', async () => {
    const port = new URL(sim.url).port;
    for (const url of [sim.url, `http://localhost:${port}`]) {
      const direct = client(url, { proxy: { proxy: proxy.url } });
      assert.equal(direct.proxy, undefined);
      assert.ok((await direct.getDHCPServers()).length > 0, url);
    }
    assert.deepEqual(proxy.records, []);
  });

  it('sends another host through http.proxy; over http:// the proxy carries the request', async () => {
    const remote = client(`http://${REMOTE_NAME}:${new URL(sim.url).port}`, { proxy: { proxy: proxy.url } });
    assert.equal(remote.proxy, proxy.url);
    assert.ok((await remote.getDHCPServers()).length > 0);
    assert.equal(proxy.records.length, 1);
    assert.equal(proxy.records[0].method, 'GET');
    assert.match(proxy.records[0].target, new RegExp(`^http://${REMOTE_NAME}:\\d+/mmws/api/DHCPServers`));
  });

  describe('https:// Micetro with NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment', () => {
    let tlsServer: Server;
    let port: number;
    let pair: { key: string; cert: string };
    let seenAuthorization: (string | undefined)[];
    let restoreTls: () => void;

    before(function () {
      this.timeout(20000);
      pair = selfSignedCertificate();
    });
    beforeEach(async () => {
      seenAuthorization = [];
      tlsServer = createHttpsServer({ key: pair.key, cert: pair.cert }, (request, response) => {
        seenAuthorization.push(request.headers.authorization);
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(EMPTY_LISTING);
      });
      port = await listen(tlsServer);
      restoreTls = setEnv({ NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    });
    afterEach(async () => {
      restoreTls();
      await closeServer(tlsServer);
    });

    it('still refuses a self-signed certificate without the CA file, directly and through a proxy', async () => {
      const untrusted = /its TLS certificate is not trusted/;
      await assert.rejects(client(`https://127.0.0.1:${port}`).getDHCPServers(), (error: unknown) => error instanceof MicetroNetworkError && untrusted.test(error.message));
      const viaProxy = client(`https://${REMOTE_NAME}:${port}`, { proxy: { proxy: proxy.url } });
      await assert.rejects(viaProxy.getDHCPServers(), (error: unknown) => error instanceof MicetroNetworkError && untrusted.test(error.message));
      assert.deepEqual(seenAuthorization, [], 'no request reached the untrusted server');
    });

    it('tunnels through the proxy with CONNECT: the proxy never sees the Authorization header', async () => {
      const tunnelled = client(`https://${REMOTE_NAME}:${port}`, { proxy: { proxy: proxy.url }, ca: [pair.cert] });
      assert.deepEqual(await tunnelled.getDHCPServers(), []);
      assert.deepEqual(proxy.records, [{ method: 'CONNECT', target: `${REMOTE_NAME}:${port}`, authorization: undefined }]);
      assert.deepEqual(seenAuthorization, [BASIC], 'the credentials reached Micetro inside the tunnel');
    });

    it("applies http.proxyStrictSSL to an https:// proxy's own certificate only", async () => {
      const secureProxy = await startRecordingProxy(pair);
      try {
        const micetro = `https://${REMOTE_NAME}:${port}`;
        const strict = client(micetro, { proxy: { proxy: secureProxy.url, proxyStrictSSL: true }, ca: [pair.cert] });
        await assert.rejects(strict.getDHCPServers(), (error: unknown) => error instanceof MicetroNetworkError && /of the proxy https:\/\/127\.0\.0\.1:\d+ \(setting http\.proxyStrictSSL\)/.test(error.message));
        assert.equal(secureProxy.records.length, 0, 'the untrusted proxy was not asked anything');

        const lax = client(micetro, { proxy: { proxy: secureProxy.url, proxyStrictSSL: false }, ca: [pair.cert] });
        assert.deepEqual(await lax.getDHCPServers(), []);
        assert.equal(secureProxy.records[0].method, 'CONNECT');

        const laxProxyUntrustedMicetro = client(micetro, { proxy: { proxy: secureProxy.url, proxyStrictSSL: false } });
        await assert.rejects(laxProxyUntrustedMicetro.getDHCPServers(), MicetroNetworkError, "Micetro's certificate is still verified");
        assert.deepEqual(seenAuthorization, [BASIC], 'only the verified connection reached Micetro');
      } finally {
        await secureProxy.close();
      }
    });
  });
});
