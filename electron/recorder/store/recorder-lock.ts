import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { UserError } from '../../../shared/user-error';

/** Who holds the recorder lock of a database: at most one recorder writes to a database at a time. */
export interface LockOwner {
  pid: number;
  runId: string;
}

export function lockPath(dbPath: string): string {
  return `${dbPath}.recorder-lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live recorder of this database, if one runs. A lock left by a killed process counts as none. */
export function readLock(dbPath: string): LockOwner | null {
  let text: string;
  try {
    text = readFileSync(lockPath(dbPath), 'utf8');
  } catch {
    return null;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (typeof owner.pid === 'number' && typeof owner.runId === 'string' && isAlive(owner.pid)) return owner;
  } catch {
    // A torn write from a killed process: treat as stale.
  }
  return null;
}

/** Takes the lock or explains who has it. Returns the release function. */
export function acquireLock(dbPath: string, owner: LockOwner): () => void {
  const path = lockPath(dbPath);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(dbPath);
      if (holder) {
        throw new UserError(`A recorder (pid ${holder.pid}) is already tracking into ${dbPath}. Stop it first, or pass another --db.`);
      }
      try {
        unlinkSync(path);
      } catch {
        // another starter removed it first; retry decides
      }
    }
  }
  throw new UserError(`Could not take the recorder lock ${path}. Another recorder may be starting; try again.`);
}
