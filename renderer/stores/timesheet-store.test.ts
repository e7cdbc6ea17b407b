import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../app/storage';
import { H, T9, createSeededWorld } from '../testing/seed-world';
import type { PreferenceStorage } from '../app/storage';
import type { FakeWorld } from '../testing/seed-world';
import { createTimesheetStore } from './timesheet-store';
import { createWorkSettingsStore } from './work-settings-store';

/** The timesheet store over the same work settings store as the app gives it. */
function timesheetOf(world: FakeWorld, storage: PreferenceStorage = memoryStorage()) {
  const workSettings = createWorkSettingsStore(world.transport);
  return { store: createTimesheetStore(world.transport, world.clock, storage, workSettings), workSettings };
}

describe('timesheet store', () => {
  it('loads the week of today with the entries in it', async () => {
    const world = createSeededWorld();
    const { store } = timesheetOf(world);
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
    const { store } = timesheetOf(world, storage);
    await store.getState().shiftWeek(-1);
    expect(store.getState().sheet?.totals).toMatchObject({ workedSeconds: 47.5 * 3600, overtimeSeconds: 0 });
    await store.getState().setPreferences({ rules: 'flsa' });
    expect(store.getState().sheet?.totals).toMatchObject({ regularSeconds: 40 * 3600, overtimeSeconds: 7.5 * 3600 });
    await store.getState().setPreferences({ rounding: { minutes: 15, mode: 'up' } });
    const { store: again } = timesheetOf(world, storage);
    expect(again.getState()).toMatchObject({ rules: 'flsa', rounding: { minutes: 15, mode: 'up' } });
  });

  it('saves the week start as the stored work setting and moves the week to it', async () => {
    const world = createSeededWorld();
    const storage = memoryStorage();
    const { store, workSettings } = timesheetOf(world, storage);
    await store.getState().load();
    expect(await store.getState().setWeekStart('sun')).toBeNull();
    expect(world.transport.inputsOf('settings.set')).toEqual([{ weekStart: 'sun' }]);
    expect(workSettings.getState().settings?.weekStart).toBe('sun');
    expect(store.getState()).toMatchObject({ weekStart: 'sun', from: '2026-03-01' });
    expect(world.transport.inputsOf('timesheet.get').at(-1)).toMatchObject({ from: '2026-03-01', to: '2026-03-07', weekStart: 'sun' });
    expect(store.getState().sheet?.from).toBe('2026-03-01');
    await store.getState().showWeekOf('2026-02-25');
    expect(store.getState().from).toBe('2026-02-22');
    // Not a browser preference: a new store (another window) shows the stored start too.
    expect(storage.getItem('stint.timesheet')).toBeNull();
    const { store: again } = timesheetOf(world, storage);
    await again.getState().load();
    expect(again.getState()).toMatchObject({ weekStart: 'sun', from: '2026-03-01' });
  });

  it('follows a week start changed elsewhere when the settings change', async () => {
    const world = createSeededWorld();
    const { store } = timesheetOf(world);
    const stop = store.getState().connect();
    await store.getState().load();
    expect(store.getState().from).toBe('2026-03-02');
    // Another client (the Settings card, the CLI) stores a Tuesday start; the recorder says the settings changed.
    const set = await world.transport.request('settings.set', { weekStart: 'tue' });
    expect(set.ok).toBe(true);
    await vi.waitFor(() => expect(store.getState().sheet?.from).toBe('2026-02-24'));
    expect(store.getState()).toMatchObject({ weekStart: 'tue', from: '2026-02-24' });
    expect(world.transport.inputsOf('timesheet.get').at(-1)).toMatchObject({ from: '2026-02-24', to: '2026-03-02', weekStart: 'tue' });
    stop();
  });

  it('shows the stored week start, not one an older version kept in browser storage', async () => {
    const world = createSeededWorld();
    await world.transport.request('settings.set', { weekStart: 'sat' });
    const storage = memoryStorage({ 'stint.timesheet': '{"rules":"flsa","rounding":{"minutes":15,"mode":"up"},"weekStart":"sun"}' });
    const { store } = timesheetOf(world, storage);
    expect(store.getState()).toMatchObject({ rules: 'flsa', rounding: { minutes: 15, mode: 'up' } });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ weekStart: 'sat', from: '2026-02-28' });
    expect(world.transport.inputsOf('timesheet.get').at(-1)).toMatchObject({ from: '2026-02-28', weekStart: 'sat', rules: 'flsa' });
  });

  it('adds, edits and removes time with a reason, reloading after each', async () => {
    const world = createSeededWorld();
    const { store } = timesheetOf(world);
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
    const { store } = timesheetOf(world, memoryStorage({ 'stint.timesheet': '{"rules":"eu","rounding":{"minutes":7}}' }));
    expect(store.getState()).toMatchObject({ rules: 'none', rounding: { minutes: 0, mode: 'nearest' } });
  });
});
