import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../../../shared/user-error';

const lockOwnerSchema = z.object({
  pid: z.number().int(),
  runId: z.string(),
  /** The port its local server listens on, once it does (`stint track` without --no-ui): where `stint open` asks for a sign-in link. */
  port: z.number().int().min(1).max(65535).optional(),
});

/** Who holds the recorder lock of a database: at most one recorder writes to a database at a time. */
export type LockOwner = z.infer<typeof lockOwnerSchema>;

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
    const owner = lockOwnerSchema.safeParse(JSON.parse(text));
    if (owner.success && isAlive(owner.data.pid)) return owner.data;
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

/**
 * Rewrites the lock its holder took, to say more about it (the port it serves on). Written beside it and
 * renamed over it, so a reader sees the old content or the new, never a torn one.
 */
export function updateLock(dbPath: string, owner: LockOwner): void {
  const path = lockPath(dbPath);
  const next = `${path}.${owner.pid}.tmp`;
  writeFileSync(next, JSON.stringify(owner));
  renameSync(next, path);
}
