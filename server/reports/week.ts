/** A rep's week as the server computes it from the synced records, with the device's own shared code. */
import type { Kysely } from 'kysely';
import { computeWeek, payRulesOf, weekReadWindow, type PayRules, type WeekFigures } from '../../shared/payroll/week';
import type { IsoDate } from '../../shared/timesheet/types';
import type { ServerDatabase } from '../db/schema';
import { AccountsStore } from '../store/accounts-store';
import { PolicyStore } from '../store/policy-store';
import type { WeekRecord } from '../../shared/sync/contract';
import { syncedTimeRowsOfMany, timeRecordsOf } from './hours';

/** The pay rules in force for a rep (their team's policy, else the org's) with the policy's version. */
export async function rulesFor(db: Kysely<ServerDatabase>, userId: number): Promise<{ rules: PayRules; policyVersion: number }> {
  const teams = await new AccountsStore(db).teamIdsOf(userId);
  const current = await new PolicyStore(db).current(teams[0] ?? null);
  return { rules: payRulesOf(current.policy), policyVersion: current.version };
}

export async function serverWeek(
  db: Kysely<ServerDatabase>,
  userId: number,
  weekStart: IsoDate,
  rules: PayRules,
  nowMs: number,
  fallbackTimeZone: string,
): Promise<WeekFigures> {
  const { fromMs, toMs } = weekReadWindow(weekStart);
  return computeWeek(await timeRecordsOf(db, userId, fromMs, toMs), weekStart, rules, nowMs, fallbackTimeZone);
}

/**
 * The synced records the server reads for a rep's week (serverWeek) that another device than `deviceId` pushed:
 * what that device lacks to compute the week the server checks.
 */
export async function otherDevicesWeekRecords(db: Kysely<ServerDatabase>, userId: number, deviceId: string, weekStart: IsoDate): Promise<WeekRecord[]> {
  const { fromMs, toMs } = weekReadWindow(weekStart);
  const rows = (await syncedTimeRowsOfMany(db, [userId], fromMs, toMs)).get(userId) ?? [];
  return rows.filter((r) => r.deviceId !== deviceId);
}

/** The UTC spans that records touch, for finding the weeks a push may change (a correction also moves what it replaces). */
export async function spansTouched(
  db: Kysely<ServerDatabase>,
  userId: number,
  records: readonly { kind: string; startMs: number | null; endMs: number | null; refUuid: string | null }[],
): Promise<{ startMs: number; endMs: number }[]> {
  const spans: { startMs: number; endMs: number }[] = [];
  const refs: string[] = [];
  for (const r of records) {
    if (!['session', 'correction', 'idle', 'idle-choice'].includes(r.kind)) continue;
    if (r.startMs !== null && r.endMs !== null) spans.push({ startMs: r.startMs, endMs: r.endMs });
    if (r.refUuid !== null) refs.push(r.refUuid);
  }
  for (let i = 0; i < refs.length; i += 200) {
    const rows = await db
      .selectFrom('records')
      .select(['start_ms', 'end_ms'])
      .where('user_id', '=', userId)
      .where('uuid', 'in', refs.slice(i, i + 200))
      .execute();
    for (const r of rows) if (r.start_ms !== null && r.end_ms !== null) spans.push({ startMs: r.start_ms, endMs: r.end_ms });
  }
  return spans;
}

/** Users with time records overlapping [fromMs, toMs): who worked in a pay period, submitted or not. */
export async function usersWithTime(db: Kysely<ServerDatabase>, userIds: readonly number[] | null, fromMs: number, toMs: number): Promise<Set<number>> {
  let q = db
    .selectFrom('records')
    .select('user_id')
    .distinct()
    .where('kind', 'in', ['session', 'correction'])
    .where('start_ms', '<', toMs)
    .where('end_ms', '>', fromMs);
  if (userIds !== null) q = q.where('user_id', 'in', userIds.length > 0 ? [...userIds] : [-1]);
  return new Set((await q.execute()).map((r) => r.user_id));
}
