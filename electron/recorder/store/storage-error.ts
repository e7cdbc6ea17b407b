import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why a database cannot be written: the store names the problem, the interfaces word it. */
export type StorageProblem = 'disk-full' | 'file-read-only' | 'folder-read-only';

/** A database that cannot be written, with which problem; not a bug. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly problem: StorageProblem,
    readonly path: string,
    cause?: unknown,
  ) {
    super(`${path}: ${problem}`, { cause });
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether this process may not write the database at `path` or create its companions (-wal, -shm) next to
 * it. access(2) sees modes, read-only mounts and immutable files alike, also for root.
 */
export function writeProblem(path: string): StorageProblem | null {
  if (existsSync(path) && !writable(path)) return 'file-read-only';
  if (!writable(dirname(path))) return 'folder-read-only';
  return null;
}

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
// Less room than a few pages: SQLite reports a full disk as an I/O error when the -shm file cannot grow.
const NEARLY_FULL_BYTES = 64 * 1024;

function diskFull(path: string): boolean {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}
const REFUSED = /^(SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_IOERR|EROFS$|EACCES$|EPERM$|EIO$)/;

/** The storage problem behind an error from SQLite or the file system about `path`, or null when it is something else. */
export function storageProblemOf(error: unknown, path: string): StorageProblem | null {
  if (error instanceof StorageError) return error.problem;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string') return null;
  if (FULL.has(code)) return 'disk-full';
  if (!REFUSED.test(code)) return null;
  if (diskFull(path)) return 'disk-full';
  return writeProblem(path) ?? (code.startsWith('SQLITE_READONLY') ? 'file-read-only' : null);
}

/** The error as a StorageError when a storage problem caused it, else as it was. */
export function asStorageError(error: unknown, path: string): unknown {
  if (error instanceof StorageError) return error;
  const problem = storageProblemOf(error, path);
  return problem === null ? error : new StorageError(problem, path, error);
}
