/** Issue 12 item 6: team category rules and ratings travel in the policy, validated as the device validates them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/sync/contract';
import { createHarness, type Harness } from '../test-support/harness';
import { DIALECTS } from '../test-support/test-db';

describe.each(DIALECTS)('team rules and ratings in the policy (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  it('stores a team’s rules and ratings, normalized, and hands them to its reps’ devices', async () => {
    const manager = await h.login('manager');
    const device = await h.enroll('rep');
    const policy = {
      ...DEFAULT_POLICY,
      rules: [{ id: 'crm', category: ' Team >CRM ', app: 'chrome', title: 'salesforce' }],
      ratings: [{ category: 'Team > CRM', rating: 'productive' }],
    };
    const put = await h.request({ method: 'PUT', url: '/api/policy', session: manager, payload: { team: 'A', policy } });
    expect(put.statusCode, put.body).toBe(200);
    const pulled = (await h.request({ method: 'GET', url: '/api/policy', token: device.token })).json();
    expect(pulled.policy.rules).toEqual([{ id: 'crm', category: 'Team > CRM', app: 'chrome', title: 'salesforce' }]);
    expect(pulled.policy.ratings).toEqual([{ category: 'Team > CRM', rating: 'productive' }]);
  });

  it('an older policy body without rules reads as one with none', async () => {
    const admin = await h.login('admin');
    const { rules: _r, ratings: _g, ...old } = DEFAULT_POLICY;
    const put = await h.request({ method: 'PUT', url: '/api/policy', session: admin, payload: { team: null, policy: old } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().policy).toMatchObject({ rules: [], ratings: [] });
  });

  it.each([
    ['a pattern that cannot run in linear time', { rules: [{ id: 'x', category: 'A', title: '(?=lookahead)' }] }, /Rule "x": title pattern/],
    ['a rule matching everything', { rules: [{ id: 'y', category: 'A' }] }, /gives no app, title or url pattern/],
    [
      'two rules with one id',
      {
        rules: [
          { id: 'z', category: 'A', app: 'a' },
          { id: 'z', category: 'B', app: 'b' },
        ],
      },
      /ids must be unique/,
    ],
    ['an unknown rating', { ratings: [{ category: 'A', rating: 'great' }] }, /rating must be one of/],
  ])('refuses %s with the reason, and keeps the policy in force', async (_what, change, reason) => {
    const admin = await h.login('admin');
    const before = (await h.services.policies.current(null)).version;
    const res = await h.request({ method: 'PUT', url: '/api/policy', session: admin, payload: { team: null, policy: { ...DEFAULT_POLICY, ...change } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(reason);
    expect((await h.services.policies.current(null)).version).toBe(before);
  });
});
