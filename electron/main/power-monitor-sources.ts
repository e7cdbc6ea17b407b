import type { PowerMonitor } from 'electron';
import type { PowerEvent, PowerEvents } from '../recorder/power-events';
import type { IdleSource } from '../recorder/sources/idle-source';

/** Electron's powerMonitor behind the recorder's IdleSource seam. */
export function powerMonitorIdle(monitor: PowerMonitor): IdleSource {
  return {
    idleMs: async () => monitor.getSystemIdleTime() * 1000,
    close: async () => undefined,
  };
}

type MonitorEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen' | 'shutdown';
const EVENTS: Record<MonitorEvent, PowerEvent> = {
  suspend: 'suspend',
  resume: 'resume',
  'lock-screen': 'lock',
  'unlock-screen': 'unlock',
  shutdown: 'shutdown',
};

/** powerMonitor's suspend, lock and shutdown events behind the recorder's PowerEvents seam. */
export function powerMonitorEvents(monitor: Pick<PowerMonitor, 'on' | 'off'>): PowerEvents {
  return {
    subscribe(listener) {
      const offs = (Object.keys(EVENTS) as MonitorEvent[]).map((name) => {
        const handler = () => listener(EVENTS[name]);
        // powerMonitor's overloads are per event name; these all take a listener without arguments.
        (monitor.on as (event: MonitorEvent, fn: () => void) => void)(name, handler);
        return () => (monitor.off as (event: MonitorEvent, fn: () => void) => void)(name, handler);
      });
      return () => offs.forEach((off) => off());
    },
  };
}
