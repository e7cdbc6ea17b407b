import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZENDESK_TALK_EXPORT, FIVE9_CALL_LOG } from '../../../shared/imports/fixtures/call-logs';
import { SALESFORCE_LEADS_EN_US, SALESFORCE_OPPORTUNITIES_EN_US, hubspotTsv } from '../../../shared/imports/fixtures/crm-reports';
import { utf16 } from '../../../shared/imports/fixtures/encode';
import { runCli } from '../../../test-support/run-cli';
import { Store } from '../store/store';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-calls-'));
  db = join(dir, 'stint.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ok(args: string[]) {
  const r = runCli([...args, '--db', db]);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}
function file(name: string, content: string | Uint8Array) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const count = (sql: string) => {
  const store = Store.open(db);
  try {
    return store.db.prepare(sql).pluck().get() as number;
  } finally {
    store.close();
  }
};

describe('stint calls, call-log and CRM imports, call and sales reports', () => {
  it('refuses every call command that makes no sense and changes nothing', () => {
    for (const action of ['hold', 'resume', 'end', 'wrap', 'cancel']) {
      const r = runCli(['calls', action, '--db', db]);
      expect(r.code, action).toBe(1);
      expect(r.stderr, action).toMatch(/^stint: .*\n$/);
    }
    ok(['calls', 'start', '--direction', 'in', '--contact', 'Acme']);
    expect(runCli(['calls', 'start', '--db', db]).stderr).toMatch(/already/i);
    expect(runCli(['calls', 'resume', '--db', db]).code).toBe(1);
    ok(['calls', 'hold']);
    expect(runCli(['calls', 'hold', '--db', db]).code).toBe(1);
    ok(['calls', 'resume']);
    ok(['calls', 'end']);
    expect(runCli(['calls', 'end', '--db', db]).code).toBe(1);
    expect(ok(['calls', 'wrap'])).toMatch(/Call saved: talk .*hold .*after-call work/);
    expect(count('SELECT count(*) FROM calls')).toBe(1);
    expect(JSON.parse(ok(['calls', 'list', '--from', 'today', '--to', 'today', '--json']))[0]).toMatchObject({
      source: 'manual',
      direction: 'in',
      contact: 'Acme',
      answered: true,
    });
  });

  it('imports a Zendesk Talk log once, and reports AHT over answered calls only', () => {
    const path = file('zendesk.csv', ZENDESK_TALK_EXPORT);
    expect(ok(['import', 'calls', path, '--format', 'zendesk-talk'])).toMatch(/^5 calls imported, 0 already present \(2 answered, 3 unanswered/);
    expect(ok(['import', 'calls', path, '--format', 'zendesk-talk'])).toMatch(/^0 calls imported, 5 already present/);
    const r = JSON.parse(ok(['report', 'calls', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', 'UTC', '--json']));
    // Answered: 360001 (300 talk + 60 hold + 45 wrap = 405 s) and 360003 (125 talk + wrap capped at 600 = 725 s).
    expect(r).toMatchObject({ calls: 5, answered: 2, ahtSeconds: (405 + 725) / 2, avgTalkSeconds: 212.5, avgHoldSeconds: 30, avgWrapSeconds: (45 + 600) / 2 });
    const byDay = JSON.parse(ok(['report', 'calls', '--from', '2026-03-01', '--to', '2026-03-02', '--tz', 'UTC', '--by', 'day', '--json']));
    // Days without calls have no row.
    expect(byDay.days.map((d: { date: string; answered: number }) => [d.date, d.answered])).toEqual([['2026-03-02', 2]]);
  });

  it('rejects a bad call log whole, naming the line', () => {
    const bad = FIVE9_CALL_LOG.replace('00:04:35', 'four minutes');
    const r = runCli(['import', 'calls', file('five9.csv', bad), '--format', 'five9', '--tz', 'America/Los_Angeles', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was imported\.\n {2}line 2: .*four minutes/);
    // The file is checked before the database is touched: nothing was created.
    expect(existsSync(db)).toBe(false);
  });

  it('imports Salesforce opportunities (footers skipped) and HubSpot deals in UTF-16, then reports sales KPIs', () => {
    const sf = file('opps.csv', SALESFORCE_OPPORTUNITIES_EN_US);
    expect(ok(['import', 'salesforce-opportunities', sf, '--date-format', 'MM/dd/yyyy', '--loss-reason-column', 'Primary Loss Reason'])).toMatch(
      /^5 opportunities added, 0 updated/,
    );
    expect(ok(['import', 'salesforce-opportunities', sf, '--date-format', 'MM/dd/yyyy', '--loss-reason-column', 'Primary Loss Reason'])).toMatch(
      /^0 opportunities added, 5 updated/,
    );
    const hub = file('deals.tsv', utf16(hubspotTsv(), 'le', true));
    expect(ok(['import', 'hubspot-deals', hub, '--date-format', 'yyyy-MM-dd'])).toMatch(/deals added/);
    const r = JSON.parse(ok(['report', 'sales', '--from', '2026-01-01', '--to', '2026-12-31', '--tz', 'UTC', '--json']));
    expect(r.opportunities.closed).toBe(r.opportunities.won + r.opportunities.lost);
    expect(r.opportunities.open + r.opportunities.closed).toBeGreaterThanOrEqual(5);
    expect(r.lostByReason.competitor).toBeGreaterThanOrEqual(1);
    expect(r.winRate).toBeCloseTo(r.opportunities.won / r.opportunities.closed, 10);
  });

  it('counts a call to a lead’s number as its first touch, in calendar and in business hours', () => {
    // Leads (America/Chicago, CST): Ann created Mon 2 March 09:00, touched 09:03 in the CRM; Raj created
    // 16:50, CRM touch the next day 09:10; Li has no number and no touch.
    ok(['import', 'salesforce-leads', file('leads.csv', SALESFORCE_LEADS_EN_US), '--date-format', 'MM/dd/yyyy', '--tz', 'America/Chicago']);
    const log = [
      'id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact',
      'c1,2026-03-02T14:00:00Z,out,yes,60,0,0,jane,(312) 555-0140', // before Ann was created: not a response
      'c2,2026-03-02T15:01:00Z,in,no,,,,jane,+1 312 555 0140', // a missed call from Ann: not a touch
      'c3,2026-03-02T23:30:00Z,out,no,,,,jane,+1-312-555-0177', // Raj's mobile at 17:30, unanswered: a touch
      'c4,2026-03-02T23:40:00Z,out,yes,60,0,0,jane,Globex front desk', // not a number
    ].join('\n');
    ok(['import', 'calls', file('calls.csv', `${log}\n`), '--format', 'generic', '--tz', 'UTC']);
    const r = JSON.parse(
      ok(['report', 'sales', '--from', '2026-03-02', '--to', '2026-03-03', '--tz', 'America/Chicago', '--business-hours', '9:00-17:00', '--json']),
    );
    // Calendar: Ann 180 s (CRM), Raj 16:50 → 17:30 = 2,400 s (the call beats the CRM's next-day touch).
    expect(r.leadResponse).toMatchObject({
      leads: 3,
      contacted: 2,
      neverContacted: 1,
      medianSeconds: 180,
      p90Seconds: 2400,
      within5Minutes: 0.5,
      within1Hour: 1,
    });
    // Business hours 09:00–17:00: Raj's wait counts only 16:50 → 17:00.
    expect(r.leadResponse.businessHours).toMatchObject({ contacted: 2, medianSeconds: 180, p90Seconds: 600 });
    const text = ok([
      'report',
      'sales',
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-03',
      '--tz',
      'America/Chicago',
      '--business-hours',
      '09:00-17:00',
      '--business-days',
      '1-5',
    ]);
    expect(text).toMatch(/lead response: median 0:03:00, p90 0:40:00.*never contacted 1 of 3\n {2}in business hours: median 0:03:00, p90 0:10:00/);
    expect(text).not.toMatch(/No CRM data/);
    const bad = runCli(['report', 'sales', '--from', '2026-03-02', '--to', '2026-03-03', '--business-hours', '17:00-09:00', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('stint: Invalid input for report.sales: businessHours.end: closing (09:00) must be after opening (17:00)\n');
  });

  it('reports calls per agent the call log names, calls timed here under no agent', () => {
    const log = [
      'id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact',
      'a1,2026-03-02T15:00:00Z,out,yes,60,0,30,ann@acme.com,',
      'a2,2026-03-02T16:00:00Z,in,yes,120,30,0,ann@acme.com,',
      'b1,2026-03-02T15:30:00Z,out,no,,,,bob@acme.com,',
      'b2,2026-03-02T17:00:00Z,in,yes,300,0,900,bob@acme.com,', // after-call work capped at 600
      'n1,2026-03-02T18:00:00Z,out,yes,10,0,0,,',
    ].join('\n');
    ok(['import', 'calls', file('team.csv', `${log}\n`), '--format', 'generic', '--tz', 'UTC']);
    const r = JSON.parse(ok(['report', 'calls', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', 'UTC', '--by', 'agent', '--json']));
    // ann: handles 90 and 150 → AHT 120, median rank 1 → 90, p90 rank 2 → 150; bob: one answered, 900; n1 has no agent.
    expect(
      r.agents.map(
        (a: {
          agent: string | null;
          calls: number;
          answered: number;
          ahtSeconds: number | null;
          medianHandleSeconds: number | null;
          p90HandleSeconds: number | null;
          callsPerActiveHour: number | null;
        }) => [a.agent, a.calls, a.answered, a.ahtSeconds, a.medianHandleSeconds, a.p90HandleSeconds, a.callsPerActiveHour],
      ),
    ).toEqual([
      [null, 1, 1, 10, 10, 10, null],
      ['ann@acme.com', 2, 2, 120, 90, 150, null],
      ['bob@acme.com', 2, 1, 900, 900, 900, null],
    ]);
    expect(r).toMatchObject({ calls: 5, answered: 4, ahtSeconds: (90 + 150 + 900 + 10) / 4 });
    const text = ok(['report', 'calls', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', 'UTC', '--by', 'agent']).split('\n');
    expect(text.slice(3, 6).map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      'timed here 1 answered of 1 AHT 0:00:10 median 0:00:10 p90 0:00:10',
      'ann@acme.com 2 answered of 2 AHT 0:02:00 median 0:01:30 p90 0:02:30',
      'bob@acme.com 1 answered of 2 AHT 0:15:00 median 0:15:00 p90 0:15:00',
    ]);
  });
});
