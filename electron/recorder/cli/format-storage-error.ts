import { dirname } from 'node:path';
import type { StorageError } from '../store/storage-error';

/** A database that cannot be written, in words: what is wrong and what to do. */
export function formatStorageError(error: StorageError): string {
  const { path } = error;
  switch (error.problem) {
    case 'disk-full':
      return `Cannot write ${path}: the disk is full. Free some space on it (or pass --db with a file on another disk), then try again.`;
    case 'file-read-only':
      return `Cannot write ${path}: the file is read-only. Reports can still read it; to record or change anything, make it writable (chmod u+w ${path}) or pass --db with another file.`;
    case 'folder-read-only':
      return `Cannot write ${path}: its folder ${dirname(path)} is read-only. Make the folder writable (chmod u+w ${dirname(path)}) or pass --db with a file in a writable folder.`;
  }
}
