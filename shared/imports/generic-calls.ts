/**
 * Stint's generic call-log CSV, for any dialer without its own importer. The format is specified in
 * README.md ("Generic call CSV") beside this file; this parser is its reference.
 */
import { optional, parseDirection, requireId, take, UniqueIds, withParties } from './common';
import type { CallImportOptions, CallImportResult, ImportedCall } from './call-types';
import { ErrorList } from './result';
import { readTable, type ColumnSpec } from './table';
import { assertZone, parseFlag, parseFlexibleDuration, parseInstant } from './values';

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
  assertZone(options.zone);
  const read = readTable(input, GENERIC_CALL_COLUMNS, { what: 'call CSV' });
  if (!read.ok) return read;
  const errors = new ErrorList();
  const ids = new UniqueIds('id');
  const calls: ImportedCall[] = [];

  for (const row of read.table.rows) {
    const { line } = row;
    const before = errors.size;
    const id = take(requireId(row.get('id'), 'id'), errors, line);
    const startMs = take(parseInstant(row.get('start'), options.zone, 'start'), errors, line);
    const direction = take(parseDirection(row.get('direction'), 'direction'), errors, line);
    const answered = take(parseFlag(row.get('answered'), 'answered'), errors, line);
    if (answered === null) errors.add(line, 'answered is empty: expected yes or no.');
    const duration = (key: 'talk' | 'hold' | 'wrap', name: string) => {
      const v = row.get(key);
      return v === '' ? 0 : take(parseFlexibleDuration(v, name), errors, line);
    };
    const talkMs = duration('talk', 'talk_seconds');
    const holdMs = duration('hold', 'hold_seconds');
    const wrapMs = duration('wrap', 'wrap_seconds');
    if (answered === true && row.get('talk') === '') errors.add(line, 'talk_seconds is empty for an answered call: expected its talk time.');
    if (answered === false && ((talkMs ?? 0) > 0 || (holdMs ?? 0) > 0 || (wrapMs ?? 0) > 0)) {
      errors.add(line, 'An unanswered call has talk, hold or wrap-up time: expected 0 or empty, or answered = yes.');
    }
    if (id !== undefined) ids.check(id, line, errors);
    if (errors.size > before) continue;

    calls.push(
      withParties(
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
      ),
    );
  }
  return errors.size > 0 ? { ok: false, errors: errors.toArray() } : { ok: true, calls };
}
