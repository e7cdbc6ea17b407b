import type { Clock } from './clock';

interface Timer {
  id: number;
  dueMono: number;
  fn: () => void;
}

/**
 * A clock that moves only when a test says so. advance() fires due timers in order and lets the
 * promise chains they start settle before moving on, so async sampling loops run as they would live.
 */
export class FakeClock implements Clock {
  private wall: number;
  private mono = 0;
  private zone: string;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(startMs: number, timeZone = 'UTC') {
    this.wall = startMs;
    this.zone = timeZone;
  }

  now(): number {
    return this.wall;
  }
  monotonic(): number {
    return this.mono;
  }
  timeZone(): string {
    return this.zone;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { id: this.nextId++, dueMono: this.mono + Math.max(0, ms), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t.id !== timer.id);
    };
  }

  /** Moves both clocks forward by ms, firing timers as their time comes. */
  async advance(ms: number): Promise<void> {
    const target = this.mono + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.dueMono <= target).sort((a, b) => a.dueMono - b.dueMono || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.wall += due.dueMono - this.mono;
      this.mono = due.dueMono;
      due.fn();
    }
    this.wall += target - this.mono;
    this.mono = target;
    await settle();
  }

  /** The wall clock is set (by a person or NTP) without time passing. */
  jumpWall(ms: number): void {
    this.wall += ms;
  }

  /** The machine sleeps: wall time passes, monotonic time and timers stand still. */
  suspend(ms: number): void {
    this.wall += ms;
  }

  setTimeZone(zone: string): void {
    this.zone = zone;
  }

  /** Timers set and not yet fired or cancelled, with how long until each is due: what would wake a process at rest. */
  pendingTimers(): number[] {
    return this.timers.map((t) => t.dueMono - this.mono).sort((a, b) => a - b);
  }
}

/** Lets already-resolved promise chains run; no wall-clock wait is involved. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
