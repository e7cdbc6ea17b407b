import { describe, expect, it } from 'vitest';
import { createSeededWorld, SEED_DAY } from '../testing/seed-world';
import { createCallsStore } from './calls-store';

const today = { from: SEED_DAY, to: SEED_DAY };

describe('calls store', () => {
  it('times a call and reloads the metrics after each action', async () => {
    const world = createSeededWorld();
    const store = createCallsStore(world.transport, world.clock, today);
    await store.getState().loadLive();
    expect(store.getState().live?.state.status).toBe('idle');
    expect(await store.getState().act('start', { direction: 'in', contact: 'Dana' })).toBe(true);
    expect(store.getState().live?.state).toMatchObject({ status: 'talking', call: { direction: 'in', contact: 'Dana' } });
    world.tick(90_000);
    expect(await store.getState().act('end')).toBe(true);
    expect(await store.getState().act('wrap')).toBe(true);
    expect(store.getState().report).toMatchObject({ calls: 1, answered: 1, ahtSeconds: 90 });
    expect(store.getState().calls).toHaveLength(1);
    expect(world.transport.inputsOf('report.calls').at(-1)).toEqual({ ...today, byDay: true, byAgent: true, scope: 'mine', timeZone: 'UTC' });
  });

  it('keeps a refused action for the buttons', async () => {
    const world = createSeededWorld();
    const store = createCallsStore(world.transport, world.clock, today);
    expect(await store.getState().act('hold')).toBe(false);
    expect(store.getState().actionError).toMatch(/./);
    expect(store.getState().busy).toBeNull();
  });

  it('refreshes the live call with the status heartbeat only while a call is on', async () => {
    const world = createSeededWorld();
    const store = createCallsStore(world.transport, world.clock, today);
    store.getState().connect();
    await store.getState().loadLive();
    world.tick();
    world.tick();
    expect(world.transport.countOf('calls.state')).toBe(1);
    await store.getState().act('start');
    const n = world.transport.countOf('calls.state');
    world.tick();
    expect(world.transport.countOf('calls.state')).toBe(n + 1);
  });
});
