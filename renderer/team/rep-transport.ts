/**
 * The rep's views' transport on the team server: each request goes to POST /api/team/reps/:id/request, which
 * answers the read-only ones from the rep's synced records with the device's shared code and refuses the rest
 * (403). No events: the figures change only when the rep's device pushes, and the page reloads them on demand.
 */
import { z } from 'zod';
import type { ApiResult, ApiTransport, RequestInput, RequestName, ResponseMap } from '../../shared/api/contract';
import { TeamApiError, type TeamClient } from './team-client';

/** The envelope of an answer; its data is the contract's response type for the request, as on the device. */
const ANSWER_SCHEMA = z.object({ data: z.unknown() }).strict();

export function createRepTransport(client: Pick<TeamClient, 'send'>, userId: number): ApiTransport {
  return {
    async request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ApiResult<ResponseMap[N]>> {
      try {
        const answer = await client.send('POST', `/api/team/reps/${userId}/request`, { name, input }, ANSWER_SCHEMA);
        return { ok: true, data: answer.data as ResponseMap[N] };
      } catch (e) {
        return { ok: false, error: e instanceof TeamApiError || e instanceof Error ? e.message : String(e) };
      }
    },
    subscribe: () => () => {},
  };
}
