import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/run-cli';
import { recorderHarness } from '../testing/recorder-harness';

const S = 1000;
const MIN = 60 * S;

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-idle-cli-'));
  db = join(dir, 'stint.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ok(args: string[]): string {
  const r = runCli([...args, '--db', db], { TZ: 'UTC' });
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** A recorded work session half an hour ago with a 12-minute and an 8-second idle stretch. */
async function seed(): Promise<void> {
  const h = recorderHarness({ dbPath: db, startMs: Date.now() - 30 * MIN, idleThresholdMs: 5 * S });
  h.windows.set({ app: 'code', title: 'x.ts' });
  h.recorder.start();
  await h.clock.advance(10 * S);
  h.idle.input();
  await h.clock.advance(12 * MIN);
  h.idle.input();
  await h.clock.advance(10 * S);
  h.idle.input();
  await h.clock.advance(8 * S);
  h.idle.input();
  await h.clock.advance(10 * S);
  await h.recorder.stop();
  h.store.close();
}

describe('stint idle', () => {
  it('lists only stretches as long as the prompt threshold and resolves one by the beginning of its id, as the views do', async () => {
    await seed();
    const listed = JSON.parse(ok(['idle', 'list', '--json'])) as { uuid: string; startMs: number; endMs: number }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]!.endMs - listed[0]!.startMs).toBeGreaterThanOrEqual(12 * MIN);
    const text = ok(['idle', 'list']);
    expect(text).toContain(listed[0]!.uuid);
    expect(text).toMatch(/0:12:0\d/);

    expect(ok(['idle', 'resolve', listed[0]!.uuid.slice(0, 8), 'break'])).toMatch(/moved to breaks/);
    expect(ok(['idle', 'list'])).toBe('No idle time waits for an answer.\n');
    // Twice: the API's own refusal.
    const again = runCli(['idle', 'resolve', listed[0]!.uuid, 'work', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already marked as break/);
    const bad = runCli(['idle', 'resolve', listed[0]!.uuid, 'lunch', '--db', db]);
    expect(bad.code).not.toBe(0);
  });

  it('changes the idle policy and recording outside sessions with `stint settings`, showing the values in force', () => {
    ok(['settings', '--idle-prompt', '15', '--idle-auto-pause', 'off', '--record-outside-sessions', 'on']);
    const shown = ok(['settings']);
    expect(shown).toMatch(/Idle prompt: +after 15 min idle/);
    expect(shown).toMatch(/Idle pause: +never/);
    expect(shown).toMatch(/Outside sessions: +on: recorded for your eyes only/);
    expect(JSON.parse(ok(['settings', '--json']))).toMatchObject({ idlePromptMinutes: 15, idleAutoPauseMinutes: null, recordOutsideSessions: true });
    const refused = runCli(['settings', '--idle-prompt', '0', '--db', db]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/whole minutes, 1 to 720/);
  });
});
