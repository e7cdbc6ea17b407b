// The watchers of bench/aw.ts, in their own process so their work does not land on the server's thread.
// STINT_AW_LOAD: {port, seconds, clients}. Each client keeps one connection alive and posts heartbeats back to
// back to its own bucket: the same window for 9 heartbeats, then another (a merge, then a new event, as a
// window watcher polling once a second sends). Prints one JSON line: heartbeats answered 200, other answers.
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const { port, seconds, clients } = JSON.parse(process.env.STINT_AW_LOAD ?? '{}');
const until = performance.now() + seconds * 1000;
let ok = 0;
let failed = 0;

function post(agent, path, body) {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = request(
      { agent, host: '127.0.0.1', port, method: 'POST', path, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

async function client(n) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const bucket = `aw-watcher-window_bench-${n}`;
  await post(agent, `/api/0/buckets/${bucket}`, { client: 'bench', type: 'currentwindow', hostname: 'bench' });
  let t = Date.UTC(2024, 0, 1) + n * 86_400_000;
  for (let i = 0; performance.now() < until; i++) {
    t += 1000;
    const status = await post(agent, `/api/0/buckets/${bucket}/heartbeat?pulsetime=2`, {
      timestamp: new Date(t).toISOString(),
      duration: 0,
      data: { app: `app${Math.floor(i / 9) % 50}`, title: `window ${Math.floor(i / 9) % 500}` },
    });
    if (status === 200) ok += 1;
    else failed += 1;
  }
  agent.destroy();
}

await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
process.stdout.write(`${JSON.stringify({ ok, failed })}\n`);
