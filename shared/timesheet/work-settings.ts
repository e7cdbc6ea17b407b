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
/** Free text, trimmed; empty means "not given" (null), never a NUL character. */
function identityText(max: number) {
  return z
    .string()
    .regex(/^[^\0]*$/, 'contains a NUL character (U+0000); remove it')
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));
}

export const WORK_SETTINGS_SCHEMA = z
  .object({
    weekStart: z.enum(WEEK_STARTS),
    unconfirmedIdleLimitMinutes: z.number().int().min(1).max(MAX_UNCONFIRMED_IDLE_LIMIT_MINUTES).nullable(),
    overtimeRules: z.enum(OVERTIME_RULES),
    rounding: z.object({ minutes: z.literal(ROUNDING_MINUTES), mode: z.enum(ROUNDING_MODES) }).strict(),
    /** Who the rep is in imported call logs and CRM reports (shared/calls/same-call.ts); null: not given. */
    agentName: identityText(200),
    agentEmail: identityText(320),
    agentExtension: identityText(32),
    /** ISO 4217 code of amounts a CRM report gives without a currency column. */
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 currency code such as USD or EUR'),
  })
  .strict();

export type WorkSettings = z.infer<typeof WORK_SETTINGS_SCHEMA>;

export const DEFAULT_WORK_SETTINGS: WorkSettings = { weekStart: 'mon', unconfirmedIdleLimitMinutes: null, overtimeRules: 'none', rounding: NO_ROUNDING,
  agentName: null,
  agentEmail: null,
  agentExtension: null,
  currency: 'USD',
};
