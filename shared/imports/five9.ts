/**
 * Five9 "Call Log" report, CSV.
 *
 * Based on the columns of Five9's standard Call Log report as exported (and as the Five9 web-services
 * report API returns it): `CALL ID`, `TIMESTAMP` (e.g. `Thu, 27 Oct 2016 14:51:34`, no offset: the
 * report's time zone), `CAMPAIGN`, `CALL TYPE` (Inbound, Outbound, Manual, Autodial, Preview, …),
 * `AGENT` (a user name, or `[None]` when no agent took the call), `AGENT NAME`, `DISPOSITION`, `ANI`,
 * `DNIS`, `CUSTOMER NAME`, and durations as `hh:mm:ss`: `CALL TIME`, `TALK TIME`, `HOLD TIME`,
 * `AFTER CALL WORK TIME`, `QUEUE WAIT TIME`, `RING TIME`; plus `TRANSFERS` and `ABANDONED` (0/1). See
 * also Five9's "Call Segment Reference", which explains why one call has several rows.
 *
 * A call that was transferred or conferenced has **several rows with the same CALL ID**, one per
 * segment. They are combined into one call: start = the earliest TIMESTAMP; talk, hold and after-call
 * work are summed; direction comes from the earliest row; the call is answered when any row has a real
 * agent (not `[None]`), talk time and no ABANDONED flag; `agent` is the first such AGENT (the Five9 user
 * name, stable across name changes), else the first real AGENT at all. A call whose rows all say `[None]` (abandoned in queue or IVR) or
 * have no talk (an outbound dial nobody picked up) is unanswered; an unanswered dial keeps the agent who
 * made it. `contact` is CUSTOMER NAME,
 * else the caller's ANI for inbound calls and the dialled DNIS for outbound ones.
 */
import { DateTime } from 'luxon';
import type { CallDirection } from '../calls/types';
import { optional, refuseOutOfBounds, take } from './common';
import type { CallImportOptions, CallImportResult, ImportedCall } from './call-types';
import { ErrorList } from './result';
import { readTable, type ColumnSpec } from './table';
import { localToMs, parseClockDuration, parseFlag, type Parsed } from './values';
import { assertTimeZone } from '../timesheet/local-time';

type Key = 'id' | 'timestamp' | 'type' | 'agent' | 'ani' | 'dnis' | 'customer' | 'talk' | 'hold' | 'acw' | 'abandoned';

const COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'id', names: ['CALL ID'], required: true },
  { key: 'timestamp', names: ['TIMESTAMP'], required: true },
  { key: 'type', names: ['CALL TYPE'], required: true },
  { key: 'agent', names: ['AGENT'], required: true },
  { key: 'ani', names: ['ANI'] },
  { key: 'dnis', names: ['DNIS'] },
  { key: 'customer', names: ['CUSTOMER NAME'] },
  { key: 'talk', names: ['TALK TIME'], required: true },
  { key: 'hold', names: ['HOLD TIME'], required: true },
  { key: 'acw', names: ['AFTER CALL WORK TIME'], required: true },
  { key: 'abandoned', names: ['ABANDONED'] },
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC_STYLE = /^(?:(?<wd>[A-Za-z]{3}),?\s+)?(?<d>\d{1,2})\s+(?<mon>[A-Za-z]{3})\s+(?<y>\d{4})\s+(?<h>\d{1,2}):(?<mi>\d{2}):(?<s>\d{2})$/;
const NUMERIC = /^(?<y>\d{4})[-/](?<m>\d{1,2})[-/](?<d>\d{1,2})[ T](?<h>\d{1,2}):(?<mi>\d{2}):(?<s>\d{2})$/;

/** TIMESTAMP as Five9 writes it (`Thu, 27 Oct 2016 14:51:34`, or `2016/10/27 14:51:34`), read in `zone`. */
export function parseFive9Timestamp(value: string, zone: string): Parsed<number> {
  const v = value.trim();
  const rfc = RFC_STYLE.exec(v)?.groups;
  const num = rfc ? undefined : NUMERIC.exec(v)?.groups;
  const g = rfc ?? num;
  const month = rfc ? MONTHS.indexOf(rfc['mon']!.toLowerCase()) + 1 : Number(num?.['m']);
  if (!g || month < 1) {
    return {
      ok: false,
      error: `TIMESTAMP "${value}" is not a Five9 timestamp: expected a date and time like "Thu, 27 Oct 2016 14:51:34".`,
    };
  }
  const parts = { year: Number(g['y']), month, day: Number(g['d']), hour: Number(g['h']), minute: Number(g['mi']), second: Number(g['s']) };
  const ms = localToMs(parts, zone, v);
  if (!ms.ok) return { ok: false, error: `TIMESTAMP ${ms.error}` };
  const weekday = rfc?.['wd'];
  if (weekday && DateTime.fromMillis(ms.value, { zone }).toFormat('ccc', { locale: 'en-US' }).toLowerCase() !== weekday.toLowerCase()) {
    return { ok: false, error: `TIMESTAMP "${value}" names the wrong weekday for that date.` };
  }
  return ms;
}

const INBOUND = /^inbound\b/i;
const OUTBOUND = /^(?:outbound|manual|autodial|preview|agent|queue callback|3rd party transfer|internal)\b/i;

function five9Direction(value: string): Parsed<CallDirection> {
  if (INBOUND.test(value)) return { ok: true, value: 'in' };
  if (OUTBOUND.test(value)) return { ok: true, value: 'out' };
  return {
    ok: false,
    error: `CALL TYPE "${value}" is not one Stint knows: expected Inbound, Outbound, Manual, Autodial, Preview, Agent, Queue Callback or Internal.`,
  };
}

const NO_AGENT = /^\[?none\]?$/i;

interface Segment {
  line: number;
  startMs: number;
  direction: CallDirection;
  agent: string | null;
  handled: boolean;
  talkMs: number;
  holdMs: number;
  wrapMs: number;
  contact?: string;
}

export function parseFive9CallLog(input: string | Uint8Array, options: CallImportOptions): CallImportResult {
  assertTimeZone(options.zone);
  const read = readTable(input, COLUMNS, { what: 'Five9 call log' });
  if (!read.ok) return read;
  const errors = new ErrorList();
  const byId = new Map<string, Segment[]>();

  for (const row of read.table.rows) {
    const { line } = row;
    const before = errors.size;
    const id = row.get('id');
    if (id === '') errors.add(line, 'CALL ID is empty; every row needs one.', { code: 'empty-id', params: { what: 'CALL ID' } });
    const startMs = take(parseFive9Timestamp(row.get('timestamp'), options.zone), errors, line);
    const direction = take(five9Direction(row.get('type')), errors, line);
    const duration = (key: 'talk' | 'hold' | 'acw', name: string) => {
      const v = row.get(key);
      return v === '' ? 0 : take(parseClockDuration(v, name), errors, line);
    };
    const talkMs = duration('talk', 'TALK TIME');
    const holdMs = duration('hold', 'HOLD TIME');
    const wrapMs = duration('acw', 'AFTER CALL WORK TIME');
    const abandoned = take(parseFlag(row.get('abandoned'), 'ABANDONED'), errors, line);
    if (errors.size > before) continue;

    const agent = row.get('agent');
    const realAgent = agent !== '' && !NO_AGENT.test(agent);
    const segment: Segment = {
      line,
      startMs: startMs!,
      direction: direction!,
      agent: realAgent ? agent : null,
      // Handled: a real agent talked. An outbound dial nobody answered has the agent but no talk time.
      handled: realAgent && abandoned !== true && talkMs! > 0,
      talkMs: talkMs!,
      holdMs: holdMs!,
      wrapMs: wrapMs!,
    };
    const contact = optional(row.get('customer')) ?? optional(direction === 'in' ? row.get('ani') : row.get('dnis'));
    if (contact) segment.contact = contact;
    let list = byId.get(id);
    if (!list) byId.set(id, (list = []));
    list.push(segment);
  }
  if (errors.size > 0) return { ok: false, errors: errors.toArray() };

  const calls: ImportedCall[] = [];
  for (const [id, segments] of byId) {
    // Earliest first; rows with equal timestamps keep file order.
    const ordered = [...segments].sort((a, b) => a.startMs - b.startMs || a.line - b.line);
    const first = ordered[0]!;
    const handler = ordered.find((s) => s.handled);
    const agent = (handler ?? ordered.find((s) => s.agent !== null))?.agent ?? undefined;
    const call: ImportedCall = {
      externalId: id,
      startMs: first.startMs,
      answered: handler !== undefined,
      talkMs: ordered.reduce((sum, s) => sum + s.talkMs, 0),
      holdMs: ordered.reduce((sum, s) => sum + s.holdMs, 0),
      wrapMs: ordered.reduce((sum, s) => sum + s.wrapMs, 0),
      direction: first.direction,
      system: 'five9',
    };
    if (agent !== undefined) call.agent = agent;
    const contact = ordered.find((s) => s.contact !== undefined)?.contact;
    if (contact !== undefined) call.contact = contact;
    if (!refuseOutOfBounds(call, first.line, errors)) calls.push(call);
  }
  return errors.size > 0 ? { ok: false, errors: errors.toArray() } : { ok: true, calls };
}
