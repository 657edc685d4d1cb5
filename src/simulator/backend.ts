// What the HTTP transports need from the simulated Micetro: the command bridge and the REST resources.
// `SimulatorModel` implements it; the server only routes, authenticates and wraps envelopes.
import type { DHCPOption, DHCPReservation, DHCPScope, DHCPServer } from '../api/types';

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
  // The write methods take what came over the wire (a NewDHCPScope, DHCPOption[], DHCPReservation when the
  // client is well behaved) and validate it themselves, so the transports pass bodies on without casts.
  /** Returns the new scope's ref. */
  createScope(scope: unknown): string;
  deleteScope(ref: string): void;
  getScopeOptions(ref: string): DHCPOption[];
  setScopeOptions(ref: string, options: unknown): void;
  getReservations(ref: string): DHCPReservation[];
  /** Returns the new reservation's ref. */
  addReservation(scopeRef: string, reservation: unknown): string;

  /** The whole state, as the JSON data file holds it. */
  toJSON(): unknown;
}
