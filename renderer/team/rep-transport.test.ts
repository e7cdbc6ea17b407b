import { describe, expect, it } from 'vitest';
import { createRepTransport } from './rep-transport';
import { TeamApiError, type TeamClient } from './team-client';

describe('rep transport', () => {
  it("sends the view's request to the rep's endpoint and answers the data", async () => {
    const sent: unknown[] = [];
    const client: Pick<TeamClient, 'send'> = {
      send: async (method, url, body, schema) => {
        sent.push({ method, url, body });
        return schema.parse({ data: [{ uuid: 'a' }] });
      },
    };
    const transport = createRepTransport(client, 12);
    const result = await transport.request('time.list', { from: '2026-03-02', to: '2026-03-08' });
    expect(result).toEqual({ ok: true, data: [{ uuid: 'a' }] });
    expect(sent).toEqual([{ method: 'POST', url: '/api/team/reps/12/request', body: { name: 'time.list', input: { from: '2026-03-02', to: '2026-03-08' } } }]);
  });

  it("answers a refusal (a write, another team's rep) as the view's failed request, with the server's sentence", async () => {
    const client: Pick<TeamClient, 'send'> = {
      send: async () => {
        throw new TeamApiError(403, 'forbidden', "A rep's views are read-only here.");
      },
    };
    const transport = createRepTransport(client, 12);
    expect(await transport.request('session.act', { action: 'start' })).toEqual({ ok: false, error: "A rep's views are read-only here." });
    // No events: nothing to unsubscribe from.
    expect(typeof transport.subscribe(() => {})).toBe('function');
  });

  it('a malformed answer is a failed request, not data', async () => {
    const client: Pick<TeamClient, 'send'> = { send: async (_m, _u, _b, schema) => schema.parse({ nope: 1 }) };
    const result = await createRepTransport(client, 3).request('status.get', {});
    expect(result.ok).toBe(false);
  });
});
