// A WAN Micetro on loopback: every answer waits a fixed latency, a random jitter and, for a listing, a cost per
// 1,000 rows (pro rata). Each answer waits on its own timer, so a slow answer never holds up another request.

export interface LatencyOptions {
  /** Added to every answer, ms. */
  latencyMs?: number;
  /** A random extra of 0..jitterMs on every answer, ms. */
  jitterMs?: number;
  /** Extra per 1,000 rows of a listing, pro rata, ms. */
  pageCostMs?: number;
}

export type Wait = (ms: number) => Promise<void>;

const timer: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Latency {
  private constructor(
    private readonly latencyMs: number,
    private readonly jitterMs: number,
    private readonly pageCostMs: number,
    private readonly wait: Wait,
  ) {}

  /** The latency the options ask for, or undefined when they ask for none; a negative or non-finite value is refused. */
  static of(options: LatencyOptions, wait: Wait = timer): Latency | undefined {
    const value = (name: keyof LatencyOptions): number => {
      const ms = options[name] ?? 0;
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`${name} must be a number of milliseconds ≥ 0, got ${ms}.`);
      return ms;
    };
    const latency = new Latency(value('latencyMs'), value('jitterMs'), value('pageCostMs'), wait);
    return latency.latencyMs + latency.jitterMs + latency.pageCostMs > 0 ? latency : undefined;
  }

  /** How long an answer with `rows` listing rows waits, ms. */
  delayMs(rows: number): number {
    return this.latencyMs + Math.random() * this.jitterMs + (this.pageCostMs * rows) / 1000;
  }

  /** Resolves once an answer with `rows` listing rows may go out. */
  hold(rows: number): Promise<void> {
    return this.wait(this.delayMs(rows));
  }
}

/** The rows of a listing in an answer body (REST, bridge or JSON-RPC): the items of every list its `result` holds. */
export function listingRows(body: unknown): number {
  const result = body !== null && typeof body === 'object' ? (body as { result?: unknown }).result : undefined;
  if (result === null || typeof result !== 'object') return 0;
  return Object.values(result).reduce((rows: number, value) => rows + (Array.isArray(value) ? value.length : 0), 0);
}
