import type Database from 'better-sqlite3';
import { canTouchLead, phoneKey } from '../../../shared/sales';

/** A numbered schema change. Applied in order inside one transaction each; never edited once released. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/*
 * Raw records are facts. A record is written when it opens and its end_ms advances while it is the open
 * tail its recorder run is extending (open = 1); once closed it never changes again and is queued in
 * the outbox for sync. Corrections are new records that reference what they change.
 */
const initial: Migration = {
  version: 1,
  name: 'initial schema: runs, activity, idle, sessions, outbox, commands',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      -- Interned app names, titles and urls: a year of activity repeats a few thousand strings.
      CREATE TABLE strings (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE) STRICT;

      -- One row per recorder process; a run that never ended was killed and is recovered at the next start.
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        pid INTEGER NOT NULL,
        started_ms INTEGER NOT NULL,
        last_seen_ms INTEGER NOT NULL,
        ended_ms INTEGER,
        end_reason TEXT
      ) STRICT;

      CREATE TABLE activity (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        run_id TEXT REFERENCES runs(id),
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        tz TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        app_id INTEGER NOT NULL REFERENCES strings(id),
        title_id INTEGER NOT NULL REFERENCES strings(id),
        url_id INTEGER REFERENCES strings(id),
        open INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1)),
        CHECK (end_ms >= start_ms)
      ) STRICT;
      CREATE INDEX activity_by_start ON activity(start_ms);

      CREATE TABLE idle (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        run_id TEXT REFERENCES runs(id),
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        tz TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        open INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1)),
        CHECK (end_ms >= start_ms)
      ) STRICT;
      CREATE INDEX idle_by_start ON idle(start_ms);

      -- Work sessions and breaks never overlap: a break ends the work session and resume starts a new one.
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        run_id TEXT REFERENCES runs(id),
        kind TEXT NOT NULL CHECK (kind IN ('work', 'break')),
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        tz TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        start_reason TEXT NOT NULL,
        end_reason TEXT,
        open INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1)),
        CHECK (end_ms >= start_ms)
      ) STRICT;
      CREATE INDEX sessions_by_start ON sessions(start_ms);
      CREATE UNIQUE INDEX one_open_session ON sessions(open) WHERE open = 1;

      -- Closed records waiting to be pushed to a server.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        uuid TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TRIGGER activity_closed_insert AFTER INSERT ON activity WHEN NEW.open = 0
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('activity', NEW.uuid); END;
      CREATE TRIGGER activity_closed_update AFTER UPDATE OF open ON activity WHEN OLD.open = 1 AND NEW.open = 0
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('activity', NEW.uuid); END;
      CREATE TRIGGER idle_closed_insert AFTER INSERT ON idle WHEN NEW.open = 0
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('idle', NEW.uuid); END;
      CREATE TRIGGER idle_closed_update AFTER UPDATE OF open ON idle WHEN OLD.open = 1 AND NEW.open = 0
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('idle', NEW.uuid); END;
      CREATE TRIGGER sessions_closed_insert AFTER INSERT ON sessions WHEN NEW.open = 0
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('session', NEW.uuid); END;
      CREATE TRIGGER sessions_closed_update AFTER UPDATE OF open ON sessions WHEN OLD.open = 1 AND NEW.open = 0
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('session', NEW.uuid); END;

      -- Closed facts are immutable: refuse any change to a closed row.
      CREATE TRIGGER activity_immutable BEFORE UPDATE ON activity WHEN OLD.open = 0
        BEGIN SELECT RAISE(ABORT, 'activity records are immutable once closed'); END;
      CREATE TRIGGER idle_immutable BEFORE UPDATE ON idle WHEN OLD.open = 0
        BEGIN SELECT RAISE(ABORT, 'idle records are immutable once closed'); END;
      CREATE TRIGGER sessions_immutable BEFORE UPDATE ON sessions WHEN OLD.open = 0
        BEGIN SELECT RAISE(ABORT, 'session records are immutable once closed'); END;

      -- Requests from other processes (the CLI) to the running recorder, answered through the same table.
      CREATE TABLE commands (
        id INTEGER PRIMARY KEY,
        created_ms INTEGER NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        result TEXT,
        answered_ms INTEGER
      ) STRICT;
      CREATE INDEX commands_pending ON commands(id) WHERE status = 'pending';
    `);
  },
};

/*
 * Category rules the rep added (tried before the built-in ones on equal depth), built-in rules they
 * switched off, rating overrides, and corrections: manual time and edits of recorded sessions. A
 * correction replaces a session or an earlier correction by uuid; one without start and end removes it.
 */
const rulesAndCorrections: Migration = {
  version: 2,
  name: 'category rules and ratings; corrections (manual time and edits)',
  up(db) {
    db.exec(`
      CREATE TABLE category_rules (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        category TEXT NOT NULL,
        app TEXT,
        title TEXT,
        url TEXT,
        created_ms INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE disabled_default_rules (id TEXT PRIMARY KEY) STRICT;
      CREATE TABLE category_ratings (
        category TEXT PRIMARY KEY,
        rating TEXT NOT NULL CHECK (rating IN ('productive', 'neutral', 'unproductive'))
      ) STRICT;

      CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('work', 'break')),
        start_ms INTEGER,
        end_ms INTEGER,
        tz TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        replaces_uuid TEXT,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        created_ms INTEGER NOT NULL,
        CHECK ((start_ms IS NULL) = (end_ms IS NULL)),
        CHECK (start_ms IS NULL OR end_ms > start_ms),
        CHECK (start_ms IS NOT NULL OR replaces_uuid IS NOT NULL)
      ) STRICT;
      CREATE INDEX corrections_by_replaced ON corrections(replaces_uuid);
      CREATE TRIGGER corrections_outbox AFTER INSERT ON corrections
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('correction', NEW.uuid); END;
      CREATE TRIGGER corrections_immutable BEFORE UPDATE ON corrections
        BEGIN SELECT RAISE(ABORT, 'corrections are immutable: add another correction instead'); END;
      CREATE TRIGGER corrections_permanent BEFORE DELETE ON corrections
        BEGIN SELECT RAISE(ABORT, 'corrections are immutable: add another correction instead'); END;
    `);
  },
};

/*
 * What the rep said an idle stretch was, once: work (kept), a break, a call or meeting (kept), or discard
 * (taken out of worked time). A break also writes a break correction over the stretch.
 */
const idleChoices: Migration = {
  version: 3,
  name: 'idle choices',
  up(db) {
    db.exec(`
      CREATE TABLE idle_choices (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        idle_uuid TEXT NOT NULL UNIQUE REFERENCES idle(uuid),
        choice TEXT NOT NULL CHECK (choice IN ('work', 'break', 'call', 'discard')),
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        created_ms INTEGER NOT NULL,
        CHECK (end_ms >= start_ms)
      ) STRICT;
      CREATE INDEX idle_choices_by_start ON idle_choices(start_ms);
      CREATE TRIGGER idle_choices_outbox AFTER INSERT ON idle_choices
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('idle-choice', NEW.uuid); END;
      CREATE TRIGGER idle_choices_immutable BEFORE UPDATE ON idle_choices
        BEGIN SELECT RAISE(ABORT, 'idle choices are immutable: correct the time instead'); END;
    `);
  },
};

/*
 * Calls (recorded by the rep, detected from windows, or imported from a dialer's log) are facts; the
 * call in progress lives in meta. Detected calls can be confirmed, merged or dismissed (a review).
 * CRM opportunities and leads are the CRM's data, replaced by each import of the same record.
 */
const callsAndCrm: Migration = {
  version: 4,
  name: 'calls, call reviews, opportunities and leads',
  up(db) {
    db.exec(`
      CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('manual', 'detected', 'import')),
        system TEXT,
        external_id TEXT,
        detected_by TEXT,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        contact TEXT,
        agent TEXT,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        wrap_end_ms INTEGER NOT NULL,
        answered INTEGER NOT NULL CHECK (answered IN (0, 1)),
        talk_ms INTEGER NOT NULL CHECK (talk_ms >= 0),
        hold_ms INTEGER NOT NULL CHECK (hold_ms >= 0),
        wrap_ms INTEGER NOT NULL CHECK (wrap_ms >= 0),
        tz TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        created_ms INTEGER NOT NULL,
        UNIQUE (system, external_id),
        CHECK (end_ms >= start_ms AND wrap_end_ms >= end_ms)
      ) STRICT;
      CREATE INDEX calls_by_start ON calls(start_ms);
      CREATE TRIGGER calls_outbox AFTER INSERT ON calls
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('call', NEW.uuid); END;
      CREATE TRIGGER calls_immutable BEFORE UPDATE ON calls
        BEGIN SELECT RAISE(ABORT, 'call records are immutable: review or correct them instead'); END;

      CREATE TABLE call_reviews (
        uuid TEXT PRIMARY KEY,
        call_uuid TEXT NOT NULL UNIQUE REFERENCES calls(uuid),
        action TEXT NOT NULL CHECK (action IN ('confirm', 'dismiss', 'merge')),
        merged_into TEXT REFERENCES calls(uuid),
        created_ms INTEGER NOT NULL,
        CHECK ((action = 'merge') = (merged_into IS NOT NULL))
      ) STRICT;

      CREATE TABLE opportunities (
        system TEXT NOT NULL,
        external_id TEXT NOT NULL,
        name TEXT NOT NULL,
        account TEXT,
        stage TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
        amount REAL,
        currency TEXT,
        created_date TEXT NOT NULL,
        close_date TEXT,
        loss_reason TEXT CHECK (loss_reason IN ('competitor', 'noDecision', 'other')),
        owner TEXT,
        sql_date TEXT,
        imported_ms INTEGER NOT NULL,
        PRIMARY KEY (system, external_id)
      ) STRICT;

      CREATE TABLE leads (
        system TEXT NOT NULL,
        external_id TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        first_touch_ms INTEGER,
        status TEXT NOT NULL,
        converted_date TEXT,
        owner TEXT,
        imported_ms INTEGER NOT NULL,
        PRIMARY KEY (system, external_id)
      ) STRICT;
    `);
  },
};

/*
 * A cache of activity per UTC day and window, filled by reports for whole past days and emptied for a
 * day whenever a record on it is added or grows. Derived data only: dropping it loses nothing.
 */
const activityDayCache: Migration = {
  version: 5,
  name: 'activity day cache for long-range reports',
  up(db) {
    db.exec(`
      CREATE TABLE activity_day_cache (
        day INTEGER NOT NULL,
        app_id INTEGER NOT NULL,
        title_id INTEGER NOT NULL,
        url_id INTEGER NOT NULL,
        ms INTEGER NOT NULL,
        PRIMARY KEY (day, app_id, title_id, url_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE activity_day_cached (day INTEGER PRIMARY KEY) STRICT;
      CREATE TRIGGER activity_day_cache_insert AFTER INSERT ON activity BEGIN
        DELETE FROM activity_day_cached WHERE day BETWEEN NEW.start_ms / 86400000 AND NEW.end_ms / 86400000;
        DELETE FROM activity_day_cache WHERE day BETWEEN NEW.start_ms / 86400000 AND NEW.end_ms / 86400000;
      END;
      CREATE TRIGGER activity_day_cache_update AFTER UPDATE OF end_ms ON activity WHEN NEW.end_ms != OLD.end_ms BEGIN
        DELETE FROM activity_day_cached WHERE day BETWEEN OLD.end_ms / 86400000 AND NEW.end_ms / 86400000;
        DELETE FROM activity_day_cache WHERE day BETWEEN OLD.end_ms / 86400000 AND NEW.end_ms / 86400000;
      END;
    `);
  },
};

/*
 * A digest of the counted calls per local date and agent (in a zone, for a wrap-up cap; agent '' is calls
 * without one): counts, sums and the sorted handle times, so a year's call report reads a few rows a day. A row is dropped when a call starting inside
 * its day is added or removed, or reviewed (reviews are final, migration 7). Derived data only: dropping it loses nothing.
 */
const callDayCache: Migration = {
  version: 6,
  name: 'call digest per local day for long-range call reports',
  up(db) {
    // Local days last at most 25 hours, so a call can only fall in rows starting up to 26 hours before it.
    const rowsOf = (startMs: string) => `start_ms BETWEEN ${startMs} - 93600000 AND ${startMs} AND end_ms > ${startMs}`;
    db.exec(`
      CREATE TABLE call_day_cache (
        tz TEXT NOT NULL,
        date TEXT NOT NULL,
        cap_ms INTEGER NOT NULL,
        agent TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        calls INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        talk_ms INTEGER NOT NULL,
        hold_ms INTEGER NOT NULL,
        wrap_ms INTEGER NOT NULL,
        handle_ms BLOB NOT NULL,
        PRIMARY KEY (tz, date, cap_ms, agent)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX call_day_cache_by_start ON call_day_cache(start_ms);
      CREATE TRIGGER call_day_cache_call_added AFTER INSERT ON calls BEGIN
        DELETE FROM call_day_cache WHERE ${rowsOf('NEW.start_ms')};
      END;
      CREATE TRIGGER call_day_cache_call_removed AFTER DELETE ON calls BEGIN
        DELETE FROM call_day_cache WHERE ${rowsOf('OLD.start_ms')};
      END;
      CREATE TRIGGER call_day_cache_review_added AFTER INSERT ON call_reviews BEGIN
        DELETE FROM call_day_cache WHERE ${rowsOf('(SELECT start_ms FROM calls WHERE uuid = NEW.call_uuid)')};
      END;
    `);
  },
};

/*
 * Phone numbers of leads, and the phone key of each call's contact, so a call to or from a lead counts as
 * its first touch (shared/sales/phone-key.ts). A call's key row carries its start and whether it can be a
 * touch (outbound, or answered inbound); dismissing or merging a detected call removes the row, and
 * reviews are final. Each lead keeps its earliest call touch in first_call_ms, kept right by triggers on
 * both sides, so a year's lead response reads one row per lead. Keys of existing calls are filled here;
 * leads get their numbers when their report is imported again.
 */
const leadPhones: Migration = {
  version: 7,
  name: 'lead phone numbers, call phone keys and each lead’s first call',
  up(db) {
    // The earliest touching call of the lead in `leads` at or after its creation: one index seek per number.
    const firstCall = `(SELECT min((SELECT k.start_ms FROM call_phone_keys k
                          WHERE k.phone_key = p.phone_key AND k.touch = 1 AND k.start_ms >= leads.created_ms ORDER BY k.start_ms LIMIT 1))
                        FROM lead_phones p WHERE p.system = leads.system AND p.lead_id = leads.external_id)`;
    const recompute = (system: string, leadId: string) => `UPDATE leads SET first_call_ms = ${firstCall} WHERE system = ${system} AND external_id = ${leadId};`;
    const leadsWithKey = (key: string) => `(system, external_id) IN (SELECT system, lead_id FROM lead_phones WHERE phone_key = ${key})`;
    db.exec(`
      CREATE TABLE lead_phones (
        system TEXT NOT NULL,
        lead_id TEXT NOT NULL,
        phone TEXT NOT NULL,
        phone_key TEXT NOT NULL,
        PRIMARY KEY (system, lead_id, phone),
        FOREIGN KEY (system, lead_id) REFERENCES leads(system, external_id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX lead_phones_by_key ON lead_phones(phone_key);
      CREATE TABLE call_phone_keys (
        call_id INTEGER PRIMARY KEY REFERENCES calls(id),
        phone_key TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        touch INTEGER NOT NULL CHECK (touch IN (0, 1))
      ) STRICT;
      CREATE INDEX call_touches_by_key ON call_phone_keys(phone_key, start_ms) WHERE touch = 1;
      CREATE TRIGGER call_phone_keys_review AFTER INSERT ON call_reviews WHEN NEW.action != 'confirm' BEGIN
        DELETE FROM call_phone_keys WHERE call_id = (SELECT id FROM calls WHERE uuid = NEW.call_uuid);
      END;
      CREATE TRIGGER call_reviews_final BEFORE DELETE ON call_reviews BEGIN
        SELECT RAISE(ABORT, 'call reviews are final');
      END;

      ALTER TABLE leads ADD COLUMN first_call_ms INTEGER;
      CREATE INDEX leads_by_created ON leads(created_ms, first_touch_ms, first_call_ms);
      CREATE TRIGGER lead_first_call_added AFTER INSERT ON call_phone_keys WHEN NEW.touch = 1 BEGIN
        UPDATE leads SET first_call_ms = NEW.start_ms
        WHERE ${leadsWithKey('NEW.phone_key')} AND created_ms <= NEW.start_ms AND (first_call_ms IS NULL OR first_call_ms > NEW.start_ms);
      END;
      CREATE TRIGGER lead_first_call_removed AFTER DELETE ON call_phone_keys WHEN OLD.touch = 1 BEGIN
        UPDATE leads SET first_call_ms = ${firstCall} WHERE ${leadsWithKey('OLD.phone_key')} AND first_call_ms = OLD.start_ms;
      END;
      CREATE TRIGGER lead_first_call_phone_added AFTER INSERT ON lead_phones BEGIN ${recompute('NEW.system', 'NEW.lead_id')} END;
      CREATE TRIGGER lead_first_call_phone_removed AFTER DELETE ON lead_phones BEGIN ${recompute('OLD.system', 'OLD.lead_id')} END;
      CREATE TRIGGER lead_first_call_created AFTER UPDATE OF created_ms ON leads WHEN NEW.created_ms != OLD.created_ms BEGIN
        ${recompute('NEW.system', 'NEW.external_id')}
      END;
    `);
    const insert = db.prepare('INSERT INTO call_phone_keys (call_id, phone_key, start_ms, touch) VALUES (?, ?, ?, ?)');
    const calls = db
      .prepare(
        `SELECT id, contact, start_ms, direction, answered FROM calls c
         WHERE contact IS NOT NULL AND NOT EXISTS (SELECT 1 FROM call_reviews r WHERE r.call_uuid = c.uuid AND r.action != 'confirm')`,
      )
      .raw()
      .all() as [number, string, number, 'in' | 'out', number][];
    for (const [id, contact, startMs, direction, answered] of calls) {
      const key = phoneKey(contact);
      if (key !== null) insert.run(id, key, startMs, canTouchLead({ direction, answered: answered === 1 }) ? 1 : 0);
    }
  },
};

/*
 * One live replacement per record, call reviews as synced records, and closed records that cannot be deleted.
 *
 * Corrections: two edits of the same session written at once could both land (a fork), and both counted.
 * A unique index on replaces_uuid now makes that impossible. A database that already holds forks keeps,
 * for each replaced record, the replacement inserted first (lowest id: the one that committed first) and
 * moves every later one, with everything that later corrected it, into superseded_corrections: the rows
 * stay on record there, and corrections again holds exactly the facts that count, so every reader of
 * corrections (the timesheet here, the server later) needs no rule for forks. Nothing has been synced yet
 * (no sync client has shipped), so their outbox rows go too.
 *
 * Call reviews carry the device that made them and are queued for sync like every other record (a dismissed
 * detection must not count on the server); reviews made before this carry this database's device id.
 *
 * Closed records refuse DELETE as they refuse UPDATE. Open rows (the tail a recorder run is extending) stay
 * deletable: nothing has left the device yet. Calls have no open state, so no call is ever deleted, and the
 * call day cache trigger for a removed call can no longer fire.
 */
const oneReplacement: Migration = {
  version: 8,
  name: 'one live replacement per record; call reviews synced; closed records permanent',
  up(db) {
    db.exec(`
      CREATE TABLE superseded_corrections (
        uuid TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        start_ms INTEGER,
        end_ms INTEGER,
        tz TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        replaces_uuid TEXT,
        reason TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        lost_to TEXT NOT NULL REFERENCES corrections(uuid)
      ) STRICT;
    `);
    const rows = db.prepare('SELECT id, uuid, replaces_uuid FROM corrections ORDER BY id').all() as {
      id: number;
      uuid: string;
      replaces_uuid: string | null;
    }[];
    const live = new Map<string, string>(); // replaced uuid → its first replacement
    const lostTo = new Map<string, string>(); // superseded uuid → the replacement that stands instead
    for (const row of rows) {
      if (row.replaces_uuid === null) continue;
      // A correction is inserted after what it corrects (a higher id), so one pass in id order meets the parent first.
      const inherited = lostTo.get(row.replaces_uuid);
      const first = live.get(row.replaces_uuid);
      if (inherited !== undefined) lostTo.set(row.uuid, inherited);
      else if (first !== undefined) lostTo.set(row.uuid, first);
      else live.set(row.replaces_uuid, row.uuid);
    }
    if (lostTo.size > 0) {
      const copy = db.prepare(
        `INSERT INTO superseded_corrections (uuid, device_id, kind, start_ms, end_ms, tz, utc_offset_min, replaces_uuid, reason, created_ms, lost_to)
         SELECT uuid, device_id, kind, start_ms, end_ms, tz, utc_offset_min, replaces_uuid, reason, created_ms, ? FROM corrections WHERE uuid = ?`,
      );
      const drop = db.prepare('DELETE FROM corrections WHERE uuid = ?');
      const unqueue = db.prepare("DELETE FROM outbox WHERE kind = 'correction' AND uuid = ?");
      // The migration is the one writer allowed to move a correction: its delete guard is lifted meanwhile.
      const permanent = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'corrections_permanent'").pluck().get() as string;
      db.exec('DROP TRIGGER corrections_permanent');
      for (const [uuid, winner] of lostTo) {
        copy.run(winner, uuid);
        drop.run(uuid);
        unqueue.run(uuid);
      }
      db.exec(permanent);
    }
    db.exec(`
      DROP INDEX corrections_by_replaced;
      CREATE UNIQUE INDEX corrections_one_replacement ON corrections(replaces_uuid) WHERE replaces_uuid IS NOT NULL;
      CREATE TRIGGER superseded_corrections_permanent BEFORE DELETE ON superseded_corrections
        BEGIN SELECT RAISE(ABORT, 'superseded corrections are kept on record'); END;
      CREATE TRIGGER superseded_corrections_immutable BEFORE UPDATE ON superseded_corrections
        BEGIN SELECT RAISE(ABORT, 'superseded corrections are kept on record'); END;
    `);
    // Rebuilt to add a NOT NULL column (SQLite's procedure: new table, copy, drop, rename), keeping its triggers.
    const reviewTriggers = triggersOn(db, 'call_reviews');
    db.exec(`
      CREATE TABLE call_reviews_8 (
        uuid TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        call_uuid TEXT NOT NULL UNIQUE REFERENCES calls(uuid),
        action TEXT NOT NULL CHECK (action IN ('confirm', 'dismiss', 'merge')),
        merged_into TEXT REFERENCES calls(uuid),
        created_ms INTEGER NOT NULL,
        CHECK ((action = 'merge') = (merged_into IS NOT NULL))
      ) STRICT;
      INSERT INTO call_reviews_8 (uuid, device_id, call_uuid, action, merged_into, created_ms)
        SELECT r.uuid, coalesce((SELECT value FROM meta WHERE key = 'device_id'), c.device_id, 'unknown'), r.call_uuid, r.action, r.merged_into, r.created_ms
        FROM call_reviews r LEFT JOIN calls c ON c.uuid = r.call_uuid ORDER BY r.created_ms, r.uuid;
      DROP TABLE call_reviews;
      ALTER TABLE call_reviews_8 RENAME TO call_reviews;
    `);
    for (const sql of reviewTriggers) db.exec(sql);
    db.exec(`
      INSERT INTO outbox (kind, uuid) SELECT 'call-review', uuid FROM call_reviews ORDER BY created_ms, uuid;
      CREATE TRIGGER call_reviews_outbox AFTER INSERT ON call_reviews
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('call-review', NEW.uuid); END;
      CREATE TRIGGER call_reviews_immutable BEFORE UPDATE ON call_reviews
        BEGIN SELECT RAISE(ABORT, 'call reviews are final'); END;

      DROP TRIGGER call_day_cache_call_removed;
      CREATE TRIGGER activity_permanent BEFORE DELETE ON activity WHEN OLD.open = 0
        BEGIN SELECT RAISE(ABORT, 'activity records are permanent once closed'); END;
      CREATE TRIGGER idle_permanent BEFORE DELETE ON idle WHEN OLD.open = 0
        BEGIN SELECT RAISE(ABORT, 'idle records are permanent once closed'); END;
      CREATE TRIGGER sessions_permanent BEFORE DELETE ON sessions WHEN OLD.open = 0
        BEGIN SELECT RAISE(ABORT, 'session records are permanent once closed: correct them instead'); END;
      CREATE TRIGGER idle_choices_permanent BEFORE DELETE ON idle_choices
        BEGIN SELECT RAISE(ABORT, 'idle choices are permanent: correct the time instead'); END;
      CREATE TRIGGER calls_permanent BEFORE DELETE ON calls
        BEGIN SELECT RAISE(ABORT, 'call records are permanent: review or correct them instead'); END;
    `);
  },
};

/**
 * A running recorder can be paused (the machine sleeps, the screen is locked, the display is gone): the run
 * says so, and since when, so `stint status` in another process can tell a paused recorder from one that
 * records. Both are null while it samples.
 */
const runPause: Migration = {
  version: 9,
  name: 'runs: why and since when the recorder is paused',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN paused_reason TEXT;
      ALTER TABLE runs ADD COLUMN paused_ms INTEGER;
    `);
  },
};

/*
 * ActivityWatch interoperability. Its buckets and events are kept as ActivityWatch keeps them (an import,
 * or watchers feeding `stint track --aw-port`), so an export gives back what came in; window and afk
 * events also become Stint's own activity and idle records when imported (derived, with uuids from the
 * event). The browser watcher's tabs get a table of their own, web_visits: a url and its site over a
 * span, never counted as time; they put URLs on the browser's window activity. Events of any other bucket
 * are kept as named external activity (the bucket names them) and counted in no report.
 */
const activityWatch: Migration = {
  version: 12,
  name: 'ActivityWatch buckets and events, and the browser watcher’s web visits',
  up(db) {
    db.exec(`
      CREATE TABLE aw_buckets (
        id TEXT PRIMARY KEY,
        name TEXT,
        type TEXT NOT NULL,
        client TEXT NOT NULL,
        hostname TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        data TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE TABLE aw_events (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        bucket_id TEXT NOT NULL REFERENCES aw_buckets(id) ON DELETE CASCADE,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        data TEXT NOT NULL,
        CHECK (end_ms >= start_ms)
      ) STRICT;
      CREATE INDEX aw_events_by_bucket ON aw_events(bucket_id, start_ms);
      CREATE TABLE web_visits (
        event_id INTEGER PRIMARY KEY REFERENCES aw_events(id) ON DELETE CASCADE,
        hostname TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        url_id INTEGER NOT NULL REFERENCES strings(id),
        site TEXT,
        CHECK (end_ms >= start_ms)
      ) STRICT;
      CREATE INDEX web_visits_by_start ON web_visits(hostname, start_ms);
      `);
  },
};

/*
 * Active time per UTC quarter hour and rating, for `report time-use --by hour` over long ranges: a dense year
 * is ~10,000 rows here instead of ~170,000 spans. Ratings come from the rules, so rows carry the categorizer's
 * fingerprint (a rule change reads none of the old rows). A day is forgotten when an activity or idle record
 * on it is added or grows. Derived data only: dropping it loses nothing.
 */
const activityHourCache: Migration = {
  version: 14,
  name: 'active time per quarter hour and rating, for time use by hour',
  up(db) {
    db.exec(`
      CREATE TABLE activity_hour_cache (
        fingerprint TEXT NOT NULL,
        day INTEGER NOT NULL,
        quarter INTEGER NOT NULL,
        productive_ms INTEGER NOT NULL,
        neutral_ms INTEGER NOT NULL,
        unproductive_ms INTEGER NOT NULL,
        PRIMARY KEY (fingerprint, day, quarter)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE activity_hour_cached (fingerprint TEXT NOT NULL, day INTEGER NOT NULL, PRIMARY KEY (fingerprint, day)) STRICT, WITHOUT ROWID;
      CREATE INDEX activity_hour_cached_by_day ON activity_hour_cached(day);
      CREATE INDEX activity_hour_cache_by_day ON activity_hour_cache(day);
      CREATE TRIGGER activity_hour_cache_activity_insert AFTER INSERT ON activity BEGIN
        DELETE FROM activity_hour_cached WHERE day BETWEEN NEW.start_ms / 86400000 AND NEW.end_ms / 86400000;
        DELETE FROM activity_hour_cache WHERE day BETWEEN NEW.start_ms / 86400000 AND NEW.end_ms / 86400000;
      END;
      CREATE TRIGGER activity_hour_cache_activity_update AFTER UPDATE OF end_ms ON activity WHEN NEW.end_ms != OLD.end_ms BEGIN
        DELETE FROM activity_hour_cached WHERE day BETWEEN min(OLD.end_ms, NEW.end_ms) / 86400000 AND max(OLD.end_ms, NEW.end_ms) / 86400000;
        DELETE FROM activity_hour_cache WHERE day BETWEEN min(OLD.end_ms, NEW.end_ms) / 86400000 AND max(OLD.end_ms, NEW.end_ms) / 86400000;
      END;
      CREATE TRIGGER activity_hour_cache_idle_insert AFTER INSERT ON idle BEGIN
        DELETE FROM activity_hour_cached WHERE day BETWEEN NEW.start_ms / 86400000 AND NEW.end_ms / 86400000;
        DELETE FROM activity_hour_cache WHERE day BETWEEN NEW.start_ms / 86400000 AND NEW.end_ms / 86400000;
      END;
      CREATE TRIGGER activity_hour_cache_idle_update AFTER UPDATE OF start_ms, end_ms ON idle
        WHEN NEW.end_ms != OLD.end_ms OR NEW.start_ms != OLD.start_ms BEGIN
        DELETE FROM activity_hour_cached
          WHERE day BETWEEN min(OLD.start_ms, NEW.start_ms) / 86400000 AND max(OLD.end_ms, NEW.end_ms) / 86400000;
        DELETE FROM activity_hour_cache
          WHERE day BETWEEN min(OLD.start_ms, NEW.start_ms) / 86400000 AND max(OLD.end_ms, NEW.end_ms) / 86400000;
      END;
      CREATE TRIGGER activity_hour_cache_idle_delete AFTER DELETE ON idle BEGIN
        DELETE FROM activity_hour_cached WHERE day BETWEEN OLD.start_ms / 86400000 AND OLD.end_ms / 86400000;
        DELETE FROM activity_hour_cache WHERE day BETWEEN OLD.start_ms / 86400000 AND OLD.end_ms / 86400000;
      END;
    `);
  },
};

/**
 * Activity recorded outside work sessions when the rep chose "record outside sessions for my eyes only": marked
 * private, it never enters the outbox, so it never reaches the team server or a manager.
 */
const privateActivity: Migration = {
  version: 15,
  name: 'private activity, recorded outside work sessions and never synced',
  up(db) {
    db.exec(`
      ALTER TABLE activity ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
      DROP TRIGGER activity_closed_insert;
      DROP TRIGGER activity_closed_update;
      CREATE TRIGGER activity_closed_insert AFTER INSERT ON activity WHEN NEW.open = 0 AND NEW.private = 0
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('activity', NEW.uuid); END;
      CREATE TRIGGER activity_closed_update AFTER UPDATE OF open ON activity WHEN OLD.open = 1 AND NEW.open = 0 AND NEW.private = 0
        BEGIN INSERT INTO outbox(kind, uuid) VALUES ('activity', NEW.uuid); END;
    `);
  },
};

/*
 * Issue 16: a detected call counts only once the rep confirms it, and the rep's own calls in imported logs
 * are counted as theirs (once, when timed here too): every cached call digest was computed otherwise.
 * Wrap-up notes are stored with the call they end (written with it, so the call stays immutable).
 */
const ownCalls: Migration = {
  version: 16,
  name: "wrap-up notes on calls; call digests recomputed for confirmed detections and the rep's own calls",
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN notes TEXT;
      DELETE FROM call_day_cache;
    `);
  },
};

/*
 * Caches for long-range time use, all derived data (dropping them loses nothing):
 * - the category and rating of each distinct window (string ids; url 0 = none) under the rules of one
 *   fingerprint, so a report does not compile and run the rules over windows it has categorized before. Strings
 *   are never deleted or renumbered, and a rule change changes the fingerprint (rows of other fingerprints are
 *   dropped when new ones are written);
 * - the day cache keeps each window's active time too (activity minus idle), so it is forgotten when an idle
 *   record on its day is added, changes or goes, as when an activity record is added or grows;
 * - activity and active time per window and block of 16 UTC days, forgotten as the day cache is.
 */
const timeUseCaches: Migration = {
  version: 17,
  name: 'window categories per rules, active time in the day cache, a 16-day block cache',
  up(db) {
    const forget = (table: string, key: string, from: string, to: string) =>
      `DELETE FROM ${table}_cached WHERE ${key} BETWEEN ${from} AND ${to}; DELETE FROM ${table}_cache WHERE ${key} BETWEEN ${from} AND ${to};`;
    const day = (ms: string) => `${ms} / 86400000`;
    const block = (ms: string) => `${ms} / 86400000 / 16`;
    const triggers = (table: string, key: string, unit: (ms: string) => string) => `
      CREATE TRIGGER ${table}_cache_idle_insert AFTER INSERT ON idle BEGIN
        ${forget(table, key, unit('NEW.start_ms'), unit('NEW.end_ms'))}
      END;
      CREATE TRIGGER ${table}_cache_idle_update AFTER UPDATE OF start_ms, end_ms ON idle
        WHEN NEW.end_ms != OLD.end_ms OR NEW.start_ms != OLD.start_ms BEGIN
        ${forget(table, key, unit('min(OLD.start_ms, NEW.start_ms)'), unit('max(OLD.end_ms, NEW.end_ms)'))}
      END;
      CREATE TRIGGER ${table}_cache_idle_delete AFTER DELETE ON idle BEGIN
        ${forget(table, key, unit('OLD.start_ms'), unit('OLD.end_ms'))}
      END;`;
    db.exec(`
      CREATE TABLE window_category_cache (
        fingerprint TEXT NOT NULL,
        app_id INTEGER NOT NULL,
        title_id INTEGER NOT NULL,
        url_id INTEGER NOT NULL,
        category TEXT NOT NULL,
        rating TEXT NOT NULL,
        PRIMARY KEY (fingerprint, app_id, title_id, url_id)
      ) STRICT, WITHOUT ROWID;

      DELETE FROM activity_day_cached;
      DELETE FROM activity_day_cache;
      ALTER TABLE activity_day_cache ADD COLUMN active_ms INTEGER NOT NULL DEFAULT 0;
      ${triggers('activity_day', 'day', day)}

      CREATE TABLE activity_block_cache (
        block INTEGER NOT NULL,
        app_id INTEGER NOT NULL,
        title_id INTEGER NOT NULL,
        url_id INTEGER NOT NULL,
        ms INTEGER NOT NULL,
        active_ms INTEGER NOT NULL,
        PRIMARY KEY (block, app_id, title_id, url_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE activity_block_cached (block INTEGER PRIMARY KEY) STRICT;
      CREATE TRIGGER activity_block_cache_insert AFTER INSERT ON activity BEGIN
        ${forget('activity_block', 'block', block('NEW.start_ms'), block('NEW.end_ms'))}
      END;
      CREATE TRIGGER activity_block_cache_update AFTER UPDATE OF end_ms ON activity WHEN NEW.end_ms != OLD.end_ms BEGIN
        ${forget('activity_block', 'block', block('min(OLD.end_ms, NEW.end_ms)'), block('max(OLD.end_ms, NEW.end_ms)'))}
      END;
      ${triggers('activity_block', 'block', block)}
    `);
  },
};

/** The CREATE TRIGGER statements of a table, to drop and recreate around a change to it. */
function triggersOn(db: Database.Database, table: string): string[] {
  return db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? ORDER BY name").pluck().all(table) as string[];
}

export const migrations: readonly Migration[] = [
  initial,
  rulesAndCorrections,
  idleChoices,
  callsAndCrm,
  activityDayCache,
  callDayCache,
  leadPhones,
  oneReplacement,
  runPause,
  activityWatch,
  activityHourCache,
  privateActivity,
  ownCalls,
  timeUseCaches,
];
