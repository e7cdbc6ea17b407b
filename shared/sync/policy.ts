/** The policy an org or a team sets for its devices: the part of the sync contract a device reads most. */
import { z } from 'zod';
import { categoryRatingsSchema, rulesSchema } from '../categories/schema';
import { once } from '../once';
import { OVERTIME_RULES, ROUNDING_MINUTES, ROUNDING_MODES, WEEK_STARTS } from '../timesheet/types';
import { idleAutoPauseMinutesSchema, idlePromptMinutesSchema } from '../timesheet/work-settings';

export const MAX_POLICY_RULES = 500;

/**
 * What the org (or a team) decides for its devices; the device's own settings yield to it. Built at first use:
 * the device reads a stored policy without loading the rest of the sync contract (./contract.ts).
 */
export const policySchema = once(() =>
  z
    .object({
      idleThresholdSeconds: z.number().int().min(30).max(7200),
      upload: z.object({ titles: z.boolean(), urls: z.boolean() }).strict(),
      overtimeRules: z.enum(OVERTIME_RULES),
      weekStart: z.enum(WEEK_STARTS),
      rounding: z.object({ minutes: z.union(ROUNDING_MINUTES.map((m) => z.literal(m))), mode: z.enum(ROUNDING_MODES) }).strict(),
      /** Unanswered idle longer than this is left out of worked time; null counts it all. */
      unconfirmedIdleLimitMinutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .nullable(),
      /** Optional: when absent the rep's own settings apply (a policy written before these existed). */
      idlePromptMinutes: idlePromptMinutesSchema().optional(),
      idleAutoPauseMinutes: idleAutoPauseMinutesSchema().optional(),
      recordOutsideSessions: z.boolean().optional(),
      /**
       * The team's category rules and ratings. On the device they sit under the rep's own: the rep's rules are
       * tried first and the rep's ratings win, then the team's, then the built-in ones.
       */
      rules: rulesSchema()
        .refine((r) => r.length <= MAX_POLICY_RULES, `at most ${MAX_POLICY_RULES} rules`)
        .default([]),
      ratings: categoryRatingsSchema()
        .refine((r) => r.length <= MAX_POLICY_RULES, `at most ${MAX_POLICY_RULES} ratings`)
        .default([]),
    })
    .strict(),
);
export type Policy = z.infer<ReturnType<typeof policySchema>>;

export const DEFAULT_POLICY: Policy = {
  idleThresholdSeconds: 300,
  upload: { titles: false, urls: false },
  overtimeRules: 'none',
  weekStart: 'mon',
  rounding: { minutes: 0, mode: 'nearest' },
  unconfirmedIdleLimitMinutes: null,
  rules: [],
  ratings: [],
};
