import type { Command } from 'commander';
import { formatDuration } from '../../../shared/format-duration';
import { localDayBounds } from '../../../shared/timesheet';
import { TIME_USE_GROUPINGS, type TimeUseGrouping, type TimeUseReport } from '../../../shared/api/results';
import { timeUseReport } from '../reports/time-use';
import { Store } from '../store/store';
import { dateRange } from './date-range';
import { dbPathFrom, localZone, oneOf, timeZone, type GlobalOptions } from './options';
import { RulesStore } from '../store/rules-store';

interface TimeUseOptions extends GlobalOptions {
  from: string;
  to: string;
  by: TimeUseGrouping;
  tz?: string;
  json?: boolean;
}


export function registerReport(program: Command): void {
  const report = program.command('report').description('reports over recorded time');
  report
    .command('time-use')
    .description('tracked, active and idle time, with a row per app, title, category or hour of day')
    .requiredOption('--from <date>', 'first day: YYYY-MM-DD, today or yesterday')
    .requiredOption('--to <date>', 'last day (inclusive): YYYY-MM-DD, today or yesterday')
    .option('--by <key>', TIME_USE_GROUPINGS.join(' | '), oneOf(TIME_USE_GROUPINGS), 'app')
    .option('--tz <zone>', 'IANA time zone the days are read in (default: this computer’s)', timeZone)
    .option('--json', 'print JSON')
    .action((_options: TimeUseOptions, command: Command) => {
      const options = command.optsWithGlobals<TimeUseOptions>();
      const zone = options.tz ?? localZone();
      const now = Date.now();
      const { from, to } = dateRange(options.from, options.to, now, zone);
      const store = Store.open(dbPathFrom(options), { mustExist: true });
      try {
        const range = { fromMs: localDayBounds(from, zone).startMs, toMs: localDayBounds(to, zone).endMs };
        const result = timeUseReport(store.db, { ...range, by: options.by, timeZone: zone, nowMs: now, categorizer: new RulesStore(store.db).categorizer() });
        const out = { from, to, timeZone: zone, by: options.by, ...result };
        process.stdout.write(options.json ? `${JSON.stringify(out, null, 2)}\n` : formatTimeUse(from, to, zone, options.by, result));
      } finally {
        store.close();
      }
    });
}

const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const RATING_MARK = { productive: '+', neutral: ' ', unproductive: '-' } as const;

function formatTimeUse(from: string, to: string, zone: string, by: TimeUseGrouping, r: TimeUseReport): string {
  const lines = [
    `Time use ${from === to ? from : `${from} to ${to}`} (${zone})`,
    `  tracked ${formatDuration(r.trackedSeconds)}   active ${formatDuration(r.activeSeconds)}   idle ${formatDuration(r.idleSeconds)}   worked ${formatDuration(r.workSeconds)}${r.manualSeconds > 0 ? ` (manual ${formatDuration(r.manualSeconds)})` : ''}   breaks ${formatDuration(r.breakSeconds)}`,
    `  productive ${formatDuration(r.productiveSeconds)}   neutral ${formatDuration(r.neutralSeconds)}   unproductive ${formatDuration(r.unproductiveSeconds)}   productivity ${r.productivity === null ? '—' : pct.format(r.productivity)}`,
  ];
  if (r.rows.length === 0) {
    lines.push('  Nothing recorded in this range. Run `stint track` while you work.');
  } else {
    lines.push('', `  ${by.padEnd(10)}`);
    for (const row of r.rows) {
      const share = r.activeSeconds > 0 ? pct.format(row.seconds / r.activeSeconds) : '';
      lines.push(`  ${formatDuration(row.seconds).padStart(10)}  ${share.padStart(6)} ${RATING_MARK[row.rating]} ${row.key}`);
    }
    lines.push('', '  + productive  - unproductive');
  }
  return `${lines.join('\n')}\n`;
}
