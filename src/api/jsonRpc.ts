// Micetro's JSON-RPC 2.0 endpoint, `POST /mmws/json`: the same command names and params as the REST command bridge
// (`/mmws/api/command/<name>`), for a Micetro whose bridge answers 404. Authentication is the same Authorization
// header (the session as Bearer; the `session` param is left out, as Micetro asks when a header is sent). Micetro
// answers `{"result": …}`, or HTTP 200 with `{"error": {code, message}}`.
import { INVALID_CREDENTIALS_CODE, MISSING_SESSION_CODE, OBJECT_NOT_FOUND_CODE, RESOURCE_NOT_FOUND_CODE } from './errors';

/** Under Micetro's base URL, beside `/mmws/api`. */
export const JSON_RPC_PATH = '/mmws/json';

/** JSON-RPC's own "method not found", which the simulator (and JSON-RPC servers generally) answer for an unknown command. */
const METHOD_NOT_FOUND_CODE = -32601;
/** JSON-RPC's "internal error". */
const INTERNAL_ERROR_CODE = -32603;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  method: string;
  params: Record<string, unknown>;
  id: number;
}

export function jsonRpcRequest(method: string, params: Record<string, unknown>, id: number): JsonRpcRequest {
  return { jsonrpc: '2.0', method, params, id };
}

/**
 * The HTTP status the REST bridge answers an error code with, so an error that JSON-RPC reports inside an HTTP 200
 * becomes the same typed error: a session to renew, a refused password, a missing object, or a refused request.
 */
export function restStatusOfJsonRpcError(code: number | undefined): number {
  if (code === MISSING_SESSION_CODE || code === INVALID_CREDENTIALS_CODE) return 401;
  if (code === OBJECT_NOT_FOUND_CODE || code === RESOURCE_NOT_FOUND_CODE || code === METHOD_NOT_FOUND_CODE) return 404;
  if (code === INTERNAL_ERROR_CODE) return 500;
  return 400;
}
