import { benchAw } from './aw';
import { benchCallsAndSales } from './calls-and-sales';
import { benchCliStartup } from './cli-startup';
import { benchLongestRanges } from './longest-ranges';
import { benchLoad } from './load';
import { benchRecorderOverhead } from './recorder-overhead';
import { benchReports } from './reports';
import { benchRepViews } from './rep-views';
import { benchPayroll } from './payroll';
import { benchServer } from './server';
import { benchSync } from './sync';
import { benchTeamNow } from './team-now';
import { benchTeamReport } from './team-report';
import { benchTeamImport } from './team-import';
import { benchViews } from './views';
import { benchWritePath } from './write-path';

/** `npm run bench`: prints figures and ratios; nothing here is asserted. */
const only = process.argv.slice(2);
const benches: Record<string, () => void | Promise<void>> = {
  'write-path': benchWritePath,
  reports: benchReports,
  'calls-and-sales': benchCallsAndSales,
  'recorder-overhead': benchRecorderOverhead,
  views: benchViews,
  'longest-ranges': benchLongestRanges,
  load: benchLoad,
  'cli-startup': benchCliStartup,
  server: benchServer,
  payroll: benchPayroll,
  aw: benchAw,
  sync: benchSync,
  'team-now': benchTeamNow,
  'team-report': benchTeamReport,
  'rep-views': benchRepViews,
  'team-import': benchTeamImport,
};
for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stdout.write(`\n== ${name} ==\n`);
  await run();
}
