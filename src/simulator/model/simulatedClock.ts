// The simulator's clock: wall-clock time scaled by `speed`, plus manual jumps (`advance`), so failover
// timers (MCLT, state switchover interval) can be watched at a useful pace and tests can jump ahead.

export interface ClockJSON {
  /** Simulated time, ms since the epoch. */
  now: number;
  /** Simulated seconds per real second; 0 freezes the clock except for `advance`. */
  speed: number;
}

export interface ClockOptions {
  /** Simulated time to start at (ms since the epoch); defaults to the wall clock. */
  start?: number;
  speed?: number;
  /** Source of real time, replaceable in tests. */
  wallClock?: () => number;
}

export class SimulatedClock {
  readonly speed: number;
  private readonly wallClock: () => number;
  private wallAtBase: number;
  private simulatedAtBase: number;

  constructor(options: ClockOptions = {}) {
    this.wallClock = options.wallClock ?? Date.now;
    this.speed = options.speed ?? 1;
    if (!Number.isFinite(this.speed) || this.speed < 0) throw new Error(`Clock speed must be 0 or more, got ${this.speed}.`);
    this.wallAtBase = this.wallClock();
    this.simulatedAtBase = options.start ?? this.wallAtBase;
  }

  /** Simulated time in ms since the epoch. */
  now(): number {
    return this.simulatedAtBase + (this.wallClock() - this.wallAtBase) * this.speed;
  }

  /** Jumps forward; the model runs every transition due on the way when it next looks at the time. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`The clock only moves forward, got ${seconds} seconds.`);
    this.simulatedAtBase += seconds * 1000;
  }

  /** Continues from a saved time (loading a data file). */
  setNow(ms: number): void {
    this.wallAtBase = this.wallClock();
    this.simulatedAtBase = ms;
  }

  toJSON(): ClockJSON {
    return { now: this.now(), speed: this.speed };
  }

  static fromJSON(json: ClockJSON, wallClock?: () => number): SimulatedClock {
    return new SimulatedClock({ start: json.now, speed: json.speed, wallClock });
  }
}
