import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiHandlers, ChangedWhat } from '../../../shared/api/contract';
import type { PowerEvent } from '../power-events';
import { createEmitter } from '../api/emitter';
import { createHandlers } from '../api/handlers';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';
import { connectHost, type HostClient } from './host-client';
import { openHostEndpoint, type HostEndpoint } from './host-endpoint';
import { nodeMessagePort } from './message-port';
import { StandInIdle } from './testing/forked-host';

/** Both ends of the host's channel in this process, over a real worker_threads MessageChannel. */
describe('the recorder host’s channel', () => {
  let channel: MessageChannel;
  let endpoint: HostEndpoint;
  let client: HostClient;
  let idle: StandInIdle;
  let power: ReturnType<typeof createEmitter<PowerEvent>>;
  let logged: string[];
  let dir: string;
  let store: Store;
  let handlers: ApiHandlers;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stint-channel-'));
    const dbPath = path.join(dir, 'stint.db');
    store = Store.open(dbPath);
    handlers = createHandlers({ store, dbPath, clock: new FakeClock(Date.UTC(2026, 2, 2, 9), 'UTC'), recorder: null });
    channel = new MessageChannel();
    logged = [];
    idle = new StandInIdle();
    power = createEmitter<PowerEvent>();
    endpoint = openHostEndpoint(nodeMessagePort(channel.port2), (line) => logged.push(line));
    client = connectHost(nodeMessagePort(channel.port1), { idle, power: { subscribe: power.subscribe }, log: (line) => logged.push(`[main] ${line}`) });
  });
  afterEach(() => {
    channel.port1.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the main process for idle time at each sample', async () => {
    idle.idleMsNow = 42_000;
    expect(await endpoint.idle.idleMs()).toBe(42_000);
    idle.idleMsNow = 0;
    expect(await endpoint.idle.idleMs()).toBe(0);
    expect(idle.queries).toBe(2);
  });

  it('hands on powerMonitor’s events to the recorder', async () => {
    const seen: PowerEvent[] = [];
    endpoint.power.subscribe((event) => seen.push(event));
    power.emit('lock');
    power.emit('unlock');
    endpoint.serve({ handlers: handlers, subscribe: () => () => undefined, subscribeChanges: () => () => undefined, stop: async () => undefined }, null);
    // Messages arrive in order: once the answer to a later request is here, so are the events.
    await client.request('no.such', {});
    expect(seen).toEqual(['lock', 'unlock']);
  });

  it('drops a message that does not fit the protocol, and says so', async () => {
    channel.port1.postMessage({ type: 'request', id: 'one', name: 'status.get' });
    endpoint.serve(
      { handlers: handlers, subscribe: () => () => undefined, subscribeChanges: () => () => undefined, stop: async () => undefined },
      'no display',
    );
    expect(await client.ready).toEqual({ notRecording: 'no display' });
    expect(await client.request('no.such', {})).toEqual({ ok: false, error: 'No such request: no.such.' });
    expect(logged).toEqual([expect.stringContaining('dropped a message it does not understand: {"type":"request","id":"one"')]);
  });

  it('stops once served when the stop came while it was starting', async () => {
    const stops: string[] = [];
    const stopped = client.stop('quit');
    // The stop reaches the host before it serves: messages arrive in order, so once a later one has been
    // seen (and dropped) the stop has been taken in; the host then stops as soon as it is up.
    channel.port1.postMessage({ type: 'marker' });
    await new Promise<void>((resolve) => {
      const check = () => (logged.length > 0 ? resolve() : setImmediate(check));
      check();
    });
    endpoint.serve(
      { handlers: handlers, subscribe: () => () => undefined, subscribeChanges: () => () => undefined, stop: async (reason) => void stops.push(reason) },
      null,
    );
    await stopped;
    await endpoint.done;
    expect(stops).toEqual(['quit']);
  });

  it('passes on changes another process made, so the views reload', async () => {
    const changes = createEmitter<ChangedWhat>();
    const events: ApiEvent[] = [];
    client.subscribe((event) => events.push(event));
    endpoint.serve({ handlers, subscribe: () => () => undefined, subscribeChanges: changes.subscribe, stop: async () => undefined }, null);
    await client.ready;
    changes.emit('time');
    // Messages arrive in order: once a later answer is here, so is the event.
    await client.request('no.such', {});
    expect(events).toEqual([{ type: 'changed', what: 'time' }]);
  });
});
