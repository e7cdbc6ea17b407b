/** Pay data per user (issue 14 §4): how they are paid and who they are in each payroll system. */
import { z } from 'zod';

export const PAY_TYPES = ['hourly', 'salaried-non-exempt', 'exempt'] as const;
export type PayType = (typeof PAY_TYPES)[number];

const id = (max: number) => z.string().trim().min(1).max(max).nullable().default(null);
const multiplier = z
  .number()
  .min(1)
  .max(10)
  .refine((m) => Math.abs(Math.round(m * 1000) - m * 1000) < 1e-9, 'at most three decimals');

export const PAY_PROFILE_SCHEMA = z
  .object({
    payType: z.enum(PAY_TYPES),
    /** The regular hourly rate in cents (salaried: the regular rate of pay); null when payroll holds it. */
    regularRateCents: z.number().int().min(0).max(100_000_00).nullable().default(null),
    overtimeMultiplier: multiplier.default(1.5),
    doubleTimeMultiplier: multiplier.default(2),
    /** ADP Workforce Now "File #" (up to 6 digits in ADP). */
    adpFileNumber: id(9),
    /** Gusto's 6-character employee id, or the email Gusto knows them by. */
    gustoEmployeeId: id(32),
    gustoEmail: z.string().trim().email().max(254).nullable().default(null),
    /** The employee's name exactly as on the QuickBooks Desktop Employee list. */
    quickbooksName: id(41),
    /** Paychex Flex Worker ID (up to 10 alphanumerics). */
    paychexWorkerId: id(10),
  })
  .strict();
export type PayProfile = z.infer<typeof PAY_PROFILE_SCHEMA>;

export const DEFAULT_PAY_PROFILE: PayProfile = PAY_PROFILE_SCHEMA.parse({ payType: 'hourly' });
