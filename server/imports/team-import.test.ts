import { describe, expect, it } from 'vitest';
import { FIVE9_CALL_LOG } from '../../shared/imports/fixtures/call-logs';
import { nameKey, parseTeamImport, resolveName } from './team-import';

const members = [
  { id: 1, email: 'jdoe@acme.com', name: 'Jane Doe' },
  { id: 2, email: 'asmith@acme.com', name: 'Al Smith' },
  { id: 3, email: 'al.smith2@acme.com', name: 'Al Smith' },
];

describe('resolveName', () => {
  it("takes the team's mapping first, then one member's email, then one member's name", () => {
    expect(resolveName('Dialer 7', new Map([['dialer 7', 2]]), members)).toEqual({ userId: 2, email: 'asmith@acme.com', how: 'mapped' });
    expect(resolveName('Other Team Agent', new Map([['other team agent', null]]), members)).toEqual({ userId: null, email: null, how: 'nobody' });
    expect(resolveName('Jane Doe <JDOE@acme.com>', new Map(), members)).toMatchObject({ userId: 1, how: 'email' });
    expect(resolveName('  jane   DOE ', new Map(), members)).toMatchObject({ userId: 1, how: 'name' });
    // Two members share the name: a guess would misattribute, so it is asked for.
    expect(resolveName('Al Smith', new Map(), members)).toMatchObject({ userId: null, how: 'unknown' });
    // A mapping to someone no longer on the team asks again (unless the name matches on its own).
    expect(resolveName('Dialer 7', new Map([['dialer 7', 99]]), members)).toMatchObject({ how: 'unknown' });
    expect(nameKey('  Jane\tDoe ')).toBe('jane doe');
  });
});

describe('parseTeamImport', () => {
  it('finds the source from the header and reads with the shared parser, or names none', () => {
    const five9 = parseTeamImport(new TextEncoder().encode(FIVE9_CALL_LOG), { zone: 'America/Los_Angeles' });
    expect(five9).toMatchObject({ ok: true, source: 'five9', detected: true, parsed: { kind: 'calls' } });
    const wrong = parseTeamImport(new TextEncoder().encode(FIVE9_CALL_LOG), { zone: 'UTC', source: 'salesforce-leads' });
    expect(wrong).toMatchObject({ ok: false, source: 'salesforce-leads' });
    expect(parseTeamImport(new TextEncoder().encode('a,b\n1,2\n'), { zone: 'UTC' })).toMatchObject({ ok: false, source: null, errors: [{ line: 1 }] });
  });
});
