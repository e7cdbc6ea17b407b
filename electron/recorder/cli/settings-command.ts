import { InvalidArgumentError, type Command } from 'commander';
import type { WorkSettings } from '../../../shared/timesheet/work-settings';
import { MAX_IDLE_POLICY_MINUTES, OVERTIME_RULES, ROUNDING_MINUTES, ROUNDING_MODES, WEEK_STARTS, type Rounding } from '../../../shared/timesheet/types';
import { runRequest, withApi } from './api-client';
import { oneOf, type GlobalOptions } from './options';
import { writeOut } from './stdout';

interface SettingsOptions extends GlobalOptions {
  weekStart?: WorkSettings['weekStart'];
  unconfirmedIdleLimit?: number | 'off';
  overtimeRules?: WorkSettings['overtimeRules'];
  rounding?: RoundingChoice;
  roundingMode?: Rounding['mode'];
  idlePrompt?: number;
  idleAutoPause?: number | 'off';
  recordOutsideSessions?: 'on' | 'off';
  agentName?: string;
  agentEmail?: string;
  agentExtension?: string;
  currency?: string;
  json?: boolean;
}

const ROUNDING_CHOICES = ROUNDING_MINUTES.map((m) => (m === 0 ? 'none' : String(m)));
type RoundingChoice = (typeof ROUNDING_CHOICES)[number];

function limit(value: string): number | 'off' {
  if (value === 'off') return 'off';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected whole minutes (1 or more) or "off", got "${value}".`);
  return n;
}

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_IDLE_POLICY_MINUTES)
    throw new InvalidArgumentError(`expected whole minutes, 1 to ${MAX_IDLE_POLICY_MINUTES}, got "${value}".`);
  return n;
}

/** `stint settings`: shows the work settings, or changes the ones given, through the same request as the Settings view. */
export function registerSettings(program: Command): void {
  program
    .command('settings')
    .description(
      "show or change the work settings: the day workweeks start, whether long unanswered idle counts as work, the timesheet's overtime rules and rounding",
    )
    .option('--week-start <day>', `the day workweeks start (${WEEK_STARTS.join(', ')})`, oneOf(WEEK_STARTS))
    .option('--unconfirmed-idle-limit <minutes>', 'leave unanswered idle stretches longer than this out of worked time; "off" counts them all', limit)
    .option('--overtime-rules <rules>', `the timesheet's overtime rules (${OVERTIME_RULES.join(', ')})`, oneOf(OVERTIME_RULES))
    .option('--rounding <minutes>', `round each day's total in timesheets and exports (${ROUNDING_CHOICES.join(', ')})`, oneOf(ROUNDING_CHOICES))
    .option('--rounding-mode <mode>', `how to round (${ROUNDING_MODES.join(', ')})`, oneOf(ROUNDING_MODES))
    .option('--idle-prompt <minutes>', 'ask what idle time was once it lasts this long (shorter idle is never asked about)', minutes)
    .option(
      '--idle-auto-pause <minutes>',
      'end the session at the start of an idle stretch unanswered this long after the question; "off" never does',
      (v: string) => (v === 'off' ? 'off' : minutes(v)),
    )
    .option('--record-outside-sessions <on|off>', 'record windows outside work sessions too, for your eyes only (never synced)', oneOf(['on', 'off'] as const))
    .option('--agent-name <name>', 'your name as call logs and CRM reports write it ("" forgets it)')
    .option('--agent-email <email>', 'your email as call logs write it ("" forgets it)')
    .option('--agent-extension <ext>', 'your phone extension as call logs write it ("" forgets it)')
    .option('--currency <code>', 'the ISO 4217 currency of CRM amounts given without one (default USD)')
    .option('--json', 'print JSON')
    .action(async (_options: SettingsOptions, command: Command) => {
      const options = command.optsWithGlobals<SettingsOptions>();
      const rounding =
        options.rounding === undefined && options.roundingMode === undefined
          ? undefined
          : await (async () => {
              const stored = (await runRequest(options, 'settings.get', {})).rounding;
              const minutes = options.rounding === undefined ? stored.minutes : options.rounding === 'none' ? 0 : (Number(options.rounding) as 6 | 15);
              return { minutes, mode: options.roundingMode ?? stored.mode } satisfies Rounding;
            })();
      const change = {
        ...(options.agentName === undefined ? {} : { agentName: options.agentName }),
        ...(options.agentEmail === undefined ? {} : { agentEmail: options.agentEmail }),
        ...(options.agentExtension === undefined ? {} : { agentExtension: options.agentExtension }),
        ...(options.currency === undefined ? {} : { currency: options.currency }),
        ...(options.overtimeRules === undefined ? {} : { overtimeRules: options.overtimeRules }),
        ...(rounding === undefined ? {} : { rounding }),
        ...(options.weekStart === undefined ? {} : { weekStart: options.weekStart }),
        ...(options.unconfirmedIdleLimit === undefined
          ? {}
          : { unconfirmedIdleLimitMinutes: options.unconfirmedIdleLimit === 'off' ? null : options.unconfirmedIdleLimit }),
        ...(options.idlePrompt === undefined ? {} : { idlePromptMinutes: options.idlePrompt }),
        ...(options.idleAutoPause === undefined ? {} : { idleAutoPauseMinutes: options.idleAutoPause === 'off' ? null : options.idleAutoPause }),
        ...(options.recordOutsideSessions === undefined ? {} : { recordOutsideSessions: options.recordOutsideSessions === 'on' }),
      };
      const client = Object.keys(change).length > 0 ? {} : { open: { mustExist: true } };
      const { settings, sync } = await withApi(
        options,
        async (api) => ({
          settings: Object.keys(change).length > 0 ? await api.request('settings.set', change) : await api.request('settings.get', {}),
          sync: await api.request('sync.status', {}),
        }),
        client,
      );
      writeOut(options.json ? `${JSON.stringify(settings, null, 2)}\n` : formatSettings(settings, sync.policy?.values ?? null));
    });
}

/** The values in force, each marked when the team's policy sets it. */
function formatSettings(s: WorkSettings, policy: Partial<Record<keyof WorkSettings, unknown>> | null): string {
  const team = (key: keyof WorkSettings) => (policy !== null && policy[key] !== undefined ? "  (set by your team's policy)" : '');
  const idle =
    s.unconfirmedIdleLimitMinutes === null
      ? 'every unanswered idle stretch in a work session counts as work'
      : `unanswered idle stretches longer than ${s.unconfirmedIdleLimitMinutes} min are left out of worked time`;
  const rounding = s.rounding.minutes === 0 ? 'none' : `${s.rounding.minutes} min, ${s.rounding.mode}`;
  const pause =
    s.idleAutoPauseMinutes === null
      ? 'never: the session runs however long you are away'
      : `unanswered ${s.idleAutoPauseMinutes} min after the question, the session ends where the idle began`;
  const outside = s.recordOutsideSessions ? 'on: recorded for your eyes only, never synced' : 'off: nothing is recorded while clocked out or on a break';
  const you = [s.agentName, s.agentEmail, s.agentExtension === null ? null : `extension ${s.agentExtension}`].filter((v) => v !== null);
  return [
    `Week starts:      ${s.weekStart}${team('weekStart')}`,
    `Unconfirmed idle: ${idle}${team('unconfirmedIdleLimitMinutes')}`,
    `Overtime rules:   ${s.overtimeRules}${team('overtimeRules')}`,
    `Rounding:         ${rounding}${team('rounding')}`,
    `Idle prompt:      after ${s.idlePromptMinutes} min idle; shorter idle is never asked about${team('idlePromptMinutes')}`,
    `Idle pause:       ${pause}${team('idleAutoPauseMinutes')}`,
    `Outside sessions: ${outside}${team('recordOutsideSessions')}`,
    `You in call logs: ${you.length > 0 ? you.join(', ') : 'not set (--agent-name, --agent-email, --agent-extension): imported calls of any agent are not yours'}`,
    `Currency:         ${s.currency}`,
    '',
  ].join('\n');
}
