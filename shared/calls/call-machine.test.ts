import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALL_ACTION_TYPES,
  CALL_STATUSES,
  IDLE,
  callTransition,
  expireWrapUp,
  liveTalkMs,
  wrapUpDeadlineMs,
  type CallAction,
  type CallActionType,
  type CallMachineState,
  type CallStatus,
  type CallTransition,
} from './call-machine';
import { callRefusalText } from './call-refusal-text';
import type { CallRecord } from './types';

const t = (hms: string): number => Date.parse(`2026-03-02T${hms}Z`);
const SEC = 1000;

function ok(result: CallTransition): { state: CallMachineState; completed: CallRecord | null } {
  if (!result.ok) throw new Error(`expected a valid transition, got: ${result.refusal.code}`);
  return result;
}

/** Runs actions from idle, returning the final state and every completed record. */
function run(actions: CallAction[], capMs?: number): { state: CallMachineState; records: CallRecord[] } {
  let state: CallMachineState = IDLE;
  const records: CallRecord[] = [];
  for (const action of actions) {
    const next = ok(callTransition(state, action, capMs === undefined ? undefined : { wrapCapMs: capMs }));
    state = next.state;
    if (next.completed) records.push(next.completed);
  }
  return { state, records };
}

function action(type: CallActionType, atMs: number): CallAction {
  return type === 'start' ? { type, atMs, direction: 'in' } : { type, atMs };
}

// One representative state for each status, all built through the machine itself.
const fixtures: Record<CallStatus, CallMachineState> = {
  idle: IDLE,
  talking: run([{ type: 'start', atMs: t('09:00:00'), direction: 'out', contact: 'Acme' }]).state,
  'on-hold': run([
    { type: 'start', atMs: t('09:00:00'), direction: 'out' },
    { type: 'hold', atMs: t('09:01:00') },
  ]).state,
  'wrap-up': run([
    { type: 'start', atMs: t('09:00:00'), direction: 'out' },
    { type: 'end', atMs: t('09:02:00') },
  ]).state,
};

// Every (state, action) pair: the next status for a valid one, or a pattern of the error's advice.
const table: Record<CallStatus, Record<CallActionType, CallStatus | RegExp>> = {
  idle: {
    start: 'talking',
    hold: /No call is in progress.*stint calls start/,
    resume: /^No call is on hold\. Use `stint calls resume` only after `stint calls hold`\.$/,
    end: /No call is in progress.*nothing to end/,
    wrap: /No call has ended.*`stint calls wrap` after `stint calls end`/,
    cancel: /No call is in progress.*nothing to cancel/,
  },
  talking: {
    start: /already in progress.*`stint calls end`/,
    hold: 'on-hold',
    resume: /^No call is on hold\. Use `stint calls resume` only after `stint calls hold`\.$/,
    end: 'wrap-up',
    wrap: /still going.*`stint calls end` first/,
    cancel: 'idle',
  },
  'on-hold': {
    start: /on hold.*`stint calls end` before starting another/,
    hold: /already on hold.*`stint calls resume`/,
    resume: 'talking',
    end: 'wrap-up',
    wrap: /on hold and still going.*`stint calls end` first/,
    cancel: /on hold, so it connected.*`stint calls end`/,
  },
  'wrap-up': {
    start: 'talking',
    hold: /after-call work.*`stint calls wrap`/,
    resume: /cannot be resumed.*`stint calls wrap`/,
    end: /already ended.*`stint calls wrap`/,
    wrap: 'idle',
    cancel: /already ended, so it cannot be cancelled.*`stint calls wrap`/,
  },
};

describe('callTransition: the full state × action table', () => {
  it('covers all 4 states × 6 actions', () => {
    expect(Object.keys(table)).toEqual([...CALL_STATUSES]);
    for (const status of CALL_STATUSES) expect(Object.keys(table[status]).sort()).toEqual([...CALL_ACTION_TYPES].sort());
  });

  const cases = CALL_STATUSES.flatMap((status) => CALL_ACTION_TYPES.map((type) => [status, type, table[status][type]] as const));

  it.each(cases.filter(([, , expected]) => typeof expected === 'string'))('%s + %s → %s', (status, type, expected) => {
    const state = fixtures[status];
    expect(state.status).toBe(status);
    const result = ok(callTransition(state, action(type, t('09:05:00'))));
    expect(result.state.status).toBe(expected);
  });

  it.each(cases.filter(([, , expected]) => expected instanceof RegExp))('%s + %s is refused', (status, type, expected) => {
    const state = fixtures[status];
    const before = structuredClone(state);
    const result = callTransition(state, action(type, t('09:05:00')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(callRefusalText(result.refusal)).toMatch(expected as RegExp);
    expect(result.refusal).toMatchObject({ action: type, status });
    expect(state).toEqual(before); // nothing changed
  });

  it('refuses cancel once the call has been on hold, even after resuming', () => {
    const { state } = run([
      { type: 'start', atMs: t('09:00:00'), direction: 'in' },
      { type: 'hold', atMs: t('09:01:00') },
      { type: 'resume', atMs: t('09:02:00') },
    ]);
    const before = structuredClone(state);
    const result = callTransition(state, { type: 'cancel', atMs: t('09:03:00') });
    expect(result).toEqual({ ok: false, refusal: { code: 'cancel-connected', action: 'cancel', status: 'talking' } });
    if (!result.ok) {
      expect(callRefusalText(result.refusal)).toBe(
        'This call has been on hold, so it connected and cannot be cancelled as unanswered. End it with `stint calls end`.',
      );
    }
    expect(state).toEqual(before);
  });

  it('refuses an action dated before the call’s last event, and a bad direction or time', () => {
    const talking = fixtures.talking;
    const back = callTransition(talking, { type: 'end', atMs: t('08:59:59') });
    expect(back.ok).toBe(false);
    expect(back).toEqual({ ok: false, refusal: { code: 'out-of-order', action: 'end', status: 'talking', atMs: t('08:59:59'), lastEventMs: t('09:00:00') } });
    if (!back.ok) expect(callRefusalText(back.refusal)).toMatch(/before the call's last event at 2026-03-02T09:00:00.000Z/);
    const bad = callTransition(IDLE, { type: 'start', atMs: t('09:00:00'), direction: 'sideways' as 'in' });
    expect(bad).toEqual({ ok: false, refusal: { code: 'invalid-direction', action: 'start', status: 'idle' } });
    expect(callTransition(IDLE, { type: 'start', atMs: Number.NaN, direction: 'in' })).toEqual({
      ok: false,
      refusal: { code: 'invalid-time', action: 'start', status: 'idle' },
    });
  });
});

describe('callTransition: timing worked out by hand', () => {
  it('splits talk and hold across two holds and caps nothing under the cap', () => {
    // 09:00:00 start, 09:03:00 hold, 09:04:30 resume, 09:06:00 hold, 09:06:45 resume, 09:10:00 end, 09:12:30 wrap
    // talk = 180 + 90 + 195 = 465 s; hold = 90 + 45 = 135 s; talk + hold = 600 s = end − start; wrap = 150 s
    const { state, records } = run([
      { type: 'start', atMs: t('09:00:00'), direction: 'in', contact: '  Acme Corp  ' },
      { type: 'hold', atMs: t('09:03:00') },
      { type: 'resume', atMs: t('09:04:30') },
      { type: 'hold', atMs: t('09:06:00') },
      { type: 'resume', atMs: t('09:06:45') },
      { type: 'end', atMs: t('09:10:00') },
      { type: 'wrap', atMs: t('09:12:30') },
    ]);
    expect(state).toEqual(IDLE);
    expect(records).toEqual([
      {
        startMs: t('09:00:00'),
        answered: true,
        talkMs: 465 * SEC,
        holdMs: 135 * SEC,
        wrapMs: 150 * SEC,
        endMs: t('09:10:00'),
        wrapEndMs: t('09:12:30'),
        direction: 'in',
        contact: 'Acme Corp',
        source: 'manual',
      },
    ]);
  });

  it('ends a call while on hold: the open hold segment counts as hold', () => {
    // 10:00 start, 10:02 hold, 10:05 end → talk 120 s, hold 180 s; wrap at 10:05:40 → 40 s
    const { records } = run([
      { type: 'start', atMs: t('10:00:00'), direction: 'out', source: 'detected' },
      { type: 'hold', atMs: t('10:02:00') },
      { type: 'end', atMs: t('10:05:00') },
      { type: 'wrap', atMs: t('10:05:40') },
    ]);
    expect(records[0]).toMatchObject({ talkMs: 120 * SEC, holdMs: 180 * SEC, wrapMs: 40 * SEC, source: 'detected', direction: 'out' });
    expect(records[0]!.contact).toBeUndefined();
  });

  it('cancel records an unanswered call with no talk, hold or wrap-up', () => {
    const { state, records } = run([
      { type: 'start', atMs: t('12:00:00'), direction: 'out', contact: '+1 555 0100' },
      { type: 'cancel', atMs: t('12:00:25') },
    ]);
    expect(state).toEqual(IDLE);
    expect(records).toEqual([
      {
        startMs: t('12:00:00'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 0,
        endMs: t('12:00:25'),
        wrapEndMs: t('12:00:25'),
        direction: 'out',
        contact: '+1 555 0100',
        source: 'manual',
      },
    ]);
  });

  it('the next start closes the previous wrap-up at that moment and opens the new call', () => {
    // end 11:00:00, next start 11:04:00 → previous wrap 240 s; new call starts 11:04:00
    const { state, records } = run([
      { type: 'start', atMs: t('10:55:00'), direction: 'in' },
      { type: 'end', atMs: t('11:00:00') },
      { type: 'start', atMs: t('11:04:00'), direction: 'out', contact: 'Globex' },
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ talkMs: 300 * SEC, wrapMs: 240 * SEC, wrapEndMs: t('11:04:00') });
    expect(state).toEqual({
      status: 'talking',
      call: { direction: 'out', contact: 'Globex', source: 'manual', startMs: t('11:04:00'), talkMs: 0, holdMs: 0, segmentStartMs: t('11:04:00'), held: false },
    });
  });

  it('shows live talk time, frozen while on hold', () => {
    const talking = run([{ type: 'start', atMs: t('09:00:00'), direction: 'in' }]).state;
    expect(liveTalkMs(talking, t('09:00:42'))).toBe(42 * SEC);
    const held = run([
      { type: 'start', atMs: t('09:00:00'), direction: 'in' },
      { type: 'hold', atMs: t('09:01:00') },
    ]).state;
    expect(liveTalkMs(held, t('09:30:00'))).toBe(60 * SEC);
    expect(liveTalkMs(IDLE, t('09:30:00'))).toBe(0);
  });
});

describe('after-call work cap', () => {
  const ended = run([
    { type: 'start', atMs: t('10:50:00'), direction: 'in' },
    { type: 'end', atMs: t('11:00:00') },
  ]).state;

  it('expireWrapUp leaves a wrap-up within its cap alone', () => {
    expect(wrapUpDeadlineMs(ended)).toBe(t('11:10:00'));
    const r = expireWrapUp(ended, t('11:09:59') + 999);
    expect(r.completed).toBeNull();
    expect(r.state).toBe(ended);
  });

  it('expireWrapUp closes at end + 10 min exactly, however late it is called', () => {
    for (const now of [t('11:10:00'), t('11:25:00'), t('23:00:00')]) {
      const r = expireWrapUp(ended, now);
      expect(r.state).toEqual(IDLE);
      expect(r.completed).toMatchObject({ endMs: t('11:00:00'), wrapEndMs: t('11:10:00'), wrapMs: 600 * SEC, talkMs: 600 * SEC });
    }
  });

  it('the cap is configurable', () => {
    expect(wrapUpDeadlineMs(ended, { wrapCapMs: 120 * SEC })).toBe(t('11:02:00'));
    expect(expireWrapUp(ended, t('11:01:59'), { wrapCapMs: 120 * SEC }).completed).toBeNull();
    expect(expireWrapUp(ended, t('11:02:00'), { wrapCapMs: 120 * SEC }).completed).toMatchObject({ wrapMs: 120 * SEC });
    const zero = ok(callTransition(ended, { type: 'wrap', atMs: t('11:00:30') }, { wrapCapMs: 0 }));
    expect(zero.completed).toMatchObject({ wrapMs: 0, wrapEndMs: t('11:00:00') });
    expect(() => callTransition(ended, { type: 'wrap', atMs: t('11:00:30') }, { wrapCapMs: -1 })).toThrow(RangeError);
  });

  it('a late wrap or start still closes the wrap-up at the cap', () => {
    expect(ok(callTransition(ended, { type: 'wrap', atMs: t('11:15:00') })).completed).toMatchObject({ wrapMs: 600 * SEC, wrapEndMs: t('11:10:00') });
    const next = ok(callTransition(ended, { type: 'start', atMs: t('11:30:00'), direction: 'out' }));
    expect(next.completed).toMatchObject({ wrapMs: 600 * SEC, wrapEndMs: t('11:10:00') });
    expect(next.state.status).toBe('talking');
  });

  it('expireWrapUp ignores every other state', () => {
    for (const status of ['idle', 'talking', 'on-hold'] as const) {
      const r = expireWrapUp(fixtures[status], t('23:00:00'));
      expect(r.state).toBe(fixtures[status]);
      expect(r.completed).toBeNull();
      expect(wrapUpDeadlineMs(fixtures[status])).toBeNull();
    }
  });
});

describe('properties over random action sequences', () => {
  it('refusals change nothing; records add up; wrap-up never exceeds the cap', () => {
    const step = fc.record({ type: fc.constantFrom(...CALL_ACTION_TYPES), gapSec: fc.integer({ min: 0, max: 900 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.integer({ min: 0, max: 1200 }), (steps, capSec) => {
        const capMs = capSec * SEC;
        let state: CallMachineState = IDLE;
        let now = t('08:00:00');
        for (const s of steps) {
          now += s.gapSec * SEC;
          const before = structuredClone(state);
          const result = callTransition(state, action(s.type, now), { wrapCapMs: capMs });
          if (!result.ok) {
            expect(state).toEqual(before);
            expect(callRefusalText(result.refusal).length).toBeGreaterThan(10);
            continue;
          }
          const rec = result.completed;
          if (rec) {
            expect(rec.talkMs + rec.holdMs).toBe(rec.endMs - rec.startMs - (rec.answered ? 0 : rec.endMs - rec.startMs));
            expect(rec.wrapMs).toBe(rec.wrapEndMs - rec.endMs);
            expect(rec.wrapMs).toBeGreaterThanOrEqual(0);
            expect(rec.wrapMs).toBeLessThanOrEqual(capMs);
            if (!rec.answered) expect([rec.talkMs, rec.holdMs, rec.wrapMs]).toEqual([0, 0, 0]);
          }
          state = result.state;
        }
      }),
    );
  });
});
