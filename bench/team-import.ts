/**
 * `npm run bench team-import`: a team's data imports on the server (issue 15), on SQLite and PostgreSQL, for
 * 50 reps (STINT_BENCH_REPORT_REPS) over a quarter: a generic call log (25 calls a rep a working day), a
 * Salesforce opportunity report and a lead report, each parsed with the shared parsers, attributed and
 * written as the import route does, then imported again (adds nothing). Prints import rows per second and
 * the server time of the sales report over the quarter (JSON and CSV). Figures only, nothing asserted.
 */
import { performance } from 'node:perf_hooks';
import { createUser } from '../server/admin';
import { parseTeamImport, planImport } from '../server/imports/team-import';
import { salesReport } from '../server/reports/sales-report';
import { createServices } from '../server/services';
import { ImportsStore } from '../server/store/imports-store';
import { createTestDb } from '../server/test-support/test-db';
import { salesCsv } from '../shared/team/sales-table';
import { fmt, line } from './measure';

const REPS = Number(process.env.STINT_BENCH_REPORT_REPS ?? 50);
const Q1 = Date.UTC(2026, 0, 5, 14, 0, 0);
const WORKDAYS = 62;
const DAY_MS = 86_400_000;

const usDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
};
const phone = (n: number) => `+1 312 ${String(200 + (n % 700)).padStart(3, '0')} ${String(n % 10_000).padStart(4, '0')}`;

function files() {
  const calls = ['id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact'];
  const opps = ['"Opportunity Owner","Opportunity Name","Opportunity ID","Stage","Amount","Created Date","Close Date","Loss Reason"'];
  const leads = ['"Lead Owner","Lead ID","Lead Status","Phone","Created Date"'];
  let n = 0;
  for (let r = 0; r < REPS; r++) {
    const agent = `rep${r}@example.com`;
    for (let d = 0; d < WORKDAYS; d++) {
      const day = Q1 + Math.floor(d / 5) * 7 * DAY_MS + (d % 5) * DAY_MS;
      for (let c = 0; c < 25; c++) {
        n += 1;
        const start = new Date(day + c * 15 * 60_000).toISOString();
        calls.push(
          `b-${n},${start},${c % 3 === 0 ? 'in' : 'out'},${c % 4 === 0 ? 'no' : 'yes'},${c % 4 === 0 ? '' : 180 + c},${c % 4 === 0 ? '' : 10},${c % 4 === 0 ? '' : 45},${agent},${phone(n)}`,
        );
      }
      if (d % 2 === 0) {
        const stage = ['Closed Won', 'Closed Lost', 'Negotiation'][d % 3]!;
        opps.push(
          `"Rep ${r}","Deal ${r}-${d}","006-${r}-${d}","${stage}","${1000 + d}","${usDate(day - 20 * DAY_MS)}","${usDate(day)}","${stage === 'Closed Lost' ? 'Competitor' : ''}"`,
        );
      }
      leads.push(`"${agent}","00Q-${r}-${d}","Working","${phone(n - 3)}","${usDate(day - 3600_000)} 8:00 AM"`);
    }
  }
  return {
    calls: calls.join('\n'),
    opps: opps.join('\r\n'),
    leads: leads.join('\r\n'),
    rows: { calls: calls.length - 1, opps: opps.length - 1, leads: leads.length - 1 },
  };
}

export async function benchTeamImport(): Promise<void> {
  const f = files();
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const testDb = await createTestDb(dialect);
    const store = await testDb.open();
    try {
      const services = createServices(store, () => Q1);
      const members: { id: number; email: string; name: string }[] = [];
      for (let r = 0; r < REPS; r++) {
        const u = await createUser(services, { email: `rep${r}@example.com`, name: `Rep ${r}`, role: 'rep', team: 'Q', password: null });
        members.push({ id: u.id, email: u.email, name: u.name });
      }
      const team = (await services.accounts.teamByName('Q'))!;
      const imports = new ImportsStore(store.db);
      for (const [what, text, rows] of [
        ['call log', f.calls, f.rows.calls],
        ['opportunity report', f.opps, f.rows.opps],
        ['lead report', f.leads, f.rows.leads],
      ] as const) {
        for (const pass of ['first', 'again'] as const) {
          const t = performance.now();
          const parsed = parseTeamImport(new TextEncoder().encode(text), { zone: 'UTC' });
          if (!parsed.ok) throw new Error(`${what}: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
          const tp = performance.now();
          const plan = await planImport(imports, team.id, parsed.parsed, members);
          if (plan.preview.unknownNames.length > 0) throw new Error(`${what}: unknown ${plan.preview.unknownNames.join(', ')}`);
          await imports.write(team.id, plan.write, Q1);
          const ms = performance.now() - t;
          line(
            `${dialect}: import ${what} (${pass})`,
            `${fmt(rows / (ms / 1000), 0)} rows/s`,
            `${rows.toLocaleString('en-US')} rows in ${fmt(ms, 0)} ms (parse ${fmt(tp - t, 0)} ms), added ${plan.preview.added}`,
          );
        }
      }
      const reps = await services.accounts.reps({ teamIds: [team.id], userId: null });
      const times: number[] = [];
      let csvMs = 0;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const report = await salesReport(imports, { range: { from: '2026-01-01', to: '2026-03-31' }, team: 'Q', teamIds: [team.id], reps, zone: 'UTC' });
        times.push(performance.now() - t);
        const c = performance.now();
        salesCsv(report);
        csvMs = performance.now() - c;
      }
      times.sort((a, b) => a - b);
      line(
        `${dialect}: sales report, ${REPS} reps × a quarter, median of 5`,
        `${fmt(times[2]!, 0)} ms`,
        `min ${fmt(times[0]!, 0)} ms; CSV ${fmt(csvMs, 1)} ms`,
      );
    } finally {
      await store.close();
      await testDb.drop();
    }
  }
}
