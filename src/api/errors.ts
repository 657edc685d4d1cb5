// Typed errors of the Micetro client. Messages never carry a password or a shared secret.

export type MicetroErrorKind = 'auth' | 'notFound' | 'validation' | 'network' | 'timeout' | 'server';

/** An error Micetro (or the simulator) answered with, or a failure to reach it. */
export class MicetroError extends Error {
  constructor(
    message: string,
    /** Micetro's error code, when it sent one (e.g. 16394 for a rejected login). */
    readonly code: number | undefined,
    /** HTTP status, when a response came back. */
    readonly status: number | undefined,
    readonly kind: MicetroErrorKind,
    /** The command or resource that failed, e.g. `AddDHCPFailoverRelationship` or `GET DHCPScopes`. */
    readonly operation: string,
    /** The socket error code when no answer came back (e.g. `ECONNREFUSED`). */
    readonly systemCode?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** One line for a person: Micetro's text and code. */
  get summary(): string {
    return this.code === undefined ? this.message : `${this.message} (Micetro error ${this.code})`;
  }
}

/** The user name or password was rejected, or the session expired and could not be renewed. */
export class MicetroAuthError extends MicetroError {}
/** The object named does not exist. */
export class MicetroNotFoundError extends MicetroError {}
/** Micetro refused the change as invalid (including Windows failover rule errors). */
export class MicetroValidationError extends MicetroError {}
/** Micetro could not be reached (refused connection, DNS, TLS). */
export class MicetroNetworkError extends MicetroError {}
/** The whole answer did not arrive within the request's deadline. */
export class MicetroTimeoutError extends MicetroError {}
/** The answer grew past the client's size limit and was cut off. */
export class MicetroAnswerTooLargeError extends MicetroError {}

/** Micetro's code for a rejected login. */
export const INVALID_CREDENTIALS_CODE = 16394;
/** Missing or invalid session. */
export const MISSING_SESSION_CODE = 5002;
/** REST: resource not found. */
export const RESOURCE_NOT_FOUND_CODE = 16544;
/** Object not found for reference. */
export const OBJECT_NOT_FOUND_CODE = 2049;
