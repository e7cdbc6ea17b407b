import type { SessionKind } from './records';

export type SessionState = 'off' | 'working' | 'on-break';

/**
 * Why the recorder stopped sampling for a while: the machine slept, the screen was locked, the display it
 * reads windows and idle time from went away, or another source (the active window, idle time) failed.
 * A pause ends the open session with the reason as its end reason; a session of the same kind opens when
 * the pause ends ('resume-after-gap').
 */
export const PAUSE_REASONS = ['suspend', 'lock', 'display-lost', 'source-failed'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const SESSION_ACTIONS = ['start', 'stop', 'break', 'resume'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

/**
 * Why a session action was refused, for the views to word (the CLI prints `error`): nothing running to stop,
 * pause or resume (`action` says which), already working, not on a break, already on a break, on a break.
 */
export const SESSION_REFUSAL_CODES = [
  'session-not-running',
  'session-already-running',
  'session-not-on-break',
  'session-already-on-break',
  'session-on-break',
] as const;
export type SessionRefusalCode = (typeof SESSION_REFUSAL_CODES)[number];

export type SessionTransition =
  | { ok: true; close: { endReason: string } | null; open: { kind: SessionKind; startReason: string } | null; next: SessionState }
  | { ok: false; error: string; code: SessionRefusalCode; action: SessionAction };

export function sessionState(openKind: SessionKind | null): SessionState {
  if (openKind === 'work') return 'working';
  if (openKind === 'break') return 'on-break';
  return 'off';
}

/** Work sessions and breaks never overlap: a break ends the work session and resume starts a new one. */
export function sessionTransition(state: SessionState, action: SessionAction): SessionTransition {
  switch (state) {
    case 'off':
      if (action === 'start') return { ok: true, close: null, open: { kind: 'work', startReason: 'clock-in' }, next: 'working' };
      return {
        ok: false,
        error: `No session is running, so there is nothing to ${action}. Start one with \`stint session start\`.`,
        code: 'session-not-running',
        action,
      };
    case 'working':
      if (action === 'break') return { ok: true, close: { endReason: 'break' }, open: { kind: 'break', startReason: 'break' }, next: 'on-break' };
      if (action === 'stop') return { ok: true, close: { endReason: 'clock-out' }, open: null, next: 'off' };
      if (action === 'start')
        return { ok: false, error: 'A work session is already running. Stop it with `stint session stop` first.', code: 'session-already-running', action };
      return { ok: false, error: 'You are not on a break, so there is nothing to resume.', code: 'session-not-on-break', action };
    case 'on-break':
      if (action === 'resume') return { ok: true, close: { endReason: 'resume' }, open: { kind: 'work', startReason: 'resume' }, next: 'working' };
      if (action === 'stop') return { ok: true, close: { endReason: 'clock-out' }, open: null, next: 'off' };
      if (action === 'break')
        return { ok: false, error: 'You are already on a break. Use `stint session resume` to get back to work.', code: 'session-already-on-break', action };
      return { ok: false, error: 'You are on a break. Use `stint session resume` to get back to work.', code: 'session-on-break', action };
  }
}
