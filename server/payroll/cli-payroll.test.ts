/** The admin commands of issue 14 (`approvals`, `export payroll`, `audit export`, `pay set`), run in-process on SQLite and PostgreSQL. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWeek, payRulesOf, timeRecordsFromSync } from '../../shared/payroll/week';
import { DEFAULT_POLICY, type SyncRecord } from '../../shared/sync/contract';
import { UserError } from '../../shared/user-error';
import { buildProgram } from '../cli';
import { createHarness, PEOPLE, type Harness } from '../test-support/harness';
import { pushBody } from '../test-support/records';
import { DIALECTS } from '../test-support/test-db';

const at = (iso: string) => Date.parse(iso);
const RECORDS: SyncRecord[] = [
  {
    seq: 1,
    uuid: 's1',
    kind: 'session',
    sessionKind: 'work',
    source: 'recorded',
    startMs: at('2026-03-02T09:00:00Z'),
    endMs: at('2026-03-02T17:30:00Z'),
    timeZone: 'UTC',
    utcOffsetMin: 0,
  },
];

describe.each(DIALECTS)('payroll commands (%s)', (dialect) => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'stint-payroll-cli-'));
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = async (...args: string[]) => {
    let text = '';
    await buildProgram((t) => (text += t)).parseAsync([...args, '--db', h.testDb.target], { from: 'user' });
    return text;
  };

  beforeAll(async () => {
    h = await createHarness(dialect);
    const device = await h.enroll('rep');
    expect((await h.request({ method: 'POST', url: '/api/sync/push', token: device.token, payload: pushBody(device.deviceId, RECORDS) })).statusCode).toBe(200);
    const figures = computeWeek(
      timeRecordsFromSync(RECORDS.map((record) => ({ record, deviceId: device.deviceId }))),
      '2026-03-02',
      payRulesOf(DEFAULT_POLICY),
      h.clock.now,
      'UTC',
    );
    const res = await h.request({
      method: 'POST',
      url: '/api/timesheets/submit',
      token: device.token,
      payload: { deviceId: device.deviceId, policyVersion: 0, figures },
    });
    expect(res.statusCode).toBe(201);
  });

  it('lists, approves with --as, sets pay data, exports and prints the audit log', async () => {
    const listed = JSON.parse(await run('approvals', 'list', '--week', '2026-03-04', '--team', 'A', '--json'));
    expect(listed.weeks).toEqual([expect.objectContaining({ email: PEOPLE.rep.email, weekStart: '2026-03-02', status: 'submitted' })]);
    await expect(run('approvals', 'approve', '--user', PEOPLE.rep.email, '--week', '2026-03-02', '--as', PEOPLE.otherManager.email)).rejects.toThrow(UserError);
    expect(await run('approvals', 'approve', '--user', PEOPLE.rep.email, '--week', '2026-03-02', '--as', PEOPLE.manager.email)).toBe(
      `The week of 2026-03-02 of ${PEOPLE.rep.email} is approved (locked).\n`,
    );
    const out = join(dir, `adp-${dialect}.csv`);
    const args = ['export', 'payroll', '--from', '2026-03-02', '--to', '2026-03-08', '--format', 'adp', '--out', out];
    await expect(run(...args)).rejects.toThrow('needs coCode and batchId');
    await expect(run(...args, '--co-code', 'WXY', '--batch-id', 'B1')).rejects.toThrow('1 people cannot be paid');
    expect(await run('pay', 'set', '--user', PEOPLE.rep.email, '--type', 'hourly', '--rate', '25', '--adp', '000777', '--as', PEOPLE.admin.email)).toBe(
      `Saved the pay data of ${PEOPLE.rep.email}.\n`,
    );
    expect(await run(...args, '--co-code', 'WXY', '--batch-id', 'B1')).toContain('Wrote');
    expect(readFileSync(out, 'utf8')).toBe('Co Code,Batch ID,File #,Reg Hours,O/T Hours,Hours 3 Code,Hours 3 Amount\r\nWXY,B1,000777,8.50,0.00,,\r\n');
    const again = await run(...args, '--co-code', 'WXY', '--batch-id', 'B1');
    expect(again).toMatch(/note: 2026-03-02\.\.2026-03-08 was exported before \(adp/);
    expect(again).toContain('Nothing changed since the last export.');
    const log = await run('audit', 'export', '--from', '2020-01-01', '--to', '2030-12-31', '--format', 'json');
    const actions = (JSON.parse(log) as { entries: { action: string }[] }).entries.map((e) => e.action);
    for (const a of ['week.submit', 'week.approve', 'pay.put', 'payroll.export']) expect(actions).toContain(a);
  });
});
