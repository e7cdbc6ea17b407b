/** The CLI's English for the rep's weeks: a week's approval state, a submission, the approved week's CSV. */
import { formatDuration } from '../../../shared/format-duration';
import { WEEK_FIELDS, weekTotals, type WeekField, type WeekFigures, type WeekState } from '../../../shared/payroll/week';
import type { WeekCsvWords } from '../../../shared/payroll/week-csv';

const when = (ms: number, zone: string) => new Date(ms).toLocaleString('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });

/** "week of 2026-03-02: rejected by … on …: "comment"", one line per week. */
export function weekStateLine(weekStart: string, state: WeekState | null, zone: string): string {
  const head = `week of ${weekStart}: `;
  if (!state) return `${head}not submitted`;
  const by = state.decidedBy && state.decidedMs !== null ? ` by ${state.decidedBy} on ${when(state.decidedMs, zone)}` : '';
  switch (state.status) {
    case 'submitted':
      return `${head}submitted${state.submittedMs === null ? '' : ` on ${when(state.submittedMs, zone)}`}, waiting for approval`;
    case 'approved':
      return `${head}approved${by} (locked)`;
    case 'rejected':
      return `${head}rejected${by}: "${state.comment ?? ''}" — correct it and submit again`;
    case 'reopened':
      return `${head}reopened${by}${state.comment ? `: "${state.comment}"` : ''} — submit again when it is right`;
    case 'changed':
      return `${head}changed after approval (records arrived later) — your manager must approve it again`;
  }
}

export function submittedLine(figures: WeekFigures, pushed: number, otherDevices = 0): string {
  const t = weekTotals(figures);
  const parts = [`${formatDuration(t.workedSeconds)} worked`, `${formatDuration(t.overtimeSeconds)} overtime`];
  if (t.doubleTimeSeconds > 0) parts.push(`${formatDuration(t.doubleTimeSeconds)} double time`);
  const sent = pushed > 0 ? ` ${pushed} records were sent first.` : '';
  // The figures are the server's: with another computer's time they are more than this one recorded.
  const joined = otherDevices > 0 ? `, with the time of your ${otherDevices === 1 ? 'other computer' : `${otherDevices} other computers`}` : '';
  return `Submitted the week of ${figures.weekStart} (${parts.join(', ')}${joined}). Your manager approves or rejects it; \`stint timesheet --refresh\` shows which.${sent}\n`;
}

const FIELD_WORDS: Record<WeekField, string> = {
  workedSeconds: 'Worked hours',
  regularSeconds: 'Regular hours',
  overtimeSeconds: 'Overtime hours',
  doubleTimeSeconds: 'Double-time hours',
  breakSeconds: 'Break hours',
  manualSeconds: 'Manual hours',
  claimedIdleSeconds: 'Claimed idle hours',
  unconfirmedIdleSeconds: 'Unconfirmed idle hours',
};

export function csvWords(zone: string): WeekCsvWords {
  return {
    date: 'Date',
    fields: Object.fromEntries(WEEK_FIELDS.map((f) => [f, FIELD_WORDS[f]])) as Record<WeekField, string>,
    total: 'Total',
    employee: 'Employee',
    approvedBy: 'Approved by',
    approvedOn: 'Approved on',
    instant: (ms) => when(ms, zone),
  };
}
