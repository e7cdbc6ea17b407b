import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../shared/user-error';
import { CallsStore } from './calls-store';
import { CorrectionsStore } from './corrections-store';
import { IdleChoicesStore } from './idle-choices-store';
import { RulesStore } from './rules-store';
import { Store } from './store';

const H = 3_600_000;
const T9 = Date.UTC(2026, 2, 2, 9);

/*
 * Two connections to one database file, as two processes would hold them: a change the other connection
 * made first is refused with a ConflictError naming what stands. The last tests make SQLite's unique
 * constraint catch a writer that got past the check (a temporary trigger plays the other writer, landing
 * between the check and the insert): the refusal is the same ConflictError, not a raw SQLite error.
 */
let dir: string;
let first: Store;
let second: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-conflicts-'));
  const path = join(dir, 'stint.db');
  first = Store.open(path);
  first.startRun('r', 1, T9);
  const base = { timeZone: 'UTC', utcOffsetMin: 0, open: false };
  first.flush({
    runId: 'r',
    lastSeenMs: T9 + 8 * H,
    activity: [],
    idle: [{ ...base, uuid: 'idle-1', startMs: T9 + H, endMs: T9 + 2 * H }],
    sessions: [{ ...base, uuid: 'session-1', kind: 'work', startMs: T9, endMs: T9 + 8 * H, startReason: 'clock-in', endReason: 'clock-out' }],
  });
  second = Store.open(path);
});
afterEach(() => {
  first.close();
  second.close();
  rmSync(dir, { recursive: true, force: true });
});

const conflict = (fn: () => unknown): ConflictError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConflictError) return error;
    throw error;
  }
  throw new Error('no conflict');
};

describe('a change the other connection made first', () => {
  it('an edit or removal of a session already edited is refused, naming the edit to change instead', () => {
    const mine = new CorrectionsStore(first.db, first.deviceId).edit('session-1', { endMs: T9 + 4 * H }, 'left early', T9 + 9 * H);
    const theirs = new CorrectionsStore(second.db, second.deviceId);
    const message = `session-1 was already replaced by ${mine.uuid}. Edit that one instead.`;
    expect(conflict(() => theirs.edit('session-1', { endMs: T9 + 5 * H }, 'left at two', T9 + 9 * H)).message).toBe(message);
    expect(conflict(() => theirs.remove('session-1', 'not worked', T9 + 9 * H)).message).toBe(message);
    expect(conflict(() => theirs.add({ kind: 'work', startMs: T9, endMs: T9 + H, timeZone: 'UTC', replaces: 'session-1', reason: 'x' }, T9)).message).toBe(
      message,
    );
    expect(theirs.edit(mine.uuid, { endMs: T9 + 5 * H }, 'left at two after all', T9 + 9 * H).endMs).toBe(T9 + 5 * H);
  });

  it('a second answer to the same idle prompt is refused with the first answer', () => {
    new IdleChoicesStore(first.db, first.deviceId).resolve('idle-1', 'break', T9 + 9 * H);
    const error = conflict(() => new IdleChoicesStore(second.db, second.deviceId).resolve('idle-1', 'work', T9 + 9 * H));
    expect(error.message).toBe('This idle stretch was already marked as break. Correct the time in the timesheet instead.');
    expect(second.db.prepare("SELECT count(*) FROM corrections WHERE kind = 'break'").pluck().get()).toBe(1);
  });

  it('a second review of a detected call is refused; the review carries the device and is queued for sync', () => {
    const call = {
      source: 'detected' as const,
      direction: 'out' as const,
      startMs: T9,
      endMs: T9 + H,
      wrapEndMs: T9 + H,
      answered: true,
      talkMs: H,
      holdMs: 0,
      wrapMs: 0,
    };
    const uuid = new CallsStore(first.db, first.deviceId).insert(call, 'UTC', T9);
    new CallsStore(first.db, first.deviceId).review(uuid, 'dismiss', null, T9 + H);
    const error = conflict(() => new CallsStore(second.db, second.deviceId).review(uuid, 'confirm', null, T9 + H));
    expect(error.message).toMatch(new RegExp(`^Call ${uuid} was already reviewed \\(dismiss\\)\\.`));
    const review = first.db.prepare('SELECT uuid, device_id FROM call_reviews').get() as { uuid: string; device_id: string };
    expect(review.device_id).toBe(first.deviceId);
    expect(first.db.prepare('SELECT kind FROM outbox WHERE uuid = ?').pluck().get(review.uuid)).toBe('call-review');
  });

  it('a rule id taken by the other connection is refused; rules without an id get the next free one', () => {
    new RulesStore(first.db).add({ id: 'crm', category: 'Sales > CRM', app: 'salesforce' }, T9);
    expect(conflict(() => new RulesStore(second.db).add({ id: 'crm', category: 'Sales > Dialer', app: 'dialer' }, T9)).message).toBe(
      'A rule with id "crm" already exists. Choose another --id.',
    );
    expect(new RulesStore(second.db).add({ category: 'Sales > Dialer', app: 'dialer' }, T9).id).toBe('user-2');
  });
});

describe('a writer that got past the check', () => {
  it('a second replacement caught by the unique index is the same ConflictError', () => {
    // The other edit lands between this connection's check and its insert.
    second.db.exec(`CREATE TEMP TRIGGER other_edit BEFORE INSERT ON main.corrections WHEN NEW.reason = 'late edit' BEGIN
      INSERT INTO main.corrections (uuid, device_id, kind, start_ms, end_ms, tz, utc_offset_min, replaces_uuid, reason, created_ms)
      VALUES ('other-edit', 'other-device', 'work', NEW.start_ms, NEW.end_ms, 'UTC', 0, NEW.replaces_uuid, 'other edit', 0);
    END`);
    const corrections = new CorrectionsStore(second.db, second.deviceId);
    const error = conflict(() => corrections.edit('session-1', { endMs: T9 + 4 * H }, 'late edit', T9 + 9 * H));
    // The failed statement took the other edit with it, so the refusal cannot name it.
    expect(error.message).toBe('session-1 was already replaced by another change. `stint time list` shows what stands now; edit that one instead.');
    expect(second.db.prepare('SELECT count(*) FROM corrections').pluck().get()).toBe(0);
  });

  it('a second idle answer caught by the unique key is the same ConflictError', () => {
    second.db.exec(`CREATE TEMP TRIGGER other_answer BEFORE INSERT ON main.idle_choices WHEN NEW.choice = 'work' BEGIN
      INSERT INTO main.idle_choices (uuid, device_id, idle_uuid, choice, start_ms, end_ms, created_ms)
      VALUES ('other-answer', 'other-device', NEW.idle_uuid, 'discard', NEW.start_ms, NEW.end_ms, 0);
    END`);
    const error = conflict(() => new IdleChoicesStore(second.db, second.deviceId).resolve('idle-1', 'work', T9 + 9 * H));
    expect(error.message).toBe('This idle stretch was already answered. Correct the time in the timesheet instead.');
  });

  it('a second call review caught by the unique key is the same ConflictError', () => {
    const call = {
      source: 'detected' as const,
      direction: 'out' as const,
      startMs: T9,
      endMs: T9 + H,
      wrapEndMs: T9 + H,
      answered: true,
      talkMs: H,
      holdMs: 0,
      wrapMs: 0,
    };
    const uuid = new CallsStore(second.db, second.deviceId).insert(call, 'UTC', T9);
    second.db.exec(`CREATE TEMP TRIGGER other_review BEFORE INSERT ON main.call_reviews WHEN NEW.action = 'confirm' BEGIN
      INSERT INTO main.call_reviews (uuid, device_id, call_uuid, action, created_ms) VALUES ('other-review', 'other-device', NEW.call_uuid, 'dismiss', 0);
    END`);
    const error = conflict(() => new CallsStore(second.db, second.deviceId).review(uuid, 'confirm', null, T9 + H));
    expect(error.message).toMatch(new RegExp(`^Call ${uuid} was already reviewed\\. Reviews are final`));
  });

  it('a rule id caught by the primary key is the same ConflictError', () => {
    second.db.exec(`CREATE TEMP TRIGGER other_rule BEFORE INSERT ON main.category_rules WHEN NEW.category = 'Sales > Dialer' BEGIN
      INSERT INTO main.category_rules (id, position, category, app, created_ms) VALUES (NEW.id, 99, 'Sales > CRM', 'salesforce', 0);
    END`);
    const error = conflict(() => new RulesStore(second.db).add({ id: 'dialer', category: 'Sales > Dialer', app: 'dialer' }, T9));
    expect(error.message).toBe('A rule with id "dialer" already exists. Choose another --id.');
  });
});
