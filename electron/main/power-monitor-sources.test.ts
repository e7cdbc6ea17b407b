import type { PowerMonitor } from 'electron';
import { describe, expect, it } from 'vitest';
import type { PowerEvent } from '../recorder/power-events';
import { powerMonitorEvents, powerMonitorIdle } from './power-monitor-sources';

/** powerMonitor as far as the recorder uses it: idle seconds, and on/off per event name. */
function fakePowerMonitor() {
  const listeners = new Map<string, Set<() => void>>();
  const monitor = {
    idleSeconds: 0,
    getSystemIdleTime: () => monitor.idleSeconds,
    on(name: string, listener: () => void) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(listener);
      return monitor;
    },
    off(name: string, listener: () => void) {
      listeners.get(name)?.delete(listener);
      return monitor;
    },
    emit: (name: string) => listeners.get(name)?.forEach((listener) => listener()),
    count: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
  return monitor;
}

describe('powerMonitor behind the recorder’s seams', () => {
  it('reports idle time in milliseconds', async () => {
    const monitor = fakePowerMonitor();
    const idle = powerMonitorIdle(monitor as unknown as PowerMonitor);
    monitor.idleSeconds = 301;
    expect(await idle.idleMs()).toBe(301_000);
    await idle.close();
  });

  it('maps suspend, resume, lock, unlock and shutdown, and unsubscribes every listener', () => {
    const monitor = fakePowerMonitor();
    const seen: PowerEvent[] = [];
    const unsubscribe = powerMonitorEvents(monitor as unknown as PowerMonitor).subscribe((event) => seen.push(event));
    expect(monitor.count()).toBe(5);
    for (const name of ['suspend', 'resume', 'lock-screen', 'unlock-screen', 'shutdown', 'on-ac']) monitor.emit(name);
    expect(seen).toEqual(['suspend', 'resume', 'lock', 'unlock', 'shutdown']);
    unsubscribe();
    expect(monitor.count()).toBe(0);
    monitor.emit('suspend');
    expect(seen).toHaveLength(5);
  });
});
