import { performance } from 'node:perf_hooks';

/** Median wall time of fn over runs (after `warmUps` warm-up runs, default one), in milliseconds. */
export function medianMs(runs: number, fn: () => void, warmUps = 1): number {
  for (let i = 0; i < warmUps; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Wall time of one run of fn, in milliseconds: for the cold run that fills a cache. */
export function onceMs(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function line(name: string, value: string, note = ''): void {
  process.stdout.write(`${name.padEnd(52)} ${value.padStart(16)}  ${note}\n`);
}
