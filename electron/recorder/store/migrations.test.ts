import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/user-error';
import { CorrectionsStore } from './corrections-store';
import { migrations } from './migrations';
import { openDatabase, STINT_APPLICATION_ID } from './open-database';
import { Store } from './store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 1: initial schema', () => {
  it('creates the tables, marks the file as Stint and sets the version', () => {
    const db = openDatabase(join(dir, 'a.db'), { targetVersion: 1 });
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    expect(tables).toEqual(['activity', 'commands', 'idle', 'meta', 'outbox', 'runs', 'sessions', 'strings']);
    expect(db.pragma('application_id', { simple: true })).toBe(STINT_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('queues closed records in the outbox once and refuses to change them afterwards', () => {
    const store = Store.open(join(dir, 'b.db'));
    store.startRun('run-1', 1, 0);
    const base = { uuid: 'a-1', startMs: 0, endMs: 1000, timeZone: 'UTC', utcOffsetMin: 0, app: 'x', title: 'y' };
    store.flush({ runId: 'run-1', lastSeenMs: 1000, activity: [{ ...base, open: true }], idle: [], sessions: [] });
    expect(store.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    store.flush({ runId: 'run-1', lastSeenMs: 2000, activity: [{ ...base, endMs: 2000, open: false }], idle: [], sessions: [] });
    expect(store.db.prepare('SELECT kind, uuid FROM outbox').all()).toEqual([{ kind: 'activity', uuid: 'a-1' }]);
    expect(() => store.db.prepare("UPDATE activity SET end_ms = 5 WHERE uuid = 'a-1'").run()).toThrow(/immutable/);
    store.close();
  });

  it('allows one open session at a time', () => {
    const store = Store.open(join(dir, 'c.db'));
    const s = { kind: 'work' as const, startMs: 0, endMs: 0, timeZone: 'UTC', utcOffsetMin: 0, startReason: 'clock-in', endReason: null, open: true };
    store.writeSessions([{ ...s, uuid: 's-1' }]);
    expect(() => store.writeSessions([{ ...s, uuid: 's-2' }])).toThrow();
    store.close();
  });
});

describe('migration 2: rules, ratings and corrections', () => {
  it('upgrades a version-1 database that holds data, keeping the data', () => {
    const path = join(dir, 'v1.db');
    const v1 = openDatabase(path, { targetVersion: 1 });
    v1.prepare("INSERT INTO meta (key, value) VALUES ('device_id', 'dev-1')").run();
    v1.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get()).toBe('dev-1');
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['category_rules', 'disabled_default_rules', 'category_ratings', 'corrections']));
    db.close();
  });

  it('keeps corrections immutable, with a reason, and queues them for sync', () => {
    const db = openDatabase(join(dir, 'corr.db'));
    const insert = db.prepare(
      "INSERT INTO corrections (uuid, device_id, kind, start_ms, end_ms, tz, utc_offset_min, replaces_uuid, reason, created_ms) VALUES (?, 'd', 'work', ?, ?, 'UTC', 0, ?, ?, 0)",
    );
    insert.run('c-1', 0, 1000, null, 'forgot to clock in');
    expect(() => insert.run('c-2', 0, 1000, null, '   ')).toThrow(/CHECK/);
    expect(() => insert.run('c-3', 1000, 0, null, 'backwards')).toThrow(/CHECK/);
    expect(() => insert.run('c-4', null, null, null, 'removes nothing')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE corrections SET reason = 'x'").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM corrections').run()).toThrow(/immutable/);
    expect(db.prepare('SELECT kind, uuid FROM outbox').all()).toEqual([{ kind: 'correction', uuid: 'c-1' }]);
    db.close();
  });
});

describe('migration 3: idle choices', () => {
  it('records one answer per idle stretch and keeps it', () => {
    const db = openDatabase(join(dir, 'idle.db'));
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    db.prepare("INSERT INTO idle (uuid, device_id, start_ms, end_ms, tz, utc_offset_min, open) VALUES ('i-1', 'd', 0, 600000, 'UTC', 0, 0)").run();
    const insert = db.prepare(
      "INSERT INTO idle_choices (uuid, device_id, idle_uuid, choice, start_ms, end_ms, created_ms) VALUES (?, 'd', ?, ?, 0, 600000, 0)",
    );
    insert.run('c-1', 'i-1', 'break');
    expect(() => insert.run('c-2', 'i-1', 'work')).toThrow(/UNIQUE/);
    expect(() => insert.run('c-3', 'no-such-idle', 'work')).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('c-4', 'i-1', 'nap')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE idle_choices SET choice = 'work'").run()).toThrow(/immutable/);
    expect(db.prepare("SELECT kind FROM outbox WHERE uuid = 'c-1'").pluck().get()).toBe('idle-choice');
    db.close();
  });
});

describe('migration 4: calls and CRM data', () => {
  it('keeps calls immutable and unique per imported system id, and reviews one per call', () => {
    const db = openDatabase(join(dir, 'calls.db'), { targetVersion: 4 });
    const insert = db.prepare(
      `INSERT INTO calls (uuid, device_id, source, system, external_id, direction, start_ms, end_ms, wrap_end_ms, answered, talk_ms, hold_ms, wrap_ms, tz, utc_offset_min, created_ms)
       VALUES (?, 'd', 'import', 'five9', ?, 'in', 0, 60000, 90000, 1, 50000, 10000, 30000, 'UTC', 0, 0)`,
    );
    insert.run('c-1', 'F-1');
    expect(() => insert.run('c-2', 'F-1')).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE calls SET talk_ms = 1 WHERE uuid = 'c-1'").run()).toThrow(/immutable/);
    db.prepare("INSERT INTO call_reviews (uuid, call_uuid, action, created_ms) VALUES ('r-1', 'c-1', 'dismiss', 0)").run();
    expect(() => db.prepare("INSERT INTO call_reviews (uuid, call_uuid, action, created_ms) VALUES ('r-2', 'c-1', 'confirm', 0)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO call_reviews (uuid, call_uuid, action, created_ms) VALUES ('r-3', 'c-1', 'merge', 0)").run()).toThrow(/CHECK/);
    expect(db.prepare("SELECT kind FROM outbox WHERE uuid = 'c-1'").pluck().get()).toBe('call');
    db.close();
  });
});

describe('migration 5: activity day cache', () => {
  it('creates the cache and its invalidation triggers on a database with data', () => {
    const path = join(dir, 'v4.db');
    const v4 = openDatabase(path, { targetVersion: 4 });
    v4.prepare("INSERT INTO meta (key, value) VALUES ('device_id', 'dev-1')").run();
    v4.close();
    const db = openDatabase(path, { targetVersion: 5 });
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    const triggers = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'activity_day_cache%' ORDER BY name").pluck().all();
    expect(triggers).toEqual(['activity_day_cache_insert', 'activity_day_cache_update']);
    db.close();
  });
});

describe('migration 17: time-use caches', () => {
  it('empties the day cache (its rows lack active time), and idle records now forget days and blocks', () => {
    const path = join(dir, 'v16.db');
    const v16 = openDatabase(path, { targetVersion: 16 });
    v16.prepare('INSERT INTO activity_day_cache (day, app_id, title_id, url_id, ms) VALUES (3, 1, 1, 0, 1000)').run();
    v16.prepare('INSERT INTO activity_day_cached (day) VALUES (3)').run();
    v16.close();
    const db = openDatabase(path, { targetVersion: 17 });
    expect(db.prepare('SELECT count(*) FROM activity_day_cache').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM activity_day_cached').pluck().get()).toBe(0);
    const day = 86_400_000;
    db.exec(`INSERT INTO activity_day_cached (day) VALUES (3), (4); INSERT INTO activity_block_cached (block) VALUES (0), (1)`);
    db.exec(`INSERT INTO runs (id, device_id, pid, started_ms, last_seen_ms) VALUES ('r', 'd', 1, 0, 0)`);
    db.prepare(`INSERT INTO idle (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min) VALUES ('i', 'd', 'r', ?, ?, 'UTC', 0)`).run(
      3 * day + 5,
      3 * day + 9,
    );
    expect(db.prepare('SELECT day FROM activity_day_cached').pluck().all()).toEqual([4]);
    expect(db.prepare('SELECT block FROM activity_block_cached').pluck().all()).toEqual([1]);
    db.close();
  });
});

describe('migration 6: call day cache', () => {
  it('upgrades a version-5 database with calls; a new call or a review drops only its own day', () => {
    const path = join(dir, 'v5.db');
    const v5 = openDatabase(path, { targetVersion: 5 });
    const insertCall = (db: Database.Database) =>
      db.prepare(
        `INSERT INTO calls (uuid, device_id, source, direction, start_ms, end_ms, wrap_end_ms, answered, talk_ms, hold_ms, wrap_ms, tz, utc_offset_min, created_ms)
       VALUES (?, 'd', 'detected', 'out', ?, ?, ?, 1, 60000, 0, 0, 'UTC', 0, 0)`,
      );
    const day = 86_400_000;
    insertCall(v5).run('c-1', 2 * day + 1000, 2 * day + 61_000, 2 * day + 61_000);
    v5.close();

    const db = openDatabase(path, { targetVersion: 6 });
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(1);
    const cache = db.prepare(
      `INSERT OR REPLACE INTO call_day_cache (tz, date, cap_ms, agent, start_ms, end_ms, calls, answered, talk_ms, hold_ms, wrap_ms, handle_ms) VALUES ('UTC', ?, 600000, '', ?, ?, 0, 0, 0, 0, 0, x'')`,
    );
    const fill = () => ['1970-01-01', '1970-01-02', '1970-01-03', '1970-01-04'].forEach((date, i) => cache.run(date, i * day, (i + 1) * day));
    const dates = () => db.prepare('SELECT date FROM call_day_cache ORDER BY date').pluck().all();
    fill();
    insertCall(db).run('c-2', 3 * day, 3 * day + 60_000, 3 * day + 60_000);
    expect(dates()).toEqual(['1970-01-01', '1970-01-02', '1970-01-03']);
    fill();
    db.prepare("INSERT INTO call_reviews (uuid, call_uuid, action, created_ms) VALUES ('r-1', 'c-1', 'dismiss', 0)").run();
    expect(dates()).toEqual(['1970-01-01', '1970-01-02', '1970-01-04']);
    db.close();
  });
});

describe('migration 7: lead phones and call phone keys', () => {
  it('keys the contacts of existing calls that are phone numbers, and drops a lead’s numbers with the lead', () => {
    const path = join(dir, 'v6.db');
    const v6 = openDatabase(path, { targetVersion: 6 });
    const insert = v6.prepare(
      `INSERT INTO calls (uuid, device_id, source, direction, contact, start_ms, end_ms, wrap_end_ms, answered, talk_ms, hold_ms, wrap_ms, tz, utc_offset_min, created_ms)
       VALUES (?, 'd', 'manual', 'out', ?, 0, 60000, 60000, 1, 60000, 0, 0, 'UTC', 0, 0)`,
    );
    insert.run('c-phone', '+1 (415) 555-0132');
    insert.run('c-name', 'Acme, Inc.');
    insert.run('c-none', null);
    insert.run('c-dismissed', '415 555 0199');
    v6.prepare("INSERT INTO call_reviews (uuid, call_uuid, action, created_ms) VALUES ('r-0', 'c-dismissed', 'dismiss', 0)").run();
    v6.close();

    const db = openDatabase(path, { targetVersion: 7 });
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    const keys = () =>
      db.prepare('SELECT c.uuid, k.phone_key, k.start_ms, k.touch FROM call_phone_keys k JOIN calls c ON c.id = k.call_id ORDER BY c.id').raw().all();
    expect(keys()).toEqual([['c-phone', '155550132', 0, 1]]);
    // Dismissing a call removes its key; reviews are final.
    db.prepare("INSERT INTO call_reviews (uuid, call_uuid, action, created_ms) VALUES ('r-1', 'c-phone', 'dismiss', 0)").run();
    expect(keys()).toEqual([]);
    expect(() => db.prepare("DELETE FROM call_reviews WHERE uuid = 'r-1'").run()).toThrow(/final/);
    // The lead's first call follows its numbers, its creation time and the calls.
    db.prepare("INSERT INTO leads (system, external_id, created_ms, status, imported_ms) VALUES ('salesforce', '00Q1', 0, 'Open', 0)").run();
    const firstCall = () => db.prepare("SELECT first_call_ms FROM leads WHERE external_id = '00Q1'").pluck().get();
    expect(firstCall()).toBeNull();
    db.prepare("INSERT INTO lead_phones (system, lead_id, phone, phone_key) VALUES ('salesforce', '00Q1', '415-555-0199', '155550199')").run();
    expect(firstCall()).toBeNull(); // c-dismissed was dismissed before the upgrade: no key row
    db.prepare("INSERT INTO call_phone_keys (call_id, phone_key, start_ms, touch) SELECT id, '155550199', start_ms, 1 FROM calls WHERE uuid = 'c-name'").run();
    expect(firstCall()).toBe(0);
    db.prepare("UPDATE leads SET created_ms = 1 WHERE external_id = '00Q1'").run();
    expect(firstCall()).toBeNull(); // every call started before the lead now
    expect(() => db.prepare("INSERT INTO lead_phones (system, lead_id, phone, phone_key) VALUES ('salesforce', '00Q9', '1', '1')").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.prepare("DELETE FROM leads WHERE external_id = '00Q1'").run();
    expect(db.prepare('SELECT count(*) FROM lead_phones').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 8: one live replacement per record, call reviews synced, closed records permanent', () => {
  const H = 3_600_000;

  /** A version-7 database with two forked edits (one forked again inside its losing branch), calls, reviews and open rows. */
  function version7(path: string): void {
    const v7 = openDatabase(path, { targetVersion: 7 });
    v7.prepare("INSERT INTO meta (key, value) VALUES ('device_id', 'dev-1')").run();
    v7.prepare("INSERT INTO runs (id, device_id, pid, started_ms, last_seen_ms) VALUES ('run-1', 'dev-1', 1, 0, 0)").run();
    const session = v7.prepare(
      "INSERT INTO sessions (uuid, device_id, run_id, kind, start_ms, end_ms, tz, utc_offset_min, start_reason, open) VALUES (?, 'dev-1', 'run-1', 'work', ?, ?, 'UTC', 0, 'clock-in', ?)",
    );
    session.run('s-1', 0, 4 * H, 0);
    session.run('s-2', 5 * H, 6 * H, 0);
    session.run('s-open', 7 * H, 8 * H, 1);
    const correction = v7.prepare(
      "INSERT INTO corrections (uuid, device_id, kind, start_ms, end_ms, tz, utc_offset_min, replaces_uuid, reason, created_ms) VALUES (?, 'dev-1', 'work', ?, ?, 'UTC', 0, ?, 'edit', ?)",
    );
    // Inserted in this order (ids 1…9). c-b has the earlier clock time, but c-a committed first: c-a stands.
    correction.run('c-a', 0, 4 * H, 's-1', 100);
    correction.run('c-b', 0, 5 * H, 's-1', 50);
    correction.run('c-c', 0, 5.5 * H, 'c-b', 200);
    correction.run('c-d', 0, 3 * H, 'c-a', 300);
    correction.run('c-e', 9 * H, 10 * H, null, 300);
    correction.run('c-f', 0, 6 * H, 'c-c', 400);
    correction.run('c-g', null, null, 'c-c', 400);
    correction.run('c-h', 5 * H, 5.5 * H, 's-2', 500);
    correction.run('c-i', null, null, 's-2', 500);
    v7.prepare(
      "INSERT INTO idle (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, open) VALUES ('i-1', 'dev-1', 'run-1', ?, ?, 'UTC', 0, 0)",
    ).run(H, 2 * H);
    v7.prepare(
      "INSERT INTO idle (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, open) VALUES ('i-open', 'dev-1', 'run-1', ?, ?, 'UTC', 0, 1)",
    ).run(7 * H, 8 * H);
    v7.prepare(
      "INSERT INTO idle_choices (uuid, device_id, idle_uuid, choice, start_ms, end_ms, created_ms) VALUES ('ic-1', 'dev-1', 'i-1', 'work', ?, ?, 0)",
    ).run(H, 2 * H);
    v7.prepare("INSERT INTO strings (id, value) VALUES (1, 'app')").run();
    v7.prepare(
      "INSERT INTO activity (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, app_id, title_id, open) VALUES ('a-1', 'dev-1', 'run-1', 0, ?, 'UTC', 0, 1, 1, 0)",
    ).run(H);
    const call = v7.prepare(
      `INSERT INTO calls (uuid, device_id, source, direction, contact, start_ms, end_ms, wrap_end_ms, answered, talk_ms, hold_ms, wrap_ms, tz, utc_offset_min, created_ms)
       VALUES (?, 'dev-1', 'detected', 'out', ?, ?, ? + 60000, ? + 60000, 1, 60000, 0, 0, 'UTC', 0, 0)`,
    );
    call.run('call-1', '+1 415 555 0101', 0, 0, 0);
    call.run('call-2', '+1 415 555 0102', 2 * 86_400_000, 2 * 86_400_000, 2 * 86_400_000);
    v7.prepare("INSERT INTO call_reviews (uuid, call_uuid, action, created_ms) VALUES ('r-1', 'call-1', 'dismiss', 10)").run();
    v7.close();
  }

  const worked = (db: Database.Database) =>
    new CorrectionsStore(db, 'dev-1')
      .effective(0, 24 * H, 24 * H)
      .filter((i) => !i.open)
      .map((i) => [i.uuid, (i.endMs - i.startMs) / H]);

  it('keeps the first replacement of a forked record and moves the later ones, with what corrected them, aside', () => {
    const path = join(dir, 'forks.db');
    version7(path);
    const before = openDatabase(path, { targetVersion: 7 });
    // Before the migration the shared resolver already counts only the replacement committed first, the
    // one the migration keeps, so the figures do not move when the losers are set aside.
    expect(worked(before)).toEqual([
      ['c-d', 3],
      ['c-h', 0.5],
      ['c-e', 1],
    ]);
    before.close();

    const db = openDatabase(path, { targetVersion: 8 });
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT uuid FROM corrections ORDER BY id').pluck().all()).toEqual(['c-a', 'c-d', 'c-e', 'c-h']);
    expect(db.prepare('SELECT uuid, lost_to FROM superseded_corrections ORDER BY created_ms, uuid').raw().all()).toEqual([
      ['c-b', 'c-a'],
      ['c-c', 'c-a'],
      ['c-f', 'c-a'],
      ['c-g', 'c-a'],
      ['c-i', 'c-h'],
    ]);
    expect(db.prepare("SELECT reason, start_ms, end_ms, replaces_uuid FROM superseded_corrections WHERE uuid = 'c-b'").raw().get()).toEqual([
      'edit',
      0,
      5 * H,
      's-1',
    ]);
    expect(worked(db)).toEqual([
      ['c-d', 3],
      ['c-h', 0.5],
      ['c-e', 1],
    ]);
    expect(db.prepare("SELECT uuid FROM outbox WHERE kind = 'correction' ORDER BY seq").pluck().all()).toEqual(['c-a', 'c-d', 'c-e', 'c-h']);

    // From now on the database refuses a second replacement of the same record.
    const insert = db.prepare(
      "INSERT INTO corrections (uuid, device_id, kind, start_ms, end_ms, tz, utc_offset_min, replaces_uuid, reason, created_ms) VALUES (?, 'dev-1', 'work', 0, 1000, 'UTC', 0, ?, 'again', 0)",
    );
    expect(() => insert.run('c-x', 's-1')).toThrow(/UNIQUE constraint failed: corrections.replaces_uuid/);
    insert.run('c-y', 'c-d');
    insert.run('c-z', null);
    expect(() => db.prepare("DELETE FROM superseded_corrections WHERE uuid = 'c-b'").run()).toThrow(/kept on record/);
    expect(() => db.prepare("UPDATE superseded_corrections SET reason = 'x'").run()).toThrow(/kept on record/);
    expect(() => db.prepare("DELETE FROM corrections WHERE uuid = 'c-e'").run()).toThrow(/immutable/);
    db.close();
  });

  it('moves the same rows whichever copy of the database it runs on', () => {
    const runs = ['one.db', 'two.db'].map((name) => {
      const path = join(dir, name);
      version7(path);
      const db = openDatabase(path);
      const rows = db.prepare('SELECT * FROM superseded_corrections ORDER BY uuid').raw().all();
      db.close();
      return rows;
    });
    expect(runs[0]).toHaveLength(5);
    expect(runs[1]).toEqual(runs[0]);
  });

  it('gives existing call reviews the device id and queues them; new reviews need a device id and are queued', () => {
    const path = join(dir, 'reviews.db');
    version7(path);
    const db = openDatabase(path);
    expect(db.prepare('SELECT uuid, device_id, call_uuid, action FROM call_reviews').raw().all()).toEqual([['r-1', 'dev-1', 'call-1', 'dismiss']]);
    expect(db.prepare("SELECT uuid FROM outbox WHERE kind = 'call-review'").pluck().all()).toEqual(['r-1']);
    const review = db.prepare('INSERT INTO call_reviews (uuid, device_id, call_uuid, action, created_ms) VALUES (?, ?, ?, ?, 0)');
    expect(() => review.run('r-2', null, 'call-2', 'confirm')).toThrow(/NOT NULL/);
    expect(() => review.run('r-2', 'dev-1', 'call-1', 'confirm')).toThrow(/UNIQUE/);
    expect(() => review.run('r-2', 'dev-1', 'no-call', 'confirm')).toThrow(/FOREIGN KEY/);

    // The triggers the reviews had still work: a dismissal drops the call's day from the cache and its phone key.
    const day = 86_400_000;
    db.prepare(
      "INSERT INTO call_day_cache (tz, date, cap_ms, agent, start_ms, end_ms, calls, answered, talk_ms, hold_ms, wrap_ms, handle_ms) VALUES ('UTC', '1970-01-03', 0, '', ?, ?, 1, 1, 0, 0, 0, x'')",
    ).run(2 * day, 3 * day);
    db.prepare("INSERT INTO call_phone_keys (call_id, phone_key, start_ms, touch) SELECT id, '155550102', start_ms, 1 FROM calls WHERE uuid = 'call-2'").run();
    expect(db.prepare("SELECT count(*) FROM call_phone_keys k JOIN calls c ON c.id = k.call_id WHERE c.uuid = 'call-2'").pluck().get()).toBe(1);
    review.run('r-2', 'dev-1', 'call-2', 'dismiss');
    expect(db.prepare('SELECT count(*) FROM call_day_cache').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM call_phone_keys k JOIN calls c ON c.id = k.call_id WHERE c.uuid = 'call-2'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT uuid FROM outbox WHERE kind = 'call-review' ORDER BY seq").pluck().all()).toEqual(['r-1', 'r-2']);
    expect(() => db.prepare("UPDATE call_reviews SET action = 'confirm'").run()).toThrow(/final/);
    expect(() => db.prepare("DELETE FROM call_reviews WHERE uuid = 'r-1'").run()).toThrow(/final/);
    db.close();
  });

  it('refuses to delete closed records, and still deletes an open row', () => {
    const path = join(dir, 'permanent.db');
    version7(path);
    const db = openDatabase(path);
    const remove = (sql: string) => () => db.prepare(sql).run();
    expect(remove("DELETE FROM activity WHERE uuid = 'a-1'")).toThrow(/activity records are permanent/);
    expect(remove("DELETE FROM idle WHERE uuid = 'i-1'")).toThrow(/idle records are permanent/);
    expect(remove("DELETE FROM sessions WHERE uuid = 's-1'")).toThrow(/session records are permanent/);
    expect(remove("DELETE FROM idle_choices WHERE uuid = 'ic-1'")).toThrow(/idle choices are permanent/);
    expect(remove("DELETE FROM calls WHERE uuid = 'call-2'")).toThrow(/call records are permanent/);
    expect(remove("DELETE FROM idle WHERE uuid = 'i-open'")().changes).toBe(1);
    expect(remove("DELETE FROM sessions WHERE uuid = 's-open'")().changes).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'call_day_cache_call_removed'").pluck().get()).toBe(0);
    db.close();
  });

  it('upgrades a database without forks or reviews', () => {
    const path = join(dir, 'plain.db');
    openDatabase(path, { targetVersion: 7 }).close();
    const db = openDatabase(path, { targetVersion: 8 });
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT count(*) FROM superseded_corrections').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});

describe('opening a database', () => {
  it('refuses a SQLite file that belongs to something else, without touching it', () => {
    const path = join(dir, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER)');
    other.close();
    expect(() => openDatabase(path)).toThrow(UserError);
    expect(() => openDatabase(path)).toThrow(/not a Stint database/);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(0);
    again.close();
  });

  it('refuses a file that is not SQLite at all', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'hello, this is not a database\n'.repeat(200));
    expect(() => openDatabase(path)).toThrow(/not a Stint database/);
  });

  it('refuses a database from a newer Stint', () => {
    const path = join(dir, 'newer.db');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer Stint/);
  });

  it('opens read-only only what exists', () => {
    expect(() => openDatabase(join(dir, 'missing.db'), { readonly: true })).toThrow(/No Stint database/);
  });

  it('makes every connection wait for a busy database instead of failing', () => {
    const path = join(dir, 'busy.db');
    const db = openDatabase(path);
    const reader = openDatabase(path, { readonly: true });
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(reader.pragma('busy_timeout', { simple: true })).toBe(5000);
    reader.close();
    db.close();
  });

  it('is idempotent: opening twice applies nothing twice', () => {
    const path = join(dir, 'twice.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    db.close();
  });
});

describe('migration 16: wrap-up notes, call digests recomputed', () => {
  it('adds notes to calls and forgets the call digests counted under the old rules', () => {
    const path = join(dir, 'v14.db');
    const v14 = openDatabase(path, { targetVersion: 14 });
    v14
      .prepare(
        `INSERT INTO calls (uuid, device_id, source, direction, start_ms, end_ms, wrap_end_ms, answered, talk_ms, hold_ms, wrap_ms, tz, utc_offset_min, created_ms)
         VALUES ('c-1', 'd', 'detected', 'out', 1000, 61000, 61000, 1, 60000, 0, 0, 'UTC', 0, 0)`,
      )
      .run();
    v14
      .prepare(
        `INSERT INTO call_day_cache (tz, date, cap_ms, agent, start_ms, end_ms, calls, answered, talk_ms, hold_ms, wrap_ms, handle_ms)
         VALUES ('UTC', '1970-01-01', 600000, '', 0, 86400000, 1, 1, 60000, 0, 0, x'')`,
      )
      .run();
    v14.close();

    const db = openDatabase(path, { targetVersion: 16 });
    expect(db.prepare('SELECT count(*) FROM call_day_cache').pluck().get()).toBe(0);
    expect(db.prepare("SELECT notes FROM calls WHERE uuid = 'c-1'").pluck().get()).toBeNull();
    // Notes are written with the call; the call stays immutable.
    expect(() => db.prepare("UPDATE calls SET notes = 'later' WHERE uuid = 'c-1'").run()).toThrow(/immutable/);
    db.close();
  });
});

describe('migration 14: active time per quarter hour', () => {
  it('upgrades a version-13 database with activity; new activity or idle drops only its own days from the cache', () => {
    const path = join(dir, 'v13.db');
    const day = 86_400_000;
    const v13 = openDatabase(path, { targetVersion: 13 });
    v13.prepare("INSERT INTO runs (id, device_id, pid, started_ms, last_seen_ms) VALUES ('run-1', 'dev-1', 1, 0, 0)").run();
    v13.prepare("INSERT INTO strings (id, value) VALUES (1, 'app')").run();
    const activity = (db: Database.Database, uuid: string, startMs: number) =>
      db
        .prepare(
          "INSERT INTO activity (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, app_id, title_id, open) VALUES (?, 'dev-1', 'run-1', ?, ?, 'UTC', 0, 1, 1, 0)",
        )
        .run(uuid, startMs, startMs + 60_000);
    activity(v13, 'a-1', 1000);
    v13.close();

    const db = openDatabase(path, { targetVersion: 14 });
    expect(db.prepare('SELECT count(*) FROM activity').pluck().get()).toBe(1);
    const cache = db.prepare('INSERT OR REPLACE INTO activity_hour_cache VALUES (?, ?, 0, 1, 0, 0)');
    const cached = db.prepare('INSERT OR REPLACE INTO activity_hour_cached VALUES (?, ?)');
    const fill = () =>
      [0, 1, 2].forEach((d) => {
        cache.run('fp', d);
        cached.run('fp', d);
      });
    const days = () => db.prepare('SELECT day FROM activity_hour_cached ORDER BY day').pluck().all();
    fill();
    activity(db, 'a-2', day + 1000);
    expect(days()).toEqual([0, 2]);
    expect(db.prepare('SELECT day FROM activity_hour_cache ORDER BY day').pluck().all()).toEqual([0, 2]);
    fill();
    db.prepare(
      "INSERT INTO idle (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, open) VALUES ('i-1', 'dev-1', 'run-1', ?, ?, 'UTC', 0, 1)",
    ).run(2 * day, 2 * day + 1000);
    expect(days()).toEqual([0, 1]);
    db.close();
  });
});

describe('migration 15: private activity', () => {
  it('keeps what was recorded as shared, queued once; private activity never enters the outbox', () => {
    const path = join(dir, 'v14-private.db');
    const v14 = openDatabase(path, { targetVersion: 14 });
    v14.prepare("INSERT INTO runs (id, device_id, pid, started_ms, last_seen_ms) VALUES ('run-1', 'dev-1', 1, 0, 0)").run();
    v14.prepare("INSERT INTO strings (id, value) VALUES (1, 'app')").run();
    const insert =
      "INSERT INTO activity (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, app_id, title_id, open) VALUES (?, 'dev-1', 'run-1', ?, ?, 'UTC', 0, 1, 1, ?)";
    v14.prepare(insert).run('a-closed', 0, 1000, 0);
    v14.prepare(insert).run('a-open', 1000, 2000, 1);
    v14.close();

    const db = openDatabase(path, { targetVersion: 15 });
    const outbox = () => db.prepare("SELECT uuid FROM outbox WHERE kind = 'activity' ORDER BY seq").pluck().all();
    expect(db.prepare('SELECT uuid, private FROM activity ORDER BY start_ms').all()).toEqual([
      { uuid: 'a-closed', private: 0 },
      { uuid: 'a-open', private: 0 },
    ]);
    expect(outbox()).toEqual(['a-closed']);
    // An open row recorded before the upgrade is the rep's shared work: closing it queues it.
    db.prepare("UPDATE activity SET open = 0 WHERE uuid = 'a-open'").run();
    expect(outbox()).toEqual(['a-closed', 'a-open']);
    const privateInsert =
      "INSERT INTO activity (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, app_id, title_id, open, private) VALUES (?, 'dev-1', 'run-1', ?, ?, 'UTC', 0, 1, 1, ?, 1)";
    db.prepare(privateInsert).run('p-closed', 2000, 3000, 0);
    db.prepare(privateInsert).run('p-open', 3000, 4000, 1);
    db.prepare("UPDATE activity SET open = 0 WHERE uuid = 'p-open'").run();
    expect(outbox()).toEqual(['a-closed', 'a-open']);
    expect(() => db.prepare(privateInsert.replace(', 1)', ', 2)')).run('p-bad', 4000, 5000, 0)).toThrow(/CHECK/);
    db.close();
  });

  it('upgrades a version-14 database straight to the latest version, keeping its activity and calls', () => {
    const path = join(dir, 'v14-latest.db');
    const v14 = openDatabase(path, { targetVersion: 14 });
    v14.prepare("INSERT INTO runs (id, device_id, pid, started_ms, last_seen_ms) VALUES ('run-1', 'dev-1', 1, 0, 0)").run();
    v14.prepare("INSERT INTO strings (id, value) VALUES (1, 'app')").run();
    v14
      .prepare(
        "INSERT INTO activity (uuid, device_id, run_id, start_ms, end_ms, tz, utc_offset_min, app_id, title_id, open) VALUES ('a-1', 'dev-1', 'run-1', 0, 1000, 'UTC', 0, 1, 1, 0)",
      )
      .run();
    v14
      .prepare(
        `INSERT INTO calls (uuid, device_id, source, direction, start_ms, end_ms, wrap_end_ms, answered, talk_ms, hold_ms, wrap_ms, tz, utc_offset_min, created_ms)
         VALUES ('c-1', 'dev-1', 'manual', 'out', 1000, 61000, 61000, 1, 60000, 0, 0, 'UTC', 0, 0)`,
      )
      .run();
    v14.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.prepare('SELECT uuid, private FROM activity').all()).toEqual([{ uuid: 'a-1', private: 0 }]);
    expect(db.prepare('SELECT uuid, notes FROM calls').all()).toEqual([{ uuid: 'c-1', notes: null }]);
    db.close();
  });
});
