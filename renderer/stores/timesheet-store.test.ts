import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../app/storage';
import { H, T9, createSeededWorld } from '../testing/seed-world';
import { createTimesheetStore } from './timesheet-store';

describe('timesheet store', () => {
  it('loads the week of today with the entries in it', async () => {
    const world = createSeededWorld();
    const store = createTimesheetStore(world.transport, world.clock, memoryStorage());
    expect(store.getState().from).toBe('2026-03-02');
    await store.getState().load();
    expect(store.getState().sheet?.days.map((d) => d.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(store.getState().sheet?.totals.workedSeconds).toBe(4 * 3600);
    expect(store.getState().entries.map((e) => e.uuid)).toEqual(['work-today']);
    expect(world.transport.inputsOf('timesheet.get')[0]).toEqual({
      from: '2026-03-02',
      to: '2026-03-08',
      rules: 'none',
      rounding: { minutes: 0, mode: 'nearest' },
      weekStart: 'mon',
      timeZone: 'UTC',
    });
  });

  it('computes overtime under the chosen rules and keeps the choice', async () => {
    const world = createSeededWorld();
    const storage = memoryStorage();
    const store = createTimesheetStore(world.transport, world.clock, storage);
    await store.getState().shiftWeek(-1);
    expect(store.getState().sheet?.totals).toMatchObject({ workedSeconds: 47.5 * 3600, overtimeSeconds: 0 });
    await store.getState().setPreferences({ rules: 'flsa' });
    expect(store.getState().sheet?.totals).toMatchObject({ regularSeconds: 40 * 3600, overtimeSeconds: 7.5 * 3600 });
    await store.getState().setPreferences({ rounding: { minutes: 15, mode: 'up' } });
    const again = createTimesheetStore(world.transport, world.clock, storage);
    expect(again.getState()).toMatchObject({ rules: 'flsa', rounding: { minutes: 15, mode: 'up' }, weekStart: 'mon' });
  });

  it('moves the week to its start day when the start day changes', async () => {
    const world = createSeededWorld();
    const store = createTimesheetStore(world.transport, world.clock, memoryStorage());
    await store.getState().setPreferences({ weekStart: 'sun' });
    expect(store.getState().from).toBe('2026-03-01');
    await store.getState().showWeekOf('2026-02-25');
    expect(store.getState().from).toBe('2026-02-22');
  });

  it('adds, edits and removes time with a reason, reloading after each', async () => {
    const world = createSeededWorld();
    const store = createTimesheetStore(world.transport, world.clock, memoryStorage());
    await store.getState().load();
    expect(await store.getState().addTime({ kind: 'work', startMs: T9 - 2 * H, endMs: T9 - H, reason: 'client call from home' })).toBeNull();
    expect(store.getState().sheet?.totals.manualSeconds).toBe(3600);
    const manual = store.getState().entries.find((e) => e.source === 'manual')!;
    expect(await store.getState().editTime(manual.uuid, { startMs: T9 - 3 * H, reason: 'started earlier' })).toBeNull();
    expect(store.getState().sheet?.totals.manualSeconds).toBe(2 * 3600);
    const edited = store.getState().entries.find((e) => e.source === 'manual')!;
    expect(await store.getState().removeTime(edited.uuid, 'duplicate')).toBeNull();
    expect(store.getState().sheet?.totals.manualSeconds).toBe(0);
    expect(await store.getState().removeTime('nope', 'x')).toBe('No session or manual entry nope.');
  });

  it('ignores stored preferences it does not understand', () => {
    const world = createSeededWorld();
    const store = createTimesheetStore(world.transport, world.clock, memoryStorage({ 'stint.timesheet': '{"rules":"eu","rounding":{"minutes":7}}' }));
    expect(store.getState()).toMatchObject({ rules: 'none', rounding: { minutes: 0, mode: 'nearest' } });
  });
});
