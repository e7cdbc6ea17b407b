import { describe, expect, it } from 'vitest';
import { FakeClock } from '../recorder/clock/fake-clock';
import { repeatEvery } from './ticker';

describe('repeatEvery', () => {
  it('ticks at once and then every interval on the injected clock, until stopped', async () => {
    const clock = new FakeClock(0);
    const ticks: number[] = [];
    const stop = repeatEvery(clock, 1000, () => void ticks.push(clock.monotonic()));
    await clock.advance(3500);
    expect(ticks).toEqual([0, 1000, 2000, 3000]);
    stop();
    await clock.advance(5000);
    expect(ticks).toHaveLength(4);
  });

  it('waits for a slow tick before counting the next interval, and goes on after a failing one', async () => {
    const clock = new FakeClock(0);
    const ticks: number[] = [];
    const errors: unknown[] = [];
    let release: () => void = () => undefined;
    let calls = 0;
    const stop = repeatEvery(
      clock,
      1000,
      () => {
        calls++;
        ticks.push(clock.monotonic());
        if (calls === 1) return new Promise<void>((resolve) => (release = resolve));
        if (calls === 2) throw new Error('status read failed');
        return undefined;
      },
      (error) => errors.push(error),
    );
    await clock.advance(5000);
    expect(ticks).toEqual([0]);
    release();
    await clock.advance(2500);
    expect(ticks).toEqual([0, 6000, 7000]);
    expect(errors).toEqual([new Error('status read failed')]);
    stop();
  });
});
