/*
 * Submitting a week from the device and what approval does to it there (issue 14 §1–2, issue 13 §3), against
 * the real team server over loopback HTTP with both clocks in the test's hand: the device pushes, computes the
 * week with the shared code and submits it; the manager's rejection and its comment come back; an approved
 * week refuses edits on the device, naming the week and who approved it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, ApiResult, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';
import { dispatch } from '../../electron/recorder/api/dispatch';
import { createHandlers } from '../../electron/recorder/api/handlers';
import { FakeClock } from '../../electron/recorder/clock/fake-clock';
import { Store } from '../../electron/recorder/store/store';
import { enrollmentCode } from '../../server/admin';
import { createHarness, PEOPLE, type Harness } from '../../server/test-support/harness';
import { runCliAsync } from '../run-cli';
import { readFileSync } from 'node:fs';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 2, 2); // 2026-03-02
const NOW = MONDAY + 9 * 24 * HOUR; // the next Wednesday

describe('submitting and locking weeks from the device', () => {
  let h: Harness;
  let url: string;
  let dir: string;
  let store: Store;
  let clock: FakeClock;
  let handlers: ApiHandlers;
  const request = async <N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]> => {
    const r = await dispatch(handlers, name, input);
    if (!r.body.ok) throw new Error(`${name}: ${r.body.error}`);
    return r.body.data as ResponseMap[N];
  };
  const refusal = async <N extends RequestName>(name: N, input: RequestInput<N>) => {
    const r = await dispatch(handlers, name, input);
    if (r.body.ok) throw new Error(`${name} was not refused`);
    return r.body as ApiResult<never> & { ok: false };
  };
  const decide = async (decision: 'approve' | 'reject' | 'reopen', comment: string | null) => {
    const session = await h.login('manager');
    const res = await h.request({
      method: 'POST',
      url: `/api/approvals/${decision}`,
      session,
      payload: { user: PEOPLE.rep.email, week: '2026-03-02', comment },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    h = await createHarness('sqlite');
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.clock.now = NOW;
    dir = mkdtempSync(join(tmpdir(), 'stint-approve-'));
    store = Store.open(join(dir, 'stint.db'));
    clock = new FakeClock(NOW, 'UTC');
    handlers = createHandlers({ store, dbPath: join(dir, 'stint.db'), clock, recorder: null });
    await request('sync.enroll', { server: url, code: (await enrollmentCode(h.services, PEOPLE.rep.email)).code });
  });
  afterEach(async () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    await h.store.db.deleteFrom('timesheet_weeks').execute();
    await h.store.db.deleteFrom('records').execute();
  });

  it('pushes, submits the week the shared code computes, shows the rejection comment, and refuses edits once approved', async () => {
    const entry = await request('time.add', { kind: 'work', startMs: MONDAY + 9 * HOUR, endMs: MONDAY + 17 * HOUR, reason: 'client visit' });
    await request('time.add', { kind: 'work', startMs: MONDAY + 24 * HOUR + 9 * HOUR, endMs: MONDAY + 24 * HOUR + 19 * HOUR, reason: 'trade fair' });

    // Not yet submitted: the device says so.
    expect((await request('timesheet.week', { week: '2026-03-04' })).state).toBeNull();

    const submitted = await request('timesheet.submit', { week: '2026-03-04' });
    expect(submitted.state.status).toBe('submitted');
    expect(submitted.figures.weekStart).toBe('2026-03-02');
    expect(submitted.figures.days[0]!.workedSeconds).toBe(8 * 3600);
    expect(submitted.figures.days[1]!.workedSeconds).toBe(10 * 3600);
    // Nothing waits: the records went first.
    expect((await request('sync.status', {})).pending).toBe(0);

    await decide('reject', 'Tuesday was 9 hours, not 10: the fair closed at 18:00.');
    // The pusher pulls the states with the policy (here: `sync now`, whose heartbeat is the recorder's).
    await request('sync.now', {});
    const weeks = await request('timesheet.weeks', { refresh: false });
    expect(weeks.weeks).toEqual([
      expect.objectContaining({ weekStart: '2026-03-02', status: 'rejected', comment: 'Tuesday was 9 hours, not 10: the fair closed at 18:00.' }),
    ]);
    // Stored on the device: read without asking the server.
    expect((await request('timesheet.week', { week: '2026-03-03' })).state).toMatchObject({ status: 'rejected', decidedBy: PEOPLE.manager.email });

    const tuesday = (await request('time.list', { from: '2026-03-03', to: '2026-03-03' }))[0]!;
    await request('time.edit', { uuid: tuesday.uuid, endMs: MONDAY + 24 * HOUR + 18 * HOUR, reason: 'fair closed at 18:00' });
    expect((await request('timesheet.submit', { week: '2026-03-02' })).figures.days[1]!.workedSeconds).toBe(9 * 3600);
    await decide('approve', null);
    await request('timesheet.weeks', { refresh: true });

    const locked = await refusal('time.remove', { uuid: entry.uuid, reason: 'mistake' });
    expect(locked.code).toBe('week-locked');
    expect(locked.params).toEqual({ weekStart: '2026-03-02', decidedBy: PEOPLE.manager.email });
    expect(locked.error).toBe(
      `The week of 2026-03-02 is approved by ${PEOPLE.manager.email} and locked: it can no longer be changed on this device. Ask your manager to reopen it if something must change.`,
    );
    expect(
      (await refusal('time.add', { kind: 'work', startMs: MONDAY + 4 * 24 * HOUR + 9 * HOUR, endMs: MONDAY + 4 * 24 * HOUR + 10 * HOUR, reason: 'x' })).code,
    ).toBe('week-locked');
    // Moving an entry of the next week into the locked one is refused too; the next week itself stays open.
    const next = await request('time.add', {
      kind: 'work',
      startMs: MONDAY + 7 * 24 * HOUR + 9 * HOUR,
      endMs: MONDAY + 7 * 24 * HOUR + 10 * HOUR,
      reason: 'calls',
    });
    expect((await refusal('time.edit', { uuid: next.uuid, startMs: MONDAY + 6 * 24 * HOUR + 9 * HOUR, reason: 'earlier' })).code).toBe('week-locked');

    // The rep's own approved week, with the approval, for the CSV and the printed page.
    const approved = await request('timesheet.week', { week: '2026-03-02' });
    expect(approved.state).toMatchObject({ status: 'approved', locked: true, decidedBy: PEOPLE.manager.email });
    expect(approved.figures.days[1]!.workedSeconds).toBe(9 * 3600);

    // Reopened: edits go again.
    await decide('reopen', 'Friday missing');
    await request('timesheet.weeks', { refresh: true });
    await request('time.remove', { uuid: entry.uuid, reason: 'mistake' });
  });

  it("words the server's refusal: a week that is locked cannot be submitted again", async () => {
    await request('time.add', { kind: 'work', startMs: MONDAY + 9 * HOUR, endMs: MONDAY + 12 * HOUR, reason: 'visit' });
    await request('timesheet.submit', { week: '2026-03-02' });
    await decide('approve', null);
    const refused = await refusal('timesheet.submit', { week: '2026-03-02' });
    expect(refused.error).toMatch(/^The week of 2026-03-02 is approved and locked\. Ask your manager to reopen it/);
  });

  it('refuses to submit from a device that is not enrolled, saying how to enroll', async () => {
    await request('sync.leave', {});
    expect((await refusal('timesheet.submit', { week: '2026-03-02' })).error).toMatch(/not enrolled with a team server\. Enroll it with `stint sync enroll/);
  });

  it('`stint timesheet submit`, the state in `stint timesheet`, and `stint timesheet export` of the approved week', { timeout: 60_000 }, async () => {
    await request('time.add', { kind: 'work', startMs: MONDAY + 9 * HOUR, endMs: MONDAY + 16 * HOUR, reason: 'visit' });
    const db = join(dir, 'stint.db');
    const cli = (...args: string[]) => runCliAsync([...args, '--db', db], { TZ: 'UTC' });

    const notYet = await cli('timesheet', 'export', '--week', '2026-03-02', '--format', 'csv');
    expect(notYet.code).toBe(1);
    expect(notYet.stderr).toMatch(
      /The week of 2026-03-02 is not submitted: only an approved week can be exported\. Submit it with `stint timesheet submit --week 2026-03-02`/,
    );

    const submitted = await cli('timesheet', 'submit', '--week', '2026-03-04');
    expect(submitted.stderr).toBe('');
    expect(submitted.stdout).toMatch(/^Submitted the week of 2026-03-02 \(7:00:00 worked/);

    await decide('reject', 'Add the Wednesday call');
    const shown = await cli('timesheet', '--from', '2026-03-02', '--to', '2026-03-08', '--refresh');
    expect(shown.stdout).toMatch(/week of 2026-03-02: rejected by manager\.a@example\.com .*: "Add the Wednesday call"/);

    await request('timesheet.submit', { week: '2026-03-02' });
    await decide('approve', null);
    await request('timesheet.weeks', { refresh: true });
    const out = join(dir, 'week.csv');
    const exported = await cli('timesheet', 'export', '--week', '2026-03-05', '--format', 'csv', '--out', out);
    expect(exported.stderr).toBe('');
    const lines = readFileSync(out, 'utf8').replace('\uFEFF', '').split('\r\n');
    expect(lines[1]).toMatch(/^2026-03-02,7\.00,7\.00,0\.00,/);
    expect(lines.slice(10, 12)).toEqual([`Employee,${PEOPLE.rep.email}`, `Approved by,${PEOPLE.manager.email}`]);
  });
});
