/**
 * Team data imports and the sales report (issue 15): what the server's import routes take and answer
 * (server/http/import-routes.ts) and what the web app's Imports and Sales pages parse.
 */
import { z } from 'zod';
import { IMPORT_PROBLEM_CODES } from '../imports/result';
import { IMPORT_SOURCES } from '../imports/sources';
import type { DateFormat } from '../imports/values';
import type { SalesKpis } from '../sales/sales-kpis';

// The parsers' date formats (values.ts DATE_FORMATS), written out so the web app does not bundle the parsers.
const DATE_FORMATS = ['MM/dd/yyyy', 'dd/MM/yyyy', 'yyyy-MM-dd', 'dd.MM.yyyy'] as const satisfies readonly DateFormat[];

/** A file of at most 3,000,000 bytes: its base64 and the JSON around it stay under the server's 4 MiB body limit. */
export const MAX_IMPORT_FILE_BYTES = 3_000_000;

export const IMPORT_REQUEST_SCHEMA = z
  .object({
    team: z.string().trim().min(1).max(100),
    file: z
      .object({
        name: z.string().min(1).max(255),
        base64: z
          .string()
          .max(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
      })
      .strict(),
    /** The export's kind; found from its header row when not given. */
    source: z.enum(IMPORT_SOURCES).optional(),
    /** The zone times without an offset are read in; the server's zone when not given. */
    timeZone: z.string().min(1).max(64).optional(),
    /** Salesforce's date format (the exporting user's locale). */
    dateFormat: z.enum(DATE_FORMATS).optional(),
  })
  .strict();
export type ImportRequest = z.infer<typeof IMPORT_REQUEST_SCHEMA>;

const NAME_ROW_SCHEMA = z.object({
  /** The agent or owner as the file writes it. */
  name: z.string(),
  rows: z.number(),
  /** The user it goes to; null when unknown or mapped to nobody. */
  userId: z.number().nullable(),
  email: z.string().nullable(),
  /** How it was found: the team's mapping, a member's email or name, or not at all. */
  how: z.enum(['mapped', 'email', 'name', 'nobody', 'unknown']),
});
export type ImportNameRow = z.infer<typeof NAME_ROW_SCHEMA>;

export const IMPORT_PREVIEW_SCHEMA = z.object({
  source: z.enum(IMPORT_SOURCES),
  /** Whether the source was found from the header row (not given in the request). */
  detected: z.boolean(),
  kind: z.enum(['calls', 'opportunities', 'leads']),
  records: z.number(),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Rows left out: their agent or owner is mapped to nobody of this team. */
  skipped: z.number(),
  /** Rows without an agent or owner: kept for the team's figures, no rep's. */
  unattributed: z.number(),
  names: z.array(NAME_ROW_SCHEMA),
  unknownNames: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof IMPORT_PREVIEW_SCHEMA>;
export const IMPORT_COMMIT_SCHEMA = IMPORT_PREVIEW_SCHEMA;

/** 422: the file's bad rows, nothing was imported. */
export const IMPORT_INVALID_SCHEMA = z.object({
  error: z.literal('import-invalid'),
  message: z.string(),
  source: z.enum(IMPORT_SOURCES).nullable(),
  errors: z.array(
    z.object({
      line: z.number(),
      message: z.string(),
      // The parsers' coded problem where they give one (shared/imports/result.ts), for the page to word in its language.
      problem: z.object({ code: z.enum(IMPORT_PROBLEM_CODES), params: z.record(z.string(), z.string()) }).optional(),
    }),
  ),
});
export type ImportInvalid = z.infer<typeof IMPORT_INVALID_SCHEMA>;

/** 409: names in the file that are nobody yet; map them, then commit again. */
export const UNKNOWN_NAMES_SCHEMA = z.object({ error: z.literal('unknown-names'), message: z.string(), names: z.array(z.string()) });

export const IMPORT_MAPPING_SCHEMA = z.object({
  team: z.string(),
  mappings: z.array(z.object({ name: z.string(), userId: z.number().nullable(), email: z.string().nullable(), userName: z.string().nullable() })),
  /** Who a name can go to: the team's members. */
  members: z.array(z.object({ id: z.number(), email: z.string(), name: z.string() })),
  counts: z.object({ calls: z.number(), opportunities: z.number(), leads: z.number() }),
});
export type ImportMapping = z.infer<typeof IMPORT_MAPPING_SCHEMA>;

export const SET_MAPPING_SCHEMA = z
  .object({
    team: z.string().trim().min(1).max(100),
    name: z.string().trim().min(1).max(320),
    /** The member's email; null: nobody of this team (the name's rows are left out). */
    email: z.string().trim().min(3).max(254).nullable(),
  })
  .strict();
export type SetMapping = z.infer<typeof SET_MAPPING_SCHEMA>;

const nullable = z.number().nullable();
const RESPONSE_SCHEMA = z.object({
  leads: z.number(),
  contacted: z.number(),
  neverContacted: z.number(),
  medianSeconds: nullable,
  p90Seconds: nullable,
  within5Minutes: nullable,
  within1Hour: nullable,
});

/** shared/sales SalesKpis as the server sends it. */
export const SALES_KPIS_SCHEMA = z.object({
  opportunities: z.object({ open: z.number(), closed: z.number(), won: z.number(), lost: z.number() }),
  winRate: nullable,
  lostPercent: nullable,
  lostByReason: z.object({ competitor: z.number(), noDecision: z.number(), other: z.number() }),
  avgSalesCycleDays: nullable,
  medianSalesCycleDays: nullable,
  avgDealSize: nullable,
  avgDealSizeByCurrency: z.record(z.string(), z.number()),
  wonAmountByCurrency: z.record(z.string(), z.number()),
  sqlCohort: z.object({ sqls: z.number(), customers: z.number() }),
  sqlToCustomerRate: nullable,
  leadResponse: RESPONSE_SCHEMA.extend({ businessHours: RESPONSE_SCHEMA.nullable() }),
  sellingTimeShare: z
    .object({
      activeSeconds: z.number(),
      timedCallSeconds: z.number(),
      crmSeconds: z.number(),
      callsSeconds: z.number(),
      emailSeconds: z.number(),
      crm: nullable,
      calls: nullable,
      email: nullable,
      total: nullable,
    })
    .nullable(),
}) satisfies z.ZodType<SalesKpis>;

export const SALES_REPORT_SCHEMA = z.object({
  from: z.string(),
  to: z.string(),
  team: z.string().nullable(),
  reps: z.array(z.object({ userId: z.number(), email: z.string(), name: z.string(), kpis: SALES_KPIS_SCHEMA })),
  /** Every imported row of the team(s), attributed or not. */
  total: SALES_KPIS_SCHEMA,
});
export type SalesReport = z.infer<typeof SALES_REPORT_SCHEMA>;
