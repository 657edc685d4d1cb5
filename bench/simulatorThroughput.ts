// Requests per second and latency of the simulator under concurrent clients (keep-alive, like real clients).
import { Agent, request } from 'node:http';
import { percentile } from './stats';

export interface ThroughputResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

function send(agent: Agent, base: URL, authorization: string, call: Call): Promise<void> {
  return new Promise((done, fail) => {
    const headers: Record<string, string | number> = { Authorization: authorization };
    if (call.body) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(call.body) });
    const outgoing = request({ host: base.hostname, port: base.port, path: call.path, method: call.method, agent, headers }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? done() : fail(new Error(`HTTP ${response.statusCode} for ${call.path}`))));
    });
    outgoing.on('error', fail);
    outgoing.end(call.body);
  });
}

/** Runs `clients` loops of `next()` calls for `seconds`, after a short warm-up. */
export async function measureThroughput(
  url: string,
  user: string,
  password: string,
  next: () => Call,
  clients = 16,
  seconds = 5,
): Promise<ThroughputResult> {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const loop = async (until: number, latencies?: number[]) => {
    while (performance.now() < until) {
      const started = performance.now();
      await send(agent, base, authorization, next());
      latencies?.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: clients }, () => loop(performance.now() + 1000)));
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, () => loop(until, latencies)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

export type { Call };
