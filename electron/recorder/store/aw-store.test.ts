import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwStore } from './aw-store';
import { openDatabase } from './open-database';
import { Store } from './store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-aw-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 12: ActivityWatch buckets, events and web visits', () => {
  it('upgrades a version-9 database that holds activity, keeping it, and adds the tables', () => {
    const path = join(dir, 'a.db');
    const old = openDatabase(path, { targetVersion: 9 });
    old.prepare("INSERT INTO strings (id, value) VALUES (1, 'Code'), (2, 'x')").run();
    old.prepare("INSERT INTO activity (uuid, device_id, start_ms, end_ms, tz, utc_offset_min, app_id, title_id) VALUES ('a', 'd', 0, 5, 'UTC', 0, 1, 2)").run();
    old.close();
    const store = Store.open(path);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(12);
      expect(store.db.prepare('SELECT count(*) FROM activity').pluck().get()).toBe(1);
      const tables = store.db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('aw_buckets', 'aw_events', 'web_visits') ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(['aw_buckets', 'aw_events', 'web_visits']);
    } finally {
      store.close();
    }
  });

  it('deleting a bucket removes its events and web visits; an event uuid is stored once', () => {
    const store = Store.open(join(dir, 'b.db'));
    try {
      const aw = new AwStore(store.db, store.deviceId);
      const bucket = { id: 'web', name: null, type: 'web.tab.current', client: 'c', hostname: 'h', createdMs: 0, data: {} };
      expect(aw.createBucket(bucket)).toBe(true);
      expect(aw.createBucket({ ...bucket, client: 'other' })).toBe(false);
      const id = aw.insertEvent('web', 'u-1', { startMs: 0, endMs: 10, data: { url: 'https://a.example/' } });
      expect(id).not.toBeNull();
      expect(aw.insertEvent('web', 'u-1', { startMs: 0, endMs: 99, data: {} })).toBeNull();
      aw.upsertWebVisit(id!, 'h', 0, 10, 'https://a.example/', 'a.example');
      aw.upsertWebVisit(id!, 'h', 0, 20, 'https://a.example/', 'a.example');
      expect(aw.webVisits('h', 5, 6, aw.longestVisitMs('h'))).toEqual([{ startMs: 0, endMs: 20, url: 'https://a.example/' }]);
      expect(() => aw.insertEvent('nope', 'u-2', { startMs: 0, endMs: 1, data: {} })).toThrow(/FOREIGN KEY/);
      expect(aw.deleteBucket('web')).toBe(true);
      expect(store.db.prepare('SELECT (SELECT count(*) FROM aw_events) + (SELECT count(*) FROM web_visits)').pluck().get()).toBe(0);
    } finally {
      store.close();
    }
  });
});
