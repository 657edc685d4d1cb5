// The client's transport against hostile servers on loopback: answers that trickle or never end, environments that
// try to loosen TLS or route loopback through a proxy, and a recording proxy for the hosts that should use one.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MicetroAnswerTooLargeError, MicetroNetworkError, MicetroTimeoutError } from '../../src/api/errors';
import { MicetroClient, type ApiCallRecord, type MicetroClientOptions } from '../../src/api/micetroClient';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';

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
    assert.ok(Date.now() - started < 500);
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
