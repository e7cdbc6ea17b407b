/**
 * Aircall call export, CSV.
 *
 * Based on Aircall's Call object (developer.aircall.io, "Call": `id`, `direction` inbound/outbound,
 * `status`, `started_at`, `answered_at`, `ended_at` as Unix seconds, `duration` in seconds **including
 * ringing**, `missed_call_reason`, `voicemail`, `user`, `raw_digits`) flattened to one row per call, which
 * is how Aircall exports and the usual export scripts and warehouse syncs write it, and on Aircall's
 * Call History field list (support.aircall.io, "Analytics: Call attributes": Answered yes/no,
 * Unanswered Call Reason). Header names from either are accepted.
 *
 * Aircall keeps no hold or after-call-work times, so both are 0. Talk time is `ended_at − answered_at`
 * (ringing excluded); with no `ended_at` it is `duration − (answered_at − started_at)`. An answered
 * call without `answered_at` cannot be split into ringing and talk, and is reported as an error.
 *
 * Unanswered: status missed, voicemail, abandoned or refused; any `missed_call_reason`
 * (out_of_opening_hours, short_abandoned, abandoned_in_ivr, no_available_agent, agents_did_not_answer,
 * …); a `voicemail` left; `Answered` = No; or a finished call (`done`) that was never answered.
 */
import { optional, parseDirection, refuseOutOfBounds, requireId, take, UniqueIds, withParties } from './common';
import type { CallImportOptions, CallImportResult, ImportedCall } from './call-types';
import { ErrorList } from './result';
import { readTable, type ColumnSpec } from './table';
import { parseFlag, parseInstant, parseSecondsDuration } from './values';
import { assertTimeZone } from '../timesheet/local-time';

type Key = 'id' | 'direction' | 'status' | 'answeredFlag' | 'reason' | 'started' | 'answeredAt' | 'ended' | 'duration' | 'voicemail' | 'user' | 'contact';

const COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'id', names: ['id', 'call_id', 'Call ID', 'Call ID (internal)'], required: true, label: 'the call id' },
  { key: 'direction', names: ['direction', 'Call direction'], required: true, label: 'the direction' },
  { key: 'status', names: ['status', 'Call status'] },
  { key: 'answeredFlag', names: ['Answered', 'answered'] },
  { key: 'reason', names: ['missed_call_reason', 'Missed call reason', 'Unanswered Call Reason'] },
  { key: 'started', names: ['started_at', 'Started at', 'Start time'], required: true, label: 'when the call started' },
  { key: 'answeredAt', names: ['answered_at', 'Answered at'] },
  { key: 'ended', names: ['ended_at', 'Ended at', 'End time'] },
  { key: 'duration', names: ['duration', 'Duration', 'duration (total)'] },
  { key: 'voicemail', names: ['voicemail', 'Voicemail'] },
  { key: 'user', names: ['user', 'user_name', 'User', 'User name', 'Agent'] },
  { key: 'contact', names: ['raw_digits', 'External number', 'Contact', 'contact_name'] },
];

const UNANSWERED_STATUS = new Set(['missed', 'voicemail', 'abandoned', 'refused', 'unanswered', 'no answer']);
const KNOWN_STATUS = new Set([...UNANSWERED_STATUS, 'answered', 'done', 'initial', 'completed']);

export function parseAircallCalls(input: string | Uint8Array, options: CallImportOptions): CallImportResult {
  assertTimeZone(options.zone);
  const read = readTable(input, COLUMNS, { what: 'Aircall export' });
  if (!read.ok) return read;
  const { table } = read;
  if (!table.has('status') && !table.has('answeredFlag')) {
    return {
      ok: false,
      errors: [
        {
          line: table.header.line,
          message: 'The Aircall export says neither whether calls were answered: expected a "status" or an "Answered" column.',
          problem: { code: 'no-answered-column', params: {} },
        },
      ],
    };
  }
  const errors = new ErrorList();
  const ids = new UniqueIds('Call id');
  const calls: ImportedCall[] = [];
  const instant = (value: string, what: string, line: number) =>
    value === '' ? null : take(parseInstant(value, options.zone, what, { epoch: true }), errors, line);

  for (const row of table.rows) {
    const { line } = row;
    const before = errors.size;
    const id = take(requireId(row.get('id'), 'The call id'), errors, line);
    const direction = take(parseDirection(row.get('direction')), errors, line);
    const startMs = instant(row.get('started'), 'started_at', line);
    if (startMs === null) errors.add(line, 'started_at is empty: every call needs its start time.', { code: 'empty-date', params: { what: 'started_at' } });
    const answeredAt = instant(row.get('answeredAt'), 'answered_at', line);
    const endedAt = instant(row.get('ended'), 'ended_at', line);
    const durationText = row.get('duration');
    const durationMs = durationText === '' ? null : take(parseSecondsDuration(durationText, 'duration'), errors, line);
    const status = row.get('status').toLowerCase().replace(/_/g, ' ');
    if (status !== '' && !KNOWN_STATUS.has(status)) {
      errors.add(line, `status "${row.get('status')}" is not an Aircall call status: expected answered, done, missed, voicemail, abandoned or refused.`, {
        code: 'not-aircall-status',
        params: { value: row.get('status') },
      });
    }
    const flag = take(parseFlag(row.get('answeredFlag'), 'Answered'), errors, line);
    const voicemailText = row.get('voicemail');
    const voicemail = /^(?:https?:\/\/|true$|yes$|1$)/i.test(voicemailText);
    if (id !== undefined) ids.check(id, line, errors);
    if (errors.size > before) continue;

    const answered =
      !UNANSWERED_STATUS.has(status) &&
      row.get('reason') === '' &&
      !voicemail &&
      flag !== false &&
      (flag === true ||
        status === 'answered' ||
        status === 'completed' ||
        (status === 'done' && answeredAt !== null) ||
        (status === '' && answeredAt !== null));

    let talkMs = 0;
    if (answered) {
      if (answeredAt === null || answeredAt === undefined) {
        errors.add(
          line,
          "This answered call has no answered_at, so its ringing cannot be told from its talk (Aircall's duration includes ringing); export answered_at too.",
          { code: 'no-answered-at', params: {} },
        );
        continue;
      }
      if (endedAt !== null && endedAt !== undefined) talkMs = endedAt - answeredAt;
      else if (durationMs !== null && durationMs !== undefined) talkMs = durationMs - (answeredAt - startMs!);
      else {
        errors.add(line, 'This answered call has neither ended_at nor duration, so its talk time is unknown.', { code: 'no-talk-time', params: {} });
        continue;
      }
      if (talkMs < 0 || answeredAt < startMs!) {
        errors.add(line, 'answered_at is outside the call (before started_at or after its end); check the export.', {
          code: 'answered-outside-call',
          params: {},
        });
        continue;
      }
    }

    const call = withParties(
      { externalId: id!, startMs: startMs!, answered, talkMs, holdMs: 0, wrapMs: 0, direction: direction!, system: 'aircall' },
      optional(row.get('user')),
      optional(row.get('contact')),
    );
    if (!refuseOutOfBounds(call, line, errors)) calls.push(call);
  }
  return errors.size > 0 ? { ok: false, errors: errors.toArray() } : { ok: true, calls };
}
