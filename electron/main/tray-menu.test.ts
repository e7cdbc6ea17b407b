import { describe, expect, it } from 'vitest';
import type { Status } from '../../shared/api/results';
import { IDLE, type CallMachineState } from '../../shared/calls';
import { translator } from './messages';
import { hoursMinutes, toMenuTemplate, trayMenuModel, trayTitle, trayTooltip, type TrayAction, type TrayMenuItem } from './tray-menu';

const t = translator('en-US');
const T = Date.UTC(2026, 2, 2, 14, 0, 0);

function status(session: Status['session'], workSeconds = 5 * 3600 + 7 * 60): Status {
  return {
    recorder: { running: true, pid: 42, lastSeenMs: T, paused: null },
    session,
    window: null,
    idleSinceMs: null,
    today: {
      date: '2026-03-02',
      timeZone: 'UTC',
      trackedSeconds: 0,
      activeSeconds: 0,
      idleSeconds: 0,
      workSeconds,
      timerSeconds: workSeconds,
      breakSeconds: 0,
      manualSeconds: 0,
      claimedIdleSeconds: 0,
      unconfirmedIdleSeconds: 0,
      topApps: [],
    },
  };
}
const working = status({ kind: 'work', startMs: T - 3723_000, seconds: 3723 });
const onBreak = status({ kind: 'break', startMs: T - 600_000, seconds: 600 });
const off = status(null);

const call = { direction: 'out' as const, source: 'manual' as const, startMs: T - 120_000, talkMs: 30_000, holdMs: 0, segmentStartMs: T - 60_000, held: false };
const talking: CallMachineState = { status: 'talking', call };
const onHold: CallMachineState = { status: 'on-hold', call: { ...call, held: true } };
const wrapUp: CallMachineState = {
  status: 'wrap-up',
  call: { direction: 'out', source: 'manual', startMs: T - 120_000, talkMs: 90_000, holdMs: 0, endMs: T - 30_000 },
};

/** The model as "id: label" lines; separators as "--", info lines in brackets. */
function lines(items: TrayMenuItem[]): string[] {
  return items.map((item) => (item.type === 'separator' ? '--' : item.type === 'info' ? `[${item.label}]` : `${item.id}: ${item.label}`));
}
const actionOf = (items: TrayMenuItem[], id: string): TrayAction | undefined => {
  const item = items.find((i) => i.id === id);
  return item?.type === 'action' ? item.action : undefined;
};

describe('trayMenuModel', () => {
  it('offers clock in and call start when not clocked in', () => {
    expect(lines(trayMenuModel(off, IDLE, t))).toEqual([
      '[Not clocked in]',
      '[Today: 5:07 worked]',
      '--',
      'clock-in: Clock in',
      '--',
      'call-start: Start outbound call',
      'call-start-in: Start inbound call',
      '--',
      'open: Open Stint',
      'quit: Quit Stint',
    ]);
  });

  it('shows the running timer and offers break and clock out while working', () => {
    const items = trayMenuModel(working, IDLE, t);
    expect(lines(items).slice(0, 6)).toEqual(['[Working 1:02]', '[Today: 5:07 worked]', '--', 'break: Take a break', 'clock-out: Clock out', '--']);
    expect(actionOf(items, 'break')).toEqual({ kind: 'session', action: 'break' });
    expect(actionOf(items, 'clock-out')).toEqual({ kind: 'session', action: 'stop' });
  });

  it('offers resume and clock out on a break', () => {
    const items = trayMenuModel(onBreak, IDLE, t);
    expect(lines(items).slice(0, 5)).toEqual(['[On break 0:10]', '[Today: 5:07 worked]', '--', 'resume: Resume work', 'clock-out: Clock out']);
    expect(actionOf(items, 'resume')).toEqual({ kind: 'session', action: 'resume' });
  });

  it('follows the call: start, then hold and end, then resume and end, then finish wrap-up or start the next', () => {
    const calls = (state: CallMachineState) =>
      trayMenuModel(working, state, t)
        .filter((i) => i.id.startsWith('call'))
        .map((i) => (i.type === 'action' ? `${i.id} ${JSON.stringify(i.action)}` : `[${'label' in i ? i.label : ''}]`));
    expect(calls(IDLE)).toEqual([
      'call-start {"kind":"call","action":"start","direction":"out"}',
      'call-start-in {"kind":"call","action":"start","direction":"in"}',
    ]);
    expect(calls(talking)).toEqual(['[On a call]', 'call-hold {"kind":"call","action":"hold"}', 'call-end {"kind":"call","action":"end"}']);
    expect(calls(onHold)).toEqual(['[Call on hold]', 'call-resume {"kind":"call","action":"resume"}', 'call-end {"kind":"call","action":"end"}']);
    expect(calls(wrapUp)).toEqual([
      '[After-call work]',
      'call-wrap {"kind":"call","action":"wrap"}',
      'call-start {"kind":"call","action":"start","direction":"out"}',
      'call-start-in {"kind":"call","action":"start","direction":"in"}',
    ]);
  });

  it('offers only open and quit until the first status arrives', () => {
    expect(lines(trayMenuModel(null, IDLE, t))).toEqual(['[Stint is starting…]', '--', 'open: Open Stint', 'quit: Quit Stint']);
  });

  it('shows the global shortcuts next to the call items', () => {
    const items = trayMenuModel(off, talking, t, { callStart: 'CommandOrControl+Alt+C', callEnd: 'CommandOrControl+Alt+E' });
    expect(items.find((i) => i.id === 'call-end')).toMatchObject({ accelerator: 'CommandOrControl+Alt+E' });
    const idle = trayMenuModel(off, IDLE, t, { callStart: 'CommandOrControl+Alt+C' });
    expect(idle.find((i) => i.id === 'call-start')).toMatchObject({ accelerator: 'CommandOrControl+Alt+C' });
    expect(idle.find((i) => i.id === 'call-start-in')).not.toHaveProperty('accelerator');
  });

  it('changes only once a minute while the timer runs (the menu is rebuilt when it changes)', () => {
    const at = (seconds: number) => JSON.stringify(trayMenuModel(status({ kind: 'work', startMs: T, seconds }, 3600 + seconds), IDLE, t));
    expect(at(60)).toBe(at(119));
    expect(at(119)).not.toBe(at(120));
  });

  it('speaks Simplified Chinese', () => {
    expect(lines(trayMenuModel(working, IDLE, translator('zh-CN'))).slice(0, 5)).toEqual([
      '[工作中 1:02]',
      '[今日已工作 5:07]',
      '--',
      'break: 休息一下',
      'clock-out: 下班打卡',
    ]);
  });
});

describe('tray title and tooltip', () => {
  it('show the running timer and today’s worked time', () => {
    expect(trayTitle(working, t)).toBe('1:02:03 · 5:07:00 today');
    expect(trayTitle(onBreak, t)).toBe('Break 0:10:00 · 5:07:00 today');
    expect(trayTitle(off, t)).toBe('5:07:00 today');
    expect(trayTitle(null, t)).toBe('');
    expect(trayTooltip(working, IDLE, t, T)).toBe('Stint — Working 1:02:03\nToday: 5:07:00 worked');
    expect(trayTooltip(off, IDLE, t, T)).toBe('Stint — Not clocked in\nToday: 5:07:00 worked');
  });

  it('add the live talk time of a call in progress', () => {
    expect(trayTooltip(working, talking, t, T)).toBe('Stint — Working 1:02:03\nToday: 5:07:00 worked\nOn a call 0:01:30');
    expect(trayTooltip(working, onHold, t, T).split('\n').at(-1)).toBe('Call on hold');
    expect(trayTooltip(null, IDLE, t, T)).toBe('Stint is starting…');
  });

  it('format hours and minutes for the menu', () => {
    expect(hoursMinutes(0)).toBe('0:00');
    expect(hoursMinutes(59)).toBe('0:00');
    expect(hoursMinutes(3723)).toBe('1:02');
    expect(hoursMinutes(36 * 3600)).toBe('36:00');
    expect(hoursMinutes(-5)).toBe('0:00');
  });
});

describe('toMenuTemplate', () => {
  it('turns the model into Electron menu items whose clicks report the action', () => {
    const chosen: TrayAction[] = [];
    const template = toMenuTemplate(trayMenuModel(working, IDLE, t, { callStart: 'CommandOrControl+Alt+C' }), (action) => chosen.push(action));
    expect(template[0]).toEqual({ id: 'state', label: 'Working 1:02', enabled: false });
    expect(template.find((i) => i.id === 'sep-session')).toEqual({ id: 'sep-session', type: 'separator' });
    const start = template.find((i) => i.id === 'call-start')!;
    // The shortcut is shown, not registered again by the menu (the global shortcut owns it).
    expect(start).toMatchObject({ accelerator: 'CommandOrControl+Alt+C', registerAccelerator: false });
    (start.click as () => void)();
    (template.find((i) => i.id === 'quit')!.click as () => void)();
    expect(chosen).toEqual([{ kind: 'call', action: 'start', direction: 'out' }, { kind: 'quit' }]);
  });
});
