import { rowKeyText } from './format-labels';
import { Option, type Command } from 'commander';
import { workedParts } from './worked-parts';
import { formatDuration } from '../../../shared/format-duration';
import { TIME_USE_GROUPINGS, type TimeUseGrouping, type TimeUseReport } from '../../../shared/api/results';
import type { BusinessHours, LeadResponseStats } from '../../../shared/sales';
import { runRequest } from './api-client';
import { parseDays, parseHours } from './business-hours-option';
import { rangeOptions, readRange } from './date-range';
import { oneOf, type GlobalOptions } from './options';
import { UserError } from '../../../shared/user-error';
import { writeOut } from './stdout';

interface TimeUseOptions extends GlobalOptions {
  from: string;
  to: string;
  by: TimeUseGrouping;
  tz?: string;
  json?: boolean;
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('reports over recorded time, calls and sales');
  registerCallsAndSales(report);
  rangeOptions(report.command('time-use').description('tracked, active and idle time, with a row per app, title, category or hour of day'))
    .option('--by <key>', TIME_USE_GROUPINGS.join(' | '), oneOf(TIME_USE_GROUPINGS), 'app')
    .option('--json', 'print JSON')
    .action(async (_options: TimeUseOptions, command: Command) => {
      const options = command.optsWithGlobals<TimeUseOptions>();
      const { from, to, zone } = readRange(options, Date.now());
      const report = await runRequest(options, 'report.timeUse', { from, to, by: options.by, timeZone: zone }, { open: { mustExist: true } });
      const out = { ...report, by: options.by };
      writeOut(options.json ? `${JSON.stringify(out, null, 2)}\n` : formatTimeUse(from, to, zone, options.by, report));
    });
}

/**
 * A share as English writes it with at most one decimal ("12.5%", "40%", "1,250%"). Plain arithmetic, not Intl:
 * the first Intl formatter loads ICU's locale tables, which costs more than the report itself.
 */
export function percentText(share: number): string {
  const [whole = '', decimals] = Number((share * 100).toFixed(1))
    .toString()
    .split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${decimals === undefined ? '' : `.${decimals}`}%`;
}
const pct = { format: percentText };
/** How the calls report names calls timed on this computer, which carry no agent. */
const YOU = 'timed here';

const RATING_MARK = { productive: '+', neutral: ' ', unproductive: '-' } as const;

interface CallsOptions extends GlobalOptions {
  from: string;
  to: string;
  by?: 'day' | 'agent';
  mine?: boolean;
  tz?: string;
  json?: boolean;
}

interface SalesOptions extends GlobalOptions {
  from: string;
  to: string;
  tz?: string;
  json?: boolean;
  businessHours?: Pick<BusinessHours, 'start' | 'end'>;
  businessDays: number[];
}

function registerCallsAndSales(report: Command): void {
  rangeOptions(
    report
      .command('calls')
      .description('calls, answered, AHT = (talk + hold + after-call work) ÷ answered calls, averages, median and p90, calls per active hour'),
  )
    .option('--by <key>', 'day: one row per local day; agent: one row per agent the call logs name', oneOf(['day', 'agent'] as const))
    .option('--mine', 'only your own calls: timed here, or yours in imported logs (the agent in `stint settings`)')
    .option('--json', 'print JSON')
    .action(async (_o: CallsOptions, command: Command) => {
      const options = command.optsWithGlobals<CallsOptions>();
      const { from, to, zone } = readRange(options, Date.now());
      const scope = options.mine ? 'mine' : 'all';
      const input = { from, to, timeZone: zone, byDay: options.by === 'day', byAgent: options.by === 'agent', scope } as const;
      const r = await runRequest(options, 'report.calls', input, { open: { mustExist: true } });
      if (options.json) return void writeOut(`${JSON.stringify(r, null, 2)}\n`);
      const d = (s: number | null) => (s === null ? '—' : formatDuration(s));
      const lines = [
        `${options.mine ? 'Your calls' : 'Calls'} ${from === to ? from : `${from} to ${to}`} (${zone})`,
        `  calls ${r.calls}   answered ${r.answered}   AHT ${d(r.ahtSeconds)}   median ${d(r.medianHandleSeconds)}   p90 ${d(r.p90HandleSeconds)}`,
        `  average talk ${d(r.avgTalkSeconds)}   hold ${d(r.avgHoldSeconds)}   after-call work ${d(r.avgWrapSeconds)}   calls per active hour ${r.callsPerActiveHour === null ? '—' : r.callsPerActiveHour.toFixed(2)}`,
      ];
      for (const day of r.days ?? [])
        lines.push(`  ${day.date}  ${String(day.answered).padStart(4)} answered of ${String(day.calls).padEnd(4)}  AHT ${d(day.ahtSeconds)}`);
      const width = Math.max(0, ...(r.agents ?? []).map((a) => (a.agent ?? YOU).length));
      for (const a of r.agents ?? []) {
        lines.push(
          `  ${(a.agent ?? YOU).padEnd(width)}  ${String(a.answered).padStart(4)} answered of ${String(a.calls).padEnd(4)}  AHT ${d(a.ahtSeconds)}   median ${d(a.medianHandleSeconds)}   p90 ${d(a.p90HandleSeconds)}`,
        );
      }
      if (r.calls === 0) lines.push('  No calls in this range. Time calls with `stint calls start` / `end`, or `stint import calls`.');
      writeOut(`${lines.join('\n')}\n`);
    });

  rangeOptions(
    report.command('sales').description('opportunities, win rate, lost %, loss reasons, sales cycle, deal size, SQL conversion, lead response, selling time'),
    'the org’s zone (default: this computer’s)',
  )
    .option('--business-hours <open-close>', 'also measure lead response in business hours, e.g. 09:00-17:00 in the report’s zone', parseHours)
    .addOption(
      new Option('--business-days <days>', 'working days for --business-hours (only with it), 1 = Monday … 7 = Sunday')
        .argParser(parseDays)
        .default([1, 2, 3, 4, 5], '1-5'),
    )
    .option('--json', 'print JSON')
    .action(async (_o: SalesOptions, command: Command) => {
      const options = command.optsWithGlobals<SalesOptions>();
      if (options.businessHours === undefined && command.getOptionValueSource('businessDays') === 'cli') {
        throw new UserError(
          '--business-days only applies to --business-hours; add --business-hours (e.g. --business-hours 09:00-17:00) or leave --business-days out.',
        );
      }
      const { from, to, zone } = readRange(options, Date.now());
      const hours = options.businessHours && { ...options.businessHours, days: options.businessDays };
      const r = await runRequest(
        options,
        'report.sales',
        { from, to, timeZone: zone, ...(hours ? { businessHours: hours } : {}) },
        { open: { mustExist: true } },
      );
      if (options.json) return void writeOut(`${JSON.stringify(r, null, 2)}\n`);
      const p = (x: number | null) => (x === null ? '—' : pct.format(x));
      const n = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits));
      const o = r.opportunities;
      const lr = r.leadResponse;
      const lines = [
        `Sales ${from} to ${to} (${zone})`,
        `  opportunities: ${o.open} open, ${o.closed} closed (${o.won} won, ${o.lost} lost)   win rate ${p(r.winRate)}   lost ${p(r.lostPercent)}`,
        `  lost to: competitor ${r.lostByReason.competitor}, no decision ${r.lostByReason.noDecision}, other ${r.lostByReason.other}`,
        `  sales cycle: average ${n(r.avgSalesCycleDays)} days, median ${n(r.medianSalesCycleDays)} days   average deal ${n(r.avgDealSize, 2)}`,
        `  SQL → customer ${p(r.sqlToCustomerRate)} (${r.sqlCohort.customers} of ${r.sqlCohort.sqls})`,
        `  lead response: ${responseLine(lr)}, never contacted ${lr.neverContacted} of ${lr.leads}`,
        ...(lr.businessHours ? [`  in business hours: ${responseLine(lr.businessHours)}`] : []),
        `  selling time: ${p(r.sellingTimeShare?.total ?? null)} of active time in CRM, calls and email`,
      ];
      if (o.open + o.closed === 0 && lr.leads === 0)
        lines.push('  No CRM data yet. Import a report with `stint import salesforce-opportunities`, `salesforce-leads` or `hubspot-deals`.');
      writeOut(`${lines.join('\n')}\n`);
    });
}

function responseLine(s: LeadResponseStats): string {
  const d = (x: number | null) => (x === null ? '—' : formatDuration(x));
  const p = (x: number | null) => (x === null ? '—' : pct.format(x));
  return `median ${d(s.medianSeconds)}, p90 ${d(s.p90Seconds)}, within 5 min ${p(s.within5Minutes)}, within 1 h ${p(s.within1Hour)}`;
}

function formatTimeUse(from: string, to: string, zone: string, by: TimeUseGrouping, r: TimeUseReport): string {
  const lines = [
    `Time use ${from === to ? from : `${from} to ${to}`} (${zone})`,
    `  tracked ${formatDuration(r.trackedSeconds)}   active ${formatDuration(r.activeSeconds)}   idle ${formatDuration(r.idleSeconds)}   worked ${formatDuration(r.workSeconds)}${workedParts(r)}   breaks ${formatDuration(r.breakSeconds)}`,
    `  productive ${formatDuration(r.productiveSeconds)}   neutral ${formatDuration(r.neutralSeconds)}   unproductive ${formatDuration(r.unproductiveSeconds)}   productivity ${r.productivity === null ? '—' : pct.format(r.productivity)}`,
  ];
  if (r.rows.length === 0) {
    lines.push('  Nothing recorded in this range. Run `stint track` while you work.');
  } else {
    lines.push('', `  ${by.padEnd(10)}`);
    for (const row of r.rows) {
      const share = r.activeSeconds > 0 ? pct.format(row.seconds / r.activeSeconds) : '';
      lines.push(`  ${formatDuration(row.seconds).padStart(10)}  ${share.padStart(6)} ${RATING_MARK[row.rating]} ${rowKeyText(row.key, by)}`);
    }
    lines.push('', '  + productive  - unproductive');
  }
  return `${lines.join('\n')}\n`;
}
