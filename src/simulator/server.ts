// Starts the Micetro API simulator: the model, its data file, credentials and the HTTP server, on loopback
// unless told otherwise. Used by the CLI, the extension (in-process) and the tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { lockDataFile } from './dataFileLock';
import { DurableModel } from './durableModel';
import { HttpTransport } from './httpTransport';
import { JsonFileStore, type StoreFileSystem } from './jsonFileStore';
import { SimulatedClock, SimulatorModel, type SimulatorSeed } from './model';
import { publishEndpoint, removeEndpoint } from './simulatorEndpoint';
import { SimulatorAuth } from './simulatorAuth';

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /**
   * JSON data file; changes are saved before they are acknowledged. Without it the data lives in memory. The
   * simulator owns it while it runs (DataFileInUseError when another one does) and publishes its endpoint next to it.
   */
  dataFile?: string;
  /** The file-system calls of a save (tests inject failures). */
  fileSystem?: StoreFileSystem;
  /** Problems worth a line in a log (a failed save and why); default: none. */
  log?: (message: string) => void;
  /** The inventory to start from when there is no data file yet. Default `demo`. */
  seed?: SimulatorSeed;
  /** Default `admin`. */
  user?: string;
  /** Default: generated. */
  password?: string;
  /** Default true; false refuses HTTP Basic (401, code 5002), as a site that sets `AuthorizationMethods` does. */
  basicAuth?: boolean;
  /** Default true; false answers `POST micetro/sessions` with 404, as a Micetro before 11.1 does (Login still works). */
  sessionsEndpoint?: boolean;
  /**
   * Default true; false answers `/mmws/api/command/*` with 404 (Micetro's unknown-resource error), as a Micetro
   * without the REST command bridge does; JSON-RPC (`/mmws/json`) still serves every command, Login included.
   */
  commandBridge?: boolean;
  clock?: SimulatedClock;
}

export interface RunningSimulator {
  /** e.g. `http://127.0.0.1:40123` — the base URL a MicetroClient takes. */
  readonly url: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The model with the visible state (replaced when a failed save is rolled back). */
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

  const log = options.log ?? (() => undefined);
  const dataFile = options.dataFile;
  let durable: DurableModel | undefined;
  let release: (() => Promise<void>) | undefined;
  let lockLost = false;
  if (dataFile) {
    await mkdir(dirname(dataFile), { recursive: true });
    release = await lockDataFile(dataFile, (error) => {
      lockLost = true;
      log(`The simulator lost the lock of its data file ${dataFile} (${error.message}); it refuses changes from now on.`);
      durable?.refuseChanges(error.message);
    });
  }
  try {
    const store = dataFile ? new JsonFileStore(dataFile, options.fileSystem) : undefined;
    const saved = store?.read();
    const model = saved === undefined ? SimulatorModel.fromSeed(options.seed ?? 'demo', clock) : SimulatorModel.load(saved, clock);
    if (store && saved === undefined) await store.save(model.toJSON());
    durable = new DurableModel(model, store, log);
    return await serve(durable, options, { host, user, password, clock }, release, () => lockLost);
  } catch (error) {
    await release?.().catch(() => undefined);
    throw error;
  }
}

async function serve(
  durable: DurableModel,
  options: SimulatorOptions,
  { host, user, password, clock }: { host: string; user: string; password: string; clock: SimulatedClock },
  release: (() => Promise<void>) | undefined,
  /** True once the data file's lock was lost: its endpoint file may then be another owner's. */
  lockLost: () => boolean,
): Promise<RunningSimulator> {
  const auth = new SimulatorAuth(user, password, options.basicAuth ?? true);
  let total = 0;
  let byOperation = new Map<string, number>();
  const resetStats = () => {
    total = 0;
    byOperation = new Map();
  };

  const transport = new HttpTransport(durable, auth, options.sessionsEndpoint ?? true, options.commandBridge ?? true, {
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
    busy: () => durable.busy(),
    persist: () => durable.persist(),
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
  const url = `http://${shownHost}:${port}`;
  const stopServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  if (options.dataFile) {
    try {
      await publishEndpoint(options.dataFile, { pid: process.pid, url, user, password });
    } catch (error) {
      await stopServer();
      throw error;
    }
  }

  return {
    url,
    port,
    user,
    password,
    get backend() {
      return durable.model;
    },
    clock,
    requestCount: () => total,
    requestsByOperation: () => Object.fromEntries(byOperation),
    resetStats,
    async close() {
      // No change may start once closing began: a request still queued behind a save would otherwise write the
      // file after the lock is released, under the next owner's feet.
      durable.refuseChanges('the simulator is stopping');
      await stopServer();
      for (let saving = durable.busy(); saving; saving = durable.busy()) await saving;
      // After a lost lock the endpoint file may be the next owner's: leave it.
      if (options.dataFile && !lockLost()) await removeEndpoint(options.dataFile).catch(() => undefined);
      await release?.().catch(() => undefined);
    },
  };
}
