// An error the simulator answers with: Micetro's envelope `{"error":{"code","message"}}` plus the HTTP status
// the REST transports use (JSON-RPC always answers 200).

export class SimulatorError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** 400 validation, 401 auth, 404 not found, 500 other (reference §5.1). */
    readonly status: number,
  ) {
    super(message);
    this.name = 'SimulatorError';
  }
}
