// One process owns a simulator data file: a lock directory next to it (proper-lockfile), refreshed while the owner
// lives and taken over once it has gone stale, so a crashed owner does not lock the file forever.
import { lock } from 'proper-lockfile';
import { readEndpoint, type PublishedEndpoint } from './simulatorEndpoint';

/** How long a lock nobody refreshes stays valid; a crashed owner's file is free again after this. */
export const LOCK_STALE_MS = 10_000;

export class DataFileInUseError extends Error {
  constructor(
    readonly path: string,
    /** The owner as it published itself; undefined while it is starting or when its endpoint file is not usable. */
    readonly owner: PublishedEndpoint | undefined,
  ) {
    super(
      `The simulator data file ${path} is in use by another simulator${owner ? ` (process ${owner.pid}, ${owner.url})` : ''}. ` +
        'Stop that simulator or use another data file.',
    );
    this.name = 'DataFileInUseError';
  }
}

/** Locks `path` for this process; resolves to the release. `onLost` runs if the lock is lost while held. */
export async function lockDataFile(path: string, onLost: (error: Error) => void): Promise<() => Promise<void>> {
  try {
    return await lock(path, { realpath: false, stale: LOCK_STALE_MS, onCompromised: onLost });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataFileInUseError(path, readEndpoint(path));
    throw error;
  }
}
