// The HTTP face of the simulated Micetro: REST v1 resources, the command bridge and JSON-RPC 2.0, with
// Micetro's envelopes and status codes (reference §1.3, §5.1). Authentication is checked here, before the model.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESOURCE_NOT_FOUND_CODE } from '../api/errors';
import type { ListQuery, SimulatorBackend } from './backend';
import { listingRows, type Latency } from './latency';
import { isNoSuchObject } from './model/windowsErrors';
import type { SimulatorAuth } from './simulatorAuth';
import { MAX_BODY_BYTES, MAX_UNAUTHENTICATED_BODY_BYTES, readBody, tooLarge, tooLargeWithoutCredentials } from './requestBody';
import { SimulatorError } from './simulatorError';

const API_PREFIX = '/mmws/api/';
const JSON_RPC_PATHS = new Set(['/mmws/json', '/_mmwebext/mmwebext.dll']);

export interface TransportHooks {
  /** Called for every request with a stable operation name (`GET DHCPScopes`, `command GetDHCPFailoverRelationships`). */
  count(operation: string): void;
  /** Commands handled by the server itself (stats), or undefined to pass the command to the model. */
  serverCommand(name: string, params: Record<string, unknown>): unknown;
  /** Resolves once a change the model just made is safely on disk; rejects (the change undone) when it could not be saved. */
  persist(): Promise<void>;
  /** The save a request must wait for before it looks at the model, or undefined when none is in flight. */
  busy(): Promise<void> | undefined;
}

/** How this HTTP face departs from the full API (from the profile's quirks), and how slowly it answers. */
export interface TransportOptions {
  /** Default true; false: `/mmws/api/command/*` is an unknown resource (404), while JSON-RPC serves every command. */
  commandBridge?: boolean;
  /** "No such object" answers HTTP 400 instead of 404, with its code (quirk `not-found-400`). */
  notFoundAs400?: boolean;
  /** Every answer waits this long before it goes out (the Sim* controls excepted). */
  latency?: Latency;
}

type Params = Record<string, unknown>;

/**
 * The latency each request's answer still has to wait. Set when the request comes in, read where any answer is
 * written (`send`), so every route's answers wait without each of them having to ask.
 */
const answerLatency = new WeakMap<ServerResponse, Latency>();

/** The simulator's own test controls are not Micetro's API: they answer at once, so a slow profile never slows a test's setup. */
const isSimControl = (command: string) => /^sim/i.test(command);

const badJson = (detail: string) => new SimulatorError(400, `The request body is not valid JSON: ${detail}`, 400);

function parseJsonObject(text: string): Params {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Never echo the parser's message: it quotes the body, which may hold a password or a shared secret.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw badJson(position === undefined ? 'it could not be parsed.' : `it could not be parsed at position ${position}.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badJson('expected a JSON object.');
  return value as Params;
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  const latency = answerLatency.get(response);
  if (!latency) return write(response, status, body);
  answerLatency.delete(response);
  // A client that went away while its answer waited gets none.
  void latency.hold(listingRows(body)).then(() => (response.destroyed ? undefined : write(response, status, body)));
}

function write(response: ServerResponse, status: number, body?: unknown): void {
  // An answer before the whole body was read (a refusal) closes the connection, so the unread rest is not
  // taken for the next request and the client reads this answer rather than a reset.
  const close = response.req.complete ? {} : { Connection: 'close' };
  if (body === undefined) {
    response.writeHead(status, close);
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...close });
  response.end(text);
}

/** Every failure becomes Micetro's envelope; anything unexpected is a 500 without a stack trace. */
function asSimulatorError(error: unknown): SimulatorError {
  if (error instanceof SimulatorError) return error;
  return new SimulatorError(500, 'The simulator failed to process the request.', 500);
}

/**
 * The query string as Micetro reads it: percent-decoded, but `+` stays a plus (Micetro does not decode `+` as
 * a space, which is why clients send `%20`; reference §1.5).
 */
function queryParams(url: URL): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of url.search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text);
      } catch {
        throw new SimulatorError(400, `The query string is not valid percent-encoding near "${text}".`, 400);
      }
    };
    params[decode(equals < 0 ? pair : pair.slice(0, equals))] = decode(equals < 0 ? '' : pair.slice(equals + 1));
  }
  return params;
}

function listQuery(url: URL): ListQuery {
  const query = queryParams(url);
  const number = (name: string): number | undefined => {
    const text = query[name];
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new SimulatorError(400, `The query parameter "${name}" must be a whole number ≥ 0.`, 400);
    return value;
  };
  return {
    filter: query.filter,
    offset: number('offset'),
    limit: number('limit'),
    sortBy: query.sortBy,
    sortOrder: query.sortOrder,
  };
}

/** The object under `key` in a write body (`{"dhcpScope": {...}}`). */
function member(body: Params, key: string): Params {
  const value = body[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SimulatorError(400, `The request body needs an object "${key}".`, 400);
  }
  return value as Params;
}

type ScopeSub = 'options' | 'dhcpreservations' | 'dhcpaddresspools' | 'dhcpexclusions';

/** Splits `DHCPScopes/10.0.0.0/24/Options` into the scope ref and the sub-resource. */
function scopePath(rest: string): { ref: string; sub?: ScopeSub } {
  const match = /^(.*)\/(options|dhcpreservations|dhcpaddresspools|dhcpexclusions)$/i.exec(rest);
  const refPart = match ? match[1] : rest;
  // A full ref may follow the collection (`DHCPScopes/DHCPScopes/17`).
  const ref = /^dhcpscopes\//i.test(refPart) ? refPart : `DHCPScopes/${refPart}`;
  return { ref, sub: match ? (match[2].toLowerCase() as ScopeSub) : undefined };
}

/** Objects the REST API reaches by their own ref, served by the commands that own them. */
const OBJECT_COLLECTIONS: Record<string, { collection: string; get: string; refParam: string }> = {
  ranges: { collection: 'Ranges', get: 'GetRange', refParam: 'rangeRef' },
  dhcpreservations: { collection: 'DHCPReservations', get: 'GetDHCPReservation', refParam: 'dhcpReservationRef' },
  dhcpaddresspools: { collection: 'DHCPAddressPools', get: 'GetDHCPAddressPool', refParam: 'dhcpAddressPoolRef' },
  dhcpexclusions: { collection: 'DHCPExclusions', get: 'GetDHCPExclusion', refParam: 'dhcpExclusionRef' },
};

export class HttpTransport {
  constructor(
    private readonly backend: SimulatorBackend,
    private readonly auth: SimulatorAuth,
    /** False: `micetro/sessions` is unknown, as on a Micetro before 11.1. */
    private readonly sessionsEndpoint: boolean,
    private readonly hooks: TransportHooks,
    private readonly options: TransportOptions = {},
  ) {}

  /** The `node:http` request listener. */
  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    if (this.options.latency) answerLatency.set(response, this.options.latency);
    this.route(request, response).catch((error) => {
      const failure = asSimulatorError(error);
      const status = this.options.notFoundAs400 && isNoSuchObject(failure) ? 400 : failure.status;
      if (!response.headersSent) send(response, status, { error: { code: failure.code, message: failure.message } });
    });
  };

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      throw new SimulatorError(400, 'The request path is not valid percent-encoding.', 400);
    }
    if (JSON_RPC_PATHS.has(path) && request.method === 'POST') return this.jsonRpc(request, response);
    if (!path.toLowerCase().startsWith(API_PREFIX)) {
      throw new SimulatorError(RESOURCE_NOT_FOUND_CODE, `No resource at ${path}; the API lives under /mmws/api and /mmws/json.`, 404);
    }
    const rest = path.slice(API_PREFIX.length).replace(/\/+$/, '');
    const method = request.method ?? 'GET';
    if (/^micetro\/sessions$/i.test(rest)) return this.sessions(request, method, response);
    // Without the bridge there is nothing at `command/*`, whoever asks (a Login carries no credentials).
    if (this.options.commandBridge === false && /^commands?(\/|$)/i.test(rest)) throw new SimulatorError(RESOURCE_NOT_FOUND_CODE, 'Unknown resource "command".', 404);
    const authorization = request.headers.authorization;
    // The headers are checked before the body is read, so a wrong password cannot make the server buffer a body.
    const headerRefusal = this.headerRefusal(authorization);

    const commandMatch = /^commands?\/([^/]+)$/i.exec(rest);
    if (commandMatch) {
      if (isSimControl(commandMatch[1])) answerLatency.delete(response);
      if (method !== 'GET' && method !== 'POST') throw new SimulatorError(405, `Commands take GET or POST, not ${method}.`, 405);
      const name = commandMatch[1];
      const operation = `command ${name}`;
      const isLogin = name.toLowerCase() === 'login';
      // With an Authorization header the session parameter is ignored, so a refused header is final (Login needs none).
      if (headerRefusal && authorization && !isLogin) {
        this.hooks.count(operation);
        throw headerRefusal;
      }
      // Commands may carry their params in a GET body too, as the Ansible inventory does.
      const body = parseJsonObject(await this.readBodyOrCount(request, headerRefusal, operation, isLogin));
      // Wait while a change is being saved, so none that may still be undone is seen; nothing waits when none is.
      // Inline, not a helper: no await may come between the last check and the model call, or a save could start.
      for (let saving = this.hooks.busy(); saving; saving = this.hooks.busy()) await saving;
      const params = { ...queryParams(url), ...body };
      const result = await this.runCommand(name, params, authorization, operation);
      return send(response, 200, { result });
    }

    const [collection, ...refParts] = rest.split('/');
    if (headerRefusal) {
      // Rejected requests count too: a client that retries a bad password shows up in the figures.
      this.hooks.count(`${method} ${collection} (rejected)`);
      throw headerRefusal;
    }
    const body = parseJsonObject(await this.readBodyOrCount(request, undefined, `${method} ${collection}`));
    // As for commands above: no change that may still be undone is seen.
    for (let saving = this.hooks.busy(); saving; saving = this.hooks.busy()) await saving;
    const refRest = refParts.join('/');
    switch (collection.toLowerCase()) {
      case 'dhcpservers':
        return this.servers(method, refRest, url, response);
      case 'dhcpscopes':
        return this.scopes(method, refRest, url, body, response);
      case 'ipamrecords':
        if (method !== 'GET' || !refRest) throw new SimulatorError(405, `IPAMRecords/<address> takes GET, not ${method}.`, 405);
        return this.viaCommand('GET IPAMRecord', 'GetIPAMRecord', { addrRef: `IPAMRecords/${refRest}` }, 200, response);
      case 'ranges':
        if (!refRest && method === 'GET') return this.viaCommand('GET Ranges', 'GetRanges', { ...listQuery(url) }, 200, response);
        if (!refRest && method === 'POST') return this.viaCommand('POST Ranges', 'AddRange', { range: member(body, 'range') }, 201, response);
        return this.object(collection.toLowerCase(), method, refRest, body, response);
      case 'dhcpreservations':
      case 'dhcpaddresspools':
      case 'dhcpexclusions':
        return this.object(collection.toLowerCase(), method, refRest, body, response);
      default:
        throw new SimulatorError(RESOURCE_NOT_FOUND_CODE, `Unknown resource "${collection}".`, 404);
    }
  }

  /** `POST micetro/sessions {loginName, password}` → 201 `{result: {session}}`, as 11.1+ documents; needs no credentials. */
  private async sessions(request: IncomingMessage, method: string, response: ServerResponse): Promise<void> {
    if (!this.sessionsEndpoint) throw new SimulatorError(RESOURCE_NOT_FOUND_CODE, 'Unknown resource "micetro".', 404);
    if (method !== 'POST') throw new SimulatorError(405, `micetro/sessions takes POST, not ${method}.`, 405);
    const operation = 'POST micetro/sessions';
    const body = parseJsonObject(await this.readBodyOrCount(request, this.headerRefusal(request.headers.authorization), operation, true));
    this.hooks.count(operation);
    return send(response, 201, { result: this.auth.login(body) });
  }

  /** A REST form of a command: the same handler, the REST status (201 for a create, 204 for an empty answer). */
  private async viaCommand(operation: string, command: string, params: Params, status: number, response: ServerResponse): Promise<void> {
    this.hooks.count(operation);
    const result = this.backend.execute(command, params);
    if (this.backend.isMutating(command)) await this.hooks.persist();
    return send(response, status, status === 204 ? undefined : { result });
  }

  /** `GET`, `PUT` (generic properties body) and `DELETE` of an object by its own ref (`Ranges/17`, `DHCPReservations/4`). */
  private object(kind: string, method: string, refRest: string, body: Params, response: ServerResponse): Promise<void> {
    const { collection, get, refParam } = OBJECT_COLLECTIONS[kind];
    if (!refRest) throw new SimulatorError(405, `${collection} is reached by ref here (${collection}/<ref>).`, 405);
    const ref = refRest.toLowerCase().startsWith(`${collection.toLowerCase()}/`) ? refRest : `${collection}/${refRest}`;
    if (method === 'GET') return this.viaCommand(`GET ${collection}/{ref}`, get, { [refParam]: ref }, 200, response);
    if (method === 'DELETE') return this.viaCommand(`DELETE ${collection}/{ref}`, 'RemoveObject', { ref }, 204, response);
    if (method === 'PUT' && kind === 'dhcpreservations') {
      return this.viaCommand(`PUT ${collection}/{ref}`, 'SetProperties', { properties: body.properties, deleteUnspecified: body.deleteUnspecified, ref }, 204, response);
    }
    throw new SimulatorError(405, `${collection}/<ref> takes GET${kind === 'dhcpreservations' ? ', PUT' : ''} or DELETE, not ${method}.`, 405);
  }

  private servers(method: string, ref: string, url: URL, response: ServerResponse): void {
    if (method !== 'GET') throw new SimulatorError(405, `DHCPServers takes GET here, not ${method}.`, 405);
    if (!ref) {
      this.hooks.count('GET DHCPServers');
      return send(response, 200, { result: this.backend.listServers(listQuery(url)) });
    }
    this.hooks.count('GET DHCPServer');
    const full = /^dhcpservers\//i.test(ref) ? ref : `DHCPServers/${ref}`;
    return send(response, 200, { result: { dhcpServer: this.backend.getServer(full) } });
  }

  private async scopes(method: string, rest: string, url: URL, body: Params, response: ServerResponse): Promise<void> {
    if (!rest) {
      if (method === 'GET') {
        this.hooks.count('GET DHCPScopes');
        return send(response, 200, { result: this.backend.listScopes(listQuery(url)) });
      }
      if (method === 'POST') {
        this.hooks.count('POST DHCPScopes');
        const ref = this.backend.createScope(member(body, 'dhcpScope'));
        await this.hooks.persist();
        return send(response, 201, { result: { ref } });
      }
      throw new SimulatorError(405, `DHCPScopes takes GET or POST, not ${method}.`, 405);
    }
    const { ref, sub } = scopePath(rest);
    if (sub === 'dhcpaddresspools' || sub === 'dhcpexclusions') {
      const [list, add, key, label] =
        sub === 'dhcpaddresspools'
          ? ['GetDHCPAddressPools', 'AddDHCPAddressPool', 'dhcpAddressPool', 'DHCPAddressPools']
          : ['GetDHCPExclusions', 'AddDHCPExclusion', 'dhcpExclusion', 'DHCPExclusions'];
      if (method === 'GET') return this.viaCommand(`GET DHCPScope ${label}`, list, { ...listQuery(url), dhcpScopeRef: ref }, 200, response);
      if (method === 'POST') return this.viaCommand(`POST DHCPScope ${label}`, add, { [key]: { ...member(body, key), dhcpScopeRef: ref } }, 201, response);
      throw new SimulatorError(405, `${label} take GET or POST, not ${method}.`, 405);
    }
    if (sub === 'options') {
      if (method === 'GET') {
        this.hooks.count('GET DHCPScope Options');
        return send(response, 200, { result: { dhcpOptions: this.backend.getScopeOptions(ref) } });
      }
      if (method === 'PUT') {
        this.hooks.count('PUT DHCPScope Options');
        const options = body.dhcpOptions;
        if (!Array.isArray(options)) throw new SimulatorError(400, 'The request body needs an array "dhcpOptions".', 400);
        this.backend.setScopeOptions(ref, options);
        await this.hooks.persist();
        return send(response, 204);
      }
      throw new SimulatorError(405, `Options take GET or PUT, not ${method}.`, 405);
    }
    if (sub === 'dhcpreservations') {
      if (method === 'GET') {
        this.hooks.count('GET DHCPScope DHCPReservations');
        const dhcpReservations = this.backend.getReservations(ref);
        return send(response, 200, { result: { dhcpReservations, totalResults: dhcpReservations.length } });
      }
      if (method === 'POST') {
        this.hooks.count('POST DHCPScope DHCPReservations');
        const newRef = this.backend.addReservation(ref, member(body, 'dhcpReservation'));
        await this.hooks.persist();
        return send(response, 201, { result: { ref: newRef } });
      }
      throw new SimulatorError(405, `DHCPReservations take GET or POST, not ${method}.`, 405);
    }
    if (method === 'GET') {
      this.hooks.count('GET DHCPScope');
      return send(response, 200, { result: { dhcpScope: this.backend.getScope(ref) } });
    }
    if (method === 'DELETE') {
      this.hooks.count('DELETE DHCPScope');
      this.backend.deleteScope(ref);
      await this.hooks.persist();
      return send(response, 204);
    }
    throw new SimulatorError(405, `A scope takes GET or DELETE, not ${method}.`, 405);
  }

  /** Why the Authorization header alone does not authenticate the request (also when there is none), or undefined. */
  private headerRefusal(authorization: string | undefined): SimulatorError | undefined {
    try {
      this.auth.authenticate(authorization, undefined);
      return undefined;
    } catch (error) {
      return asSimulatorError(error);
    }
  }

  /**
   * The body, up to the limit the request's credentials allow: authenticated by header, the full limit; otherwise a
   * small one, past which a refused header gets its own refusal (there is no point in the body) and anything else a 413.
   */
  private async readBodyOrCount(request: IncomingMessage, headerRefusal: SimulatorError | undefined, operation: string, isLogin = false): Promise<string> {
    try {
      if (!headerRefusal) return await readBody(request, MAX_BODY_BYTES);
      const refusal = isLogin ? () => tooLarge(MAX_UNAUTHENTICATED_BODY_BYTES) : request.headers.authorization ? () => headerRefusal : tooLargeWithoutCredentials;
      return await readBody(request, MAX_UNAUTHENTICATED_BODY_BYTES, refusal);
    } catch (error) {
      this.hooks.count(`${operation} (refused body)`);
      throw error;
    }
  }

  /** Runs a bridge command after authenticating it; `Login` needs no credentials. */
  private async runCommand(name: string, params: Params, authorization: string | undefined, operation: string): Promise<unknown> {
    this.hooks.count(operation);
    const lower = name.toLowerCase();
    if (lower === 'login') return this.auth.login(params);
    const session = typeof params.session === 'string' ? params.session : undefined;
    this.auth.authenticate(authorization, session);
    if (lower === 'logout') return this.auth.logout(authorization, session);
    // With header auth the session parameter is omitted; a leftover one is tolerated, never passed on.
    const commandParams = { ...params };
    delete commandParams.session;
    const own = this.hooks.serverCommand(name, commandParams);
    if (own !== undefined) return own;
    const result = this.backend.execute(name, commandParams);
    if (this.backend.isMutating(name)) await this.hooks.persist();
    return result ?? {};
  }

  /** JSON-RPC 2.0: always HTTP 200, errors in the `error` member (as a real Micetro answers). */
  private async jsonRpc(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let id: unknown = null;
    try {
      const body = parseJsonObject(await this.readBodyOrCount(request, this.headerRefusal(request.headers.authorization), 'jsonrpc'));
      // As in route(): no change that may still be undone is seen.
      for (let saving = this.hooks.busy(); saving; saving = this.hooks.busy()) await saving;
      id = body.id ?? null;
      if (typeof body.method !== 'string' || !body.method) throw new SimulatorError(-32600, 'Invalid request: "method" is missing.', 400);
      if (isSimControl(body.method)) answerLatency.delete(response);
      const params = body.params === undefined ? {} : body.params;
      if (params === null || typeof params !== 'object' || Array.isArray(params)) {
        throw new SimulatorError(-32602, 'Invalid params: "params" must be an object.', 400);
      }
      const result = await this.runCommand(body.method, params as Params, request.headers.authorization, `jsonrpc ${body.method}`);
      send(response, 200, { jsonrpc: '2.0', result, id });
    } catch (error) {
      const failure = asSimulatorError(error);
      // An over-size body is refused at the HTTP level, as for REST: there is no request to answer in JSON-RPC terms.
      send(response, failure.status === 413 ? 413 : 200, { jsonrpc: '2.0', error: { code: failure.code, message: failure.message }, id });
    }
  }
}
