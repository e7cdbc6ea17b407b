import type { SessionKind } from './records';
import type { PauseReason } from './session-machine';

/** What the recorder reports as it goes: one event per state change, for logs and live views. */
export type RecorderEvent =
  | { type: 'started'; atMs: number; runId: string; recovered: { runs: number; sessions: number } }
  | { type: 'stopped'; atMs: number; reason: string }
  | { type: 'focus'; atMs: number; app: string; title: string }
  | { type: 'idle-start'; atMs: number; sinceMs: number }
  | { type: 'idle-end'; atMs: number; idleMs: number }
  | { type: 'session-open'; atMs: number; kind: SessionKind; reason: string }
  | { type: 'session-close'; atMs: number; kind: SessionKind; reason: string }
  | { type: 'gap'; fromMs: number; toMs: number; reason: string }
  /** Sampling stopped at atMs (the last good sample); `detail` says what failed, for the log. */
  | { type: 'paused'; atMs: number; reason: PauseReason; detail?: string }
  | { type: 'call-detected'; atMs: number; label: string }
  | { type: 'call-detected-end'; atMs: number; label: string; seconds: number }
  | { type: 'error'; atMs: number; message: string };
