// One simulator per data file, however many VS Code windows use it: the first one starts it and owns the file; the
// others connect to it. When the owner is gone (closed, or crashed and its lock gone stale) the next one takes over.
import { DataFileInUseError, LOCK_STALE_MS } from './dataFileLock';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './server';
import type { PublishedEndpoint } from './simulatorEndpoint';

export type SharedSimulator = { kind: 'owner'; simulator: RunningSimulator } | { kind: 'guest'; owner: PublishedEndpoint };

/** Polling while the owner is starting up or its stale lock expires; short, so a takeover is quick. */
const RETRY_MS = 200;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it lives, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts the simulator on `options.dataFile`, or finds the live one that owns it. Gives up with DataFileInUseError
 * when the file stays locked by a process that publishes no endpoint for longer than a stale lock lives.
 */
export async function openSharedSimulator(options: SimulatorOptions & { dataFile: string }, waitMs = LOCK_STALE_MS + 5_000): Promise<SharedSimulator> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return { kind: 'owner', simulator: await startSimulator(options) };
    } catch (error) {
      if (!(error instanceof DataFileInUseError)) throw error;
      if (error.owner && isAlive(error.owner.pid)) return { kind: 'guest', owner: error.owner };
      // Starting (no endpoint yet) or crashed (its lock expires): try again shortly.
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
