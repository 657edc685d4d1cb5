// What the HTTP transports need from the simulated Micetro: the command bridge and the REST resources.
// `SimulatorModel` implements it; the server only routes, authenticates and wraps envelopes.
import type { DHCPOption, DHCPReservation, DHCPScope, DHCPServer, NewDHCPScope } from '../api/types';

/** `filter`, `offset`, `limit`, `sortBy`, `sortOrder` exactly as they came in the query string. */
export interface ListQuery {
  filter?: string;
  offset?: number;
  limit?: number;
  sortBy?: string;
  sortOrder?: string;
}

export interface SimulatorBackend {
  /** Runs a command of the bridge (`POST /mmws/api/command/<name>`, JSON-RPC `method`). Throws SimulatorError. */
  execute(command: string, params: Record<string, unknown>): unknown;
  /** True when the command changes state (the store saves before acknowledging). */
  isMutating(command: string): boolean;

  listServers(query: ListQuery): { dhcpServers: DHCPServer[]; totalResults: number };
  getServer(ref: string): DHCPServer;
  listScopes(query: ListQuery): { dhcpScopes: DHCPScope[]; totalResults: number };
  getScope(ref: string): DHCPScope;
  /** Returns the new scope's ref. */
  createScope(scope: NewDHCPScope): string;
  deleteScope(ref: string): void;
  getScopeOptions(ref: string): DHCPOption[];
  setScopeOptions(ref: string, options: DHCPOption[]): void;
  getReservations(ref: string): DHCPReservation[];
  /** Returns the new reservation's ref. */
  addReservation(scopeRef: string, reservation: DHCPReservation): string;

  /** The whole state, as the JSON data file holds it. */
  toJSON(): unknown;
}
