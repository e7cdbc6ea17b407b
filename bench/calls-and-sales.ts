import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callsReport } from '../electron/recorder/reports/calls-report';
import { salesReport } from '../electron/recorder/reports/sales-report';
import { RulesStore } from '../electron/recorder/store/rules-store';
import { Store } from '../electron/recorder/store/store';
import { prng } from './dense-year';
import { fmt, line, medianMs, onceMs } from './measure';
import { denseYearStore } from './reports';

const BIN = fileURLToPath(new URL('../bin/stint.cjs', import.meta.url));
const CALLS = 100_000;
const OPPORTUNITIES = 50_000;
const LEADS = 20_000;
const YEAR = 2025;
const ZONE = 'America/New_York';

/** A year of a busy rep's calls in the documented generic CSV: ~400 a workday, a fifth unanswered. */
function genericCallLog(n: number): string {
  const r = prng(11);
  const rows = ['id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact'];
  const start = Date.UTC(YEAR, 0, 2, 14, 0, 0);
  for (let i = 0; i < n; i++) {
    const day = Math.floor(i / 400);
    const t = new Date(start + day * 86_400_000 + (i % 400) * 72_000).toISOString();
    const answered = r() > 0.2;
    const talk = answered ? 30 + Math.floor(r() * 600) : '';
    const hold = answered ? Math.floor(r() * 60) : '';
    const wrap = answered ? Math.floor(r() * 240) : '';
    // Most contacts are numbers, some of them leads' (see leadReport); the rest are names.
    const contact = r() < 0.8 ? leadPhone(Math.floor(r() * LEADS * 2)) : `"Contact ${i % 997}, Inc."`;
    rows.push(`c-${i},${t},${r() < 0.6 ? 'out' : 'in'},${answered ? 'yes' : 'no'},${talk},${hold},${wrap},rep${i % 7}@acme.com,${contact}`);
  }
  return `${rows.join('\n')}\n`;
}

/** A Salesforce opportunity report of n rows in the en_US shape, footers included. */
function opportunityReport(n: number): string {
  const r = prng(12);
  const rows = ['"Opportunity Owner","Account Name","Opportunity Name","Opportunity ID","Stage","Amount","Created Date","Close Date","Loss Reason"'];
  const stages = ['Prospecting', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
  const reasons = ['Lost to Competitor', 'No Decision / Non-Responsive', 'Price', ''];
  for (let i = 0; i < n; i++) {
    const stage = stages[Math.floor(r() * 4)]!;
    const created = new Date(Date.UTC(YEAR, 0, 1) + Math.floor(r() * 300) * 86_400_000);
    const close = new Date(created.getTime() + Math.floor(r() * 60) * 86_400_000);
    const us = (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
    const lost = stage === 'Closed Lost' ? reasons[Math.floor(r() * 4)]! : '';
    rows.push(
      `"Rep ${i % 9}","Account ${i % 3001}","Deal ${i}","006${String(i).padStart(12, '0')}","${stage}","${(1000 + Math.floor(r() * 90000)).toLocaleString('en-US')}.00","${us(created)}","${us(close)}","${lost}"`,
    );
  }
  rows.push(
    '',
    `"Grand Totals (${n} records)"`,
    '',
    '"Confidential Information - Do Not Distribute"',
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
  );
  return `${rows.join('\r\n')}\r\n`;
}

const leadPhone = (n: number) => `(${n % 2 === 0 ? 415 : 212}) 555-${String(Math.floor(n / 2) % 10_000).padStart(4, '0')}`;

/** A Salesforce lead report (en_US) of n leads over the year with phone numbers; half have a CRM first touch. */
function leadReport(n: number): string {
  const r = prng(13);
  const rows = [
    '"Lead Owner","First Name","Last Name","Company","Lead ID","Lead Status","Lead Source","Phone","Mobile","Created Date","First Touch","Converted Date"',
  ];
  const us = (ms: number) => {
    const d = new Date(ms);
    const h = d.getUTCHours();
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
  };
  for (let i = 0; i < n; i++) {
    const created = Date.UTC(YEAR, 0, 1, 8) + Math.floor(r() * 360) * 86_400_000 + Math.floor(r() * 10 * 60) * 60_000;
    const touch = r() < 0.5 ? us(created + Math.floor(r() * 600) * 60_000) : '';
    rows.push(
      `"Rep ${i % 9}","Ann","Lee ${i}","Account ${i % 3001}","00Q${String(i).padStart(12, '0')}","Working - Contacted","Web","${leadPhone(i)}","","${us(created)}","${touch}",""`,
    );
  }
  rows.push(
    '',
    `"Grand Totals (${n} records)"`,
    '',
    '"Confidential Information - Do Not Distribute"',
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
  );
  return `${rows.join('\r\n')}\r\n`;
}

/** Runs `stint ARGS` under /usr/bin/time: wall seconds and peak RSS of the whole command. */
function timed(args: string[]): { seconds: number; peakMb: number; stdout: string } {
  const t0 = performance.now();
  const stderrFile = join(tmpdir(), `stint-time-${process.pid}.txt`);
  const stdout = execFileSync('/usr/bin/time', ['-f', '%M', '-o', stderrFile, process.execPath, BIN, ...args], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const kb = Number(execFileSync('tail', ['-n', '1', stderrFile], { encoding: 'utf8' }).trim());
  rmSync(stderrFile, { force: true });
  return { seconds, peakMb: kb / 1024, stdout };
}

export function benchCallsAndSales(): void {
  const dir = mkdtempSync(join(tmpdir(), 'stint-bench-calls-'));
  try {
    const db = join(dir, 'calls.db');
    const log = join(dir, 'calls.csv');
    writeFileSync(log, genericCallLog(CALLS));
    const calls = timed(['import', 'calls', log, '--format', 'generic', '--tz', ZONE, '--db', db]);
    line(
      `import ${CALLS.toLocaleString('en-US')} call-log rows (stint import calls)`,
      `${fmt(CALLS / calls.seconds, 0)} rows/s`,
      `${fmt(calls.seconds, 2)} s, peak RSS ${fmt(calls.peakMb, 0)} MB`,
    );
    const opps = join(dir, 'opps.csv');
    writeFileSync(opps, opportunityReport(OPPORTUNITIES));
    const o = timed(['import', 'salesforce-opportunities', opps, '--date-format', 'MM/dd/yyyy', '--db', db]);
    line(
      `import ${OPPORTUNITIES.toLocaleString('en-US')} opportunities (salesforce report)`,
      `${fmt(OPPORTUNITIES / o.seconds, 0)} rows/s`,
      `${fmt(o.seconds, 2)} s, peak RSS ${fmt(o.peakMb, 0)} MB`,
    );
    const leads = join(dir, 'leads.csv');
    writeFileSync(leads, leadReport(LEADS));
    const l = timed(['import', 'salesforce-leads', leads, '--date-format', 'MM/dd/yyyy', '--tz', ZONE, '--db', db]);
    line(
      `import ${LEADS.toLocaleString('en-US')} leads with phones (salesforce report)`,
      `${fmt(LEADS / l.seconds, 0)} rows/s`,
      `${fmt(l.seconds, 2)} s, peak RSS ${fmt(l.peakMb, 0)} MB`,
    );

    // Reports over the dense year's activity plus these calls, opportunities and leads, in one database: the
    // dense year's records are copied into the imported one (calls are permanent records, so the shared dense
    // year cannot be emptied of an earlier run's calls and refilled).
    const dense = denseYearStore();
    const densePath = dense.db.name;
    dense.close();
    const store = Store.open(db);
    try {
      store.db.exec(`ATTACH DATABASE '${densePath.replaceAll("'", "''")}' AS dense`);
      store.db.exec(
        `BEGIN; ${['runs', 'strings', 'activity', 'idle', 'sessions', 'activity_day_cache', 'activity_day_cached'].map((t) => `INSERT INTO main.${t} SELECT * FROM dense.${t};`).join(' ')} COMMIT;`,
      );
      store.db.exec('DETACH DATABASE dense');
      const categorizer = new RulesStore(store.db).categorizer();
      const q = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, timeZone: ZONE };
      const calls =
        (byDay: boolean, byAgent = false) =>
        () =>
          callsReport(store.db, { ...q, byDay, byAgent, nowMs: Date.now() });
      const cold = onceMs(calls(false));
      const c = medianMs(5, calls(false));
      const byDay = medianMs(5, calls(true));
      const byAgent = medianMs(5, calls(false, true));
      const s = medianMs(5, () => salesReport(store.db, { ...q, nowMs: Date.now(), categorizer }));
      line('report calls over the year, first run', `${fmt(cold)} ms`, 'fills the call day cache (365 local days × 7 agents)');
      line('report calls over the year', `${fmt(c)} ms`, `target ≤ 100 ms (${fmt(100 / c, 1)}× headroom)`);
      line('report calls --by day over the year', `${fmt(byDay)} ms`, 'active time per day read for each day with calls');
      line('report calls --by agent over the year', `${fmt(byAgent)} ms`, '7 agents');
      const hours = { zone: ZONE, start: '09:00', end: '17:00' };
      const sb = medianMs(3, () => salesReport(store.db, { ...q, nowMs: Date.now(), categorizer, businessHours: hours }));
      const leadsInYear = store.db.prepare('SELECT count(*) FROM leads').pluck().get() as number;
      line('report sales over the year', `${fmt(s)} ms`, `target ≤ 100 ms (${fmt(100 / s, 1)}× headroom), ${leadsInYear.toLocaleString('en-US')} leads`);
      line('report sales --business-hours over the year', `${fmt(sb)} ms`, 'lead response also in business hours, per lead');
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
