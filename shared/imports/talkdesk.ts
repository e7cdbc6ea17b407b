/**
 * Talkdesk "Contacts" report (Explore), CSV.
 *
 * Based on the Contacts report's columns as documented in Talkdesk's data dictionary
 * (data-dictionary.talkdesk.com, "Contacts Report") and as the Explore reports API writes them:
 * `Interaction ID`, `Contact ID`, `Direction` (Inbound/Outbound), `Contact Type`, `Started At`
 * (`yyyy-mm-dd hh:mm:ss` in the report's time zone), `Answered At`, `Talk Time`, `Hold Time`,
 * `After Call Work Time`, `Finished At`, `User Name`, `Contact Person Number`, …
 *
 * One row is one contact. An interaction that was transferred has one contact per leg, each handled by
 * one agent, and Talkdesk computes AHT per contact; so the call's id is the Contact ID (the Interaction
 * ID only when the report has no Contact ID column).
 *
 * Contact Type decides answered: Answered (inbound) and Connected (outbound) are answered; Missed,
 * Abandoned, Short Abandoned, Voicemail and Not Connected are not. The older Calls report's types
 * (inbound, outbound, missed, abandoned, short_abandoned, voicemail, outbound_missed) are accepted too.
 * Durations may be `hh:mm:ss` or seconds.
 */
import { callsFromTable, optional, parseDirection, requireId, take, withParties } from './common';
import type { CallImportOptions, CallImportResult } from './call-types';
import { readTable, type ColumnSpec } from './table';
import { parseFlexibleDuration, parseInstant, type Parsed } from './values';
import { assertTimeZone } from '../timesheet/local-time';

type Key = 'contactId' | 'interactionId' | 'direction' | 'type' | 'started' | 'talk' | 'hold' | 'acw' | 'user' | 'contact';

const COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'contactId', names: ['Contact ID', 'contact_id'] },
  { key: 'interactionId', names: ['Interaction ID', 'interaction_id', 'Call ID', 'call_id'] },
  { key: 'direction', names: ['Direction', 'direction'], required: true },
  { key: 'type', names: ['Contact Type', 'Type', 'type'], required: true, label: 'the contact type' },
  { key: 'started', names: ['Started At', 'Start Time', 'start_at'], required: true, label: 'when the contact started' },
  { key: 'talk', names: ['Talk Time', 'talk_time'], required: true },
  { key: 'hold', names: ['Hold Time', 'hold_time'], required: true },
  { key: 'acw', names: ['After Call Work Time', 'Wrap Up Time', 'wrap_up_time'] },
  { key: 'user', names: ['User Name', 'Agent Name', 'user_name'] },
  { key: 'contact', names: ['Contact Person Number', 'Customer Phone Number', 'contact_phone_number'] },
];

const ANSWERED = new Set(['answered', 'connected', 'inbound', 'outbound']);
const UNANSWERED = new Set(['missed', 'abandoned', 'short abandoned', 'voicemail', 'not connected', 'outbound missed', 'no answer']);

function contactAnswered(value: string): Parsed<boolean> {
  const v = value.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  if (ANSWERED.has(v)) return { ok: true, value: true };
  if (UNANSWERED.has(v)) return { ok: true, value: false };
  return {
    ok: false,
    error: `Contact Type "${value}" is not one Stint knows: expected Answered, Connected, Missed, Abandoned, Short Abandoned, Voicemail or Not Connected.`,
  };
}

export function parseTalkdeskContacts(input: string | Uint8Array, options: CallImportOptions): CallImportResult {
  assertTimeZone(options.zone);
  const read = readTable(input, COLUMNS, { what: 'Talkdesk contacts report' });
  if (!read.ok) return read;
  const { table } = read;
  const idKey: Key = table.has('contactId') ? 'contactId' : 'interactionId';
  if (!table.has(idKey)) {
    return {
      ok: false,
      errors: [
        {
          line: table.header.line,
          message: 'The Talkdesk contacts report has no "Contact ID" (or "Interaction ID") column; add it to the report and export again.',
          problem: { code: 'no-contact-id-column', params: {} },
        },
      ],
    };
  }
  const idName = table.headerName(idKey)!;
  return callsFromTable(table.rows, idName, (row, errors) => {
    const { line } = row;
    const id = take(requireId(row.get(idKey), idName), errors, line);
    const direction = take(parseDirection(row.get('direction')), errors, line);
    const answered = take(contactAnswered(row.get('type')), errors, line);
    const startMs = take(parseInstant(row.get('started'), options.zone, 'Started At'), errors, line);
    const duration = (key: 'talk' | 'hold' | 'acw', name: string) => {
      const v = row.get(key);
      return v === '' ? 0 : take(parseFlexibleDuration(v, name), errors, line);
    };
    return withParties(
      {
        externalId: id!,
        startMs: startMs!,
        answered: answered!,
        talkMs: duration('talk', 'Talk Time')!,
        holdMs: duration('hold', 'Hold Time')!,
        wrapMs: duration('acw', 'After Call Work Time')!,
        direction: direction!,
        system: 'talkdesk',
      },
      optional(row.get('user')),
      optional(row.get('contact')),
    );
  });
}
