// The recorder loop: sources → heartbeat merge → store. Where it sits in the whole: docs/architecture.md.
import { randomUUID } from 'node:crypto';
import type { ChangedWhat } from '../../shared/api/contract';
import type { SessionKind, WindowData } from '../../shared/recording/records';
import {
  sessionState,
  sessionTransition,
  type PauseReason,
  type SessionAction,
  type SessionRefusalCode,
  type SessionState,
} from '../../shared/recording/session-machine';
import { utcOffsetMinutes } from '../../shared/recording/zone-offset';
import type { Clock } from './clock/clock';
import type { PowerEvent, PowerEvents } from './power-events';
import type { RecorderEvent } from '../../shared/recording/recorder-events';
import type { ActiveWindowSource } from './sources/active-window-source';
import type { IdleSource } from './sources/idle-source';
import { DisplayLostError } from './sources/source-errors';
import { createCallDetector, type CallDetectionEvent, type CallDetector } from '../../shared/calls';
import { ActivityTrack } from './activity-track';
import { recorderCommandSchema, type RecorderCommand } from './recorder-commands';
import { CallsStore } from './store/calls-store';
import type { FlushParticipant, IdleWrite, SessionWrite, Store } from './store/store';
import { SettingsStore } from './store/settings-store';
import { SyncStore } from './store/sync-store';
import { Pusher, type LiveStatus, type PusherEvent, type PusherOptions, type PushOutcome } from './sync/pusher';
import type { SyncHttp } from './sync/sync-client';
import type { TokenVault } from './sync/token-vault';
import type { WorkSettings } from '../../shared/timesheet/work-settings';
import { localDate, localDayBounds } from '../../shared/timesheet/local-time';

/** How often the recorder reads the work settings again (the idle policy, recording outside sessions) when no change notice came. */
const SETTINGS_REFRESH_MS = 10_000;

export interface RecorderOptions {
  /** Sampling interval. */
  pollMs: number;
  /** No input for this long is idle. */
  idleThresholdMs: number;
  /** How often the open records reach the database: the most a killed recorder can lose. */
  flushMs: number;
  /** Open a work session with the first activity and close it at quit. */
  autoSession: boolean;
  /** Wall and monotonic time disagreeing by more than this is a clock jump or a suspend. */
  jumpToleranceMs: number;
  /** No sample for this long (a stopped process, a frozen machine) ends the session. */
  stallMs: number;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  pollMs: 1000,
  idleThresholdMs: 5 * 60 * 1000,
  flushMs: 1000,
  autoSession: true,
  jumpToleranceMs: 2000,
  stallMs: 60 * 1000,
};

export interface RecorderDeps {
  clock: Clock;
  store: Store;
  activeWindow: ActiveWindowSource;
  idle: IdleSource;
  power?: PowerEvents;
  onEvent?: (event: RecorderEvent) => void;
  /** Written with every flush, in its transaction (the ActivityWatch API's buffered heartbeats). */
  flushParticipants?: readonly FlushParticipant[];
  /** Another process changed data (its change notice arrived): the views should reload `what`. */
  onChanged?: (what: ChangedWhat) => void;
  pid?: number;
  /** Sync with the team server while recording (when the device is enrolled). */
  sync?: RecorderSync;
}

export interface RecorderSync {
  http: SyncHttp;
  /** Uniform in [0, 1): the backoff's jitter. */
  random: () => number;
  vault: TokenVault;
  options?: Partial<PusherOptions>;
  onEvent?: (event: PusherEvent) => void;
}

/** A refusal carries the session machine's code and the action refused, for the views to word. */
type SessionResult = { ok: true; state: SessionState } | { ok: false; error: string; code?: SessionRefusalCode; action?: SessionAction };
type CommandResult = SessionResult | { ok: true } | { ok: true; pending: true };

interface OpenIdle {
  uuid: string;
  startMs: number;
  endMs: number;
  timeZone: string;
  utcOffsetMin: number;
}
interface OpenSession extends OpenIdle {
  kind: SessionKind;
  startReason: string;
}

const NO_WINDOW: WindowData = { app: '', title: '' };

/** The first instant of the local day after the one holding `ms`. */
function nextLocalMidnight(ms: number, zone: string): number {
  return localDayBounds(localDate(ms, zone), zone).endMs;
}

/**
 * The sampling loop: once per poll it reads the focused window and the idle time, folds them into
 * activity, idle and session records, and flushes the open ones so a killed process loses at most one
 * flush interval. All time comes from the injected clock and all OS access from the injected sources.
 */
export class Recorder {
  readonly runId = randomUUID();
  private readonly options: RecorderOptions;
  private readonly deps: RecorderDeps;

  private readonly activity: ActivityTrack;
  private readonly calls: CallsStore;
  /** Call windows (Zoom, Teams, Meet, dialers) seen in the samples; patterns are data in shared/calls. */
  private readonly detector: CallDetector = createCallDetector();
  private idle: OpenIdle | null = null;
  private session: OpenSession | null = null;
  private pending: { idle: IdleWrite[]; sessions: SessionWrite[] } = { idle: [], sessions: [] };

  private startedMs = 0;
  private lastWall: number | null = null;
  private lastMono: number | null = null;
  /** -Infinity so the first sample is flushed at once: the monotonic clock may read anything at start. */
  private lastFlushMono = -Infinity;
  /** Samples before this wall time are ignored: the clock went back and these times are already recorded. */
  private holdUntilMs = -Infinity;
  /** Idle can't have begun before the recorder could see it: its start, or the end of the last gap. */
  private observedSinceMs = 0;
  /** The session kind to reopen when a pause or time gap ends. */
  private resumeKind: SessionKind | null = null;
  /** Set while paused (suspended, locked, display lost): why, and the wall time recording stopped. */
  private paused: { reason: PauseReason; sinceMs: number } | null = null;
  private autoSessionArmed: boolean;
  /** After a clock-out automatic sessions stay off until the next local midnight, also across restarts. */
  private autoSessionOffUntilMs = -Infinity;
  /** A clock-in is the rep's presence: idle is counted from it at the earliest, whatever the input device says. */
  private presentAtMs = -Infinity;
  private stopped = false;
  private cancelTimer: (() => void) | null = null;
  private unsubscribePower: (() => void) | null = null;
  private inflight: Promise<void> = Promise.resolve();
  /** Pushes the outbox to the team server, when enrolled (sync/pusher.ts). */
  private readonly pusher: Pusher | null;
  /** Commands answered later (a `sync now` that is pushing): not run again meanwhile. */
  private readonly answering = new Set<number>();
  private onCall = false;
  private lastWindow: WindowData = NO_WINDOW;
  /** The work settings the recorder follows: the idle policy and whether windows are recorded outside sessions. */
  private settings: Pick<WorkSettings, 'idlePromptMinutes' | 'idleAutoPauseMinutes' | 'recordOutsideSessions'>;
  private settingsReadMono = -Infinity;

  /** The values this recorder samples with, for the views and `stint status` to show as they are. */
  inForce(): { pollMs: number; idleThresholdMs: number; autoSession: boolean } {
    return { pollMs: this.options.pollMs, idleThresholdMs: this.options.idleThresholdMs, autoSession: this.options.autoSession };
  }

  constructor(deps: RecorderDeps, options: Partial<RecorderOptions> = {}) {
    this.deps = deps;
    this.options = { ...DEFAULT_RECORDER_OPTIONS, ...options };
    this.activity = new ActivityTrack(this.options.pollMs);
    this.calls = new CallsStore(deps.store.db, deps.store.deviceId);
    this.autoSessionArmed = this.options.autoSession;
    this.settings = new SettingsStore(deps.store.db).get();
    const sync = deps.sync;
    this.pusher = sync
      ? new Pusher(
          {
            clock: deps.clock,
            random: sync.random,
            http: sync.http,
            store: new SyncStore(deps.store.db),
            vault: sync.vault,
            liveStatus: () => this.liveStatus(),
            onPolicy: (policy) => {
              this.options.idleThresholdMs = policy.idleThresholdSeconds * 1000;
              this.reloadSettings();
            },
            ...(sync.onEvent ? { onEvent: sync.onEvent } : {}),
          },
          sync.options,
        )
      : null;
  }

  /** Pushes and pulls now (`stint sync now`); null when this recorder does not sync. */
  async syncNow(): Promise<PushOutcome | null> {
    return this.pusher ? this.pusher.syncNow() : null;
  }

  /** The device enrolled or left in another process: the pusher reads the enrollment again. */
  reloadSync(): void {
    this.pusher?.reload();
  }

  /**
   * What the team's "who is working now" shows, from what this recorder knows; the category only as policy lets it.
   * The status report and the rules' categorizer load at the first status, on an enrolled device only: the
   * sampling loop needs neither, and they are much of what a recorder would otherwise hold in memory.
   */
  private async liveStatus(): Promise<LiveStatus> {
    const [{ readStatus }, { RulesStore }] = await Promise.all([import('./reports/status'), import('./store/rules-store')]);
    const { clock, store } = this.deps;
    const now = clock.now();
    const kind = this.session?.kind ?? null;
    const worked = readStatus(store.db, now, clock.timeZone(), { pid: this.deps.pid ?? process.pid }).today.workSeconds;
    const window = this.lastWindow;
    // Outside a work session the window is the rep's own business, even when recorded for their eyes.
    const category = window.app === '' || kind !== 'work' ? null : new RulesStore(store.db).categorizer().categorize(window).category;
    return {
      clockedIn: kind !== null,
      onBreak: kind === 'break',
      onCall: this.onCall,
      category: category === null ? null : category.slice(0, 256),
      todayWorkedSeconds: Math.max(0, Math.min(48 * 3600, Math.round(worked))),
    };
  }

  /** Recovers what a killed predecessor left open, adopts a session clocked in without a recorder, starts sampling. */
  start(): void {
    const { clock, store } = this.deps;
    const now = clock.now();
    this.startedMs = now;
    this.observedSinceMs = now;
    const recovered = store.recoverInterruptedRuns(this.runId);
    store.startRun(this.runId, this.deps.pid ?? process.pid, now);
    const clockedOut = store.lastClockOutMs();
    if (clockedOut !== null) this.autoSessionOffUntilMs = nextLocalMidnight(clockedOut, clock.timeZone());
    // A call window a killed predecessor saw is not in progress any more.
    this.calls.setDetectedNow(null);
    const manual = store.openSession();
    if (manual) {
      this.session = {
        uuid: manual.uuid,
        kind: manual.kind,
        startMs: manual.startMs,
        endMs: Math.max(manual.endMs, now),
        timeZone: manual.timeZone,
        utcOffsetMin: utcOffsetMinutes(manual.startMs, manual.timeZone),
        startReason: manual.startReason,
      };
      this.autoSessionArmed = false;
    }
    this.emit({ type: 'started', atMs: now, runId: this.runId, recovered: { runs: recovered.runs, sessions: recovered.sessions } });
    this.unsubscribePower = this.deps.power?.subscribe((event) => this.onPower(event)) ?? null;
    this.schedule(0);
    this.pusher?.start();
  }

  /** Ends sampling, closes every open record at now and flushes. Safe to call twice. */
  async stop(reason = 'quit'): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelTimer?.();
    this.unsubscribePower?.();
    await Promise.all([this.inflight, this.pusher?.stop()]);
    const now = Math.max(this.deps.clock.now(), this.lastWall ?? 0);
    this.closeAll(now, reason);
    this.flush(now);
    this.deps.store.endRun(this.runId, now, reason);
    this.emit({ type: 'stopped', atMs: now, reason });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.cancelTimer = this.deps.clock.setTimeout(() => {
      this.inflight = this.tick().catch((error: unknown) => {
        this.emit({ type: 'error', atMs: this.deps.clock.now(), message: error instanceof Error ? error.message : String(error) });
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const started = this.deps.clock.monotonic();
    try {
      // Suspend and lock pauses wait for the power event; a failed source is read again each poll (the X
      // sources themselves reconnect with backoff), and recording resumes with the first good sample.
      if (this.paused === null || this.paused.reason === 'display-lost' || this.paused.reason === 'source-failed') {
        const [window, idle] = await Promise.allSettled([this.deps.activeWindow.read(), this.deps.idle.idleMs()]);
        if (this.stopped) return;
        const now = this.deps.clock.now();
        const failure = window.status === 'rejected' ? window.reason : idle.status === 'rejected' ? idle.reason : null;
        if (window.status === 'fulfilled' && idle.status === 'fulfilled') {
          this.unpause(now);
          this.sample(now, this.deps.clock.monotonic(), window.value, idle.value);
        } else if (this.paused === null) {
          // A source that fails is a fact, not "no window" and not "no input": recording stops at the last good sample.
          const reason = failure instanceof DisplayLostError ? 'display-lost' : 'source-failed';
          this.pause(reason, this.lastWall ?? now, now, failure instanceof Error ? failure.message : String(failure));
        }
      }
      this.runCommands();
      const now = this.deps.clock.now();
      if (this.deps.clock.monotonic() - this.lastFlushMono >= this.options.flushMs) this.flush(now);
    } finally {
      // Keep the cadence: the next sample is one poll after this one began, not after it ended.
      const elapsed = this.deps.clock.monotonic() - started;
      this.schedule(Math.max(0, this.options.pollMs - elapsed));
    }
  }

  /** Folds one sample taken at wall time `now` into the records. */
  private sample(now: number, mono: number, window: WindowData | null, idleMs: number): void {
    if (this.lastWall !== null && this.lastMono !== null) {
      const wallDelta = now - this.lastWall;
      const monoDelta = mono - this.lastMono;
      const drift = wallDelta - monoDelta;
      if (Math.abs(drift) > this.options.jumpToleranceMs) {
        this.interrupt(this.lastWall, now, drift > 0 ? 'time-gap' : 'clock-back');
        if (drift < 0) this.holdUntilMs = this.lastWall;
      } else if (monoDelta > this.options.stallMs) {
        this.interrupt(this.lastWall, now, 'stall');
      }
    }
    this.lastWall = now;
    this.lastMono = mono;
    if (now <= this.holdUntilMs) return;

    const timeZone = this.deps.clock.timeZone();
    // A rep on the phone is not idle: a call in progress, recorded or detected, counts as active.
    const call = this.calls.current(now, timeZone).status;
    const onCall = call === 'talking' || call === 'on-hold' || this.detector.current !== null;
    this.onCall = onCall;
    this.lastWindow = window ?? NO_WINDOW;
    // Idle after a call is dated from the call's end at the earliest: the rep was busy until then.
    if (onCall) this.observedSinceMs = now;
    this.refreshSettings();
    this.sampleIdle(now, onCall ? 0 : Math.min(idleMs, Math.max(0, now - this.presentAtMs)), timeZone);
    this.idlePause();
    this.sampleSession(now, timeZone);
    // Clocked out means not recorded: windows only inside a work session, unless the rep keeps the rest for their own eyes.
    const working = this.session?.kind === 'work';
    if (working || this.settings.recordOutsideSessions) this.sampleWindow(now, window ?? NO_WINDOW, timeZone, !working);
    const data = window ?? NO_WINDOW;
    // Calls are detected from work windows only: what the rep does off the clock is not looked at.
    const seen = working ? { timeMs: now, app: data.app, title: data.title, ...(data.url === undefined ? {} : { url: data.url }) } : null;
    this.detected(seen ? this.detector.push(seen) : this.detector.close(now), timeZone);
  }

  /** Reads the work settings again now and then, and at once after a change notice (`reloadSettings`). */
  private refreshSettings(): void {
    const mono = this.deps.clock.monotonic();
    if (mono - this.settingsReadMono < SETTINGS_REFRESH_MS) return;
    this.settingsReadMono = mono;
    this.settings = new SettingsStore(this.deps.store.db).get();
  }

  /** The work settings changed (the Settings view, `stint settings`, the team's policy): read them at the next sample. */
  reloadSettings(): void {
    this.settingsReadMono = -Infinity;
  }

  /**
   * The punch clock: an idle stretch the rep was asked about (after idlePromptMinutes) and did not answer within
   * idleAutoPauseMinutes more ends the work session where the idle began. With automatic sessions the next input
   * starts a new one; a session clocked in by hand waits for the rep to clock in again.
   */
  private idlePause(): void {
    const { idlePromptMinutes, idleAutoPauseMinutes } = this.settings;
    if (!this.idle || this.session?.kind !== 'work' || idleAutoPauseMinutes === null) return;
    if (this.idle.endMs - this.idle.startMs < (idlePromptMinutes + idleAutoPauseMinutes) * 60_000) return;
    this.closeSession(this.idle.startMs, 'idle');
    this.autoSessionArmed = this.options.autoSession;
    this.autoSessionOffUntilMs = -Infinity;
  }

  private sampleIdle(now: number, idleMs: number, timeZone: string): void {
    const isIdle = idleMs >= this.options.idleThresholdMs;
    if (isIdle && !this.idle) {
      // Back-date to the last input, but never before the recorder could see it.
      const since = Math.min(now, Math.max(now - idleMs, this.observedSinceMs));
      this.idle = { uuid: randomUUID(), startMs: since, endMs: now, timeZone, utcOffsetMin: utcOffsetMinutes(since, timeZone) };
      this.emit({ type: 'idle-start', atMs: now, sinceMs: since });
    } else if (isIdle && this.idle) {
      this.idle.endMs = now;
    } else if (!isIdle && this.idle) {
      const idle = this.idle;
      idle.endMs = Math.max(idle.startMs, now - idleMs);
      this.closeIdle();
      this.emit({ type: 'idle-end', atMs: now, idleMs: idle.endMs - idle.startMs });
    }
  }

  private sampleWindow(now: number, data: WindowData, timeZone: string, isPrivate: boolean): void {
    if (this.activity.push(now, data, timeZone, isPrivate)) this.emit({ type: 'focus', atMs: now, app: data.app, title: data.title });
  }

  private sampleSession(now: number, timeZone: string): void {
    if (this.session) {
      if (this.session.timeZone !== timeZone) {
        const kind = this.session.kind;
        this.closeSession(now, 'zone-change');
        this.openSession(now, kind, 'zone-change', timeZone);
      } else {
        this.session.endMs = Math.max(this.session.endMs, now);
      }
      return;
    }
    if (this.resumeKind) {
      const kind = this.resumeKind;
      this.resumeKind = null;
      this.openSession(now, kind, 'resume-after-gap', timeZone);
      return;
    }
    if (this.autoSessionArmed && !this.idle && now >= this.autoSessionOffUntilMs) {
      this.autoSessionArmed = false;
      this.openSession(now, 'work', 'first-activity', timeZone);
    }
  }

  /** Ends everything at the last good sample; sampling picks up again at `resumeMs`. */
  private interrupt(lastGoodMs: number, resumeMs: number, reason: string): void {
    const kind = this.session?.kind ?? null;
    this.closeAll(lastGoodMs, reason);
    this.resumeKind = kind;
    this.observedSinceMs = Math.max(resumeMs, lastGoodMs);
    this.emit({ type: 'gap', fromMs: lastGoodMs, toMs: resumeMs, reason });
  }

  private onPower(event: PowerEvent): void {
    const now = this.deps.clock.now();
    if (event === 'shutdown') {
      void this.stop('shutdown');
      return;
    }
    if (event === 'suspend' || event === 'lock') {
      if (this.paused === null) this.pause(event, now, now);
      return;
    }
    // A lost display stays lost across a resume: only a good sample ends that pause.
    if (this.paused?.reason === 'suspend' || this.paused?.reason === 'lock') this.unpause(now);
  }

  /** Stops recording: everything open ends at `sinceMs` with the reason, to reopen when the pause ends. */
  private pause(reason: PauseReason, sinceMs: number, now: number, detail?: string): void {
    const kind = this.session?.kind ?? this.resumeKind;
    this.closeAll(sinceMs, reason);
    this.resumeKind = kind;
    this.paused = { reason, sinceMs };
    this.flush(now);
    this.emit({ type: 'paused', atMs: sinceMs, reason, ...(detail === undefined ? {} : { detail }) });
  }

  /** Ends a pause at `now`: the time since it began is a gap that belongs to nobody. */
  private unpause(now: number): void {
    if (this.paused === null) return;
    this.emit({ type: 'gap', fromMs: this.paused.sinceMs, toMs: now, reason: this.paused.reason });
    this.paused = null;
    this.lastWall = null;
    this.lastMono = null;
    this.observedSinceMs = now;
  }

  /** Writes a detected call when its window goes away; it stays reviewable (confirm, merge, dismiss). */
  private detected(events: CallDetectionEvent[], timeZone: string): void {
    for (const e of events) {
      if (e.type === 'call-started') {
        this.calls.setDetectedNow({ startMs: e.startMs, label: e.label, ruleId: e.ruleId, ...(e.contact === undefined ? {} : { contact: e.contact }) });
        this.emit({ type: 'call-detected', atMs: e.startMs, label: e.label });
        continue;
      }
      this.calls.setDetectedNow(null);
      const talkMs = Math.max(0, e.endMs - e.startMs);
      // Window titles do not say who dialled, so detected calls are recorded as outbound.
      this.calls.insert(
        {
          source: 'detected',
          direction: 'out',
          ...(e.contact === undefined ? {} : { contact: e.contact }),
          startMs: e.startMs,
          endMs: e.endMs,
          wrapEndMs: e.endMs,
          answered: true,
          talkMs,
          holdMs: 0,
          wrapMs: 0,
        },
        timeZone,
        e.endMs,
        { detectedBy: e.ruleId },
      );
      this.emit({ type: 'call-detected-end', atMs: e.endMs, label: e.label, seconds: talkMs / 1000 });
    }
  }

  private closeAll(atMs: number, reason: string): void {
    this.detected(this.detector.close(atMs), this.deps.clock.timeZone());
    this.activity.close(atMs);
    if (this.idle) {
      this.idle.endMs = Math.max(this.idle.startMs, Math.min(this.idle.endMs, atMs));
      this.closeIdle();
    }
    if (this.session) this.closeSession(atMs, reason);
  }

  private closeIdle(): void {
    if (!this.idle) return;
    this.pending.idle.push(toIdleWrite(this.idle, false));
    this.idle = null;
  }

  private openSession(atMs: number, kind: SessionKind, reason: string, timeZone: string): void {
    // A span recorded outside the session (privately) ends where the session begins.
    this.activity.close(atMs);
    this.session = { uuid: randomUUID(), kind, startMs: atMs, endMs: atMs, timeZone, utcOffsetMin: utcOffsetMinutes(atMs, timeZone), startReason: reason };
    this.emit({ type: 'session-open', atMs, kind, reason });
  }

  private closeSession(atMs: number, reason: string): void {
    if (!this.session) return;
    const s = this.session;
    // Windows after the session's end are not work: the open span ends with it.
    this.activity.close(atMs);
    this.pending.sessions.push(toSessionWrite({ ...s, endMs: Math.max(s.startMs, atMs) }, false, reason));
    this.session = null;
    this.emit({ type: 'session-close', atMs, kind: s.kind, reason });
  }

  /** Applies a clock-in/out request from the CLI or a view; invalid requests change nothing. */
  applySessionAction(action: SessionAction): SessionResult {
    const now = Math.max(this.deps.clock.now(), this.lastWall ?? 0);
    // While paused the session is closed but will reopen: it is still the rep's state (clocking out ends it for good).
    const transition = sessionTransition(sessionState(this.session?.kind ?? this.resumeKind), action);
    if (!transition.ok) return transition;
    if (transition.close) this.closeSession(now, transition.close.endReason);
    if (action === 'stop') {
      this.autoSessionArmed = this.options.autoSession;
      this.autoSessionOffUntilMs = nextLocalMidnight(now, this.deps.clock.timeZone());
    }
    if (transition.open?.kind === 'work' && this.idle) {
      // Clocking in (or back from a break) while idle: the rep is here, the idle stretch ends now.
      this.idle.endMs = Math.max(this.idle.startMs, now);
      const idle = this.idle;
      this.closeIdle();
      this.emit({ type: 'idle-end', atMs: now, idleMs: idle.endMs - idle.startMs });
    }
    if (transition.open?.kind === 'work') {
      this.presentAtMs = now;
      this.observedSinceMs = Math.max(this.observedSinceMs, now);
    }
    this.resumeKind = null;
    if (transition.open) this.openSession(now, transition.open.kind, transition.open.startReason, this.deps.clock.timeZone());
    this.flush(now);
    return { ok: true, state: transition.next };
  }

  private runCommands(): void {
    const { store, clock } = this.deps;
    for (const command of store.pendingCommands()) {
      if (this.answering.has(command.id)) continue;
      if (this.runLater(command.id, command.body)) continue;
      let result: CommandResult;
      try {
        const parsed = recorderCommandSchema().safeParse(JSON.parse(command.body));
        result = parsed.success ? this.runCommand(parsed.data) : { ok: false, error: `Unknown command: ${command.body}` };
      } catch {
        result = { ok: false, error: `Unreadable command: ${command.body}` };
      }
      store.answerCommand(command.id, result.ok, JSON.stringify(result), clock.now());
    }
  }

  /** `sync now` is answered when the push is done; the recorder keeps sampling meanwhile. */
  private runLater(id: number, body: string): boolean {
    const parsed = recorderCommandSchema().safeParse(safeJson(body));
    if (!parsed.success || parsed.data.type !== 'sync' || parsed.data.action !== 'now') return false;
    const { store, clock } = this.deps;
    this.answering.add(id);
    void (async () => {
      let result: { ok: boolean; outcome?: PushOutcome | null; error?: string };
      try {
        result = { ok: true, outcome: await this.syncNow() };
      } catch (error) {
        result = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      this.answering.delete(id);
      // The recorder may have stopped and its database closed meanwhile: the CLI then hears nothing and says so.
      if (!this.stopped) store.answerCommand(id, result.ok, JSON.stringify(result), clock.now());
    })();
    return true;
  }

  private runCommand(command: RecorderCommand): CommandResult {
    if (command.type === 'session') return this.applySessionAction(command.action);
    if (command.type === 'sync') {
      this.reloadSync();
      return { ok: true };
    }
    if (command.what === 'settings') this.reloadSettings();
    this.deps.onChanged?.(command.what);
    return { ok: true };
  }

  private flush(now: number): void {
    const batch = {
      runId: this.runId,
      lastSeenMs: this.lastWall ?? now,
      paused: this.paused,
      activity: this.activity.pending(),
      idle: [...this.pending.idle, ...(this.idle ? [toIdleWrite(this.idle, true)] : [])],
      sessions: [...this.pending.sessions, ...(this.session ? [toSessionWrite(this.session, true, null)] : [])],
    };
    try {
      this.deps.store.flush(batch, this.deps.flushParticipants);
      this.pending = { idle: [], sessions: [] };
      this.activity.flushed();
      this.lastFlushMono = this.deps.clock.monotonic();
      this.pusher?.notify();
    } catch (error) {
      // Keep the pending records: the next flush retries them.
      this.emit({ type: 'error', atMs: now, message: `Could not save activity: ${(error as Error).message}` });
    }
  }

  private emit(event: RecorderEvent): void {
    this.deps.onEvent?.(event);
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

function toIdleWrite(span: OpenIdle, open: boolean): IdleWrite {
  return { uuid: span.uuid, startMs: span.startMs, endMs: span.endMs, timeZone: span.timeZone, utcOffsetMin: span.utcOffsetMin, open };
}

function toSessionWrite(s: OpenSession, open: boolean, endReason: string | null): SessionWrite {
  return { ...toIdleWrite(s, open), kind: s.kind, startReason: s.startReason, endReason };
}
