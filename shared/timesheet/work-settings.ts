import { z } from 'zod';
import { NO_ROUNDING, OVERTIME_RULES, ROUNDING_MINUTES, ROUNDING_MODES, WEEK_STARTS } from './types';

/** The longest limit one can set: a week, in minutes. */
export const MAX_UNCONFIRMED_IDLE_LIMIT_MINUTES = 7 * 24 * 60;

/**
 * Settings that change what counts as worked time, stored with the data: the day workweeks start on (the
 * timesheet's default and the span the idle prompt asks about), and how long an unanswered idle stretch
 * may be and still count as work (null: every unanswered stretch counts), and the timesheet's overtime rules
 * and rounding: kept with the rep's data, not in one browser, so the CLI, every window and a server use the same.
 */
export const WORK_SETTINGS_SCHEMA = z
  .object({
    weekStart: z.enum(WEEK_STARTS),
    unconfirmedIdleLimitMinutes: z.number().int().min(1).max(MAX_UNCONFIRMED_IDLE_LIMIT_MINUTES).nullable(),
    overtimeRules: z.enum(OVERTIME_RULES),
    rounding: z.object({ minutes: z.literal(ROUNDING_MINUTES), mode: z.enum(ROUNDING_MODES) }).strict(),
  })
  .strict();

export type WorkSettings = z.infer<typeof WORK_SETTINGS_SCHEMA>;

export const DEFAULT_WORK_SETTINGS: WorkSettings = { weekStart: 'mon', unconfirmedIdleLimitMinutes: null, overtimeRules: 'none', rounding: NO_ROUNDING };
