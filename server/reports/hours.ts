/**
 * Each rep's worked, break and manual seconds per local day, from the synced records, with the device's
 * own shared code (shared/timesheet/effective.ts → worked-time.ts → timesheet.ts), so the server's numbers
 * are the device's.
 */
import type { Kysely } from 'kysely';
import { timeRecordsFromSync } from '../../shared/payroll/week';
import { SYNC_RECORD_SCHEMA, type Policy, type WeekRecord } from '../../shared/sync/contract';
import { workedTimeOf, type TimeRecords } from '../../shared/timesheet/effective';
import { addDays, localDayBounds, workweekStart } from '../../shared/timesheet/local-time';
import { timesheetOf } from '../../shared/timesheet/timesheet';
import type { IsoDate } from '../../shared/timesheet/types';
import type { ServerDatabase } from '../db/schema';
import { AccountsStore } from '../store/accounts-store';
import { PolicyStore } from '../store/policy-store';

export interface HoursDay {
  date: IsoDate;
  workedSeconds: number;
  breakSeconds: number;
  manualSeconds: number;
}

export interface RepHours {
  email: string;
  name: string;
  team: string | null;
  days: HoursDay[];
}

/** The synced time records of a rep around [fromMs, toMs), with every session a correction goes back to. */
export async function timeRecordsOf(db: Kysely<ServerDatabase>, userId: number, fromMs: number, toMs: number): Promise<TimeRecords> {
  return (await timeRecordsOfMany(db, [userId], fromMs, toMs)).get(userId)!;
}

/**
 * The same for many reps in three queries whatever their number (Team now and the team reports read a
 * whole team): the spans around the window, every correction and idle answer, then the sessions the
 * corrections go back to that the first query did not bring.
 */
export async function timeRecordsOfMany(
  db: Kysely<ServerDatabase>,
  userIds: readonly number[],
  fromMs: number,
  toMs: number,
): Promise<Map<number, TimeRecords>> {
  const rows = await syncedTimeRowsOfMany(db, userIds, fromMs, toMs);
  return new Map([...rows].map(([userId, records]) => [userId, timeRecordsFromSync(records)]));
}

/**
 * The synced records those time records are made of, each with the device that pushed it, in a stable order.
 * A device reads the part its rep's other devices pushed (GET /api/sync/week-records), so both compute from these rows.
 */
export async function syncedTimeRowsOfMany(
  db: Kysely<ServerDatabase>,
  userIds: readonly number[],
  fromMs: number,
  toMs: number,
): Promise<Map<number, WeekRecord[]>> {
  const ids = userIds.length > 0 ? [...userIds] : [-1];
  const cols = ['user_id', 'uuid', 'start_ms', 'payload', 'device_id'] as const;
  const [spans, answers] = await Promise.all([
    db
      .selectFrom('records')
      .select(cols)
      .where('user_id', 'in', ids)
      .where('kind', 'in', ['session', 'idle'])
      .where('start_ms', '<', toMs)
      .where('end_ms', '>', fromMs)
      .execute(),
    db
      .selectFrom('records')
      .select([...cols, 'kind', 'ref_uuid'])
      .where('user_id', 'in', ids)
      .where('kind', 'in', ['correction', 'idle-choice'])
      .execute(),
  ]);
  const have = new Set(spans.map((r) => `${r.user_id}|${r.uuid}`));
  const missing = answers.filter((a) => a.kind === 'correction' && a.ref_uuid !== null && !have.has(`${a.user_id}|${a.ref_uuid}`));
  const referred =
    missing.length === 0
      ? []
      : await db
          .selectFrom('records')
          .select(cols)
          .where('user_id', 'in', [...new Set(missing.map((m) => m.user_id))])
          .where('kind', 'in', ['session', 'idle'])
          .where('uuid', 'in', [...new Set(missing.map((m) => m.ref_uuid!))])
          .execute();
  const byUser = new Map<number, { start_ms: number | null; uuid: string; payload: string; device_id: string }[]>(userIds.map((id) => [id, []]));
  for (const row of [...spans, ...answers, ...referred]) {
    byUser.get(row.user_id)?.push(row);
  }
  const out = new Map<number, WeekRecord[]>();
  for (const [userId, rows] of byUser) {
    // Records without a start (removals) first, then by start and uuid, in both dialects.
    rows.sort((a, b) => (a.start_ms ?? -1) - (b.start_ms ?? -1) || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
    // The device that pushed a record is the one whose idle can cut its work.
    out.set(
      userId,
      rows.map((row) => ({ record: SYNC_RECORD_SCHEMA.parse(JSON.parse(row.payload)), deviceId: row.device_id })),
    );
  }
  return out;
}

type Rep = { id: number; email: string; name: string; team: string | null };

/** The window of synced records a timesheet over from..to needs: the whole workweeks around it, as on the device. */
export function hoursWindow(range: { from: IsoDate; to: IsoDate }, policy: Policy): { fromMs: number; toMs: number } {
  const first = addDays(workweekStart(range.from, policy.weekStart), -2);
  const last = addDays(workweekStart(range.to, policy.weekStart), 9);
  return { fromMs: localDayBounds(first, 'UTC').startMs, toMs: localDayBounds(last, 'UTC').endMs };
}

/** One rep's hours from their time records (read over hoursWindow of the range). */
export function hoursOf(rep: Rep, records: TimeRecords, range: { from: IsoDate; to: IsoDate }, policy: Policy, nowMs: number, timeZone: string): RepHours {
  const workedPolicy = { unconfirmedIdleLimitMs: policy.unconfirmedIdleLimitMinutes === null ? null : policy.unconfirmedIdleLimitMinutes * 60_000 };
  const worked = workedTimeOf(records, nowMs, workedPolicy, timeZone);
  const sheet = timesheetOf(worked, {
    fallbackTimeZone: timeZone,
    rules: policy.overtimeRules,
    weekStart: policy.weekStart,
    rounding: policy.rounding,
    from: range.from,
    to: range.to,
  });
  return {
    email: rep.email,
    name: rep.name,
    team: rep.team,
    days: sheet.days.map((d) => ({ date: d.date, workedSeconds: d.workedSeconds, breakSeconds: d.breakSeconds, manualSeconds: d.manualSeconds })),
  };
}

/**
 * Hours per rep and local day over from..to (inclusive). The whole workweeks around the range are read,
 * as on the device, and each rep's team policy (else `policy`, the org's) decides unanswered idle, the week start,
 * overtime and rounding, as it does for the rep's submitted weeks.
 */
export async function hoursReport(
  db: Kysely<ServerDatabase>,
  reps: readonly Rep[],
  range: { from: IsoDate; to: IsoDate },
  policy: Policy,
  nowMs: number,
  fallbackTimeZone: string,
): Promise<RepHours[]> {
  // Each rep's team policy, else the org's; the records are read once over the widest window they need.
  const firstTeam = await new AccountsStore(db).firstTeamOf(reps.map((r) => r.id));
  const policies = new PolicyStore(db);
  const teamPolicies = new Map<number, Policy>();
  for (const team of new Set(firstTeam.values())) teamPolicies.set(team, (await policies.current(team)).policy);
  const repPolicies = reps.map((rep) => {
    const team = firstTeam.get(rep.id);
    return team === undefined ? policy : teamPolicies.get(team)!;
  });
  const windows = [policy, ...teamPolicies.values()].map((p) => hoursWindow(range, p));
  const records = await timeRecordsOfMany(
    db,
    reps.map((r) => r.id),
    Math.min(...windows.map((w) => w.fromMs)),
    Math.max(...windows.map((w) => w.toMs)),
  );
  return reps.map((rep, i) => hoursOf(rep, records.get(rep.id)!, range, repPolicies[i]!, nowMs, fallbackTimeZone));
}
