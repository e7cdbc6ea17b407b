/**
 * What the team server answers the manager's and admin's web app (server/http/team-routes.ts,
 * server/http/admin-routes.ts): the server builds its answers with these types and the web app parses
 * them with these schemas, so the two cannot drift apart.
 */
import { z } from 'zod';
import { DEVICE_STATUS_SCHEMA, POLICY_SCHEMA } from '../sync/contract';

const ROLE = z.enum(['admin', 'manager', 'rep']);
const nullableNumber = z.number().nullable();

export const ME_SCHEMA = z.object({
  user: z.object({ email: z.string(), name: z.string(), role: ROLE, memberOf: z.array(z.number()), manages: z.array(z.number()) }),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof ME_SCHEMA>;

/** A rep's figures for their local today, computed from the synced records with the device's shared code. */
export const REP_TODAY_SCHEMA = z.object({
  date: z.string(),
  timeZone: z.string(),
  /** Worked seconds from the synced (closed) records. */
  recordedWorkedSeconds: z.number(),
  activeSeconds: z.number(),
  productiveSeconds: z.number(),
  /** productive ÷ active, 0..1; null without active time. */
  productivity: nullableNumber,
  calls: z.number(),
  answeredCalls: z.number(),
  ahtSeconds: nullableNumber,
});
export type RepToday = z.infer<typeof REP_TODAY_SCHEMA>;

/** The latest status of a rep's most recently heard device. */
export const REP_STATUS_SCHEMA = z.object({ deviceId: z.string(), receivedMs: z.number(), status: DEVICE_STATUS_SCHEMA });
export type RepStatus = z.infer<typeof REP_STATUS_SCHEMA>;

export const TEAM_NOW_ROW_SCHEMA = z.object({
  userId: z.number(),
  email: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  status: REP_STATUS_SCHEMA.nullable(),
  today: REP_TODAY_SCHEMA,
});
export type TeamNowRow = z.infer<typeof TEAM_NOW_ROW_SCHEMA>;

export const TEAM_NOW_SCHEMA = z.object({
  /** The server's clock when it answered: the page measures "online" and durations against it. */
  nowMs: z.number(),
  rows: z.array(TEAM_NOW_ROW_SCHEMA),
});
export type TeamNow = z.infer<typeof TEAM_NOW_SCHEMA>;

/** A server-sent `status` event: statuses received since the last event, for reps the viewer may see. */
export const STATUS_EVENT_SCHEMA = z.object({ nowMs: z.number(), statuses: z.array(REP_STATUS_SCHEMA.extend({ userId: z.number() })) });
export type StatusEvent = z.infer<typeof STATUS_EVENT_SCHEMA>;

/** A server-sent `records` event: some rep's devices pushed records; the figures of `reps` changed. */
export const RECORDS_EVENT_SCHEMA = z.object({ nowMs: z.number(), userIds: z.array(z.number()) });

export const REP_DETAIL_SCHEMA = z.object({
  nowMs: z.number(),
  rep: TEAM_NOW_ROW_SCHEMA,
  /** Worked, break and manual seconds per local day of the last 7 days. */
  days: z.array(z.object({ date: z.string(), workedSeconds: z.number(), breakSeconds: z.number(), manualSeconds: z.number() })),
  devices: z.array(z.object({ id: z.string(), createdMs: z.number(), lastSeenMs: nullableNumber, revokedMs: nullableNumber })),
});
export type RepDetail = z.infer<typeof REP_DETAIL_SCHEMA>;

export const SETUP_SCHEMA = z.object({ teams: z.number(), managers: z.number(), reps: z.number(), devices: z.number(), openCodes: z.number() });
export type Setup = z.infer<typeof SETUP_SCHEMA>;

export const USER_ROW_SCHEMA = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: ROLE,
  teams: z.array(z.string()),
  manages: z.array(z.string()),
  createdMs: z.number(),
  hasPassword: z.boolean(),
});
export type UserRow = z.infer<typeof USER_ROW_SCHEMA>;
export const USERS_SCHEMA = z.object({ users: z.array(USER_ROW_SCHEMA) });

export const TEAM_ROW_SCHEMA = z.object({ id: z.number(), name: z.string(), managers: z.array(z.string()), reps: z.number(), createdMs: z.number() });
export type TeamRow = z.infer<typeof TEAM_ROW_SCHEMA>;
export const TEAMS_SCHEMA = z.object({ teams: z.array(TEAM_ROW_SCHEMA) });

export const DEVICE_ROW_SCHEMA = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  createdMs: z.number(),
  lastSeenMs: nullableNumber,
  revokedMs: nullableNumber,
  lastSeq: z.number(),
});
export type DeviceRow = z.infer<typeof DEVICE_ROW_SCHEMA>;
export const DEVICES_SCHEMA = z.object({ devices: z.array(DEVICE_ROW_SCHEMA) });

export const POLICY_VERSION_SCHEMA = z.object({ version: z.number(), createdMs: z.number(), createdBy: z.string().nullable(), policy: POLICY_SCHEMA });
export type PolicyVersion = z.infer<typeof POLICY_VERSION_SCHEMA>;
export const POLICY_HISTORY_SCHEMA = z.object({
  team: z.string().nullable(),
  /** The policy in force for this scope (inherited from the org's when the team has none of its own). */
  current: z.object({ version: z.number(), inherited: z.boolean(), policy: POLICY_SCHEMA }),
  versions: z.array(POLICY_VERSION_SCHEMA),
});
export type PolicyHistory = z.infer<typeof POLICY_HISTORY_SCHEMA>;

export const ENROLLMENT_CODE_SCHEMA = z.object({ code: z.string(), email: z.string(), expiresMs: z.number() });

/** The shape of every refusal: a code for programs and a sentence for people. */
export const API_ERROR_SCHEMA = z.object({ error: z.string(), message: z.string() });
