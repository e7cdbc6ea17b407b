/*
 * Hand-written stand-ins for the Electron objects the main-process modules take, recording what is done
 * to them, and a seeded database with the real API handlers for tests that go through the router.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiEvent, ApiHandlers } from '../../../shared/api/contract';
import { H, seedWorkday, T9 } from '../../recorder/api/api-test-fixture';
import { createHandlers } from '../../recorder/api/handlers';
import { FakeClock } from '../../recorder/clock/fake-clock';
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
  const router = createIpcRouter({ ipcMain: ipc, handlers, publish: (event) => published.push(event), log: (line) => logged.push(line) });
  return {
    ipc,
    router,
    store,
    clock,
    handlers,
    published,
    logged,
    dbPath,
    close() {
      router.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
