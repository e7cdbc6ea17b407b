/**
 * Team data imports (issue 15) on both dialects: rows are attributed by the team's mapping or a member's
 * email, a commit with unknown names is 409 listing them, bad rows are 422 with their lines, importing again
 * adds nothing, and the sales report reads what was imported (JSON and the same table as CSV).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_PREVIEW_SCHEMA, SALES_REPORT_SCHEMA } from '../../shared/team/imports-api';
import { salesCsv } from '../../shared/team/sales-table';
import { createHarness, PEOPLE, type Harness, type Session } from '../test-support/harness';
import { DIALECTS } from '../test-support/test-db';

const file = (name: string, text: string) => ({ name, base64: Buffer.from(text).toString('base64') });

/** A generic log: rep A by email, "Dana Dialer" (nobody known yet), an unattended missed call, rep B of the other team. */
const CALLS = [
  'id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact',
  `c-1,2026-03-02T09:05:00Z,out,yes,300,0,30,${PEOPLE.rep.email},+1 312 555 0140`,
  'c-2,2026-03-02T09:30:00Z,in,yes,120,10,20,Dana Dialer,+1 212 555 0100',
  'c-3,2026-03-02T10:00:00Z,in,no,,,,,+1 212 555 0101',
  `c-4,2026-03-02T11:00:00Z,out,yes,60,0,0,${PEOPLE.otherRep.email},+1 212 555 0102`,
].join('\n');

/** A Salesforce opportunity report (en_US dates): two for rep A by name "rep", one unknown owner. */
const OPPORTUNITIES = [
  '"Opportunity Owner","Opportunity Name","Opportunity ID","Stage","Amount","Created Date","Close Date","Loss Reason"',
  `"${PEOPLE.rep.email}","Acme","006A","Closed Won","1000","2/1/2026","3/3/2026",""`,
  `"${PEOPLE.rep.email}","Globex","006B","Closed Lost","500","2/2/2026","3/4/2026","Lost to competitor"`,
  '"Dana Dialer","Initech","006C","Closed Won","700","2/20/2026","3/5/2026",""',
  '"Dana Dialer","Hooli","006D","Negotiation","900","2/21/2026","4/5/2026",""',
].join('\r\n');

const LEADS = [
  '"Lead Owner","Lead ID","Lead Status","Phone","Created Date"',
  `"${PEOPLE.rep.email}","00Q1","Working","(312) 555-0140","3/2/2026 9:00 AM"`,
].join('\r\n');

describe.each(DIALECTS)('team imports (%s)', (dialect) => {
  let h: Harness;
  let manager: Session;
  beforeAll(async () => {
    h = await createHarness(dialect);
    manager = await h.login('manager');
  });
  afterAll(async () => h?.close());

  const post = (url: string, payload: unknown, session = manager) => h.request({ method: 'POST', url, session, payload });

  it('previews a call log: source found, names resolved, unknown names listed; nothing is written', async () => {
    const res = await post('/api/imports/preview', { team: 'A', file: file('calls.csv', CALLS) });
    expect(res.statusCode).toBe(200);
    const preview = IMPORT_PREVIEW_SCHEMA.parse(res.json());
    expect(preview).toMatchObject({ source: 'generic', detected: true, kind: 'calls', records: 4, added: 4, updated: 0, unchanged: 0, unattributed: 1 });
    expect(preview.names.find((n) => n.name === PEOPLE.rep.email)).toMatchObject({ userId: h.ids.rep, how: 'email', rows: 1 });
    // Rep B is not of team A: unknown here, like any other name.
    expect(preview.unknownNames).toEqual(['Dana Dialer', PEOPLE.otherRep.email]);
    const mapping = await h.request({ method: 'GET', url: '/api/imports/mapping?team=A', session: manager });
    expect(mapping.json()).toMatchObject({ counts: { calls: 0, opportunities: 0, leads: 0 } });
  });

  it('refuses a commit while names are unknown (409 with the names), then imports once they are mapped', async () => {
    const body = { team: 'A', file: file('calls.csv', CALLS) };
    const refused = await post('/api/imports/commit', body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'unknown-names', names: ['Dana Dialer', PEOPLE.otherRep.email] });

    const put = (name: string, email: string | null) =>
      h.request({ method: 'PUT', url: '/api/imports/mapping', session: manager, payload: { team: 'A', name, email } });
    expect((await put('dana dialer', PEOPLE.rep.email)).statusCode).toBe(200);
    expect((await put(PEOPLE.otherRep.email, PEOPLE.otherRep.email)).statusCode).toBe(404);
    expect((await put(PEOPLE.otherRep.email, null)).statusCode).toBe(200);

    const done = await post('/api/imports/commit', body);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ added: 3, skipped: 1, unknownNames: [] });
    const again = await post('/api/imports/commit', body);
    expect(again.json()).toMatchObject({ added: 0, updated: 0, unchanged: 3, skipped: 1 });
    const mapping = await h.request({ method: 'GET', url: '/api/imports/mapping?team=A', session: manager });
    expect(mapping.json()).toMatchObject({ counts: { calls: 3 } });
    expect(mapping.json().mappings).toEqual([
      { name: 'dana dialer', userId: h.ids.rep, email: PEOPLE.rep.email, userName: 'rep' },
      { name: PEOPLE.otherRep.email, userId: null, email: null, userName: null },
    ]);
  });

  it('answers bad rows with 422 and their line numbers, writing nothing', async () => {
    const bad = `${CALLS}\nc-9,yesterday,out,yes,60,0,0,${PEOPLE.rep.email},\nc-10,2026-03-02T12:00:00Z,sideways,yes,60,0,0,,\n`;
    const res = await post('/api/imports/commit', { team: 'A', file: file('bad.csv', bad) });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: string; source: string; errors: { line: number; message: string }[] };
    expect(body.error).toBe('import-invalid');
    expect(body.source).toBe('generic');
    expect(body.errors.map((e) => e.line)).toEqual([6, 7]);
    const unknown = await post('/api/imports/preview', { team: 'A', file: file('x.csv', 'name,amount\nx,1\n') });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ source: null, errors: [{ line: 1 }] });
  });

  it('imports CRM reports: updates what changed, and the sales report attributes the rows', async () => {
    expect((await post('/api/imports/commit', { team: 'A', file: file('opps.csv', OPPORTUNITIES) })).json()).toMatchObject({
      source: 'salesforce-opportunities',
      added: 4,
    });
    const changed = OPPORTUNITIES.replace('"Negotiation","900"', '"Closed Lost","900"').replace('"4/5/2026",""', '"3/6/2026","No decision"');
    expect((await post('/api/imports/commit', { team: 'A', file: file('opps.csv', changed) })).json()).toMatchObject({ added: 0, updated: 1, unchanged: 3 });
    expect((await post('/api/imports/commit', { team: 'A', file: file('leads.csv', LEADS) })).json()).toMatchObject({
      source: 'salesforce-leads',
      added: 1,
    });

    const res = await h.request({ method: 'GET', url: '/api/reports/sales?from=2026-03-01&to=2026-03-31&team=A', session: manager });
    expect(res.statusCode).toBe(200);
    const report = SALES_REPORT_SCHEMA.parse(res.json());
    expect(report.reps.map((r) => r.email)).toEqual([PEOPLE.rep.email]);
    const rep = report.reps[0]!.kpis;
    // 006A, 006B by email; 006C, 006D through the mapping of "Dana Dialer".
    expect(rep.opportunities).toEqual({ open: 0, closed: 4, won: 2, lost: 2 });
    expect(rep.winRate).toBe(0.5);
    expect(rep.lostByReason).toEqual({ competitor: 1, noDecision: 1, other: 0 });
    // The lead's first touch is rep A's imported call to its number, 5 minutes after it was created (UTC server).
    expect(rep.leadResponse).toMatchObject({ leads: 1, contacted: 1, medianSeconds: 300 });
    expect(report.total.opportunities.closed).toBe(4);

    const csv = await h.request({ method: 'GET', url: '/api/reports/sales?from=2026-03-01&to=2026-03-31&team=A&format=csv', session: manager });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toBe(salesCsv(report));
  });

  it("refuses reps and another team's manager, with no figures", async () => {
    for (const who of ['rep', 'otherManager'] as const) {
      const s = await h.login(who);
      expect((await post('/api/imports/preview', { team: 'A', file: file('calls.csv', CALLS) }, s)).statusCode).toBe(403);
      const report = await h.request({ method: 'GET', url: '/api/reports/sales?from=2026-03-01&to=2026-03-31&team=A', session: s });
      expect(report.statusCode).toBe(403);
      expect(report.body).not.toContain(PEOPLE.rep.email);
    }
  });
});
