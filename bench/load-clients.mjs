// The clients of bench/load.ts, in their own process so their work does not land on the recorder's thread.
// Each client (STINT_LOAD: origin, token, seconds, and one plan of requests per client) sends its request again as soon as the last one is answered, for SECONDS;
// prints one JSON line: every request's name, HTTP status and round trip in milliseconds.
import { performance } from 'node:perf_hooks';

const { origin, token, seconds, clients } = JSON.parse(process.env.STINT_LOAD ?? '{}');
const until = performance.now() + seconds * 1000;
const results = [];

async function client(plan) {
  for (let i = 0; performance.now() < until; i++) {
    const { name, input } = plan[i % plan.length];
    const t = performance.now();
    try {
      const res = await globalThis.fetch(`${origin}/api/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      await res.arrayBuffer();
      results.push({ name, status: res.status, ms: performance.now() - t });
    } catch {
      // A connection the server dropped (its keep-alive timer fires late when its thread is busy): counted, not timed.
      results.push({ name, status: 0, ms: performance.now() - t });
    }
  }
}

await Promise.all(clients.map((plan) => client(plan)));
process.stdout.write(`${JSON.stringify(results)}\n`);
