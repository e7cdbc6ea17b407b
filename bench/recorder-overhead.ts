import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrackProcess } from '../test-support/track-process';
import { startXvfb } from '../test-support/xvfb';
import { fmt, line } from './measure';

const SECONDS = Number(process.env.BENCH_OVERHEAD_SECONDS ?? 60);
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

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

/**
 * `stint track` at 1 s sampling for a minute under Xvfb while focus moves between windows every few
 * seconds: CPU % of one core and peak RSS, for the X11 source and, in the same run, for get-windows.
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
    const results: Record<string, { cpu: number; rss: number }> = {};
    for (const source of ['x11', 'get-windows'] as const) {
      const track = new TrackProcess(['--db', join(dir, `${source}.db`), '--poll', '1', '--window-source', source, '--port', '0'], x.env);
      await track.waitForLine(/started recording/);
      const pid = track.child.pid!;
      const cpu0 = cpuSeconds(pid);
      const t0 = Date.now();
      let i = 0;
      while (Date.now() - t0 < SECONDS * 1000) {
        await x.activate(windows[i++ % windows.length]!);
        await new Promise((r) => setTimeout(r, 5000));
      }
      const elapsed = (Date.now() - t0) / 1000;
      const cpu = ((cpuSeconds(pid) - cpu0) / elapsed) * 100;
      const rss = peakRssMb(pid);
      track.kill('SIGINT');
      await track.exited;
      results[source] = { cpu, rss };
      line(`recorder overhead, ${source} source, ${SECONDS} s at 1 Hz`, `${fmt(cpu, 3)} % CPU`, `peak RSS ${fmt(rss, 1)} MB (targets ≤ 0.3 %, ≤ 80 MB)`);
    }
    const ours = results['x11']!;
    const base = results['get-windows']!;
    line('ratio get-windows / x11', `${fmt(base.cpu / ours.cpu, 1)}× CPU`, `${fmt(base.rss / ours.rss, 2)}× RSS`);
  } finally {
    await x.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
