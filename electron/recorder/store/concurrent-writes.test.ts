import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contenders, type Answer } from '../../../test-support/contenders';
import { CallsStore } from './calls-store';
import { Store } from './store';

const H = 3_600_000;
const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 0);
const ROUNDS = 60;
const CONTENDERS = 4;

/*
 * Real OS processes, each with its own connection to the same database file, send the same kind of change
 * to the same record at the same moment (released together through their stdin, not by timing): exactly one
 * wins each round, and every other one is refused with a 409 that names what stands instead.
 */
describe(`${CONTENDERS} processes changing the same record at once`, () => {
  let dir: string;
  let dbPath: string;
  let calls: string[];
  let contenders: Contenders;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stint-concurrent-'));
    dbPath = join(dir, 'stint.db');
    const store = Store.open(dbPath);
    const base = { timeZone: 'UTC', utcOffsetMin: 0, open: false };
    store.startRun('seed', 1, T0);
    const hour = (k: number) => T0 + k * H;
    store.flush({
      runId: 'seed',
      lastSeenMs: hour(ROUNDS),
      activity: [],
      idle: Array.from({ length: ROUNDS }, (_, k) => ({ ...base, uuid: `idle-${k}`, startMs: hour(k) + 10 * MIN, endMs: hour(k) + 20 * MIN })),
      sessions: Array.from({ length: ROUNDS }, (_, k) => ({
        ...base,
        uuid: `session-${k}`,
        kind: 'work' as const,
        startMs: hour(k),
        endMs: hour(k) + 50 * MIN,
        startReason: 'clock-in',
        endReason: 'clock-out',
      })),
    });
    store.endRun('seed', hour(ROUNDS), 'quit');
    const callsStore = new CallsStore(store.db, store.deviceId);
    calls = Array.from({ length: ROUNDS }, (_, k) =>
      callsStore.insert(
        {
          source: 'detected',
          direction: 'out',
          startMs: hour(k),
          endMs: hour(k) + MIN,
          wrapEndMs: hour(k) + MIN,
          answered: true,
          talkMs: MIN,
          holdMs: 0,
          wrapMs: 0,
        },
        'UTC',
        hour(k),
      ),
    );
    store.close();
    contenders = await Contenders.start(CONTENDERS, dbPath, T0 + 30 * H);
  });
  afterAll(async () => {
    await contenders?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const query = <T>(fn: (store: Store) => T): T => {
    const store = Store.open(dbPath, { mustExist: true });
    try {
      return fn(store);
    } finally {
      store.close();
    }
  };

  /** The one answer that won, after checking that every other one is a 409 whose message `refusal` expects. */
  function oneWinner(answers: Answer[], refusal: (winner: Answer) => RegExp): Answer {
    const won = answers.filter((a) => a.status === 200);
    expect(won, JSON.stringify(answers)).toHaveLength(1);
    const lost = answers.filter((a) => a.status !== 200);
    expect(lost.map((a) => a.status)).toEqual(Array(CONTENDERS - 1).fill(409));
    for (const a of lost) expect(a.body.ok ? '' : a.body.error).toMatch(refusal(won[0]!));
    return won[0]!;
  }

  it('edits of one session: one correction stands, the others are told which one to edit instead', async () => {
    for (let k = 0; k < ROUNDS; k++) {
      const answers = await contenders.race(
        Array.from({ length: CONTENDERS }, (_, j) => ({
          name: 'time.edit',
          input: { uuid: `session-${k}`, endMs: T0 + k * H + (30 + j) * MIN, reason: `edit from process ${j}` },
        })),
      );
      const winner = oneWinner(answers, (w) => {
        const uuid = w.body.ok ? (w.body.data as { uuid: string }).uuid : '';
        return new RegExp(`^session-${k} was already replaced by ${uuid}\\. Edit that one instead\\.$`);
      });
      expect(winner.body.ok).toBe(true);
    }
    const replacements = query((s) =>
      s.db.prepare("SELECT count(*), count(DISTINCT replaces_uuid) FROM corrections WHERE replaces_uuid LIKE 'session-%'").raw().get(),
    );
    expect(replacements).toEqual([ROUNDS, ROUNDS]);
  });

  it('answers to one idle prompt: one answer stands, the others are told what it was', async () => {
    const choices = ['work', 'discard', 'break'] as const;
    let breaks = 0;
    for (let k = 0; k < ROUNDS; k++) {
      const answers = await contenders.race(
        Array.from({ length: CONTENDERS }, (_, j) => ({ name: 'idle.resolve', input: { idleUuid: `idle-${k}`, choice: choices[j % choices.length] } })),
      );
      const winner = oneWinner(answers, (w) => {
        const choice = w.body.ok ? (w.body.data as { choice: string }).choice : '';
        return new RegExp(`^This idle stretch was already marked as ${choice}\\.`);
      });
      if (winner.body.ok && (winner.body.data as { choice: string }).choice === 'break') breaks += 1;
    }
    const [answers, answered, breakCorrections] = query((s) => [
      ...(s.db.prepare('SELECT count(*), count(DISTINCT idle_uuid) FROM idle_choices').raw().get() as number[]),
      s.db.prepare("SELECT count(*) FROM corrections WHERE kind = 'break' AND replaces_uuid IS NULL").pluck().get(),
    ]);
    expect([answers, answered]).toEqual([ROUNDS, ROUNDS]);
    expect(breakCorrections).toBe(breaks);
  });

  it('reviews of one detected call: one review stands, the others are refused', async () => {
    const actions = ['confirm', 'dismiss', 'confirm'] as const;
    for (const call of calls) {
      const answers = await contenders.race(
        Array.from({ length: CONTENDERS }, (_, j) => ({ name: 'calls.review', input: { uuid: call, action: actions[j % 3] } })),
      );
      const winner = oneWinner(answers, () => new RegExp(`^Call ${call} was already reviewed \\((confirm|dismiss)\\)\\.`));
      expect(winner.body).toEqual({ ok: true, data: { uuid: call } });
    }
    const reviews = query((s) => s.db.prepare('SELECT count(*), count(DISTINCT call_uuid) FROM call_reviews').raw().get());
    expect(reviews).toEqual([ROUNDS, ROUNDS]);
  });

  it('rules added at once: each gets its own id and position', async () => {
    for (let k = 0; k < ROUNDS / 2; k++) {
      const answers = await contenders.race(
        Array.from({ length: CONTENDERS }, (_, j) => ({ name: 'rules.add', input: { category: `Sales > Team ${k}-${j}`, app: `dialer-${k}-${j}` } })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(CONTENDERS).fill(200));
    }
    const [rules, ids, positions] = query(
      (s) => s.db.prepare('SELECT count(*), count(DISTINCT id), count(DISTINCT position) FROM category_rules').raw().get() as number[],
    );
    expect([rules, ids, positions]).toEqual([(ROUNDS / 2) * CONTENDERS, rules, rules]);
  });
});
