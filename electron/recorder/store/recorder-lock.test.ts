import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/user-error';
import { createHandlers } from '../api/handlers';
import { FakeClock } from '../clock/fake-clock';
import { processStartTicks } from './process-start';
import { Store } from './store';
import { acquireLock, lockPath, readLock } from './recorder-lock';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-lock-'));
  db = join(dir, 'stint.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ownTicks = processStartTicks(process.pid);
const SINCE = Date.UTC(2026, 11, 5, 8, 30);

describe('recorder lock', () => {
  it('refuses while its holder runs, saying which pid, since when and what to do', () => {
    const release = acquireLock(db, { pid: process.pid, runId: 'first' }, SINCE);
    expect(readLock(db)).toEqual({ pid: process.pid, runId: 'first', sinceMs: SINCE });
    expect(() => acquireLock(db, { pid: process.pid, runId: 'second' })).toThrow(UserError);
    expect(() => acquireLock(db, { pid: process.pid, runId: 'second' })).toThrow(
      new RegExp(`pid ${process.pid}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\).*run \`kill ${process.pid}\`.*delete ${lockPath(db)}`),
    );
    expect(statSync(lockPath(db)).mode & 0o777).toBe(0o600);
    release();
    acquireLock(db, { pid: process.pid, runId: 'second' })();
  });

  it.skipIf(ownTicks === null)('takes over a lock whose pid now belongs to a process that started at another time (a reused pid)', () => {
    writeFileSync(lockPath(db), JSON.stringify({ pid: process.pid, runId: 'before-reboot', startTicks: ownTicks! + 1, sinceMs: SINCE }));
    expect(readLock(db)).toBeNull();
    acquireLock(db, { pid: process.pid, runId: 'now' })();
  });

  it.skipIf(ownTicks === null)('takes over a lock of an older Stint (no start time) written before its pid’s process started', () => {
    writeFileSync(lockPath(db), JSON.stringify({ pid: process.pid, runId: 'before-reboot' }));
    const longAgo = new Date(Date.UTC(2001, 0, 1));
    utimesSync(lockPath(db), longAgo, longAgo);
    expect(readLock(db)).toBeNull();
    acquireLock(db, { pid: process.pid, runId: 'now' })();
    // Written after the process started, such a lock may be its own: it holds.
    writeFileSync(lockPath(db), JSON.stringify({ pid: process.pid, runId: 'legacy' }));
    expect(readLock(db)).toEqual({ pid: process.pid, runId: 'legacy', sinceMs: null });
  });

  it('carries the values the recorder runs with, so another process (the CLI, a read worker) shows the ones in force', async () => {
    const inForce = { pollMs: 1000, idleThresholdMs: 10_000, autoSession: false };
    const release = acquireLock(db, { pid: process.pid, runId: 'run', inForce }, SINCE);
    expect(readLock(db)).toEqual({ pid: process.pid, runId: 'run', sinceMs: SINCE, inForce });
    // Through the API a process without the recorder answers with them.
    const store = Store.open(db);
    try {
      const handlers = createHandlers({ store, dbPath: db, clock: new FakeClock(SINCE), recorder: null });
      const status = await handlers['status.get']({});
      expect(status.recorder).toMatchObject({ running: true, pid: process.pid, inForce });
    } finally {
      store.close();
      release();
    }
  });

  it('reads the start time after a command name with spaces and parentheses', () => {
    const proc = join(dir, 'proc');
    mkdirSync(join(proc, '42'), { recursive: true });
    const rest = Array.from({ length: 50 }, (_, i) => String(i + 3));
    writeFileSync(join(proc, '42', 'stat'), `42 (a) b (c)) ${rest.join(' ')}\n`);
    expect(processStartTicks(42, proc)).toBe(22);
    expect(processStartTicks(43, proc)).toBeNull();
  });
});
