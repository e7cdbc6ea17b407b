import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { onPath } from '../test-support/xvfb';
import { fmt, line } from './measure';
import { denseYearStore } from './reports';

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 10);
const BIN = fileURLToPath(new URL('../bin/stint.cjs', import.meta.url));
const ZONE = 'America/New_York';

/** The dense year as Timewarrior data files: one interval per activity span, tagged with its app. */
function timewarriorDb(dir: string): string {
  const store = denseYearStore();
  try {
    const rows = store.db.prepare('SELECT a.start_ms, a.end_ms, s.value FROM activity a JOIN strings s ON s.id = a.app_id ORDER BY a.start_ms').raw().all() as [
      number,
      number,
      string,
    ][];
    const stamp = (ms: number) =>
      new Date(ms)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
    const months = new Map<string, string[]>();
    for (const [start, end, app] of rows) {
      const month = new Date(start).toISOString().slice(0, 7);
      const tag = app === '' ? 'no-window' : `"${app.replace(/"/g, '')}"`;
      let lines = months.get(month);
      if (!lines) months.set(month, (lines = []));
      lines.push(`inc ${stamp(start)} - ${stamp(end)} # ${tag}`);
    }
    const db = join(dir, 'timew');
    mkdirSync(join(db, 'data'), { recursive: true });
    writeFileSync(join(db, 'timewarrior.cfg'), '');
    for (const [month, lines] of months) writeFileSync(join(db, 'data', `${month}.data`), `${lines.join('\n')}\n`);
    return db;
  } finally {
    store.close();
  }
}

interface Case {
  name: string;
  argv: string[];
  target?: number;
  peer?: string;
}

/**
 * Whole-process times, as a person runs them, against a bare `node -e 0` in the same run: the CLI's start-up
 * and its reports over the dense year (day and hour caches warm, as after a recorder has run), beside
 * Timewarrior's `timew summary` over the same year converted to its data files. The commands take turns,
 * RUNS rounds, so a busy machine slows all alike; medians of wall time, and of CPU time (user + system).
 */
export async function benchCliStartup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stint-bench-cli-'));
  try {
    const source = denseYearStore();
    source.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbPath = join(dir, 'stint.db');
    copyFileSync(source.db.name, dbPath);
    source.close();
    const timew = onPath('timew') ? timewarriorDb(dir) : null;
    const env = { ...process.env, STINT_DB: dbPath, TZ: ZONE, XDG_CACHE_HOME: join(dir, 'cache'), TIMEWARRIORDB: timew ?? '' };
    const stint = (...args: string[]) => [process.execPath, BIN, ...args];
    const month = ['--from', '2025-03-01', '--to', '2025-03-31'];
    const year = ['--from', '2025-01-01', '--to', '2025-12-31'];
    const cases: Case[] = [
      { name: 'node -e 0', argv: [process.execPath, '-e', '0'] },
      { name: 'stint --help', argv: stint('--help'), target: 1.3 },
      { name: 'stint status', argv: stint('status'), target: 1.5 },
      { name: 'stint report time-use, a month', argv: stint('report', 'time-use', ...month), target: 1.5, peer: 'timew summary, a month' },
      { name: 'stint report time-use, the year', argv: stint('report', 'time-use', ...year), target: 2, peer: 'timew summary, the year' },
      { name: 'stint report time-use --by hour, the year', argv: stint('report', 'time-use', '--by', 'hour', ...year), target: 2 },
      { name: 'stint timesheet, the year', argv: stint('timesheet', ...year), target: 2 },
    ];
    if (timew) {
      cases.push({ name: 'timew summary, a month', argv: ['timew', 'summary', '2025-03-01', '-', '2025-04-01'] });
      cases.push({ name: 'timew summary, the year', argv: ['timew', 'summary', '2025-01-01', '-', '2026-01-01'] });
    }
    // Once each first: the code caches are written, the day and hour caches filled, the files in the page cache.
    for (const c of cases) run(c.argv, env);
    const wall = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    const cpu = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    for (let round = 0; round < RUNS; round++) {
      for (const c of cases) {
        const r = run(c.argv, env);
        wall.get(c.name)!.push(r.wallMs);
        cpu.get(c.name)!.push(r.cpuMs);
      }
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    const node = median(wall.get('node -e 0')!);
    const nodeCpu = median(cpu.get('node -e 0')!);
    for (const c of cases) {
      const w = median(wall.get(c.name)!);
      const u = median(cpu.get(c.name)!);
      const peer = c.peer && wall.has(c.peer) ? `; ${c.peer} ${fmt(median(wall.get(c.peer)!), 0)} ms: ×${fmt(w / median(wall.get(c.peer)!), 2)} of it` : '';
      line(
        c.name,
        `${fmt(w, 0)} ms`,
        `×${fmt(w / node, 2)} of node -e 0 (CPU ${fmt(u, 0)} ms, ×${fmt(u / nodeCpu, 2)})${c.target ? `, target ≤ ${c.target}×` : ''}${peer}`,
      );
    }
    if (!timew) line('timew summary', 'not installed', 'apt-get install -y timewarrior to measure the peer');
    if (process.env.BENCH_CLI_CALLGRIND === '1') instructions(cases, env, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * BENCH_CLI_CALLGRIND=1: the instructions each command runs, counted by valgrind's callgrind. Unlike times,
 * the count does not move with what else the machine is doing, so its ratio to `node -e 0` holds on a busy one.
 */
function instructions(cases: Case[], env: NodeJS.ProcessEnv, dir: string): void {
  if (!onPath('valgrind')) {
    line('instructions (callgrind)', 'skipped', 'apt-get install -y valgrind to count them');
    return;
  }
  const counts = new Map<string, number>();
  for (const c of cases) {
    const out = join(dir, 'callgrind.out');
    const r = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, ...c.argv], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 26,
    });
    const refs = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
    if (r.status !== 0 || refs === null) throw new Error(`valgrind ${c.argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
    counts.set(c.name, Number(refs[1]!.replace(/,/g, '')));
  }
  const node = counts.get('node -e 0')!;
  for (const c of cases) {
    const n = counts.get(c.name)!;
    line(`  instructions: ${c.name}`, `${fmt(n / 1e6, 0)} M`, `×${fmt(n / node, 2)} of node -e 0${c.target ? `, target ≤ ${c.target}×` : ''}`);
  }
}

/** Runs a command to its end; wall time from here, CPU time (user + system) of the child from the kernel. */
function run(argv: string[], env: NodeJS.ProcessEnv): { wallMs: number; cpuMs: number } {
  // /usr/bin/time would add a process; `bash -c 'times'` reports the children's CPU after the command.
  const t = performance.now();
  const r = spawnSync('bash', ['-c', '"$@" > /dev/null 2>&1; code=$?; times; exit $code', 'bench', ...argv], { env, encoding: 'utf8' });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  // `times` prints the shell's then its children's user and system times: "0m0.001s 0m0.002s".
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  const secs = [...last.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wallMs, cpuMs: ((secs[0] ?? 0) + (secs[1] ?? 0)) * 1000 };
}
