import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createHandlers } from '../electron/recorder/api/handlers';
import { startLocalServer } from '../electron/recorder/api/local-server';
import { offthreadDispatcher, startReadPools, type ReadPools } from '../electron/recorder/api/offthread-dispatch';
import type { Clock } from '../electron/recorder/clock/clock';
import { systemClock } from '../electron/recorder/clock/system-clock';
import { Recorder } from '../electron/recorder/recorder';
import { apiToken } from '../electron/recorder/store/api-token';
import { Store } from '../electron/recorder/store/store';
import { ScriptedIdleSource, ScriptedWindowSource } from '../electron/recorder/testing/scripted-sources';
import { seedBusyDay } from '../test-support/busy-day';
import { fmt, line } from './measure';
import { denseYearStore } from './reports';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const CLIENTS = 50;
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CLIENT_SCRIPT = fileURLToPath(new URL('./load-clients.mjs', import.meta.url));

type Plan = { name: string; input: unknown }[];
interface Result {
  name: string;
  status: number;
  ms: number;
}

const STATUS: Plan = [{ name: 'status.get', input: {} }];
// What a team lead's views ask for: a year of time use and of timesheet, a quarter of calls.
const REPORTS: Plan = [
  { name: 'report.timeUse', input: { from: '2025-01-01', to: '2025-12-31', by: 'category' } },
  { name: 'timesheet.get', input: { from: '2025-01-01', to: '2025-12-31' } },
  { name: 'report.calls', input: { from: '2025-10-01', to: '2025-12-31', byDay: true } },
];

/**
 * 50 clients against `stint track`'s local server while its recorder samples once a second on the real
 * clock: status p50/p99, and how late the recorder's samples fire (its timer's delay on the recorder's
 * thread). Over the dense year plus a busy today, with the reads on the recorder's thread (as before
 * issue 11) and on the read workers.
 */
export async function benchLoad(): Promise<void> {
  const source = denseYearStore();
  const dir = mkdtempSync(join(tmpdir(), 'stint-bench-load-'));
  try {
    source.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbPath = join(dir, 'stint.db');
    copyFileSync(source.db.name, dbPath);
    source.close();
    // Today: a rep's busy day so far, a window switch every 15 s since 08:00 local.
    const seed = Store.open(dbPath);
    const today = new Date();
    const eight = new Date(today.getFullYear(), today.getMonth(), today.getDate(), 8).getTime();
    const spans = Math.max(100, Math.min(2400, Math.floor((Date.now() - eight) / 15_000)));
    seedBusyDay(seed, Math.min(eight, Date.now() - spans * 15_000), spans, 15_000);
    seed.close();

    for (const offthread of [false, true]) {
      const where = offthread ? 'read workers' : "recorder's thread";
      for (const [label, clients] of [
        ['50 × status', Array.from({ length: CLIENTS }, () => STATUS)],
        ['40 × status + 10 × reports', Array.from({ length: CLIENTS }, (_, i) => (i < 10 ? REPORTS : STATUS))],
      ] as const) {
        const { results, lateness, samples, served } = await underLoad(dbPath, dir, offthread, clients);
        const failed = results.filter((r) => r.status !== 200).length;
        const ok = (name: (n: string) => boolean) => results.filter((r) => r.status === 200 && name(r.name)).map((r) => r.ms);
        const status = ok((n) => n === 'status.get');
        const reports = ok((n) => n !== 'status.get');
        line(
          `${label}, ${where}: status`,
          `p99 ${fmt(percentile(status, 0.99))} ms`,
          `p50 ${fmt(percentile(status, 0.5))} ms, ${status.length} answers${failed ? `, ${failed} requests not answered 200` : ''} (target p99 < 50 ms)`,
        );
        line(
          `${label}, ${where}: status, dispatch only`,
          `p99 ${fmt(percentile(served, 0.99))} ms`,
          `p50 ${fmt(percentile(served, 0.5))} ms (the server's part)`,
        );
        if (reports.length > 0)
          line(`${label}, ${where}: reports`, `p99 ${fmt(percentile(reports, 0.99))} ms`, `p50 ${fmt(percentile(reports, 0.5))} ms, ${reports.length} answers`);
        line(
          `${label}, ${where}: recorder lateness`,
          `max ${fmt(Math.max(...lateness))} ms`,
          `p99 ${fmt(percentile(lateness, 0.99))} ms over ${samples} samples at 1 s (target: never late)`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function underLoad(dbPath: string, dir: string, onWorkers: boolean, clients: readonly Plan[]) {
  const store = Store.open(dbPath);
  // The recorder's clock, noting how long after its due time each of its timers fires.
  const lateness: number[] = [];
  const clock: Clock = {
    ...systemClock,
    setTimeout(fn, ms) {
      const due = performance.now() + ms;
      return systemClock.setTimeout(() => {
        lateness.push(Math.max(0, performance.now() - due));
        fn();
      }, ms);
    },
  };
  const windows = new ScriptedWindowSource();
  windows.set({ app: 'Google-chrome', title: 'Pipeline review - Salesforce' });
  const recorder = new Recorder(
    { clock, store, activeWindow: windows, idle: new ScriptedIdleSource(() => clock.monotonic()), onEvent: () => undefined, pid: process.pid },
    { pollMs: 1000 },
  );
  const pools: ReadPools | null = onWorkers
    ? startReadPools({ distDir: DIST, dbPath, recorderPid: process.pid, clock, log: (m) => process.stderr.write(`${m}\n`) })
    : null;
  const handlers = createHandlers({ store, dbPath, clock, recorder });
  const viewsDir = join(dir, 'views');
  mkdirSync(viewsDir, { recursive: true });
  // The server's own part of each status answer: from dispatch to its answer, without the client's and the sockets' share.
  const served: number[] = [];
  const offthread = offthreadDispatcher(handlers, pools, clock);
  const timed = (name: string, input: unknown) => {
    const t = performance.now();
    return offthread(name, input).finally(() => name === 'status.get' && served.push(performance.now() - t));
  };
  const server = await startLocalServer({ handlers, dispatch: timed, clock, token: apiToken(store.db), viewsDir, port: 0 });
  recorder.start();
  try {
    // Warm up first (a worker's start, the rules' compilation, the day caches): the figures are for a recorder that has been running.
    for (const { name, input } of new Map(clients.flat().map((r) => [r.name, r])).values()) await offthread(name, input);
    served.length = 0;
    const arg = JSON.stringify({ origin: server.url.replace(/\/$/, ''), token: apiToken(store.db), seconds: SECONDS, clients });
    const { stdout } = await promisify(execFile)(process.execPath, [CLIENT_SCRIPT], { env: { ...process.env, STINT_LOAD: arg }, maxBuffer: 256 * 1024 * 1024 });
    return { results: JSON.parse(stdout) as Result[], lateness: [...lateness], samples: lateness.length, served: [...served] };
  } finally {
    await recorder.stop();
    await server.close();
    await pools?.close();
    store.close();
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
