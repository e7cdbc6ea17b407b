import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALL_DETECTION_RULES,
  compileCallRules,
  createCallDetector,
  matchCallRule,
  type CallDetectionEvent,
  type WindowSample,
} from './call-detection';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (sec: number): number => T0 + sec * 1000;

const CODE = { app: 'Code', title: 'call-machine.ts - stint - Visual Studio Code' };
const ZOOM = { app: 'zoom.us', title: 'Zoom Meeting' };
const MEET = { app: 'Google-chrome', title: 'Meet - abc-defg-hij - Google Chrome', url: 'https://meet.google.com/abc-defg-hij' };

/** Feeds one sample per second from `startSec`; returns every event with the second it came out at. */
function script(samples: Array<Omit<WindowSample, 'timeMs'>>, options?: Parameters<typeof createCallDetector>[0]) {
  const detector = createCallDetector(options);
  const events: Array<{ atSec: number; event: CallDetectionEvent }> = [];
  samples.forEach((s, i) => {
    for (const event of detector.push({ ...s, timeMs: at(i) })) events.push({ atSec: i, event });
  });
  return { detector, events };
}

const defaults = compileCallRules(DEFAULT_CALL_DETECTION_RULES);
const ruleFor = (s: Omit<WindowSample, 'timeMs'>) => matchCallRule(defaults, s);

describe('default rules', () => {
  it.each([
    [{ app: 'zoom.us', title: 'Zoom Meeting' }, 'zoom.meeting', undefined],
    [{ app: 'zoom', title: 'Zoom Webinar' }, 'zoom.meeting', undefined],
    [{ app: 'Zoom', title: 'Zoom Meeting - 40 Minutes' }, 'zoom.meeting', undefined],
    [{ app: 'Google-chrome', title: 'Zoom - Google Chrome', url: 'https://us02web.zoom.us/wc/81234567890/join' }, 'zoom.web', undefined],
    [{ app: 'ms-teams', title: 'Call with Jane Doe | Microsoft Teams' }, 'teams.call', 'Jane Doe'],
    [{ app: 'Microsoft Edge', title: 'Meeting with Bob Smith | Microsoft Teams - Work - Microsoft Edge' }, 'teams.call', 'Bob Smith'],
    [{ app: 'Microsoft Teams', title: 'Call with Ana Lima' }, 'teams.app-call', 'Ana Lima'],
    [{ app: 'Teams', title: 'Meeting in "General" | Microsoft Teams' }, 'teams.meeting', undefined],
    [{ app: 'Teams', title: 'Meeting compact view | Microsoft Teams' }, 'teams.meeting', undefined],
    [MEET, 'meet.url', undefined],
    [{ app: 'firefox', title: 'Meet - xyz-abcd-efg — Mozilla Firefox' }, 'meet.title', undefined],
    [{ app: 'Aircall', title: 'Aircall - On call with +1 415 555 0100' }, 'aircall.app', '+1 415 555 0100'],
    [{ app: 'Aircall', title: 'Aircall 03:27' }, 'aircall.app', undefined],
    [{ app: 'Google-chrome', title: 'Aircall Workspace | In call - Google Chrome' }, 'aircall.title', undefined],
    [{ app: 'RingCentral', title: 'RingCentral - Call with Maria Garcia' }, 'ringcentral.app', 'Maria Garcia'],
    [{ app: 'Dialpad', title: 'Dialpad | Active call' }, 'dialpad.app', undefined],
    [{ app: 'Google-chrome', title: 'Five9 Agent Desktop Plus - Call in progress' }, 'five9.title', undefined],
    [{ app: 'Talkdesk Callbar', title: 'Talkdesk - Talking to Acme Corp | Talkdesk' }, 'talkdesk.app', 'Acme Corp'],
  ])('%o → %s (contact %s)', (sample, id, contact) => {
    const match = ruleFor(sample);
    expect(match?.rule.id).toBe(id);
    expect(match?.contact).toBe(contact);
  });

  it.each([
    CODE,
    { app: 'zoom.us', title: 'Zoom Workplace' }, // the idle home window
    { app: 'WINWORD', title: 'Zoom Meeting notes.docx - Word' },
    { app: 'Teams', title: 'Chat | Microsoft Teams' },
    { app: 'Teams', title: 'Calendar | Microsoft Teams' },
    { app: 'Google-chrome', title: 'Google Meet - Google Chrome', url: 'https://meet.google.com/landing' },
    { app: 'Aircall', title: 'Aircall' }, // dialer open, no call
    { app: 'Dialpad', title: 'Dialpad' },
    { app: 'Google-chrome', title: 'RingCentral pricing - Google Chrome' },
    { app: 'Slack', title: 'Connected to the internet - Slack' }, // call words without a dialer
  ])('%o is not a call', (sample) => {
    expect(ruleFor(sample)).toBeNull();
  });
});

describe('call detector', () => {
  it('opens after 2 positive samples (start = first) and closes after 4 negatives (end = first of them)', () => {
    //          0     1     2     3     4     5     6     7     8     9
    const { events, detector } = script([CODE, ZOOM, ZOOM, ZOOM, ZOOM, CODE, CODE, CODE, CODE, CODE]);
    expect(events).toEqual([
      { atSec: 2, event: { type: 'call-started', startMs: at(1), ruleId: 'zoom.meeting', label: 'Zoom meeting', app: 'zoom.us', title: 'Zoom Meeting' } },
      { atSec: 8, event: { type: 'call-ended', startMs: at(1), endMs: at(5), ruleId: 'zoom.meeting', label: 'Zoom meeting' } },
    ]);
    expect(detector.current).toBeNull();
  });

  it('ignores single positive samples flapping in', () => {
    //          0     1     2     3     4     5     6     7
    const { events } = script([ZOOM, CODE, ZOOM, CODE, ZOOM, CODE, ZOOM, ZOOM]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ atSec: 7, event: { type: 'call-started', startMs: at(6) } });
  });

  it('keeps the call open through short negative runs flapping out', () => {
    // open at 1; negatives 3-5 (3 < 4), back at 6; negatives 7, 8 then 9; positive 10; final run 11-14
    const samples = [CODE, ZOOM, ZOOM, CODE, CODE, CODE, ZOOM, CODE, CODE, CODE, ZOOM, CODE, CODE, CODE, CODE];
    const { events } = script(samples);
    expect(events.map((e) => [e.atSec, e.event.type])).toEqual([
      [2, 'call-started'],
      [14, 'call-ended'],
    ]);
    expect(events[1]!.event).toMatchObject({ startMs: at(1), endMs: at(11) });
  });

  it('a call moving from one call window to another stays one call, named after its first rule', () => {
    const { events, detector } = script([ZOOM, ZOOM, MEET, MEET, ZOOM]);
    expect(events).toHaveLength(1);
    expect(detector.current).toEqual({ startMs: at(0), ruleId: 'zoom.meeting', label: 'Zoom meeting' });
  });

  it('reports the contact captured on the first positive sample', () => {
    const teams = { app: 'ms-teams', title: 'Call with Jane Doe | Microsoft Teams' };
    const { events } = script([teams, teams, CODE, CODE, CODE, CODE]);
    expect(events.map((e) => e.event)).toEqual([
      { type: 'call-started', startMs: at(0), ruleId: 'teams.call', label: 'Microsoft Teams call', app: 'ms-teams', title: teams.title, contact: 'Jane Doe' },
      { type: 'call-ended', startMs: at(0), endMs: at(2), ruleId: 'teams.call', label: 'Microsoft Teams call', contact: 'Jane Doe' },
    ]);
  });

  it('samples need not be evenly spaced: times come from the samples', () => {
    const detector = createCallDetector();
    expect(detector.push({ ...ZOOM, timeMs: at(0) })).toEqual([]);
    expect(detector.push({ ...ZOOM, timeMs: at(30) })[0]).toMatchObject({ startMs: at(0) });
    for (const sec of [100, 101, 150]) expect(detector.push({ ...CODE, timeMs: at(sec) })).toEqual([]);
    expect(detector.push({ ...CODE, timeMs: at(151) })[0]).toMatchObject({ type: 'call-ended', endMs: at(100) });
  });

  it('close() ends an open call now, or at the first negative of a run under way', () => {
    const a = script([ZOOM, ZOOM, ZOOM]).detector;
    expect(a.close(at(60))).toEqual([{ type: 'call-ended', startMs: at(0), endMs: at(60), ruleId: 'zoom.meeting', label: 'Zoom meeting' }]);
    expect(a.close(at(61))).toEqual([]);
    const b = script([ZOOM, ZOOM, CODE, CODE]).detector;
    expect(b.close(at(60))[0]).toMatchObject({ endMs: at(2) });
  });

  it('thresholds are configurable', () => {
    const { events } = script([ZOOM, CODE, CODE], { openAfter: 1, closeAfter: 2 });
    expect(events.map((e) => [e.atSec, e.event.type])).toEqual([
      [0, 'call-started'],
      [2, 'call-ended'],
    ]);
    expect(() => createCallDetector({ openAfter: 0 })).toThrow(/openAfter must be a whole number/);
    expect(() => createCallDetector({ closeAfter: 1.5 })).toThrow(/closeAfter/);
  });

  it('refuses samples out of time order', () => {
    const detector = createCallDetector();
    detector.push({ ...CODE, timeMs: at(5) });
    expect(() => detector.push({ ...CODE, timeMs: at(4) })).toThrow(/time order/);
  });
});

describe('rules are data', () => {
  it('a team can supply its own rules, all given fields must match', () => {
    const rules = [{ id: 'softphone', label: 'Softphone call', app: '^zoiper$', title: String.raw`^Call (?<contact>\+?[\d ]+)$` }];
    const { events } = script(
      [
        { app: 'zoiper', title: 'Call +44 20 7946 0000' },
        { app: 'zoiper', title: 'Call +44 20 7946 0000' },
        { app: 'other', title: 'Call +44 20 7946 0000' },
      ],
      { rules, closeAfter: 1 },
    );
    expect(events.map((e) => [e.event.type, e.event.ruleId, e.event.contact])).toEqual([
      ['call-started', 'softphone', '+44 20 7946 0000'],
      ['call-ended', 'softphone', '+44 20 7946 0000'],
    ]);
    // Zoom is not detected with a custom rule list.
    expect(script([ZOOM, ZOOM], { rules }).events).toEqual([]);
  });

  it('bad rules are refused with the rule named', () => {
    expect(() => compileCallRules([{ id: 'x', label: 'X' }])).toThrow(/"x" gives no app, title or url pattern/);
    expect(() => compileCallRules([{ id: 'x', label: 'X', title: '(' }])).toThrow(/Call rule "x": title pattern \/\(\/ is not a valid/);
    expect(() => compileCallRules([{ id: 'x', label: 'X', url: '' }])).toThrow(/url pattern is empty/);
    expect(() =>
      compileCallRules([
        { id: 'x', label: 'X', app: 'a' },
        { id: 'x', label: 'Y', app: 'b' },
      ]),
    ).toThrow(/used twice/);
  });

  it('a url rule never matches a sample without a url', () => {
    expect(ruleFor({ app: 'Google-chrome', title: 'abc' })).toBeNull();
  });
});
