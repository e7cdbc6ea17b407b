import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type SyncRecord } from '../../shared/sync/contract';
import { createHarness, PEOPLE, type Harness } from '../test-support/harness';
import { pushBody } from '../test-support/records';
import { DIALECTS } from '../test-support/test-db';

const at = (date: string, time: string) => Date.parse(`${date}T${time}:00Z`);
const span = (date: string, from: string, to: string) => ({ startMs: at(date, from), endMs: at(date, to), timeZone: 'UTC', utcOffsetMin: 0 });

/** A Monday with a break, a discarded idle stretch and manual time, and a Tuesday whose session was stretched by hand. */
const RECORDS: SyncRecord[] = [
  { seq: 1, uuid: 's1', kind: 'session', sessionKind: 'work', source: 'recorded', ...span('2026-03-02', '09:00', '12:00') },
  { seq: 2, uuid: 'b1', kind: 'session', sessionKind: 'break', source: 'recorded', ...span('2026-03-02', '12:00', '12:30') },
  { seq: 3, uuid: 's2', kind: 'session', sessionKind: 'work', source: 'recorded', ...span('2026-03-02', '12:30', '17:00') },
  { seq: 4, uuid: 'i1', kind: 'idle', ...span('2026-03-02', '14:00', '14:30') },
  {
    seq: 5,
    uuid: 'ic1',
    kind: 'idle-choice',
    idleUuid: 'i1',
    choice: 'discard',
    startMs: at('2026-03-02', '14:00'),
    endMs: at('2026-03-02', '14:30'),
    createdMs: at('2026-03-02', '15:00'),
  },
  {
    seq: 6,
    uuid: 'c1',
    kind: 'correction',
    sessionKind: 'work',
    replaces: null,
    reason: 'client call from home',
    createdMs: at('2026-03-02', '20:00'),
    ...span('2026-03-02', '18:00', '19:00'),
  },
  { seq: 7, uuid: 's3', kind: 'session', sessionKind: 'work', source: 'recorded', ...span('2026-03-03', '09:00', '10:00') },
  {
    seq: 8,
    uuid: 'c2',
    kind: 'correction',
    sessionKind: 'work',
    replaces: 's3',
    reason: 'started before the laptop',
    createdMs: at('2026-03-03', '11:00'),
    ...span('2026-03-03', '08:30', '10:00'),
  },
];

describe.each(DIALECTS)('hours report from synced records (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
    const device = await h.enroll('rep');
    const res = await h.request({ method: 'POST', url: '/api/sync/push', token: device.token, payload: pushBody(device.deviceId, RECORDS) });
    expect(res.json()).toEqual({ ackSeq: 8, stored: 8 });
  });
  afterAll(() => h.close());

  it("gives the rep's worked, break and manual seconds per local day, as the device's shared code does", async () => {
    const manager = await h.login('manager');
    const res = await h.request({ method: 'GET', url: '/api/reports/hours?from=2026-03-02&to=2026-03-04&team=A', session: manager });
    expect(res.statusCode).toBe(200);
    expect(res.json().reps).toEqual([
      {
        email: PEOPLE.rep.email,
        name: 'rep',
        team: 'A',
        days: [
          // 3 h + 4.5 h − 0.5 h discarded idle + 1 h manual; the half-hour break apart.
          { date: '2026-03-02', workedSeconds: 8 * 3600, breakSeconds: 1800, manualSeconds: 3600 },
          // The session stretched by hand from 9:00 to 8:30: only the half hour outside the recording is manual.
          { date: '2026-03-03', workedSeconds: 5400, breakSeconds: 0, manualSeconds: 1800 },
          { date: '2026-03-04', workedSeconds: 0, breakSeconds: 0, manualSeconds: 0 },
        ],
      },
    ]);
  });

  it("leaves out another team's reps and refuses another team's manager", async () => {
    const other = await h.login('otherManager');
    const own = await h.request({ method: 'GET', url: '/api/reports/hours?from=2026-03-02&to=2026-03-02', session: other });
    expect(own.json().reps.map((r: { email: string }) => r.email)).toEqual([PEOPLE.otherRep.email]);
    const theirs = await h.request({ method: 'GET', url: '/api/reports/hours?from=2026-03-02&to=2026-03-02&team=A', session: other });
    expect(theirs.statusCode).toBe(403);
  });

  it("rounds by the rep's team policy, not only the org's", async () => {
    const device = await h.enroll('rep');
    const odd: SyncRecord = { seq: 1, uuid: 'odd', kind: 'session', sessionKind: 'work', source: 'recorded', ...span('2026-03-11', '09:00', '09:07') };
    await h.request({ method: 'POST', url: '/api/sync/push', token: device.token, payload: pushBody(device.deviceId, [odd]) });
    const manager = await h.login('manager');
    const put = await h.request({
      method: 'PUT',
      url: '/api/policy',
      session: manager,
      payload: { team: 'A', policy: { ...DEFAULT_POLICY, rounding: { minutes: 15, mode: 'up' } } },
    });
    expect(put.statusCode, put.body).toBe(200);
    const res = await h.request({ method: 'GET', url: '/api/reports/hours?from=2026-03-11&to=2026-03-11&team=A', session: manager });
    expect(res.json().reps[0].days).toEqual([{ date: '2026-03-11', workedSeconds: 900, breakSeconds: 0, manualSeconds: 0 }]);
  });
});
