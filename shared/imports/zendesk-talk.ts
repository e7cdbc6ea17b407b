/**
 * Zendesk Talk call export as CSV.
 *
 * Based on the fields of Zendesk's Talk "Incremental Calls Export" (developer.zendesk.com, Talk API →
 * Incremental Exports), which is what Talk call exports and the usual export scripts write, one call per
 * row with the API field names as headers: `id`, `created_at` (ISO 8601, UTC), `direction`
 * (`inbound`/`outbound`), `completion_status`, `talk_time`, `hold_time`, `wrap_up_time` (whole seconds),
 * `agent_id`, `phone_number` (the customer's number), `customer_id`, `voicemail` (true/false).
 *
 * Answered: `completion_status` is `completed` and `voicemail` is not true. Every other status
 * (`abandoned_in_queue`, `abandoned_in_ivr`, `abandoned_on_hold`, `abandoned_in_voicemail`,
 * `agent_missed`, `agent_declined`, `agent_unavailable`, `voicemail`, `callback_requested`, …) is a call
 * no agent handled.
 */
import { callsFromRows, optional, parseDirection, requireId, take, withParties } from './common';
import type { CallImportOptions, CallImportResult } from './call-types';
import type { ColumnSpec } from './table';
import { parseFlag, parseInstant, parseSecondsDuration } from './values';
import { assertTimeZone } from '../timesheet/local-time';

type Key = 'id' | 'created' | 'direction' | 'status' | 'talk' | 'hold' | 'wrap' | 'agent' | 'phone' | 'customer' | 'voicemail';

const COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'id', names: ['id', 'call_id', 'Call ID'], required: true, label: 'the call id' },
  { key: 'created', names: ['created_at', 'Call created at', 'Created at'], required: true, label: 'when the call started' },
  { key: 'direction', names: ['direction', 'Call direction'], required: true, label: 'the direction' },
  { key: 'status', names: ['completion_status', 'Call completion status'], required: true, label: 'whether the call was answered' },
  { key: 'talk', names: ['talk_time', 'Call talk time'], required: true, label: 'talk time' },
  { key: 'hold', names: ['hold_time', 'Call hold time'], required: true, label: 'hold time' },
  { key: 'wrap', names: ['wrap_up_time', 'Call wrap-up time'], required: true, label: 'wrap-up time' },
  { key: 'agent', names: ['agent_id', 'agent_name', 'Agent name', 'Call agent'] },
  { key: 'phone', names: ['phone_number', 'Caller phone number'] },
  { key: 'customer', names: ['customer_id', 'customer_name'] },
  { key: 'voicemail', names: ['voicemail', 'Call voicemail'] },
];

export function parseZendeskTalkCalls(input: string | Uint8Array, options: CallImportOptions): CallImportResult {
  assertTimeZone(options.zone);
  return callsFromRows(input, COLUMNS, 'Zendesk Talk export', 'Call id', (row, errors) => {
    const { line } = row;
    const id = take(requireId(row.get('id'), 'The call id'), errors, line);
    const startMs = take(parseInstant(row.get('created'), options.zone, 'created_at'), errors, line);
    const direction = take(parseDirection(row.get('direction'), 'direction'), errors, line);
    const status = row.get('status').toLowerCase();
    if (status === '')
      errors.add(line, 'completion_status is empty: expected completed, or the reason the call was not handled (abandoned_in_queue, agent_missed, …).', {
        code: 'completion-status-empty',
        params: {},
      });
    const duration = (key: 'talk' | 'hold' | 'wrap', name: string) => {
      const v = row.get(key);
      return v === '' ? 0 : take(parseSecondsDuration(v, name), errors, line);
    };
    const talkMs = duration('talk', 'talk_time');
    const holdMs = duration('hold', 'hold_time');
    const wrapMs = duration('wrap', 'wrap_up_time');
    const voicemail = take(parseFlag(row.get('voicemail'), 'voicemail'), errors, line);
    return withParties(
      {
        externalId: id!,
        startMs: startMs!,
        answered: status === 'completed' && voicemail !== true,
        talkMs: talkMs!,
        holdMs: holdMs!,
        wrapMs: wrapMs!,
        direction: direction!,
        system: 'zendesk-talk',
      },
      optional(row.get('agent')),
      optional(row.get('phone')) ?? optional(row.get('customer')),
    );
  });
}
