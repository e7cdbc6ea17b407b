/**
 * A rep's workweek as it is submitted, approved and paid (issue 14): per local day, worked time and its
 * split into regular / overtime / double time under the team's rules, breaks, manual time, claimed and
 * unconfirmed idle. The device computes it from its records and the server recomputes it from the synced
 * ones, with this same function, so the two must agree to the second; `weekDifferences` says where they do not.
 */
import { z } from 'zod';
import { POLICY_SCHEMA, type Policy, type SyncRecord } from '../sync/contract';
import type { UnsequencedRecord } from '../sync/device-sync';
import { workedTimeOf, type CorrectionRow, type IdleChoiceRow, type IdleRow, type SessionRow, type TimeRecords } from '../timesheet/effective';
import { addDays, localDayBounds, workweekStart } from '../timesheet/local-time';
import { timesheetOf } from '../timesheet/timesheet';
import type { IsoDate } from '../timesheet/types';
import { dateAfter, isoDate } from './week-state';

// The approval states live in week-state.ts, which the recorder loads without this module's timesheet arithmetic.
export { WEEK_STATE_SCHEMA, WEEK_STATUSES, type WeekState, type WeekStatus } from './week-state';

/** The figures of each day, in the order the views show them. */
export const WEEK_FIELDS = [
  'workedSeconds',
  'regularSeconds',
  'overtimeSeconds',
  'doubleTimeSeconds',
  'breakSeconds',
  'manualSeconds',
  'claimedIdleSeconds',
  'unconfirmedIdleSeconds',
] as const;
export type WeekField = (typeof WEEK_FIELDS)[number];

/** A local day holds at most 25 h (a DST change); a little room for a half-hour zone. */
const seconds = z
  .number()
  .min(0)
  .max(26 * 3600);

export const WEEK_DAY_SCHEMA = z
  .object({
    date: isoDate,
    workedSeconds: seconds,
    regularSeconds: seconds,
    overtimeSeconds: seconds,
    doubleTimeSeconds: seconds,
    breakSeconds: seconds,
    manualSeconds: seconds,
    claimedIdleSeconds: seconds,
    unconfirmedIdleSeconds: seconds,
  })
  .strict();
export type WeekDay = z.infer<typeof WEEK_DAY_SCHEMA>;

export const WEEK_FIGURES_SCHEMA = z
  .object({ weekStart: isoDate, days: z.array(WEEK_DAY_SCHEMA).length(7) })
  .strict()
  .refine((w) => w.days.every((d, i) => d.date === dateAfter(w.weekStart, i)), {
    message: 'days must be the 7 dates from weekStart, in order',
    path: ['days'],
  });
export type WeekFigures = z.infer<typeof WEEK_FIGURES_SCHEMA>;

/** What decides a week's figures: the part of the policy (the team's, else the org's) about pay. */
export const PAY_RULES_SCHEMA = POLICY_SCHEMA.pick({ overtimeRules: true, weekStart: true, rounding: true, unconfirmedIdleLimitMinutes: true });
export type PayRules = z.infer<typeof PAY_RULES_SCHEMA>;

export const payRulesOf = (policy: Policy): PayRules => ({
  overtimeRules: policy.overtimeRules,
  weekStart: policy.weekStart,
  rounding: policy.rounding,
  unconfirmedIdleLimitMinutes: policy.unconfirmedIdleLimitMinutes,
});

/** What a device sends to submit a week: the figures it computed under the policy version it pulled. */
export const SUBMIT_WEEK_SCHEMA = z
  .object({
    deviceId: z.string().min(1).max(64),
    policyVersion: z.number().int().min(0),
    figures: WEEK_FIGURES_SCHEMA,
  })
  .strict();
export type SubmitWeek = z.infer<typeof SUBMIT_WEEK_SCHEMA>;

/**
 * Time records from synced records (as the outbox sends them), each with the device that recorded it: what
 * the server reads back from its store and what a device holds, so both compute from the same rows.
 */
export function timeRecordsFromSync(rows: readonly { record: SyncRecord | UnsequencedRecord; deviceId: string }[]): TimeRecords {
  const out: { sessions: SessionRow[]; corrections: CorrectionRow[]; idle: IdleRow[]; idleChoices: IdleChoiceRow[] } = {
    sessions: [],
    corrections: [],
    idle: [],
    idleChoices: [],
  };
  for (const { record: r, deviceId } of rows) {
    if (r.kind === 'session') {
      out.sessions.push({
        uuid: r.uuid,
        deviceId,
        kind: r.sessionKind,
        startMs: r.startMs,
        endMs: r.endMs,
        timeZone: r.timeZone,
        source: r.source,
        open: false,
        runsUntilNow: false,
      });
    } else if (r.kind === 'correction') {
      out.corrections.push({
        uuid: r.uuid,
        deviceId,
        kind: r.sessionKind,
        startMs: r.startMs,
        endMs: r.endMs,
        timeZone: r.timeZone,
        replaces: r.replaces,
        reason: r.reason,
        createdMs: r.createdMs,
      });
    } else if (r.kind === 'idle') {
      out.idle.push({ uuid: r.uuid, deviceId, startMs: r.startMs, endMs: r.endMs });
    } else if (r.kind === 'idle-choice') {
      out.idleChoices.push({ idleUuid: r.idleUuid, choice: r.choice });
    }
  }
  // Corrections in the order they were made: of two replacements of one record, the first counts.
  out.corrections.sort((a, b) => a.createdMs - b.createdMs || a.uuid.localeCompare(b.uuid));
  out.sessions.sort((a, b) => a.startMs - b.startMs || a.uuid.localeCompare(b.uuid));
  return out;
}

/** The UTC span to read records over for a week: the week with two days either side (zones, corrections). */
export function weekReadWindow(weekStart: IsoDate): { fromMs: number; toMs: number } {
  return { fromMs: localDayBounds(addDays(weekStart, -2), 'UTC').startMs, toMs: localDayBounds(addDays(weekStart, 9), 'UTC').startMs };
}

/**
 * The figures of the workweek holding `date` under `rules`, from time records (sessions, corrections, idle
 * and idle answers). Rounding, when the rules have it, is applied once per day before the overtime split,
 * so the figures are the ones payroll pays.
 */
export function computeWeek(records: TimeRecords, date: IsoDate, rules: PayRules, nowMs: number, fallbackTimeZone: string): WeekFigures {
  const weekStart = workweekStart(date, rules.weekStart);
  const worked = workedTimeOf(
    records,
    nowMs,
    { unconfirmedIdleLimitMs: rules.unconfirmedIdleLimitMinutes === null ? null : rules.unconfirmedIdleLimitMinutes * 60_000 },
    fallbackTimeZone,
  );
  const sheet = timesheetOf(worked, {
    fallbackTimeZone,
    rules: rules.overtimeRules,
    weekStart: rules.weekStart,
    rounding: rules.rounding,
    from: weekStart,
    to: addDays(weekStart, 6),
  });
  return {
    weekStart,
    days: sheet.days.map((d) => ({
      date: d.date,
      workedSeconds: d.workedSeconds,
      regularSeconds: d.regularSeconds,
      overtimeSeconds: d.overtimeSeconds,
      doubleTimeSeconds: d.doubleTimeSeconds,
      breakSeconds: d.breakSeconds,
      manualSeconds: d.manualSeconds,
      claimedIdleSeconds: d.claimedIdleSeconds,
      unconfirmedIdleSeconds: d.unconfirmedIdleSeconds,
    })),
  };
}

export interface WeekDifference {
  date: IsoDate;
  field: WeekField;
  /** The figure on one side (the device's, or the approved one) and on the other (the server's now). */
  before: number;
  after: number;
}

/** Every day and figure where two weeks differ by a second or more; an empty list when they agree. */
export function weekDifferences(before: WeekFigures, after: WeekFigures): WeekDifference[] {
  const out: WeekDifference[] = [];
  if (before.weekStart !== after.weekStart) throw new RangeError(`weeks ${before.weekStart} and ${after.weekStart} are not the same week`);
  before.days.forEach((b, i) => {
    const a = after.days[i]!;
    for (const field of WEEK_FIELDS) if (Math.abs(b[field] - a[field]) >= 1) out.push({ date: b.date, field, before: b[field], after: a[field] });
  });
  return out;
}

export type WeekTotals = Record<WeekField, number>;

export function weekTotals(figures: WeekFigures): WeekTotals {
  const totals = Object.fromEntries(WEEK_FIELDS.map((f) => [f, 0])) as WeekTotals;
  for (const d of figures.days) for (const f of WEEK_FIELDS) totals[f] += d[f];
  return totals;
}
