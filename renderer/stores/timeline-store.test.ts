import { describe, expect, it } from 'vitest';
import { createSeededWorld, SEED_DAY } from '../testing/seed-world';
import { createTimelineStore } from './timeline-store';

describe('timeline store', () => {
  it('loads a day and moves to another', async () => {
    const world = createSeededWorld();
    const store = createTimelineStore(world.transport, world.clock, SEED_DAY);
    await store.getState().load();
    expect(store.getState().timeline?.activity).toHaveLength(5);
    await store.getState().load('2026-02-23');
    expect(store.getState().date).toBe('2026-02-23');
    expect(store.getState().timeline?.activity).toHaveLength(0);
    expect(store.getState().timeline?.sessions).toHaveLength(1);
    expect(world.transport.inputsOf('timeline.get')).toEqual([
      { date: SEED_DAY, timeZone: 'UTC' },
      { date: '2026-02-23', timeZone: 'UTC' },
    ]);
  });

  it('reloads on changes, and on a minute of new tracking only when showing today', async () => {
    const world = createSeededWorld();
    const store = createTimelineStore(world.transport, world.clock, SEED_DAY);
    store.getState().connect();
    await store.getState().load();
    world.transport.emit({ type: 'changed', what: 'idle' });
    expect(world.transport.countOf('timeline.get')).toBe(2);
    await store.getState().load();
    const n = world.transport.countOf('timeline.get');
    const tracked = (s: number) =>
      world.transport.emit({ type: 'status', status: { ...world.status(), today: { ...world.status().today, trackedSeconds: s } } });
    tracked(100);
    tracked(159);
    expect(world.transport.countOf('timeline.get')).toBe(n);
    tracked(160);
    expect(world.transport.countOf('timeline.get')).toBe(n + 1);
    await store.getState().load('2026-02-23');
    const m = world.transport.countOf('timeline.get');
    tracked(100_000);
    tracked(200_000);
    expect(world.transport.countOf('timeline.get')).toBe(m);
  });

  it('keeps the recorder’s message when a day cannot be loaded', async () => {
    const world = createSeededWorld();
    world.transport.handle('timeline.get', () => {
      throw new Error('Unknown time zone.');
    });
    const store = createTimelineStore(world.transport, world.clock, SEED_DAY);
    await store.getState().load();
    expect(store.getState().error).toBe('Unknown time zone.');
    expect(store.getState().loading).toBe(false);
  });
});
