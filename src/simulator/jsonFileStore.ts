// The simulator's data file: written atomically (temp file, fsync, rename, fsync of the folder) before a change
// is acknowledged, so a process killed at any moment leaves a file that loads and holds every acknowledged change.
// Neither the data file nor the temp file is ever reached through a symbolic link.
import { constants, lstatSync, openSync, readFileSync, closeSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { isRecord } from './model/params';
import { DATA_FILE_FORMAT } from './model/records';

/**
 * Version 0.1.0 wrapped the model's data (which carries its own format marker) in a second envelope.
 * Such files are still read; every save writes the data alone.
 */
const OLD_ENVELOPE = { format: 'micetro-simulator-data', version: 1 };

/** O_NOFOLLOW where the platform has it (not on Windows, where creating symlinks needs privileges). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** Created new, never opened if something (a planted symlink included) already has the name. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW;

/** The file-system calls a save makes; tests pass failing ones to produce a full disk. */
export type StoreFileSystem = Pick<typeof fsPromises, 'mkdir' | 'open' | 'rename' | 'unlink'>;

export class DataFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`The simulator data file ${path} cannot be used: ${reason}. It was left untouched; fix it, or move it away to start from a fresh inventory.`);
    this.name = 'DataFileError';
  }
}

export class JsonFileStore {
  /** The text of the last save that is on disk (or of the file as read): what a failed save goes back to. */
  private durable: string | undefined;

  constructor(
    readonly path: string,
    private readonly fs: StoreFileSystem = fsPromises,
  ) {}

  /** The saved data, or undefined when there is no file yet. Throws DataFileError for anything unreadable. */
  read(): unknown {
    let isLink: boolean;
    try {
      isLink = lstatSync(this.path).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new DataFileError(this.path, `it could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (isLink) throw new DataFileError(this.path, 'it is a symbolic link, and the simulator only uses a regular file it owns');
    let text: string;
    try {
      const descriptor = openSync(this.path, constants.O_RDONLY | NO_FOLLOW);
      try {
        text = readFileSync(descriptor, 'utf8');
      } finally {
        closeSync(descriptor);
      }
    } catch (error) {
      throw new DataFileError(this.path, `it could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const data = this.parse(text);
    this.durable = text;
    return data;
  }

  /** The data of the last durable save (or of the file as read); undefined before either. */
  lastSaved(): unknown {
    return this.durable === undefined ? undefined : this.parse(this.durable);
  }

  /** Writes `data` and resolves once it is durable. Callers write one at a time; a failure leaves the old file and no temp file. */
  async save(data: unknown): Promise<void> {
    // Serialise synchronously, so the file holds the state as of this moment.
    const text = JSON.stringify(data);
    const folder = dirname(this.path);
    await this.fs.mkdir(folder, { recursive: true });
    // An unpredictable name, so nobody can plant a file or link at it beforehand.
    const temporary = join(folder, `.${basename(this.path)}.${randomBytes(12).toString('hex')}.tmp`);
    const file = await this.fs.open(temporary, CREATE_NEW, 0o600);
    try {
      try {
        await file.writeFile(text, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await this.fs.rename(temporary, this.path);
    } catch (error) {
      await this.fs.unlink(temporary).catch(() => undefined);
      throw error;
    }
    // The rename put the change in the file: from here on the save has succeeded, and this is the state to go back to.
    this.durable = text;
    await this.syncFolder(folder);
  }

  /**
   * Makes the rename itself durable where the system can (POSIX). Best effort: Windows refuses to sync a folder
   * (EPERM), some file systems do not support it (EINVAL, ENOTSUP), and the change is in the file either way, so
   * a failure here must not turn a saved change into an error that says nothing was changed.
   */
  private async syncFolder(folder: string): Promise<void> {
    if (process.platform === 'win32') return;
    try {
      const directory = await this.fs.open(folder, 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
    } catch {
      // The data is written and renamed; only the folder entry's flush could not be forced.
    }
  }

  private parse(text: string): unknown {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new DataFileError(this.path, `it is not valid JSON (${(error as Error).message})`);
    }
    const data = isRecord(parsed) && parsed.format === OLD_ENVELOPE.format && parsed.version === OLD_ENVELOPE.version ? parsed.data : parsed;
    // The marker alone, so a wrong file is refused instead of being overwritten; the model checks the rest.
    if (!isRecord(data) || data.format !== DATA_FILE_FORMAT) {
      throw new DataFileError(this.path, `it is not a simulator data file (no "format": "${DATA_FILE_FORMAT}")`);
    }
    return data;
  }
}
