import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract';
import { createStintBridge, type RendererIpc } from './bridge';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from './ipc-channels';

/** ipcRenderer as the bridge uses it: records invokes and listeners; emit() plays the main process sending. */
function fakeIpcRenderer() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: RendererIpc & { emit(channel: string, payload: unknown): void; count(channel: string): number } = {
    async invoke(channel, ...args) {
      invoked.push([channel, ...args]);
      return { ok: true, data: { echoed: args } };
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
    // The real event object carries ipcRenderer itself as `sender`.
    emit: (channel, payload) => listeners.get(channel)?.forEach((listener) => listener({ sender: ipc, senderId: 0 }, payload)),
    count: (channel) => listeners.get(channel)?.size ?? 0,
  };
  return { ipc, invoked };
}

const status: ApiEvent = { type: 'changed', what: 'sessions' };

describe('the preload bridge (window.stint)', () => {
  it('has exactly request and subscribe', () => {
    const bridge = createStintBridge(fakeIpcRenderer().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['request', 'subscribe']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards a request on the request channel and hands back the answer', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const bridge = createStintBridge(ipc);
    expect(await bridge.request('session.act', { action: 'start' })).toEqual({ ok: true, data: { echoed: ['session.act', { action: 'start' }] } });
    expect(invoked).toEqual([[REQUEST_CHANNEL, 'session.act', { action: 'start' }]]);
  });

  it('refuses a request name that is not a string without sending it', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const bridge = createStintBridge(ipc);
    // @ts-expect-error: what a page could pass at run time
    expect(await bridge.request({ toString: () => 'status.get' }, {})).toEqual({ ok: false, error: 'The request name must be a string.' });
    expect(invoked).toEqual([]);
  });

  it('passes each event’s payload to every subscriber, never Electron’s event object', () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createStintBridge(ipc);
    const a: unknown[][] = [];
    const b: unknown[][] = [];
    bridge.subscribe((...args) => a.push(args));
    bridge.subscribe((...args) => b.push(args));
    ipc.emit(EVENT_CHANNEL, status);
    expect(a).toEqual([[status]]);
    expect(b).toEqual([[status]]);
    expect(ipc.count(EVENT_CHANNEL)).toBe(1);
  });

  it('returns an unsubscribe per subscription; the IPC listener goes with the last one', () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createStintBridge(ipc);
    const seen: string[] = [];
    const listener = (event: ApiEvent) => seen.push(event.type);
    const offA = bridge.subscribe(listener);
    const offB = bridge.subscribe(listener);
    ipc.emit(EVENT_CHANNEL, status);
    expect(seen).toEqual(['changed', 'changed']);
    offA();
    offA();
    ipc.emit(EVENT_CHANNEL, status);
    expect(seen).toHaveLength(3);
    expect(ipc.count(EVENT_CHANNEL)).toBe(1);
    offB();
    expect(ipc.count(EVENT_CHANNEL)).toBe(0);
    ipc.emit(EVENT_CHANNEL, status);
    expect(seen).toHaveLength(3);
    // Subscribing again attaches the IPC listener again.
    bridge.subscribe(listener);
    expect(ipc.count(EVENT_CHANNEL)).toBe(1);
  });

  it('keeps delivering to the others when one subscriber throws', () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createStintBridge(ipc);
    const seen: string[] = [];
    const original = console.error;
    console.error = () => undefined;
    try {
      bridge.subscribe(() => {
        throw new Error('view crashed');
      });
      bridge.subscribe((event) => seen.push(event.type));
      ipc.emit(EVENT_CHANNEL, status);
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['changed']);
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createStintBridge(fakeIpcRenderer().ipc);
    // @ts-expect-error: what a page could pass at run time
    expect(() => bridge.subscribe('not a function')).toThrow(TypeError);
  });
});
