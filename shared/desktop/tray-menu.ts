/*
 * The tray menu, title and tooltip as plain data and words, from the live status: shared so they are built and
 * tested under Node, in the rep's language; electron/main turns the model into Electron's menu.
 */
import type { Status } from '../api/results';
import { liveTalkMs, type CallActionType, type CallMachineState } from '../calls';
import { formatDuration } from '../format-duration';
import type { SessionAction } from '../recording/session-machine';
import { liveFigures } from './live-figures';
import type { TrayTranslate as Translate } from './tray-messages';

/** What a tray menu item does when chosen. */
export type TrayAction =
  { kind: 'session'; action: SessionAction } | { kind: 'call'; action: CallActionType; direction?: 'in' | 'out' } | { kind: 'open-window' } | { kind: 'quit' };

export type TrayMenuItem =
  | { type: 'info'; id: string; label: string }
  | { type: 'action'; id: string; label: string; action: TrayAction; accelerator?: string }
  | { type: 'separator'; id: string };

/** Accelerators shown next to the call items (the global shortcuts in force), when there are any. */
export interface TrayShortcuts {
  callStart?: string;
  callEnd?: string;
}

/** Hours and minutes, as the menu shows them: the menu is rebuilt once a minute, not once a second. */
export function hoursMinutes(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds / 60));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The tray menu for the current status and call state, as plain data: what the rep is doing and today's
 * worked time on top, then the session controls that make sense now (clock in; or break/resume and clock
 * out), the call controls for the call's state (start; hold/resume and end; finish after-call work), and
 * open/quit. `status` is null until the first status has been read.
 */
export function trayMenuModel(status: Status | null, callState: CallMachineState, t: Translate, shortcuts: TrayShortcuts = {}): TrayMenuItem[] {
  const open: TrayMenuItem[] = [
    { type: 'separator', id: 'sep-window' },
    { type: 'action', id: 'open', label: t('tray.open'), action: { kind: 'open-window' } },
    { type: 'action', id: 'quit', label: t('tray.quit'), action: { kind: 'quit' } },
  ];
  if (status === null) return [{ type: 'info', id: 'state', label: t('tray.starting') }, ...open];

  const items: TrayMenuItem[] = [{ type: 'info', id: 'state', label: sessionLine(status, t, hoursMinutes) }];
  items.push({ type: 'info', id: 'today', label: t('tray.today', { today: hoursMinutes(liveFigures(status).todaySeconds) }) });
  const call = callLine(callState, t);
  if (call !== null) items.push({ type: 'info', id: 'call-state', label: call });

  items.push({ type: 'separator', id: 'sep-session' });
  const session = status.session?.kind ?? null;
  if (session === null) {
    items.push({ type: 'action', id: 'clock-in', label: t('tray.clockIn'), action: { kind: 'session', action: 'start' } });
  } else {
    if (session === 'work') items.push({ type: 'action', id: 'break', label: t('tray.break'), action: { kind: 'session', action: 'break' } });
    else items.push({ type: 'action', id: 'resume', label: t('tray.resume'), action: { kind: 'session', action: 'resume' } });
    items.push({ type: 'action', id: 'clock-out', label: t('tray.clockOut'), action: { kind: 'session', action: 'stop' } });
  }

  items.push({ type: 'separator', id: 'sep-call' });
  const start: TrayMenuItem[] = [
    {
      type: 'action',
      id: 'call-start',
      label: t('tray.startCall'),
      action: { kind: 'call', action: 'start', direction: 'out' },
      ...accelerator(shortcuts.callStart),
    },
    { type: 'action', id: 'call-start-in', label: t('tray.startInboundCall'), action: { kind: 'call', action: 'start', direction: 'in' } },
  ];
  const end: TrayMenuItem = {
    type: 'action',
    id: 'call-end',
    label: t('tray.endCall'),
    action: { kind: 'call', action: 'end' },
    ...accelerator(shortcuts.callEnd),
  };
  switch (callState.status) {
    case 'idle':
      items.push(...start);
      break;
    case 'talking':
      items.push({ type: 'action', id: 'call-hold', label: t('tray.holdCall'), action: { kind: 'call', action: 'hold' } }, end);
      break;
    case 'on-hold':
      items.push({ type: 'action', id: 'call-resume', label: t('tray.resumeCall'), action: { kind: 'call', action: 'resume' } }, end);
      break;
    case 'wrap-up':
      // Starting the next call finishes the after-call work of the last one.
      items.push({ type: 'action', id: 'call-wrap', label: t('tray.finishWrapUp'), action: { kind: 'call', action: 'wrap' } }, ...start);
      break;
  }
  return [...items, ...open];
}

function accelerator(value: string | undefined): { accelerator?: string } {
  return value ? { accelerator: value } : {};
}

/** The session and its current stretch, the figure the views' sidebar and Today timer show (standing still while idle). */
function sessionLine(status: Status, t: Translate, format: (seconds: number) => string): string {
  const { kind, stretchSeconds } = liveFigures(status);
  if (kind === null || stretchSeconds === null) return t('tray.off');
  return kind === 'work' ? t('tray.working', { timer: format(stretchSeconds) }) : t('tray.onBreak', { timer: format(stretchSeconds) });
}

function callLine(state: CallMachineState, t: Translate, nowMs?: number): string | null {
  switch (state.status) {
    case 'idle':
      return null;
    case 'talking':
      // The menu has no clock of its own (it changes once a minute at most); the tooltip shows the talk time.
      return nowMs === undefined ? t('tray.onCall') : t('tray.callTalking', { timer: formatDuration(liveTalkMs(state, nowMs) / 1000) });
    case 'on-hold':
      return t('tray.callOnHold');
    case 'wrap-up':
      return t('tray.callWrapUp');
  }
}

/** The text next to the tray icon (macOS menu bar): the running timer and today's worked time. */
export function trayTitle(status: Status | null, t: Translate): string {
  if (status === null) return '';
  const figures = liveFigures(status);
  const today = formatDuration(figures.todaySeconds);
  if (figures.kind === null || figures.stretchSeconds === null) return t('tray.titleOff', { today });
  const timer = formatDuration(figures.stretchSeconds);
  return figures.kind === 'work' ? t('tray.titleWorking', { timer, today }) : t('tray.titleOnBreak', { timer, today });
}

/** The tray icon's tooltip: what the rep is doing with its running timer, today's worked time, and a call in progress. */
export function trayTooltip(status: Status | null, callState: CallMachineState, t: Translate, nowMs: number): string {
  if (status === null) return t('tray.starting');
  const lines = [
    t('tray.tooltip', { state: sessionLine(status, t, formatDuration), today: t('tray.today', { today: formatDuration(liveFigures(status).todaySeconds) }) }),
  ];
  const call = callLine(callState, t, nowMs);
  if (call !== null) lines.push(call);
  return lines.join('\n');
}
