import { describe, expect, it } from 'vitest';
import { callMetrics } from '../calls/call-metrics';
import { parseAircallCalls } from './aircall';
import { callImportKey, newImportedCalls, type CallImportResult, type ImportedCall } from './call-types';
import { AIRCALL_CALLS, FIVE9_CALL_LOG, GENERIC_CALLS, TALKDESK_CONTACTS, ZENDESK_TALK_EXPORT } from './fixtures/call-logs';
import { utf8 } from './fixtures/encode';
import { parseFive9CallLog, parseFive9Timestamp } from './five9';
import { parseGenericCalls } from './generic-calls';
import { parseCallLog } from './index';
import { parseTalkdeskContacts } from './talkdesk';
import { parseZendeskTalkCalls } from './zendesk-talk';

const S = 1000;
const utc = (iso: string): number => Date.parse(iso);

function calls(result: CallImportResult): ImportedCall[] {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  return result.calls;
}

function errors(result: CallImportResult) {
  if (result.ok) throw new Error('expected the import to fail');
  // The English messages (the coded problems for the views are tested in import-problems.test.ts).
  return result.errors.map(({ line, message }) => ({ line, message }));
}

describe('Five9 call log', () => {
  const LA = { zone: 'America/Los_Angeles' };

  it('combines the rows of a transferred call and reads TIMESTAMP in the report zone', () => {
    expect(calls(parseFive9CallLog(FIVE9_CALL_LOG, LA))).toEqual([
      // 09:15:04 PDT = 16:15:04Z; 4:35 talk, 0:20 hold, 1:05 ACW
      {
        externalId: '300001',
        startMs: utc('2026-06-02T16:15:04Z'),
        answered: true,
        talkMs: 275 * S,
        holdMs: 20 * S,
        wrapMs: 65 * S,
        direction: 'in',
        agent: 'jdoe@acme.com',
        contact: 'Smith, John',
        system: 'five9',
      },
      // two rows: talk 2:00 + 5:10 = 430 s, hold 30 s, ACW 15 + 40 = 55 s, first agent, earliest start
      {
        externalId: '300002',
        startMs: utc('2026-06-02T17:00:00Z'),
        answered: true,
        talkMs: 430 * S,
        holdMs: 30 * S,
        wrapMs: 55 * S,
        direction: 'in',
        agent: 'asmith@acme.com',
        contact: '4155550102',
        system: 'five9',
      },
      // [None], abandoned in queue
      {
        externalId: '300003',
        startMs: utc('2026-06-02T17:01:30Z'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 0,
        direction: 'in',
        contact: '4155550103',
        system: 'five9',
      },
      // manual dial, no answer: the dialling agent, no talk, the DNIS as contact
      {
        externalId: '300004',
        startMs: utc('2026-06-02T18:30:00Z'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 10 * S,
        direction: 'out',
        agent: 'jdoe@acme.com',
        contact: '2125550199',
        system: 'five9',
      },
      {
        externalId: '300005',
        startMs: utc('2026-06-02T18:45:00Z'),
        answered: true,
        talkMs: 180 * S,
        holdMs: 0,
        wrapMs: 30 * S,
        direction: 'out',
        agent: 'jdoe@acme.com',
        contact: 'Globex Corp',
        system: 'five9',
      },
    ]);
  });

  it('feeds the metrics: AHT over the three handled calls', () => {
    // handle 275+20+65 = 360; 430+30+55 = 515; 180+30 = 210 → 1085 / 3
    const m = callMetrics(calls(parseFive9CallLog(FIVE9_CALL_LOG, LA)));
    expect(m).toMatchObject({ calls: 5, answered: 3, medianHandleSeconds: 360, p90HandleSeconds: 515 });
    expect(m.ahtSeconds).toBeCloseTo(1085 / 3, 9);
  });

  it('reads the same wall-clock times differently in another zone', () => {
    expect(calls(parseFive9CallLog(FIVE9_CALL_LOG, { zone: 'America/New_York' }))[0]!.startMs).toBe(utc('2026-06-02T13:15:04Z'));
  });

  it('timestamps: both spellings, wrong weekday and DST gap refused', () => {
    expect(parseFive9Timestamp('2026/06/02 09:15:04', 'America/Los_Angeles')).toEqual({ ok: true, value: utc('2026-06-02T16:15:04Z') });
    expect(parseFive9Timestamp('Wed, 02 Jun 2026 09:15:04', 'UTC')).toEqual({
      ok: false,
      error: 'TIMESTAMP "Wed, 02 Jun 2026 09:15:04" names the wrong weekday for that date.',
    });
    expect(parseFive9Timestamp('Sun, 08 Mar 2026 02:30:00', 'America/Los_Angeles').ok).toBe(false);
    expect(parseFive9Timestamp('06-02-2026 9:15', 'UTC')).toEqual({
      ok: false,
      error: 'TIMESTAMP "06-02-2026 9:15" is not a Five9 timestamp: expected a date and time like "Thu, 27 Oct 2016 14:51:34".',
    });
  });

  it('all or nothing: every bad row is listed with its line and nothing is imported', () => {
    const bad = FIVE9_CALL_LOG.replace('00:04:35', '4m35s').replace(',Manual,', ',Carrier Pigeon,');
    expect(errors(parseFive9CallLog(bad, LA))).toEqual([
      { line: 2, message: 'TALK TIME "4m35s" is not a duration: expected hh:mm:ss, like 00:04:35.' },
      {
        line: 6,
        message: 'CALL TYPE "Carrier Pigeon" is not one Stint knows: expected Inbound, Outbound, Manual, Autodial, Preview, Agent, Queue Callback or Internal.',
      },
    ]);
  });

  it('names a missing column', () => {
    const noAgent = FIVE9_CALL_LOG.replace('AGENT,AGENT NAME', 'USER,AGENT NAME');
    expect(errors(parseFive9CallLog(noAgent, LA))).toEqual([
      { line: 1, message: 'The Five9 call log has no "AGENT" column; add it to the export and try again.' },
    ]);
  });
});

describe('Zendesk Talk export', () => {
  it('reads a BOM + CRLF export; only completed, non-voicemail calls are answered', () => {
    expect(calls(parseZendeskTalkCalls(ZENDESK_TALK_EXPORT, { zone: 'UTC' }))).toEqual([
      {
        externalId: '360001',
        startMs: utc('2026-03-02T14:05:00Z'),
        answered: true,
        talkMs: 300 * S,
        holdMs: 60 * S,
        wrapMs: 45 * S,
        direction: 'in',
        agent: '9001',
        contact: '+14155550101',
        system: 'zendesk-talk',
      },
      {
        externalId: '360002',
        startMs: utc('2026-03-02T14:30:10Z'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 0,
        direction: 'in',
        contact: '+14155550102',
        system: 'zendesk-talk',
      },
      {
        externalId: '360003',
        startMs: utc('2026-03-02T15:00:00Z'),
        answered: true,
        talkMs: 125 * S,
        holdMs: 0,
        wrapMs: 700 * S,
        direction: 'out',
        agent: '9002',
        contact: '+12125550103',
        system: 'zendesk-talk',
      },
      {
        externalId: '360004',
        startMs: utc('2026-03-02T16:00:00Z'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 0,
        direction: 'in',
        contact: '+14155550104',
        system: 'zendesk-talk',
      },
      {
        externalId: '360005',
        startMs: utc('2026-03-02T16:10:00Z'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 0,
        direction: 'in',
        agent: '9001',
        contact: '+14155550105',
        system: 'zendesk-talk',
      },
    ]);
  });

  it('the same export as bytes decodes the same', () => {
    expect(parseZendeskTalkCalls(utf8(ZENDESK_TALK_EXPORT), { zone: 'UTC' })).toEqual(parseZendeskTalkCalls(ZENDESK_TALK_EXPORT, { zone: 'UTC' }));
  });

  it('metrics cap the 700 s wrap-up at 600 s', () => {
    // handled: 300+60+45 = 405 and 125+0+600 = 725 → AHT 565
    expect(callMetrics(calls(parseZendeskTalkCalls(ZENDESK_TALK_EXPORT, { zone: 'UTC' }))).ahtSeconds).toBe(565);
  });

  it('reports a duplicated id, a bad direction and an empty status', () => {
    const lines = ZENDESK_TALK_EXPORT.split('\r\n');
    lines[2] = lines[2]!.replace('360002', '360001').replace('inbound,abandoned_in_queue', 'sideways,');
    expect(errors(parseZendeskTalkCalls(lines.join('\r\n'), { zone: 'UTC' }))).toEqual([
      { line: 3, message: 'direction "sideways" is not a call direction: expected inbound or outbound.' },
      { line: 3, message: 'completion_status is empty: expected completed, or the reason the call was not handled (abandoned_in_queue, agent_missed, …).' },
      { line: 3, message: 'Call id "360001" already appears on line 2; each row must be a different record.' },
    ]);
  });
});

describe('Talkdesk contacts report', () => {
  const SP = { zone: 'America/Sao_Paulo' };

  it('one call per contact, answered by contact type, times in the report zone', () => {
    const got = calls(parseTalkdeskContacts(TALKDESK_CONTACTS, SP));
    expect(got.map((c) => [c.externalId, c.answered, c.direction, c.startMs, c.talkMs / S, c.holdMs / S, c.wrapMs / S, c.agent ?? null])).toEqual([
      ['C-1', true, 'in', utc('2026-03-02T12:00:00Z'), 300, 45, 60, 'Ana Lima'],
      ['C-2', false, 'in', utc('2026-03-02T12:10:00Z'), 0, 0, 0, null],
      ['C-3', true, 'in', utc('2026-03-02T13:00:00Z'), 120, 0, 0, 'Ana Lima'],
      ['C-4', true, 'in', utc('2026-03-02T13:02:09Z'), 240, 30, 50, 'Bruno Costa'],
      ['C-5', true, 'out', utc('2026-03-02T14:00:00Z'), 150, 0, 20, 'Ana Lima'],
      ['C-6', false, 'out', utc('2026-03-02T14:05:00Z'), 0, 0, 0, 'Ana Lima'],
      ['C-7', false, 'in', utc('2026-03-02T22:30:00Z'), 0, 0, 0, null],
    ]);
    expect(got[0]!.contact).toBe('+5511999990001');
  });

  it('falls back to Interaction ID and accepts durations in seconds', () => {
    const text =
      'Interaction ID,Direction,Type,Start Time,Talk Time,Hold Time\nabc,outbound,outbound_missed,2026-03-02T14:00:00Z,0,0\ndef,inbound,inbound,2026-03-02T15:00:00Z,95,5\n';
    expect(calls(parseTalkdeskContacts(text, SP)).map((c) => [c.externalId, c.answered, c.talkMs])).toEqual([
      ['abc', false, 0],
      ['def', true, 95 * S],
    ]);
  });

  it('refuses an unknown contact type, naming the ones it knows', () => {
    const bad = TALKDESK_CONTACTS.replace('"Voicemail"', '"Callback"');
    expect(errors(parseTalkdeskContacts(bad, SP))).toEqual([
      {
        line: 8,
        message:
          'Contact Type "Callback" is not one Stint knows: expected Answered, Connected, Missed, Abandoned, Short Abandoned, Voicemail or Not Connected.',
      },
    ]);
  });
});

describe('Aircall export', () => {
  const UTC = { zone: 'UTC' };

  it('talk excludes ringing; missed, voicemail and unanswered dials are unanswered', () => {
    expect(calls(parseAircallCalls(AIRCALL_CALLS, UTC))).toEqual([
      // rang 15 s (14:00:00 → 14:00:15), talked to 14:05:15: 300 s
      {
        externalId: '1001',
        startMs: utc('2026-03-02T14:00:00Z'),
        answered: true,
        talkMs: 300 * S,
        holdMs: 0,
        wrapMs: 0,
        direction: 'in',
        agent: 'Jane Doe',
        contact: '+1 415-555-0101',
        system: 'aircall',
      },
      {
        externalId: '1002',
        startMs: utc('2026-03-02T14:10:00Z'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 0,
        direction: 'in',
        contact: '+1 415-555-0102',
        system: 'aircall',
      },
      {
        externalId: '1003',
        startMs: utc('2026-03-02T14:20:00Z'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 0,
        direction: 'in',
        contact: '+1 415-555-0103',
        system: 'aircall',
      },
      // no ended_at: duration 200 − ringing 20 = 180 s
      {
        externalId: '1004',
        startMs: utc('2026-03-02T14:30:00Z'),
        answered: true,
        talkMs: 180 * S,
        holdMs: 0,
        wrapMs: 0,
        direction: 'out',
        agent: 'Jane Doe',
        contact: '+1 212-555-0104',
        system: 'aircall',
      },
      {
        externalId: '1005',
        startMs: utc('2026-03-02T14:40:00Z'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 0,
        direction: 'out',
        agent: 'Jane Doe',
        contact: '+1 212-555-0105',
        system: 'aircall',
      },
    ]);
  });

  it('reads the Call History labels with an Answered column and local times', () => {
    const text = [
      '"Call ID (internal)","Call direction","Answered","Unanswered Call Reason","Started at","Answered at","Ended at","Duration","User"',
      '"3916681","Inbound","Yes","","2026-03-02 09:00:00","2026-03-02 09:00:10","2026-03-02 09:03:10","190","Jane Doe"',
      '"3916682","Inbound","No","short_abandoned","2026-03-02 09:10:00","","2026-03-02 09:10:04","4",""',
    ].join('\r\n');
    expect(calls(parseAircallCalls(text, { zone: 'Europe/Paris' })).map((c) => [c.externalId, c.answered, c.startMs, c.talkMs])).toEqual([
      ['3916681', true, utc('2026-03-02T08:00:00Z'), 180 * S],
      ['3916682', false, utc('2026-03-02T08:10:00Z'), 0],
    ]);
  });

  it('an answered call without answered_at cannot be split and is an error', () => {
    const text = 'id,direction,status,started_at,answered_at,ended_at,duration\n9,inbound,answered,1772460000,,1772460100,100\n';
    expect(errors(parseAircallCalls(text, UTC))).toEqual([
      {
        line: 2,
        message:
          "This answered call has no answered_at, so its ringing cannot be told from its talk (Aircall's duration includes ringing); export answered_at too.",
      },
    ]);
  });

  it('needs a status or an Answered column', () => {
    expect(errors(parseAircallCalls('id,direction,started_at\n1,inbound,1772460000\n', UTC))[0]!.message).toMatch(/neither whether calls were answered/);
  });
});

describe('generic call CSV', () => {
  const NY = { zone: 'America/New_York' };

  it('reads the documented format, quoted notes spanning lines included', () => {
    expect(calls(parseGenericCalls(GENERIC_CALLS, NY))).toEqual([
      {
        externalId: 'g-1',
        startMs: utc('2026-03-02T14:00:00Z'),
        answered: true,
        talkMs: 300 * S,
        holdMs: 30 * S,
        wrapMs: 60 * S,
        direction: 'out',
        agent: 'jane@acme.com',
        contact: 'Acme, Inc.',
        system: 'generic',
      },
      {
        externalId: 'g-2',
        startMs: utc('2026-03-02T14:20:00Z'),
        answered: false,
        talkMs: 0,
        holdMs: 0,
        wrapMs: 0,
        direction: 'in',
        agent: 'jane@acme.com',
        contact: '+1 212 555 0100',
        system: 'generic',
      },
      {
        externalId: 'g-3',
        startMs: utc('2026-03-02T15:00:00Z'),
        answered: true,
        talkMs: 250 * S,
        holdMs: 0,
        wrapMs: 90 * S,
        direction: 'in',
        agent: 'bob@acme.com',
        contact: 'Globex',
        system: 'generic',
      },
    ]);
  });

  it('line numbers count the physical lines of multi-line fields', () => {
    const bad = GENERIC_CALLS.replace('g-3,2026-03-02 10:00:00', 'g-3,10am');
    expect(errors(parseGenericCalls(bad, NY))).toEqual([
      { line: 5, message: 'start "10am" is not a date and time: expected ISO 8601 like 2026-03-14T09:05:00Z, or 2026-03-14 09:05:00 in America/New_York.' },
    ]);
  });

  it('refuses contradictions: unanswered with talk, answered without talk time', () => {
    const text = 'id,start,direction,answered,talk_seconds\na,2026-03-02T09:00:00Z,in,no,30\nb,2026-03-02T09:00:00Z,in,yes,\nc,2026-03-02T09:00:00Z,in,,5\n';
    expect(errors(parseGenericCalls(text, NY))).toEqual([
      { line: 2, message: 'An unanswered call has talk, hold or wrap-up time: expected 0 or empty, or answered = yes.' },
      { line: 3, message: 'talk_seconds is empty for an answered call: expected its talk time.' },
      { line: 4, message: 'answered is empty: expected yes or no.' },
    ]);
  });

  it('an unclosed quote fails the whole file', () => {
    expect(errors(parseGenericCalls('id,start,direction,answered,talk_seconds\n"a,2026-03-02T09:00:00Z,in,yes,30\n', NY))).toEqual([
      { line: 2, message: 'A quoted field opened on line 2 is never closed: a closing " is missing.' },
    ]);
  });
});

describe('bounds: a call of at most 24 hours, started from 1970 to 2100', () => {
  const UTC = { zone: 'UTC' };
  const DAY_WORDS = "a call lasts at most 24 hours: check the export's durations and their unit.";

  it('generic CSV: a talk time of 99999999999999 seconds, a day of hold plus talk, and a start in year 0001 are refused with their lines', () => {
    const text = [
      'id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds',
      'a,2026-03-02T09:00:00Z,in,yes,99999999999999,,',
      'b,2026-03-02T09:00:00Z,in,yes,86400,1,',
      'c,0001-03-02T09:00:00Z,in,yes,60,,',
      'd,2026-03-02T09:00:00Z,in,yes,86400,,',
    ].join('\n');
    expect(errors(parseGenericCalls(text, UTC))).toEqual([
      { line: 2, message: `The call's talk time is 27777777777:46:39, and ${DAY_WORDS}` },
      { line: 3, message: `The call's talk, hold and wrap-up add up to 24:00:01, and ${DAY_WORDS}` },
      { line: 4, message: 'start "0001-03-02T09:00:00Z" is outside the years Stint takes: expected a time from 1970 to the end of 2100.' },
    ]);
  });

  it('Five9: a transferred call whose rows add up to more than a day is refused on its first line', () => {
    const long = FIVE9_CALL_LOG.replace('00:04:35', '23:59:00');
    const problems = errors(parseFive9CallLog(long, { zone: 'America/Los_Angeles' }));
    expect(problems).toEqual([{ line: 2, message: `The call's talk, hold and wrap-up add up to 24:00:25, and ${DAY_WORDS}` }]);
  });

  it('Aircall: an ended_at in 2099 for a call of 2026 is refused; a start in 2101 is outside the years', () => {
    const head = 'id,direction,status,started_at,answered_at,ended_at\n';
    expect(errors(parseAircallCalls(`${head}1,inbound,answered,1772460000,1772460010,4070908800\n`, UTC))).toEqual([
      { line: 2, message: `The call's talk time is 638457:59:50, and ${DAY_WORDS}` },
    ]);
    expect(errors(parseAircallCalls(`${head}1,inbound,missed,4133980800000,,\n`, UTC))).toEqual([
      { line: 2, message: 'started_at "4133980800000" is outside the years Stint takes: expected a time from 1970 to the end of 2100.' },
    ]);
  });

  it('a call of exactly 24 hours imports', () => {
    const text = 'id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds\na,2026-03-02T09:00:00Z,in,yes,86000,300,100\n';
    expect(calls(parseGenericCalls(text, UTC))).toHaveLength(1);
  });
});

describe('deduplication and dispatch', () => {
  it('the key is system + id, so a re-import adds nothing', () => {
    const first = calls(parseZendeskTalkCalls(ZENDESK_TALK_EXPORT, { zone: 'UTC' }));
    expect(callImportKey(first[0]!)).toBe('zendesk-talk:360001');
    const stored = new Set(first.slice(0, 3).map(callImportKey));
    expect(newImportedCalls(first, stored).map((c) => c.externalId)).toEqual(['360004', '360005']);
    const all = new Set(first.map(callImportKey));
    expect(newImportedCalls(calls(parseZendeskTalkCalls(ZENDESK_TALK_EXPORT, { zone: 'UTC' })), all)).toEqual([]);
    // The same id from another system is another call.
    expect(callImportKey({ system: 'aircall', externalId: '360001' })).not.toBe(callImportKey(first[0]!));
  });

  it('parseCallLog picks the parser by format', () => {
    expect(parseCallLog('five9', FIVE9_CALL_LOG, { zone: 'America/Los_Angeles' })).toEqual(parseFive9CallLog(FIVE9_CALL_LOG, { zone: 'America/Los_Angeles' }));
    expect(calls(parseCallLog('generic', GENERIC_CALLS, { zone: 'America/New_York' }))).toHaveLength(3);
    expect(() => parseCallLog('zendesk-talk', ZENDESK_TALK_EXPORT, { zone: 'Mars/Olympus' })).toThrow(/unknown IANA time zone/);
  });
});
