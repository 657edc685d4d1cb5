// Starts the Micetro API simulator: the model, its data file, credentials and the HTTP server, on loopback
// unless told otherwise. Used by the CLI, the extension (in-process) and the tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { HttpTransport } from './httpTransport';
import { JsonFileStore } from './jsonFileStore';
import { SimulatedClock, SimulatorModel, type SimulatorSeed } from './model';
import { SimulatorAuth } from './simulatorAuth';

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** JSON data file; changes are saved before they are acknowledged. Without it the data lives in memory. */
  dataFile?: string;
  /** The inventory to start from when there is no data file yet. Default `demo`. */
  seed?: SimulatorSeed;
  /** Default `admin`. */
  user?: string;
  /** Default: generated. */
  password?: string;
  clock?: SimulatedClock;
}

export interface RunningSimulator {
  /** e.g. `http://127.0.0.1:40123` — the base URL a MicetroClient takes. */
  readonly url: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly backend: SimulatorModel;
  readonly clock: SimulatedClock;
  /** Requests served since start or the last reset. */
  requestCount(): number;
  requestsByOperation(): Record<string, number>;
  resetStats(): void;
  close(): Promise<void>;
}

/** Commands the server answers itself; the model never sees them. */
const STATS_COMMANDS = new Set(['simgetstats', 'simresetstats', 'simexpiresessions']);

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const user = options.user ?? 'admin';
  const password = options.password ?? randomBytes(12).toString('base64url');
  const clock = options.clock ?? new SimulatedClock();

  const store = options.dataFile ? new JsonFileStore(options.dataFile) : undefined;
  const saved = store?.read();
  const model = saved === undefined ? SimulatorModel.fromSeed(options.seed ?? 'demo', clock) : SimulatorModel.load(saved, clock);
  if (store && saved === undefined) await store.save(() => model.toJSON());

  const auth = new SimulatorAuth(user, password);
  let total = 0;
  let byOperation = new Map<string, number>();
  const resetStats = () => {
    total = 0;
    byOperation = new Map();
  };

  const transport = new HttpTransport(model, auth, {
    count(operation) {
      total++;
      byOperation.set(operation, (byOperation.get(operation) ?? 0) + 1);
    },
    serverCommand(name) {
      const lower = name.toLowerCase();
      if (!STATS_COMMANDS.has(lower)) return undefined;
      if (lower === 'simexpiresessions') return { expired: auth.expireSessions() };
      const stats = { requests: total, byOperation: Object.fromEntries(byOperation) };
      if (lower === 'simresetstats') resetStats();
      return stats;
    },
    persist: () => (store ? store.save(() => model.toJSON()) : Promise.resolve()),
  });

  const server: Server = createServer({ keepAliveTimeout: 5_000 }, transport.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    user,
    password,
    backend: model,
    clock,
    requestCount: () => total,
    requestsByOperation: () => Object.fromEntries(byOperation),
    resetStats,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store?.flush();
    },
  };
}
