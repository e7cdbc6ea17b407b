import type { ChangedWhat } from '../../../shared/api/contract';
import { FakeClock } from '../clock/fake-clock';
import { Recorder, type RecorderOptions } from '../recorder';
import type { RecorderEvent } from '../../../shared/recording/recorder-events';
import type { PowerEvent, PowerEvents } from '../power-events';
import { Store } from '../store/store';
import { ScriptedIdleSource, ScriptedWindowSource } from './scripted-sources';

export class ScriptedPowerEvents implements PowerEvents {
  private listeners = new Set<(event: PowerEvent) => void>();
  subscribe(listener: (event: PowerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: PowerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** A recorder on a fake clock with scripted sources, for tests that drive a workday second by second. */
export function recorderHarness(options: Partial<RecorderOptions> & { dbPath?: string; startMs?: number; timeZone?: string } = {}) {
  const clock = new FakeClock(options.startMs ?? Date.UTC(2026, 2, 2, 9, 0, 0), options.timeZone ?? 'UTC');
  const store = Store.open(options.dbPath ?? ':memory:');
  const windows = new ScriptedWindowSource();
  const idle = new ScriptedIdleSource(() => clock.monotonic());
  const power = new ScriptedPowerEvents();
  const events: RecorderEvent[] = [];
  const changes: ChangedWhat[] = [];
  const recorder = new Recorder(
    { clock, store, activeWindow: windows, idle, power, onEvent: (e) => events.push(e), onChanged: (what) => changes.push(what), pid: process.pid },
    options,
  );
  return { clock, store, windows, idle, power, events, changes, recorder };
}
