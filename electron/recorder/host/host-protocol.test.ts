import { describe, expect, it } from 'vitest';
import { fromHostSchema } from './host-protocol';

describe('the recorder host’s answers', () => {
  it('carry the code of a refusal the views word themselves: a cancelled read, a refused call action', () => {
    for (const code of ['request-cancelled', 'no-call'] as const) {
      const message = { type: 'response', id: 7, result: { ok: false, error: 'The request took longer than 30 s and was cancelled.', code } };
      expect(fromHostSchema.parse(message)).toEqual(message);
    }
    expect(fromHostSchema.safeParse({ type: 'response', id: 7, result: { ok: false, error: 'x', code: 'made-up' } }).success).toBe(false);
  });
});
