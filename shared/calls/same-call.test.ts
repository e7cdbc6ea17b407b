import { describe, expect, it } from 'vitest';
import { duplicateImports, isOwnAgent, SAME_CALL_TOLERANCE_MS } from './same-call';

const me = { agentName: 'Dana Reyes', agentEmail: 'dana@acme.test', agentExtension: '214' };

describe('the rep in call logs and CRM reports', () => {
  it('is the agent named by any of their name, email or extension, whatever the case and spacing', () => {
    expect(isOwnAgent('Dana Reyes', me)).toBe(true);
    expect(isOwnAgent('  dana   REYES ', me)).toBe(true);
    expect(isOwnAgent('DANA@acme.test', me)).toBe(true);
    expect(isOwnAgent('Dana Reyes <dana@acme.test>', me)).toBe(true);
    expect(isOwnAgent('ext. 214', me)).toBe(true);
    expect(isOwnAgent('214', me)).toBe(true);
    expect(isOwnAgent('Sam Lee', me)).toBe(false);
    expect(isOwnAgent('2140', me)).toBe(false);
    expect(isOwnAgent(null, me)).toBe(false);
  });

  it('is nobody until the rep says who they are', () => {
    expect(isOwnAgent('Dana Reyes', { agentName: null, agentEmail: null, agentExtension: null })).toBe(false);
  });
});

describe('the same call timed here and in a call log', () => {
  const at = (min: number) => Date.UTC(2026, 2, 2, 9, min);
  it('pairs calls that overlap or start within the tolerance, and never across different numbers', () => {
    const local = [
      { startMs: at(0), endMs: at(5), phone: '+1 415 555 0101' },
      { startMs: at(30), endMs: at(31), phone: null },
      { startMs: at(50), endMs: at(52), phone: '+1 415 555 0199' },
    ];
    const imported = [
      // The dialer logs the same call 40 s later, its number written differently.
      { startMs: at(0) + 40_000, endMs: at(4), phone: '(415) 555-0101' },
      // Starts within the tolerance of a call with no number.
      { startMs: at(30) + SAME_CALL_TOLERANCE_MS - 1000, endMs: at(33), phone: '+1 212 555 0000' },
      // Overlaps in time but is another number: two calls.
      { startMs: at(51), endMs: at(53), phone: '+1 212 555 0111' },
      // Far from every local call.
      { startMs: at(90), endMs: at(95), phone: null },
    ];
    expect([...duplicateImports(local, imported)]).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('pairs each call once, with the closest start', () => {
    const local = [{ startMs: at(0), endMs: at(10), phone: null }];
    const imported = [
      { startMs: at(1), endMs: at(9), phone: null },
      { startMs: at(0) + 5000, endMs: at(10), phone: null },
    ];
    expect([...duplicateImports(local, imported)]).toEqual([[1, 0]]);
  });
});
