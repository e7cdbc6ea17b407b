import type Database from 'better-sqlite3';
import { z } from 'zod';
import { once } from '../../../shared/once';
import type { AgentIdentity } from '../../../shared/calls/same-call';
import { CodedRefusal } from '../../../shared/api/refusal';
import type { WorkedTimePolicy } from '../../../shared/timesheet';
import { DEFAULT_WORK_SETTINGS, workSettingsSchema, type WorkSettings } from '../../../shared/timesheet/work-settings';

const KEY = 'work_settings';
const IDENTITY_KEYS = ['agentName', 'agentEmail', 'agentExtension'] as const;
/**
 * The work settings a team's policy sets (shared/sync/contract.ts POLICY_SCHEMA names them the same), checked
 * as the rep's own are. The policy was checked whole when it was pulled; reading only these fields keeps the
 * sync contract's schemas (and the category rules') out of every command that reads the settings.
 */
const TEAM_KEYS = {
  weekStart: true,
  unconfirmedIdleLimitMinutes: true,
  overtimeRules: true,
  rounding: true,
  idlePromptMinutes: true,
  idleAutoPauseMinutes: true,
  recordOutsideSessions: true,
} as const;
const ownSettingsSchema = once(() => workSettingsSchema().partial());
// The policy's other fields (upload, rules, ratings) are dropped, not refused.
const teamPolicySchema = once(() => z.object({ policy: workSettingsSchema().pick(TEAM_KEYS).partial().strip() }).loose());

/**
 * The rep's work settings (week start, what unanswered idle counts as, overtime rules, rounding, the idle
 * policy, recording outside sessions), kept in the database so the CLI,
 * the views and the recorder read the same values. A later server policy will write the same record.
 */
export class SettingsStore {
  constructor(private readonly db: Database.Database) {}

  /** The settings in force: the rep's own, with what the team's policy sets (when the device is enrolled) over them. */
  get(): WorkSettings {
    return { ...this.own(), ...this.team() };
  }

  /** The rep's own settings, as they chose them. */
  own(): WorkSettings {
    const raw = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(KEY) as string | undefined;
    if (raw === undefined) return DEFAULT_WORK_SETTINGS;
    // A value another version wrote and this one cannot read falls back field by field to the defaults.
    const parsed = ownSettingsSchema().safeParse(safeJson(raw));
    return { ...DEFAULT_WORK_SETTINGS, ...(parsed.success ? stripUndefined(parsed.data) : {}) };
  }

  /** The settings the team's policy sets (pulled by the pusher); empty when the device syncs with no server. */
  team(): Partial<WorkSettings> {
    const raw = this.db.prepare("SELECT value FROM meta WHERE key = 'sync_policy'").pluck().get() as string | undefined;
    if (raw === undefined) return {};
    const parsed = teamPolicySchema().safeParse(safeJson(raw));
    if (!parsed.success) return {};
    // The idle policy and recording outside sessions are the team's only when its policy says so.
    return stripUndefined(parsed.data.policy);
  }

  /** Changes the rep's own settings; one the team sets is refused with the reason. */
  set(change: Partial<WorkSettings>): WorkSettings {
    const team = this.team();
    const refused = Object.keys(stripUndefined(change)).filter((key) => key in team);
    if (refused.length > 0)
      throw new CodedRefusal(
        'settings-set-by-team',
        `${refused.join(' and ')} ${refused.length > 1 ? 'are' : 'is'} set by your team's policy on the server; ask your manager to change it.`,
        { settings: refused.join(',') },
      );
    const before = this.own();
    const next = workSettingsSchema().parse({ ...before, ...stripUndefined(change) });
    this.db
      .transaction(() => {
        this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
        // The call day cache counts the rep's imported calls as theirs (call-digests.ts): who they are changes every day's digests.
        if (IDENTITY_KEYS.some((key) => before[key] !== next[key])) this.db.prepare('DELETE FROM call_day_cache').run();
      })
      .immediate();
    return { ...next, ...team };
  }

  /** Who the rep is in imported call logs and CRM reports. */
  identity(): AgentIdentity {
    const { agentName, agentEmail, agentExtension } = this.get();
    return { agentName, agentEmail, agentExtension };
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
