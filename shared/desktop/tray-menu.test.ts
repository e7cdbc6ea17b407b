import { describe, expect, it } from 'vitest';
import type { Status } from '../api/results';
import { IDLE } from '../calls';
import { liveFigures } from './live-figures';
import { trayMenuModel, trayTitle, trayTooltip, type TrayMenuItem } from './tray-menu';
import { TRAY_MESSAGES_EN, TRAY_MESSAGES_ZH_CN, type TrayMessageKey, type TrayTranslate } from './tray-messages';

const T = Date.UTC(2026, 2, 2, 14, 0, 0);

function translate(messages: Record<TrayMessageKey, string>): TrayTranslate {
  return (key, vars = {}) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}
const en = translate(TRAY_MESSAGES_EN);
const zh = translate(TRAY_MESSAGES_ZH_CN);

/** Clocked in at 13:00 after 4 h earlier today, idle since 13:30: the worked time stood still at 4 h 30 min. */
function idleAtWork(): Status {
  return {
    recorder: { running: true, pid: 42, lastSeenMs: T, paused: null },
    session: { kind: 'work', startMs: T - 3600_000, seconds: 3600 },
    window: null,
    idleSinceMs: T - 1800_000,
    today: {
      date: '2026-03-02',
      timeZone: 'UTC',
      trackedSeconds: 0,
      activeSeconds: 0,
      idleSeconds: 1800,
      workSeconds: 5 * 3600,
      timerSeconds: 4.5 * 3600,
      breakSeconds: 0,
      manualSeconds: 0,
      claimedIdleSeconds: 0,
      unconfirmedIdleSeconds: 0,
      topApps: [],
    },
  };
}
const info = (items: TrayMenuItem[]) => items.filter((i) => i.type === 'info').map((i) => (i.type === 'info' ? i.label : ''));

describe('the tray, from shared code', () => {
  it('shows the figures the views show: worked today and the current stretch, both standing still while idle', () => {
    const status = idleAtWork();
    expect(liveFigures(status)).toEqual({ kind: 'work', todaySeconds: 4.5 * 3600, breakSeconds: 0, stretchSeconds: 1800, idleSinceMs: T - 1800_000 });
    expect(info(trayMenuModel(status, IDLE, en))).toEqual(['Working 0:30', 'Today: 4:30 worked']);
    expect(trayTitle(status, en)).toBe('0:30:00 · 4:30:00 today');
  });

  it('is complete and worded in Simplified Chinese', () => {
    expect(Object.keys(TRAY_MESSAGES_ZH_CN).sort()).toEqual(Object.keys(TRAY_MESSAGES_EN).sort());
    // Every message is Chinese, but for the tooltip's layout and the app's name.
    const same = Object.entries(TRAY_MESSAGES_ZH_CN).filter(([key, text]) => text === TRAY_MESSAGES_EN[key as TrayMessageKey]);
    expect(same.map(([key]) => key)).toEqual(['tray.tooltip']);
    const status = idleAtWork();
    const menu = trayMenuModel(status, IDLE, zh);
    expect(info(menu)).toEqual(['工作中 0:30', '今日已工作 4:30']);
    expect(menu.filter((i) => i.type === 'action').map((i) => (i.type === 'action' ? i.label : ''))).toEqual([
      '休息一下',
      '下班打卡',
      '开始外呼',
      '开始接听来电',
      '打开 Stint',
      '退出 Stint',
    ]);
    expect(trayTooltip(status, IDLE, zh, T)).toBe('Stint — 工作中 0:30:00\n今日已工作 4:30:00');
  });
});
