/**
 * The rep's weeks and the team server (issue 14 §1, issue 13 §3): `timesheet.submit` pushes what waits, computes
 * the workweek with the shared week code from the records as they were sent, and posts it; the approval states
 * are pulled (here on demand, by the pusher with the policy) and kept on the device, where an approved week
 * refuses edits. The CLI and the views reach these through the same dispatch.
 */
import { CodedRefusal } from '../../../shared/api/refusal';
import type { ApiHandlers } from '../../../shared/api/contract';
import { computeWeek, payRulesOf, timeRecordsFromSync, weekReadWindow, type WeekFigures } from '../../../shared/payroll/week';
import { DEFAULT_POLICY, type WeekRecord } from '../../../shared/sync/contract';
import { syncProblemWords } from '../../../shared/sync/sync-words';
import { workweekStart } from '../../../shared/timesheet/local-time';
import type { IsoDate } from '../../../shared/timesheet/types';
import type { Clock } from '../clock/clock';
import type { Store } from '../store/store';
import { SyncStore } from '../store/sync-store';
import type { Enrollment } from '../sync/enrollment-file';
import { tokenVaultFor, type TokenCipher } from '../sync/token-vault';
import { fetchHttp, SyncClient, SyncError, type SyncHttp } from '../sync/sync-client';
import { pullWeeks } from '../sync/week-states';

type WeekRequest = 'timesheet.submit' | 'timesheet.week' | 'timesheet.weeks';

export interface WeekHandlerContext {
  store: Store;
  dbPath: string;
  clock: Clock;
  syncHttp?: SyncHttp;
  tokenCipher?: TokenCipher | null;
  /** `sync.now`: through the running recorder when one runs, else from this process. */
  syncNow: ApiHandlers['sync.now'];
}

const NOT_ENROLLED = 'This device is not enrolled with a team server. Enroll it with `stint sync enroll --server URL --code CODE`, then submit.';

export function createWeekHandlers(ctx: WeekHandlerContext): Pick<ApiHandlers, WeekRequest> {
  const { store, clock } = ctx;
  const sync = new SyncStore(store.db);
  const http = ctx.syncHttp ?? fetchHttp;
  const vault = tokenVaultFor(ctx.dbPath, ctx.tokenCipher ?? null);
  const enrollment = (): Enrollment | null => {
    const read = vault.read();
    return read.state === 'enrolled' && read.enrollment.deviceId === sync.bookkeeping().deviceId ? read.enrollment : null;
  };
  const policy = () => sync.bookkeeping().policy;
  const rules = () => payRulesOf(policy()?.policy ?? DEFAULT_POLICY);
  /**
   * The workweek holding `date` under the team's rules, from the records as they are (or will be) sent, and
   * those of the rep's other devices when given (as the server holds them), so the figures are the server's.
   */
  const figuresOf = (date: IsoDate, deviceId: string, others: readonly WeekRecord[] = []): WeekFigures => {
    const { fromMs, toMs } = weekReadWindow(workweekStart(date, rules().weekStart));
    const own = sync.timeRecords(fromMs, toMs).map((record) => ({ record, deviceId }));
    return computeWeek(timeRecordsFromSync([...own, ...others]), date, rules(), clock.now(), clock.timeZone());
  };
  const stateOf = (weekStart: IsoDate) => sync.weeks().weeks.find((w) => w.weekStart === weekStart) ?? null;

  return {
    'timesheet.week': ({ week }) => {
      const enrolled = enrollment();
      const figures = figuresOf(week, enrolled?.deviceId ?? store.deviceId);
      return { figures, state: stateOf(figures.weekStart), enrolled: enrolled !== null, userEmail: enrolled?.userEmail ?? null };
    },

    'timesheet.weeks': async ({ refresh }) => {
      const enrolled = enrollment();
      let refreshError: string | null = null;
      if (refresh && enrolled) {
        try {
          await pullWeeks(new SyncClient(http, enrolled.server), enrolled, sync, clock);
        } catch (error) {
          if (!(error instanceof SyncError)) throw error;
          refreshError = syncProblemWords(error.code, error.message);
        }
      }
      return { ...sync.weeks(), enrolled: enrolled !== null, refreshError };
    },

    'timesheet.submit': async ({ week }) => {
      // Enrolled from the desktop app, whose sealed token this process cannot open: say so, not "not enrolled".
      if (!enrollment() && vault.read().state === 'sealed')
        throw new CodedRefusal('sync-problem', syncProblemWords('token-sealed'), { problem: 'token-sealed', detail: '' });
      if (!enrollment()) throw new CodedRefusal('not-enrolled', NOT_ENROLLED);
      // The server computes from what it holds: everything recorded goes first.
      const pushed = await ctx.syncNow({});
      const enrolled = enrollment();
      if (!enrolled) throw new CodedRefusal('not-enrolled', NOT_ENROLLED);
      const weekStart = workweekStart(week, rules().weekStart);
      const { fromMs, toMs } = weekReadWindow(weekStart);
      if (sync.pendingTimeRecords(fromMs, toMs) > 0) {
        const why = pushed.error ? ` ${syncProblemWords(pushed.error.code, pushed.error.message)}` : '';
        throw new CodedRefusal(
          'records-not-synced',
          `The records of the week of ${weekStart} have not all reached the team server yet, so it cannot check the figures.${why} Submit again once \`stint sync status\` shows nothing pending.`,
          { weekStart },
        );
      }
      const client = new SyncClient(http, enrolled.server);
      let answer;
      let figures: WeekFigures;
      let otherDevices: number;
      try {
        // A rep with two computers: the server counts the other's records too, so the device computes with them
        // (in memory: they are not this device's to show, edit or send again).
        const others = (await client.weekRecords(enrolled.token, weekStart)) ?? [];
        otherDevices = new Set(others.map((o) => o.deviceId)).size;
        figures = figuresOf(week, enrolled.deviceId, others);
        answer = await client.submitWeek(enrolled.token, { deviceId: enrolled.deviceId, policyVersion: policy()?.version ?? 0, figures });
      } catch (error) {
        if (error instanceof SyncError) {
          // The views say the week was not submitted and why, from the problem's code.
          throw new CodedRefusal('sync-problem', `The week was not submitted. ${syncProblemWords(error.code, error.message)}`, {
            problem: error.code,
            detail: error.message,
            weekStart,
          });
        }
        throw error;
      }
      if (!answer.ok) {
        // The server's words say what differs and what to do; the state it knows comes back with the pull.
        await pullWeeks(client, enrolled, sync, clock).catch(() => undefined);
        const code = answer.code === 'week-locked' ? 'week-locked' : 'week-figures-differ';
        const state = stateOf(figures.weekStart);
        throw new CodedRefusal(code, answer.message, { weekStart: figures.weekStart, decidedBy: state?.decidedBy ?? '' });
      }
      sync.recordWeek(answer.week);
      return { state: answer.week, figures, pushed: pushed.pushed, otherDevices };
    },
  };
}
