import type Database from 'better-sqlite3';
import type { WorkedTimePolicy } from '../../../shared/timesheet';
import { DEFAULT_WORK_SETTINGS, WORK_SETTINGS_SCHEMA, type WorkSettings } from '../../../shared/timesheet/work-settings';

const KEY = 'work_settings';

/**
 * The rep's work settings (week start, what unanswered idle counts as), kept in the database so the CLI,
 * the views and the recorder read the same values. A later server policy will write the same record.
 */
export class SettingsStore {
  constructor(private readonly db: Database.Database) {}

  get(): WorkSettings {
    const raw = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(KEY) as string | undefined;
    if (raw === undefined) return DEFAULT_WORK_SETTINGS;
    // A value another version wrote and this one cannot read falls back field by field to the defaults.
    const parsed = WORK_SETTINGS_SCHEMA.partial().safeParse(safeJson(raw));
    return { ...DEFAULT_WORK_SETTINGS, ...(parsed.success ? stripUndefined(parsed.data) : {}) };
  }

  set(change: Partial<WorkSettings>): WorkSettings {
    const next = WORK_SETTINGS_SCHEMA.parse({ ...this.get(), ...stripUndefined(change) });
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
    return next;
  }

  policy(): WorkedTimePolicy {
    const minutes = this.get().unconfirmedIdleLimitMinutes;
    return { unconfirmedIdleLimitMs: minutes === null ? null : minutes * 60_000 };
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
