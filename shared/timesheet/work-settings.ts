import { z } from 'zod';
import { once } from '../once';
import { MAX_IDLE_POLICY_MINUTES, NO_ROUNDING, OVERTIME_RULES, ROUNDING_MINUTES, ROUNDING_MODES, WEEK_STARTS } from './types';

export { MAX_IDLE_POLICY_MINUTES };
/** The longest limit one can set: a week, in minutes. */
export const MAX_UNCONFIRMED_IDLE_LIMIT_MINUTES = 7 * 24 * 60;

/** After this long idle the rep is asked what it was; shorter stretches are never asked about. */
export const idlePromptMinutesSchema = once(() => z.number().int().min(1).max(MAX_IDLE_POLICY_MINUTES));
/** An idle prompt nobody answers for this long ends the session at the start of the idle stretch; null: never. */
export const idleAutoPauseMinutesSchema = once(() => z.number().int().min(1).max(MAX_IDLE_POLICY_MINUTES).nullable());

/** Free text, trimmed; empty means "not given" (null), never a NUL character. */
function identityText(max: number) {
  return z
    .string()
    .regex(/^[^\0]*$/, 'contains a NUL character (U+0000), which a name cannot hold: remove it')
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));
}

/**
 * Settings that change what counts as worked time, stored with the data: the day workweeks start on (the
 * timesheet's default and the span the idle prompt asks about), and how long an unanswered idle stretch
 * may be and still count as work (null: every unanswered stretch counts), and the timesheet's overtime rules
 * and rounding; the idle policy (when to ask, when an unanswered prompt pauses the session) and whether windows
 * are recorded outside work sessions: kept with the rep's data, not in one browser, so the CLI, every window and a server use the same.
 */
export const workSettingsSchema = once(() =>
  z
    .object({
      weekStart: z.enum(WEEK_STARTS),
      unconfirmedIdleLimitMinutes: z.number().int().min(1).max(MAX_UNCONFIRMED_IDLE_LIMIT_MINUTES).nullable(),
      overtimeRules: z.enum(OVERTIME_RULES),
      rounding: z.object({ minutes: z.literal(ROUNDING_MINUTES), mode: z.enum(ROUNDING_MODES) }).strict(),
      idlePromptMinutes: idlePromptMinutesSchema(),
      idleAutoPauseMinutes: idleAutoPauseMinutesSchema(),
      /** Record windows outside work sessions too, for the rep's eyes only: never synced, never shown to a manager. */
      recordOutsideSessions: z.boolean(),
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
    .strict(),
);

export type WorkSettings = z.infer<ReturnType<typeof workSettingsSchema>>;

export const DEFAULT_WORK_SETTINGS: WorkSettings = {
  weekStart: 'mon',
  unconfirmedIdleLimitMinutes: null,
  overtimeRules: 'none',
  rounding: NO_ROUNDING,
  idlePromptMinutes: 10,
  idleAutoPauseMinutes: 30,
  recordOutsideSessions: false,
  agentName: null,
  agentEmail: null,
  agentExtension: null,
  currency: 'USD',
};
