/**
 * What the team server answers the web app's Payroll and Pay data pages (server/http/routes.ts): the server
 * builds its answers with these types and the page parses them with these schemas, so the two cannot drift.
 */
import { z } from 'zod';
import { EXPORT_FORMATS, PAY_CODES } from './formats';
import { PAY_PROFILE_SCHEMA } from './pay';
import { WEEK_STATUSES } from './week';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const codes = z.object({ REG: z.number(), OT: z.number(), DT: z.number() });

/** One person an export cannot pay as asked: a week not approved, or the format's id missing. */
export const EXPORT_PROBLEM_SCHEMA = z.object({
  email: z.string(),
  name: z.string(),
  kind: z.enum(['unapproved', 'missing-id']),
  weekStart: isoDate.nullable(),
  status: z.enum([...WEEK_STATUSES, 'not-submitted']).nullable(),
});
export type ExportProblemRow = z.infer<typeof EXPORT_PROBLEM_SCHEMA>;

export const EXPORT_CHANGE_SCHEMA = z.object({
  email: z.string(),
  date: isoDate,
  code: z.enum(PAY_CODES),
  beforeSeconds: z.number(),
  afterSeconds: z.number(),
});

export const PREVIOUS_EXPORT_SCHEMA = z.object({
  id: z.number(),
  from: isoDate,
  to: isoDate,
  format: z.string(),
  createdMs: z.number(),
  createdBy: z.string().nullable(),
});

const EXPORT_SUMMARY = {
  problems: z.array(EXPORT_PROBLEM_SCHEMA),
  employees: z.number(),
  /** Seconds per pay code of the people the file would hold. */
  totals: codes,
  previous: z.array(PREVIOUS_EXPORT_SCHEMA),
  changes: z.array(EXPORT_CHANGE_SCHEMA),
};

/** GET /api/exports/payroll: the validation of a pay period before anything is exported or marked. */
export const PAYROLL_PREVIEW_SCHEMA = z.object({
  ok: z.boolean(),
  format: z.enum(EXPORT_FORMATS),
  from: isoDate,
  to: isoDate,
  /** What the format needs besides the people's ids (ADP company code and batch, Paychex client id). */
  missingOptions: z.array(z.string()),
  ...EXPORT_SUMMARY,
});
export type PayrollPreview = z.infer<typeof PAYROLL_PREVIEW_SCHEMA>;

/** POST /api/exports/payroll, when the file was made (201). */
export const PAYROLL_EXPORT_SCHEMA = z.object({
  ok: z.literal(true),
  file: z.object({ text: z.string(), fileName: z.string(), contentType: z.string(), extension: z.string() }),
  exportId: z.number(),
  ...EXPORT_SUMMARY,
});
export type PayrollExportAnswer = z.infer<typeof PAYROLL_EXPORT_SCHEMA>;

/** GET /api/pay: every rep with their pay data (null: never set, the defaults apply). */
export const PAY_LIST_SCHEMA = z.object({
  users: z.array(z.object({ email: z.string(), name: z.string(), team: z.string().nullable(), profile: PAY_PROFILE_SCHEMA.nullable() })),
});
export type PayList = z.infer<typeof PAY_LIST_SCHEMA>;
