/*
 * A small, consistent world behind the fake transport: a Monday workday in UTC with a running session,
 * an unanswered idle stretch, last week's 47.5 hours, category rules, and no calls or CRM data. Session,
 * call, timesheet and rule behaviour comes from the same pure shared/ code the recorder uses, so the
 * views are tested against realistic answers; requests that change data emit `changed` events as the
 * recorder's server does.
 */
import type { PendingIdle, RequestInput, ResponseMap, Timeline } from '../../shared/api/contract';
import type { EffectiveInterval, Status, StoredCall, StoredRule, TimeUseReport, TimeUseRow } from '../../shared/api/results';
import { callMetrics, callMetricsByDay } from '../../shared/calls/call-metrics';
import { IDLE, callTransition, liveTalkMs, type CallMachineState } from '../../shared/calls/call-machine';
import { CallRefusedError } from '../../shared/calls/call-refusal';
import { callRefusalText } from '../../shared/calls/call-refusal-text';
import { compileRules } from '../../shared/categories/categorizer';
import { ruleMatches } from '../../shared/categories/reference';
import { sampleText } from '../../shared/categories/rule-words';
import { patternIssue } from '../../shared/categories/pattern';
import { RULE_FIELDS, type CategoryRating, type Rule } from '../../shared/categories/types';
import { CodedRefusal } from '../../shared/api/refusal';
import { sessionTransition, type SessionState } from '../../shared/recording/session-machine';
import { salesKpis } from '../../shared/sales/sales-kpis';
import { localDayBounds } from '../../shared/timesheet/local-time';
import { timesheetOf } from '../../shared/timesheet/timesheet';
import { workedTime, workedTotals, type IdleMark } from '../../shared/timesheet/worked-time';
import { DEFAULT_WORK_SETTINGS, workSettingsSchema, type WorkSettings } from '../../shared/timesheet/work-settings';
import type { SyncStatus } from '../../shared/sync/device-sync';
import { fixedClock, type ViewClock } from '../app/view-clock';
import { FakeTransport } from './fake-transport';

export const SEED_DAY = '2026-03-02';
export const SEED_ZONE = 'UTC';
export const H = 3_600_000;
export const MIN = 60_000;
/** Monday 2 March 2026, 09:00 UTC: the running work session started here. */
export const T9 = Date.UTC(2026, 2, 2, 9);
/** 13:00: "now" when a world is created. */
export const SEED_NOW = T9 + 4 * H;
export const IDLE_UUID = 'idle-1';

const CATEGORY_ROWS: TimeUseRow[] = [
  { key: 'Sales > CRM > Salesforce', seconds: 7200, rating: 'productive' },
  { key: 'Communication > Chat', seconds: 1800, rating: 'productive' },
  { key: 'Entertainment > Video', seconds: 900, rating: 'unproductive' },
  { key: 'Uncategorized', seconds: 900, rating: 'neutral' },
];
const APP_ROWS: TimeUseRow[] = [
  { key: 'Google-chrome', seconds: 8100, rating: 'productive' },
  { key: 'Slack', seconds: 1800, rating: 'productive' },
  { key: 'xterm', seconds: 900, rating: 'neutral' },
];
const ROWS: Record<string, TimeUseRow[]> = {
  category: CATEGORY_ROWS,
  app: APP_ROWS,
  title: [
    { key: 'Google-chrome — Pipeline review - Salesforce', seconds: 7200, rating: 'productive' },
    { key: 'Slack — #sales', seconds: 1800, rating: 'productive' },
    { key: 'Google-chrome — Demo recap - YouTube', seconds: 900, rating: 'unproductive' },
    { key: 'xterm', seconds: 900, rating: 'neutral' },
  ],
  site: [{ key: '', seconds: 10800, rating: 'productive' }],
  hour: [
    { key: '09:00', seconds: 3600, rating: 'productive' },
    { key: '10:00', seconds: 1800, rating: 'productive' },
    { key: '11:00', seconds: 3600, rating: 'productive' },
    { key: '12:00', seconds: 1800, rating: 'neutral' },
  ],
};

const DEFAULT_RULES: StoredRule[] = [
  { id: 'user-1', category: 'Sales > CRM > Pipedrive', app: 'pipedrive', source: 'user', enabled: true },
  { id: 'default-salesforce', category: 'Sales > CRM > Salesforce', title: 'Salesforce', source: 'default', enabled: true },
  { id: 'default-slack', category: 'Communication > Chat', app: '^slack$', source: 'default', enabled: true },
  { id: 'default-youtube', category: 'Entertainment > Video', title: 'YouTube', source: 'default', enabled: true },
];
const DEFAULT_RATINGS: CategoryRating[] = [
  { category: 'Sales', rating: 'productive' },
  { category: 'Communication', rating: 'productive' },
  { category: 'Entertainment', rating: 'unproductive' },
];

export interface FakeWorld {
  transport: FakeTransport;
  clock: ViewClock & { set(ms: number): void };
  /** Work and breaks as they count now (open ones end at the clock). */
  entries: EffectiveInterval[];
  pendingIdle: PendingIdle[];
  /** The live status at the clock's time. */
  status(): Status;
  /** Moves the clock by ms (default 1 s) and pushes the live status, as the recorder does every second. */
  tick(ms?: number): void;
}

export interface WorldOptions {
  /** A first day: nothing recorded, not clocked in. */
  empty?: boolean;
}

export function createSeededWorld(options: WorldOptions = {}): FakeWorld {
  const empty = options.empty ?? false;
  const clock = fixedClock(SEED_NOW, SEED_ZONE);
  const transport = new FakeTransport();
  let counter = 0;
  const id = (prefix: string) => `${prefix}-${++counter}`;
  const entry = (kind: 'work' | 'break', startMs: number, endMs: number, extra: Partial<EffectiveInterval> = {}): EffectiveInterval => ({
    uuid: id(kind),
    kind,
    startMs,
    endMs,
    timeZone: SEED_ZONE,
    manual: false,
    source: 'recorded',
    reason: null,
    open: false,
    ...extra,
  });

  const entries: EffectiveInterval[] = [];
  const pendingIdle: PendingIdle[] = [];
  if (!empty) {
    // Last week, Monday to Friday, 09:00–18:30: 47.5 h, over the FLSA 40 hours.
    for (let d = 0; d < 5; d++) {
      const start = Date.UTC(2026, 1, 23 + d, 9);
      entries.push(entry('work', start, start + 9.5 * H));
    }
    entries.push(entry('work', T9, T9, { uuid: 'work-today', open: true }));
    pendingIdle.push({ uuid: IDLE_UUID, startMs: T9 + 1.5 * H, endMs: T9 + 2 * H, open: false });
  }
  const rules: StoredRule[] = DEFAULT_RULES.map((r) => ({ ...r }));
  const ratings: CategoryRating[] = DEFAULT_RATINGS.map((r) => ({ ...r }));
  let call: CallMachineState = IDLE;
  const calls: StoredCall[] = [];

  const effective = (): EffectiveInterval[] => entries.map((e) => (e.open ? { ...e, endMs: clock.now() } : e));
  const openEntry = () => entries.find((e) => e.open);
  const sessionState = (): SessionState => {
    const open = openEntry();
    return open ? (open.kind === 'work' ? 'working' : 'on-break') : 'off';
  };
  const day = localDayBounds(SEED_DAY, SEED_ZONE);
  // Figures come from the shared worked-time computation, as the recorder's do; idle not answered yet is unconfirmed.
  const claimedIdle: IdleMark[] = [];
  const worked = () => {
    const all = effective();
    const span = (e: EffectiveInterval) => ({ startMs: e.startMs, endMs: e.endMs, timeZone: e.timeZone, manual: e.manual });
    const marks: IdleMark[] = [
      ...pendingIdle.map((p) => ({ startMs: p.startMs, endMs: p.endMs, deviceId: 'seed', state: 'unconfirmed' as const })),
      ...claimedIdle,
    ];
    return workedTime(
      all.filter((e) => e.kind === 'work').map((e) => ({ ...span(e), deviceId: e.manual ? null : 'seed' })),
      all.filter((e) => e.kind === 'break').map(span),
      marks,
      SEED_ZONE,
    );
  };
  const todayTotals = () => workedTotals(worked(), day.startMs, day.endMs);
  const covers = (from: string, to: string) => !empty && from <= SEED_DAY && to >= SEED_DAY;

  const status = (): Status => {
    const open = openEntry();
    return {
      recorder: { running: true, pid: 4242, lastSeenMs: clock.now(), paused: null, inForce: { pollMs: 1000, idleThresholdMs: 300_000, autoSession: true } },
      session: open ? { kind: open.kind, startMs: open.startMs, seconds: (clock.now() - open.startMs) / 1000 } : null,
      window: empty ? null : { app: 'Google-chrome', title: 'Pipeline review - Salesforce', sinceMs: T9 + 3 * H, current: true },
      idleSinceMs: null,
      today: {
        date: SEED_DAY,
        timeZone: SEED_ZONE,
        trackedSeconds: empty ? 0 : 12600,
        activeSeconds: empty ? 0 : 10800,
        idleSeconds: empty ? 0 : 1800,
        ...todayTotals(),
        timerSeconds: todayTotals().workSeconds,
        topApps: empty ? [] : APP_ROWS,
      },
    };
  };

  const timeUse = (input: RequestInput<'report.timeUse'>): ResponseMap['report.timeUse'] => {
    const has = covers(input.from, input.to);
    const rows = has ? (ROWS[input.by] ?? []) : [];
    const sum = (rating: string) => rows.filter((r) => r.rating === rating).reduce((s, r) => s + r.seconds, 0);
    // The split always comes from the categories, as the recorder's report does.
    const cats = has ? CATEGORY_ROWS : [];
    const by = (rating: string) => cats.filter((r) => r.rating === rating).reduce((s, r) => s + r.seconds, 0);
    void sum;
    const report: TimeUseReport = {
      fromMs: localDayBounds(input.from, SEED_ZONE).startMs,
      toMs: localDayBounds(input.to, SEED_ZONE).endMs,
      trackedSeconds: has ? 12600 : 0,
      activeSeconds: has ? 10800 : 0,
      idleSeconds: has ? 1800 : 0,
      ...(has ? todayTotals() : { workSeconds: 0, breakSeconds: 0, manualSeconds: 0, claimedIdleSeconds: 0, unconfirmedIdleSeconds: 0 }),
      productiveSeconds: by('productive'),
      neutralSeconds: by('neutral'),
      unproductiveSeconds: by('unproductive'),
      productivity: has ? by('productive') / 10800 : null,
      rows,
    };
    return { ...report, from: input.from, to: input.to, timeZone: input.timeZone ?? SEED_ZONE };
  };

  const timeline = (date: string): Timeline => {
    const { startMs, endMs } = localDayBounds(date, SEED_ZONE);
    const seeded = date === SEED_DAY && !empty;
    const span = (s: number, e: number, label: string, category: string | null, rating: 'productive' | 'neutral' | 'unproductive' | null) => ({
      startMs: s,
      endMs: e,
      label,
      category,
      rating,
    });
    return {
      date,
      timeZone: SEED_ZONE,
      startMs,
      endMs,
      activity: seeded
        ? [
            span(T9, T9 + H, 'Google-chrome', 'Sales > CRM > Salesforce', 'productive'),
            span(T9 + H, T9 + 1.5 * H, 'Slack', 'Communication > Chat', 'productive'),
            span(T9 + 2 * H, T9 + 3 * H, 'Google-chrome', 'Sales > CRM > Salesforce', 'productive'),
            span(T9 + 3 * H, T9 + 3.25 * H, 'Google-chrome', 'Entertainment > Video', 'unproductive'),
            span(T9 + 3.25 * H, T9 + 3.5 * H, 'xterm', 'Uncategorized', 'neutral'),
          ]
        : [],
      idle: seeded ? [span(T9 + 1.5 * H, T9 + 2 * H, '', null, null)] : [],
      sessions: effective()
        .filter((e) => e.endMs > startMs && e.startMs < endMs)
        .map((e) => ({
          ...span(Math.max(e.startMs, startMs), Math.min(e.endMs, endMs), e.manual ? (e.reason ?? '') : '', null, null),
          kind: e.kind,
          manual: e.manual,
        })),
    };
  };

  const inRange = (from: string, to: string) => {
    const start = localDayBounds(from, SEED_ZONE).startMs;
    const end = localDayBounds(to, SEED_ZONE).endMs;
    return effective().filter((e) => e.endMs > start && e.startMs < end);
  };

  const findEntry = (uuid: string) => {
    const index = entries.findIndex((e) => e.uuid === uuid);
    if (index < 0) throw new Error(`No session or manual entry ${uuid}.`);
    return index;
  };

  const pick = (r: Rule) => ({ ...(r.app ? { app: r.app } : {}), ...(r.title ? { title: r.title } : {}), ...(r.url ? { url: r.url } : {}) });
  const categorizer = () =>
    compileRules(
      rules.filter((r) => r.enabled).map(({ source: _s, enabled: _e, ...rule }) => rule),
      ratings,
      { preferred: rules.filter((r) => r.source === 'user').map((r) => r.id) },
    );
  const changed = (what: 'sessions' | 'rules' | 'time' | 'idle' | 'calls' | 'settings' | 'sync') => {
    transport.emit({ type: 'changed', what });
    transport.emit({ type: 'status', status: status() });
  };

  transport.handle('status.get', () => status());
  transport.handle('session.act', ({ action }) => {
    const transition = sessionTransition(sessionState(), action);
    if (!transition.ok) throw new CodedRefusal(transition.code, transition.error, { action });
    const now = clock.now();
    const open = openEntry();
    if (transition.close && open) Object.assign(open, { open: false, endMs: now });
    if (transition.open) entries.push(entry(transition.open.kind, now, now, { open: true }));
    changed('sessions');
    return { state: transition.next };
  });
  let workSettings: WorkSettings = { ...DEFAULT_WORK_SETTINGS };
  transport.handle('report.timeUse', (input) => timeUse(input));
  transport.handle('timeline.get', ({ date }) => timeline(date));
  transport.handle('timesheet.get', ({ from, to, rules: overtime, weekStart, rounding }) => {
    // Not given: the stored work settings', as the recorder's handler does.
    const options = {
      rules: overtime ?? workSettings.overtimeRules,
      weekStart: weekStart ?? workSettings.weekStart,
      rounding: rounding ?? workSettings.rounding,
    };
    const sheet = timesheetOf(worked(), { from, to, ...options, fallbackTimeZone: SEED_ZONE });
    return { ...sheet, from, to, ...options };
  });
  transport.handle('time.list', ({ from, to }) => inRange(from, to));
  transport.handle('time.add', ({ kind, startMs, endMs, reason }) => {
    if (endMs <= startMs) throw new Error('The end must be after the start.');
    const added = entry(kind, startMs, endMs, { manual: true, source: 'manual', reason });
    entries.push(added);
    changed('time');
    return { uuid: added.uuid };
  });
  transport.handle('time.edit', ({ uuid, startMs, endMs, reason }) => {
    const index = findEntry(uuid);
    const old = entries[index]!;
    const replaced = entry(old.kind, startMs ?? old.startMs, endMs ?? old.endMs, { manual: true, source: old.source, reason });
    entries.splice(index, 1, replaced);
    changed('time');
    return { uuid: replaced.uuid };
  });
  transport.handle('time.remove', ({ uuid }) => {
    entries.splice(findEntry(uuid), 1);
    changed('time');
    return { uuid: id('removal') };
  });
  transport.handle('idle.pending', () => pendingIdle.map((p) => ({ ...p })));
  transport.handle('idle.resolve', ({ idleUuid, choice }) => {
    const index = pendingIdle.findIndex((p) => p.uuid === idleUuid);
    if (index < 0) throw new Error(`No idle stretch ${idleUuid}.`);
    const [idle] = pendingIdle.splice(index, 1);
    if (choice === 'work' || choice === 'call') claimedIdle.push({ startMs: idle!.startMs, endMs: idle!.endMs, deviceId: 'seed', state: 'claimed' });
    if (choice === 'break') entries.push(entry('break', idle!.startMs, idle!.endMs, { manual: true, source: 'manual', reason: 'idle time was a break' }));
    changed('idle');
    return { choice };
  });
  transport.handle('settings.get', () => ({ ...workSettings }));
  transport.handle('settings.set', (change) => {
    workSettings = workSettingsSchema().parse({ ...workSettings, ...change });
    changed('settings');
    return { ...workSettings };
  });
  // This device and a team server: not enrolled until a view enrolls it.
  let sync: SyncStatus = {
    enrolled: false,
    server: null,
    userEmail: null,
    deviceId: null,
    enrolledMs: null,
    lastPushMs: null,
    pending: 0,
    oldestPendingMs: null,
    lastError: null,
    clockSkewMs: null,
    policy: null,
    recorderRunning: true,
    tokenKept: 'sealed',
  };
  transport.handle('sync.status', () => ({ ...sync }));
  transport.handle('sync.enroll', ({ server, code }) => {
    if (sync.enrolled) throw new Error('This device is already enrolled. Run `stint sync leave` first to enroll it again.');
    if (code.trim() !== 'GOOD-CODE') throw new Error('This enrollment code is not known to the server. Check it for typos, or ask your manager for a new one.');
    sync = { ...sync, enrolled: true, server, userEmail: 'rep@example.com', deviceId: 'seed-device', enrolledMs: 0 };
    changed('sync');
    return { ...sync };
  });
  transport.handle('sync.leave', () => {
    const left = sync.enrolled;
    sync = { ...sync, enrolled: false, server: null, userEmail: null, deviceId: null, enrolledMs: null };
    changed('sync');
    return { left };
  });
  transport.handle('rules.list', () => {
    const c = categorizer();
    return { rules: rules.map((r) => ({ ...r, rating: c.ratingOf(r.category) })), ratings: ratings.map((r) => ({ ...r })) };
  });
  transport.handle('rules.add', (input) => {
    const rule = { id: id('user'), ...input };
    // Refused with the recorder's code and params when a pattern is bad.
    for (const field of RULE_FIELDS) {
      const pattern = rule[field];
      const issue = pattern === undefined ? null : patternIssue(pattern);
      if (pattern !== undefined && issue !== null) {
        const { kind, construct, reason, message: detail } = issue;
        throw new CodedRefusal('rule-bad-pattern', `The rule "${rule.category}" cannot be added: ${detail}`, {
          category: rule.category,
          field,
          pattern,
          kind,
          construct,
          reason,
          detail,
        });
      }
    }
    compileRules([rule]);
    // Listed as the recorder lists them: the rep's own in the order added, then the built-in ones.
    rules.splice(rules.filter((r) => r.source === 'user').length, 0, { ...rule, source: 'user', enabled: true });
    changed('rules');
    // Shadowed when another rule files the window made of the new rule's words, as the recorder tries it.
    const sample = {
      app: sampleText(rule.app ?? '') ?? '',
      title: sampleText(rule.title ?? '') ?? '',
      ...(rule.url ? { url: sampleText(rule.url) ?? '' } : {}),
    };
    const winner = categorizer().categorize(sample).ruleId;
    const other = rules.find((r) => r.id === winner);
    const shadowedBy =
      other && other.id !== rule.id && ruleMatches(rule, sample)
        ? [{ id: other.id, category: other.category, source: other.source, ...pick(other), windows: 1, example: sample }]
        : [];
    return { ...rule, shadowedBy };
  });
  transport.handle('rules.remove', ({ id: ruleId }) => {
    const index = rules.findIndex((r) => r.id === ruleId);
    if (index < 0) throw new Error(`No rule ${ruleId}.`);
    const rule = rules[index]!;
    if (rule.source === 'user') rules.splice(index, 1);
    else rule.enabled = false;
    changed('rules');
    return { result: rule.source === 'user' ? 'removed' : 'disabled' };
  });
  transport.handle('rules.rate', ({ category, rating }) => {
    const existing = ratings.find((r) => r.category === category);
    if (existing) existing.rating = rating;
    else ratings.push({ category, rating });
    changed('rules');
    return { category, rating };
  });
  transport.handle('rules.test', ({ app, title, url }) => categorizer().categorize({ app, title, ...(url === undefined ? {} : { url }) }));
  transport.handle('calls.state', () => ({ state: call, liveTalkMs: liveTalkMs(call, clock.now()), nowMs: clock.now(), detected: null }));
  transport.handle('calls.act', ({ action, direction, contact, notes }) => {
    const atMs = clock.now();
    const result = callTransition(
      call,
      action === 'start' ? { type: 'start', atMs, direction: direction ?? 'out', source: 'manual', ...(contact ? { contact } : {}) } : { type: action, atMs },
    );
    if (!result.ok) throw new CallRefusedError(result.refusal, callRefusalText(result.refusal));
    call = result.state;
    const completed = result.completed ? [result.completed] : [];
    for (const done of completed) {
      calls.push({
        ...done,
        ...(notes ? { notes } : {}),
        uuid: id('call'),
        system: null,
        externalId: null,
        detectedBy: null,
        review: null,
        agent: null,
        mine: true,
      });
    }
    changed('calls');
    return { state: call, completed };
  });
  transport.handle('calls.list', () => calls.map((c) => ({ ...c })));
  transport.handle('calls.review', ({ uuid }) => {
    changed('calls');
    return { uuid };
  });
  transport.handle('report.calls', ({ from, to, byDay, byAgent, scope, timeZone }) => ({
    ...callMetrics(calls),
    from,
    to,
    scope: scope ?? 'all',
    toReview: 0,
    timeZone: timeZone ?? SEED_ZONE,
    ...(byDay ? { days: callMetricsByDay(calls, { zone: SEED_ZONE }) } : {}),
    // Calls timed in the views carry no agent.
    ...(byAgent && calls.length > 0 ? { agents: [{ agent: null, ...callMetrics(calls), callsPerActiveHour: null }] } : {}),
  }));
  transport.handle('report.sales', ({ from, to, timeZone, businessHours }) => ({
    ...salesKpis({
      opportunities: [],
      leads: [],
      zone: SEED_ZONE,
      range: { from, to },
      ...(businessHours ? { businessHours: { ...businessHours, zone: SEED_ZONE } } : {}),
      activeSecondsByCategory: Object.fromEntries((covers(from, to) ? CATEGORY_ROWS : []).map((r) => [r.key, r.seconds])),
    }),
    from,
    to,
    timeZone: timeZone ?? SEED_ZONE,
    currency: workSettings.currency,
  }));

  return {
    transport,
    clock,
    entries,
    pendingIdle,
    status,
    tick(ms = 1000) {
      clock.set(clock.now() + ms);
      transport.emit({ type: 'status', status: status() });
    },
  };
}
