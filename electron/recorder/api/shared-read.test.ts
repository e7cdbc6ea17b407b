import { describe, expect, it } from 'vitest';
import type { Dispatched } from './dispatch';
import { sharedRead } from './shared-read';

/** A read that answers only when the test says so, numbering its answers. */
function controlledReads() {
  const pending: { resolve: (d: Dispatched) => void; reject: (e: unknown) => void }[] = [];
  let started = 0;
  const read = () => {
    started += 1;
    return new Promise<Dispatched>((resolve, reject) => pending.push({ resolve, reject }));
  };
  const answer = (n: number): Dispatched => ({ status: 200, body: { ok: true, data: { n } }, changed: null });
  return {
    read,
    started: () => started,
    finish: (i: number, n: number) => pending[i]!.resolve(answer(n)),
    fail: (i: number, status: 500 | 503 = 503) =>
      pending[i]!.resolve(
        status === 503
          ? { status: 503, body: { ok: false, error: 'cancelled', code: 'request-cancelled' }, changed: null }
          : { status: 500, body: { ok: false, error: 'bug' }, changed: null, failure: { id: 'x', cause: new Error('bug') } },
      ),
    crash: (i: number) => pending[i]!.reject(new Error('worker gone')),
  };
}
const data = (d: Dispatched) => (d.status === 200 ? d.body.data : d.status);
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('shared status reads', () => {
  it('gives requests that arrive while a read runs that read, and a recent answer again without a read', async () => {
    const reads = controlledReads();
    let now = 0;
    const get = sharedRead({ read: reads.read, changes: () => 0, now: () => now, reuseMs: 1000, refreshMs: 200 });
    const first = [get(), get(), get()];
    expect(reads.started()).toBe(1);
    reads.finish(0, 1);
    expect((await Promise.all(first)).map(data)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    now = 100;
    expect(data(await get())).toEqual({ n: 1 });
    expect(reads.started()).toBe(1);
  });

  it('past the refresh time gives the last answer at once and starts one read for later requests; past reuse it waits', async () => {
    const reads = controlledReads();
    let now = 0;
    const get = sharedRead({ read: reads.read, changes: () => 0, now: () => now, reuseMs: 1000, refreshMs: 200 });
    const a = get();
    reads.finish(0, 1);
    await a;
    now = 300;
    expect(data(await get())).toEqual({ n: 1 });
    expect(data(await get())).toEqual({ n: 1 });
    expect(reads.started()).toBe(2);
    reads.finish(1, 2);
    await flush();
    expect(data(await get())).toEqual({ n: 2 });
    // The answer of the read started at 300 is too old at 1300: the next request waits for a new read.
    now = 1300;
    const late = get();
    expect(reads.started()).toBe(3);
    reads.finish(2, 3);
    expect(data(await late)).toEqual({ n: 3 });
  });

  it('after a change through the API, never gives an answer read before it', async () => {
    const reads = controlledReads();
    let changes = 0;
    const get = sharedRead({ read: reads.read, changes: () => changes, now: () => 0 });
    const before = get();
    changes = 1;
    // A read runs from before the change: this request waits for one that starts after it.
    const after = get();
    const alsoAfter = get();
    expect(reads.started()).toBe(1);
    reads.finish(0, 1);
    expect(data(await before)).toEqual({ n: 1 });
    await flush();
    expect(reads.started()).toBe(2);
    reads.finish(1, 2);
    expect((await Promise.all([after, alsoAfter])).map(data)).toEqual([{ n: 2 }, { n: 2 }]);
    // And the cached answer of before the change is not reused either.
    changes = 2;
    const third = get();
    expect(reads.started()).toBe(3);
    reads.finish(2, 3);
    expect(data(await third)).toEqual({ n: 3 });
  });

  it('never gives a refusal, a failure or a crashed read again', async () => {
    const reads = controlledReads();
    const get = sharedRead({ read: reads.read, changes: () => 0, now: () => 0 });
    const cancelled = get();
    reads.fail(0, 503);
    expect(data(await cancelled)).toBe(503);
    const failed = get();
    expect(reads.started()).toBe(2);
    reads.fail(1, 500);
    expect(data(await failed)).toBe(500);
    const crashed = get();
    reads.crash(2);
    await expect(crashed).rejects.toThrow('worker gone');
    const ok = get();
    expect(reads.started()).toBe(4);
    reads.finish(3, 4);
    expect(data(await ok)).toEqual({ n: 4 });
  });
});
