/**
 * Submitting, approving, rejecting and reopening weeks (issue 14 §1–2), and what late records do to them.
 * Every figure is computed by the shared week code from the synced records; a device's figures are only
 * ever compared with it. Refusals are PayrollErrors with a stable code; routes and the CLI pass them on.
 */
import type { Kysely } from 'kysely';
import { weekDifferences, weekTotals, type SubmitWeek, type WeekFigures, type WeekState, type WeekStatus } from '../../shared/payroll/week';
import { addDays, localDate, workweekStart } from '../../shared/timesheet/local-time';
import type { IsoDate } from '../../shared/timesheet/types';
import type { ServerDatabase } from '../db/schema';
import type { Services } from '../http/context';
import { rulesFor, serverWeek, spansTouched } from '../reports/week';
import type { User, UserWithTeams } from '../store/accounts-store';
import { audit } from '../store/audit';
import { WeeksStore, type WeekRow } from '../store/weeks-store';
import { weekReadWindow } from '../../shared/payroll/week';
import type { ApprovalItem } from '../../shared/payroll/approvals-api';

export type PayrollErrorCode =
  | 'not-week-start'
  | 'week-locked'
  | 'figures-differ'
  | 'unknown-user'
  | 'not-allowed'
  | 'not-submitted'
  | 'wrong-state'
  | 'comment-required'
  | 'changed-since'
  | 'conflict'
  | 'export-incomplete'
  | 'export-invalid';

export class PayrollError extends Error {
  constructor(
    readonly code: PayrollErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const LOCKED: readonly WeekStatus[] = ['approved', 'changed'];

/** The figures a week was last agreed on: the approval, else the submission. */
export const referenceOf = (w: WeekRow): WeekFigures => w.approved ?? w.submitted;

export function stateOf(w: WeekRow): WeekState {
  return {
    weekStart: w.weekStart,
    status: w.status,
    locked: LOCKED.includes(w.status),
    comment: w.comment,
    decidedBy: w.decidedBy,
    decidedMs: w.decidedMs,
    submittedMs: w.submittedMs,
  };
}

/** A device submits its computed week: accepted only when the server's figures are the same to the second. */
export async function submitWeek(services: Services, user: User, body: SubmitWeek, nowMs: number): Promise<WeekState> {
  const { rules, policyVersion } = await rulesFor(services.db, user.id);
  const weekStart = body.figures.weekStart;
  if (workweekStart(weekStart, rules.weekStart) !== weekStart) {
    throw new PayrollError(
      'not-week-start',
      `${weekStart} is not the first day of a workweek: your team's weeks start on ${rules.weekStart}. Pull the policy again, then submit.`,
      {
        weekStart: rules.weekStart,
      },
    );
  }
  const weeks = new WeeksStore(services.db);
  const existing = await weeks.get(user.id, weekStart);
  if (existing && LOCKED.includes(existing.status)) {
    throw new PayrollError('week-locked', `The week of ${weekStart} is approved and locked. Ask your manager to reopen it if something must change.`, {
      status: existing.status,
    });
  }
  const server = await serverWeek(services.db, user.id, weekStart, rules, nowMs, services.options.fallbackTimeZone);
  const differences = weekDifferences(body.figures, server);
  // Refused with both figures in the answer; a refusal writes nothing.
  if (differences.length > 0) {
    const first = differences[0]!;
    throw new PayrollError(
      'figures-differ',
      `The server computes the week of ${weekStart} differently from this device (${first.date} ${first.field}: device ${first.before} s, server ${first.after} s${
        differences.length > 1 ? `, and ${differences.length - 1} more` : ''
      }). ${
        body.policyVersion !== policyVersion
          ? `The device used policy version ${body.policyVersion}, the server has ${policyVersion}: pull the policy, let sync finish, and submit again.`
          : 'Let sync finish and submit again; if it still differs, this is a bug in Stint: report it with both figures.'
      }`,
      { device: body.figures, server, differences, devicePolicyVersion: body.policyVersion, serverPolicyVersion: policyVersion },
    );
  }
  await weeks.submit({ userId: user.id, weekStart, figures: server, policyVersion, deviceId: body.deviceId, nowMs });
  await audit(services.db, {
    atMs: nowMs,
    actorUserId: user.id,
    action: 'week.submit',
    subject: `user:${user.id}:week:${weekStart}`,
    detail: {
      email: user.email,
      weekStart,
      before: existing ? { status: existing.status, figures: existing.current } : null,
      after: server,
      deviceId: body.deviceId,
    },
  });
  return stateOf((await weeks.get(user.id, weekStart))!);
}

export type Decision = 'approve' | 'reject' | 'reopen';

/** Managers of the rep's teams and admins decide; nobody decides on their own week. */
async function mayDecide(services: Services, actor: UserWithTeams, target: User): Promise<boolean> {
  if (actor.id === target.id) return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'manager' && services.accounts.isMemberOfAny(target.id, actor.manages);
}

export async function decideWeek(
  services: Services,
  actor: UserWithTeams,
  input: { email: string; date: IsoDate; decision: Decision; comment: string | null },
  nowMs: number,
): Promise<WeekState> {
  const target = await services.accounts.findActiveByEmail(input.email);
  if (!target) throw new PayrollError('unknown-user', `No user ${input.email}.`);
  if (!(await mayDecide(services, actor, target)))
    throw new PayrollError('not-allowed', "Only an admin or a manager of the rep's team can approve, reject or reopen their weeks, and never their own.");
  const { rules } = await rulesFor(services.db, target.id);
  const weekStart = workweekStart(input.date, rules.weekStart);
  const weeks = new WeeksStore(services.db);
  const row = await weeks.get(target.id, weekStart);
  if (!row) throw new PayrollError('not-submitted', `${target.email} has not submitted the week of ${weekStart}.`);
  const comment = input.comment?.trim() || null;
  const subject = `user:${target.id}:week:${weekStart}`;
  const allowed: Record<Decision, readonly WeekStatus[]> = {
    approve: ['submitted', 'changed'],
    reject: ['submitted', 'changed'],
    reopen: ['approved', 'changed'],
  };
  if (!allowed[input.decision].includes(row.status)) {
    throw new PayrollError(
      'wrong-state',
      `The week of ${weekStart} of ${target.email} is ${row.status}: it cannot be ${input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'reopened'} now.`,
      {
        status: row.status,
      },
    );
  }
  if (input.decision === 'reject' && comment === null)
    throw new PayrollError('comment-required', 'Say what the rep should correct: a rejection needs a comment.');
  if (input.decision === 'reopen' && comment === null) throw new PayrollError('comment-required', 'Give the reason for reopening an approved week.');

  let ok: boolean;
  if (input.decision === 'approve') {
    // What is approved is what the server computes now, and it must be what the approver was shown.
    const now = await serverWeek(services.db, target.id, weekStart, rules, nowMs, services.options.fallbackTimeZone);
    const differences = weekDifferences(row.current, now);
    if (differences.length > 0) {
      await weeks.recomputed(target.id, weekStart, 'changed', now, nowMs);
      await audit(services.db, {
        atMs: nowMs,
        actorUserId: null,
        action: 'week.changed',
        subject,
        detail: { email: target.email, weekStart, before: row.current, after: now, differences },
      });
      throw new PayrollError('changed-since', `Records arrived for the week of ${weekStart} since it was shown: review the new figures, then approve again.`, {
        differences,
      });
    }
    ok = await weeks.decide(target.id, weekStart, row.status, { status: 'approved', approved: now, current: now, decidedBy: actor.id, comment, nowMs });
    if (ok)
      await audit(services.db, {
        atMs: nowMs,
        actorUserId: actor.id,
        action: 'week.approve',
        subject,
        detail: {
          email: target.email,
          weekStart,
          comment,
          before: row.approved,
          after: now,
          differences: row.approved ? weekDifferences(row.approved, now) : [],
        },
      });
  } else {
    const status: WeekStatus = input.decision === 'reject' ? 'rejected' : 'reopened';
    ok = await weeks.decide(target.id, weekStart, row.status, { status, decidedBy: actor.id, comment, nowMs });
    if (ok)
      await audit(services.db, {
        atMs: nowMs,
        actorUserId: actor.id,
        action: input.decision === 'reject' ? 'week.reject' : 'week.reopen',
        subject,
        detail: { email: target.email, weekStart, comment, before: { status: row.status, figures: row.approved ?? row.current }, after: { status } },
      });
  }
  if (!ok) throw new PayrollError('conflict', `Someone else changed the week of ${weekStart} of ${target.email} just now: look again.`);
  return stateOf((await weeks.get(target.id, weekStart))!);
}

/**
 * Called inside the sync push's transaction with the rows it stored: a submitted or approved week those
 * records change is marked `changed` with the server's new figures, never silently updated.
 */
export async function markLateRecords(
  db: Kysely<ServerDatabase>,
  userId: number,
  stored: readonly { kind: string; startMs: number | null; endMs: number | null; refUuid: string | null }[],
  nowMs: number,
  fallbackTimeZone: string,
): Promise<void> {
  const spans = await spansTouched(db, userId, stored);
  if (spans.length === 0) return;
  const earliest = Math.min(...spans.map((s) => s.startMs));
  const weeks = new WeeksStore(db);
  const candidates = await weeks.ofUser(userId, ['submitted', 'approved', 'changed'], addDays(localDate(earliest, 'UTC'), -9));
  if (candidates.length === 0) return;
  const { rules } = await rulesFor(db, userId);
  for (const week of candidates) {
    const { fromMs, toMs } = weekReadWindow(week.weekStart);
    if (!spans.some((s) => s.startMs < toMs && s.endMs >= fromMs)) continue;
    const now = await serverWeek(db, userId, week.weekStart, rules, nowMs, fallbackTimeZone);
    const differences = weekDifferences(week.current, now);
    if (differences.length === 0) continue;
    await weeks.recomputed(userId, week.weekStart, 'changed', now, nowMs);
    await audit(db, {
      atMs: nowMs,
      actorUserId: null,
      action: 'week.changed',
      subject: `user:${userId}:week:${week.weekStart}`,
      detail: { weekStart: week.weekStart, statusBefore: week.status, before: week.current, after: now, differences: weekDifferences(referenceOf(week), now) },
    });
  }
}

/**
 * The approval list: with a date, every rep in scope and their week holding it (not submitted too);
 * without, every week waiting for a decision (submitted or changed).
 */
export async function approvalList(
  services: Services,
  reps: readonly { id: number; email: string; name: string; team: string | null }[],
  date: IsoDate | null,
): Promise<ApprovalItem[]> {
  const weeks = new WeeksStore(services.db);
  const item = (rep: (typeof reps)[number], w: WeekRow): ApprovalItem => ({
    email: rep.email,
    name: rep.name,
    team: rep.team,
    weekStart: w.weekStart,
    status: w.status,
    totals: weekTotals(w.current),
    days: w.current.days,
    differences: w.status === 'changed' ? weekDifferences(referenceOf(w), w.current) : [],
    comment: w.comment,
    submittedMs: w.submittedMs,
    decidedMs: w.decidedMs,
    decidedBy: w.decidedBy,
  });
  const byId = new Map(reps.map((r) => [r.id, r]));
  if (date === null) {
    const rows = await weeks.list({ userIds: reps.map((r) => r.id), fromWeek: '0000-01-01', toWeek: '9999-12-31', statuses: ['submitted', 'changed'] });
    return rows.map((w) => item(byId.get(w.userId)!, w));
  }
  const rows = await weeks.list({ userIds: reps.map((r) => r.id), fromWeek: addDays(date, -6), toWeek: date });
  const out: ApprovalItem[] = [];
  const weekStartOf = new Map<string | null, IsoDate>();
  for (const rep of reps) {
    let weekStart = weekStartOf.get(rep.team);
    if (weekStart === undefined) {
      weekStart = workweekStart(date, (await rulesFor(services.db, rep.id)).rules.weekStart);
      weekStartOf.set(rep.team, weekStart);
    }
    const w = rows.find((r) => r.userId === rep.id && r.weekStart === weekStart);
    out.push(
      w
        ? item(rep, w)
        : {
            email: rep.email,
            name: rep.name,
            team: rep.team,
            weekStart,
            status: 'not-submitted',
            totals: null,
            days: null,
            differences: [],
            comment: null,
            submittedMs: null,
            decidedMs: null,
            decidedBy: null,
          },
    );
  }
  return out;
}

/** A rep's weeks as their device reads them: state, lock and the manager's comment. */
export async function weekStates(services: Services, userId: number, fromWeek: IsoDate): Promise<WeekState[]> {
  return (await new WeeksStore(services.db).ofUser(userId, null, fromWeek)).map(stateOf);
}
