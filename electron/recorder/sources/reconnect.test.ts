import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/fake-clock';
import { backoffDelayMs, Reconnecting } from './reconnect';

interface FakeConnection {
  id: number;
  lost: boolean;
}

/** A link whose opens fail while `down` is set; every attempt is logged at its monotonic time. */
function fakeLink() {
  const clock = new FakeClock(0);
  const state = { down: false, attempts: [] as number[], disposed: [] as number[], next: 1 };
  const first: FakeConnection = { id: 0, lost: false };
  const link = new Reconnecting<FakeConnection>(first, {
    open: async () => {
      state.attempts.push(clock.monotonic());
      if (state.down) throw new Error('ECONNREFUSED');
      return { id: state.next++, lost: false };
    },
    isLost: (c) => c.lost,
    dispose: async (c) => {
      state.disposed.push(c.id);
    },
    unavailable: (cause) => new Error(`display lost: ${cause.message}`),
    monotonic: () => clock.monotonic(),
  });
  return { clock, state, first, link };
}

/** Uses the link once a second for `seconds` seconds, as the recorder's loop does. */
async function poll(t: ReturnType<typeof fakeLink>, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    await t.link.get().catch(() => undefined);
    await t.clock.advance(1000);
  }
}

describe('Reconnecting', () => {
  it('doubles the wait from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelayMs(n, { firstMs: 1000, maxMs: 30_000 }))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('reports the loss, retries with growing waits while the server is down, and serves the new connection once it is back', async () => {
    const t = fakeLink();
    expect(await t.link.get()).toBe(t.first);
    t.first.lost = true;
    t.state.down = true;
    await poll(t, 100);
    // Tried at once, then after 1, 2, 4, 8, 16 and every 30 s: not at every use.
    expect(t.state.attempts).toEqual([0, 1000, 3000, 7000, 15_000, 31_000, 61_000, 91_000]);
    await expect(t.link.get()).rejects.toThrow('display lost: ECONNREFUSED');
    expect(t.state.disposed).toEqual([0]);

    t.state.down = false;
    await t.clock.advance(21_000); // the next try is due at 121 s
    const back = await t.link.get();
    expect(back).toEqual({ id: 1, lost: false });
    expect(await t.link.get()).toBe(back);
    expect(t.link.failedAttempts).toBe(0);

    // A second loss starts the backoff over: the first try is immediate.
    back.lost = true;
    const again = await t.link.get();
    expect(again.id).toBe(2);
  });

  it('shares one attempt between concurrent uses and closes the live connection once', async () => {
    const t = fakeLink();
    t.first.lost = true;
    const [a, b] = await Promise.all([t.link.get(), t.link.get()]);
    expect(a).toBe(b);
    expect(t.state.attempts).toHaveLength(1);
    await t.link.close();
    await t.link.close();
    expect(t.state.disposed).toEqual([0, a.id]);
    await expect(t.link.get()).rejects.toThrow(/closed/);
  });
});
