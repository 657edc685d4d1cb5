// Where the simulator that owns a data file can be reached: a file next to the data file, readable by this user
// only, so another VS Code window on the same data connects to it instead of starting a second simulator.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';

export interface PublishedEndpoint {
  pid: number;
  url: string;
  user: string;
  password: string;
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export function endpointPath(dataFile: string): string {
  return `${dataFile}.endpoint`;
}

/** Writes the endpoint file of the data file's owner (the caller holds the data file's lock). */
export async function publishEndpoint(dataFile: string, endpoint: PublishedEndpoint): Promise<void> {
  const path = endpointPath(dataFile);
  // A file left by an owner that crashed; the lock says it is ours now.
  await removeEndpoint(dataFile);
  // Created new with mode 0600: a planted file or symbolic link makes this fail instead of being written through.
  const file = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o600);
  try {
    await file.writeFile(JSON.stringify(endpoint), 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
}

export async function removeEndpoint(dataFile: string): Promise<void> {
  await unlink(endpointPath(dataFile)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * The owner's endpoint, or undefined when there is none yet, or it is not a private regular file of this user
 * (someone else could have written it to collect credentials or redirect us).
 */
export function readEndpoint(dataFile: string): PublishedEndpoint | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(endpointPath(dataFile), constants.O_RDONLY | NO_FOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(descriptor);
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && stat.uid !== uid) || (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)) return undefined;
    const value = JSON.parse(readFileSync(descriptor, 'utf8')) as Partial<PublishedEndpoint> | null;
    if (!value || !Number.isInteger(value.pid) || typeof value.url !== 'string' || typeof value.user !== 'string' || typeof value.password !== 'string') return undefined;
    if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost):\d+$/.test(value.url)) return undefined;
    return value as PublishedEndpoint;
  } catch {
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}
