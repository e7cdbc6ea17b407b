import { describe, expect, it, vi } from 'vitest';
import { H, T9, createSeededWorld } from '../testing/seed-world';
import type { FakeWorld } from '../testing/seed-world';
import { createTimesheetStore } from './timesheet-store';
import { createWorkSettingsStore } from './work-settings-store';

/** The timesheet store over the same work settings store as the app gives it. */
function timesheetOf(world: FakeWorld) {
  const workSettings = createWorkSettingsStore(world.transport);
  return { store: createTimesheetStore(world.transport, world.clock, workSettings), workSettings };
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

  it('computes overtime under the chosen rules and stores the choice with the work settings, not in the browser', async () => {
    const world = createSeededWorld();
    const { store } = timesheetOf(world);
    await store.getState().shiftWeek(-1);
    expect(store.getState().sheet?.totals).toMatchObject({ workedSeconds: 47.5 * 3600, overtimeSeconds: 0 });
    expect(await store.getState().setPreferences({ rules: 'flsa' })).toBeNull();
    expect(store.getState().sheet?.totals).toMatchObject({ regularSeconds: 40 * 3600, overtimeSeconds: 7.5 * 3600 });
    expect(await store.getState().setPreferences({ rounding: { minutes: 15, mode: 'up' } })).toBeNull();
    expect(world.transport.inputsOf('settings.set')).toEqual([{ overtimeRules: 'flsa' }, { rounding: { minutes: 15, mode: 'up' } }]);
    // Another window (a new store over the same recorder) computes the week the same way.
    const { store: again } = timesheetOf(world);
    await again.getState().load();
    expect(again.getState()).toMatchObject({ rules: 'flsa', rounding: { minutes: 15, mode: 'up' } });
    expect(world.transport.inputsOf('timesheet.get').at(-1)).toMatchObject({ rules: 'flsa', rounding: { minutes: 15, mode: 'up' } });
  });

  it('follows overtime rules changed elsewhere (the CLI, another window)', async () => {
    const world = createSeededWorld();
    const { store } = timesheetOf(world);
    const stop = store.getState().connect();
    await store.getState().shiftWeek(-1);
    expect((await world.transport.request('settings.set', { overtimeRules: 'california' })).ok).toBe(true);
    await vi.waitFor(() => expect(store.getState().sheetRules).toBe('california'));
    expect(store.getState().rules).toBe('california');
    stop();
  });

  it('saves the week start as the stored work setting and moves the week to it', async () => {
    const world = createSeededWorld();
    const { store, workSettings } = timesheetOf(world);
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
    const { store: again } = timesheetOf(world);
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
    expect((await store.getState().removeTime('nope', 'x'))?.message).toBe('No session or manual entry nope.');
  });
});
