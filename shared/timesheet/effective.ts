/**
 * From stored records to time as it counts: sessions, corrections, idle stretches and idle answers go in
 * (plain rows, from any number of devices), effective work and breaks and worked time come out. The
 * device's stores and the team server run this same code over the same rows, so their figures agree.
 */
import type { IdleChoice } from '../api/contract';
import type { SessionKind } from '../recording/records';
import { workedTime, type IdleMark, type WorkPiece, type WorkedTime } from './worked-time';
import type { TimeInterval } from './types';
import { compareText } from '../compare-text';

/** A recorded or imported work session or break. */
export interface SessionRow {
  uuid: string;
  deviceId: string;
  kind: SessionKind;
  startMs: number;
  endMs: number;
  timeZone: string;
  source: 'recorded' | 'import';
  open: boolean;
  /** Clocked in by hand with no recorder to extend it: while open it runs until now. */
  runsUntilNow: boolean;
}

/** Manual time, or an edit (new times) or removal (no times) of the session or correction it replaces. */
export interface CorrectionRow {
  uuid: string;
  deviceId: string;
  kind: SessionKind;
  startMs: number | null;
  endMs: number | null;
  timeZone: string;
  replaces: string | null;
  reason: string;
  createdMs: number;
}

export interface IdleRow {
  uuid: string;
  deviceId: string;
  startMs: number;
  endMs: number;
}

export interface IdleChoiceRow {
  idleUuid: string;
  choice: IdleChoice;
}

export interface TimeRecords {
  sessions: readonly SessionRow[];
  /** In the order they were made: of two replacements of one record, the first counts. */
  corrections: readonly CorrectionRow[];
  idle: readonly IdleRow[];
  idleChoices: readonly IdleChoiceRow[];
}

export interface WorkedTimePolicy {
  /** Unanswered idle stretches longer than this are left out of worked time; null counts them all as work. */
  unconfirmedIdleLimitMs: number | null;
}

export const DEFAULT_POLICY: WorkedTimePolicy = { unconfirmedIdleLimitMs: null };

/** A stretch of work or break as it counts now, after every correction. */
export interface EffectiveInterval {
  uuid: string;
  kind: SessionKind;
  startMs: number;
  endMs: number;
  timeZone: string;
  /** Entered or edited by hand (a correction), as opposed to recorded or imported as it was. */
  manual: boolean;
  /** Where the time first came from: an edit of a recorded session is still 'recorded'. */
  source: 'recorded' | 'import' | 'manual';
  reason: string | null;
  open: boolean;
}

/** An effective interval with what the worked-time computation needs about its origin. */
export interface ResolvedInterval extends EffectiveInterval {
  /** The device whose recording it goes back to, or that entered it. */
  deviceId: string;
  /** The original recorded session's span when it goes back to one; manual time is what lies outside it. */
  recorded: { startMs: number; endMs: number } | null;
}

/**
 * Resolves replacement chains and removals into the intervals that count now, sorted by start. A
 * correction counts when it is the first replacement of a record that counts (or replaces nothing, or a
 * record not known here yet); a record counts while nothing that counts replaces it.
 */
export function resolveIntervals(records: TimeRecords, nowMs: number): ResolvedInterval[] {
  const sessions = new Map(records.sessions.map((s) => [s.uuid, s]));
  const corrections = new Map(records.corrections.map((c) => [c.uuid, c]));
  const firstReplacement = new Map<string, CorrectionRow>();
  for (const c of records.corrections) if (c.replaces !== null && !firstReplacement.has(c.replaces)) firstReplacement.set(c.replaces, c);

  const validity = new Map<string, boolean>();
  const counts = (c: CorrectionRow): boolean => {
    const known = validity.get(c.uuid);
    if (known !== undefined) return known;
    validity.set(c.uuid, false); // a cycle of replacements counts for nothing
    let ok = true;
    if (c.replaces !== null) {
      const target = corrections.get(c.replaces);
      ok = firstReplacement.get(c.replaces) === c && (target === undefined || counts(target));
    }
    validity.set(c.uuid, ok);
    return ok;
  };
  const replaced = (uuid: string): boolean => {
    const next = firstReplacement.get(uuid);
    return next !== undefined && counts(next);
  };
  /** The session a chain of corrections goes back to, if it is known. */
  const rootSession = (c: CorrectionRow): SessionRow | null => {
    const seen = new Set<string>();
    let at: CorrectionRow | undefined = c;
    while (at && at.replaces !== null && !seen.has(at.uuid)) {
      seen.add(at.uuid);
      const session = sessions.get(at.replaces);
      if (session) return session;
      at = corrections.get(at.replaces);
    }
    return null;
  };

  const out: ResolvedInterval[] = [];
  for (const s of records.sessions) {
    if (replaced(s.uuid)) continue;
    const endMs = s.open && s.runsUntilNow ? Math.max(s.endMs, nowMs) : s.endMs;
    out.push({
      uuid: s.uuid,
      kind: s.kind,
      startMs: s.startMs,
      endMs,
      timeZone: s.timeZone,
      manual: false,
      source: s.source,
      reason: null,
      open: s.open,
      deviceId: s.deviceId,
      recorded: { startMs: s.startMs, endMs },
    });
  }
  for (const c of records.corrections) {
    if (c.startMs === null || c.endMs === null || !counts(c) || replaced(c.uuid)) continue;
    const root = rootSession(c);
    out.push({
      uuid: c.uuid,
      kind: c.kind,
      startMs: c.startMs,
      endMs: c.endMs,
      timeZone: c.timeZone,
      manual: true,
      source: root ? root.source : 'manual',
      reason: c.reason,
      open: false,
      deviceId: root ? root.deviceId : c.deviceId,
      recorded: root ? { startMs: root.startMs, endMs: root.endMs } : null,
    });
  }
  return out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || compareText(a.uuid, b.uuid));
}

/** Only what the API shows of an interval. */
export function toEffective(i: ResolvedInterval): EffectiveInterval {
  return {
    uuid: i.uuid,
    kind: i.kind,
    startMs: i.startMs,
    endMs: i.endMs,
    timeZone: i.timeZone,
    manual: i.manual,
    source: i.source,
    reason: i.reason,
    open: i.open,
  };
}

/**
 * Worked time from stored records. An edit counts as manual only where it lies outside the recorded
 * session it goes back to. A discarded idle stretch (and, by policy, a long unanswered one) takes out only
 * the recorded work of the device that was idle, never manual time or another device's work; idle kept as
 * work (or a call) is claimed, idle nobody answered yet is unconfirmed.
 */
export function workedTimeOf(records: TimeRecords, nowMs: number, policy: WorkedTimePolicy, fallbackTimeZone: string): WorkedTime {
  const resolved = resolveIntervals(records, nowMs);
  const choices = new Map(records.idleChoices.map((c) => [c.idleUuid, c.choice]));
  const cuts = new Map<string, { startMs: number; endMs: number }[]>();
  const marks: IdleMark[] = [];
  for (const idle of records.idle) {
    const choice = choices.get(idle.uuid);
    const tooLong = policy.unconfirmedIdleLimitMs !== null && idle.endMs - idle.startMs > policy.unconfirmedIdleLimitMs;
    if (choice === 'discard' || (choice === undefined && tooLong)) {
      const list = cuts.get(idle.deviceId) ?? [];
      list.push({ startMs: idle.startMs, endMs: idle.endMs });
      cuts.set(idle.deviceId, list);
    } else if (choice === 'work' || choice === 'call' || choice === undefined) {
      marks.push({ startMs: idle.startMs, endMs: idle.endMs, deviceId: idle.deviceId, state: choice === undefined ? 'unconfirmed' : 'claimed' });
    }
    // Idle answered "break" already has its break correction.
  }

  const work: WorkPiece[] = [];
  const breaks: TimeInterval[] = [];
  for (const i of resolved) {
    if (i.kind === 'break') {
      breaks.push({ startMs: i.startMs, endMs: i.endMs, timeZone: i.timeZone, manual: i.manual });
      continue;
    }
    const base = { timeZone: i.timeZone, manual: true, deviceId: null };
    const rec = i.recorded;
    const recStart = rec ? Math.max(rec.startMs, i.startMs) : i.endMs;
    const recEnd = rec ? Math.min(rec.endMs, i.endMs) : i.endMs;
    if (recEnd <= recStart) {
      work.push({ ...base, startMs: i.startMs, endMs: i.endMs });
      continue;
    }
    if (i.startMs < recStart) work.push({ ...base, startMs: i.startMs, endMs: recStart });
    for (const piece of cut({ startMs: recStart, endMs: recEnd }, cuts.get(i.deviceId) ?? [])) {
      work.push({ ...piece, timeZone: i.timeZone, manual: false, deviceId: i.deviceId });
    }
    if (recEnd < i.endMs) work.push({ ...base, startMs: recEnd, endMs: i.endMs });
  }
  return workedTime(work, breaks, marks, fallbackTimeZone);
}

/** `span` with the `holes` taken out. */
function cut(span: { startMs: number; endMs: number }, holes: readonly { startMs: number; endMs: number }[]): { startMs: number; endMs: number }[] {
  let pieces = [span];
  for (const hole of holes) {
    pieces = pieces.flatMap((p) => {
      if (hole.endMs <= p.startMs || hole.startMs >= p.endMs) return [p];
      const kept = [];
      if (hole.startMs > p.startMs) kept.push({ startMs: p.startMs, endMs: hole.startMs });
      if (hole.endMs < p.endMs) kept.push({ startMs: hole.endMs, endMs: p.endMs });
      return kept;
    });
  }
  return pieces;
}
