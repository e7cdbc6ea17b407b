/**
 * Stint's generic call-log CSV, for any dialer without its own importer. The format is specified in
 * README.md ("Generic call CSV") beside this file; this parser is its reference.
 */
import { callsFromRows, optional, parseDirection, requireId, take, withParties } from './common';
import type { CallImportOptions, CallImportResult } from './call-types';
import type { ColumnSpec } from './table';
import { parseFlag, parseFlexibleDuration, parseInstant } from './values';
import { assertTimeZone } from '../timesheet/local-time';

type Key = 'id' | 'start' | 'direction' | 'answered' | 'talk' | 'hold' | 'wrap' | 'agent' | 'contact';

export const GENERIC_CALL_COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'id', names: ['id'], required: true },
  { key: 'start', names: ['start'], required: true },
  { key: 'direction', names: ['direction'], required: true },
  { key: 'answered', names: ['answered'], required: true },
  { key: 'talk', names: ['talk_seconds'], required: true },
  { key: 'hold', names: ['hold_seconds'] },
  { key: 'wrap', names: ['wrap_seconds'] },
  { key: 'agent', names: ['agent'] },
  { key: 'contact', names: ['contact'] },
];

export function parseGenericCalls(input: string | Uint8Array, options: CallImportOptions): CallImportResult {
  assertTimeZone(options.zone);
  return callsFromRows(input, GENERIC_CALL_COLUMNS, 'call CSV', 'id', (row, errors) => {
    const { line } = row;
    const id = take(requireId(row.get('id'), 'id'), errors, line);
    const startMs = take(parseInstant(row.get('start'), options.zone, 'start'), errors, line);
    const direction = take(parseDirection(row.get('direction'), 'direction'), errors, line);
    const answered = take(parseFlag(row.get('answered'), 'answered'), errors, line);
    if (answered === null) errors.add(line, 'answered is empty: expected yes or no.', { code: 'answered-empty', params: {} });
    const duration = (key: 'talk' | 'hold' | 'wrap', name: string) => {
      const v = row.get(key);
      return v === '' ? 0 : take(parseFlexibleDuration(v, name), errors, line);
    };
    const talkMs = duration('talk', 'talk_seconds');
    const holdMs = duration('hold', 'hold_seconds');
    const wrapMs = duration('wrap', 'wrap_seconds');
    if (answered === true && row.get('talk') === '')
      errors.add(line, 'talk_seconds is empty for an answered call: expected its talk time.', { code: 'talk-empty', params: {} });
    if (answered === false && ((talkMs ?? 0) > 0 || (holdMs ?? 0) > 0 || (wrapMs ?? 0) > 0)) {
      errors.add(line, 'An unanswered call has talk, hold or wrap-up time: expected 0 or empty, or answered = yes.', {
        code: 'unanswered-with-time',
        params: {},
      });
    }
    return withParties(
      {
        externalId: id!,
        startMs: startMs!,
        answered: answered!,
        talkMs: talkMs!,
        holdMs: holdMs!,
        wrapMs: wrapMs!,
        direction: direction!,
        system: 'generic',
      },
      optional(row.get('agent')),
      optional(row.get('contact')),
    );
  });
}
