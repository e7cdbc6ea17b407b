import { describe, expect, it } from 'vitest';
import { createSeededWorld, SEED_DAY } from '../testing/seed-world';
import { LIVE_REFRESH_SECONDS, createTimeUseStore } from './time-use-store';

const today = { from: SEED_DAY, to: SEED_DAY, by: 'category' as const };

describe('time-use store', () => {
  it('loads a report in the clock’s zone and remembers which query it answers', async () => {
    const world = createSeededWorld();
    const store = createTimeUseStore(world.transport, world.clock, today);
    await store.getState().load();
    expect(store.getState().report?.productivity).toBeCloseTo(9000 / 10800);
    expect(store.getState().reportQuery).toEqual(today);
    await store.getState().load({ by: 'app', from: '2026-02-24' });
    expect(world.transport.inputsOf('report.timeUse').at(-1)).toEqual({ from: '2026-02-24', to: SEED_DAY, by: 'app', timeZone: 'UTC' });
    expect(store.getState().report?.rows[0]?.key).toBe('Google-chrome');
  });

  it('applies only the latest of overlapping loads', async () => {
    const world = createSeededWorld();
    const answers: (() => void)[] = [];
    const real = world.transport;
    const store = createTimeUseStore(
      {
        request: (name, input) => new Promise((resolve) => answers.push(() => void real.request(name, input).then(resolve))),
        subscribe: (l) => real.subscribe(l),
      },
      world.clock,
      today,
    );
    const first = store.getState().load({ by: 'app' });
    const second = store.getState().load({ by: 'hour' });
    answers[1]!();
    await second;
    answers[0]!();
    await first;
    expect(store.getState().reportQuery?.by).toBe('hour');
    expect(store.getState().report?.rows[0]?.key).toBe('09:00');
  });

  it('reloads after rule, time and idle changes, and once a minute of activity while it covers today', async () => {
    const world = createSeededWorld();
    const store = createTimeUseStore(world.transport, world.clock, today);
    store.getState().connect();
    await store.getState().load();
    world.transport.emit({ type: 'changed', what: 'rules' });
    expect(world.transport.countOf('report.timeUse')).toBe(2);
    await Promise.resolve();

    const live = (active: number) =>
      world.transport.emit({ type: 'status', status: { ...world.status(), today: { ...world.status().today, activeSeconds: active } } });
    await store.getState().load();
    const before = world.transport.countOf('report.timeUse');
    live(10_800);
    live(10_800 + LIVE_REFRESH_SECONDS - 1);
    expect(world.transport.countOf('report.timeUse')).toBe(before);
    live(10_800 + LIVE_REFRESH_SECONDS);
    expect(world.transport.countOf('report.timeUse')).toBe(before + 1);
  });

  it('does not reload a past range for live activity', async () => {
    const world = createSeededWorld();
    const store = createTimeUseStore(world.transport, world.clock, { from: '2026-02-23', to: '2026-02-27', by: 'app' });
    store.getState().connect();
    await store.getState().load();
    for (let i = 0; i < 5; i++) world.tick(60_000);
    world.transport.emit({ type: 'status', status: { ...world.status(), today: { ...world.status().today, activeSeconds: 99_999 } } });
    expect(world.transport.countOf('report.timeUse')).toBe(1);
  });
});
