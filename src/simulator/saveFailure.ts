// Why a save of the data file failed, in words a user can act on (the error code stays in brackets for searches).
import { SimulatorError } from './simulatorError';
import { INTERNAL_ERROR_CODE } from './model/windowsErrors';

const CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the folder is on a read-only file system',
  EACCES: 'the folder is not writable',
  EPERM: 'the folder is not writable',
  ENOTDIR: 'a part of the folder path is not a folder',
  ENOENT: 'the folder does not exist',
  EEXIST: 'a file is in the way of the temporary file',
  ELOOP: 'a symbolic link is in the way',
};

/** The answer to a change that was not made because it could not be saved; the model was put back as it was. */
export function saveFailure(path: string, error: unknown): SimulatorError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const cause = code && CAUSES[code] ? `${CAUSES[code]} (${code})` : code ?? (error instanceof Error ? error.message : String(error));
  return new SimulatorError(
    INTERNAL_ERROR_CODE,
    `The change was not made: the simulator could not save it to ${path} because ${cause}. Nothing was changed; fix the cause and try again.`,
    500,
  );
}
