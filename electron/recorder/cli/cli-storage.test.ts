import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/run-cli';
import { canMountTinyDisk, fill, mountTinyDisk, readOnly } from '../../../test-support/storage-limits';
import { Store } from '../store/store';

const T9 = Date.UTC(2026, 2, 2, 9, 0, 0);
const MIN = 60_000;
const REPORT = ['report', 'time-use', '--from', '2026-03-01', '--to', '2026-03-04', '--tz', 'UTC'];
const ADD = ['time', 'add', '--start', '2026-03-03T09:00Z', '--end', '2026-03-03T10:00Z', '--reason', 'client visit'];

let dir: string;
let undo: (() => void)[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-storage-'));
  undo = [];
});
afterEach(() => {
  for (const step of undo.reverse()) step();
  rmSync(dir, { recursive: true, force: true });
});

/** A database with an hour of activity on 2 March 2026, closed cleanly (no -wal or -shm left). */
function recorded(path: string): void {
  const store = Store.open(path);
  store.startRun('r', 1, T9);
  const span = { timeZone: 'UTC', utcOffsetMin: 0, open: false };
  store.flush({
    runId: 'r',
    lastSeenMs: T9 + 60 * MIN,
    activity: [{ ...span, uuid: 'a1', startMs: T9, endMs: T9 + 60 * MIN, app: 'Google-chrome', title: 'Salesforce' }],
    idle: [],
    sessions: [{ ...span, uuid: 's1', startMs: T9, endMs: T9 + 60 * MIN, kind: 'work', startReason: 'first-activity', endReason: 'clock-out' }],
  });
  store.close();
}

function locked(path: string): void {
  readOnly!.make(path);
  undo.push(() => readOnly!.undo(path));
}

describe.skipIf(readOnly === null)('a database this user may not write', () => {
  it('a read-only file: reports answer as from a writable one, without caching; a change says the file is read-only', () => {
    const db = join(dir, 'stint.db');
    recorded(db);
    locked(db);
    const report = runCli([...REPORT, '--db', db]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/Google-chrome|Salesforce/);
    const add = runCli([...ADD, '--db', db]);
    expect(add.code).toBe(1);
    expect(add.stderr).toBe(
      `stint: Cannot write ${db}: the file is read-only. Reports can still read it; to record or change anything, make it writable (chmod u+w ${db}) or pass --db with another file.\n`,
    );
    readOnly!.undo(db);
    undo.pop();
    // Nothing was cached while it was read-only, and the writable answer is the same.
    const raw = new Database(db, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM activity_day_cached').get()).toEqual({ n: 0 });
    raw.close();
    expect(runCli([...REPORT, '--db', db]).stdout).toBe(report.stdout);
  });

  it('a read-only folder: reports still answer, a change and a new database say the folder is read-only', () => {
    const folder = join(dir, 'data');
    mkdirSync(folder);
    const db = join(folder, 'stint.db');
    recorded(db);
    const expected = runCli([...REPORT, '--db', db]).stdout;
    locked(folder);
    const report = runCli([...REPORT, '--db', db]);
    expect(report.stderr).toBe('');
    expect(report.stdout).toBe(expected);
    const folderMessage = (path: string) =>
      `stint: Cannot write ${path}: its folder ${folder} is read-only. Make the folder writable (chmod u+w ${folder}) or pass --db with a file in a writable folder.\n`;
    expect(runCli([...ADD, '--db', db]).stderr).toBe(folderMessage(db));
    const fresh = join(folder, 'new.db');
    const created = runCli([...ADD, '--db', fresh]);
    expect(created.code).toBe(1);
    expect(created.stderr).toBe(folderMessage(fresh));
  });
});

describe.skipIf(!canMountTinyDisk)('a full disk (a real 2 MiB tmpfs, filled)', () => {
  function tinyDisk(): string {
    const mount = join(dir, 'disk');
    mkdirSync(mount);
    const unmount = mountTinyDisk(mount, 2048);
    if (!unmount) throw new Error('cannot mount a tmpfs');
    undo.push(unmount);
    return mount;
  }
  const fullMessage = (path: string) =>
    `stint: Cannot write ${path}: the disk is full. Free some space on it (or pass --db with a file on another disk), then try again.\n`;

  it('creating a database says the disk is full and leaves no empty file behind', () => {
    const disk = tinyDisk();
    fill(disk);
    const db = join(disk, 'stint.db');
    const r = runCli([...ADD, '--db', db]);
    expect(r.stderr).toBe(fullMessage(db));
    expect(r.code).toBe(1);
    expect(readdirSync(disk)).toEqual(['filler']);
  });

  it('a change to a database on a disk that filled up says the disk is full', () => {
    const disk = tinyDisk();
    const db = join(disk, 'stint.db');
    recorded(db);
    fill(disk);
    const r = runCli([...ADD, '--db', db]);
    expect(r.stderr).toBe(fullMessage(db));
    expect(r.code).toBe(1);
    expect(existsSync(db)).toBe(true);
    expect(statSync(db).size).toBeGreaterThan(0);
  });
});
