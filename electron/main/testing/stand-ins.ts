/*
 * Hand-written stand-ins for the Electron objects the main-process modules take, recording what is done
 * to them, and a seeded database with the real API handlers for tests that go through the router.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { ApiEvent, ApiHandlers } from '../../../shared/api/contract';
import { H, seedWorkday, T9 } from '../../recorder/api/api-test-fixture';
import { createHandlers } from '../../recorder/api/handlers';
import { FakeClock } from '../../recorder/clock/fake-clock';
import { connectHost } from '../../recorder/host/host-client';
import { openHostEndpoint } from '../../recorder/host/host-endpoint';
import { nodeMessagePort } from '../../recorder/host/message-port';
import { NeverIdleSource } from '../../recorder/sources/platform-sources';
import { Store } from '../../recorder/store/store';
import { createIpcRouter, type IpcRouter } from '../ipc-router';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** ipcMain as the router uses it: handle/removeHandler, and invoke() to play a renderer. */
export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  readonly calls: string[] = [];

  handle(channel: string, listener: InvokeHandler): void {
    this.calls.push(`handle ${channel}`);
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.calls.push(`removeHandler ${channel}`);
    this.handlers.delete(channel);
  }

  /** What ipcRenderer.invoke(channel, ...args) from a frame showing `frameUrl` (null: the frame is gone) gets back. */
  async invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent;
    return handler(event, ...args);
  }
}

export interface RouterFixture {
  ipc: FakeIpcMain;
  router: IpcRouter;
  store: Store;
  clock: FakeClock;
  handlers: ApiHandlers;
  published: ApiEvent[];
  logged: string[];
  dbPath: string;
  /** Resolves once every request sent over the host channel has been answered and what it set off has run. */
  settle(): Promise<void>;
  close(): void;
}

/**
 * The real handlers over a temp-file database seeded with a workday (09:00–12:00 UTC on 2 March 2026, an
 * unanswered idle stretch 10:30–11:00), a fake clock at 13:00, and a router on a FakeIpcMain.
 */
export function routerFixture(override: (handlers: ApiHandlers) => Partial<ApiHandlers> = () => ({})): RouterFixture {
  const dir = mkdtempSync(path.join(tmpdir(), 'stint-main-'));
  const dbPath = path.join(dir, 'stint.db');
  const store = Store.open(dbPath);
  seedWorkday(store);
  const clock = new FakeClock(T9 + 4 * H, 'UTC');
  const base = createHandlers({ store, dbPath, clock, recorder: null });
  const handlers: ApiHandlers = { ...base, ...override(base) };
  const ipc = new FakeIpcMain();
  const published: ApiEvent[] = [];
  const logged: string[] = [];
  const log = (line: string) => logged.push(line);
  // The recorder host's end and the main process's end, as in the app, over a real MessageChannel.
  const channel = new MessageChannel();
  openHostEndpoint(nodeMessagePort(channel.port2), log).serve(
    { handlers, subscribe: () => () => undefined, subscribeChanges: () => () => undefined, stop: async () => undefined },
    null,
  );
  const host = connectHost(nodeMessagePort(channel.port1), { idle: new NeverIdleSource(), power: { subscribe: () => () => undefined }, log });
  host.subscribe((event) => published.push(event));
  // Requests cross the channel in later event-loop turns: settle() waits for every one still on its way.
  const inFlight = new Set<Promise<unknown>>();
  const request: typeof host.request = (name, input) => {
    const answer = host.request(name, input);
    inFlight.add(answer);
    void answer.finally(() => inFlight.delete(answer));
    return answer;
  };
  const router = createIpcRouter({ ipcMain: ipc, request, log });
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  return {
    ipc,
    router,
    store,
    clock,
    handlers,
    published,
    logged,
    dbPath,
    async settle() {
      // Until nothing is on its way: what answers set off (the next request, a notification) runs between turns.
      do {
        await Promise.all(inFlight);
        await turn();
      } while (inFlight.size > 0);
    },
    close() {
      router.close();
      channel.port1.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
