import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startAwServer } from '../electron/recorder/activitywatch/aw-server';
import { systemClock } from '../electron/recorder/clock/system-clock';
import { Store } from '../electron/recorder/store/store';
import { fmt, line } from './measure';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_AW_SECONDS ?? 5);
const EVENTS = Number(process.env.BENCH_AW_EVENTS ?? 1_000_000);
const CLIENT_SCRIPT = fileURLToPath(new URL('./aw-clients.mjs', import.meta.url));
const WRK_SCRIPT = fileURLToPath(new URL('./aw-heartbeats.lua', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/stint.js', import.meta.url));
/** aw-server-rust's own published figure for its heartbeat endpoint. */
const AW_SERVER_RUST = 5815;
const TARGET_HEARTBEATS = 10_000;
const TARGET_RSS_MB = 200;

/**
 * `npm run bench aw`: heartbeats per second through the ActivityWatch API with keep-alive (one watcher,
 * then eight, in another process; the server flushes once a second as the recorder does), and the import
 * of a generated export of a million events by the real `stint` binary: events per second and peak RSS.
 */
export async function benchAw(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stint-bench-aw-'));
  try {
    // BENCH_AW_PARTS=heartbeats or =import runs one half.
    const parts = process.env.BENCH_AW_PARTS ?? 'heartbeats,import';
    if (parts.includes('heartbeats')) await heartbeats(dir);
    if (parts.includes('import')) await importMillion(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function heartbeats(dir: string): Promise<void> {
  const dbPath = join(dir, 'hb.db');
  const store = Store.open(dbPath);
  const server = await startAwServer({ store, dbPath, clock: systemClock, version: 'bench', port: 0, hostname: 'bench', log: () => undefined });
  store.startRun('bench', process.pid, Date.now());
  // The recorder's 1-s flush, with the heartbeat buffer in its transaction.
  const flush = setInterval(() => store.flush({ runId: 'bench', lastSeenMs: Date.now(), activity: [], idle: [], sessions: [] }, [server.api.heartbeats]), 1000);
  try {
    for (const clients of [1, 8]) {
      const t = performance.now();
      const cpu0 = process.cpuUsage();
      const { stdout } = await run(process.execPath, [CLIENT_SCRIPT], {
        env: { ...process.env, STINT_AW_LOAD: JSON.stringify({ port: server.port, seconds: SECONDS, clients }) },
        maxBuffer: 1 << 20,
      });
      const elapsed = (performance.now() - t) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const serverCpuSeconds = (cpu.user + cpu.system) / 1e6;
      const { ok, failed } = JSON.parse(stdout) as { ok: number; failed: number };
      const perSecond = ok / Math.min(elapsed, SECONDS);
      line(
        `heartbeats from a node:http client, keep-alive, ${clients} client${clients === 1 ? '' : 's'}`,
        `${fmt(perSecond, 0)} /s`,
        `${fmt(perSecond / TARGET_HEARTBEATS, 2)}× the 10,000/s target, ${fmt(perSecond / AW_SERVER_RUST, 2)}× aw-server-rust's 5,815/s; ${failed} failed`,
      );
      // On a shared machine the rate says how much CPU the server got; this says what a heartbeat costs it.
      line(`  per CPU second of the server's process`, `${fmt(ok / serverCpuSeconds, 0)} /s`, `${fmt(serverCpuSeconds, 1)} s of CPU`);
    }
    await heartbeatsFromWrk(server.port);
    store.flush({ runId: 'bench', lastSeenMs: Date.now(), activity: [], idle: [], sessions: [] }, [server.api.heartbeats]);
    const stored = store.db.prepare('SELECT count(*) FROM aw_events').pluck().get() as number;
    line('  events stored after the last flush', fmt(stored, 0), '(9 heartbeats of one window merge into one event)');
  } finally {
    clearInterval(flush);
    await server.close();
    store.close();
  }
}

/**
 * The same heartbeats sent by wrk (Debian's `wrk`), whose C client costs a request a few microseconds: with
 * one connection the JavaScript client above spends as much CPU per heartbeat as the server, so its figure is
 * the pair's round trip; wrk's is the server's. One wrk thread, one connection and one bucket per client.
 */
async function heartbeatsFromWrk(port: number): Promise<void> {
  const wrk = await run('wrk', ['--version']).then(
    () => true,
    (error: { stdout?: string }) => (error.stdout ?? '').includes('wrk'),
  );
  if (!wrk) {
    line('heartbeats through HTTP sent by wrk', 'skipped', "install Debian's wrk to measure the server without a JavaScript client in the way");
    return;
  }
  for (const clients of [1, 8]) {
    for (let n = 0; n < clients; n++) {
      await fetch(`http://127.0.0.1:${port}/api/0/buckets/aw-watcher-window_wrk-${n}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client: 'wrk', type: 'currentwindow', hostname: 'bench' }),
      });
    }
    const cpu0 = process.cpuUsage();
    const { stdout } = await run('wrk', [`-t${clients}`, `-c${clients}`, `-d${SECONDS}s`, '-s', WRK_SCRIPT, `http://127.0.0.1:${port}/`], {
      maxBuffer: 1 << 20,
    });
    const cpu = process.cpuUsage(cpu0);
    const match = /STINT_WRK (\d+) (\d+) (\d+) (\d+)/.exec(stdout);
    if (match === null) throw new Error(`no summary from wrk: ${stdout}`);
    const [requests, notOk, socketErrors, micros] = match.slice(1).map(Number) as [number, number, number, number];
    const perSecond = (requests - notOk) / (micros / 1e6);
    line(
      `heartbeats sent by wrk, keep-alive, ${clients} connection${clients === 1 ? '' : 's'}`,
      `${fmt(perSecond, 0)} /s`,
      `${fmt(perSecond / TARGET_HEARTBEATS, 2)}× the 10,000/s target, ${fmt(perSecond / AW_SERVER_RUST, 2)}× aw-server-rust's 5,815/s; ${notOk + socketErrors} failed`,
    );
    const serverCpuSeconds = (cpu.user + cpu.system) / 1e6;
    line(`  per CPU second of the server's process`, `${fmt((requests - notOk) / serverCpuSeconds, 0)} /s`, `${fmt(serverCpuSeconds, 1)} s of CPU`);
  }
}

/** An export as ActivityWatch writes it (one line): windows, afk, browser tabs and an editor bucket. */
async function writeExport(file: string, events: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const t0 = Date.UTC(2023, 0, 2, 8);
  const share = { window: 0.5, afk: 0.1, web: 0.3, editor: 0.1 };
  const buckets: [string, string, number, (i: number, t: number) => object][] = [
    [
      'aw-watcher-window_bench',
      'currentwindow',
      Math.round(events * share.window),
      (i) => ({ app: ['Firefox', 'Code', 'Slack', 'Terminal'][i % 4], title: `window ${i % 2000}` }),
    ],
    ['aw-watcher-afk_bench', 'afkstatus', Math.round(events * share.afk), (i) => ({ status: i % 2 === 0 ? 'not-afk' : 'afk' })],
    [
      'aw-watcher-web-firefox',
      'web.tab.current',
      Math.round(events * share.web),
      (i) => ({
        url: `https://site${i % 300}.example.com/page/${i % 5000}`,
        title: `Page ${i % 5000}`,
        audible: false,
        incognito: false,
        tabCount: 1 + (i % 9),
      }),
    ],
    [
      'aw-watcher-vscode_bench',
      'app.editor.activity',
      Math.round(events * share.editor),
      (i) => ({ file: `src/file${i % 800}.ts`, project: 'stint', language: 'typescript' }),
    ],
  ];
  await write('{"buckets":{');
  for (const [b, [id, type, count, data]] of buckets.entries()) {
    await write(
      `${b === 0 ? '' : ','}"${id}":{"id":"${id}","created":"2023-01-01T00:00:00.000000+00:00","name":null,"type":"${type}","client":"bench","hostname":"bench","data":{},"events":[`,
    );
    const step = Math.floor((events / count) * 4000);
    let batch: string[] = [];
    for (let i = 0; i < count; i++) {
      const t = t0 + i * step;
      batch.push(JSON.stringify({ id: i + 1, timestamp: new Date(t).toISOString().replace('Z', '000+00:00'), duration: (step - 1) / 1000, data: data(i, t) }));
      if (batch.length === 1000) {
        await write((i + 1 === batch.length ? '' : ',') + batch.join(','));
        batch = [];
      }
    }
    if (batch.length > 0) await write((count === batch.length ? '' : ',') + batch.join(','));
    await write(']}');
  }
  await write('}}');
  out.end();
  await once(out, 'finish');
}

async function importMillion(dir: string): Promise<void> {
  const file = join(dir, 'aw-export.json');
  const t = performance.now();
  await writeExport(file, EVENTS);
  const mb = statSync(file).size / 1e6;
  line(`generated export of ${fmt(EVENTS, 0)} events`, `${fmt(mb, 0)} MB`, `in ${fmt((performance.now() - t) / 1000, 1)} s`);
  for (const pass of ['first import', 'again (all present)'] as const) {
    const { stderr, stdout } = await run(
      '/usr/bin/time',
      ['-f', 'STINT_TIME %e %M %U %S', process.execPath, BIN, '--db', join(dir, 'import.db'), 'import', 'activitywatch', file],
      {
        maxBuffer: 1 << 20,
      },
    );
    const match = /STINT_TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
    if (match === null) throw new Error(`no timing from /usr/bin/time: ${stderr}`);
    const seconds = Number(match[1]);
    const rssMb = Number(match[2]) / 1024;
    const cpu = Number(match[3]) + Number(match[4]);
    line(`import activitywatch, ${pass}`, `${fmt(EVENTS / seconds, 0)} events/s`, `${fmt(seconds, 1)} s wall; ${stdout.trim().slice(0, 40)}…`);
    // On a shared machine the wall time says how busy it was; the CPU time says what the import costs.
    line(`  per CPU second (user + system)`, `${fmt(EVENTS / cpu, 0)} events/s`, `${fmt(cpu, 1)} s of CPU`);
    line(`  peak RSS of the stint process`, `${fmt(rssMb, 0)} MB`, `${fmt(rssMb / TARGET_RSS_MB, 2)}× the 200 MB target`);
  }
}
