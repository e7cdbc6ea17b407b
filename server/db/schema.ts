/** The team server's tables as Kysely sees them (server/db/migrations/ creates them). Times are UTC ms. */
import type { Generated } from 'kysely';

export const ROLES = ['admin', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  created_ms: number;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  /** null until a password is set (a rep who only enrolls devices never signs in). */
  password_hash: string | null;
  created_ms: number;
  /** Set when the user is removed: every session and device of theirs stops working at once. */
  removed_ms: number | null;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_ms: number;
  expires_ms: number;
}

export interface RateLimitsTable {
  key: string;
  window_start_ms: number;
  count: number;
}

export interface EnrollmentCodesTable {
  code_hash: string;
  user_id: number;
  created_ms: number;
  expires_ms: number;
  used_ms: number | null;
}

export interface DevicesTable {
  id: string;
  user_id: number;
  token_hash: string;
  created_ms: number;
  revoked_ms: number | null;
  last_seen_ms: number | null;
  schema_version: number;
  /** The highest outbox sequence number stored from this device. */
  last_seq: number;
}

export interface RecordsTable {
  user_id: number;
  uuid: string;
  kind: string;
  device_id: string;
  seq: number;
  start_ms: number | null;
  end_ms: number | null;
  /** The uuid a correction replaces or an idle choice answers, so reports find what records depend on. */
  ref_uuid: string | null;
  /** The record as the device sent it (shared/sync/contract.ts), as JSON. */
  payload: string;
  received_ms: number;
}

export interface DeviceStatusTable {
  device_id: string;
  user_id: number;
  received_ms: number;
  payload: string;
}

export interface PoliciesTable {
  id: Generated<number>;
  /** null: the org-wide policy; else the team it applies to. */
  team_id: number | null;
  version: number;
  body: string;
  created_ms: number;
  created_by: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at_ms: number;
  actor_user_id: number | null;
  action: string;
  subject: string;
  detail: string;
}

/** A submitted week (issue 14); figures are shared/payroll/week.ts WeekFigures as JSON. */
export interface TimesheetWeeksTable {
  user_id: number;
  /** The workweek's first local date, YYYY-MM-DD. */
  week_start: string;
  status: 'submitted' | 'approved' | 'rejected' | 'reopened' | 'changed';
  /** What the device submitted (and the server confirmed). */
  submitted_figures: string;
  /** What was last approved; null until the week is approved once. */
  approved_figures: string | null;
  /** The server's latest computation from the synced records. */
  current_figures: string;
  policy_version: number;
  submitted_ms: number;
  submitted_device: string | null;
  decided_ms: number | null;
  decided_by: number | null;
  /** The manager's comment on a rejection or approval, or the reason of a reopening. */
  comment: string | null;
  updated_ms: number;
}

export interface PayProfilesTable {
  user_id: number;
  /** shared/payroll/pay.ts PayProfile as JSON. */
  body: string;
  updated_ms: number;
  updated_by: number | null;
}

export interface PayrollExportsTable {
  id: Generated<number>;
  from_date: string;
  to_date: string;
  format: string;
  created_ms: number;
  created_by: number | null;
  /** Seconds per employee email, date and pay code, as exported: what a later export compares with. */
  figures: string;
}

/** Activity per rep, local day (days since the epoch) and window (issue 15, server/store/activity-rollup.ts). */
export interface ActivityDaysTable {
  user_id: number;
  day: number;
  /** A hash of app, title and url: the key (titles and urls are too long for an index). */
  window_key: string;
  app: string;
  title: string | null;
  url: string | null;
  ms: number;
}

/** Team data imports (issue 15, migration 004): a team's mapping from an agent or owner name to a user. */
export interface TeamImportNamesTable {
  team_id: number;
  /** The name compared: trimmed, single spaces, lower case. */
  name_key: string;
  name: string;
  /** null: nobody of this team; the name's rows are left out. */
  user_id: number | null;
  updated_ms: number;
}

/** A call of a team's imported call log (shared/imports ImportedCall), attributed to its agent's user. */
export interface TeamCallsTable {
  team_id: number;
  system: string;
  external_id: string;
  user_id: number | null;
  agent: string | null;
  start_ms: number;
  direction: 'in' | 'out';
  answered: number;
  talk_ms: number;
  hold_ms: number;
  wrap_ms: number;
  contact: string | null;
  contact_key: string | null;
  imported_ms: number;
}

/** An opportunity of a team's imported CRM report (shared/sales Opportunity as JSON in payload). */
export interface TeamOpportunitiesTable {
  team_id: number;
  crm: string;
  external_id: string;
  user_id: number | null;
  owner: string | null;
  status: 'open' | 'won' | 'lost';
  created_date: string;
  close_date: string | null;
  sql_date: string | null;
  payload: string;
  imported_ms: number;
  updated_ms: number;
}

/** A lead of a team's imported CRM report (shared/sales Lead as JSON in payload). */
export interface TeamLeadsTable {
  team_id: number;
  crm: string;
  external_id: string;
  user_id: number | null;
  owner: string | null;
  created_ms: number;
  payload: string;
  imported_ms: number;
  updated_ms: number;
}

export interface ServerDatabase {
  team_import_names: TeamImportNamesTable;
  team_calls: TeamCallsTable;
  team_opportunities: TeamOpportunitiesTable;
  team_leads: TeamLeadsTable;
  activity_days: ActivityDaysTable;
  timesheet_weeks: TimesheetWeeksTable;
  pay_profiles: PayProfilesTable;
  payroll_exports: PayrollExportsTable;
  teams: TeamsTable;
  users: UsersTable;
  team_members: TeamMembersTable;
  team_managers: TeamMembersTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  enrollment_codes: EnrollmentCodesTable;
  devices: DevicesTable;
  records: RecordsTable;
  device_status: DeviceStatusTable;
  policies: PoliciesTable;
  audit_log: AuditLogTable;
}
