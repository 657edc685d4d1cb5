// The Micetro REST v1 client (also talks to the built-in simulator, which speaks the same API).
// Auth is HTTP Basic on every request, or one login whose session is sent as Bearer: through
// `POST micetro/sessions` (11.1+), or `command/Login` where that is unknown. A Basic header Micetro refuses without
// refusing the password (Basic switched off there) makes the client log in for a session instead, once. A rejected
// password (code 16394, or a failed fresh login) is never retried: a retry loop locks real accounts. Commands go
// through the REST command bridge, or over JSON-RPC once the bridge answered 404.
import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import * as v from 'valibot';
import type { ApiChange, ApiInUse } from './apiInUse';
import {
  INVALID_CREDENTIALS_CODE,
  MicetroAnswerTooLargeError,
  MicetroAuthError,
  MicetroError,
  MicetroNetworkError,
  MicetroNotFoundError,
  MicetroPasswordRejectedError,
  MicetroServerError,
  MicetroTimeoutError,
  MicetroUnexpectedAnswerError,
  MicetroValidationError,
  NO_ACCESS_CODE,
  OBJECT_NOT_FOUND_CODE,
  RESOURCE_NOT_FOUND_CODE,
} from './errors';
import { JSON_RPC_PATH, jsonRpcRequest, restStatusOfJsonRpcError } from './jsonRpc';
import type { MicetroApi, ReplicateFailoverParams } from './micetroApi';
import { createMicetroTransport, type MicetroTransport } from './micetroTransport';
import { describeProxy, type ProxySettings } from './proxyRoute';
import type {
  AddressBlock,
  DeconfigureAction,
  DHCPAddressPool,
  DHCPExclusion,
  DHCPFailoverRelationship,
  DHCPOption,
  DHCPRefAndFailoverRelationshipName,
  DHCPReservation,
  DHCPScope,
  DHCPServer,
  IPAMRange,
  ListAllOptions,
  ListOptions,
  NewDHCPScope,
  NewIPAMRange,
  Page,
} from './types';
import {
  anyAnswer,
  checkAnswer,
  exclusionListAnswer,
  optionListAnswer,
  poolListAnswer,
  rangeAnswer,
  rangeListAnswer,
  refAnswer,
  relationshipAnswer,
  relationshipListAnswer,
  reservationListAnswer,
  scopeAnswer,
  scopeListAnswer,
  serverAnswer,
  serverListAnswer,
  sessionAnswer,
  type ListAnswer,
  type ListedDHCPScope,
} from './wireSchemas';

/** The server a listing's filter names (`dhcpServerRef=X`, quoted or not), which every scope it answers is on. */
function filteredServerRef(filter: string | undefined): string | undefined {
  return filter?.match(/(?:^|\s)dhcpServerRef=("?)([^"\s]+)\1(?=\s|$)/)?.[2];
}

export type AuthMode = 'basic' | 'session';

/** One API call as the log records it: never its parameters, which may hold secrets. */
export interface ApiCallRecord {
  operation: string;
  durationMs: number;
  outcome: 'ok' | 'error';
  status?: number;
  error?: MicetroError;
  attempt: number;
}

export interface MicetroClientOptions {
  /** e.g. `https://micetro.example.com`; the API lives under `/mmws/api`. */
  baseUrl: string;
  username: string;
  password: string;
  authMode?: AuthMode;
  /**
   * One deadline for each request as the caller sees it (each page of a listing is one): the login or session renewal
   * it needs, connecting, the headers, the whole body, and the retries of a read with their delays (a retry that
   * cannot finish in time is not started). Default 30 s.
   */
  timeoutMs?: number;
  /** PEM certificates of an internal CA, trusted besides the system's; verification always stays on. */
  ca?: readonly string[];
  /** VS Code's proxy settings; loopback hosts are always reached directly. */
  proxy?: ProxySettings;
  /** The largest answer read, counted while it streams in (after decompression); default 64 MB. */
  maxAnswerBytes?: number;
  /** Delays before retrying a read after a network fault; default 200 ms, then 800 ms. */
  retryDelaysMs?: readonly number[];
  /** Page size for listings; default 1000. */
  pageSize?: number;
  log?: (record: ApiCallRecord) => void;
  /** The client changed how it talks to Micetro (see `apiInUse`): Basic was refused, or the command bridge is missing. */
  onApiChange?: (change: ApiChange, api: ApiInUse) => void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_PAGE_SIZE = 1000;
const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 * 1024;
const DEFAULT_RETRY_DELAYS_MS = [200, 800];
/** Parallel page requests once the first page told the total. */
const PAGE_CONCURRENCY = 4;
/** Socket errors worth one more try for a read (not DNS or TLS failures, which will not heal). */
const NETWORK_FAULTS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

interface Envelope {
  result?: unknown;
  error?: { code?: number; message?: string };
}

interface Request {
  method: Method;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Reads may be retried on network faults; writes never. */
  read: boolean;
  operation: string;
  /** A login: the body holds the password. */
  login?: boolean;
  /** A JSON-RPC call: `path` is the endpoint's whole URL, and an error may come inside an HTTP 200. */
  jsonRpc?: boolean;
}

/** The two ways to get a session: the documented REST endpoint (11.1+), and the Login command older versions have. */
const LOGIN_OPERATIONS = { sessions: 'POST micetro/sessions', command: 'Login' } as const;
type LoginEndpoint = keyof typeof LOGIN_OPERATIONS;

/** The REST command bridge is not there (an unknown resource), so the command never ran: 404, with no object named. */
function isMissingBridge(error: unknown): boolean {
  return error instanceof MicetroNotFoundError && (error.code === undefined || error.code === RESOURCE_NOT_FOUND_CODE);
}

/** `{a: 'x y'}` → `?a=x%20y`: Micetro does not decode `+` as a space. */
function queryString(query: Record<string, string | number | undefined> | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Keeps slashes of CIDR refs (`DHCPScopes/10.0.0.0/24`) but escapes everything else. */
function refPath(ref: string): string {
  return ref.split('/').map(encodeURIComponent).join('/');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The extension's `MicetroApi`, plus the single-object reads and scope details that tests and the bench use. */
export class MicetroClient implements MicetroApi {
  private readonly http: AxiosInstance;
  private readonly transport: MicetroTransport;
  /** `session` also once Micetro refused Basic (see `leaveBasic`). */
  private authMode: AuthMode;
  private basicRefused = false;
  /** The one session login tried after Micetro refused Basic, shared by the requests it refused. */
  private leavingBasic: Promise<void> | undefined;
  /** Where commands go: the REST command bridge, or JSON-RPC for the client's life once the bridge answered 404. */
  private commands: ApiInUse['commands'] = 'bridge';
  private readonly jsonRpcUrl: string;
  private jsonRpcId = 0;
  private readonly pageSize: number;
  private readonly timeoutMs: number;
  private readonly maxAnswerBytes: number;
  private readonly retryDelaysMs: readonly number[];
  /** The proxy requests go through (no credentials), or undefined when they go directly. */
  readonly proxy: string | undefined;
  private session: string | undefined;
  private loggingIn: Promise<string> | undefined;
  /** Where sessions come from; `command` for the client's life once `micetro/sessions` answered 404. */
  private loginEndpoint: LoginEndpoint = 'sessions';
  private disposed = false;

  constructor(private readonly options: MicetroClientOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.authMode = options.authMode ?? 'basic';
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.transport = createMicetroTransport(base, { ca: options.ca, proxy: options.proxy });
    this.proxy = this.transport.via && describeProxy(this.transport.via);
    this.jsonRpcUrl = `${base}${JSON_RPC_PATH}`;
    this.http = axios.create({
      baseURL: `${base}/mmws/api/`,
      ...this.transport.routing,
      // Enforced by axios while the body streams in, so an endless answer never holds more than this in memory.
      maxContentLength: this.maxAnswerBytes,
      headers: { Accept: 'application/json' },
      validateStatus: () => true,
      maxRedirects: 0,
      // The body is JSON or empty; parse it ourselves so a non-JSON error page becomes a clear error.
      // Raw bytes are measurably cheaper through axios than its text decoding (see bench/).
      responseType: 'arraybuffer',
      transformResponse: (data: unknown) => data,
    });
  }

  // ---- connection -------------------------------------------------------------------------------------

  /**
   * Proves the URL and credentials with one cheap read (after a fresh login, in session mode), and finds out where
   * commands go with one relationship read (see `apiInUse`), in one deadline.
   */
  async testConnection(): Promise<void> {
    const deadline = this.deadline();
    if (this.authMode === 'session') await this.freshSession(deadline);
    const servers = await this.ask({ method: 'GET', path: 'DHCPServers', query: { limit: 1 }, read: true, operation: 'GET DHCPServers' }, serverListAnswer, deadline);
    try {
      await this.bridge('GetDHCPFailoverRelationships', { dhcpServerRef: servers.items[0]?.ref }, anyAnswer, deadline);
    } catch (error) {
      // The command answered, even if it refused that server: all this read asks is where commands go.
      if (!(error instanceof MicetroValidationError || error instanceof MicetroNotFoundError || error instanceof MicetroServerError)) throw error;
    }
  }

  /** How the client talks to Micetro now; settled by `testConnection`. */
  get apiInUse(): ApiInUse {
    return { generation: 'REST v1', commands: this.commands, authentication: this.authMode, basicRefused: this.basicRefused };
  }

  /** Logs in once; the session is then sent as Bearer. */
  async login(): Promise<void> {
    await this.freshSession(this.deadline());
  }

  async logout(): Promise<void> {
    if (!this.session) return;
    const authorization = `Bearer ${this.session}`;
    this.session = undefined;
    const deadline = this.deadline();
    // The session goes in the header only: Micetro asks for no `session` param when a header is sent.
    await this.viaCommands('Logout', {}, false, (request) => this.sendWithAuth(request, authorization, 1, deadline)).catch(() => undefined);
  }

  /**
   * Closes the client's keep-alive connections (a request still running fails). Every later call fails, saying the
   * connection was closed. Log out first: the logout is a call too.
   */
  dispose(): void {
    this.disposed = true;
    this.transport.destroy();
  }

  // ---- REST resources ---------------------------------------------------------------------------------

  async getDHCPServers(options: ListOptions = {}): Promise<DHCPServer[]> {
    return this.listAll('DHCPServers', serverListAnswer, options);
  }

  async getDHCPServer(ref: string): Promise<DHCPServer> {
    const result = await this.ask({ method: 'GET', path: refPath(ref), read: true, operation: 'GET DHCPServer' }, serverAnswer);
    return result.dhcpServer;
  }

  async getDHCPScopes(options: ListAllOptions<DHCPScope> = {}): Promise<DHCPScope[]> {
    const own = (scope: ListedDHCPScope) => this.ownedScope(scope, filteredServerRef(options.filter), 'GET DHCPScopes');
    const { onPage } = options;
    const scopes = await this.listAll('DHCPScopes', scopeListAnswer, options, onPage && ((items) => onPage(items.map(own))));
    return scopes.map(own);
  }

  async getDHCPScopesPage(options: ListOptions & { offset: number; limit: number }): Promise<Page<DHCPScope>> {
    const page = await this.listPage('DHCPScopes', scopeListAnswer, options, options.offset, options.limit);
    const serverRef = filteredServerRef(options.filter);
    return { items: page.items.map((scope) => this.ownedScope(scope, serverRef, 'GET DHCPScopes')), totalResults: page.totalResults };
  }

  async getDHCPScope(ref: string): Promise<DHCPScope> {
    const result = await this.ask({ method: 'GET', path: refPath(ref), read: true, operation: 'GET DHCPScope' }, scopeAnswer);
    return this.ownedScope(result.dhcpScope, undefined, 'GET DHCPScope');
  }

  async addDHCPScope(scope: NewDHCPScope, saveComment?: string): Promise<string> {
    const result = await this.ask(
      { method: 'POST', path: 'DHCPScopes', body: { dhcpScope: scope, saveComment }, read: false, operation: 'POST DHCPScopes' },
      refAnswer,
    );
    return result.ref;
  }

  async removeDHCPScope(ref: string, saveComment?: string): Promise<void> {
    await this.send({ method: 'DELETE', path: refPath(ref), body: { saveComment }, read: false, operation: 'DELETE DHCPScope' });
  }

  getScopeOptions(scopeRef: string): Promise<DHCPOption[]> {
    return this.scopeList(scopeRef, 'Options', optionListAnswer);
  }

  async setScopeOptions(scopeRef: string, options: DHCPOption[], saveComment?: string): Promise<void> {
    await this.send({
      method: 'PUT',
      path: `${refPath(scopeRef)}/Options`,
      body: { dhcpOptions: options, saveComment },
      read: false,
      operation: 'PUT DHCPScope Options',
    });
  }

  getReservations(scopeRef: string): Promise<DHCPReservation[]> {
    return this.scopeList(scopeRef, 'DHCPReservations', reservationListAnswer);
  }

  /** A list a scope holds as a sub-resource (`<scope>/Options`). */
  private async scopeList<T>(scopeRef: string, resource: string, answer: v.GenericSchema<unknown, { items: T[] }>): Promise<T[]> {
    const result = await this.ask({ method: 'GET', path: `${refPath(scopeRef)}/${resource}`, read: true, operation: `GET DHCPScope ${resource}` }, answer);
    return result.items;
  }

  async addReservation(scopeRef: string, reservation: DHCPReservation, saveComment?: string): Promise<string> {
    const result = await this.ask(
      {
        method: 'POST',
        path: `${refPath(scopeRef)}/DHCPReservations`,
        body: { dhcpReservation: reservation, saveComment },
        read: false,
        operation: 'POST DHCPScope DHCPReservations',
      },
      refAnswer,
    );
    return result.ref;
  }

  // ---- IPAM: ranges, address pools, exclusions -----------------------------------------------------------

  /** One range by ref (`Ranges/17`) or unique name (`Ranges/10.1.20.0/24`). */
  async getRange(ref: string): Promise<IPAMRange> {
    const result = await this.ask({ method: 'GET', path: refPath(ref), read: true, operation: 'GET Range' }, rangeAnswer);
    return result.range;
  }

  /** Every range matching the filter, paged until `totalResults` is reached. */
  getRanges(options: ListOptions = {}): Promise<IPAMRange[]> {
    return this.listAll('Ranges', rangeListAnswer, options);
  }

  getRangesPage(options: ListOptions & { offset: number; limit: number }): Promise<Page<IPAMRange>> {
    return this.listPage('Ranges', rangeListAnswer, options, options.offset, options.limit);
  }

  async addRange(range: NewIPAMRange, saveComment?: string): Promise<string> {
    const result = await this.ask({ method: 'POST', path: 'Ranges', body: { range, saveComment }, read: false, operation: 'POST Ranges' }, refAnswer);
    return result.ref;
  }

  /** `AddDHCPAddressPool`, the 9.x command (a scope's pool is its own object). */
  async addDHCPAddressPool(dhcpScopeRef: string, pool: AddressBlock, saveComment?: string): Promise<string> {
    return (await this.bridge('AddDHCPAddressPool', { dhcpAddressPool: { from: pool.from, to: pool.to, dhcpScopeRef }, saveComment }, refAnswer)).ref;
  }

  async addDHCPExclusion(dhcpScopeRef: string, exclusion: AddressBlock, saveComment?: string): Promise<string> {
    return (await this.bridge('AddDHCPExclusion', { dhcpExclusion: { from: exclusion.from, to: exclusion.to, dhcpScopeRef }, saveComment }, refAnswer)).ref;
  }

  async getDHCPAddressPools(dhcpScopeRef: string): Promise<DHCPAddressPool[]> {
    return (await this.bridge('GetDHCPAddressPools', { dhcpScopeRef }, poolListAnswer)).items;
  }

  async getDHCPExclusions(dhcpScopeRef: string): Promise<DHCPExclusion[]> {
    return (await this.bridge('GetDHCPExclusions', { dhcpScopeRef }, exclusionListAnswer)).items;
  }

  /** The generic `RemoveObject`: a range, scope, pool, exclusion or reservation by its ref. */
  async removeObject(ref: string, saveComment?: string): Promise<void> {
    await this.bridge('RemoveObject', { ref, saveComment }, anyAnswer);
  }

  // ---- failover commands (the command bridge) ---------------------------------------------------------

  async getDHCPFailoverRelationships(dhcpServerRef?: string): Promise<DHCPFailoverRelationship[]> {
    const result = await this.bridge('GetDHCPFailoverRelationships', dhcpServerRef ? { dhcpServerRef } : {}, relationshipListAnswer);
    // Read for one server, every record is that server's view, whether or not Micetro says so.
    return dhcpServerRef ? result.items.map((relationship) => ({ ...relationship, dhcpServerRef: relationship.dhcpServerRef ?? dhcpServerRef })) : result.items;
  }

  async getDHCPFailoverRelationship(dhcpServerRef: string, name: string): Promise<DHCPFailoverRelationship> {
    const result = await this.bridge('GetDHCPFailoverRelationship', { dhcpServerRef, dhcpFailoverRelationshipName: name }, relationshipAnswer);
    return { ...result.dhcpFailoverRelationship, dhcpServerRef: result.dhcpFailoverRelationship.dhcpServerRef ?? dhcpServerRef };
  }

  async addDHCPFailoverRelationship(relationship: DHCPFailoverRelationship, saveComment?: string): Promise<void> {
    await this.command('AddDHCPFailoverRelationship', { dhcpFailoverRelationship: relationship, saveComment });
  }

  async modifyDHCPFailoverRelationship(relationship: DHCPFailoverRelationship, saveComment?: string): Promise<void> {
    await this.command('ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: relationship, saveComment });
  }

  async removeDHCPFailoverRelationships(items: DHCPRefAndFailoverRelationshipName[], saveComment?: string): Promise<void> {
    await this.command('RemoveDHCPFailoverRelationships', { dhcpRefAndFailoverRelationshipNames: items, saveComment });
  }

  async addScopesToFailoverRelationship(dhcpServerRef: string, name: string, scopeRefs: string[], saveComment?: string): Promise<void> {
    await this.command('AddDHCPScopesToDHCPFailoverRelationship', {
      dhcpServerRef,
      dhcpFailoverRelationshipName: name,
      dhcpScopeRefs: scopeRefs,
      saveComment,
    });
  }

  async removeScopesFromFailoverRelationship(
    dhcpServerRef: string,
    name: string,
    scopeRefs: string[],
    deconfigureAction?: DeconfigureAction,
    saveComment?: string,
  ): Promise<void> {
    await this.command('RemoveDHCPScopesFromDHCPFailoverRelationship', {
      dhcpServerRef,
      dhcpFailoverRelationshipName: name,
      dhcpScopeRefs: scopeRefs,
      dhcpFailoverRelationshipDeconfigureAction: deconfigureAction,
      saveComment,
    });
  }

  async replicateFailover(params: ReplicateFailoverParams): Promise<void> {
    await this.command('ReplicateDHCPFailover', { ...params });
  }

  /** The simulator's `Sim*` controls and stats: their callers know the answer's shape; the API's own commands are checked. */
  async command<T = unknown>(name: string, params: Record<string, unknown> = {}): Promise<T> {
    return (await this.bridge(name, params, anyAnswer)) as T;
  }

  /** A command (through the bridge or over JSON-RPC), its answer checked against `answer`. */
  private async bridge<T>(name: string, params: Record<string, unknown>, answer: v.GenericSchema<unknown, T>, deadline = this.deadline()): Promise<T> {
    const body = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    const result = await this.viaCommands(name, body, name.startsWith('Get'), (request) => this.send(request, deadline));
    return checkAnswer(answer, result, name);
  }

  /**
   * Sends command `name` where commands go: the REST command bridge until it answers 404 (it is not there, so the
   * command never ran and is sent again), from then on JSON-RPC, for the client's life.
   */
  private async viaCommands(
    name: string,
    params: Record<string, unknown>,
    read: boolean,
    sendOne: (request: Request) => Promise<unknown>,
    login = false,
  ): Promise<unknown> {
    if (this.commands === 'bridge') {
      try {
        return await sendOne({ method: 'POST', path: `command/${name}`, body: params, read, operation: name, login });
      } catch (error) {
        if (!isMissingBridge(error)) throw error;
        if (this.commands === 'bridge') {
          this.commands = 'jsonrpc';
          this.options.onApiChange?.('commandBridgeMissing', this.apiInUse);
        }
      }
    }
    const body = jsonRpcRequest(name, params, ++this.jsonRpcId);
    return sendOne({ method: 'POST', path: this.jsonRpcUrl, body, read, operation: name, login, jsonRpc: true });
  }

  /** A listed scope with its server: as Micetro named it, else the server the listing was filtered by. */
  private ownedScope(scope: ListedDHCPScope, serverRef: string | undefined, operation: string): DHCPScope {
    const dhcpServerRef = scope.dhcpServerRef ?? serverRef;
    if (dhcpServerRef === undefined) throw new MicetroUnexpectedAnswerError({ message: `Micetro's answer to ${operation} has no dhcpServerRef.`, operation });
    return { ...scope, dhcpServerRef };
  }

  // ---- transport --------------------------------------------------------------------------------------

  private async listAll<T>(path: string, answer: v.GenericSchema<unknown, ListAnswer<T>>, options: ListOptions, onPage?: (items: T[]) => void): Promise<T[]> {
    const first = await this.listPage(path, answer, options, 0, this.pageSize);
    onPage?.(first.items);
    const total = first.totalResults;
    // Step by what the server actually returned: it may cap pages below the limit asked for.
    const step = first.items.length;
    const offsets: number[] = [];
    for (let offset = step; offset < total && step > 0; offset += step) offsets.push(offset);
    const pages = new Array<T[]>(offsets.length);
    let next = 0;
    const worker = async () => {
      while (next < offsets.length) {
        const index = next++;
        pages[index] = (await this.listPage(path, answer, options, offsets[index], step)).items;
        onPage?.(pages[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PAGE_CONCURRENCY, offsets.length) }, worker));
    let items = first.items.concat(...pages);
    // A page came back short (the list changed while it was read): read on from where the list ends.
    while (items.length < total) {
      const more = await this.listPage(path, answer, options, items.length, this.pageSize);
      if (more.items.length === 0) break;
      onPage?.(more.items);
      items = items.concat(more.items);
    }
    return items;
  }

  private async listPage<T>(path: string, answer: v.GenericSchema<unknown, ListAnswer<T>>, options: ListOptions, offset: number, limit: number): Promise<Page<T>> {
    const { items, totalResults } = await this.ask(
      {
        method: 'GET',
        path,
        query: { filter: options.filter, sortBy: options.sortBy, sortOrder: options.sortOrder, offset, limit },
        read: true,
        operation: `GET ${path}`,
      },
      answer,
    );
    return { items, totalResults: totalResults ?? offset + items.length };
  }

  /** `request`'s answer, checked and normalised by `answer` where it enters the client. */
  private async ask<T>(request: Request, answer: v.GenericSchema<unknown, T>, deadline?: number): Promise<T> {
    return checkAnswer(answer, await this.send(request, deadline), request.operation);
  }

  /** When a request started now must have finished. */
  private deadline(): number {
    return Date.now() + this.timeoutMs;
  }

  /** The login, the retries and a session renewal all share the request's one deadline. */
  private async send(request: Request, deadline = this.deadline()): Promise<unknown> {
    if (this.authMode === 'basic') {
      try {
        return await this.sendWithRetries(request, this.basicHeader(), deadline);
      } catch (error) {
        // A 401 that does not refuse the password: Basic is not among the server's AuthorizationMethods.
        if (!(error instanceof MicetroAuthError) || error instanceof MicetroPasswordRejectedError || error.status === 403) throw error;
        await this.leaveBasic(error, deadline);
      }
    }
    const session = await this.ensureSession(deadline);
    try {
      return await this.sendWithRetries(request, `Bearer ${session}`, deadline);
    } catch (error) {
      // The session expired: log in again once, then give up (a rejected password throws from the login).
      if (!(error instanceof MicetroAuthError) || error instanceof MicetroPasswordRejectedError) throw error;
      if (this.session === session) this.session = undefined;
      return this.sendWithRetries(request, `Bearer ${await this.ensureSession(deadline)}`, deadline);
    }
  }

  /** A retry whose delay would pass the deadline is not made. */
  private async sendWithRetries(request: Request, authorization: string, deadline: number): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendWithAuth(request, authorization, attempt, deadline);
      } catch (error) {
        const delay = this.retryDelaysMs[attempt - 1];
        const retryable =
          request.read &&
          error instanceof MicetroNetworkError &&
          NETWORK_FAULTS.has(error.systemCode ?? '') &&
          delay !== undefined &&
          Date.now() + delay < deadline;
        if (!retryable) throw error;
        await sleep(delay);
      }
    }
  }

  /**
   * Micetro refused the Basic header without refusing the password: log in for a session once (shared by every
   * request it refused), and use sessions from then on. A refused login is final; any other failure (no session login
   * on this Micetro, a network fault) leaves Basic's refusal standing.
   */
  private async leaveBasic(refusal: MicetroAuthError, deadline: number): Promise<void> {
    this.leavingBasic ??= this.freshSession(deadline).then(() => {
      this.authMode = 'session';
      this.basicRefused = true;
      this.options.onApiChange?.('basicRefused', this.apiInUse);
    });
    try {
      await this.leavingBasic;
    } catch (loginError) {
      throw loginError instanceof MicetroPasswordRejectedError ? loginError : refusal;
    }
  }

  private async freshSession(deadline: number): Promise<void> {
    this.session = undefined;
    await this.ensureSession(deadline);
  }

  /**
   * The session, logging in when there is none. Concurrent calls share one login, which runs to the deadline of the
   * call that started it; a call that joins it waits only until its own deadline.
   */
  private async ensureSession(deadline: number): Promise<string> {
    if (this.session) return this.session;
    this.loggingIn ??= this.logIn(deadline)
      .then((session) => {
        this.session = session;
        return session;
      })
      .finally(() => {
        this.loggingIn = undefined;
      });
    return this.byDeadline(this.loggingIn, deadline, LOGIN_OPERATIONS[this.loginEndpoint]);
  }

  /** A new session from `micetro/sessions`, or from `command/Login` once that proved unknown (a Micetro before 11.1). */
  private async logIn(deadline: number): Promise<string> {
    const endpoint = this.loginEndpoint;
    const operation = LOGIN_OPERATIONS[endpoint];
    const body = { loginName: this.options.username, password: this.options.password };
    const sendOnce = (request: Request) => this.sendWithAuth(request, undefined, 1, deadline);
    let result: { session?: string };
    try {
      const answer =
        endpoint === 'sessions'
          ? await sendOnce({ method: 'POST', path: 'micetro/sessions', body, read: false, operation, login: true })
          : await this.viaCommands('Login', body, false, sendOnce, true);
      result = checkAnswer(sessionAnswer, answer, operation);
    } catch (error) {
      // A Micetro before 11.1 does not know the resource: 404, or 400 / 405 as some answer "no such object". A refused
      // password is a MicetroPasswordRejectedError and never falls through to a second try.
      const unknownResource = error instanceof MicetroNotFoundError || (error instanceof MicetroValidationError && (error.status === 400 || error.status === 405));
      if (endpoint !== 'sessions' || !unknownResource) throw error;
      this.loginEndpoint = 'command';
      return this.logIn(deadline);
    }
    if (!result?.session) throw new MicetroAuthError({ message: 'Micetro accepted the login but returned no session.', operation });
    return result.session;
  }

  /** `work`, or the deadline error of `operation` once `deadline` passes first. */
  private async byDeadline<T>(work: Promise<T>, deadline: number, operation: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(this.deadlineError(operation)), Math.max(0, deadline - Date.now()));
    });
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  private basicHeader(): string {
    return `Basic ${Buffer.from(`${this.options.username}:${this.options.password}`, 'utf8').toString('base64')}`;
  }

  private async sendWithAuth(request: Request, authorization: string | undefined, attempt: number, deadline: number): Promise<unknown> {
    if (this.disposed) throw this.closedError(request.operation);
    const started = Date.now();
    let status: number | undefined;
    // Aborting destroys the socket wherever the request is: connecting, waiting for headers, or reading the body.
    const expiry = new AbortController();
    const timer = setTimeout(() => expiry.abort(), Math.max(0, deadline - started));
    try {
      const response: AxiosResponse<Buffer> = await this.http.request({
        signal: expiry.signal,
        method: request.method,
        url: `${request.path}${queryString(request.query)}`,
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
        headers: {
          // Without a charset, a Micetro before 11.1 reads the body as Latin-1.
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
          ...(authorization ? { Authorization: authorization } : {}),
        },
      });
      status = response.status;
      const result = this.unwrap(response, request);
      this.options.log?.({ operation: request.operation, durationMs: Date.now() - started, outcome: 'ok', status, attempt });
      return result;
    } catch (caught) {
      const error =
        caught instanceof MicetroError
          ? caught
          : this.disposed
            ? this.closedError(request.operation)
            : expiry.signal.aborted
              ? this.deadlineError(request.operation)
              : this.transportError(caught, request.operation);
      this.options.log?.({ operation: request.operation, durationMs: Date.now() - started, outcome: 'error', status, error, attempt });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The answer's result, or its typed error. Only code 16394, or a 401 to a fresh login, refuses the password; a 401
   * to a Basic or Bearer request is an auth error the caller may recover from (a session to log in for or renew).
   */
  private unwrap(response: AxiosResponse<Buffer>, request: Request): unknown {
    const { operation } = request;
    const text = Buffer.isBuffer(response.data) ? response.data.toString('utf8') : '';
    let envelope: Envelope | undefined;
    if (text.trim()) {
      try {
        envelope = JSON.parse(text) as Envelope;
      } catch {
        envelope = undefined;
      }
    }
    const status = response.status;
    // Proxies send 407; a refused CONNECT is replayed as the answer. Neither comes from Micetro.
    if (this.proxy && (status === 407 || this.transport.tunnelRefused(response.request))) {
      throw this.proxyRefusal(status, response.statusText, operation);
    }
    if (status >= 200 && status < 300 && !envelope?.error) {
      if (text.trim() && envelope === undefined) {
        throw new MicetroServerError({ message: `Micetro answered ${operation} with something that is not JSON (HTTP ${status}).`, operation, status });
      }
      return envelope?.result ?? {};
    }
    const code = typeof envelope?.error?.code === 'number' ? envelope.error.code : undefined;
    const message = envelope?.error?.message?.trim() || `Micetro answered ${operation} with HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}.`;
    const answered = { message, operation, code, status };
    // JSON-RPC reports errors inside an HTTP 200: they are typed as the bridge's status for them would type them.
    const kind = request.jsonRpc && status === 200 ? restStatusOfJsonRpcError(code) : status;
    if (kind !== 403 && (code === INVALID_CREDENTIALS_CODE || (kind === 401 && request.login === true))) throw new MicetroPasswordRejectedError(answered);
    // Micetro's code decides where the status may not: a v2 appliance answers both of these with HTTP 400.
    if (kind === 401 || kind === 403 || code === INVALID_CREDENTIALS_CODE || code === NO_ACCESS_CODE) throw new MicetroAuthError(answered);
    if (kind === 404 || code === OBJECT_NOT_FOUND_CODE) throw new MicetroNotFoundError(answered);
    if (kind >= 400 && kind < 500) throw new MicetroValidationError(answered);
    throw new MicetroServerError(answered);
  }

  private deadlineError(operation: string): MicetroTimeoutError {
    const seconds = Number((this.timeoutMs / 1000).toFixed(1));
    return new MicetroTimeoutError({
      message: `Micetro did not finish answering ${operation} within ${seconds} s (${this.where}; setting dhcpFailover.requestTimeoutSeconds).`,
      operation,
    });
  }

  private closedError(operation: string): MicetroNetworkError {
    return new MicetroNetworkError({
      message: `This connection to Micetro at ${this.where} was closed (the extension connected elsewhere since); run ${operation} again.`,
      operation,
    });
  }

  /** The proxy, not Micetro, answered: name it (never its credentials) and what to fix. */
  private proxyRefusal(status: number, statusText: string, operation: string): MicetroNetworkError {
    const answer = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
    const target = new URL(this.where);
    const hostPort = `${target.hostname}:${target.port || (target.protocol === 'https:' ? '443' : '80')}`;
    const reason =
      status === 407
        ? `the proxy ${this.proxy} wants credentials it did not get or refused (${answer}); write them into the proxy's URL ` +
          '(setting http.proxy, or the proxy environment variable) as http://user:password@host:port'
        : status >= 500
          ? `the proxy ${this.proxy} could not reach Micetro at ${hostPort} (${answer}); check the URL, or reach Micetro directly (setting http.noProxy)`
          : `the proxy ${this.proxy} refused to connect to ${hostPort} (${answer}); ask its administrator to allow it, or reach Micetro directly (setting http.noProxy)`;
    return new MicetroNetworkError({ message: `Could not reach Micetro at ${this.where}: ${reason}.`, operation, status });
  }

  private get where(): string {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  /** A failure without a whole HTTP answer; the message names the host, never the credentials. */
  private transportError(caught: unknown, operation: string): MicetroError {
    const code = axios.isAxiosError(caught) ? caught.code : undefined;
    const where = this.where;
    // axios reports its maxContentLength cut only by this message (code ERR_BAD_RESPONSE is shared with other faults).
    if (axios.isAxiosError(caught) && /^maxContentLength size of \d+ exceeded/.test(caught.message)) {
      const megabytes = Number((this.maxAnswerBytes / (1024 * 1024)).toFixed(1));
      return new MicetroAnswerTooLargeError({
        message: `Micetro's answer to ${operation} is larger than ${megabytes} MB (${where}); it was cut off and nothing of it was used.`,
        operation,
      });
    }
    const detail = axios.isAxiosError(caught) ? caught.message : caught instanceof Error ? caught.message : String(caught);
    const reason =
      code === 'ECONNREFUSED'
        ? 'the connection was refused (is the URL and port right, and is Micetro running?)'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'the host name could not be resolved'
          : code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS/.test(code)
            ? this.proxy?.startsWith('https:')
              ? `a TLS certificate is not trusted (${code}): Micetro's (set an internal CA file) or that of the proxy ${this.proxy} (setting http.proxyStrictSSL)`
              : `its TLS certificate is not trusted (${code}); set an internal CA file rather than turning verification off`
            : detail;
    return new MicetroNetworkError({ message: `Could not reach Micetro at ${where}: ${reason}.`, operation, systemCode: code });
  }
}
