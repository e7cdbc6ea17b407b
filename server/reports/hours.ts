/**
 * Each rep's worked, break and manual seconds per local day, from the synced records, with the device's
 * own shared code (shared/timesheet/effective.ts → worked-time.ts → timesheet.ts), so the server's numbers
 * are the device's.
 */
import type { Kysely } from 'kysely';
import { timeRecordsFromSync } from '../../shared/payroll/week';
import { SYNC_RECORD_SCHEMA, type Policy } from '../../shared/sync/contract';
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

const TIME_KINDS = ['session', 'correction', 'idle', 'idle-choice'] as const;

/** The synced time records of a rep around [fromMs, toMs), with every session a correction goes back to. */
export async function timeRecordsOf(db: Kysely<ServerDatabase>, userId: number, fromMs: number, toMs: number): Promise<TimeRecords> {
  const rows = await db
    .selectFrom('records')
    .select(['payload', 'device_id'])
    .where('user_id', '=', userId)
    .where('kind', 'in', TIME_KINDS)
    .where((eb) =>
      eb.or([
        eb('kind', 'in', ['correction', 'idle-choice']),
        eb.and([eb('start_ms', '<', toMs), eb('end_ms', '>', fromMs)]),
        eb(
          'uuid',
          'in',
          eb
            .selectFrom('records as c')
            .select('c.ref_uuid')
            .where('c.user_id', '=', userId)
            .where('c.kind', '=', 'correction')
            .where('c.ref_uuid', 'is not', null),
        ),
      ]),
    )
    .orderBy('start_ms')
    .orderBy('uuid')
    .execute();
  // The device that pushed a record is the one whose idle can cut its work.
  return timeRecordsFromSync(rows.map((row) => ({ record: SYNC_RECORD_SCHEMA.parse(JSON.parse(row.payload)), deviceId: row.device_id })));
}

/**
 * Hours per rep and local day over from..to (inclusive). The whole workweeks around the range are read,
 * as on the device, and each rep's team policy (else `policy`, the org's) decides unanswered idle, the week start,
 * overtime and rounding, as it does for the rep's submitted weeks.
 */
export async function hoursReport(
  db: Kysely<ServerDatabase>,
  reps: readonly { id: number; email: string; name: string; team: string | null }[],
  range: { from: IsoDate; to: IsoDate },
  policy: Policy,
  nowMs: number,
  fallbackTimeZone: string,
): Promise<RepHours[]> {
  const accounts = new AccountsStore(db);
  const policies = new PolicyStore(db);
  const out: RepHours[] = [];
  for (const rep of reps) {
    const team = (await accounts.teamIdsOf(rep.id))[0] ?? null;
    const p = team === null ? policy : (await policies.current(team)).policy;
    const first = addDays(workweekStart(range.from, p.weekStart), -2);
    const last = addDays(workweekStart(range.to, p.weekStart), 9);
    const fromMs = localDayBounds(first, 'UTC').startMs;
    const toMs = localDayBounds(last, 'UTC').endMs;
    const workedPolicy = { unconfirmedIdleLimitMs: p.unconfirmedIdleLimitMinutes === null ? null : p.unconfirmedIdleLimitMinutes * 60_000 };
    const worked = workedTimeOf(await timeRecordsOf(db, rep.id, fromMs, toMs), nowMs, workedPolicy, fallbackTimeZone);
    const sheet = timesheetOf(worked, {
      fallbackTimeZone,
      rules: p.overtimeRules,
      weekStart: p.weekStart,
      rounding: p.rounding,
      from: range.from,
      to: range.to,
    });
    out.push({
      email: rep.email,
      name: rep.name,
      team: rep.team,
      days: sheet.days.map((d) => ({ date: d.date, workedSeconds: d.workedSeconds, breakSeconds: d.breakSeconds, manualSeconds: d.manualSeconds })),
    });
  }
  return out;
}
