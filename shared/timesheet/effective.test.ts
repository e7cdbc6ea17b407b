import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, resolveIntervals, workedTimeOf, type CorrectionRow, type IdleRow, type SessionRow, type TimeRecords } from './effective';
import { workedTotals } from './worked-time';

const H = 3_600_000;
const M = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9); // Monday 09:00 UTC
const at = (hours: number) => T0 + hours * H;

const session = (uuid: string, start: number, end: number, extra: Partial<SessionRow> = {}): SessionRow => ({
  uuid,
  deviceId: 'laptop',
  kind: 'work',
  startMs: start,
  endMs: end,
  timeZone: 'UTC',
  source: 'recorded',
  open: false,
  runsUntilNow: false,
  ...extra,
});
let created = 0;
const correction = (uuid: string, start: number | null, end: number | null, replaces: string | null, extra: Partial<CorrectionRow> = {}): CorrectionRow => ({
  uuid,
  deviceId: 'laptop',
  kind: 'work',
  startMs: start,
  endMs: end,
  timeZone: 'UTC',
  replaces,
  reason: 'because',
  createdMs: created++,
  ...extra,
});
const idle = (uuid: string, start: number, end: number, deviceId = 'laptop'): IdleRow => ({ uuid, deviceId, startMs: start, endMs: end });
const records = (r: Partial<TimeRecords>): TimeRecords => ({ sessions: [], corrections: [], idle: [], idleChoices: [], ...r });
const totals = (r: Partial<TimeRecords>, nowMs = at(24), policy = DEFAULT_POLICY) =>
  workedTotals(workedTimeOf(records(r), nowMs, policy, 'UTC'), at(-9), at(15));

describe('resolving corrections', () => {
  it('an edit replaces the session and a later edit replaces the edit; a removal takes the entry out', () => {
    const r = records({
      sessions: [session('s', at(0), at(4)), session('t', at(5), at(6))],
      corrections: [correction('e1', at(0), at(3), 's'), correction('e2', at(0), at(5), 'e1'), correction('x', null, null, 't')],
    });
    const resolved = resolveIntervals(r, at(24));
    expect(resolved.map((i) => [i.uuid, i.startMs, i.endMs, i.source, i.manual])).toEqual([['e2', at(0), at(5), 'recorded', true]]);
    expect(resolved[0]!.recorded).toEqual({ startMs: at(0), endMs: at(4) });
  });

  it('of two replacements of one record only the first counts, and what replaces the loser counts for nothing', () => {
    const r = records({
      sessions: [session('s', at(0), at(4))],
      corrections: [correction('a', at(0), at(5), 's'), correction('b', at(0), at(6), 's'), correction('c', at(0), at(7), 'b')],
    });
    expect(resolveIntervals(r, at(24)).map((i) => i.uuid)).toEqual(['a']);
    expect(totals(r).workSeconds).toBe(5 * 3600);
  });

  it('a hand-clocked open session runs until now; one the recorder keeps open ends at its last save', () => {
    const now = at(2);
    const byHand = resolveIntervals(records({ sessions: [session('s', at(0), at(0), { open: true, runsUntilNow: true })] }), now);
    const recorded = resolveIntervals(records({ sessions: [session('s', at(0), at(1), { open: true })] }), now);
    expect(byHand[0]!.endMs).toBe(now);
    expect(recorded[0]!.endMs).toBe(at(1));
  });

  it('an edit of a record not known here (not synced yet) counts as manual time', () => {
    expect(totals({ corrections: [correction('e', at(0), at(1), 'elsewhere')] })).toMatchObject({ workSeconds: 3600, manualSeconds: 3600 });
  });
});

describe('worked time from records', () => {
  it('two identical manual entries count once, as manual time', () => {
    const r = { corrections: [correction('a', at(0), at(2), null), correction('b', at(0), at(2), null)] };
    expect(totals(r)).toMatchObject({ workSeconds: 2 * 3600, manualSeconds: 2 * 3600 });
  });

  it('an edit that extends a recorded session by 30 minutes adds 30 minutes of manual time, through a chain of edits too', () => {
    const s = session('s', at(0), at(4));
    expect(totals({ sessions: [s], corrections: [correction('e', at(0), at(4) + 30 * M, 's')] })).toMatchObject({
      workSeconds: 4.5 * 3600,
      manualSeconds: 1800,
    });
    const chain = [correction('e1', at(1), at(3), 's'), correction('e2', at(-1), at(4) + 30 * M, 'e1')];
    expect(totals({ sessions: [s], corrections: chain })).toMatchObject({ workSeconds: 5.5 * 3600, manualSeconds: 1.5 * 3600 });
  });

  it('breaks are taken out of work and overlapping work counts once', () => {
    const r = {
      sessions: [session('s', at(0), at(4)), session('b', at(4), at(5), { kind: 'break' })],
      corrections: [correction('m', at(3), at(6), null), correction('lunch', at(1), at(2), null, { kind: 'break' })],
    };
    expect(totals(r)).toMatchObject({ workSeconds: 4 * 3600, breakSeconds: 2 * 3600, manualSeconds: 3600 });
  });

  it('a discard takes out only the recorded work of the idle device, never manual time or another device', () => {
    const r = {
      sessions: [session('s', at(0), at(4)), session('p', at(0), at(4), { deviceId: 'phone' })],
      corrections: [correction('m', at(5), at(6), null)],
      idle: [idle('i', at(1), at(2)), idle('j', at(5), at(6))],
      idleChoices: [
        { idleUuid: 'i', choice: 'discard' as const },
        { idleUuid: 'j', choice: 'discard' as const },
      ],
    };
    expect(totals(r).workSeconds).toBe(5 * 3600);
    expect(totals({ ...r, sessions: [r.sessions[0]!] }).workSeconds).toBe(4 * 3600);
  });

  it('idle kept as work is claimed, unanswered idle is unconfirmed, and the policy can leave out long unanswered stretches', () => {
    const r = {
      sessions: [session('s', at(0), at(8))],
      idle: [idle('claimed', at(1), at(2)), idle('call', at(3), at(3) + 10 * M), idle('open', at(4), at(4) + 20 * M), idle('long', at(5), at(7))],
      idleChoices: [
        { idleUuid: 'claimed', choice: 'work' as const },
        { idleUuid: 'call', choice: 'call' as const },
      ],
    };
    expect(totals(r)).toMatchObject({ workSeconds: 8 * 3600, claimedIdleSeconds: 70 * 60, unconfirmedIdleSeconds: 140 * 60 });
    expect(totals(r, at(24), { unconfirmedIdleLimitMs: 30 * M })).toMatchObject({
      workSeconds: 6 * 3600,
      claimedIdleSeconds: 70 * 60,
      unconfirmedIdleSeconds: 20 * 60,
    });
  });

  it('idle under manual time or under another device still working is not idle', () => {
    const r = {
      sessions: [session('s', at(0), at(4)), session('p', at(2), at(4), { deviceId: 'phone' })],
      corrections: [correction('m', at(0), at(1), null)],
      idle: [idle('i', at(0), at(3))],
    };
    expect(totals(r)).toMatchObject({ workSeconds: 4 * 3600, unconfirmedIdleSeconds: 3600 });
  });

  it('instants are truncated to whole seconds', () => {
    expect(totals({ sessions: [session('s', at(0) + 999, at(1) + 1500)] }).workSeconds).toBe(3601);
  });
});
