// Run by bench/recorder-overhead.ts as `node --expose-gc --max-semi-space-size=64 --import tsx bench/recorder-alloc.ts`:
// the recorder's loop over a real database file, on a fake clock with scripted sources, and the heap bytes it
// allocates per 1 Hz sample (measured with no collection in between; prints one JSON line).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { FakeClock } from '../electron/recorder/clock/fake-clock';
import { Recorder } from '../electron/recorder/recorder';
import { Store } from '../electron/recorder/store/store';
import { ScriptedIdleSource, ScriptedWindowSource } from '../electron/recorder/testing/scripted-sources';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const dir = mkdtempSync(join(tmpdir(), 'stint-bench-alloc-'));
const store = Store.open(join(dir, 'stint.db'));
const clock = new FakeClock(Date.UTC(2026, 2, 2, 9), 'America/New_York');
const windows = new ScriptedWindowSource();
const idle = new ScriptedIdleSource(() => clock.monotonic());
const titles = ['Opportunity: Acme | Salesforce - Google Chrome', 'Inbox - Gmail - Google Chrome', '#sales - Stint - Slack'];
windows.set({ app: 'Google-chrome', title: titles[0]! });
const recorder = new Recorder({ clock, store, activeWindow: windows, idle, onEvent: () => undefined, pid: process.pid }, { pollMs: 1000 });
recorder.start();

let collections = 0;
const observer = new PerformanceObserver((list) => (collections += list.getEntries().length));
observer.observe({ entryTypes: ['gc'] });

/** Samples at 1 Hz with a window switch every 45 s, as a rep works. */
async function run(samples: number, offset: number): Promise<void> {
  for (let i = 0; i < samples; i++) {
    if ((offset + i) % 45 === 0) windows.set({ app: (offset + i) % 90 === 0 ? 'Google-chrome' : 'Slack', title: titles[(offset + i) % 3]! });
    await clock.advance(1000);
  }
}

await run(3000, 0);
const N = 600;
gc();
await new Promise((r) => setImmediate(r));
collections = 0;
const before = process.memoryUsage().heapUsed;
await run(N, 3000);
const after = process.memoryUsage().heapUsed;
const sawCollection = collections > 0;
await recorder.stop();
// The harness's own share: the fake clock firing a timer that reschedules itself and does nothing else.
const idleClock = new FakeClock(0);
const tick = () => void idleClock.setTimeout(tick, 1000);
tick();
for (let i = 0; i < 3000; i++) await idleClock.advance(1000);
gc();
await new Promise((r) => setImmediate(r));
const harness0 = process.memoryUsage().heapUsed;
for (let i = 0; i < N; i++) await idleClock.advance(1000);
const harness1 = process.memoryUsage().heapUsed;
store.close();
observer.disconnect();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ bytesPerSample: (after - before) / N, harnessBytesPerSample: (harness1 - harness0) / N, samples: N, sawCollection })}\n`,
);
