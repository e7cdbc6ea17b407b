import type { Command } from 'commander';
import { formatDuration } from '../../../shared/format-duration';
import type { OvertimeRules, Rounding, Timesheet, WeekStart } from '../../../shared/timesheet';
import { OVERTIME_RULES, ROUNDING_MINUTES, ROUNDING_MODES, WEEK_STARTS } from '../../../shared/timesheet/types';
import { writeFileSync } from 'node:fs';
import { localClockTime } from '../../../shared/timesheet/local-time';
import { UserError } from '../../../shared/user-error';
import { runRequest } from './api-client';
import { rangeOptions, readRange, requireRange } from './date-range';
import { timesheetWarningText } from './format-warnings';
import { localZone, oneOf, type GlobalOptions } from './options';
import { writeOut } from './stdout';

interface TimesheetCliOptions extends GlobalOptions {
  from: string;
  to: string;
  tz?: string;
  rules?: OvertimeRules;
  weekStart?: WeekStart;
  rounding?: RoundingChoice;
  roundingMode?: Rounding['mode'];
  json?: boolean;
  refresh?: boolean;
}

interface WeekCliOptions extends GlobalOptions {
  week: string;
  format?: string;
  out?: string;
  json?: boolean;
}

/** The rounding steps as the flag takes them: `none` for 0, the others as numbers. */
const ROUNDING_CHOICES = ROUNDING_MINUTES.map((m) => (m === 0 ? 'none' : String(m)));
type RoundingChoice = (typeof ROUNDING_CHOICES)[number];

export function registerTimesheet(program: Command): void {
  const timesheet = program.command('timesheet');
  rangeOptions(
    timesheet.description('worked, regular, overtime and double-time hours per local day, after corrections'),
    'zone for time that carries none, e.g. imports (default: this computer’s)',
    false,
  )
    .option('--rules <rules>', `overtime rules: ${OVERTIME_RULES.join(' | ')} (default: the stored ones, \`stint settings\`)`, oneOf(OVERTIME_RULES))
    .option('--week-start <day>', `first day of the workweek: ${WEEK_STARTS.join(' | ')} (default: the stored one, \`stint settings\`)`, oneOf(WEEK_STARTS))
    .option('--rounding <minutes>', `round each day’s total: ${ROUNDING_CHOICES.join(' | ')} (default: the stored rounding)`, oneOf(ROUNDING_CHOICES))
    .option('--rounding-mode <mode>', `${ROUNDING_MODES.join(' | ')} (default: the stored mode, else nearest)`, oneOf(ROUNDING_MODES))
    .option('--refresh', 'ask the team server for the weeks’ approval states first')
    .option('--json', 'print JSON')
    .action(async (_options: TimesheetCliOptions, command: Command) => {
      const options = command.optsWithGlobals<TimesheetCliOptions>();
      requireRange(command, options);
      const { from, to, zone } = readRange(options, Date.now());
      // What is not given comes from the stored work settings, as in the views.
      const rounding = await roundingOption(options);
      const sheet = await runRequest(
        options,
        'timesheet.get',
        {
          from,
          to,
          ...(options.rules === undefined ? {} : { rules: options.rules }),
          ...(options.weekStart === undefined ? {} : { weekStart: options.weekStart }),
          ...(rounding === undefined ? {} : { rounding }),
          timeZone: zone,
        },
        { open: { mustExist: true } },
      );
      if (options.json) return void writeOut(`${JSON.stringify(sheet, null, 2)}\n`);
      writeOut(formatTimesheet(sheet));
      // The approval state of each week shown, as last pulled (or now, with --refresh), when the device syncs.
      const weeks = await runRequest(options, 'timesheet.weeks', { refresh: options.refresh === true });
      if (!weeks.enrolled) return;
      if (weeks.refreshError) process.stderr.write(`${weeks.refreshError}\n`);
      // Loaded here: the week's figures and their schemas are not needed by `stint --help` or by parsing.
      const [{ addDays, workweekStart }, { weekStateLine }] = await Promise.all([import('../../../shared/timesheet/local-time'), import('./format-week')]);
      for (let week = workweekStart(from, sheet.weekStart); week <= to; week = addDays(week, 7)) {
        writeOut(`${weekStateLine(week, weeks.weeks.find((w) => w.weekStart === week) ?? null, zone)}\n`);
      }
    });

  timesheet
    .command('submit')
    .description('send the workweek holding a date to your manager for approval (records are synced first)')
    .requiredOption('--week <date>', 'any date of the week, YYYY-MM-DD')
    .option('--json', 'print JSON')
    .action(async (_o: WeekCliOptions, command: Command) => {
      const options = command.optsWithGlobals<WeekCliOptions>();
      const result = await runRequest(options, 'timesheet.submit', { week: options.week });
      const { submittedLine } = await import('./format-week');
      writeOut(options.json ? `${JSON.stringify(result, null, 2)}\n` : submittedLine(result.figures, result.pushed, result.otherDevices));
    });

  timesheet
    .command('export')
    .description('your approved week as a file, with who approved it')
    .requiredOption('--week <date>', 'any date of the week, YYYY-MM-DD')
    .option('--format <format>', 'csv', oneOf(['csv'] as const), 'csv')
    .option('--out <file>', 'write here (default: timesheet-WEEK-approved.csv in this folder)')
    .action(async (_o: WeekCliOptions, command: Command) => {
      const options = command.optsWithGlobals<WeekCliOptions>();
      const zone = localZone();
      const { figures, state, userEmail } = await runRequest(options, 'timesheet.week', { week: options.week });
      if (!state || state.status !== 'approved') {
        const now = state ? state.status : 'not submitted';
        throw new UserError(
          `The week of ${figures.weekStart} is ${now}: only an approved week can be exported. ${
            state ? 'See `stint timesheet --refresh` for what your manager said.' : `Submit it with \`stint timesheet submit --week ${figures.weekStart}\`.`
          }`,
        );
      }
      const [{ approvedWeekCsv, weekCsvFileName }, { csvWords }] = await Promise.all([import('../../../shared/payroll/week-csv'), import('./format-week')]);
      const out = options.out ?? weekCsvFileName(figures.weekStart);
      writeFileSync(out, approvedWeekCsv(figures, state, userEmail ?? '', csvWords(zone)));
      writeOut(`Wrote the approved week of ${figures.weekStart} to ${out}.\n`);
    });
}

/** The rounding the flags ask for; a mode alone keeps the stored step, a step alone the stored mode. */
async function roundingOption(options: TimesheetCliOptions): Promise<Rounding | undefined> {
  if (options.rounding === undefined && options.roundingMode === undefined) return undefined;
  const stored = options.rounding === undefined || options.roundingMode === undefined ? (await runRequest(options, 'settings.get', {})).rounding : null;
  const minutes = options.rounding === undefined ? stored!.minutes : options.rounding === 'none' ? 0 : (Number(options.rounding) as 6 | 15);
  return { minutes, mode: options.roundingMode ?? stored!.mode };
}

function formatTimesheet(sheet: Timesheet): string {
  const header = ['date', 'worked', 'regular', 'overtime', 'double', 'breaks', 'manual', 'claimed idle', 'unconfirmed idle', 'first–last'];
  const blankIfZero = (seconds: number) => (seconds > 0 ? formatDuration(seconds) : '');
  const time = (ms: number | null, zone: string) => (ms === null ? '' : localClockTime(ms, zone));
  const rows = sheet.days.map((d) => [
    d.date,
    formatDuration(d.workedSeconds),
    formatDuration(d.regularSeconds),
    formatDuration(d.overtimeSeconds),
    formatDuration(d.doubleTimeSeconds),
    formatDuration(d.breakSeconds),
    blankIfZero(d.manualSeconds),
    blankIfZero(d.claimedIdleSeconds),
    blankIfZero(d.unconfirmedIdleSeconds),
    d.firstStart === null ? '' : `${time(d.firstStart, d.timeZone)}–${time(d.lastEnd, d.timeZone)}`,
  ]);
  const t = sheet.totals;
  rows.push([
    'total',
    formatDuration(t.workedSeconds),
    formatDuration(t.regularSeconds),
    formatDuration(t.overtimeSeconds),
    formatDuration(t.doubleTimeSeconds),
    formatDuration(t.breakSeconds),
    blankIfZero(t.manualSeconds),
    blankIfZero(t.claimedIdleSeconds),
    blankIfZero(t.unconfirmedIdleSeconds),
    '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [fmt(header), ...rows.map(fmt)];
  for (const w of sheet.warnings) lines.push(`warning ${w.date}: ${timesheetWarningText(w)}`);
  return `${lines.join('\n')}\n`;
}
