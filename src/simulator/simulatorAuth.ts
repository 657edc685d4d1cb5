// Credentials and sessions of the simulated Micetro: Basic on every request (unless switched off, as a site that
// sets AuthorizationMethods does), or a session from `micetro/sessions` or Login sent as Bearer (or, JSON-RPC style,
// as a `session` parameter). Error codes as the reference records them (§5.2).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { INVALID_CREDENTIALS_CODE, MISSING_SESSION_CODE } from '../api/errors';
import { SimulatorError } from './simulatorError';

/** Micetro's answer to a wrong user name or password. */
const invalidCredentials = () => new SimulatorError(INVALID_CREDENTIALS_CODE, 'Invalid username or password.', 401);
const missingSession = () => new SimulatorError(MISSING_SESSION_CODE, 'Missing Session ID.', 401);
const expiredSession = () => new SimulatorError(MISSING_SESSION_CODE, 'Invalid or expired session ID.', 401);
/**
 * With Basic not among its AuthorizationMethods, Micetro does not read the Basic header, so the request arrives with
 * no session: 5002, as any request without one (not 16394: the password was never checked).
 */
const basicRefused = () =>
  new SimulatorError(MISSING_SESSION_CODE, 'Basic authentication is not accepted by this server; log in for a session (POST /mmws/api/micetro/sessions) and send it as Bearer.', 401);

/** 20 characters, the length seen from a real server. */
const SESSION_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function newSessionId(): string {
  return Array.from(randomBytes(20), (byte) => SESSION_ALPHABET[byte % SESSION_ALPHABET.length]).join('');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export class SimulatorAuth {
  private readonly sessions = new Set<string>();

  constructor(
    private readonly user: string,
    private readonly password: string,
    /** False: a Basic header is refused, sessions keep working. */
    private readonly basicAuth = true,
  ) {}

  /** `Login {loginName, password, server?}` (and `POST micetro/sessions {loginName, password}`) → `{session}`. */
  login(params: Record<string, unknown>): { session: string } {
    const { loginName, password } = params;
    if (typeof loginName !== 'string' || typeof password !== 'string' || !this.accepts(loginName, password)) throw invalidCredentials();
    const session = newSessionId();
    this.sessions.add(session);
    return { session };
  }

  /** `Logout {session}` (or the Bearer session) → `""`. */
  logout(authorization: string | undefined, session: string | undefined): string {
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    for (const id of [bearer, session]) if (id) this.sessions.delete(id);
    return '';
  }

  /** Throws Micetro's 401 envelope unless the request carries valid credentials. */
  authenticate(authorization: string | undefined, session: string | undefined): void {
    if (authorization) {
      const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
      if (/^basic$/i.test(scheme)) {
        if (!this.basicAuth) throw basicRefused();
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0 || !this.accepts(decoded.slice(0, colon), decoded.slice(colon + 1))) throw invalidCredentials();
        return;
      }
      if (/^bearer$/i.test(scheme)) {
        if (!this.sessions.has(value)) throw expiredSession();
        return;
      }
      throw new SimulatorError(MISSING_SESSION_CODE, `Unsupported authorization scheme "${scheme}"; use Basic or Bearer.`, 401);
    }
    if (session === undefined) throw missingSession();
    if (!this.sessions.has(session)) throw expiredSession();
  }

  /** Ends every session, as a Micetro restart would (lets tests prove the client logs in again). */
  expireSessions(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  private accepts(user: string, password: string): boolean {
    // Micetro user names are case-insensitive; passwords are not.
    return sameText(user.toLowerCase(), this.user.toLowerCase()) && sameText(password, this.password);
  }
}
