// How the client classifies what went wrong, once: every answer and every failure to get one becomes one error class,
// and the class alone says the kind the log and the connection act on.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MicetroAnswerTooLargeError,
  MicetroAuthError,
  MicetroError,
  MicetroNetworkError,
  MicetroNotFoundError,
  MicetroPasswordRejectedError,
  MicetroServerError,
  MicetroTimeoutError,
  MicetroValidationError,
} from '../../src/api/errors';
import { MicetroClient } from '../../src/api/micetroClient';

type ErrorClass = new (...args: ConstructorParameters<typeof MicetroAuthError>) => MicetroError;

interface Scripted {
  status: number;
  body: string;
  expected: ErrorClass;
  kind: MicetroError['kind'];
  code?: number;
  message: string;
}

const envelope = (code: number, message: string) => JSON.stringify({ error: { code, message } });

/**
 * What a Micetro (or something in front of it) answers to `command/<name>` sent with HTTP Basic, and what the client
 * must make of it. Only code 16394 refuses the password: a 5002 to a Basic request means Basic is switched off (the
 * client tries a session login, which this server does not offer, so Basic's refusal stands), and to a Bearer request
 * an expired session (the client ↔ simulator tests show both).
 */
const ANSWERS: Record<string, Scripted> = {
  BasicUnauthorized: {
    status: 401,
    body: envelope(5002, 'Missing Session ID.'),
    expected: MicetroAuthError,
    kind: 'auth',
    code: 5002,
    message: 'Missing Session ID.',
  },
  NoAccess: { status: 403, body: envelope(1028, 'You do not have access.'), expected: MicetroAuthError, kind: 'auth', code: 1028, message: 'You do not have access.' },
  RpcStyleLogin: {
    status: 200,
    body: envelope(16394, 'Invalid username or password.'),
    expected: MicetroPasswordRejectedError,
    kind: 'auth',
    code: 16394,
    message: 'Invalid username or password.',
  },
  // A live v2 appliance answers both with HTTP 400, "never 404/403" (the strict simulator's not-found-400 quirk).
  NoAccessAs400: { status: 400, body: envelope(1028, 'You do not have access to perform that action'), expected: MicetroAuthError, kind: 'auth', code: 1028, message: 'You do not have access to perform that action' },
  NoSuchObjectAs400: { status: 400, body: envelope(2049, 'Object not found for reference.'), expected: MicetroNotFoundError, kind: 'notFound', code: 2049, message: 'Object not found for reference.' },
  NoSuchObject: { status: 404, body: envelope(2049, 'Object not found for reference.'), expected: MicetroNotFoundError, kind: 'notFound', code: 2049, message: 'Object not found for reference.' },
  NotNormal: {
    status: 400,
    body: envelope(20120, 'ERROR_DHCP_FO_STATE_NOT_NORMAL (20120)'),
    expected: MicetroValidationError,
    kind: 'validation',
    code: 20120,
    message: 'ERROR_DHCP_FO_STATE_NOT_NORMAL (20120)',
  },
  Crashed: { status: 500, body: '', expected: MicetroServerError, kind: 'server', message: 'Micetro answered Crashed with HTTP 500 Internal Server Error.' },
  GatewayPage: { status: 502, body: '<html>Bad gateway</html>', expected: MicetroServerError, kind: 'server', message: 'Micetro answered GatewayPage with HTTP 502 Bad Gateway.' },
  LoginPage: { status: 200, body: '<html>Sign in</html>', expected: MicetroServerError, kind: 'server', message: 'Micetro answered LoginPage with something that is not JSON (HTTP 200).' },
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Rejects with the error `run` throws, or fails the test when it does not. */
async function failure(run: () => Promise<unknown>): Promise<MicetroError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof MicetroError, `a MicetroError, not ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded');
}

describe('Micetro client errors', () => {
  let server: Server;
  let url: string;
  const client = (options: Partial<ConstructorParameters<typeof MicetroClient>[0]> = {}) =>
    new MicetroClient({ baseUrl: url, username: 'admin', password: 'pw', retryDelaysMs: [], ...options });

  before(async () => {
    server = createServer((request, response) => {
      const name = request.url?.replace('/mmws/api/command/', '') ?? '';
      if (name === 'Silent') return;
      if (name === 'Huge') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ result: { padding: 'x'.repeat(4096) } }));
        return;
      }
      const answer = ANSWERS[name];
      // Anything else (the session logins, JSON-RPC) is not there.
      if (!answer) {
        response.writeHead(404);
        response.end();
        return;
      }
      response.writeHead(answer.status, { 'Content-Type': answer.body.startsWith('{') ? 'application/json' : 'text/html' });
      response.end(answer.body);
    });
    url = await listen(server);
  });

  after(() => closeServer(server));

  for (const [name, answer] of Object.entries(ANSWERS)) {
    const seen = `HTTP ${answer.status}${answer.code === undefined ? '' : `, code ${answer.code}`}`;
    it(`classifies ${name} (${seen}) as ${answer.expected.name}, kind ${answer.kind}`, async () => {
      const error = await failure(() => client().command(name));
      assert.ok(error instanceof answer.expected, `${error.name} is a ${answer.expected.name}`);
      assert.equal(error.name, answer.expected.name);
      assert.equal(error.kind, answer.kind);
      assert.equal(error.operation, name);
      assert.equal(error.status, answer.status);
      assert.equal(error.code, answer.code);
      assert.equal(error.systemCode, undefined);
      assert.equal(error.message, answer.message);
    });
  }

  it('classifies a refused connection as a network error with the socket code', async () => {
    const closed = createServer();
    const address = await listen(closed);
    await closeServer(closed);
    const error = await failure(() => new MicetroClient({ baseUrl: address, username: 'admin', password: 'pw', retryDelaysMs: [] }).getDHCPServers());
    assert.ok(error instanceof MicetroNetworkError);
    assert.equal(error.kind, 'network');
    assert.equal(error.systemCode, 'ECONNREFUSED');
    assert.equal(error.operation, 'GET DHCPServers');
    assert.equal(error.status, undefined);
  });

  it('classifies a missed deadline as a timeout, and a cut-off answer as a server error', async () => {
    const late = await failure(() => client({ timeoutMs: 50 }).command('Silent'));
    assert.ok(late instanceof MicetroTimeoutError);
    assert.equal(late.kind, 'timeout');
    const huge = await failure(() => client({ maxAnswerBytes: 1024 }).command('Huge'));
    assert.ok(huge instanceof MicetroAnswerTooLargeError && huge instanceof MicetroServerError);
    assert.equal(huge.kind, 'server');
    assert.equal(huge.operation, 'Huge');
  });

  it('builds an error from named options and sums it up in one line with Micetro’s code', () => {
    const error = new MicetroValidationError({ message: 'ERROR_DHCP_FO_STATE_NOT_NORMAL (20120)', operation: 'AddDHCPScopesToDHCPFailoverRelationship', code: 20120, status: 400 });
    assert.equal(error.kind, 'validation');
    assert.equal(error.summary, 'ERROR_DHCP_FO_STATE_NOT_NORMAL (20120) (Micetro error 20120)');
    assert.equal(new MicetroTimeoutError({ message: 'Too slow.', operation: 'GET DHCPScopes' }).summary, 'Too slow.');
  });
});
