/*
 * What the main process itself says (tray, notifications), in English and Simplified Chinese. The views
 * have their own catalogue; these are the few strings shown outside them.
 */

import { TRAY_MESSAGES_EN, TRAY_MESSAGES_ZH_CN } from '../../shared/desktop/tray-messages';

const en = {
  ...TRAY_MESSAGES_EN,
  'idle.title': 'You were away for {duration}',
  'idle.body': 'What was that time? Choose an answer, or open Stint to decide later.',
  'idle.work': 'Work',
  'idle.break': 'Break',
  'idle.call': 'Call or meeting',
  'idle.discard': 'Discard',
  'clockOut.title': 'Still clocked in?',
  'clockOut.body': 'Your session has been running since {start} ({duration}). Clock out if you are done for the day.',
  'clockOut.clockOut': 'Clock out',
  'clockOut.stillWorking': 'Still working',
  'error.title': 'Stint',
  'shortcut.failed': 'The shortcut {accelerator} could not be set up: {reason}',
  'shortcut.taken': 'another program uses it',
  'shortcut.invalid': 'it is not a valid shortcut',
  'shortcut.duplicate': 'it is already used for another action',
  'recorder.notRecording': 'Stint is not recording',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const zhCN: Messages = {
  ...TRAY_MESSAGES_ZH_CN,
  'idle.title': '你离开了 {duration}',
  'idle.body': '这段时间在做什么？请选择，或打开 Stint 稍后再答。',
  'idle.work': '工作',
  'idle.break': '休息',
  'idle.call': '通话或会议',
  'idle.discard': '不计入',
  'clockOut.title': '还在打卡中？',
  'clockOut.body': '你的时段从 {start} 开始（已 {duration}）。如果今天已下班，请打卡下班。',
  'clockOut.clockOut': '下班打卡',
  'clockOut.stillWorking': '仍在工作',
  'error.title': 'Stint',
  'shortcut.failed': '无法设置快捷键 {accelerator}：{reason}',
  'shortcut.taken': '已被其他程序占用',
  'shortcut.invalid': '不是有效的快捷键',
  'shortcut.duplicate': '已用于另一个操作',
  'recorder.notRecording': 'Stint 未在记录',
};

const CATALOGUES: Record<string, Messages> = { en, 'zh-CN': zhCN };

export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

/** Picks the catalogue for a BCP 47 locale (app.getLocale()): any zh-Hans/zh-CN/zh-SG → Simplified Chinese, else English. */
export function catalogueFor(locale: string): Messages {
  const lower = locale.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-sg') || lower.startsWith('zh-hans')) return CATALOGUES['zh-CN']!;
  return CATALOGUES.en!;
}

/** A translate function: `{name}` placeholders are filled from vars; unknown placeholders stay as they are. */
export function translator(locale: string): Translate {
  const messages = catalogueFor(locale);
  return (key, vars = {}) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}
