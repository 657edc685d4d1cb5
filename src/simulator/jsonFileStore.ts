// The simulator's data file: written atomically (temp file, fsync, rename, fsync of the folder) before a change
// is acknowledged, so a process killed at any moment leaves a file that loads and holds every acknowledged change.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Marks our files, so a wrong file is refused instead of being overwritten. */
const FORMAT = 'micetro-simulator-data';
const VERSION = 1;

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
  private writing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(readonly path: string) {}

  /** The saved data, or undefined when there is no file yet. Throws DataFileError for anything unreadable. */
  read(): unknown | undefined {
    if (!existsSync(this.path)) return undefined;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      throw new DataFileError(this.path, `it could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new DataFileError(this.path, `it is not valid JSON (${(error as Error).message})`);
    }
    const file = parsed as { format?: unknown; version?: unknown; data?: unknown } | null;
    if (!file || typeof file !== 'object' || file.format !== FORMAT) {
      throw new DataFileError(this.path, `it is not a simulator data file (no "format": "${FORMAT}")`);
    }
    if (file.version !== VERSION) throw new DataFileError(this.path, `it has version ${String(file.version)}, this simulator reads version ${VERSION}`);
    return file.data;
  }

  /**
   * Saves what `snapshot` returns. Saves that arrive while one is being written share the next write
   * (group commit), and each resolves only once a write that started after it was called is durable.
   */
  save(snapshot: () => unknown): Promise<void> {
    if (!this.writing) {
      this.writing = this.write(snapshot).finally(() => {
        this.writing = undefined;
      });
      return this.writing;
    }
    this.queued ??= this.writing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.save(snapshot);
      });
    return this.queued;
  }

  /** Waits for every save in flight (for a clean shutdown). */
  async flush(): Promise<void> {
    while (this.writing || this.queued) await (this.queued ?? this.writing)?.catch(() => undefined);
  }

  private async write(snapshot: () => unknown): Promise<void> {
    // Serialise synchronously, so the file holds the state as of this moment.
    const text = JSON.stringify({ format: FORMAT, version: VERSION, savedAt: new Date().toISOString(), data: snapshot() });
    const folder = dirname(this.path);
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.${basename(this.path)}.${process.pid}.tmp`);
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temporary, this.path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    const directory = await open(folder, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}
