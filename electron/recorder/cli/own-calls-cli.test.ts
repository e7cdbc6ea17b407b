import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/run-cli';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-own-calls-cli-'));
  db = join(dir, 'stint.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ok(args: string[]) {
  const r = runCli([...args, '--db', db], { TZ: 'UTC' });
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('stint settings and stint calls for the rep', () => {
  it('stores who the rep is and their currency, notes on wrap-up, and filters calls by agent and review', () => {
    expect(ok(['settings', '--agent-name', 'Jane Doe', '--agent-email', 'jane@acme.com', '--agent-extension', '214', '--currency', 'eur'])).toMatch(
      /You in call logs: +Jane Doe, jane@acme\.com, extension 214\nCurrency: +EUR/,
    );
    expect(JSON.parse(ok(['settings', '--json']))).toMatchObject({
      agentName: 'Jane Doe',
      agentEmail: 'jane@acme.com',
      agentExtension: '214',
      currency: 'EUR',
    });
    expect(runCli(['settings', '--currency', 'euro', '--db', db]).stderr).toMatch(/three-letter ISO 4217/);

    ok(['calls', 'start', '--contact', 'Acme']);
    ok(['calls', 'end']);
    expect(ok(['calls', 'wrap', '--notes', 'Send the quote'])).toMatch(/Call saved/);
    const log = join(dir, 'log.csv');
    const today = new Date().toISOString().slice(0, 10);
    writeFileSync(
      log,
      [
        'id,start,direction,answered,talk_seconds,agent,contact',
        `s1,${today}T00:00:30Z,in,yes,60,Sam Lee,Globex`,
        `j1,${today}T00:00:40Z,in,yes,60,jane@acme.com,Initech`,
      ].join('\n'),
    );
    ok(['import', 'calls', log, '--format', 'generic']);
    const list = (extra: string[]) =>
      JSON.parse(ok(['calls', 'list', '--from', 'today', '--to', 'today', '--json', ...extra])) as { contact?: string; notes?: string }[];
    expect(list([]).find((c) => c.contact === 'Acme')?.notes).toBe('Send the quote');
    expect(list(['--agent', 'sam lee']).map((c) => c.contact)).toEqual(['Globex']);
    expect(list(['--agent', 'me']).map((c) => c.contact)).not.toContain('Globex');
    expect(list(['--review', 'pending'])).toEqual([]);
    expect(ok(['calls', 'list', '--from', 'today', '--to', 'today', '--review', 'dismissed'])).toMatch(/No calls/);
    expect(runCli(['calls', 'list', '--review', 'maybe', '--db', db]).code).not.toBe(0);

    // The rep's own figures: the call timed here and Jane's imported call, not Sam's.
    const report = (extra: string[]) => JSON.parse(ok(['report', 'calls', '--from', 'today', '--to', 'today', '--json', ...extra])) as { calls: number };
    expect(report([]).calls).toBe(3);
    expect(report(['--mine']).calls).toBe(2);
    expect(ok(['report', 'calls', '--from', 'today', '--to', 'today', '--mine'])).toMatch(/^Your calls /);
  });
});
