/**
 * Automatic call detection from window samples (DESIGN.md §3 "Calls"): a call is a stretch of time in
 * which a known call window is in front.
 *
 * Rules are data, not code: `{ id, label, app?, title?, url? }` where each given field is a JavaScript
 * regular-expression source compiled with the `i` flag; a rule matches a sample when **every** field it
 * gives matches (a `url` pattern never matches a sample without a url). The first matching rule in list
 * order wins. A `title` pattern may capture `(?<contact>…)`, which becomes the detected call's contact
 * ("Call with Jane Doe | Microsoft Teams" → "Jane Doe").
 *
 * The detector debounces: a call opens after `openAfter` (2) consecutive positive samples and starts at
 * the first of them; it closes after `closeAfter` (4) consecutive negative samples and ends at the first
 * of those. Shorter runs (flapping, a quick glance at another window) change nothing.
 *
 * The detector sees whatever sample it is fed. Fed only the active window, alt-tabbing away from a
 * meeting for 4 samples ends the call; a recorder that can list all windows can feed one sample per
 * tick whose fields come from the call window when `matchCallRule` finds one among them.
 */

export interface CallDetectionRule {
  id: string;
  /** What the rule recognizes, for people: "Zoom meeting", "Aircall call". */
  label: string;
  app?: string;
  title?: string;
  url?: string;
}

export interface WindowSample {
  timeMs: number;
  app: string;
  title: string;
  url?: string;
}

export interface CallRuleMatch {
  rule: CallDetectionRule;
  contact?: string;
}

export type CallDetectionEvent =
  | { type: 'call-started'; startMs: number; ruleId: string; label: string; app: string; title: string; contact?: string }
  | { type: 'call-ended'; startMs: number; endMs: number; ruleId: string; label: string; contact?: string };

// Dialers show call state in their window title; these words (or, inside the dialer's own app, a
// running timer such as "03:27") mean a call is live. Idle dialer windows ("Aircall", "Dialpad") do not
// match. These are heuristics kept as data so a team can adjust them to its dialer's wording.
// Non-ASCII characters go in by name: the CLI bundle stays ASCII, which V8 holds in half the memory (scripts/build.mjs).
const EN_DASH = '\u2013';
const ON_CALL_WORDS = String.raw`\b(?:on (?:a )?call|in (?:a )?call|active call|ongoing call|call in progress|call with|talking (?:to|with)|connected to)\b`;
const CALL_TIMER = String.raw`(?:^|[\s(\[|${EN_DASH}-])\d{1,2}:\d{2}(?::\d{2})?(?:$|[\s)\]|${EN_DASH}-])`;
const CONTACT_AFTER_WITH = String.raw`\b(?:call with|talking (?:to|with)|connected to) (?<contact>.+?)\s*(?:$|\s[|${EN_DASH}-]\s)`;

function dialerRules(id: string, name: string, app: string): CallDetectionRule[] {
  return [
    // The dialer's desktop app: call words or a call timer in its title.
    { id: `${id}.app`, label: `${name} call`, app, title: `^.*?${CONTACT_AFTER_WITH}|${ON_CALL_WORDS}|${CALL_TIMER}` },
    // The dialer in a browser tab or another shell: its name and call words in the title.
    {
      id: `${id}.title`,
      label: `${name} call`,
      title: `^(?=.*\\b${name}\\b)(?:.*?${CONTACT_AFTER_WITH}|.*${ON_CALL_WORDS})`,
    },
  ];
}

/**
 * Known call windows. Titles are the ones these clients show during a call: Zoom's meeting window is
 * "Zoom Meeting" or "Zoom Webinar"; Teams titles its call windows "Call with Jane Doe | Microsoft Teams",
 * "Meeting with …", "Meeting in "General" | Microsoft Teams" (desktop apps may drop the suffix); a Google
 * Meet tab is "Meet - abc-defg-hij" at meet.google.com/abc-defg-hij.
 */
export const DEFAULT_CALL_DETECTION_RULES: readonly CallDetectionRule[] = Object.freeze([
  { id: 'zoom.meeting', label: 'Zoom meeting', title: String.raw`^Zoom (?:Meeting|Webinar)(?:\s*[-${EN_DASH}|].*)?$` },
  { id: 'zoom.web', label: 'Zoom meeting', url: String.raw`^(?:https?://)?(?:[\w-]+\.)*zoom\.us/wc/` },
  {
    id: 'teams.call',
    label: 'Microsoft Teams call',
    title: String.raw`^(?:Call|Meeting) with (?<contact>.+?)\s*\|\s*Microsoft Teams\b`,
  },
  {
    id: 'teams.app-call',
    label: 'Microsoft Teams call',
    app: String.raw`\b(?:ms-)?teams\b`,
    title: String.raw`^(?:Call|Meeting) with (?<contact>.+?)\s*$`,
  },
  {
    id: 'teams.meeting',
    label: 'Microsoft Teams meeting',
    title: String.raw`^(?:Meeting in\b.*|Meeting compact view\b.*|Microsoft Teams meeting)\s*\|\s*Microsoft Teams\b`,
  },
  { id: 'meet.url', label: 'Google Meet', url: String.raw`^(?:https?://)?meet\.google\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}\b` },
  { id: 'meet.title', label: 'Google Meet', title: String.raw`^Meet\s*[-${EN_DASH}]\s*[a-z]{3}-[a-z]{4}-[a-z]{3}\b` },
  ...dialerRules('aircall', 'Aircall', String.raw`^aircall\b`),
  ...dialerRules('ringcentral', 'RingCentral', 'ringcentral'),
  ...dialerRules('dialpad', 'Dialpad', String.raw`^dialpad\b`),
  ...dialerRules('five9', 'Five9', 'five9'),
  ...dialerRules('talkdesk', 'Talkdesk', 'talkdesk'),
]);

/** What a detected call came from, for people: a product and whether its windows are meetings or calls ("Zoom" meeting). */
export interface CallDetectionSource {
  name: string;
  kind: 'meeting' | 'call' | 'product';
}

const SOURCE_BY_RULE = new Map<string, CallDetectionSource>(
  DEFAULT_CALL_DETECTION_RULES.map((rule) => {
    const match = /^(.+) (meeting|call)$/.exec(rule.label);
    return [rule.id, match ? { name: match[1]!, kind: match[2] === 'meeting' ? 'meeting' : 'call' } : { name: rule.label, kind: 'product' }];
  }),
);

/**
 * The source a detected call names (its rule's id as stored with the call), to be worded by a view or the CLI in
 * its language; null for a rule this build does not know (one from an older or newer version).
 */
export function callDetectionSource(ruleId: string | null): CallDetectionSource | null {
  return ruleId === null ? null : (SOURCE_BY_RULE.get(ruleId) ?? null);
}

interface CompiledRule {
  rule: CallDetectionRule;
  app: RegExp | null;
  title: RegExp | null;
  url: RegExp | null;
}

export interface CompiledCallRules {
  readonly rules: readonly CallDetectionRule[];
  /** @internal */
  readonly compiled: readonly CompiledRule[];
}

function compileField(rule: CallDetectionRule, field: 'app' | 'title' | 'url'): RegExp | null {
  const source = rule[field];
  if (source === undefined) return null;
  if (source === '') throw new RangeError(`Call rule "${rule.id}": the ${field} pattern is empty; leave it out instead.`);
  try {
    return new RegExp(source, 'i');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new RangeError(`Call rule "${rule.id}": ${field} pattern /${source}/ is not a valid regular expression (${why}).`);
  }
}

/** Validates and compiles rules once; throws a RangeError naming the rule for a bad one. */
export function compileCallRules(rules: readonly CallDetectionRule[]): CompiledCallRules {
  const seen = new Set<string>();
  const compiled = rules.map((rule) => {
    if (!rule.id) throw new RangeError('A call rule needs an id.');
    if (seen.has(rule.id)) throw new RangeError(`Call rule id "${rule.id}" is used twice.`);
    seen.add(rule.id);
    if (rule.app === undefined && rule.title === undefined && rule.url === undefined) {
      throw new RangeError(`Call rule "${rule.id}" gives no app, title or url pattern, so it would match every window.`);
    }
    return { rule, app: compileField(rule, 'app'), title: compileField(rule, 'title'), url: compileField(rule, 'url') };
  });
  return { rules, compiled };
}

/** The first rule matching the sample, with the contact its title pattern captured, or null. */
export function matchCallRule(rules: CompiledCallRules, sample: Omit<WindowSample, 'timeMs'>): CallRuleMatch | null {
  for (const c of rules.compiled) {
    if (c.app && !c.app.test(sample.app)) continue;
    if (c.url && (sample.url === undefined || !c.url.test(sample.url))) continue;
    let contact: string | undefined;
    if (c.title) {
      const m = c.title.exec(sample.title);
      if (!m) continue;
      contact = m.groups?.['contact']?.trim() || undefined;
    }
    return contact === undefined ? { rule: c.rule } : { rule: c.rule, contact };
  }
  return null;
}

export interface CallDetectorOptions {
  rules?: readonly CallDetectionRule[];
  /** Consecutive positive samples that open a call (default 2). */
  openAfter?: number;
  /** Consecutive negative samples that close it (default 4). */
  closeAfter?: number;
}

export interface CallDetector {
  /** Feeds one sample (in time order); returns the events it caused, usually none. */
  push(sample: WindowSample): CallDetectionEvent[];
  /** Ends an open call at `atMs` (the recorder stops, the machine sleeps); no-op when none is open. */
  close(atMs: number): CallDetectionEvent[];
  /** The open detected call, if any. */
  readonly current: { startMs: number; ruleId: string; label: string; contact?: string } | null;
}

function count(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a whole number ≥ 1, got ${n}`);
  return n;
}

export function createCallDetector(options: CallDetectorOptions = {}): CallDetector {
  const rules = compileCallRules(options.rules ?? DEFAULT_CALL_DETECTION_RULES);
  const openAfter = count('openAfter', options.openAfter, 2);
  const closeAfter = count('closeAfter', options.closeAfter, 4);

  let lastTimeMs = -Infinity;
  // Not in a call: the current run of positive samples and its first sample's match.
  let positiveRun = 0;
  let firstPositive: { sample: WindowSample; match: CallRuleMatch } | null = null;
  // In a call: the open call and the current run of negative samples.
  let open: { startMs: number; ruleId: string; label: string; contact?: string } | null = null;
  let negativeRun = 0;
  let firstNegativeMs = 0;

  function ended(endMs: number): CallDetectionEvent {
    const call = open!;
    const event: CallDetectionEvent = { type: 'call-ended', startMs: call.startMs, endMs, ruleId: call.ruleId, label: call.label };
    if (call.contact !== undefined) event.contact = call.contact;
    open = null;
    negativeRun = 0;
    return event;
  }

  return {
    get current() {
      return open && { ...open };
    },

    push(sample) {
      if (!Number.isFinite(sample.timeMs)) throw new RangeError(`sample time is not a finite instant: ${sample.timeMs}`);
      if (sample.timeMs < lastTimeMs) {
        throw new RangeError(`samples must come in time order: ${sample.timeMs} is before ${lastTimeMs}`);
      }
      lastTimeMs = sample.timeMs;
      const match = matchCallRule(rules, sample);

      if (open) {
        if (match) {
          negativeRun = 0;
          return [];
        }
        if (negativeRun === 0) firstNegativeMs = sample.timeMs;
        negativeRun += 1;
        return negativeRun >= closeAfter ? [ended(firstNegativeMs)] : [];
      }

      if (!match) {
        positiveRun = 0;
        firstPositive = null;
        return [];
      }
      if (positiveRun === 0) firstPositive = { sample, match };
      positiveRun += 1;
      if (positiveRun < openAfter) return [];

      const first = firstPositive!;
      open = { startMs: first.sample.timeMs, ruleId: first.match.rule.id, label: first.match.rule.label };
      if (first.match.contact !== undefined) open.contact = first.match.contact;
      positiveRun = 0;
      firstPositive = null;
      const event: CallDetectionEvent = {
        type: 'call-started',
        startMs: open.startMs,
        ruleId: open.ruleId,
        label: open.label,
        app: first.sample.app,
        title: first.sample.title,
      };
      if (open.contact !== undefined) event.contact = open.contact;
      return [event];
    },

    close(atMs) {
      if (!open) return [];
      // A run of negatives already under way means the call ended at its first sample.
      const endMs = negativeRun > 0 ? firstNegativeMs : Math.max(atMs, open.startMs);
      positiveRun = 0;
      firstPositive = null;
      return [ended(endMs)];
    },
  };
}
