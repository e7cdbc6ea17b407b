/**
 * What the team server answers the web app's Approvals and Audit log pages (GET /api/approvals, the
 * decisions, GET /api/audit): the server builds its answers with these types and the page parses them with
 * these schemas, so the two cannot drift apart. The figures are the shared week code's, never the page's.
 */
import { z } from 'zod';
import { WEEK_DAY_SCHEMA, WEEK_FIELDS, WEEK_FIGURES_SCHEMA, WEEK_STATE_SCHEMA, WEEK_STATUSES, weekTotals, type WeekStatus, type WeekTotals } from './week';

const FIELD = z.enum(WEEK_FIELDS);
export const WEEK_TOTALS_SCHEMA = z.object(Object.fromEntries(WEEK_FIELDS.map((f) => [f, z.number()])) as Record<(typeof WEEK_FIELDS)[number], z.ZodNumber>);

export const WEEK_DIFFERENCE_SCHEMA = z.object({ date: z.string(), field: FIELD, before: z.number(), after: z.number() });

export const APPROVAL_STATUSES = ['not-submitted', ...WEEK_STATUSES] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const APPROVAL_ITEM_SCHEMA = z.object({
  email: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  weekStart: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  totals: WEEK_TOTALS_SCHEMA.nullable(),
  /** The server's figures of each day now (what an approval would lock); null when not submitted. */
  days: z.array(WEEK_DAY_SCHEMA).nullable(),
  /** For a changed week: how the server's figures now differ from the ones last submitted or approved. */
  differences: z.array(WEEK_DIFFERENCE_SCHEMA),
  comment: z.string().nullable(),
  submittedMs: z.number().nullable(),
  decidedMs: z.number().nullable(),
  decidedBy: z.string().nullable(),
});
export type ApprovalItem = z.infer<typeof APPROVAL_ITEM_SCHEMA>;
export const APPROVALS_SCHEMA = z.object({ weeks: z.array(APPROVAL_ITEM_SCHEMA) });

/** The answer to approve, reject and reopen: the week's new state. */
export const DECISION_SCHEMA = z.object({ week: WEEK_STATE_SCHEMA });

export const AUDIT_ENTRY_SCHEMA = z.object({
  id: z.number(),
  atMs: z.number(),
  /** The actor's email; null for the server itself (late records) or an admin command run without --as. */
  actor: z.string().nullable(),
  action: z.string(),
  subject: z.string(),
  detail: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AUDIT_ENTRY_SCHEMA>;
export const AUDIT_SCHEMA = z.object({ entries: z.array(AUDIT_ENTRY_SCHEMA) });

/** The kinds of action the audit page filters on (prefixes of the logged action names). */
export const AUDIT_ACTION_KINDS = [
  'week.submit',
  'week.approve',
  'week.reject',
  'week.reopen',
  'week.changed',
  'policy.',
  'pay.',
  'payroll.',
  'user.',
  'team.',
  'device.',
] as const;

const DETAIL_SCHEMA = z
  .object({
    email: z.string().optional(),
    weekStart: z.string().optional(),
    comment: z.string().nullable().optional(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .loose();
const STATE_SIDE_SCHEMA = z.object({ status: z.enum(WEEK_STATUSES), figures: WEEK_FIGURES_SCHEMA.nullable().optional() }).loose();

export interface AuditSide {
  status: WeekStatus | null;
  totals: WeekTotals | null;
}
export interface AuditSummary {
  /** The user the entry is about (a week's rep), when the detail names one. */
  email: string | null;
  weekStart: string | null;
  comment: string | null;
  before: AuditSide | null;
  after: AuditSide | null;
}

function sideOf(value: unknown): AuditSide | null {
  const figures = WEEK_FIGURES_SCHEMA.safeParse(value);
  if (figures.success) return { status: null, totals: weekTotals(figures.data) };
  const state = STATE_SIDE_SCHEMA.safeParse(value);
  if (!state.success) return null;
  return { status: state.data.status, totals: state.data.figures ? weekTotals(state.data.figures) : null };
}

/**
 * An audit entry's detail read for a table: the rep, the week, the comment and the before/after week
 * totals (summed by the shared week code) where the detail holds week figures; anything else stays null.
 */
export function auditSummary(detail: unknown): AuditSummary {
  const parsed = DETAIL_SCHEMA.safeParse(detail);
  if (!parsed.success) return { email: null, weekStart: null, comment: null, before: null, after: null };
  const d = parsed.data;
  return { email: d.email ?? null, weekStart: d.weekStart ?? null, comment: d.comment ?? null, before: sideOf(d.before), after: sideOf(d.after) };
}
