/** Submitted, approved and exported weeks and the pay data of users (issue 14). */
import type { Kysely } from 'kysely';
import { PAY_PROFILE_SCHEMA, type PayProfile } from '../../shared/payroll/pay';
import { WEEK_FIGURES_SCHEMA, type WeekFigures, type WeekStatus } from '../../shared/payroll/week';
import type { IsoDate } from '../../shared/timesheet/types';
import type { ServerDatabase, TimesheetWeeksTable } from '../db/schema';
import { audit } from './audit';

export interface WeekRow {
  userId: number;
  weekStart: IsoDate;
  status: WeekStatus;
  submitted: WeekFigures;
  approved: WeekFigures | null;
  current: WeekFigures;
  policyVersion: number;
  submittedMs: number;
  submittedDevice: string | null;
  decidedMs: number | null;
  decidedBy: string | null;
  comment: string | null;
  updatedMs: number;
}

export interface ListedWeek extends WeekRow {
  email: string;
  name: string;
  team: string | null;
}

const figures = (json: string): WeekFigures => WEEK_FIGURES_SCHEMA.parse(JSON.parse(json));

type Row = TimesheetWeeksTable & { decided_by_email: string | null };

function toWeek(r: Row): WeekRow {
  return {
    userId: r.user_id,
    weekStart: r.week_start,
    status: r.status,
    submitted: figures(r.submitted_figures),
    approved: r.approved_figures === null ? null : figures(r.approved_figures),
    current: figures(r.current_figures),
    policyVersion: r.policy_version,
    submittedMs: r.submitted_ms,
    submittedDevice: r.submitted_device,
    decidedMs: r.decided_ms,
    decidedBy: r.decided_by_email,
    comment: r.comment,
    updatedMs: r.updated_ms,
  };
}

export class WeeksStore {
  constructor(private readonly db: Kysely<ServerDatabase>) {}

  private base() {
    return this.db.selectFrom('timesheet_weeks as w').leftJoin('users as d', 'd.id', 'w.decided_by').selectAll('w').select('d.email as decided_by_email');
  }

  async get(userId: number, weekStart: IsoDate): Promise<WeekRow | undefined> {
    const row = await this.base().where('w.user_id', '=', userId).where('w.week_start', '=', weekStart).executeTakeFirst();
    return row && toWeek(row);
  }

  /** A rep's weeks in some states (the sync ingest's candidates), or all of them. */
  async ofUser(userId: number, statuses: readonly WeekStatus[] | null, fromWeek: IsoDate | null = null): Promise<WeekRow[]> {
    let q = this.base().where('w.user_id', '=', userId);
    if (statuses !== null) q = q.where('w.status', 'in', statuses);
    if (fromWeek !== null) q = q.where('w.week_start', '>=', fromWeek);
    return (await q.orderBy('w.week_start').execute()).map(toWeek);
  }

  /**
   * Changes whenever one of the rep's weeks does (each change sets updated_ms; a new week adds to the count): the
   * status answer carries it, so a device pulls its week states only after they changed.
   */
  async revision(userId: number): Promise<string> {
    const row = await this.db
      .selectFrom('timesheet_weeks')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_ms').as('latest')])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return `${Number(row?.n ?? 0)}:${Number(row?.latest ?? 0)}`;
  }

  async submit(input: {
    userId: number;
    weekStart: IsoDate;
    figures: WeekFigures;
    policyVersion: number;
    deviceId: string | null;
    nowMs: number;
  }): Promise<void> {
    const json = JSON.stringify(input.figures);
    const values = {
      status: 'submitted' as const,
      submitted_figures: json,
      current_figures: json,
      // A new submission starts over: an earlier approval (since reopened) is in the audit log.
      approved_figures: null,
      policy_version: input.policyVersion,
      submitted_ms: input.nowMs,
      submitted_device: input.deviceId,
      decided_ms: null,
      decided_by: null,
      comment: null,
      updated_ms: input.nowMs,
    };
    await this.db
      .insertInto('timesheet_weeks')
      .values({ user_id: input.userId, week_start: input.weekStart, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'week_start']).doUpdateSet(values))
      .execute();
  }

  /** Moves a week to a new state, only from the state it was read in (two managers at once: one wins). */
  async decide(
    userId: number,
    weekStart: IsoDate,
    from: WeekStatus,
    change: { status: WeekStatus; approved?: WeekFigures; current?: WeekFigures; decidedBy: number | null; comment: string | null; nowMs: number },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('timesheet_weeks')
      .set({
        status: change.status,
        ...(change.approved ? { approved_figures: JSON.stringify(change.approved) } : {}),
        ...(change.current ? { current_figures: JSON.stringify(change.current) } : {}),
        decided_ms: change.nowMs,
        decided_by: change.decidedBy,
        comment: change.comment,
        updated_ms: change.nowMs,
      })
      .where('user_id', '=', userId)
      .where('week_start', '=', weekStart)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records arrived: the server's figures now, and the state they put the week in (the decision stays). */
  async recomputed(userId: number, weekStart: IsoDate, status: WeekStatus, current: WeekFigures, nowMs: number): Promise<void> {
    await this.db
      .updateTable('timesheet_weeks')
      .set({ status, current_figures: JSON.stringify(current), updated_ms: nowMs })
      .where('user_id', '=', userId)
      .where('week_start', '=', weekStart)
      .execute();
  }

  /** Weeks of the given users (null: everyone) from fromWeek to toWeek (week starts, inclusive), with who they are. */
  async list(filter: { userIds: readonly number[] | null; fromWeek: IsoDate; toWeek: IsoDate; statuses?: readonly WeekStatus[] }): Promise<WeekRow[]> {
    let q = this.base().where('w.week_start', '>=', filter.fromWeek).where('w.week_start', '<=', filter.toWeek);
    if (filter.userIds !== null) q = q.where('w.user_id', 'in', filter.userIds.length > 0 ? [...filter.userIds] : [-1]);
    if (filter.statuses) q = q.where('w.status', 'in', [...filter.statuses]);
    return (await q.orderBy('w.user_id').orderBy('w.week_start').execute()).map(toWeek);
  }

  /** The state of every week of the users from fromWeek to toWeek, with the approved figures only (what an export reads). */
  async approvedIn(
    userIds: readonly number[] | null,
    fromWeek: IsoDate,
    toWeek: IsoDate,
  ): Promise<{ userId: number; weekStart: IsoDate; status: WeekStatus; approved: WeekFigures | null }[]> {
    let q = this.db
      .selectFrom('timesheet_weeks')
      .select(['user_id', 'week_start', 'status', 'approved_figures'])
      .where('week_start', '>=', fromWeek)
      .where('week_start', '<=', toWeek);
    if (userIds !== null) q = q.where('user_id', 'in', userIds.length > 0 ? [...userIds] : [-1]);
    const rows = await q.execute();
    return rows.map((r) => ({
      userId: r.user_id,
      weekStart: r.week_start,
      status: r.status,
      approved: r.status === 'approved' && r.approved_figures !== null ? figures(r.approved_figures) : null,
    }));
  }

  // --- pay data

  async payProfiles(userIds: readonly number[] | null): Promise<Map<number, PayProfile>> {
    let q = this.db.selectFrom('pay_profiles').select(['user_id', 'body']);
    if (userIds !== null) q = q.where('user_id', 'in', userIds.length > 0 ? [...userIds] : [-1]);
    const rows = await q.execute();
    return new Map(rows.map((r) => [r.user_id, PAY_PROFILE_SCHEMA.parse(JSON.parse(r.body))]));
  }

  /** Saves a user's pay data and audits it with the data before and after. */
  async putPayProfile(userId: number, profile: PayProfile, actorUserId: number | null, nowMs: number): Promise<{ before: PayProfile | null }> {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('pay_profiles').select('body').where('user_id', '=', userId).executeTakeFirst();
      const values = { body: JSON.stringify(profile), updated_ms: nowMs, updated_by: actorUserId };
      await trx
        .insertInto('pay_profiles')
        .values({ user_id: userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
      const parsed = before ? PAY_PROFILE_SCHEMA.parse(JSON.parse(before.body)) : null;
      await audit(trx, { atMs: nowMs, actorUserId, action: 'pay.put', subject: `user:${userId}`, detail: { before: parsed, after: profile } });
      return { before: parsed };
    });
  }

  // --- exported periods

  async addExport(e: { from: IsoDate; to: IsoDate; format: string; nowMs: number; actorUserId: number | null; figures: unknown }): Promise<number> {
    const row = await this.db
      .insertInto('payroll_exports')
      .values({ from_date: e.from, to_date: e.to, format: e.format, created_ms: e.nowMs, created_by: e.actorUserId, figures: JSON.stringify(e.figures) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Earlier exports whose period overlaps from..to, newest first. */
  async exportsOverlapping(
    from: IsoDate,
    to: IsoDate,
  ): Promise<{ id: number; from: IsoDate; to: IsoDate; format: string; createdMs: number; createdBy: string | null; figures: string }[]> {
    const rows = await this.db
      .selectFrom('payroll_exports as e')
      .leftJoin('users as u', 'u.id', 'e.created_by')
      .select(['e.id', 'e.from_date', 'e.to_date', 'e.format', 'e.created_ms', 'u.email', 'e.figures'])
      .where('e.from_date', '<=', to)
      .where('e.to_date', '>=', from)
      .orderBy('e.id', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, from: r.from_date, to: r.to_date, format: r.format, createdMs: r.created_ms, createdBy: r.email, figures: r.figures }));
  }
}
