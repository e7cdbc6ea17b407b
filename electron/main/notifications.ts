import { IDLE_CHOICES, type ApiEvent, type ApiResult, type RequestInput, type RequestName, type ResponseMap } from '../../shared/api/contract';
import type { Status } from '../../shared/api/results';
import { formatDuration } from '../../shared/format-duration';
import type { RecorderEvent } from '../../shared/recording/recorder-events';
import type { Clock } from '../recorder/clock/clock';
import { afterReminder, clockOutReminderDue, type ClockOutRule, type ReminderMemory } from './clock-out-rule';
import type { Translate } from './messages';

/*
 * The two prompts the main process raises as native notifications: "what was that idle time?" when the rep
 * comes back, and "still clocked in?" when a session looks forgotten. Both answer through the same requests
 * the views use. Action buttons are shown where the OS has them (macOS; Windows with Electron's toast
 * support); everywhere a click on the notification opens the window, whose Today view asks the same thing.
 */

export interface NotificationSpec {
  title: string;
  body: string;
  /** Button labels; `action(index)` reports which was chosen. */
  actions: string[];
}

export interface NotificationCallbacks {
  action(index: number): void;
  click(): void;
}

/** Shows one notification (Electron's Notification in the app, a recorder in tests); returns how to close it. */
export type ShowNotification = (spec: NotificationSpec, on: NotificationCallbacks) => { close(): void };

/** A request as the main process makes it (IpcRouter.call). */
export type Requester = <N extends RequestName>(name: N, input: RequestInput<N>) => Promise<ApiResult<ResponseMap[N]>>;

interface PromptDeps {
  show: ShowNotification;
  request: Requester;
  openWindow: () => void;
  t: Translate;
  log: (message: string) => void;
}

/** Shows a request's refusal (e.g. "this idle stretch was already answered") as a plain notification. */
function showError(deps: PromptDeps, error: string): void {
  deps.show({ title: deps.t('error.title'), body: error, actions: [] }, { action: () => undefined, click: deps.openWindow });
}

export interface IdlePromptDeps extends PromptDeps {
  clock: Pick<Clock, 'setTimeout'>;
  /**
   * Waits before reading the idle stretch that just ended: the recorder saves it at its next flush (within
   * a second), so the first look comes after that and, should it still be open, a few more follow.
   */
  retryDelaysMs?: readonly number[];
}

export interface IdlePrompt {
  onRecorderEvent(event: RecorderEvent): void;
  /** Closes the prompt once its stretch was answered elsewhere (a view, the CLI). */
  onApiEvent(event: ApiEvent): void;
  dispose(): void;
}

/**
 * The idle prompt: when the recorder reports the end of an idle stretch, the latest unanswered stretch is
 * offered with the four answers (work / break / call or meeting / discard) as actions, in IDLE_CHOICES
 * order; the one chosen becomes an `idle.resolve` request. A newer stretch replaces an older prompt.
 */
export function createIdlePrompt(deps: IdlePromptDeps): IdlePrompt {
  const delays = deps.retryDelaysMs ?? [1500, 3000, 6000];
  let current: { idleUuid: string; close(): void } | null = null;
  let cancelTimer: (() => void) | null = null;
  let disposed = false;

  const schedule = (attempt: number) => {
    cancelTimer?.();
    cancelTimer = deps.clock.setTimeout(() => {
      cancelTimer = null;
      void look(attempt).catch((error: unknown) => deps.log(`stint: idle prompt failed: ${String(error)}`));
    }, delays[attempt] ?? 0);
  };

  async function look(attempt: number): Promise<void> {
    if (disposed) return;
    const pending = await deps.request('idle.pending', {});
    if (!pending.ok) {
      deps.log(`stint: could not read idle time: ${pending.error}`);
      return;
    }
    const latest = [...pending.data].sort((a, b) => a.startMs - b.startMs).at(-1);
    if (latest === undefined) return;
    if (latest.open) {
      if (attempt + 1 < delays.length) schedule(attempt + 1);
      return;
    }
    if (current?.idleUuid === latest.uuid || disposed) return;
    current?.close();
    const idleUuid = latest.uuid;
    const shown = deps.show(
      {
        title: deps.t('idle.title', { duration: formatDuration((latest.endMs - latest.startMs) / 1000) }),
        body: deps.t('idle.body'),
        actions: IDLE_CHOICES.map((choice) => deps.t(`idle.${choice}`)),
      },
      {
        action: (index) => {
          const choice = IDLE_CHOICES[index];
          if (choice === undefined) return;
          if (current?.idleUuid === idleUuid) current = null;
          void deps.request('idle.resolve', { idleUuid, choice }).then((result) => {
            if (!result.ok) showError(deps, result.error);
          });
        },
        click: () => deps.openWindow(),
      },
    );
    current = { idleUuid, close: () => shown.close() };
  }

  return {
    onRecorderEvent(event) {
      if (event.type === 'idle-end' && !disposed) schedule(0);
    },
    onApiEvent(event) {
      if (event.type !== 'changed' || event.what !== 'idle' || current === null) return;
      const shown = current;
      void deps.request('idle.pending', {}).then((pending) => {
        if (pending.ok && !pending.data.some((p) => p.uuid === shown.idleUuid) && current === shown) {
          shown.close();
          current = null;
        }
      });
    },
    dispose() {
      disposed = true;
      cancelTimer?.();
      current?.close();
      current = null;
    },
  };
}

export interface ClockOutReminderDeps extends PromptDeps {
  now: () => number;
  /** The rule in force; null turns the reminder off. */
  rule: () => ClockOutRule | null;
  /** For the session's start time in the text, e.g. "en-US". */
  locale: string;
}

export interface ClockOutReminder {
  /** Called with every live status (once a second). */
  check(status: Status): void;
  dispose(): void;
}

/**
 * The forgotten clock-out reminder (the rule is in clock-out-rule.ts): "Clock out" becomes a
 * `session.act` stop request, "Still working" snoozes, a click opens the window.
 */
export function createClockOutReminder(deps: ClockOutReminderDeps): ClockOutReminder {
  let memory: ReminderMemory | null = null;
  let shown: { close(): void } | null = null;

  return {
    check(status) {
      const rule = deps.rule();
      const session = status.session;
      if (session === null || rule === null) {
        shown?.close();
        shown = null;
        return;
      }
      const nowMs = deps.now();
      if (!clockOutReminderDue(session, nowMs, status.today.timeZone, memory, rule)) return;
      memory = afterReminder(session, nowMs, rule);
      shown?.close();
      const start = new Intl.DateTimeFormat(deps.locale, { hour: 'numeric', minute: '2-digit', timeZone: status.today.timeZone }).format(session.startMs);
      shown = deps.show(
        {
          title: deps.t('clockOut.title'),
          body: deps.t('clockOut.body', { start, duration: formatDuration(session.seconds) }),
          actions: [deps.t('clockOut.clockOut'), deps.t('clockOut.stillWorking')],
        },
        {
          action: (index) => {
            if (index === 0) {
              void deps.request('session.act', { action: 'stop' }).then((result) => {
                if (!result.ok) showError(deps, result.error);
              });
            } else if (index === 1) {
              memory = afterReminder(session, deps.now(), rule);
            }
          },
          click: () => deps.openWindow(),
        },
      );
    },
    dispose() {
      shown?.close();
      shown = null;
    },
  };
}
