// The errors the simulated Micetro answers with. Windows failures carry the Windows error name and number
// in the message (reference §5.7) and use the Windows number as the envelope `code`, with HTTP status 400
// (404 when the relationship or object named does not exist). Micetro's own codes for these cases are unknown.
import { OBJECT_NOT_FOUND_CODE } from '../../api/errors';
import { SimulatorError } from '../simulatorError';

/** Windows SDK values (dhcpsapi.h / winerror.h). */
const WINDOWS_ERRORS = {
  ERROR_INVALID_PARAMETER: 87,
  ERROR_DHCP_SUBNET_EXISTS: 20004,
  ERROR_DHCP_SUBNET_NOT_PRESENT: 20005,
  ERROR_DHCP_FO_SCOPE_ALREADY_IN_RELATIONSHIP: 20113,
  ERROR_DHCP_FO_RELATIONSHIP_EXISTS: 20114,
  ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST: 20115,
  ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP: 20116,
  ERROR_DHCP_FO_STATE_NOT_NORMAL: 20120,
  ERROR_DHCP_SERVER_NOT_REACHABLE: 20122,
  ERROR_DHCP_SERVER_NOT_RUNNING: 20123,
  ERROR_DHCP_FO_RELATIONSHIP_NAME_TOO_LONG: 20125,
  ERROR_DHCP_FO_MAX_RELATIONSHIPS: 20128,
  /** 0x4EA5 in dhcpsapi.h. */
  ERROR_DHCP_FO_SCOPE_SYNC_IN_PROGRESS: 20133,
} as const;

export type WindowsErrorName = keyof typeof WINDOWS_ERRORS;

/** JSON-RPC's "method not found"; Micetro's own code for an unknown command is unverified. */
const UNKNOWN_METHOD_CODE = -32601;
/** An unexpected fault inside the simulator (a bug), still answered as an envelope. */
export const INTERNAL_ERROR_CODE = -32603;

/** `sentence` is what a person can act on; the Windows name and number follow it. */
export function windowsError(name: WindowsErrorName, sentence: string, status = 400): SimulatorError {
  const code = WINDOWS_ERRORS[name];
  return new SimulatorError(code, `${sentence} ${name} (${code})`, status);
}

export function invalidParameter(sentence: string): SimulatorError {
  return windowsError('ERROR_INVALID_PARAMETER', sentence);
}

/** A ref that names nothing (Micetro's "object not found for reference"). */
export function objectNotFound(sentence: string): SimulatorError {
  return new SimulatorError(OBJECT_NOT_FOUND_CODE, sentence, 404);
}

export function relationshipNotFound(name: string, serverName: string): SimulatorError {
  return windowsError(
    'ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST',
    `There is no failover relationship named "${name}" on ${serverName}.`,
    404,
  );
}

/** Micetro's "no such object" answers: a ref or a relationship that names nothing (quirk `not-found-400` makes them 400s). */
export function isNoSuchObject(error: SimulatorError): boolean {
  return error.status === 404 && (error.code === OBJECT_NOT_FOUND_CODE || error.code === WINDOWS_ERRORS.ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST);
}

export function unknownMethod(command: string): SimulatorError {
  return new SimulatorError(UNKNOWN_METHOD_CODE, `Unknown method: ${command}`, 404);
}
