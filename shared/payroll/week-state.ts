/**
 * A week's approval state as the device reads it back (issue 14), apart from the week's figures (week.ts): the
 * recorder's sync stores and checks these, and loads neither the timesheet arithmetic nor its schemas.
 */
import { z } from 'zod';
import type { IsoDate } from '../timesheet/types';

/**
 * Calendar arithmetic on dates alone is the same in every zone, so the schemas check dates with Date in UTC:
 * stored weeks are parsed by the thousand in a payroll export, and Luxon there cost seconds.
 */
export const dateAfter = (date: IsoDate, days: number): IsoDate | null => {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? null : new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
};
const isRealDate = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v) && dateAfter(v, 0) === v;
export const isoDate = z.string().max(10).refine(isRealDate, 'a real date as YYYY-MM-DD');

/** Approval states of a week (DESIGN.md §4). `changed`: records arrived after it was submitted or approved. */
export const WEEK_STATUSES = ['submitted', 'approved', 'rejected', 'reopened', 'changed'] as const;
export type WeekStatus = (typeof WEEK_STATUSES)[number];

/** A week as the device reads it back: whether it is locked, and what the manager said. */
export const WEEK_STATE_SCHEMA = z
  .object({
    weekStart: isoDate,
    status: z.enum(WEEK_STATUSES),
    /** Approved (or approved and changed since): the device refuses edits to its days. */
    locked: z.boolean(),
    comment: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedMs: z.number().nullable(),
    submittedMs: z.number().nullable(),
  })
  .strict();
export type WeekState = z.infer<typeof WEEK_STATE_SCHEMA>;
