import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { once } from '../../../shared/once';
import type { RecorderInForce } from '../../../shared/api/results';
import { UserError } from '../../../shared/user-error';
import { processStartTicks, processStartedAfter } from './process-start';

/** Who holds the recorder lock of a database: at most one recorder writes to a database at a time. */
export interface LockOwner {
  pid: number;
  runId: string;
  /** The port its local server listens on, once it does (`stint track` without --no-ui): where `stint open` asks for a sign-in link. */
  port?: number;
  /** The values it records with (poll, idle threshold, automatic sessions), for other processes to show the values in force. */
  inForce?: RecorderInForce;
}

/** The holder as the lock file names it, with when it took the lock (null: a lock from an older Stint). */
export interface LockHolder extends LockOwner {
  sinceMs: number | null;
}

/*
 * The pid alone does not identify a process: after a crash and a reboot another process may have it. Where
 * the OS says when a process started (Linux's /proc), the lock keeps that start time and a pid that started
 * at another time is not the holder.
 */
const lockFile = once(() =>
  z.object({
    pid: z.number().int().positive(),
    runId: z.string(),
    startTicks: z.number().int().nonnegative().optional(),
    sinceMs: z.number().optional(),
    port: z.number().int().min(1).max(65535).optional(),
    inForce: z.object({ pollMs: z.number().int().positive(), idleThresholdMs: z.number().int().nonnegative(), autoSession: z.boolean() }).optional(),
  }),
);

export function lockPath(dbPath: string): string {
  return `${dbPath}.recorder-lock`;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holds(lock: z.infer<ReturnType<typeof lockFile>>, writtenMs: number): boolean {
  if (!pidExists(lock.pid)) return false;
  const ticks = processStartTicks(lock.pid);
  if (ticks === null) return true; // no /proc: the pid is all there is to go by
  // A lock written by an older Stint has no start time: a process that started after it was written is not its holder.
  return lock.startTicks === undefined ? !processStartedAfter(ticks, writtenMs) : ticks === lock.startTicks;
}

/** The live recorder of this database, if one runs. A lock left by a killed process, or naming a reused pid, counts as none. */
export function readLock(dbPath: string): LockHolder | null {
  let text: string;
  let writtenMs: number;
  try {
    text = readFileSync(lockPath(dbPath), 'utf8');
    writtenMs = statSync(lockPath(dbPath)).mtimeMs;
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null; // a torn write from a killed process: stale
  }
  const lock = lockFile().safeParse(json);
  if (!lock.success || !holds(lock.data, writtenMs)) return null;
  const { pid, runId, sinceMs, port, inForce } = lock.data;
  return { pid, runId, sinceMs: sinceMs ?? null, ...(port === undefined ? {} : { port }), ...(inForce === undefined ? {} : { inForce }) };
}

function refusal(dbPath: string, holder: LockHolder): string {
  const since = holder.sinceMs === null ? '' : `, since ${DateTime.fromMillis(holder.sinceMs).toFormat('yyyy-MM-dd HH:mm')}`;
  return (
    `A recorder (pid ${holder.pid}${since}) is already tracking into ${dbPath}. Quit it (or run \`kill ${holder.pid}\`) and try again, ` +
    `or pass another --db. If pid ${holder.pid} is not Stint, delete ${lockPath(dbPath)} and try again.`
  );
}

/** Takes the lock or explains who has it and what to do. Returns the release function. */
export function acquireLock(dbPath: string, owner: LockOwner, nowMs: number = Date.now()): () => void {
  const path = lockPath(dbPath);
  const startTicks = processStartTicks(owner.pid) ?? undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 0600: the lock is in the rep's private data folder and says nothing to other users.
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: owner.pid, runId: owner.runId, startTicks, sinceMs: nowMs, ...(owner.inForce ? { inForce: owner.inForce } : {}) }));
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
      if (holder) throw new UserError(refusal(dbPath, holder));
      try {
        unlinkSync(path);
      } catch {
        // another starter removed it first; retry decides
      }
    }
  }
  throw new UserError(`Could not take the recorder lock ${path}: another recorder may be starting. Try again; if this repeats, delete ${path}.`);
}

/**
 * Rewrites the lock its holder took, to say more about it (the port it serves on). Written beside it and
 * renamed over it, so a reader sees the old content or the new, never a torn one.
 */
export function updateLock(dbPath: string, owner: LockOwner): void {
  const path = lockPath(dbPath);
  const held = lockFile().safeParse(JSON.parse(readFileSync(path, 'utf8')));
  // Keeps the start time and since of the lock taken, so the holder is still recognised after the rewrite.
  const kept = held.success && held.data.pid === owner.pid && held.data.runId === owner.runId ? held.data : { pid: owner.pid, runId: owner.runId };
  const next = `${path}.${owner.pid}.tmp`;
  writeFileSync(next, JSON.stringify({ ...kept, ...owner }), { mode: 0o600 });
  renameSync(next, path);
}
