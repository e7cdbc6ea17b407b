/**
 * What one active-window read costs: Stint's X11 source (one long-lived X connection) against get-windows
 * (xprop + xwininfo per read, the active-win way), on the same private Xvfb + openbox, in this process.
 *
 *   npx tsx bench/x11-read-cost.ts [reads=200]
 *
 * Wall time is the average per read() over sequential reads after a warm-up. CPU is this process's user+
 * system time plus that of the child processes it waited for (/proc/self/stat cutime+cstime), per read —
 * what matters for the recorder's overhead at 1 read per second. Nothing here is asserted; it prints.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startXvfb } from '../test-support/xvfb';
import type { ActiveWindowSource } from '../electron/recorder/sources/active-window-source';
import { GetWindowsSource } from '../electron/recorder/sources/get-windows-source';
import { openX11Sources } from '../electron/recorder/sources/x11-sources';

const READS = Number(process.argv[2] ?? 200);
const WARMUP = 10;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU milliseconds of this process and its reaped children. */
function cpuMs(): number {
  const own = process.cpuUsage();
  // Fields after the ")" of comm: state is field 3; cutime and cstime are fields 16 and 17.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const children = (Number(fields[13]) + Number(fields[14])) * (1000 / TICKS_PER_SECOND);
  return (own.user + own.system) / 1000 + children;
}

interface Cost {
  wallMs: number;
  cpuMs: number;
}

/**
 * Wall time is summed around each read() alone. CPU is taken over the whole loop (reading /proc per read
 * would cost more than an X11 read), so with `between` it includes that step too.
 */
async function measure(name: string, reads: number, read: () => Promise<unknown>, between?: () => Promise<void>): Promise<Cost> {
  for (let i = 0; i < WARMUP; i++) await read();
  let wall = 0;
  const c0 = cpuMs();
  for (let i = 0; i < reads; i++) {
    if (between) await between();
    const t0 = performance.now();
    await read();
    wall += performance.now() - t0;
  }
  const cost = { wallMs: wall / reads, cpuMs: (cpuMs() - c0) / reads };
  console.log(`${name.padEnd(50)} ${cost.wallMs.toFixed(3).padStart(8)} ms/read wall ${cost.cpuMs.toFixed(3).padStart(8)} ms/read CPU`);
  return cost;
}

async function main(): Promise<void> {
  const x = await startXvfb();
  const savedDisplay = process.env.DISPLAY;
  try {
    // get-windows needs _NET_WM_PID and reads DISPLAY from the environment.
    const window = await x.openWindow({ netWmName: 'Opportunity: Acme Corp - Q3 Renewal | Salesforce', wmClass: ['crm', 'Crm'], pid: process.pid });
    process.env.DISPLAY = x.display;
    const x11 = await openX11Sources(x.display);
    const getWindows = await GetWindowsSource.create();
    const expected = JSON.stringify(await x11.activeWindow.read());
    const baseline = JSON.stringify(await getWindows.read());
    if (expected !== baseline) throw new Error(`The sources disagree: x11 ${expected}, get-windows ${baseline}`);

    console.log(`Active-window read cost on ${x.display} (Xvfb + openbox), ${READS} sequential reads each, after ${WARMUP} warm-up reads`);
    const read = (s: ActiveWindowSource) => () => s.read();
    const cached = await measure('x11 (window unchanged: 1 round trip)', READS, read(x11.activeWindow));
    let n = 0;
    const changed = await measure('x11 (title changed before every read; CPU incl. it)', READS, read(x11.activeWindow), () =>
      x.setNetWmName(window, `Opportunity ${++n} | Salesforce`),
    );
    await x.setNetWmName(window, 'Opportunity: Acme Corp - Q3 Renewal | Salesforce');
    const idle = await measure('x11 idle (MIT-SCREEN-SAVER QueryInfo)', READS, () => x11.idle.idleMs());
    const baseCost = await measure('get-windows (xprop + xwininfo per read)', READS, read(getWindows));

    console.log('');
    console.log(
      `get-windows / x11, wall: ${(baseCost.wallMs / cached.wallMs).toFixed(1)}× (unchanged window), ${(baseCost.wallMs / changed.wallMs).toFixed(1)}× (changed title)`,
    );
    console.log(
      `get-windows / x11, CPU:  ${(baseCost.cpuMs / cached.cpuMs).toFixed(1)}× (unchanged window), ${(baseCost.cpuMs / changed.cpuMs).toFixed(1)}× (changed title)`,
    );
    console.log(
      `At 1 read/s: x11 window+idle ≈ ${((cached.cpuMs + idle.cpuMs) / 10).toFixed(3)} % of a core, get-windows ≈ ${(baseCost.cpuMs / 10).toFixed(3)} %`,
    );
    await x11.close();
    await getWindows.close();
  } finally {
    if (savedDisplay === undefined) delete process.env.DISPLAY;
    else process.env.DISPLAY = savedDisplay;
    await x.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
