/*
 * What the tray says (menu, title, tooltip), in English and Simplified Chinese: shared, so the menu is built and
 * tested as plain data under Node; the main process adds these to its own catalogue (electron/main/messages.ts).
 */

export const TRAY_MESSAGES_EN = {
  'tray.starting': 'Stint is starting…',
  'tray.working': 'Working {timer}',
  'tray.onBreak': 'On break {timer}',
  'tray.off': 'Not clocked in',
  'tray.today': 'Today: {today} worked',
  'tray.onCall': 'On a call',
  'tray.callTalking': 'On a call {timer}',
  'tray.callOnHold': 'Call on hold',
  'tray.callWrapUp': 'After-call work',
  'tray.notRecording': 'Not recording: {reason}',
  'tray.clockIn': 'Clock in',
  'tray.clockOut': 'Clock out',
  'tray.break': 'Take a break',
  'tray.resume': 'Resume work',
  'tray.startCall': 'Start outbound call',
  'tray.startInboundCall': 'Start inbound call',
  'tray.holdCall': 'Hold call',
  'tray.resumeCall': 'Resume call',
  'tray.endCall': 'End call',
  'tray.finishWrapUp': 'Finish after-call work',
  'tray.open': 'Open Stint',
  'tray.quit': 'Quit Stint',
  'tray.titleWorking': '{timer} · {today} today',
  'tray.titleOnBreak': 'Break {timer} · {today} today',
  'tray.titleOff': '{today} today',
  'tray.tooltip': 'Stint — {state}\n{today}',
} as const;

export type TrayMessageKey = keyof typeof TRAY_MESSAGES_EN;

export const TRAY_MESSAGES_ZH_CN: Record<TrayMessageKey, string> = {
  'tray.starting': 'Stint 正在启动…',
  'tray.working': '工作中 {timer}',
  'tray.onBreak': '休息中 {timer}',
  'tray.off': '未打卡',
  'tray.today': '今日已工作 {today}',
  'tray.onCall': '通话中',
  'tray.callTalking': '通话中 {timer}',
  'tray.callOnHold': '通话保持中',
  'tray.callWrapUp': '话后处理中',
  'tray.notRecording': '未在记录：{reason}',
  'tray.clockIn': '上班打卡',
  'tray.clockOut': '下班打卡',
  'tray.break': '休息一下',
  'tray.resume': '继续工作',
  'tray.startCall': '开始外呼',
  'tray.startInboundCall': '开始接听来电',
  'tray.holdCall': '保持通话',
  'tray.resumeCall': '恢复通话',
  'tray.endCall': '结束通话',
  'tray.finishWrapUp': '完成话后处理',
  'tray.open': '打开 Stint',
  'tray.quit': '退出 Stint',
  'tray.titleWorking': '{timer} · 今日 {today}',
  'tray.titleOnBreak': '休息 {timer} · 今日 {today}',
  'tray.titleOff': '今日 {today}',
  'tray.tooltip': 'Stint — {state}\n{today}',
};

/** Words a tray message: `{name}` placeholders filled from vars. */
export type TrayTranslate = (key: TrayMessageKey, vars?: Readonly<Record<string, string | number>>) => string;
