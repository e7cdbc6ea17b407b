import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrackProcess } from '../test-support/track-process';
import { onPath, startXvfb, type XvfbSession } from '../test-support/xvfb';
import { fmt, line } from './measure';

const SECONDS = Number(process.env.BENCH_OVERHEAD_SECONDS ?? 60);
const ROUNDS = Number(process.env.BENCH_OVERHEAD_ROUNDS ?? 1);
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const FLOOR = fileURLToPath(new URL('./recorder-floor.mjs', import.meta.url));
const ALLOC = fileURLToPath(new URL('./recorder-alloc.ts', import.meta.url));
/** arbtt-capture as measured in issue 17 (same Xvfb, focus changes every 5 s, 90 s × 3), printed when arbtt cannot be installed here. */
const ARBTT_RECORDED = { cpu: 0.33, rss: 8.2 * 1.048576 };

/** CPU seconds of a process and of its waited-for children (xprop and xwininfo for get-windows). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14–17 of proc(5): utime, stime, cutime, cstime; the slice starts at field 3.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / CLK_TCK;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

interface Contender {
  name: string;
  /**
   * Starts the process; resolves with its pid once it samples, and a stop function; for a recorder, also how long
   * after spawning it its first heartbeat began (read after stop, from the database).
   */
  start(x: XvfbSession, dir: string): Promise<{ pid: number; stop: () => Promise<void>; firstBeatMs?: () => number | null }>;
}

/** Milliseconds from spawnedMs to the start of the first heartbeat a run begun since then recorded, or null. */
function firstBeatAfter(dbPath: string, spawnedMs: number): number | null {
  const db = new Database(dbPath, { readonly: true });
  try {
    const row = db.prepare('SELECT MIN(a.start_ms) AS first FROM activity a JOIN runs r ON r.id = a.run_id WHERE r.started_ms >= ?').get(spawnedMs) as {
      first: number | null;
    };
    return row.first === null ? null : row.first - spawnedMs;
  } finally {
    db.close();
  }
}

function track(name: string, args: string[]): Contender {
  let runs = 0;
  return {
    name,
    async start(x, dir) {
      // A database per round: each run starts as the first did (its first session and heartbeat are its own).
      const dbPath = join(dir, `${name.replace(/\W+/g, '-')}-${runs++}.db`);
      const spawnedMs = Date.now();
      const t = new TrackProcess(['--db', dbPath, '--poll', '1', ...args], x.env);
      await t.waitForLine(/started recording/);
      return {
        pid: t.child.pid!,
        stop: async () => {
          t.kill('SIGINT');
          await t.exited;
        },
        firstBeatMs: () => firstBeatAfter(dbPath, spawnedMs),
      };
    },
  };
}

function child(name: string, program: string, args: (dir: string) => string[], ready: RegExp | null): Contender {
  return {
    name,
    async start(x, dir) {
      const c = spawn(program, args(dir), { env: x.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (ready?.test(out)) resolve();
        };
        c.stdout!.on('data', onData);
        c.stderr!.on('data', onData);
        c.once('exit', (code) => reject(new Error(`${name} exited (${code}): ${out}`)));
        if (ready === null) setTimeout(resolve, 1000);
      });
      const exited = new Promise((r) => c.once('exit', r));
      return {
        pid: c.pid!,
        stop: async () => {
          c.kill('SIGINT');
          await exited;
        },
      };
    },
  };
}

/**
 * `stint track` at 1 s sampling under Xvfb while focus moves between windows every 5 s: CPU % of one core
 * and peak RSS, with the views' server (default) and without (--no-ui), beside a floor (bare node with
 * better-sqlite3 and one X connection, reading and writing once a second) and arbtt-capture when installed,
 * all in the same run, in turns, for ROUNDS rounds. Then the heap bytes the recorder's loop allocates per sample.
 */
export async function benchRecorderOverhead(): Promise<void> {
  const x = await startXvfb();
  const dir = mkdtempSync(join(tmpdir(), 'stint-bench-overhead-'));
  try {
    const windows = [];
    for (const [title, cls] of [
      ['Opportunity: Acme | Salesforce', 'Google-chrome'],
      ['Inbox - Gmail', 'Google-chrome'],
      ['#sales - Slack', 'Slack'],
    ] as const) {
      windows.push(await x.openWindow({ netWmName: title, wmClass: [cls.toLowerCase(), cls], activate: false }));
    }
    const contenders: Contender[] = [
      track('stint track (views on)', ['--window-source', 'x11', '--port', '0']),
      track('stint track --no-ui', ['--window-source', 'x11', '--no-ui']),
      child('floor: node + better-sqlite3 + x11', process.execPath, (d) => [FLOOR, join(d, 'floor.db')], /ready/),
    ];
    const arbtt = onPath('arbtt-capture');
    if (arbtt) contenders.push(child('arbtt-capture', 'arbtt-capture', (d) => ['--sample-rate', '1', '--logfile', join(d, 'arbtt.log')], null));
    const results = new Map<string, { cpu: number[]; rss: number[]; firstBeat: number[] }>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of contenders) {
        const running = await c.start(x, dir);
        const cpu0 = cpuSeconds(running.pid);
        const t0 = Date.now();
        let i = 0;
        while (Date.now() - t0 < SECONDS * 1000) {
          await x.activate(windows[i++ % windows.length]!);
          await new Promise((r) => setTimeout(r, 5000));
        }
        const elapsed = (Date.now() - t0) / 1000;
        const cpu = ((cpuSeconds(running.pid) - cpu0) / elapsed) * 100;
        const rss = peakRssMb(running.pid);
        await running.stop();
        const firstBeat = running.firstBeatMs?.() ?? null;
        const r = results.get(c.name) ?? { cpu: [], rss: [], firstBeat: [] };
        r.cpu.push(cpu);
        r.rss.push(rss);
        if (firstBeat !== null) r.firstBeat.push(firstBeat);
        results.set(c.name, r);
      }
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    const floor = results.get('floor: node + better-sqlite3 + x11')!;
    const peer = arbtt ? { cpu: median(results.get('arbtt-capture')!.cpu), rss: median(results.get('arbtt-capture')!.rss) } : ARBTT_RECORDED;
    const peerNote = arbtt ? 'arbtt-capture, same run' : 'arbtt-capture as recorded in issue 17 (no arbtt package here)';
    for (const [name, r] of results) {
      const cpu = median(r.cpu);
      const rss = median(r.rss);
      line(
        `${name}, ${SECONDS} s at 1 Hz ×${ROUNDS}`,
        `${fmt(cpu, 3)} % CPU`,
        `peak RSS ${fmt(rss, 1)} MB; ×${fmt(cpu / median(floor.cpu), 2)} CPU, ×${fmt(rss / median(floor.rss), 2)} RSS of the floor; ×${fmt(cpu / peer.cpu, 2)} CPU, ×${fmt(rss / peer.rss, 1)} RSS of ${peerNote}`,
      );
      // Spawn to the first heartbeat's start: node's start, the bundle (its code cache cold in the first run of the
      // first round, which writes it), the database and the X connection.
      if (r.firstBeat.length > 0)
        line(`${name}: first heartbeat after spawn`, `${fmt(median(r.firstBeat), 0)} ms`, `runs: ${r.firstBeat.map((v) => fmt(v, 0)).join(', ')} ms`);
    }
    line('targets', '', 'stint track: CPU ≤ 0.8 × arbtt-capture, peak RSS ≤ 50 MB, first heartbeat ≤ 1 poll (1 s) + 100 ms after spawn');
  } finally {
    await x.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const alloc = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--max-semi-space-size=64', '--import', 'tsx', ALLOC], { encoding: 'utf8' })) as {
    bytesPerSample: number;
    harnessBytesPerSample: number;
    sawCollection: boolean;
  };
  line(
    'recorder loop: heap allocated per sample',
    `${fmt((alloc.bytesPerSample - alloc.harnessBytesPerSample) / 1024, 1)} KiB`,
    `${fmt(alloc.bytesPerSample / 1024, 1)} KiB with the fake clock's own ${fmt(alloc.harnessBytesPerSample / 1024, 1)} KiB${alloc.sawCollection ? ' (a collection ran during the measure: figure unreliable)' : ''}`,
  );
}
