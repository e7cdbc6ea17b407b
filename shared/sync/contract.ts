/**
 * The sync contract between a device and the team server (DESIGN.md §4): what an enrolled device pushes
 * from its outbox, the live status it posts and the policy it pulls. The device serializes with these
 * schemas and the server validates with them, so the two cannot drift apart.
 */
import { z } from 'zod';
import { IDLE_CHOICES, SESSION_KINDS } from '../recording/records';
import { isIsoDate, isTimeZone } from '../timesheet/local-time';
import { policySchema } from './policy';

/** Bumped when a record's shape changes; the server refuses versions newer than it knows. */
export const SYNC_SCHEMA_VERSION = 1;
/** Rows per push: a backlog goes in several batches. */
export const MAX_BATCH_RECORDS = 1000;

const instant = z.number().int().min(0).max(8.64e15);
const uuid = z.string().min(1).max(64);
const timeZone = z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Paris');
const utcOffsetMin = z
  .number()
  .int()
  .min(-24 * 60)
  .max(24 * 60);
const text = (max: number) => z.string().max(max);
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** Fields of every outbox row: its sequence number on the device, and the record's uuid. */
const row = { seq, uuid };

const span = { startMs: instant, endMs: instant, timeZone, utcOffsetMin };
const ordered = (r: { startMs: number | null; endMs: number | null }) => r.startMs === null || r.endMs === null || r.endMs >= r.startMs;
const orderedMessage = { message: 'endMs must not be before startMs' };

export const SYNC_RECORD_SCHEMA = z.discriminatedUnion('kind', [
  z
    .object({ ...row, kind: z.literal('session'), ...span, sessionKind: z.enum(SESSION_KINDS), source: z.enum(['recorded', 'import']) })
    .strict()
    .refine(ordered, orderedMessage),
  z
    .object({
      ...row,
      kind: z.literal('correction'),
      sessionKind: z.enum(SESSION_KINDS),
      startMs: instant.nullable(),
      endMs: instant.nullable(),
      timeZone,
      utcOffsetMin,
      replaces: uuid.nullable(),
      reason: text(500).min(1),
      createdMs: instant,
    })
    .strict()
    .refine((c) => (c.startMs === null) === (c.endMs === null), { message: 'a correction has both startMs and endMs, or neither (a removal)' })
    .refine((c) => c.startMs !== null || c.replaces !== null, { message: 'a removal names the record it removes in replaces' })
    .refine(ordered, orderedMessage),
  z
    .object({ ...row, kind: z.literal('idle'), ...span })
    .strict()
    .refine(ordered, orderedMessage),
  z
    .object({ ...row, kind: z.literal('idle-choice'), idleUuid: uuid, choice: z.enum(IDLE_CHOICES), startMs: instant, endMs: instant, createdMs: instant })
    .strict()
    .refine(ordered, orderedMessage),
  // Window activity: the title and url travel only when the org's policy allows them.
  z
    .object({ ...row, kind: z.literal('activity'), ...span, app: text(512), title: text(2048).optional(), url: text(2048).optional() })
    .strict()
    .refine(ordered, orderedMessage),
  // Calls and their reviews keep the device's own shape for now; the server stores them as they come.
  z.object({ ...row, kind: z.literal('call'), startMs: instant, endMs: instant, data: z.record(z.string().max(64), z.json()) }).strict(),
  z.object({ ...row, kind: z.literal('call-review'), createdMs: instant, data: z.record(z.string().max(64), z.json()) }).strict(),
]);
export type SyncRecord = z.infer<typeof SYNC_RECORD_SCHEMA>;
export type SyncRecordKind = SyncRecord['kind'];

export const SYNC_PUSH_SCHEMA = z
  .object({
    schemaVersion: z.number().int().min(1),
    deviceId: z.string().min(1).max(64),
    batch: z.array(SYNC_RECORD_SCHEMA).max(MAX_BATCH_RECORDS),
  })
  .strict()
  .refine((p) => p.batch.every((r, i) => i === 0 || r.seq === p.batch[i - 1]!.seq + 1), {
    message: 'batch sequence numbers must be contiguous and ascending',
    path: ['batch'],
  });
export type SyncPush = z.infer<typeof SYNC_PUSH_SCHEMA>;

/** The server's answer: the highest sequence number it holds for this device (0 when none). */
export const SYNC_PUSH_RESULT_SCHEMA = z.object({ ackSeq: z.number().int().min(0), stored: z.number().int().min(0) }).strict();
export type SyncPushResult = z.infer<typeof SYNC_PUSH_RESULT_SCHEMA>;

export const ENROLL_SCHEMA = z.object({ code: z.string().trim().min(1).max(64) }).strict();
export const ENROLL_RESULT_SCHEMA = z.object({ deviceId: z.string(), token: z.string(), userEmail: z.string(), schemaVersion: z.number().int() }).strict();

/** A device's live status, posted every 30 s while the app runs. */
export const DEVICE_STATUS_SCHEMA = z
  .object({
    deviceId: z.string().min(1).max(64),
    atMs: instant,
    clockedIn: z.boolean(),
    onBreak: z.boolean(),
    onCall: z.boolean(),
    /** The current category, when the policy lets it leave the device. */
    category: text(256).nullable(),
    /** The active app, when the policy lets window details leave the device (upload.titles). */
    app: text(512).nullable().optional(),
    /** When the call in progress started (onCall), for "time on the current call". */
    callStartedMs: instant.nullable().optional(),
    /** Since when the rep has been idle (no input), while they are; null when active. */
    idleSinceMs: instant.nullable().optional(),
    todayWorkedSeconds: z
      .number()
      .int()
      .min(0)
      .max(48 * 3600),
  })
  .strict();
export type DeviceStatus = z.infer<typeof DEVICE_STATUS_SCHEMA>;

/**
 * The server's answer to a status: its clock, and revisions of what the device pulls (the policy in force for
 * the rep, the rep's week states). The device pulls each only when its revision changed, so a heartbeat with
 * nothing new costs one request and no write on the device. A server without them (older) answers receivedMs
 * only, and the device pulls every heartbeat as before.
 */
export const SYNC_STATUS_RESULT_SCHEMA = z
  .object({ receivedMs: z.number(), policyRevision: z.string().max(128).optional(), weeksRevision: z.string().max(128).optional() })
  .strict();
export type SyncStatusResult = z.infer<typeof SYNC_STATUS_RESULT_SCHEMA>;

/** A status older than this shows as offline. */
export const STATUS_STALE_MS = 2 * 60 * 1000;

export { DEFAULT_POLICY, MAX_POLICY_RULES, type Policy } from './policy';
/** What the org (or a team) decides for its devices (./policy.ts). */
export const POLICY_SCHEMA = policySchema();

/** GET /api/policy: the policy in force for the device's rep, the team whose it is (null: the org's) and its version. */
export const POLICY_RESULT_SCHEMA = z.object({ version: z.number().int().min(0), teamId: z.number().int().nullable(), policy: POLICY_SCHEMA }).strict();

/**
 * GET /api/sync/week-records?week=YYYY-MM-DD (a device's token): the synced time records of the rep's OTHER
 * devices that the server reads for the workweek starting `week` (server/reports/hours.ts timeRecordsOf). A
 * rep with two computers submits the week computed over its own records and these, with the shared code, so
 * its figures are the ones the server checks. Only the token's own rep's records ever come back.
 */
export const WEEK_RECORDS_QUERY_SCHEMA = z.object({ week: z.string().max(10).refine(isIsoDate, 'a real date as YYYY-MM-DD') }).strict();
export const WEEK_RECORD_SCHEMA = z.object({ deviceId: z.string().min(1).max(64), record: SYNC_RECORD_SCHEMA }).strict();
export type WeekRecord = z.infer<typeof WEEK_RECORD_SCHEMA>;
export const WEEK_RECORDS_RESULT_SCHEMA = z.object({ week: z.string().max(10), records: z.array(WEEK_RECORD_SCHEMA) }).strict();
export type WeekRecordsResult = z.infer<typeof WEEK_RECORDS_RESULT_SCHEMA>;
