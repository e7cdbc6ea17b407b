import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.getuid?.() === 0;

function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes files and folders read-only for this process and its children. Root ignores file modes, so as
 * root it sets the immutable attribute (chattr +i), which binds root too; null where neither works
 * (root on a file system without attributes), and the tests that need it are skipped.
 */
export interface ReadOnly {
  make(path: string): void;
  undo(path: string): void;
}

function probeImmutable(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'stint-probe-'));
  const file = join(dir, 'probe');
  writeFileSync(file, '');
  const ok = tryRun('chattr', ['+i', file]);
  if (ok) tryRun('chattr', ['-i', file]);
  rmSync(dir, { recursive: true, force: true });
  return ok;
}

export const readOnly: ReadOnly | null = !root
  ? {
      make: (path) => chmodSync(path, statSync(path).mode & 0o555),
      undo: (path) => chmodSync(path, statSync(path).mode | 0o200),
    }
  : probeImmutable()
    ? {
        make: (path) => execFileSync('chattr', ['+i', path]),
        undo: (path) => execFileSync('chattr', ['-i', path]),
      }
    : null;

/**
 * A real, tiny file system at `dir` (a tmpfs of `sizeKb`), to fill for full-disk tests; only root may
 * mount one. Returns the unmount function, or null where it cannot be made, and those tests are skipped.
 */
export function mountTinyDisk(dir: string, sizeKb: number): (() => void) | null {
  if (!root || !tryRun('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir])) return null;
  return () => {
    tryRun('umount', [dir]);
  };
}

/** Whether tiny disks can be mounted here. */
export const canMountTinyDisk = ((): boolean => {
  if (!root) return false;
  const dir = mkdtempSync(join(tmpdir(), 'stint-probe-'));
  const unmount = mountTinyDisk(dir, 64);
  unmount?.();
  rmSync(dir, { recursive: true, force: true });
  return unmount !== null;
})();

/** Fills the file system of `dir` up to its last few bytes with one file. */
export function fill(dir: string): void {
  const { bavail, bsize } = statfsSync(dir);
  writeFileSync(join(dir, 'filler'), Buffer.alloc(bavail * bsize));
}
