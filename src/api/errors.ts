// Typed errors of the Micetro client. Messages never carry a password or a shared secret.

export type MicetroErrorKind = 'auth' | 'notFound' | 'validation' | 'network' | 'timeout' | 'server';

export interface MicetroErrorOptions {
  message: string;
  /** The command or resource that failed, e.g. `AddDHCPFailoverRelationship` or `GET DHCPScopes`. */
  operation: string;
  /** Micetro's error code, when it sent one (e.g. 16394 for a rejected login). */
  code?: number;
  /** HTTP status, when a response came back. */
  status?: number;
  /** The socket error code when no answer came back (e.g. `ECONNREFUSED`). */
  systemCode?: string;
}

/** An error Micetro (or the simulator) answered with, or a failure to reach it; the class says which kind. */
export abstract class MicetroError extends Error {
  abstract readonly kind: MicetroErrorKind;
  readonly operation: string;
  readonly code: number | undefined;
  readonly status: number | undefined;
  readonly systemCode: string | undefined;

  constructor({ message, operation, code, status, systemCode }: MicetroErrorOptions) {
    super(message);
    this.name = new.target.name;
    this.operation = operation;
    this.code = code;
    this.status = status;
    this.systemCode = systemCode;
  }

  /** One line for a person: Micetro's text and code. */
  get summary(): string {
    return this.code === undefined ? this.message : `${this.message} (Micetro error ${this.code})`;
  }
}

/** The user name or password was rejected, or the session expired and could not be renewed. */
export class MicetroAuthError extends MicetroError {
  readonly kind = 'auth' as const;
}
/**
 * Micetro refused the password itself: code 16394, or a 401 to a fresh login. Never tried again. An expired session
 * (401, code 5002, on a Bearer request) is not this, nor a 401 to HTTP Basic switched off on the server (the client
 * then logs in for a session, and only that login's refusal is this).
 */
export class MicetroPasswordRejectedError extends MicetroAuthError {}
/** The object named does not exist. */
export class MicetroNotFoundError extends MicetroError {
  readonly kind = 'notFound' as const;
}
/** Micetro refused the change as invalid (including Windows failover rule errors). */
export class MicetroValidationError extends MicetroError {
  readonly kind = 'validation' as const;
}
/** Micetro could not be reached (refused connection, DNS, TLS). */
export class MicetroNetworkError extends MicetroError {
  readonly kind = 'network' as const;
}
/** The whole answer did not arrive within the request's deadline. */
export class MicetroTimeoutError extends MicetroError {
  readonly kind = 'timeout' as const;
}
/** Micetro failed on its side (a 5xx) or answered with something that is not its API's JSON. */
export class MicetroServerError extends MicetroError {
  readonly kind = 'server' as const;
}
/** Micetro's answer lacks a field the extension needs, or holds one of the wrong kind: "Micetro's answer to … has no …". */
export class MicetroUnexpectedAnswerError extends MicetroServerError {}
/** The answer grew past the client's size limit and was cut off. */
export class MicetroAnswerTooLargeError extends MicetroServerError {}

/** Micetro's code for a rejected login. */
export const INVALID_CREDENTIALS_CODE = 16394;
/** Missing, invalid or expired session: log in again. */
export const MISSING_SESSION_CODE = 5002;
/** REST: no resource at that path. */
export const RESOURCE_NOT_FOUND_CODE = 16544;
/** Object not found for reference. */
export const OBJECT_NOT_FOUND_CODE = 2049;
/** "You do not have access to perform that action": a permission, not the password. */
export const NO_ACCESS_CODE = 1028;
