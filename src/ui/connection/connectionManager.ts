// Where the extension is connected: nowhere, the built-in simulator (started in-process on loopback), or a
// Micetro. Transitions run one at a time; a failed Micetro connection leaves the previous one in place.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeApiInUse, type ApiChange, type ApiInUse } from '../../api/apiInUse';
import { MicetroNetworkError, MicetroPasswordRejectedError, type MicetroError } from '../../api/errors';
import type { MicetroApi } from '../../api/micetroApi';
import { MicetroClient } from '../../api/micetroClient';
import type { RunningSimulator } from '../../simulator/server';
import { logApiCall } from '../log';
import type { SimulatorProfile } from '../../simulator/quirks';
import { readClientSettings, readSimulatorProfile } from './clientSettings';
import type { CredentialStore, MicetroLogin } from './credentialStore';

/** The built-in simulator as tests and the status bar see it. */
export interface SimulatorEndpoint {
  url: string;
  user: string;
  password: string;
  dataFile: string;
  /** How it answers; a window connected to another window's simulator gets that one's, whatever its own setting. */
  profile?: SimulatorProfile;
  /** Set when another VS Code window runs the simulator on this data file and this one is connected to it. */
  ownerPid?: number;
}

type ConnectionWith<Client> =
  | { kind: 'none' }
  | { kind: 'simulator'; client: Client; simulator: SimulatorEndpoint }
  | { kind: 'micetro'; client: Client; login: MicetroLogin };

/** The connection as the rest of the extension sees it: its client offers the API, not the client's lifetime. */
export type Connection = ConnectionWith<MicetroApi>;
/** The connection as the manager holds it: it built the client, and it alone disposes of it. */
type OwnedConnection = ConnectionWith<MicetroClient>;

export type ConnectionKind = Connection['kind'];

const KIND_KEY = 'dhcpFailover.connectionKind';

export class ConnectionManager implements vscode.Disposable {
  private connection: OwnedConnection = { kind: 'none' };
  private simulator?: RunningSimulator;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<Connection>();
  readonly onDidChange = this.changed.event;
  private readonly passwordRejected = new vscode.EventEmitter<MicetroLogin>();
  /** Micetro rejected the saved password (at start or during the session): it was forgotten and the connection closed. */
  readonly onDidRejectPassword = this.passwordRejected.event;
  private readonly basicRefused = new vscode.EventEmitter<MicetroLogin>();
  /**
   * A Micetro refused HTTP Basic without refusing the password (Basic is switched off there) and a session works:
   * the client uses sessions, the password is kept. Fired once per Micetro address in this window.
   */
  readonly onDidRefuseBasic = this.basicRefused.event;
  /** The Micetro addresses onDidRefuseBasic was fired for. */
  private readonly refusedBasic = new Set<string>();
  private readonly apiChanged = new vscode.EventEmitter<void>();
  /** The connected client changed how it talks to Micetro (see `apiInUse`). */
  readonly onDidChangeApi = this.apiChanged.event;
  /** The client whose password was rejected, while its requests still fail. */
  private rejectedClient?: MicetroClient;
  /** Failures already reported through onDidRejectPassword, so commands do not report them again. */
  private readonly rejections = new WeakSet<object>();
  /**
   * The delays before a failed read is tried again, for the clients built from now on; unset, the client's own.
   * Tests shorten them, so a test of an unreachable Micetro does not wait a second.
   */
  retryDelaysMs?: readonly number[];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly credentials: CredentialStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get current(): Connection {
    return this.connection;
  }

  /** How the connected client talks to Micetro: API generation, command transport, authentication. */
  get apiInUse(): ApiInUse | undefined {
    return this.connection.kind === 'none' ? undefined : this.connection.client.apiInUse;
  }

  /** Resolves once the transition in progress (e.g. the simulator starting) is over, whatever its outcome. */
  whenSettled(): Promise<void> {
    return this.queue.then(
      () => undefined,
      () => undefined,
    );
  }

  /** The connection the user last chose; the built-in simulator the first time. */
  restore(): Promise<void> {
    const kind = this.context.globalState.get<ConnectionKind>(KIND_KEY, 'simulator');
    if (kind === 'simulator') return this.useSimulator();
    return this.serialize(async () => {
      const login = this.credentials.lastLogin();
      const password = login && kind === 'micetro' ? await this.credentials.getPassword(login) : undefined;
      if (!login || password === undefined) return this.set({ kind: 'none' }, false);
      try {
        await this.switchToMicetro(login, password);
      } catch (error) {
        await this.set({ kind: 'none' }, false);
        // A rejected password is forgotten so the next Connect to Micetro… asks for it; it is never retried.
        if (error instanceof MicetroPasswordRejectedError) {
          await this.credentials.forgetPassword(login);
          this.rejections.add(error);
          this.passwordRejected.fire(login);
        }
        throw error;
      }
    });
  }

  /** True for a failure that onDidRejectPassword already reported. */
  isRejectedPassword(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.rejections.has(error);
  }

  /**
   * Starts a fresh built-in simulator (its data file keeps the user's changes) and connects to it, in `profile`
   * (default: the `dhcpFailover.simulator.profile` setting).
   */
  useSimulator(options: { dataFile?: string; profile?: SimulatorProfile } = {}): Promise<void> {
    return this.serialize(async () => {
      await this.stopSimulator();
      try {
        await this.startSimulator(options.dataFile ?? this.defaultDataFile(), options.profile ?? readSimulatorProfile());
      } catch (error) {
        await this.set({ kind: 'none' }, false);
        throw error;
      }
    });
  }

  /** Tests the login first; only a working connection replaces the current one. */
  connectMicetro(login: MicetroLogin, password: string): Promise<void> {
    return this.serialize(() => this.switchToMicetro(login, password));
  }

  /**
   * Settings that shape the client (timeout, CA file, authentication) changed: a Micetro connection is made again
   * with them and the saved password. When that fails the current connection stays, and the error is the caller's.
   */
  applyClientSettings(): Promise<void> {
    return this.serialize(async () => {
      // Read first: a bad CA file is reported when the setting changes, whatever the connection.
      const settings = readClientSettings();
      const current = this.connection;
      if (current.kind !== 'micetro') return;
      const password = await this.credentials.getPassword(current.login);
      if (password === undefined) return;
      await this.switchToMicetro(current.login, password, settings);
      this.log.info(`Reconnected to ${current.login.url} with the changed settings`);
    });
  }

  /** The simulator profile setting changed: the built-in simulator, when connected, starts again on its data in that profile. */
  async applySimulatorProfile(): Promise<void> {
    const current = this.connection;
    if (current.kind !== 'simulator' || current.simulator.profile === readSimulatorProfile()) return;
    await this.useSimulator({ dataFile: current.simulator.dataFile });
  }

  disconnect(): Promise<void> {
    return this.serialize(async () => {
      await this.stopSimulator();
      await this.set({ kind: 'none' });
    });
  }

  /** Stops the simulator without forgetting the user's choice (VS Code is shutting the extension down). */
  shutdown(): Promise<void> {
    return this.stopSimulator();
  }

  dispose(): void {
    void this.stopSimulator();
    // Best effort: the session is ended on Micetro if the host lets the logout finish, and no call outlives the client.
    if (this.connection.kind !== 'none') {
      const client = this.connection.client;
      void client.logout().finally(() => client.dispose());
    }
    this.changed.dispose();
    this.passwordRejected.dispose();
    this.basicRefused.dispose();
    this.apiChanged.dispose();
  }

  /**
   * Starts the simulator on the data file, or connects to the one another window runs on it: one process owns a data
   * file, so no window overwrites another's changes.
   */
  private async startSimulator(dataFile: string, profile: SimulatorProfile): Promise<void> {
    // Loaded on first use only, so activation does not pay for the simulator's code.
    const { openSharedSimulator } = await import('../../simulator/sharedSimulator');
    const shared = await openSharedSimulator({
      host: '127.0.0.1',
      port: 0,
      dataFile,
      seed: 'demo',
      profile,
      user: `vscode-${randomBytes(4).toString('hex')}`,
      password: randomBytes(18).toString('base64url'),
      log: (message) => this.log.error(message),
    });
    let endpoint: SimulatorEndpoint;
    if (shared.kind === 'owner') {
      this.simulator = shared.simulator;
      endpoint = { url: shared.simulator.url, user: shared.simulator.user, password: shared.simulator.password, dataFile, profile };
      this.log.info(`Built-in simulator listening on ${endpoint.url} in the ${profile} profile (data: ${dataFile})`);
    } else {
      const { owner } = shared;
      endpoint = { url: owner.url, user: owner.user, password: owner.password, dataFile, ownerPid: owner.pid };
      this.log.info(`Connected to the built-in simulator of another VS Code window (process ${owner.pid}) at ${owner.url}: it owns the data file ${dataFile}`);
    }
    const client: MicetroClient = new MicetroClient({
      baseUrl: endpoint.url,
      username: endpoint.user,
      password: endpoint.password,
      retryDelaysMs: this.retryDelaysMs,
      log: (record) => {
        logApiCall(this.log, record);
        if (endpoint.ownerPid !== undefined && record.error instanceof MicetroNetworkError) this.ownerGone(client);
      },
    });
    if (endpoint.ownerPid !== undefined) {
      try {
        await client.testConnection();
      } catch (error) {
        throw new Error(
          `The built-in simulator's data file ${dataFile} belongs to process ${endpoint.ownerPid} (another VS Code window), which does not answer at ${endpoint.url}. ` +
            'Close that window, or run "Use Built-in Simulator" again once it is closed.',
          { cause: error },
        );
      }
    }
    await this.set({ kind: 'simulator', client, simulator: endpoint });
  }

  /** The window that ran the shared simulator is gone: take its data file over (the failed request stays failed). */
  private ownerGone(client: MicetroClient): void {
    void this.serialize(async () => {
      const current = this.connection;
      if (current.kind !== 'simulator' || current.client !== client) return;
      this.log.warn(`The built-in simulator of process ${current.simulator.ownerPid} stopped answering; taking over its data file ${current.simulator.dataFile}`);
      try {
        await this.startSimulator(current.simulator.dataFile, readSimulatorProfile());
      } catch (error) {
        await this.set({ kind: 'none' }, false);
        this.log.error('Taking over the built-in simulator failed:', error instanceof Error ? error.message : String(error));
      }
    });
  }

  private async switchToMicetro(login: MicetroLogin, password: string, settings = readClientSettings()): Promise<void> {
    const client: MicetroClient = new MicetroClient({
      baseUrl: login.url,
      username: login.user,
      password,
      authMode: settings.authMode,
      timeoutMs: settings.timeoutMs,
      ca: settings.ca,
      proxy: settings.proxy,
      retryDelaysMs: this.retryDelaysMs,
      log: (record) => {
        logApiCall(this.log, record);
        // Only the password refused: not a 403 for one operation, nor an expired session (401, code 5002), which the
        // client renews by logging in again.
        if (record.error instanceof MicetroPasswordRejectedError) this.rejectedDuringSession(client, login, record.error);
      },
      onApiChange: (change) => this.clientChangedApi(client, login, change),
    });
    this.log.info(`Micetro at ${login.url}: ${client.proxy ? `through the proxy ${client.proxy}` : 'direct connection'}`);
    try {
      await client.testConnection();
      this.log.info(`Micetro at ${login.url}: ${describeApiInUse(client.apiInUse)}`);
      await this.stopSimulator();
    } catch (error) {
      client.dispose();
      throw error;
    }
    await this.set({ kind: 'micetro', client, login });
  }

  /** Says what changed (Basic refused, no command bridge) in the log, and tells the user once about Basic. */
  private clientChangedApi(client: MicetroClient, login: MicetroLogin, change: ApiChange): void {
    if (change === 'basicRefused') {
      this.log.info(`Micetro at ${login.url} refused HTTP Basic authentication (not the password): using a session instead`);
      if (!this.refusedBasic.has(login.url)) {
        this.refusedBasic.add(login.url);
        this.basicRefused.fire(login);
      }
    } else {
      this.log.info(`Micetro at ${login.url} has no REST command bridge (command/* answered 404): commands go over JSON-RPC (/mmws/json)`);
    }
    if (this.connection.kind !== 'none' && this.connection.client === client) this.apiChanged.fire();
  }

  /**
   * Micetro rejected the password of the connected client (changed or revoked meanwhile): forget it, disconnect and
   * report it once. It is never tried again; Reconnect… asks for it. Failures while connecting are the caller's.
   */
  private rejectedDuringSession(client: MicetroClient, login: MicetroLogin, error: MicetroError): void {
    const current = this.connection;
    const connected = current.kind === 'micetro' && current.client === client;
    if (!connected && this.rejectedClient !== client) return;
    this.rejections.add(error);
    if (this.rejectedClient === client) return;
    this.rejectedClient = client;
    void this.serialize(async () => {
      if (this.connection.kind !== 'micetro' || this.connection.client !== client) return;
      await this.credentials.forgetPassword(login);
      this.log.warn(`Micetro at ${login.url} rejected the password of ${login.user}: disconnected, the saved password is forgotten`);
      await this.set({ kind: 'none' }, false);
      this.passwordRejected.fire(login);
    }).catch((failure: unknown) => {
      this.log.error('Disconnecting after the rejected password failed:', failure instanceof Error ? failure.message : String(failure));
    });
  }

  /** `remember: false` when a failure, not the user, disconnected: the next start tries the user's choice again. */
  private async set(connection: OwnedConnection, remember = true): Promise<void> {
    const previous = this.connection;
    this.connection = connection;
    // The previous client's calls still running fail once it is disposed; none of them is needed any more.
    if (previous.kind !== 'none') {
      const retired = previous.client;
      void retired.logout().then(() => retired.dispose());
    }
    if (remember) await this.context.globalState.update(KIND_KEY, connection.kind);
    await vscode.commands.executeCommand('setContext', 'dhcpFailover.connection', connection.kind);
    this.changed.fire(connection);
  }

  private async stopSimulator(): Promise<void> {
    const simulator = this.simulator;
    this.simulator = undefined;
    if (simulator) {
      await simulator.close();
      this.log.info(`Built-in simulator on ${simulator.url} stopped`);
    }
  }

  private defaultDataFile(): string {
    const folder = this.context.globalStorageUri.fsPath;
    mkdirSync(folder, { recursive: true });
    return join(folder, 'simulator.json');
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next;
    return next;
  }
}
