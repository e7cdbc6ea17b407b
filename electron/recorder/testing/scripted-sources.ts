import type { WindowInfo, ActiveWindowSource } from '../sources/active-window-source';
import type { IdleSource } from '../sources/idle-source';

/** Test doubles: the test sets what the OS would report and the recorder reads it. */
export class ScriptedWindowSource implements ActiveWindowSource {
  current: WindowInfo | null = null;
  /** While set, reads reject with it (the display is gone, the source broke). */
  failure: Error | null = null;
  reads = 0;
  set(window: WindowInfo | null): void {
    this.current = window;
  }
  async read(): Promise<WindowInfo | null> {
    this.reads++;
    if (this.failure) throw this.failure;
    return this.current;
  }
  async close(): Promise<void> {}
}

/** Idle time derived from the injected clock: input() marks the last input. */
export class ScriptedIdleSource implements IdleSource {
  private lastInputMono: number;
  /** While set, reads reject with it. */
  failure: Error | null = null;
  constructor(private readonly monotonic: () => number) {
    this.lastInputMono = monotonic();
  }
  input(): void {
    this.lastInputMono = this.monotonic();
  }
  async idleMs(): Promise<number> {
    if (this.failure) throw this.failure;
    return this.monotonic() - this.lastInputMono;
  }
  async close(): Promise<void> {}
}
