/*
 * One of several OS processes that send API requests to the same Stint database at once, for the
 * concurrency tests (test-support/contenders.ts starts them). It opens the database, prints "ready", then
 * answers each line read on stdin ({"name", "input"}) with the request's {"status", "body"} on one line.
 * Blocking on stdin is the barrier: the parent writes the same line to every contender to release them together.
 */
import { createInterface } from 'node:readline';
import { dispatch } from '../electron/recorder/api/dispatch';
import { createHandlers } from '../electron/recorder/api/handlers';
import { FakeClock } from '../electron/recorder/clock/fake-clock';
import { Store } from '../electron/recorder/store/store';

const [dbPath, nowMs] = process.argv.slice(2);
if (dbPath === undefined || nowMs === undefined) throw new Error('usage: api-contender.ts DB NOW_MS');
const store = Store.open(dbPath, { mustExist: true });
const handlers = createHandlers({ store, dbPath, clock: new FakeClock(Number(nowMs)), recorder: null });
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const { name, input } = JSON.parse(line) as { name: string; input: unknown };
  const result = await dispatch(handlers, name, input);
  process.stdout.write(`${JSON.stringify({ status: result.status, body: result.body })}\n`);
}
store.close();
